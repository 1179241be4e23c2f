"""Peak memory and time per stage of the hostile inputs of issue 17 at growing size.

    .venv/bin/python bench/hostile_size.py [--quick]

Issue 17 item 1: a one-line text of news words with numbers (no sentence end) made the
figures stage use about 20 GB at 4.6 MB (0.5 / 1.2 / 4.4 GB at 100 / 200 / 400 KB) because
every figure row stored its sentence. Item 2: an 800 KB file of `**a ` took the documents
stage over 10 minutes (2.4 s at 20 KB, 45 s at 80 KB). Each size runs every stage (no Dagster)
in a fresh child process, in-process compute with the time and memory budgets off (so the
real cost is measured, not the budget), under a 12 GiB address-space cap; the peak RSS is the
child's own (wait4). Memory and time that grow linearly with the size are what "fixed" means.
Writes bench/results/hostile_size.txt.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from chaos import news_one_line  # noqa: E402
from machine import describe, write_results  # noqa: E402

CAP_GIB = 12
CHILD = textwrap.dedent("""
    import json, resource, sys, time
    sys.path.insert(0, {root!r})
    resource.setrlimit(resource.RLIMIT_AS, ({cap} << 30, {cap} << 30))
    from pathlib import Path
    from pipeline import stages
    from pipeline.compute import Compute
    from pipeline.store import DataStore
    store = DataStore(Path({data!r}), Path({inbox!r}))
    compute = Compute.from_env()
    took = {{}}
    peak = {{}}
    with store.lock():
        for name, run in [
            ("inbox", lambda: stages.scan_inbox(store, lambda m: None)),
            ("documents", lambda: stages.build_documents(store, 5 << 20, lambda m: None, compute)),
            ("quotes", lambda: stages.build_quotes(store, lambda m: None, compute)),
            ("figures", lambda: stages.build_figures(store, lambda m: None, compute)),
            ("stories", lambda: stages.build_stories(store, lambda m: None)),
            ("facts", lambda: stages.build_facts(store, lambda m: None)),
            ("publish", lambda: stages.publish(store, lambda m: None)),
        ]:
            t0 = time.perf_counter()
            run()
            took[name] = round(time.perf_counter() - t0, 2)
            peak[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    latest = store.latest_release()
    rows = {{t: i["rows"] for t, i in store.read_manifest(latest)["tables"].items()}}
    rej = store.read_release_table(latest, "rejections", ["reason"])["reason"].tolist()
    print(json.dumps({{"took": took, "peak": peak, "rows": rows, "rejections": rej}}))
""")


def measure(name: str, data: bytes) -> dict:
    with tempfile.TemporaryDirectory(prefix="hostile-size-") as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        (inbox / name).write_bytes(data)
        code = CHILD.format(root=str(ROOT), data=str(Path(tmp) / "data"), inbox=str(inbox),
                            cap=CAP_GIB)
        env = {**os.environ, "NEWSFACTS_COMPUTE": "inprocess", "NEWSFACTS_DOC_TIMEOUT": "0",
               "NEWSFACTS_DOC_MEMORY_MB": "0"}
        t0 = time.perf_counter()
        with tempfile.TemporaryFile("w+") as errors:
            proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                                    stderr=errors, text=True, env=env, cwd=ROOT)
            out = proc.stdout.read()
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak
            proc.returncode = os.waitstatus_to_exitcode(status)
            errors.seek(0)
            err = errors.read()
        wall = time.perf_counter() - t0
        peak = usage.ru_maxrss / 1024
    got = {"bytes": len(data), "wall": round(wall, 1), "peak_mib": peak,
           "rc": proc.returncode}
    if proc.returncode == 0:
        got.update(json.loads(out.strip().splitlines()[-1]))
    else:
        got["error"] = (err.strip().splitlines() or ["?"])[-1][:200]
    return got


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the sizes up to 400 KB only")
    parser.add_argument("--min-bytes", type=int, default=0, help="only inputs this large")
    args = parser.parse_args()
    rng = random.Random(20261204)
    one_line = news_one_line(rng, 4_600_000)
    cases = [("one_line.txt", one_line[:n]) for n in (100_000, 400_000, 1_600_000, 4_600_000)]
    cases += [("emphasis.md", b"**a " * (n // 4)) for n in (20_000, 80_000, 320_000, 800_000)]
    if args.quick:
        cases = [c for c in cases if len(c[1]) <= 400_000]
    cases = [c for c in cases if len(c[1]) >= args.min_bytes]
    load = os.getloadavg()
    lines = ["# bench/hostile_size.py: every stage (no Dagster) on one hostile file, in a child "
             "process (in-process compute, budgets off, 12 GiB address-space cap)",
             f"# machine: {describe()}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
             f"{'input':<14}{'bytes':>10}{'peak MiB':>10}{'wall s':>8}  stages (s); rows"]
    for name, data in cases:
        got = measure(name, data)
        if got["rc"] != 0:
            lines.append(f"{name:<14}{got['bytes']:>10,}{'-':>10}{got['wall']:>8}  FAILED "
                         f"(exit {got['rc']}): {got['error']}")
        else:
            took = ", ".join(f"{k} {v}" for k, v in got["took"].items() if v >= 0.05)
            # The peak so far after each stage: the stage where it jumps is the one that costs.
            grew = ", ".join(f"{k} {v}" for k, v in got["peak"].items())
            rows = ", ".join(f"{k} {v}" for k, v in got["rows"].items() if v)
            rej = f"; rejections {got['rejections']}" if got["rejections"] else ""
            lines.append(f"{name:<14}{got['bytes']:>10,}{got['peak_mib']:>10.0f}"
                         f"{got['wall']:>8}  {took}; {rows}{rej}; peak MiB after {grew}")
        print(lines[-1], flush=True)
    write_results(HERE / "results" / "hostile_size.txt", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
