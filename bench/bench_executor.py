"""A run launched from the UI or the sensor: one process per run (in_process_executor, the
default now) against a fresh process per step (multiprocess_executor, the default before).

Runs the refresh_dataset job through `dagster.execute_job` (as the run launcher does, with the
job's own executor) three times per executor on a copy of the seeds: from scratch, with nothing
to do, and with one new article. Prints and writes the wall time of each.

`--compute [N]` measures instead the per-document map itself (the `compute` resource's modes):
the documents, quotes and figures maps over N generated articles (default 2,000) with
`processes` (2 workers) and `ray` (a local Ray cluster of 2 CPUs, its start timed apart), one
run each, and checks that both give the same outcomes. Needs the extra: `pip install -e '.[ray]'`.
Each part replaces its own section of bench/results/executor.txt and keeps the other's.
Usage: .venv/bin/python bench/bench_executor.py [--compute [N]]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import dagster as dg  # noqa: E402
from corpus import write_corpus  # noqa: E402
from machine import describe  # noqa: E402

from pipeline.compute import Compute, _connect_ray  # noqa: E402
from pipeline.core.frames import documents_of_file, figure_rows, quote_rows  # noqa: E402
from pipeline.definitions import defs  # noqa: E402

OUT = Path(__file__).resolve().parent / "results" / "executor.txt"


def multiprocess_job() -> dg.JobDefinition:
    job = dg.define_asset_job("refresh_multiprocess", selection=dg.AssetSelection.all(),
                              executor_def=dg.multiprocess_executor)
    return dg.Definitions(assets=defs.assets, asset_checks=defs.asset_checks, jobs=[job],
                          resources=defs.resources).resolve_job_def("refresh_multiprocess")


def in_process_job() -> dg.JobDefinition:
    return defs.resolve_job_def("refresh_dataset")


def timed_runs(make_job, root: Path) -> list[float]:
    inbox, data = root / "inbox", root / "data"
    inbox.mkdir(parents=True)
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(f, inbox / f.name)
    os.environ.update(NEWSFACTS_INBOX=str(inbox), NEWSFACTS_DATA_DIR=str(data))
    times = []
    (root / "home").mkdir()
    (root / "home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    with dg.DagsterInstance.from_config(str(root / "home")) as instance:
        for step in ("scratch", "nothing new", "one article"):
            if step == "one article":
                shutil.copy(ROOT / "tests" / "fixtures" / "extra_article.txt", inbox / "new.txt")
            t0 = time.perf_counter()
            result = dg.execute_job(dg.reconstructable(make_job), instance=instance)
            times.append(time.perf_counter() - t0)
            assert result.success, step
    return times


def write_section(lines: list[str]) -> None:
    """Print `lines` and put them in OUT in place of the section with the same title (the text
    of its first line up to the parenthesis), keeping the other sections."""
    text = "\n".join(lines) + "\n"
    print(text)
    title = lines[0].split("(")[0]
    kept = []
    if OUT.exists():
        sections = OUT.read_text(encoding="utf-8").split("\n# ")
        sections = [sections[0]] + ["# " + rest for rest in sections[1:]]
        kept = [sec.rstrip("\n") + "\n" for sec in sections
                if sec.strip() and not sec.startswith(title)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join([*kept, text]), encoding="utf-8")


def _timed_map(compute: Compute, fn, items: list) -> tuple[float, list]:
    t0 = time.perf_counter()
    outcomes = compute.map(fn, items)
    return time.perf_counter() - t0, outcomes


def compute_bench(n: int) -> None:
    """The three per-document maps over `n` generated articles, in processes and on Ray."""
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        write_corpus(inbox, n, seed=11)
        files = sorted(p.name for p in inbox.iterdir())
        read = partial(documents_of_file, inbox, 5 * 1024 * 1024)
        t0 = time.perf_counter()
        _connect_ray("", 2)
        ray_start = time.perf_counter() - t0
        rows, seen = [], {}
        for label, compute in (("processes, 2 workers", Compute(workers=2)),
                               ("ray, local cluster of 2 CPUs", Compute(mode="ray", workers=2))):
            t_docs, docs = _timed_map(compute, read, files)
            inputs = [(r["doc_id"], r["text"], r["published"])
                      for o in docs for r in o.value.rows]
            t_quotes, quotes = _timed_map(compute, quote_rows, inputs)
            t_figures, figures = _timed_map(compute, figure_rows, inputs)
            seen[label] = (docs, quotes, figures)
            rows.append((label, t_docs, t_quotes, t_figures, len(inputs)))
        same = seen["processes, 2 workers"] == seen["ray, local cluster of 2 CPUs"]
    load_after = os.getloadavg()
    base = rows[0][1] + rows[0][2] + rows[0][3]
    lines = [f"# per-document map by compute mode ({n} generated articles; {describe()}; "
             f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after)",
             f"{'mode':<30}{'documents':>11}{'quotes':>9}{'figures':>9}{'total':>9}"
             f"{'vs processes':>14}"]
    for label, t_docs, t_quotes, t_figures, _ in rows:
        total = t_docs + t_quotes + t_figures
        lines.append(f"{label:<30}{t_docs:>10.1f}s{t_quotes:>8.1f}s{t_figures:>8.1f}s"
                     f"{total:>8.1f}s{total / base:>13.2f}x")
    lines.append(f"ray local cluster start (once per process, not in the totals): {ray_start:.1f}s;"
                 f" {rows[0][4]} documents; outcomes identical in both modes: {same}")
    write_section(lines)


def main() -> None:
    os.environ["DAGSTER_DISABLE_TELEMETRY"] = "1"
    if "--compute" in sys.argv:
        rest = sys.argv[sys.argv.index("--compute") + 1:]
        compute_bench(int(rest[0]) if rest else 2000)
        return
    lines = [f"# refresh_dataset run wall time by executor (seeds; {describe()})",
             f"{'executor':<24}{'from scratch':>14}{'nothing new':>14}{'one article':>14}"]
    for name, make_job in (("multiprocess (before)", multiprocess_job),
                           ("in_process (now)", in_process_job)):
        with tempfile.TemporaryDirectory() as tmp:
            t = timed_runs(make_job, Path(tmp))
        lines.append(f"{name:<24}{t[0]:>13.1f}s{t[1]:>13.1f}s{t[2]:>13.1f}s")
    write_section(lines)


if __name__ == "__main__":
    main()
