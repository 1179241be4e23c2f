"""A release of a million documents: publish, refresh the warehouse, verify, query (issue 13).

The extractors are measured elsewhere (bench_scale.py); this measures what grows with the corpus
in the publish step alone: pandera validation of the release tables, splitting into parts,
content hashes, the manifest and history, the warehouse views and `make verify`'s checks.

The tables are the seeds' real tables (one run of the pipeline over `seeds/`), with the
documents table grown to N rows by copies of real documents given new ids and a short text
(a tiny document: the seeds' text repeated a million times would measure disk, not the code).
Then a second release that adds one document, to show what an arrival costs at that size.

Usage: PYTHONPATH=. .venv/bin/python bench/bench_million_release.py [N ...]  (default 1000000)
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import pandas as pd  # noqa: E402
from machine import describe, write_results  # noqa: E402

from pipeline.release import publish_release, refresh_warehouse, verify_release  # noqa: E402
from pipeline.stages import CODE_VERSION, run_all  # noqa: E402
from pipeline.store import DataStore  # noqa: E402

OUT = HERE / "results" / "million_release.txt"


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _seed_tables(work: Path) -> dict[str, pd.DataFrame]:
    """The release tables of one real run over the seeds."""
    inbox = work / "inbox"
    shutil.copytree(ROOT / "seeds", inbox)
    store = DataStore(work / "seed-data", inbox)
    run_all(store, 5 * 1024 * 1024)
    latest = store.latest_release()
    manifest = store.read_manifest(latest)
    return {name: store.read_release_table(latest, name) for name in manifest["tables"]}


def _grown(tables: dict[str, pd.DataFrame], n: int) -> dict[str, pd.DataFrame]:
    """`tables` with the documents grown to `n` rows: copies of real rows, new ids and a short
    text; the story of each copy is its original's (so stories still name only real ones)."""
    docs = tables["documents"]
    extra = n - len(docs)
    copies = docs.iloc[[i % len(docs) for i in range(extra)]].reset_index(drop=True)
    ids = [f"d_{0xb0000000_00000000 + i:016x}" for i in range(extra)]
    copies["doc_id"] = ids
    if "source" in copies:
        copies["source"] = [f"bench/{i:07d}.txt" for i in range(extra)]
    if "source_sha256" in copies:
        copies["source_sha256"] = [f"{i:064x}" for i in range(extra)]
    if "text" in copies:
        copies["text"] = "A tiny generated document for the publish benchmark."
        if "n_words" in copies:
            copies["n_words"] = 8
    if "duplicate_of" in copies:
        copies["duplicate_of"] = None
    out = dict(tables)
    out["documents"] = pd.concat([docs, copies], ignore_index=True)
    return out


def _tree_bytes(path: Path) -> int:
    seen, total = set(), 0
    for p in path.rglob("*"):
        if p.is_file():
            st = p.stat()
            if st.st_ino not in seen:
                seen.add(st.st_ino)
                total += st.st_size
    return total


def _step(lines: list[str], what: str, fn):
    t0, c0 = time.perf_counter(), time.process_time()
    value = fn()
    lines.append(f"  {what}: {time.perf_counter() - t0:.1f} s wall, "
                 f"{time.process_time() - c0:.1f} s CPU; peak RSS so far {_peak_mib():.0f} MiB")
    return value


def bench(n: int, work: Path, lines: list[str]) -> None:
    base = _seed_tables(work)
    tables = _grown(base, n)
    store = DataStore(work / f"data-{n}", work / "inbox")
    lines.append(f"{n} documents ({len(base['documents'])} real, the rest tiny copies); "
                 f"facts {len(tables['facts'])}, mentions {len(tables['fact_mentions'])}")
    first = _step(lines, "publish v1 (validate, parts, hashes, manifest, history)",
                  lambda: publish_release(store, tables, CODE_VERSION))
    _step(lines, "refresh the warehouse", lambda: refresh_warehouse(store))
    problems = _step(lines, "verify v1 (files, invariants in SQL, schemas, content hashes)",
                     lambda: verify_release(store, first.version))
    lines.append(f"  v1: {first.version}, verify problems: {len(problems)}; release on disk "
                 f"{_tree_bytes(store.releases_dir) / 2**20:.1f} MiB")
    import duckdb

    con = duckdb.connect(str(store.warehouse_path), read_only=True)
    t0 = time.perf_counter()
    count = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    history = con.execute("SELECT count(*) FROM release_history").fetchone()[0]
    lines.append(f"  warehouse: documents view counts {count} rows, release_history {history} "
                 f"row(s) in {time.perf_counter() - t0:.2f} s")
    con.close()
    before = _tree_bytes(store.releases_dir)
    more = dict(tables)
    more["documents"] = _grown(base, n + 1)["documents"]
    second = _step(lines, "publish v2 with one more document",
                   lambda: publish_release(store, more, CODE_VERSION))
    _step(lines, "refresh the warehouse", lambda: refresh_warehouse(store))
    lines.append(f"  v2: {second.version}; new bytes on disk "
                 f"{(_tree_bytes(store.releases_dir) - before) / 2**20:.2f} MiB")


def main(sizes: list[int]) -> None:
    load = os.getloadavg()
    lines = ["# bench_million_release: publish, warehouse and verify for a release of N documents",
             f"# machine: {describe()}",
             f"# load average before: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} "
             "(shared machine: other jobs may run at the same time)"]
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    lines.append(f"# code: {commit}")
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="nf-million-") as tmp:
            bench(n, Path(tmp), lines)
            print("\n".join(lines[-12:]), flush=True)
    load = os.getloadavg()
    lines.append(f"# load average after: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}")
    write_results(OUT, lines)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000_000])
