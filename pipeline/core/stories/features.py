"""What a document shares with others of its story: names, rare terms, quoted words, numbers.

Each document becomes a list of typed features (`kind:key`), weighted later by rarity:

* `e:` a named actor or place: a run of capitalised words that is not a sentence opener, title,
  day or month ("Treasury Secretary Nora Vance said" → `e:treasury`, `e:nora vance`, `e:vance`);
* `q:` four words in order from a quotation ("“we will rebuild every school”" → `q:we will
  rebuild every`, ...), the strongest sign two articles carry the same statement;
* `n:` a number written with digits ("7.4", "52-48", "$3.5 million" → `n:7.4`, `n:52-48`, `n:3.5`);
* `t:` a stemmed content word that is not generic news vocabulary (`t:dam`, `t:vaccin`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.facts.wording import STOPWORDS, canonical_word, fold, stem
from pipeline.core.stories.lexicon import GENERIC_NEWS_TERMS, NON_ENTITY_WORDS

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_CAP_TOKEN = r"(?:[A-Z][\w’'\-]*\.?|[A-Z]{2,}|[A-Z]\.)"
_ENTITY_RUN = re.compile(rf"{_CAP_TOKEN}(?:\s+(?:(?:of|de|del|da|van|von|al|bin|la|le)\s+)?"
                         rf"{_CAP_TOKEN})*")
_QUOTED = re.compile(r"[“\"]([^“”\"]{12,600})[”\"]")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:[-–]\d[\d,]*(?:\.\d+)?)?")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
QUOTE_SHINGLE = 4
MAX_ENTITY_WORDS = 5
_CONNECTORS = frozenset({"of", "de", "del", "da", "van", "von", "al", "bin", "la", "le"})


def _clean_entity_token(token: str) -> str:
    return token.strip(".’'").replace("’", "'").removesuffix("'s")


def _is_title_case(sentence: str) -> bool:
    """A headline in title case ("Trade Talks Stall as Envoys Meet"): capitals mark no names."""
    words = _WORD.findall(sentence)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _entity_names(run: str, at_sentence_start: bool) -> list[list[str]]:
    """A capitalised run split at titles and openers: "US Treasury Secretary Tomas Ekdahl" →
    [US Treasury], [Tomas Ekdahl]; a lone common word opening the sentence is no name."""
    names: list[list[str]] = [[]]
    for raw in run.split():
        word = _clean_entity_token(raw)
        base = word.split("'")[0].lower()
        if word in _CONNECTORS:
            names[-1].append(word)
        elif not word or base in NON_ENTITY_WORDS or base.removesuffix("s") in NON_ENTITY_WORDS:
            names.append([])
        else:
            names[-1].append(word)
    out = []
    for i, words in enumerate(names):
        while words and words[0].lower() in _CONNECTORS:
            words.pop(0)
        while words and words[-1].lower() in _CONNECTORS:
            words.pop()
        if not words:
            continue
        if i == 0 and at_sentence_start and len(words) == 1:
            word = words[0].lower()
            if word in STOPWORDS or word.endswith(("ly", "ing", "ed")):
                continue
        out.append(words)
    return out


def entity_features(sentence: str) -> list[str]:
    """Capitalised runs minus openers and titles: the full name and each of its words.

    "Prime Minister Ana Duarte said" → `e:Ana Duarte`, `e:Ana`, `e:Duarte`; "Bank of Lusitania"
    stays one name (`e:Bank of Lusitania`, `e:Bank`, `e:Lusitania`).
    """
    out: list[str] = []
    for m in _ENTITY_RUN.finditer(sentence):
        for words in _entity_names(m.group(), not sentence[: m.start()].strip()):
            if len(words) > MAX_ENTITY_WORDS:
                continue
            if len(words) > 1:
                out.append("e:" + " ".join(words))
            out.extend("e:" + w for w in words if w.lower() not in _CONNECTORS and len(w) > 1)
    return out


def quote_features(text: str) -> list[str]:
    """Four-word runs of quoted passages (folded): two outlets quoting one statement meet."""
    out: list[str] = []
    for m in _QUOTED.finditer(text):
        words = [canonical_word(w) for w in _WORD.findall(fold(m.group(1)))]
        for i in range(len(words) - QUOTE_SHINGLE + 1):
            gram = words[i:i + QUOTE_SHINGLE]
            if sum(w not in STOPWORDS for w in gram) >= 2:
                out.append("q:" + " ".join(gram))
    return out


def number_features(text: str) -> list[str]:
    """Numbers written with digits, grouping commas removed; small counts (< 10) say nothing."""
    out: list[str] = []
    for m in _NUMBER.finditer(text):
        value = m.group().replace(",", "").replace("–", "-")
        if "-" not in value and "." not in value and len(value) < 2:
            continue
        out.append("n:" + value)
    return out


@lru_cache(maxsize=200_000)
def _term(word: str) -> str | None:
    folded = canonical_word(fold(word))
    if len(folded) < 3 or folded in STOPWORDS or folded in GENERIC_NEWS_TERMS:
        return None
    stemmed = stem(folded)
    return None if stemmed in GENERIC_NEWS_TERMS else stemmed


def term_features(sentence: str, keep_capitalised: bool = False) -> list[str]:
    """Stemmed lowercase content words; capitalised words are the entities' business, except in
    a title-case headline (`keep_capitalised`)."""
    out: list[str] = []
    for m in _WORD.finditer(sentence):
        word = m.group()
        if word[0].isupper() and not keep_capitalised:
            continue
        term = _term(word)
        if term:
            out.append("t:" + term)
    return out


def document_features(title: str | None, text: str) -> list[str]:
    """Every feature of one article, the headline counted with the body."""
    body = f"{title}.\n{text}" if title else text
    entities: list[str] = []
    terms: list[str] = []
    for sentence in _SENTENCE_END.split(body):
        if _is_title_case(sentence):
            terms.extend(term_features(sentence, keep_capitalised=True))
        else:
            entities.extend(entity_features(sentence))
            terms.extend(term_features(sentence))
    return entities + quote_features(body) + number_features(body) + terms


def feature_keys(features: list[str]) -> list[str]:
    """Comparable forms of features: entities compare without case ("EKDAHL" = "Ekdahl")."""
    return [f.lower() if f.startswith("e:") else f for f in features]
