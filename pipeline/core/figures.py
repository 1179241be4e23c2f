"""Figure extraction: numbers a reader would cite, normalised and qualified.

First version: digits with percent, currency, and time units. Later work (issue 5) adds number
words, dates, quantities, measured noun phrases and change pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.core.text import sentence_spans

FIGURES_VERSION = "1"

KINDS = ("percent", "money", "count", "duration", "date", "year", "quantity")
ROLES = ("from", "to", "by")


@dataclass(frozen=True)
class Figure:
    surface: str
    start: int
    end: int
    kind: str
    value: float | None
    unit: str | None = None
    qualifier: str | None = None
    measured: str | None = None
    date: str | None = None
    sentence: str = ""
    role: str | None = None  # from / to / by in a change ("from 145% to 30%")
    linked: int | None = None  # index in the returned list of the other side of a change


_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "m": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3, "tn": 1e12}
_CURRENCY = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_QUAL = (r"(?P<qual>more than|less than|fewer than|at least|at most|up to|nearly|almost|about|"
         r"around|roughly|approximately|over|under|exceeding|above|below)\s+")
_PATTERN = re.compile(
    rf"(?:{_QUAL})?(?:"
    rf"(?P<cur>US\$|[$€£¥])\s?(?P<mnum>{_NUM})(?:\s?(?P<mscale>thousand|million|billion|trillion|bn|m|b|k|tn)\b)?"
    rf"|(?P<pnum>{_NUM})\s?(?P<pct>%|percent\b|per cent\b)"
    rf"|(?P<dnum>{_NUM})[\s-](?P<dunit>day|hour|week|month|year)s?\b"
    rf")"
)
_QUAL_NORMAL = {"more than": "over", "exceeding": "over", "above": "over", "less than": "under",
                "fewer than": "under", "below": "under", "almost": "nearly", "around": "about",
                "roughly": "about", "approximately": "about"}


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def extract_figures(text: str, published: str | None = None) -> list[Figure]:
    """All figures in cleaned article text, in document order."""
    figures: list[Figure] = []
    for s_start, s_end in sentence_spans(text):
        sentence = text[s_start:s_end]
        for m in _PATTERN.finditer(sentence):
            qual = m.group("qual")
            qualifier = _QUAL_NORMAL.get(qual, qual) if qual else None
            num_start = m.start("qual") if qual else m.start()
            surface_start = m.end("qual") if qual else num_start
            if m.group("cur"):
                value = _num(m.group("mnum")) * _SCALE.get((m.group("mscale") or "").lower(), 1)
                kind, unit = "money", _CURRENCY[m.group("cur")]
            elif m.group("pct"):
                kind, unit, value = "percent", "percent", _num(m.group("pnum"))
            else:
                kind, unit, value = "duration", m.group("dunit"), _num(m.group("dnum"))
            a, b = s_start + surface_start, s_start + m.end()
            figures.append(Figure(text[a:b], a, b, kind, value, unit, qualifier,
                                  None, None, sentence))
    return figures
