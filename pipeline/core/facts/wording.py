"""Text normalisation for fact matching: quote wording and the words around a figure.

Outlets quote the same words with different punctuation, quotation marks, spelling (British or
American) and number styles. Matching therefore works on token sequences that erase those
differences. Canonicalisation only has to be consistent (both sides get the same treatment),
not linguistically right: "promise" becoming "promize" is harmless, because every outlet's
"promise" becomes the same token.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_PER_CENT = re.compile(r"\bper\s+cent\b")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_SYMBOL_WORDS = (("%", " percent "), ("&", " and "), ("$", " dollar "), ("£", " pound "),
                 ("€", " euro "))

# Whole-word British → American spellings that suffix rules below do not reach.
_WORD_VARIANTS = {
    "aluminium": "aluminum", "programme": "program", "programmes": "programs", "grey": "gray",
    "tyre": "tire", "tyres": "tires", "cheque": "check", "cheques": "checks", "kerb": "curb",
    "plough": "plow", "sceptic": "skeptic", "sceptical": "skeptical", "mould": "mold",
    "storey": "story", "jewellery": "jewelry", "pyjamas": "pajamas", "draught": "draft",
    "manoeuvre": "maneuver", "whilst": "while", "amongst": "among",
    "gaol": "jail", "analogue": "analog", "catalogue": "catalog", "dialogue": "dialog",
    "ageing": "aging", "judgement": "judgment", "acknowledgement": "acknowledgment",
    "enquiry": "inquiry", "enquiries": "inquiries", "fulfil": "fulfill", "enrol": "enroll",
    "instalment": "installment", "skilful": "skillful", "wilful": "willful",
}
_SUFFIX_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=\w{3})our(s|ed|ing|able|ite|ites)?$"), r"or\1"),     # honour, favourite
    (re.compile(r"(?<=\w{2})is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),  # realise
    (re.compile(r"(?<=\w{2})ys(e|ed|es|ing)$"), r"yz\1"),                   # analyse
    (re.compile(r"(?<=\w{2})([tb])re(s|d)?$"), r"\1er\2"),                  # centre, fibre
    (re.compile(r"(?<=\w{3})ence$"), "ense"),                               # defence, licence
    (re.compile(r"(?<=\w{2}[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),           # travelled
    (re.compile(r"(?<=\w{2})ogue$"), "og"),                                 # catalogue
)

# Words that carry no information about what a figure measures or which utterance it is.
STOPWORDS = frozenset(word for word in """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves s t ll d ve re m don didn doesn isn us
wasn weren won wouldn shouldn couldn may might must shall upon per via among amid
said says say saying told tells tell according added adds noted stated explained wrote
reported reports report announced percent percentage cent dollar dollars pound pounds euro
euros million millions billion billions trillion thousand thousands hundred hundreds dozen
dozens one two three four five six seven eight nine ten eleven twelve first second third
around nearly almost roughly approximately least most than up just some
""".split())  # noqa: SIM905


def fold(text: str) -> str:
    """Lowercase, strip accents and unify apostrophes and symbols so outlets' styles compare."""
    text = text.translate(_APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    for symbol, word in _SYMBOL_WORDS:
        text = text.replace(symbol, word)
    return _PER_CENT.sub("percent", text)


@lru_cache(maxsize=500_000)
def canonical_word(word: str) -> str:
    """One spelling per word: British and American variants map to the same token."""
    if word in _WORD_VARIANTS:
        return _WORD_VARIANTS[word]
    if len(word) <= 4 or word.isdigit():
        return word
    for pattern, repl in _SUFFIX_RULES:
        new = pattern.sub(repl, word)
        if new != word:
            return new
    return word


def _digits(word: str) -> str:
    return word.replace(",", "")


@lru_cache(maxsize=100_000)
def quote_tokens(text: str) -> tuple[str, ...]:
    """The quote's words in order, free of punctuation, case, quote style and spelling variant.

    Numbers keep their digits ("1,500" → "1500"); "%" becomes "percent" so "30%" and
    "30 percent" agree. Function words stay: they matter for telling utterances apart.
    """
    folded = re.sub(r"(?<=\d),(?=\d{3})", "", fold(text))
    return tuple(canonical_word(w) for w in _TOKEN.findall(folded))


def stem(word: str) -> str:
    """A crude, consistent stem so "lowered", "lowering" and "lowers" share a token."""
    for suffix in ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def content_stems(text: str) -> list[str]:
    """Content-word stems in order (no stopwords, no bare numbers): what a phrase is about."""
    out: list[str] = []
    for word in quote_tokens(text):
        if word in STOPWORDS or word.isdigit() or len(word) < 2:
            continue
        out.append(stem(word))
    return out
