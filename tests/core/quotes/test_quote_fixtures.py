"""The quote scorer over the hand-annotated fixture articles must not slip below the floors in
tests/quality_baseline.json (bench/score_quotes.py; scores in docs/quotes.md)."""

from __future__ import annotations

import importlib.util
import sys

from tests import quality
from tests.paths import ROOT

_SPEC = importlib.util.spec_from_file_location("score_quotes", ROOT / "bench" / "score_quotes.py")
assert _SPEC is not None and _SPEC.loader is not None
score_quotes = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("score_quotes", score_quotes)  # dataclasses look their module up
_SPEC.loader.exec_module(score_quotes)

BASELINE = quality.load()["quotes"]
FLOORS: dict[str, float] = BASELINE["floors"]


def test_fixture_scores_do_not_drop() -> None:
    total, per = score_quotes.score_all()
    assert len(per) >= BASELINE["min_articles"]
    rates = total.rates()
    low = {k: round(rates[k], 3) for k, floor in FLOORS.items() if rates[k] < floor}
    assert not low, (low, total.gaps)


def test_no_wrong_speaker_names() -> None:
    """A wrong name is worse than none: the fixtures have none."""
    total, _per = score_quotes.score_all()
    wrong = total.speaker_wrong + total.speaker_invented
    assert wrong <= BASELINE["max_wrong_or_invented_speakers"], total.gaps
