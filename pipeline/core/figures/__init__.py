"""The figures stage: numbers reported in the text, with unit, qualifier and what they measure.

Modules: `numbers` (number words and digits), `dates` (dates and years against publication),
`units` (unit and currency tables), `context` (qualifiers and what is measured), `model` (the
`Figure` row and the candidate it is built from), `unit_after` (the unit, currency or percent
after a number), `pairs` (change pairs and ranges), `extract` (the extractor), `lexicon`
(every word list).
"""

from pipeline.core.figures.extract import (
    FIGURES_VERSION,
    MAX_FIGURES_PER_DOCUMENT,
    MAX_SENTENCE_CHARS,
    Extraction,
    SentenceError,
    extract_figures,
    extract_figures_checked,
)
from pipeline.core.figures.model import Figure

__all__ = ["FIGURES_VERSION", "MAX_FIGURES_PER_DOCUMENT", "MAX_SENTENCE_CHARS", "Extraction",
           "Figure", "SentenceError", "extract_figures", "extract_figures_checked"]
