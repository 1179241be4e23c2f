"""Incremental runs: a full first run over N generated articles, then one new article.

Reports the wall time of each run and how many documents each stage processed (expect 1 for
the second run), through the same stage functions the Dagster assets call.
Usage: .venv/bin/python bench/bench_incremental.py [N]   (default 10000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402
from machine import describe, write_results  # noqa: E402

from pipeline.stages import StageResult, run_all  # noqa: E402
from pipeline.store import DataStore  # noqa: E402

OUT = Path(__file__).resolve().parent / "results" / "incremental.txt"


def run(store: DataStore) -> tuple[float, dict[str, StageResult], str]:
    report: dict[str, StageResult] = {}
    t0 = time.perf_counter()
    result = run_all(store, 5 * 1024 * 1024, log=lambda m: None, report=report)
    return time.perf_counter() - t0, report, result.version


def line(label: str, seconds: float, report: dict[str, StageResult], version: str) -> str:
    counts = ", ".join(f"{k} {v.processed} processed/{v.reused} reused"
                       for k, v in report.items() if k != "facts")
    facts = report["facts"]
    how = (f"facts rebuilt from {facts.processed} mentions" if facts.processed
           else f"facts reused ({facts.reused} mentions unchanged)")
    return f"{label}: {seconds:.1f} s -> {version}; {counts}; {how}"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        inbox, data = Path(tmp) / "inbox", Path(tmp) / "data"
        t0 = time.perf_counter()
        write_corpus(inbox, n)
        gen = time.perf_counter() - t0
        store = DataStore(data, inbox)
        full = run(store)
        write_corpus(inbox, 1, seed=99, start=n)
        one = run(store)
        none = run(store)
    lines = [
        f"# bench_incremental: {n} generated articles ({gen:.1f} s to generate)",
        f"# machine: {describe()}",
        line("full first run", *full),
        line("one new article", *one),
        line("nothing new", *none),
        f"ratio full/incremental: {full[0] / one[0]:.1f}x",
    ]
    write_results(OUT, lines)


if __name__ == "__main__":
    main()
