"""Peak memory of a whole run (all stages, no Dagster) on two awkward inboxes:
one article of almost 5 MB, and 10,000 tiny articles. Each runs in a fresh child process whose
peak resident set size is read from the kernel (ru_maxrss).
Usage: .venv/bin/python bench/bench_memory.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import article, write_corpus  # noqa: E402
from machine import describe, write_results  # noqa: E402

OUT = HERE / "results" / "memory.txt"
CHILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from pipeline.stages import run_all
    from pipeline.store import DataStore
    t0 = time.perf_counter()
    r = run_all(DataStore(Path({data!r}), Path({inbox!r})), 5 * 1024 * 1024, log=lambda m: None)
    print(r.version, r.rows, round(time.perf_counter() - t0, 1))
""")


def measure(label: str, inbox: Path, data: Path) -> str:
    code = CHILD.format(root=str(ROOT), data=str(data), inbox=str(inbox))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not the max of all
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{label}: the run failed with exit code {proc.returncode}")
    return (f"{label}: peak RSS {usage.ru_maxrss / 1024:.0f} MiB, "
            f"{time.perf_counter() - t0:.1f} s; {stdout.strip()}")


def main() -> None:
    import random

    lines = ["# bench_memory: peak resident memory of one full run (stages without Dagster)",
             f"# machine: {describe()}"]
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big"
        big.mkdir()
        rng = random.Random(1)
        parts, size = [], 0
        while size < 4_900_000:
            a = article(rng, len(parts)).split("\n", 2)[2]
            parts.append(a)
            size += len(a.encode())
        (big / "huge_article.txt").write_text("A very long report\n\n" + "".join(parts))
        lines.append(measure(f"one {size / 1e6:.1f} MB article", big, Path(tmp) / "d1"))

        tiny = Path(tmp) / "tiny"
        write_corpus(tiny, 10_000, seed=11)
        for p in tiny.iterdir():  # trim each to its first two paragraphs (~60-80 words)
            p.write_text("\n\n".join(p.read_text().split("\n\n")[:3]))
        lines.append(measure("10,000 tiny articles", tiny, Path(tmp) / "d2"))
    write_results(OUT, lines)


if __name__ == "__main__":
    main()
