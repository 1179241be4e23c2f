"""Figure extraction on the public devdata suites (bench/score_figures.py) must not slip below
the floors in tests/quality_baseline.json; the suites sit in ../shared/devdata."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests import quality
from tests.paths import ROOT

BASELINE = quality.load()["figures"]

pytestmark = pytest.mark.skipif(not quality.available(BASELINE),
                                reason="shared/devdata is not beside the repo")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_figures",
                                                  ROOT / "bench" / "score_figures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("score_figures", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("suite", sorted(BASELINE["floors"]))
def test_devdata_scores_do_not_drop(suite: str) -> None:
    _cases, overall, _by_model = _scorer().score_file(suite, [])
    low = {}
    for metric, floor in BASELINE["floors"][suite].items():
        precision, recall = overall[metric].rates()
        if precision < floor["precision"] or recall < floor["recall"]:
            low[metric] = (round(precision, 3), round(recall, 3), floor)
    assert not low, low
