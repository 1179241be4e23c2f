"""Shared text helpers: word counts, paragraphs and sentence spans over cleaned text."""

from __future__ import annotations

import re

from pipeline.core.text.lexicon import ABBREVIATIONS

_WORD = re.compile(r"\w+(?:[’'\-.]\w+)*", re.UNICODE)

_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+|$)")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: cleaned text keeps one paragraph per line."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line.rstrip())))
        pos = end + 1
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; never crosses a paragraph (line) boundary."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        para = text[p_start:p_end]
        start = 0
        for m in _SENTENCE_END.finditer(para):
            end = m.end()
            word = re.search(r"([\w.]+)\.$", para[start : m.start() + 1])
            if m.group().startswith(".") and word and word.group(1).lower() in ABBREVIATIONS:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue  # an initial: "John F. Kennedy"
            nxt = para[end:].lstrip()
            if nxt and nxt[0].islower():
                continue
            spans.append((p_start + start, p_start + end))
            start = end
            while start < len(para) and para[start].isspace():
                start += 1
        if start < len(para):
            spans.append((p_start + start, p_end))
    return spans

