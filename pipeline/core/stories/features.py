"""What a document shares with others of its story: names, rare terms, quoted words, numbers.

Each document becomes a list of typed features (`kind:key`), weighted later by rarity:

* `e:` a named actor or place: a run of capitalised words that is not a sentence opener, title,
  day or month ("Treasury Secretary Nora Vance said" → `e:treasury`, `e:nora vance`, `e:vance`);
* `q:` four words in order from a quotation ("“we will rebuild every school”" → `q:we will
  rebuild every`, ...), the strongest sign two articles carry the same statement;
* `n:` a number written with digits ("7.4", "52-48", "$3.5 million" → `n:7.4`, `n:52-48`, `n:3.5`);
* `t:` a stemmed content word that is not generic news vocabulary (`t:dam`, `t:vaccin`);
* `c:` a central name word, one of the lead (headline and first sentence) or written twice or
  more (`central_words`): no weight in the vector, it marks what the article is about
  (`cluster`: an article about a place or actor the story is never about, which is not about
  the story's own, reports another event; a name written once in passing decides nothing);
* `l:` a name word of the lead alone, also without weight: the words a story opens with must
  be central to an article of the same event.

Name words that say what kind of body or place is named ("Bank", "Agency", "Sea",
`NAME_DESIGNATORS`) are never central or lead words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.facts.wording import STOPWORDS, canonical_word, fold, stem
from pipeline.core.stories.lexicon import (
    GENERIC_NEWS_TERMS,
    NAME_CONNECTORS,
    NAME_DESIGNATORS,
    NON_ENTITY_WORDS,
)

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_CAP_TOKEN = r"(?:[A-Z][\w’'\-]*\.?|[A-Z]{2,}|[A-Z]\.)"
_CONNECTOR = "|".join(sorted(NAME_CONNECTORS))
_ENTITY_RUN = re.compile(rf"{_CAP_TOKEN}(?:\s+(?:(?:{_CONNECTOR})\s+)?{_CAP_TOKEN})*")
_CAP_WORD = re.compile(rf"(?<![\w’'\-]){_CAP_TOKEN}")
_QUOTED = re.compile(r"[“\"]([^“”\"]{12,600})[”\"]")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:[-–]\d[\d,]*(?:\.\d+)?)?")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
QUOTE_SHINGLE = 4
MAX_ENTITY_WORDS = 5


def _clean_entity_token(token: str) -> str:
    return token.strip(".’'").replace("’", "'").removesuffix("'s")


def _is_title_case(sentence: str) -> bool:
    """A headline in title case ("Trade Talks Stall as Envoys Meet"): capitals mark no names."""
    words = _WORD.findall(sentence)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _entity_names(run: str, at_sentence_start: bool,
                  mid_capitals: frozenset[str] | None = None) -> list[list[str]]:
    """A capitalised run split at titles and openers: "US Treasury Secretary Tomas Ekdahl" →
    [US Treasury], [Tomas Ekdahl]; a lone common word opening the sentence is no name.

    `mid_capitals` (the words the article capitalises inside a sentence) truecases the first
    word: "Workers at Olvena Mills walked out", "Residents of Tarrow were told" open with a
    common noun, which the article never capitalises mid-sentence, so it names nothing
    (→ [Olvena Mills], [Tarrow]); "Delia Marquand said" keeps its first name (a two-word name)."""
    tokens = run.split()
    if at_sentence_start and mid_capitals is not None and tokens:
        first = _clean_entity_token(tokens[0])
        follows = tokens[1] if len(tokens) > 1 else None
        possessive = tokens[0].endswith(("'s", "’s")) and first.lower() not in STOPWORDS
        if (first and first not in mid_capitals and not possessive
                and (follows is None or follows in NAME_CONNECTORS)):
            tokens = tokens[1:]
            at_sentence_start = False
    names: list[list[str]] = [[]]
    for raw in tokens:
        word = _clean_entity_token(raw)
        base = word.split("'")[0].lower()
        if word in NAME_CONNECTORS:
            names[-1].append(word)
        elif not word or base in NON_ENTITY_WORDS or base.removesuffix("s") in NON_ENTITY_WORDS:
            names.append([])
        else:
            names[-1].append(word)
    out = []
    for i, words in enumerate(names):
        while words and words[0].lower() in NAME_CONNECTORS:
            words.pop(0)
        while words and words[-1].lower() in NAME_CONNECTORS:
            words.pop()
        if not words:
            continue
        if i == 0 and at_sentence_start and len(words) == 1:
            word = words[0].lower()
            if word in STOPWORDS or word.endswith(("ly", "ing", "ed")):
                continue
        out.append(words)
    return out


def _split_long(words: list[str]) -> list[list[str]]:
    """A run too long for one name is several names joined by a connector: "Hael Tinallin of
    Marcas Capital" → [Hael Tinallin], [Marcas Capital]; without a connector it is dropped (a
    run of capitals such as a shouted headline)."""
    parts: list[list[str]] = [[]]
    for w in words:
        if w in NAME_CONNECTORS:
            parts.append([])
        else:
            parts[-1].append(w)
    return [p for p in parts if p and len(parts) > 1 and len(p) <= MAX_ENTITY_WORDS]


def entity_features(sentence: str, mid_capitals: frozenset[str] | None = None) -> list[str]:
    """Capitalised runs minus openers and titles: the full name and each of its words.

    "Prime Minister Ana Duarte said" → `e:Ana Duarte`, `e:Ana`, `e:Duarte`; "Bank of Lusitania"
    stays one name (`e:Bank of Lusitania`, `e:Bank`, `e:Lusitania`). `mid_capitals`: see
    `_entity_names`.
    """
    out: list[str] = []
    for m in _ENTITY_RUN.finditer(sentence):
        for name in _entity_names(m.group(), not sentence[: m.start()].strip(), mid_capitals):
            for words in [name] if len(name) <= MAX_ENTITY_WORDS else _split_long(name):
                if len(words) > 1:
                    out.append("e:" + " ".join(words))
                out.extend("e:" + w for w in words
                           if w.lower() not in NAME_CONNECTORS and len(w) > 1)
    return out


def mid_sentence_capitals(sentences: list[str]) -> frozenset[str]:
    """Capitalised words an article writes inside a sentence (not first): its names."""
    out: set[str] = set()
    for sentence in sentences:
        for m in _CAP_WORD.finditer(sentence):
            if sentence[: m.start()].strip():
                out.add(_clean_entity_token(m.group()))
    return frozenset(out)


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
    sentences = _SENTENCE_END.split(body)
    prose = [s for s in sentences if not _is_title_case(s)]
    capitals = mid_sentence_capitals(prose)
    lead: list[str] = []
    lead_sentences = 2 if title else 1  # the headline and the first sentence of the body
    for i, sentence in enumerate(sentences):
        if _is_title_case(sentence):
            terms.extend(term_features(sentence, keep_capitalised=True))
        else:
            names = entity_features(sentence, capitals)
            entities.extend(names)
            terms.extend(term_features(sentence))
            if i < lead_sentences:
                lead.extend(names)
    central = central_words(lead, entities)
    return (entities + quote_features(body) + number_features(body) + terms
            + ["c:" + w for w in central]
            + ["l:" + w for w in sorted({w for w in name_words(lead) if _distinctive(w)})])


def name_words(names: list[str]) -> list[str]:
    """The single words of names ("Ostrava Nui" gives `e:Ostrava Nui`, `e:Ostrava`, `e:Nui` →
    Ostrava, Nui), compared without case."""
    return [f[2:].lower() for f in names if " " not in f]


def central_words(lead: list[str], names: list[str]) -> list[str]:
    """The name words an article is about: those of its lead, and those it writes twice or more.

    News opens with who and where and comes back to them: "A quake struck Ostrava Nui ... The
    mayor of Ostrava Nui said" makes Ostrava and Nui central. A name written once after the
    lead is mentioned in passing: "It came days after a similar quake in Tallis" or "Separately,
    the minister was in Brasko" do not make the article about Tallis or Brasko.
    """
    counts: dict[str, int] = {}
    for w in name_words(names):
        counts[w] = counts.get(w, 0) + 1
    words = set(name_words(lead)) | {w for w, n in counts.items() if n >= 2}
    return sorted(w for w in words if _distinctive(w))


def _distinctive(word: str) -> bool:
    """A name word that tells which body or place, not what kind ("Brasko", not "Bank")."""
    base = word.split("'")[0]
    return not ({base, base.removesuffix("s")} & (NAME_DESIGNATORS | GENERIC_NEWS_TERMS))


def feature_keys(features: list[str]) -> list[str]:
    """Comparable forms of features: entities compare without case ("EKDAHL" = "Ekdahl")."""
    return [f.lower() if f.startswith("e:") else f for f in features]
