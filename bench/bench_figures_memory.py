"""Peak memory of the figures stage on one runaway one-line paragraph (issue 17 item 1).

Each size runs `figures_for_documents` in a fresh child process (peak RSS from ru_maxrss,
minus the child's RSS after imports) on a single line of news words with numbers and no
line breaks. Pass another checkout as --root to measure it (e.g. the code before the fix).
Usage: nice .venv/bin/python bench/bench_figures_memory.py [--root ../main] [--sizes 100,200,400]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from machine import describe, write_results  # noqa: E402

OUT = HERE / "results" / "figures_memory.txt"
CHILD = textwrap.dedent("""
    import json, resource, sys, time
    sys.path.insert(0, {root!r})
    import pandas as pd
    from pipeline.core.frames import figures_for_documents
    words = ("Officials said 12 boats, 7 trucks and 340 crates arrived on the 3 piers while "
             "about 15% of 90 workers waited, and $4.5 million in aid came ")
    text = (words * ({size} // len(words) + 1))[:{size}]
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    rows, log = figures_for_documents(pd.DataFrame(
        {{"doc_id": ["d1"], "text": [text], "published": [None]}}))
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({{"rows": len(rows), "sentence_mb": float(rows["sentence"].str.len().sum())
                       / 1e6, "peak_mb": peak / 1024, "extra_mb": (peak - base) / 1024,
                       "seconds": seconds}}))
""")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=str(HERE.parent))
    parser.add_argument("--sizes", default="100,200,400")
    args = parser.parse_args()
    root = str(Path(args.root).resolve())
    lines = [f"machine: {describe()}", f"code: {root}",
             "size_kb  rows  sentence_MB  peak_RSS_MB  extra_MB  seconds"]
    for kb in (int(s) for s in args.sizes.split(",")):
        code = CHILD.format(root=root, size=kb * 1000)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=root, timeout=3600)
        if done.returncode != 0:
            lines.append(f"{kb:7d}  failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        lines.append(f"{kb:7d}  {r['rows']:5d}  {r['sentence_mb']:11.1f}  {r['peak_mb']:11.0f}  "
                     f"{r['extra_mb']:8.0f}  {r['seconds']:7.1f}")
    write_results(OUT, lines)


if __name__ == "__main__":
    main()
