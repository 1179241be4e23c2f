"""A release of a million documents: publish, refresh the warehouse, verify, query (issue 13).

The extractors are measured elsewhere (bench_scale.py); this measures what grows with the corpus
in the publish step alone: pandera validation of the release tables, splitting into parts,
content hashes, the manifest and history, the warehouse views and `make verify`'s checks.

The tables are the seeds' real tables (one run of the pipeline over `seeds/`), with the
documents table grown to N rows by copies of real documents given new ids and a short text
(a tiny document: the seeds' text repeated a million times would measure disk, not the code).
Then a second release that adds one document, to show what an arrival costs at that size.

Each code runs in its own process, so peak RSS is that code's: the code given by --base (e.g.
`git worktree add /tmp/parts-base main`) and this checkout, one after the other in one run. A
code whose publish_release takes a function yielding chunks (TableSource) gets the documents
that way, generated a chunk at a time; older code gets one frame of N rows. The manifests of
both (without created_at) must be identical.

Usage: PYTHONPATH=. .venv/bin/python bench/bench_million_release.py [--base DIR] [N ...]
(default 1000000)
"""

from __future__ import annotations

import json
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
CODE = Path(sys.argv[2]).resolve() if sys.argv[1:2] == ["--child"] else ROOT
sys.path.insert(0, str(CODE))
sys.path.insert(0, str(HERE))

import pandas as pd  # noqa: E402
from machine import describe, write_results  # noqa: E402

import pipeline.release as release  # noqa: E402
from pipeline.release import publish_release, refresh_warehouse, verify_release  # noqa: E402
from pipeline.stages import CODE_VERSION, run_all  # noqa: E402
from pipeline.store import DataStore  # noqa: E402

STREAMS = hasattr(release, "TableSource")  # publish_release takes chunk functions
CHUNK = 50_000

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


def _copies(docs: pd.DataFrame, start: int, stop: int) -> pd.DataFrame:
    """Copies start..stop-1 of real rows: new ids, sources and a short text; the story of each
    copy is its original's (so stories still name only real ones)."""
    copies = docs.iloc[[i % len(docs) for i in range(start, stop)]].reset_index(drop=True)
    copies["doc_id"] = [f"d_{0xb0000000_00000000 + i:016x}" for i in range(start, stop)]
    if "source" in copies:
        copies["source"] = [f"bench/{i:07d}.txt" for i in range(start, stop)]
    if "source_sha256" in copies:
        copies["source_sha256"] = [f"{i:064x}" for i in range(start, stop)]
    if "text" in copies:
        copies["text"] = "A tiny generated document for the publish benchmark."
        if "n_words" in copies:
            copies["n_words"] = 8
    if "duplicate_of" in copies:
        copies["duplicate_of"] = None
    return copies


def _grown(tables: dict[str, pd.DataFrame], n: int) -> dict:
    """`tables` with the documents grown to `n` rows by copies: one frame, or for code that
    streams a function yielding the real rows and then the copies a chunk at a time."""
    docs = tables["documents"]
    extra = n - len(docs)
    out = dict(tables)
    if STREAMS:
        def chunks():
            yield docs
            for start in range(0, extra, CHUNK):
                yield _copies(docs, start, min(extra, start + CHUNK))
        out["documents"] = chunks
    else:
        out["documents"] = pd.concat([docs, _copies(docs, 0, extra)], ignore_index=True)
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


def _manifest(store: DataStore, version: str) -> dict:
    manifest = store.read_manifest(version)
    manifest.pop("created_at", None)
    return manifest


def bench(n: int, work: Path, lines: list[str]) -> list[dict]:
    base = _seed_tables(work)
    tables = _grown(base, n)
    store = DataStore(work / f"data-{n}", work / "inbox")
    lines.append(f"{n} documents ({len(base['documents'])} real, the rest tiny copies); "
                 f"facts {len(base['facts'])}, mentions {len(base['fact_mentions'])}; "
                 f"documents given {'a chunk at a time' if STREAMS else 'as one frame'}")
    lines.append(f"  after the seed run and the tables in memory: peak RSS {_peak_mib():.0f} MiB")
    first = _step(lines, "publish v1 (validate, parts, hashes, manifest, history)",
                  lambda: publish_release(store, tables, CODE_VERSION))
    tables = {}  # the frames are not needed any more (old code: N rows)
    _step(lines, "refresh the warehouse", lambda: refresh_warehouse(store))
    import duckdb

    con = duckdb.connect(str(store.warehouse_path), read_only=True)
    t0 = time.perf_counter()
    count = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    history = con.execute("SELECT count(*) FROM release_history").fetchone()[0]
    lines.append(f"  warehouse: documents view counts {count} rows, release_history {history} "
                 f"row(s) in {time.perf_counter() - t0:.2f} s")
    con.close()
    before = _tree_bytes(store.releases_dir)
    more = _grown(base, n + 1)
    second = _step(lines, "publish v2 with one more document",
                   lambda: publish_release(store, more, CODE_VERSION))
    more = {}
    _step(lines, "refresh the warehouse", lambda: refresh_warehouse(store))
    lines.append(f"  v2: {second.version}; new bytes on disk "
                 f"{(_tree_bytes(store.releases_dir) - before) / 2**20:.2f} MiB")
    # Last, as it holds whole tables (pandera and content hashes over each table read back).
    problems = _step(lines, "verify v1 (files, invariants in SQL, schemas, content hashes)",
                     lambda: verify_release(store, first.version))
    lines.append(f"  {first.version}: verify problems: {len(problems)}; releases on disk "
                 f"(v1 and v2) {_tree_bytes(store.releases_dir) / 2**20:.1f} MiB")
    return [_manifest(store, first.version), _manifest(store, second.version)]


def child(out: Path, sizes: list[int]) -> None:
    """One code's measurements: lines and manifests as JSON in `out`."""
    commit = subprocess.run(["git", "-C", str(CODE), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    lines, manifests = [f"## code {CODE} ({commit})"], []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="nf-million-") as tmp:
            manifests.append(bench(n, Path(tmp), lines))
    lines.append(f"  peak RSS of this process: {_peak_mib():.0f} MiB")
    out.write_text(json.dumps({"lines": lines, "manifests": manifests}))


def main(args: list[str]) -> None:
    base = None
    if args[:1] == ["--base"]:
        base, args = Path(args[1]).resolve(), args[2:]
    sizes = [int(a) for a in args] or [1_000_000]
    load = os.getloadavg()
    lines = ["# bench_million_release: publish, warehouse and verify for a release of N documents",
             f"# machine: {describe()}",
             f"# load average before: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} "
             "(shared machine: other jobs may run at the same time)"]
    results = []
    for code in [c for c in (base, ROOT) if c is not None]:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(code),
                            out.name, *map(str, sizes)], check=True,
                           env={**os.environ, "PYTHONPATH": str(code)})
            results.append(json.loads(Path(out.name).read_text()))
        lines.extend(results[-1]["lines"])
        print("\n".join(results[-1]["lines"]), flush=True)
    if len(results) == 2:
        same = results[0]["manifests"] == results[1]["manifests"]
        lines.append(f"# manifests of v1 and v2 (without created_at), base vs this code: "
                     f"{'identical' if same else 'DIFFERENT'}")
    load = os.getloadavg()
    lines.append(f"# load average after: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}")
    write_results(OUT, lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(Path(sys.argv[3]), [int(a) for a in sys.argv[4:]])
    else:
        main(sys.argv[1:])
