"""Token windows give exactly the tokens of the whole paragraph (the speed-up must not change
what attribution reads)."""

from __future__ import annotations

import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.quotes.model import _Masked, _tokens


def _from_whole(s: str, base: int, start: int, end: int) -> list[tuple[str, int]]:
    toks = _tokens(s, base)
    pos = [p for _, p in toks]
    i = bisect.bisect_left(pos, start)
    return toks[i : bisect.bisect_left(pos, end, i)]


def test_window_of_an_attribution() -> None:
    mp = _Masked("_____,” Okafor said. Mr. Obi left.", 100)
    assert mp.window(107, 120) == [("Okafor", 108), ("said", 115), (".", 119)]
    assert mp.window(110, 122) == [("said", 115), (".", 119), ("Mr.", 121)]  # not `for`


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab Z._,”“'’-&\u00a0\tMr.D1é", max_size=80),
    st.integers(0, 40),
    st.integers(-5, 90),
    st.integers(-5, 90),
)
def test_window_matches_whole_paragraph(s: str, base: int, a: int, b: int) -> None:
    start, end = base + a, base + b
    mp = _Masked(s, base)
    assert mp.window(start, end) == _from_whole(s, base, start, end)
    # A second window on the same paragraph, after a wide one may have tokenised all of it.
    assert mp.window(base, base + len(s)) == _from_whole(s, base, base, base + len(s))
    assert mp.window(end, start + 7) == _from_whole(s, base, end, start + 7)
