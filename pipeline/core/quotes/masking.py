"""Masking quoted words and splitting the writer's own words into sentences."""

from __future__ import annotations

import re

from pipeline.core.quotes.marks import QuoteSpan
from pipeline.core.quotes.model import _MASK, _SENTENCE_BREAK
from pipeline.core.text.lexicon import ABBREVIATIONS


def _mask_paragraph(text: str, p_start: int, p_end: int, spans: list[QuoteSpan]) -> str:
    """The paragraph with every quoted word replaced by underscores (offsets unchanged)."""
    parts: list[str] = []
    pos = p_start
    for sp in spans:
        parts.append(text[pos : sp.start])
        inner = text[sp.start : sp.end]
        keep_final = inner[-1] in ".!?…"
        body_len = len(inner) - (1 if keep_final else 0)
        parts.append(_MASK * body_len)
        if keep_final:
            parts.append(inner[-1])
        pos = sp.end
    parts.append(text[pos:p_end])
    return "".join(parts)


def _sentence_starts(masked: str) -> list[int]:
    """Offsets (within the paragraph) where a writer's sentence starts."""
    starts = [0]
    for m in _SENTENCE_BREAK.finditer(masked):
        before = masked[max(0, m.start() - 12) : m.start()]
        word = re.search(r"([\w.]+)$", before)
        if masked[m.start()] == "." and word:
            w = word.group(1).lower()
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
        starts.append(m.end())
    return starts


