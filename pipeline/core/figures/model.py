"""The figure row, and the candidate a figure is while the extractor builds it."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, make_dataclass


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
    value_max: float | None = None  # high end of a range ("18 to 25 percent": 18 and 25)


# Set when the figure is finished: the surface text and the sentence window around it.
SET_AT_THE_END = ("surface", "sentence")
# A figure while it is being built: Figure's fields (one declaration) except those set at the
# end, mutable, plus `scaled` (a scale word was written: "3 billion") and `words` (written in
# words, "five", not digits).
Candidate = make_dataclass("Candidate", [
    (f.name, f.type) if f.default is MISSING else (f.name, f.type, field(default=f.default))
    for f in fields(Figure) if f.name not in SET_AT_THE_END
] + [("scaled", bool, field(default=False)), ("words", bool, field(default=False))])
CANDIDATE_FIGURE_FIELDS = tuple(f.name for f in fields(Figure) if f.name not in SET_AT_THE_END)
