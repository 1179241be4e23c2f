"""The language of a document (ISO 639-1), from py3langid's model shipped in the package.

py3langid (a maintained fork of langid.py) is a naive Bayes model over byte n-grams for 97
languages, about 4.5 MB installed and 1–2 ms for a few hundred words; lingua is more accurate
on very short text but installs about 100 MB of models and was ten times slower on articles
(README, "Libraries"). Articles are 40 words and more, where both agree.
"""

from __future__ import annotations

from functools import lru_cache

# Characters of the text looked at: a language shows in its first paragraphs, and the cost
# stays bounded on a very long document.
SAMPLE_CHARS = 4000
# Below this normalised probability the detector is guessing (a text of names and numbers):
# the language is left null, and the document is treated as English by the extractors.
MIN_CONFIDENCE = 0.8
ENGLISH = "en"


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text` ("en", "de", "fr"), or None when the detector is unsure.

    Deterministic: the same text gives the same code on every machine (a fixed model, no
    sampling).
    """
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    code, confidence = _identifier().classify(sample)
    return str(code) if float(confidence) >= MIN_CONFIDENCE else None


def is_english(language: object) -> bool:
    """Whether the English extractors should read a document: English or unknown."""
    return not isinstance(language, str) or not language or language == ENGLISH
