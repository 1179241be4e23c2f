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

from pipeline.core.facts.lexicon import STOPWORDS, SUFFIX_RULES, SYMBOL_WORDS, WORD_VARIANTS

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_PER_CENT = re.compile(r"\bper\s+cent\b")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

__all__ = ["STOPWORDS", "canonical_word", "content_stems", "fold", "quote_tokens", "stem"]


def fold(text: str) -> str:
    """Lowercase, strip accents and unify apostrophes and symbols so outlets' styles compare."""
    text = text.translate(_APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    for symbol, word in SYMBOL_WORDS:
        text = text.replace(symbol, word)
    return _PER_CENT.sub("percent", text)


@lru_cache(maxsize=500_000)
def canonical_word(word: str) -> str:
    """One spelling per word: British and American variants map to the same token."""
    if word in WORD_VARIANTS:
        return WORD_VARIANTS[word]
    if len(word) <= 4 or word.isdigit():
        return word
    for pattern, repl in SUFFIX_RULES:
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
