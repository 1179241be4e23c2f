"""The contract between a stage's per-document work and whatever runs it.

A stage gives a function and a list of inputs to a map (`DocumentMap`); the map returns one
`Outcome` per input, in input order, and one failing input never costs another. `map_plain`
runs here, without budgets; `pipeline.compute.Compute.map` runs in worker processes under a
time and memory budget per input.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Outcome:
    """What one input's work gave: a value, or why it has none.

    `failure` is None on success, else "error" (the function raised; `detail` holds the
    exception and a short traceback), "over_budget" (time or memory; `detail` names the limit
    and its setting) or "crashed" (the worker died on this input without saying why).
    """

    value: Any = None
    failure: str | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.failure is None


class DocumentMap(Protocol):
    def __call__(self, fn: Callable[[Any], Any], items: Sequence[Any],
                 progress: Progress | None = None) -> list[Outcome]: ...


def error_detail(exc: BaseException) -> str:
    """An exception as a failure detail: its repr and the first frames of the traceback."""
    return f"{exc!r}\n{traceback.format_exc(limit=4)}"


def map_plain(fn: Callable[[Any], Any], items: Sequence[Any],
              progress: Progress | None = None) -> list[Outcome]:
    """`fn` per item in this process, without budgets; an exception costs only its item."""
    out = []
    for i, item in enumerate(items, start=1):
        try:
            out.append(Outcome(fn(item)))
        except Exception as exc:  # one bad input never stops the others
            out.append(Outcome(failure="error", detail=error_detail(exc)))
        if progress and (i % 1000 == 0 or i == len(items)):
            progress(i, len(items))
    return out
