"""Scale: full runs with 1 and 2 workers over N generated ~500-word articles, then one new
article, nothing new and one removed article, stage by stage.

Each run is a fresh child process (as `make run` would be) that times every stage through the
same functions the Dagster assets call. Per run it reports seconds and documents processed per
stage, the peak resident memory of the run's process and of its largest worker (ru_maxrss;
a forked worker's RSS counts the pages it shares with its parent), the bytes of the data
folder's files it created or rewrote (all, in stage/, in releases/), how many new documents
stories compared, and whether facts were reused, built incrementally or rebuilt in full, with
how many stories and mentions they recomputed. The two full runs must publish byte-identical
tables.
Usage: nice .venv/bin/python bench/bench_scale.py [--skip-one-worker] [N]   (default 10000;
       results in bench/results/scale.txt, or scale_N.txt for another N)
       nice .venv/bin/python bench/bench_scale.py --compare BEFORE_CHECKOUT [N]  (default 2000):
       each run by the other checkout's pipeline and by this one, side by side
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# --compare runs the children of one side with another checkout's pipeline (before/after).
CODE_ROOT = Path(os.environ.get("BENCH_CODE_ROOT") or ROOT)
sys.path.insert(0, str(ROOT))
if CODE_ROOT != ROOT:
    sys.path.insert(0, str(CODE_ROOT))
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402
from machine import describe, write_results  # noqa: E402

OUT = HERE / "results" / "scale.txt"
MAX_FILE_BYTES = 5 * 1024 * 1024
TABLES = ("documents", "rejections", "quotes", "figures", "stories", "facts", "fact_mentions",
          "speakers")


def _files(folder: Path) -> dict[str, tuple[int, int, int]]:
    out = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            p = Path(dirpath, name)
            try:
                st = p.stat()
            except OSError:
                continue
            out[str(p)] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return out


def _new_on_disk(before: dict[str, tuple[int, int, int]], after: dict[str, tuple[int, int, int]],
                 data: Path) -> dict[str, int]:
    """Bytes of the files a run created or rewrote, each inode once (a release part is a hard
    link to a part in objects/ or stage/, so an unchanged part costs nothing), by top folder."""
    old = {(meta[2], meta[1]) for meta in before.values()}
    order = {"stage": 0, "objects": 1, "releases": 2}
    seen: dict[int, tuple[int, str]] = {}
    for path, (size, mtime, ino) in after.items():
        if (ino, mtime) in old:
            continue
        parts = Path(path).relative_to(data).parts
        top = parts[0] if len(parts) > 1 and parts[0] in order else "other"
        if ino not in seen or order.get(top, 9) < order.get(seen[ino][1], 9):
            seen[ino] = (size, top)
    out = {f"{k}/": 0 for k in order} | {"other": 0}  # other: warehouse.duckdb, the lock
    for size, top in seen.values():
        out[top if top == "other" else f"{top}/"] += size
    return {"total": sum(out.values()), **out}


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def child(data: str, inbox: str, workers: int) -> None:
    """One run, stage by stage; prints a JSON line with its measurements."""
    from pipeline import stages
    from pipeline.compute import Compute
    from pipeline.store import DataStore

    store = DataStore(Path(data), Path(inbox))
    compute = Compute(workers=workers)
    before = _files(Path(data))
    seconds: dict[str, float] = {}
    processed: dict[str, int] = {}
    stats: dict[str, dict] = {}

    cpu: dict[str, float] = {}

    def timed(name: str, fn, *args) -> object:
        t0, c0 = time.perf_counter(), _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
        result = fn(*args)
        seconds[name] = round(time.perf_counter() - t0, 2)
        # CPU of this process and of the workers it joined: on a loaded machine the wall
        # seconds include waiting for a core, the CPU seconds do not.
        cpu[name] = round(_cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - c0, 2)
        if isinstance(result, stages.StageResult):
            processed[name] = result.processed
            if name in ("stories", "facts"):
                stats[name] = {k: v for k, v in result.stats.items()
                               if isinstance(v, bool | int | float)}
        return result

    quiet = lambda m: None  # noqa: E731
    t0 = time.perf_counter()
    with store.lock():
        timed("inbox", stages.scan_inbox, store, quiet)
        timed("documents", stages.build_documents, store, MAX_FILE_BYTES, quiet, compute)
        timed("quotes", stages.build_quotes, store, quiet, compute)
        timed("figures", stages.build_figures, store, quiet, compute)
        timed("stories", stages.build_stories, store, quiet)
        timed("facts", stages.build_facts, store, quiet)
        published = timed("release", stages.publish, store, quiet)
    total = time.perf_counter() - t0
    after = _files(Path(data))
    written = sum(meta[0] for path, meta in after.items() if before.get(path) != meta)
    stage_dir, releases_dir = str(store.stage_dir), str(store.releases_dir)
    written_stage = sum(meta[0] for path, meta in after.items()
                        if before.get(path) != meta and path.startswith(stage_dir))
    written_releases = sum(meta[0] for path, meta in after.items()
                           if before.get(path) != meta and path.startswith(releases_dir))
    new_disk = _new_on_disk(before, after, Path(data))
    latest = store.latest_release()
    digest = hashlib.sha256()
    for t in TABLES:
        for part in store.release_table_files(latest, t):
            digest.update(part.read_bytes())
    record = {
        "total": round(total, 1), "seconds": seconds, "cpu": cpu, "processed": processed,
        "version": published.version, "published": published.published,
        "rows": published.rows, "written": written, "written_stage": written_stage,
        "written_releases": written_releases, "new_disk": new_disk, "stats": stats,
        "rss_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "rss_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
        "cpu_main": round(_cpu(resource.RUSAGE_SELF), 1),
        "cpu_workers": round(_cpu(resource.RUSAGE_CHILDREN), 1),
        "tables_sha256": digest.hexdigest()[:16],
    }
    # The raw record also goes to a side file, for numbers the result line does not show.
    with open(Path(tempfile.gettempdir()) / "bench_scale_runs.jsonl", "a") as f:
        f.write(json.dumps({"data": data, "workers": workers, **record}) + "\n")
    print(json.dumps(record))


def run(label: str, data: Path, inbox: Path, workers: int,
        code: Path | None = None) -> tuple[str, dict]:
    env = {**os.environ, "BENCH_CODE_ROOT": str(code or ROOT)}
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(data), str(inbox), str(workers)],
        capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"{label}: the run failed:\n{proc.stderr[-3000:]}")
    m = json.loads(proc.stdout.strip().splitlines()[-1])
    stages = ", ".join(f"{k} {v:.1f} s" + (f" ({m['processed'][k]})" if k in m["processed"]
                                          and k not in ("facts", "inbox") else "")
                       + f" [CPU {m['cpu'][k]:.1f}]"
                       for k, v in m["seconds"].items())
    line = (f"{label}: {m['total']:.1f} s -> {m['version']}"
            f"{'' if m['published'] else ' (nothing published)'}; {stages}; "
            f"{_stories_note(m['stats'].get('stories', {}))}; "
            f"{_facts_note(m['stats'].get('facts', {}))}; "
            f"CPU {m['cpu_main']} s main + {m['cpu_workers']} s workers; "
            f"peak RSS {m['rss_main']} MiB (largest worker {m['rss_worker']} MiB); "
            f"{m['written'] / 2**20:.2f} MiB written by path ({m['written_stage'] / 2**20:.2f} "
            f"MiB in stage/, {m['written_releases'] / 2**20:.2f} MiB in releases/, hard links "
            f"counted per link); new on disk, each file once: "
            + ", ".join(f"{k} {v / 2**20:.2f} MiB" for k, v in m["new_disk"].items()))
    print(line, flush=True)
    return line, m


def _stories_note(st: dict) -> str:
    """What build_stories reported: new documents compared, documents re-weighted."""
    return (f"stories: {st.get('new_documents', 0)} new documents compared with "
            f"{st.get('candidates_compared', 0)} candidate stories, "
            f"{st.get('rebuilt_documents', 0)} re-weighted")


def _facts_note(st: dict) -> str:
    """Which facts build ran (reused, incremental or full) and how much it recomputed."""
    if "incremental" not in st:
        return "facts reused (no mention changed)"
    kind = "incremental" if st["incremental"] else "full build"
    return (f"facts {kind}: {st['quote_stories_changed']} (quotes) and "
            f"{st['figure_stories_changed']} (figures) of {st['stories']} stories recomputed, "
            f"{st['quote_units_recomputed']} of {st['quote_units']} quote units regrouped, "
            f"{st['mentions_recomputed']} mentions recomputed, {st['mentions_kept']} kept")


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--skip-one-worker"]
    skip_one = len(args) < len(sys.argv) - 1
    n = int(args[0]) if args else 10_000
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        t0 = time.perf_counter()
        write_corpus(inbox, n)
        gen = time.perf_counter() - t0
        words = sum(len(p.read_text().split()) for p in sorted(inbox.iterdir())[:200]) / 200
        lines = [f"# bench_scale: {n} generated articles, about {words:.0f} words each "
                 f"({gen:.1f} s to generate); stage wall seconds with documents processed in () "
                 "and CPU seconds (main + workers) in []",
                 f"# machine: {describe()}",
                 f"# load average before: {', '.join(f'{x:.1f}' for x in load_before)} "
                 "(shared machine: other jobs ran at the same time)"]
        if skip_one:
            lines.append("# full run with 1 worker skipped (--skip-one-worker)")
        else:
            one_line, one = run("full run, 1 worker", Path(tmp) / "d1", inbox, 1)
            lines.append(one_line)
        two_line, two = run("full run, 2 workers", Path(tmp) / "d2", inbox, 2)
        lines.append(two_line)
        if not skip_one:
            same = one["tables_sha256"] == two["tables_sha256"]
            lines.append(f"1 worker vs 2 workers: published tables "
                         f"{'byte-identical' if same else 'DIFFER'}"
                         f" (sha256 {two['tables_sha256']}); speed-up documents+quotes+figures "
                         f"{_map_seconds(one) / max(_map_seconds(two), 1e-9):.2f}x, whole run "
                         f"{one['total'] / two['total']:.2f}x")
        write_corpus(inbox, 1, seed=99, start=n)
        lines.append(run("one new article, 2 workers", Path(tmp) / "d2", inbox, 2)[0])
        lines.append(run("nothing new, 2 workers", Path(tmp) / "d2", inbox, 2)[0])
        (inbox / f"article_{n // 2:07d}.txt").unlink()
        lines.append(run("one removed article, 2 workers", Path(tmp) / "d2", inbox, 2)[0])
    lines.append(f"# load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    write_results(OUT if n == 10_000 else OUT.with_name(f"scale_{n}.txt"), lines)


def compare(before: Path, n: int) -> None:
    """Before and after in one run: the same inbox, each step run by the `before` checkout's
    pipeline and then by this one's, into two data folders (2 workers). Results go to
    bench/results/scale_compare.txt."""
    load_before = os.getloadavg()
    lines = [f"# bench_scale --compare: {n} generated articles; before = {before}, after = "
             f"{ROOT}; bytes written per run (all files the run created or rewrote)",
             f"# machine: {describe()}",
             f"# load average before: {', '.join(f'{x:.1f}' for x in load_before)}"]
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        write_corpus(inbox, n)
        steps = [("full run", lambda: None),
                 ("one new article", lambda: write_corpus(inbox, 1, seed=99, start=n)),
                 ("nothing new", lambda: None),
                 ("one removed article",
                  lambda: (inbox / f"article_{n // 2:07d}.txt").unlink())]
        for label, change in steps:
            change()
            for side, code in (("before", before), ("after", ROOT)):
                line, m = run(f"{label}, {side}", Path(tmp) / side, inbox, 2, code)
                lines.append(line + f"; tables sha256 {m['tables_sha256']}")
    lines.append(f"# load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    write_results(HERE / "results" / "scale_compare.txt", lines)


def _map_seconds(m: dict) -> float:
    return sum(m["seconds"][k] for k in ("documents", "quotes", "figures"))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) >= 3 and sys.argv[1] == "--compare":
        compare(Path(sys.argv[2]).resolve(), int(sys.argv[3]) if len(sys.argv) > 3 else 2000)
    else:
        main()
