"""Every figure row of the seeds and the dev-data corpus equals the golden digest.

Speed work must not change output: bench/results/figures_golden.txt holds the sha256 of every
row (all fields) that bench/bench_figures.py hashes, for the FIGURES_VERSION that wrote it.
A change meant to alter rows bumps FIGURES_VERSION and rewrites the digest with
`.venv/bin/python bench/bench_figures.py --golden`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from pipeline.core.figures import FIGURES_VERSION, extract_figures

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "bench" / "results" / "figures_golden.txt"


def _bench():
    path = ROOT / "bench" / "bench_figures.py"
    spec = importlib.util.spec_from_file_location("bench_figures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _golden() -> dict[str, tuple[int, str]]:
    """corpus -> (rows, sha256), and the FIGURES_VERSION it was written for under 'version'."""
    out: dict = {}
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts[0] == "FIGURES_VERSION":
            out["version"] = parts[1]
        elif len(parts) == 5:
            out[parts[0]] = (int(parts[1]), parts[4])
    return out


@pytest.mark.parametrize("corpus", ["news", "dense"])
def test_rows_equal_the_golden_digest(corpus):
    bench = _bench()
    if corpus == "dense" and not any(bench.DEVDATA.glob("*.jsonl")):
        pytest.skip("../shared/devdata is not beside the repository")
    golden = _golden()
    assert golden["version"] == FIGURES_VERSION, (
        f"the golden digest is for FIGURES_VERSION {golden['version']}: rewrite it with "
        "bench/bench_figures.py --golden")
    digest, rows = bench.rows_digest(extract_figures, bench.corpora()[corpus])
    assert (rows, digest) == golden[corpus], (
        "figure rows changed: if meant, bump FIGURES_VERSION and run "
        "bench/bench_figures.py --golden")
