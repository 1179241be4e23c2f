"""A run launched from the UI or the sensor: one process per run (in_process_executor, the
default now) against a fresh process per step (multiprocess_executor, the default before).

Runs the refresh_dataset job through `dagster.execute_job` (as the run launcher does, with the
job's own executor) three times per executor on a copy of the seeds: from scratch, with nothing
to do, and with one new article. Prints and writes the wall time of each.
Usage: .venv/bin/python bench/bench_executor.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import dagster as dg  # noqa: E402
from machine import describe, write_results  # noqa: E402

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


def main() -> None:
    os.environ["DAGSTER_DISABLE_TELEMETRY"] = "1"
    lines = [f"# refresh_dataset run wall time by executor (seeds; {describe()})",
             f"{'executor':<24}{'from scratch':>14}{'nothing new':>14}{'one article':>14}"]
    for name, make_job in (("multiprocess (before)", multiprocess_job),
                           ("in_process (now)", in_process_job)):
        with tempfile.TemporaryDirectory() as tmp:
            t = timed_runs(make_job, Path(tmp))
        lines.append(f"{name:<24}{t[0]:>13.1f}s{t[1]:>13.1f}s{t[2]:>13.1f}s")
    write_results(OUT, lines)


if __name__ == "__main__":
    main()
