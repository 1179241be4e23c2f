"""Where the documents stage's time goes: a full run of build_documents (as bench_scale.py
calls it: scan_inbox, then build_documents with a 2-worker Compute) over N generated articles,
under cProfile in the main process, for one or more checkouts side by side in ONE run.

Per checkout it reports wall and CPU seconds (main process and the pool's workers), the
main-process seconds of each part (the pool's map = reading/cleaning in the workers; the
outlet repeated-lines pass; near-duplicate marking; validation; store reads and writes), a
serial profile of the per-file reading/cleaning over the first 300 files (what the workers
spend their time on), and a sha256 of the documents stage table (sorted rows) and of the
doc_lines table, so output can be compared between checkouts.
Usage: nice .venv/bin/python bench/bench_documents_stage.py [--n 2000] [CHECKOUT ...]
       (default: this checkout; results in bench/results/documents_speed.txt with --write)
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CODE_ROOT = Path(os.environ.get("BENCH_CODE_ROOT") or ROOT)
sys.path.insert(0, str(ROOT))
if CODE_ROOT != ROOT:
    sys.path.insert(0, str(CODE_ROOT))
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402
from machine import describe  # noqa: E402

MAX_FILE_BYTES = 5 * 1024 * 1024
# Main-process parts: (label, function-name suffixes as pstats keys "file:line(name)").
PARTS = [
    ("workers: read+clean (pool map)", ("compute.py", "map")),
    ("outlet repeated lines (_outlet_chrome)", ("stages.py", "_outlet_chrome")),
    ("  line_rows", ("repeated.py", "line_rows")),
    ("  drop_outlet_chrome", ("repeated.py", "drop_outlet_chrome")),
    ("  repeated_lines (counts)", ("repeated.py", "repeated_lines")),
    ("documents_frame", ("frames.py", "documents_frame")),
    ("disambiguate_doc_ids", ("", "disambiguate_doc_ids")),
    ("near-duplicates (mark_duplicates)", ("", "mark_duplicates")),
    ("validation (validate_table)", ("", "validate_table")),
    ("store: write_stage", ("store.py", "write_stage")),
    ("store: update_stage", ("store.py", "update_stage")),
    ("store: append_stage", ("store.py", "append_stage")),
    ("store: read_stage*", ("store.py", "read_stage")),
]


def _cpu(who: int) -> float:
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime


def _digest(df) -> str:
    import pandas as pd
    if df is None:
        return "none"
    df = df.sort_values(list(df.columns[:1]), kind="stable").reset_index(drop=True)
    h = hashlib.sha256()
    h.update(",".join(df.columns).encode())
    h.update(pd.util.hash_pandas_object(df.astype(str), index=False).to_numpy().tobytes())
    return h.hexdigest()[:16]


def child(data: str, inbox: str, workers: int) -> None:
    from pipeline import stages
    from pipeline.compute import Compute
    from pipeline.store import DataStore

    store = DataStore(Path(data), Path(inbox))
    quiet = lambda m: None  # noqa: E731
    with store.lock():
        stages.scan_inbox(store, quiet)
        prof = cProfile.Profile()
        t0, c_main, c_kids = time.perf_counter(), _cpu(resource.RUSAGE_SELF), _cpu(
            resource.RUSAGE_CHILDREN)
        prof.enable()
        stages.build_documents(store, MAX_FILE_BYTES, quiet, Compute(workers=workers))
        prof.disable()
        wall = time.perf_counter() - t0
        cpu_main = _cpu(resource.RUSAGE_SELF) - c_main
        cpu_workers = _cpu(resource.RUSAGE_CHILDREN) - c_kids
        docs = store.read_stage("documents")
        try:
            lines = store.read_stage("doc_lines")
        except Exception:  # noqa: BLE001 - a checkout before doc_lines
            lines = None
    st = pstats.Stats(prof)
    parts = {}
    for label, (fname, func) in PARTS:
        total = 0.0
        for (file, _, name), (_, _, _, ct, _) in st.stats.items():
            if (name == func or (func == "read_stage" and name.startswith("read_stage"))) \
                    and file.endswith(fname) and ("pipeline" in file or "schemas" in file):
                total = max(total, ct) if func != "read_stage" else total + ct
        parts[label] = round(total, 2)
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(25)
    # What the workers spend their time on: the per-file function, serially, on 300 files.
    from pipeline.core.frames import documents_of_file
    files = sorted(p.name for p in Path(inbox).iterdir())[:300]
    wprof = cProfile.Profile()
    t1 = time.perf_counter()
    wprof.enable()
    for name in files:
        documents_of_file(Path(inbox), MAX_FILE_BYTES, name)
    wprof.disable()
    serial = time.perf_counter() - t1
    wout = io.StringIO()
    pstats.Stats(wprof, stream=wout).sort_stats("tottime").print_stats(15)
    print(json.dumps({
        "wall": round(wall, 2), "cpu_main": round(cpu_main, 2),
        "cpu_workers": round(cpu_workers, 2), "parts": parts, "documents": len(docs),
        "documents_sha": _digest(docs), "doc_lines_sha": _digest(lines),
        "serial_300_s": round(serial, 2),
        "profile": out.getvalue(), "worker_profile": wout.getvalue()}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--profiles", action="store_true", help="print the full profiles")
    ap.add_argument("checkouts", nargs="*")
    args = ap.parse_args()
    checkouts = [Path(c).resolve() for c in args.checkouts] or [ROOT]
    lines = [f"bench_documents_stage: {args.n} generated articles, {args.workers} workers, "
             f"build_documents of a first run (after scan_inbox), each checkout in a fresh "
             f"process, one run; {describe()}; load at start {os.getloadavg()}"]
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        write_corpus(inbox, args.n)
        for k, code in enumerate(checkouts):
            rev = subprocess.run(["git", "-C", str(code), "log", "-1", "--format=%h %s"],
                                 capture_output=True, text=True).stdout.strip()[:70]
            env = {**os.environ, "BENCH_CODE_ROOT": str(code)}
            proc = subprocess.run(
                [sys.executable, __file__, "--child", str(Path(tmp) / f"d{k}"), str(inbox),
                 str(args.workers)], capture_output=True, text=True, env=env, check=False)
            if proc.returncode != 0:
                raise SystemExit(f"{code}: failed\n{proc.stderr[-3000:]}")
            m = json.loads(proc.stdout.strip().splitlines()[-1])
            lines.append(f"\n== {code} ({rev}); load {os.getloadavg()}")
            lines.append(f"wall {m['wall']} s, CPU main {m['cpu_main']} s + workers "
                         f"{m['cpu_workers']} s; {m['documents']} documents; documents sha "
                         f"{m['documents_sha']}, doc_lines sha {m['doc_lines_sha']}; "
                         f"documents_of_file serially over 300 files {m['serial_300_s']} s")
            for label, sec in m["parts"].items():
                lines.append(f"  {label:44s} {sec:7.2f} s (main-process cumulative)")
            if args.profiles:
                lines.append(m["profile"])
                lines.append("worker-side (serial, 300 files), by own time:")
                lines.append(m["worker_profile"])
            print("\n".join(lines[-(len(m["parts"]) + 2):]), flush=True)
    text = "\n".join(lines) + "\n"
    if args.write:
        (HERE / "results" / "documents_speed.txt").write_text(text)
    print(text)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
