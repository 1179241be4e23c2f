"""Dates in news prose, resolved to ISO 8601 as far as the text and publication date allow.

News gives dates without a year ("May 12", "on Friday", "last month"); the reader of the
article knows the year from when it was published, so we resolve against that date and pick
the reading nearest to it. With no publication date, month-day dates become "--MM-DD" and
relative ones ("last Friday") are not resolvable, so they are not reported.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from pipeline.core.figures.lexicon import (
    FUTURE_CUES,
    MONTH_CUES,
    MONTH_PART_OF_WORDS,
    MONTH_PART_WORDS,
    MONTHS,
    RELATIVE_DAYS,
    RELATIVE_WORDS,
    WEEKDAYS,
)
from pipeline.core.text.lexicon import MONTH_ABBREVIATIONS, MONTH_NAMES


def _month_pattern() -> str:
    """Month names and abbreviations, capitalised only ("March", "Sept.", "Jan"): news always
    capitalises them, and "may" is a verb."""
    full = "|".join(name.capitalize() for name in MONTH_NAMES)
    abbr = "|".join(abbr.capitalize() for abbr in MONTH_ABBREVIATIONS)
    return rf"\b(?:{full}|(?:{abbr})\.?)(?![\w])"


MONTH = _month_pattern()
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])(?!,\d{3})"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?!\d)"
_PART = (rf"(?:(?:{'|'.join([*MONTH_PART_WORDS, *(w.capitalize() for w in MONTH_PART_WORDS)])})"
         rf"[- ]|(?:{'|'.join(MONTH_PART_OF_WORDS)})\s+of\s+)")
_WEEKDAY = "|".join(day.capitalize() for day in WEEKDAYS)


def _any_case(words: tuple[str, ...]) -> str:
    """The words capitalised too, at a sentence start: ("last", "next") -> "[Ll]ast|[Nn]ext"."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words)


_RELATIVE = _any_case(RELATIVE_WORDS)
_MONTH_CUE_BEFORE = re.compile(rf"\b(?:{'|'.join(MONTH_CUES)})\s$")

# Alternatives, most specific first, split by how they start so a scanner can skip fast.
# Each names its parts so `resolve_date` can read them.
DATE_DIGIT_PATTERN = (
    rf"(?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)"
    rf"|(?P<slash>(?<![\d/.])(?P<sa>\d{{1,2}})/(?P<sb>\d{{1,2}})/(?P<sy>\d{{4}}|\d{{2}})(?![\d/]))"
    rf"|(?P<dm>\b(?P<dmd>{_DAY})\s+(?:of\s+)?(?P<dmm>{MONTH})(?:,?\s+(?P<dmy>{_YEAR}))?)"
)
DATE_WORD_PATTERN = (
    rf"(?P<md>(?P<mdpart>{_PART})?(?P<mdm>{MONTH})\s*(?P<mdd>{_DAY})"
    rf"(?:(?:\s*,\s*|\s+)(?P<mdy>{_YEAR}))?)"
    rf"|(?P<my>(?P<mypart>{_PART})?(?P<mym>{MONTH}),?\s+(?:of\s+)?(?P<myy>{_YEAR}))"
    rf"|(?P<mp>(?P<mppart>{_PART})(?P<mpm>{MONTH}))"
    rf"|(?P<mo>(?P<mom>{MONTH}))"
    rf"|(?P<wd>(?:(?P<wdrel>{_RELATIVE})\s+)?(?P<wdn>{_WEEKDAY})(?!\w))"
    rf"|(?P<rel>\b(?P<reld>{_any_case(RELATIVE_DAYS)})\b)"
    rf"|(?P<relp>\b(?P<relw>{_RELATIVE})\s+(?P<relu>month|year)\b)"
)
DATE_PATTERN = f"{DATE_DIGIT_PATTERN}|{DATE_WORD_PATTERN}"

_FUTURE_CUE = re.compile(rf"\b(?:{'|'.join(FUTURE_CUES)})\b[^.;]*$", re.IGNORECASE)


def parse_published(published: str | None) -> date | None:
    """The article's publication date, or None when absent or malformed."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _nearest_year(month: int, day: int, ref: date) -> int:
    """Year making month/day closest to the reference date (Dec 28 read in January is last year)."""
    best_year, best_gap = ref.year, None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            gap = abs((date(year, month, min(day, 28)) - ref).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best_year, best_gap = year, gap
    return best_year


def _month_day(month: int, day: int, year: str | None, ref: date | None) -> str | None:
    if not 1 <= day <= 31:
        return None
    if year:
        try:
            return date(int(year), month, day).isoformat()
        except ValueError:
            return None
    if ref is None:
        return f"--{month:02d}-{day:02d}"
    resolved_year = _nearest_year(month, day, ref)
    try:
        return date(resolved_year, month, day).isoformat()
    except ValueError:
        return None


def _weekday(name: str, relation: str | None, before: str, ref: date) -> str:
    """'last Friday', 'on Friday', 'next Friday' relative to publication."""
    target = WEEKDAYS[name.lower()]
    rel = (relation or "").lower()
    if rel == "next" or (rel != "last" and _FUTURE_CUE.search(before[-60:])):
        ahead = (target - ref.weekday()) % 7
        if rel == "next" and ahead == 0:
            ahead = 7
        return (ref + timedelta(days=ahead)).isoformat()
    back = (ref.weekday() - target) % 7
    if rel == "last" and back == 0:
        back = 7
    return (ref - timedelta(days=back)).isoformat()


def resolve_date(match: re.Match[str], ref: date | None, before: str) -> tuple[str, str] | None:
    """(kind, iso) for a DATE_PATTERN match; kind is 'date' or 'year'. None when unresolvable.

    `before` is the sentence text before the match, used to read tense for bare weekdays.
    """
    g = match.group
    if g("iso"):
        return "date", f"{g('iy')}-{g('im')}-{g('id')}"
    if g("slash"):
        a, b, y = int(g("sa")), int(g("sb")), g("sy")
        month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first cannot be a month
        if len(y) == 2:
            yy = int(y)
            pivot = (ref.year % 100 + 10) if ref else 30
            y = str(2000 + yy if yy <= pivot else 1900 + yy)
        if month > 12:
            return None
        iso = _month_day(month, day, y, ref)
        return ("date", iso) if iso else None
    if g("md"):
        iso = _month_day(MONTHS[g("mdm").rstrip(".").lower()], int(re.sub(r"\D", "", g("mdd"))),
                         g("mdy"), ref)
        return ("date", iso) if iso else None
    if g("dm"):
        iso = _month_day(MONTHS[g("dmm").rstrip(".").lower()], int(re.sub(r"\D", "", g("dmd"))),
                         g("dmy"), ref)
        return ("date", iso) if iso else None
    if g("my"):
        return "date", f"{g('myy')}-{MONTHS[g('mym').rstrip('.').lower()]:02d}"
    if g("mom") and not _MONTH_CUE_BEFORE.search(before[-12:]):
        return None  # a bare month name needs a cue: "in January", not "May" the verb
    month_name = g("mpm") or g("mom")
    if month_name:
        if ref is None:
            return None
        month = MONTHS[month_name.rstrip(".").lower()]
        return "date", f"{_nearest_year(month, 15, ref)}-{month:02d}"
    if ref is None:
        return None
    if g("wd"):
        return "date", _weekday(g("wdn"), g("wdrel"), before, ref)
    if g("rel"):
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g("reld").lower()]
        return "date", (ref + timedelta(days=shift)).isoformat()
    if g("relp"):
        step = {"last": -1, "this": 0, "next": 1}[g("relw").lower()]
        if g("relu") == "year":
            return "year", str(ref.year + step)
        month_index = ref.year * 12 + ref.month - 1 + step
        return "date", f"{month_index // 12}-{month_index % 12 + 1:02d}"
    return None


def ago(value: float, unit: str, ref: date) -> tuple[str, str] | None:
    """(kind, iso) for 'N units ago' counted back from publication: 'two months ago' in an
    article of 2025-06-02 is 2025-04; years give kind 'year'. None for other units."""
    if value != int(value) or value < 0:
        return None
    n = int(value)
    if unit in ("day", "week"):
        return "date", (ref - timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 - n
        return "date", f"{index // 12}-{index % 12 + 1:02d}"
    if unit in ("year", "decade"):
        year = ref.year - n * (10 if unit == "decade" else 1)
        return ("year", str(year)) if year >= 1 else None
    return None
