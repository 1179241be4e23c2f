"""Storage: bytes a release writes and disk used after N runs that each add one article, for
releases that share parts (contract v2, `pipeline/release.py`) and, side by side in the same
run, the full copies of contract v1 (the publish code of commit f47f1f2, loaded from git).
Then the warehouse and release_history with many releases.

Per corpus size: one full run, then RUNS runs that each add one generated article (`corpus.py`).
After every run the same tables are also published by the v1 code into a second releases folder,
so both layouts publish exactly the same releases. Bytes written: new files of the release
(v2: new objects + manifest + history, from `PublishResult.written`; v1: every file of the new
release folder). Disk: the releases (and objects) counted once per inode, as `du` would.

Usage: nice .venv/bin/python bench/bench_storage.py [N ...] [--runs K] [--releases R]
(default N = 2000 10000, K = 5, R = 10000; the results below: 2000 --runs 2)
"""

from __future__ import annotations

import importlib.util
import json
import os
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

from corpus import write_corpus  # noqa: E402
from machine import describe, write_results  # noqa: E402

OUT = HERE / "results" / "storage.txt"
MAX_FILE_BYTES = 5 * 1024 * 1024
V1_COMMIT = "f47f1f2"


def load_v1_release():
    """pipeline/release.py as it was before contract v2 (full copies of every table)."""
    source = subprocess.run(["git", "show", f"{V1_COMMIT}:pipeline/release.py"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "release_v1.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("release_v1", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["release_v1"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def disk_used(*folders: Path) -> int:
    """Bytes of the files under `folders`, each inode once (hard links are not counted twice)."""
    seen, total = set(), 0
    for folder in folders:
        for dirpath, _, names in os.walk(folder):
            for name in names:
                st = os.lstat(os.path.join(dirpath, name))
                if st.st_ino not in seen:
                    seen.add(st.st_ino)
                    total += st.st_size
    return total


def release_tables(store) -> dict:
    """The tables `stages.publish` hands to publish_release, from the stage tables."""
    from pipeline import stages

    tables = stages.usable_tables(store)
    tables["facts"] = store.read_stage("facts")
    tables["fact_mentions"] = store.read_stage("fact_mentions")
    tables["stories"] = stages.published_stories(store.read_stage("stories"),
                                                 tables["documents"])
    tables["speakers"] = store.read_stage("speakers")
    return tables


def mb(n: int) -> str:
    return f"{n / 1e6:9.2f} MB"


def corpus_runs(n: int, runs: int, v1) -> list[str]:
    from pipeline import stages
    from pipeline.store import DataStore

    root = Path(tempfile.mkdtemp(prefix=f"bench-storage-{n}-"))
    inbox = root / "inbox"
    write_corpus(inbox, n, seed=7)
    store = DataStore(root / "data", inbox)
    old = DataStore(root / "data_v1", inbox)
    lines = [f"{n} articles, then {runs} runs with one new article each:",
             f"  {'run':>4} {'docs':>6} | {'v1 written':>12} {'v1 disk':>12} {'v1 s':>6} | "
             f"{'v2 written':>12} {'v2 disk':>12} {'v2 s':>6} | parts reused"]
    for k in range(runs + 1):
        if k:
            write_corpus(inbox, 1, seed=11, start=n + k - 1)
        t0 = time.perf_counter()
        with store.lock():
            stages.scan_inbox(store, lambda m: None)
            stages.build_documents(store, MAX_FILE_BYTES, lambda m: None)
            stages.build_quotes(store, lambda m: None)
            stages.build_figures(store, lambda m: None)
            stages.build_stories(store, lambda m: None)
            stages.build_facts(store, lambda m: None)
        stage_s = time.perf_counter() - t0
        tables = release_tables(store)
        t0 = time.perf_counter()
        new = stages.publish_release(store, tables, stages.CODE_VERSION)
        v2_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        before = {p for p in old.releases_dir.rglob("*")} if old.releases_dir.exists() else set()
        result = v1.publish_release(old, tables, stages.CODE_VERSION)
        v1_s = time.perf_counter() - t0
        v1_written = sum(p.stat().st_size for p in old.releases_dir.rglob("*")
                         if p.is_file() and p not in before)
        manifest = store.read_manifest(new.version)["tables"]
        parts = [p for t in manifest.values() for p in t["parts"]]
        parent = store.read_manifest(new.version)["parent"]
        reused = 0
        if parent:
            known = {p["sha256"] for t in store.read_manifest(parent)["tables"].values()
                     for p in t.get("parts", [])}
            reused = sum(p["sha256"] in known for p in parts)
        lines.append(
            f"  {k:>4} {new.rows['documents']:>6} | {mb(v1_written)} "
            f"{mb(disk_used(old.releases_dir))} {v1_s:6.2f} | {mb(new.written)} "
            f"{mb(disk_used(store.releases_dir, store.objects_dir))} {v2_s:6.2f} | "
            f"{reused}/{len(parts)}   (stages {stage_s:.0f} s; {result.version} {new.version})")
        print(lines[-1], flush=True)
    shutil.rmtree(root, ignore_errors=True)
    return lines


def many_releases(count: int) -> list[str]:
    """`count` releases of the seeds (each a manifest and links to v1's parts, as unchanged
    releases would be): release_history rebuild and append, and the warehouse refresh."""
    from pipeline import release, stages, warehouse
    from pipeline.store import DataStore

    root = Path(tempfile.mkdtemp(prefix="bench-releases-"))
    store = DataStore(root / "data", ROOT / "seeds")
    stages.run_all(store, MAX_FILE_BYTES, log=lambda m: None)
    manifest = store.read_manifest("v1")
    t0 = time.perf_counter()
    for i in range(2, count + 1):
        folder = store.release_dir(f"v{i}")
        for table, meta in manifest["tables"].items():
            (folder / table).mkdir(parents=True)
            for part in meta["parts"]:
                os.link(store.object_path(part["sha256"]), folder / table / part["file"])
        (folder / "manifest.json").write_text(
            json.dumps({**manifest, "version": f"v{i}", "parent": f"v{i - 1}"}))
    (store.releases_dir / "LATEST").write_text(f"v{count}\n")
    made = time.perf_counter() - t0
    lines = [f"{count} releases of the seeds ({made:.0f} s to lay out):"]
    (store.releases_dir / release.HISTORY_FILE).unlink()
    t0 = time.perf_counter()
    release.sync_history(store)
    lines.append(f"  history.parquet rebuilt from {count} manifests: "
                 f"{time.perf_counter() - t0:.2f} s, "
                 f"{(store.releases_dir / release.HISTORY_FILE).stat().st_size} bytes")
    shutil.copytree(store.release_dir(f"v{count}"), store.release_dir(f"v{count + 1}"),
                    copy_function=os.link)
    (store.release_dir(f"v{count + 1}") / "manifest.json").write_text(
        json.dumps({**manifest, "version": f"v{count + 1}", "parent": f"v{count}"}))
    (store.releases_dir / "LATEST").write_text(f"v{count + 1}\n")
    t0 = time.perf_counter()
    release.sync_history(store)
    lines.append(f"  one release appended to it: {time.perf_counter() - t0:.2f} s")
    for recent in (warehouse.RECENT_RELEASES, 200):
        warehouse.RECENT_RELEASES = recent
        t0 = time.perf_counter()
        warehouse.refresh_warehouse(store)
        s = time.perf_counter() - t0
        import duckdb

        con = duckdb.connect(str(store.warehouse_path), read_only=True)
        n_views = con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone()
        t0 = time.perf_counter()
        hist = con.execute("SELECT count(*), max(created_at) FROM release_history").fetchone()
        q = time.perf_counter() - t0
        con.close()
        lines.append(f"  warehouse with views for the newest {recent}: refresh {s:.1f} s, "
                     f"{n_views[0]} views, {store.warehouse_path.stat().st_size // 1024} KiB; "
                     f"release_history counts {hist[0]} in {q * 1000:.0f} ms")
        print(lines[-1], flush=True)
    warehouse.RECENT_RELEASES = 50
    shutil.rmtree(root, ignore_errors=True)
    return lines


def main() -> None:
    args = sys.argv[1:]
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 5
    count = int(args[args.index("--releases") + 1]) if "--releases" in args else 10_000
    sizes = [int(a) for i, a in enumerate(args)
             if a.isdigit() and (i == 0 or args[i - 1] not in ("--runs", "--releases"))]
    v1 = load_v1_release()
    load = os.getloadavg()
    lines = [f"bench_storage: {describe()}",
             f"load average at start {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
             "(2 cores shared with other jobs)",
             "v1 = full copies of every table per release (commit f47f1f2's publish); "
             "v2 = parts hard-linked to objects/ (this commit); same tables, same run.", ""]
    lines += many_releases(count) + [""]
    write_results(OUT, lines)  # each section as soon as it is measured
    for n in sizes or [2000, 10000]:
        lines += corpus_runs(n, runs, v1) + [""]
        write_results(OUT, lines)
    load = os.getloadavg()
    lines.append(f"load average at end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    write_results(OUT, lines)


if __name__ == "__main__":
    main()
