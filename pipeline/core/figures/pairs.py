"""Pairs of figures in one sentence: the two sides of a change and the two ends of a range.

"from 145% to 30%", "to 30% from 145%" and "cut by $2 billion" after a change verb become
linked from/to/by roles; "18 to 25 percent" and "$2-3 billion" become one figure with
`value_max`; "223-204" is a tally and is left out. Each pass takes a `fail` callback, so a
sentence that raises loses only its own figures.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date

from pipeline.core.figures.context import CHANGE_VERB
from pipeline.core.figures.lexicon import BETWEEN_LEAD_WORDS, CHANGE_LEAD_WORDS
from pipeline.core.figures.model import Candidate
from pipeline.core.figures.numbers import WORD_NUMBER
from pipeline.core.text.patterns import one_of

# Told the position of a figure whose sentence raised, and the exception.
Fail = Callable[[int, BaseException], None]

# The words allowed between a change's cue and its number: "to about 5%", "from a previous
# 3%", "by a further 2%", "rose to more than 40" (lexicon.CHANGE_LEAD_WORDS).
_LEAD = rf"(?:{one_of(CHANGE_LEAD_WORDS)}\s+)*"
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:a|an|the)\s+)?(?:[a-z]+\s+)?$", re.IGNORECASE)
_TO_GAP = re.compile(r"^\s*(?:(?:percent|per\s?cent|points?)\s+)?(?:,\s*)?(?:down\s+|up\s+|"
                     rf"all\s+the\s+way\s+|back\s+)?to\s+{_LEAD}$", re.IGNORECASE)
_FROM_GAP = re.compile(rf"^\s*,?\s*(?:down\s+|up\s+)?from\s+{_LEAD}$", re.IGNORECASE)
_TO_BEFORE = re.compile(rf"\bto\s+(?:(?:{one_of(CHANGE_LEAD_WORDS)}|a\s+\w+\s+of)\s+)*$",
                        re.IGNORECASE)
_BY_BEFORE = re.compile(rf"\bby\s+{_LEAD}$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"^-?\s*(?:-|–|to|and|or)\s*$")
# Kinds of figure that can be the sides of a change or the ends of a range.
_PAIRED_KINDS = ("percent", "money", "count", "quantity", "duration")
_ISO_DAY = re.compile(r"(?:\d{4}|-)-\d\d-\d\d")
_TO_ONLY = re.compile(r"\s+to\s+")


def _valid_day(iso: str) -> bool:
    """'2025-04-31' is no date; a year-less '--02-29' is checked against a leap year."""
    try:
        date.fromisoformat(iso if iso[0] != "-" else "2024" + iso[1:])
    except ValueError:
        return False
    return True


def propagate_ranges(cands: list[Candidate], text: str, fail: Fail) -> None:
    """'8 to 16 metres', 'from 50 to 80%', '$2 to $3 billion': the first side takes the unit."""
    for a, b in zip(cands, cands[1:], strict=False):
        try:
            _propagate_pair(a, b, text)
        except Exception as exc:  # one broken sentence never costs more than itself
            fail(a.start, exc)


def _propagate_pair(a: Candidate, b: Candidate, text: str) -> None:
    if not _RANGE_GAP.match(text[a.end:b.start]) and not (
            text[a.end:b.start].strip() == "" and text[a.end - 1] == "-"):
        return
    if (b.kind == "date" and a.kind == "count" and not a.words and not a.scaled
            and a.value is not None and a.value == int(a.value) and 1 <= a.value <= 31
            and b.date and text[b.start].isdigit() and _ISO_DAY.fullmatch(b.date)
            and text[a.end:b.start].strip() in ("and", "-", "–", "to", "or", "&")):
        # "18 and 19 June", "3-5 May": the first day shares the month of the second
        iso = f"{b.date[:-2]}{int(a.value):02d}"
        if _valid_day(iso):
            a.kind, a.value, a.measured, a.date = "date", None, None, iso
        return
    if a.kind == "count" and a.measured is None and b.kind in (
            "percent", "money", "duration", "quantity"):
        a.kind, a.unit = b.kind, b.unit
    elif b.kind == "count" and b.measured is None and not b.words and a.kind in (
            "percent", "money") and text[a.end:b.start].strip() in ("-", "–", "to"):
        b.kind, b.unit = a.kind, a.unit  # "$2-3 billion", "5%-6"
    if a.kind == b.kind and b.scaled and not a.scaled and a.value is not None and (
            b.value is not None and abs(a.value) < 1000 <= abs(b.value)):
        # "$2 to $3 billion": the scale is written once, on the second number.
        scale = 1.0
        for s in (1e12, 1e9, 1e6, 1e3):
            if abs(b.value) >= s:
                scale = s
                break
        a.value *= scale
        a.scaled = True
    if a.kind == "count" and b.kind == "count" and a.measured is None:
        a.measured = b.measured


def link_changes(cands: list[Candidate], text: str, sentences: list[tuple[int, int]],
                  starts: list[int], fail: Fail) -> None:
    """from/to/by roles and links for change pairs within a sentence."""
    for i, a in enumerate(cands):
        if a.kind not in _PAIRED_KINDS:
            continue
        try:
            _link_one(cands, i, text, sentences, starts)
        except Exception as exc:  # one broken sentence never costs more than itself
            fail(a.start, exc)


def _link_one(cands: list[Candidate], i: int, text: str, sentences: list[tuple[int, int]],
              starts: list[int]) -> None:
    a = cands[i]
    s_start = sentences[bisect.bisect_right(starts, a.start) - 1][0]
    before = text[max(s_start, a.start - 80):a.start]
    b = cands[i + 1] if i + 1 < len(cands) else None
    same = b is not None and b.kind == a.kind and b.role is None and (
        bisect.bisect_right(starts, b.start) == bisect.bisect_right(starts, a.start))
    gap = text[a.end:b.start] if same and b is not None else ""
    if a.role is None and same and b is not None:
        if _FROM_BEFORE.search(before) and _TO_GAP.match(gap):
            a.role, b.role, a.linked, b.linked = "from", "to", i + 1, i
            return
        if _TO_BEFORE.search(before) and _FROM_GAP.match(gap):
            a.role, b.role, a.linked, b.linked = "to", "from", i + 1, i
            return
        if _TO_ONLY.fullmatch(gap) and CHANGE_VERB.search(before[-50:]):
            a.role, b.role, a.linked, b.linked = "from", "to", i + 1, i
            return
    if a.role is None and CHANGE_VERB.search(before[-60:]):
        if _BY_BEFORE.search(before):
            a.role = "by"
        elif _TO_BEFORE.search(before):
            a.role = "to"


RANGE_AHEAD = re.compile(rf"(?:\s*[-–]\s*|\s+(?:to|and)\s+)(?:\d|(?i:{WORD_NUMBER})\b)")
# Between two sides of a range: "18 to 25", "$2-3 billion", "3–5", "between five and six".
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to)\s*|\s+and\s+")
BETWEEN_BEFORE = re.compile(rf"\bbetween\s+(?:{one_of(BETWEEN_LEAD_WORDS)}\s+)?$", re.IGNORECASE)


def merge_ranges(cands: list[Candidate], text: str, starts: list[int], fail: Fail
                  ) -> list[Candidate]:
    """'18 to 25 percent', 'between five and six percent', '$3bn to $4bn', '$2-3 billion':
    one figure, `value` the low end and `value_max` the high end. Sides of a change (from/to
    roles) stay two figures; so do descending pairs ('223-204' is a tally, not a range)."""
    out: list[Candidate] = []
    new_index: dict[int, int] = {}
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        try:
            merged = b is not None and _is_range(a, b, text, starts)
            tally = b is not None and not merged and _is_tally(a, b, text)
        except Exception as exc:  # one broken sentence never costs more than itself
            fail(a.start, exc)
            merged = tally = False
        if tally:
            i += 2  # "voted 223-204", "won 2-1": a score, not two counts (left out)
            continue
        new_index[i] = len(out)
        if merged and b is not None:
            a.end, a.value_max = b.end, b.value
            a.unit = b.unit if b.unit and a.unit and b.unit.startswith(a.unit) else a.unit
            a.measured = a.measured or b.measured
            a.qualifier = a.qualifier or b.qualifier
            new_index[i + 1] = len(out)
            i += 1
        out.append(a)
        i += 1
    for c in out:
        if c.linked is not None:
            c.linked = new_index.get(c.linked)
    return out


_TALLY_JOIN = re.compile(r"[-–]|\s+to\s+")


def _is_tally(a: Candidate, b: Candidate, text: str) -> bool:
    """'223-204', '2-1', 'won 5 to 3': two bare whole numbers, the first not smaller (a
    range ascends), nothing counted after them."""
    return (a.kind == b.kind == "count" and a.role is None and b.role is None
            and not (a.words or b.words or a.scaled or b.scaled)
            and a.value is not None and b.value is not None and a.value >= b.value >= 0
            and a.value == int(a.value) and b.value == int(b.value) and b.measured is None
            and "," not in text[a.start:b.end] and "." not in text[a.start:b.end]
            and _TALLY_JOIN.fullmatch(text, a.end, b.start) is not None)


def _is_range(a: Candidate, b: Candidate, text: str, starts: list[int]) -> bool:
    if a.role or b.role or a.linked is not None or b.linked is not None:
        return False
    if a.kind != b.kind or a.kind not in _PAIRED_KINDS or a.value is None or b.value is None:
        return False
    if not (a.unit == b.unit or (a.unit and b.unit and b.unit.startswith(a.unit + "/"))):
        return False
    if bisect.bisect_right(starts, a.start) != bisect.bisect_right(starts, b.start):
        return False
    gap = _RANGE_JOIN.fullmatch(text, a.end, b.start)
    if gap is None or not a.value < b.value:
        return False
    if a.value < 0 and gap.group().strip() in ("-", "–"):
        return False  # "-2020-07": a dash after a negative number is no range
    if a.kind == "count" and not (a.scaled or b.scaled) and b.value > 100 * max(a.value, 1):
        return False  # "1111-22223333": an identifier, not a range of counts
    if "and" in gap.group():
        s_start = starts[bisect.bisect_right(starts, a.start) - 1]
        return bool(BETWEEN_BEFORE.search(text[max(s_start, a.start - 40):a.start]))
    return True


def share_measured(cands: list[Candidate]) -> None:
    """Both sides of a change measure the same thing."""
    for c in cands:
        if c.linked is not None:
            other = cands[c.linked]
            if c.measured is None and other.measured is not None:
                c.measured = other.measured
