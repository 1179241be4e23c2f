"""Shared text helpers: word counts, paragraphs and sentence spans over cleaned text."""

from __future__ import annotations

import re
from bisect import bisect_right

from pipeline.core.text.lexicon import ABBREVIATIONS

_WORD = re.compile(r"\w+(?:[’'\-.]\w+)*", re.UNICODE)

# A run of ! ? . is tried from its start only (a match from inside a run also matches from its
# start), and one space ahead is enough: "........x" of 40 KB no longer costs a scan per dot.
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+[\"”’')\]]*(?=\s|$)")
# The runs of word characters and dots, to find the word before a period without a search
# from the sentence start at every period (quadratic while abbreviations keep it open).
_WORD_RUN = re.compile(r"[\w.]+")

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
    """Sentence (start, end) offsets; never crosses a paragraph (line) boundary.

    Linear in the paragraph: "Mr. Mr. Mr. ..." (abbreviations that end no sentence) or
    ". . . ..." of 240 KB took the figures stage past its time budget when each period searched
    the sentence so far and copied the rest of the paragraph.
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        para = text[p_start:p_end]
        runs = [(m.start(), m.end()) for m in _WORD_RUN.finditer(para)]
        run_starts = [a for a, _ in runs]
        start = 0
        for m in _SENTENCE_END.finditer(para):
            end = m.end()
            word = _word_before_period(para, runs, run_starts, start, m.start())
            if m.group().startswith(".") and word and word.lower() in ABBREVIATIONS:
                continue
            if word and len(word) == 1 and word.isupper():
                continue  # an initial: "John F. Kennedy"
            nxt = end
            while nxt < len(para) and para[nxt].isspace():
                nxt += 1
            if nxt < len(para) and para[nxt].islower():
                continue
            spans.append((p_start + start, p_start + end))
            start = end
            while start < len(para) and para[start].isspace():
                start += 1
        if start < len(para):
            spans.append((p_start + start, p_end))
    return spans


def _word_before_period(para: str, runs: list[tuple[int, int]], run_starts: list[int],
                        start: int, at: int) -> str | None:
    r"""The word and dots before the period at `at`, within the sentence that began at `start`:
    what `re.search(r"([\w.]+)\.$", para[start:at + 1])` finds ("U.S" before "U.S.", "Mr"
    before "Mr."), from the run of word characters and dots that holds `at`; None when the
    character at `at` is not a period or nothing stands before it."""
    if para[at] != ".":
        return None
    i = bisect_right(run_starts, at) - 1  # the run holding the period (a dot is in [\w.])
    begin = max(runs[i][0], start)
    return para[begin:at] if begin < at else None
