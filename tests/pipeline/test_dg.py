"""The repository is a `dg` project: `dg check defs` and `dg list defs` work, the job runs in one
process, and `make ui`'s launcher refuses a port that is taken."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from pipeline.definitions import defs
from pipeline.sensors import JOB_NAME
from tests.paths import ROOT

DG = Path(sys.executable).parent / "dg"


def dg_env(home: Path) -> dict[str, str]:
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    return {**os.environ, "DAGSTER_HOME": str(home), "DAGSTER_DISABLE_TELEMETRY": "1"}


def test_dg_check_defs(tmp_path: Path) -> None:
    out = subprocess.run([str(DG), "check", "defs"], cwd=ROOT, env=dg_env(tmp_path),
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "All definitions loaded successfully" in out.stdout + out.stderr
    assert "virtual environment does not match" not in out.stdout + out.stderr


def test_dg_list_defs_lists_every_asset_and_the_job(tmp_path: Path) -> None:
    out = subprocess.run([str(DG), "list", "defs", "--json"], cwd=ROOT, env=dg_env(tmp_path),
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assets = {a["asset_key"] for a in listed["assets"]}
    assert assets == {"inbox_files", "documents", "rejections", "quotes", "figures", "stories",
                      "facts", "fact_mentions", "speakers", "release"}
    assert [j["name"] for j in listed["jobs"]] == [JOB_NAME]
    assert [s["name"] for s in listed["sensors"]] == ["inbox_sensor"]


def test_the_job_runs_in_one_process() -> None:
    assert defs.resolve_job_def(JOB_NAME).executor_def.name == "in_process"


def test_ui_refuses_a_busy_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "NEWSFACTS_DATA_DIR": str(tmp_path / "data"),
               "DAGSTER_HOME": str(tmp_path / "home")}
        out = subprocess.run([sys.executable, "-m", "pipeline.cli", "ui", "--port", str(port)],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in out.stderr
    assert not (tmp_path / "home").exists()  # refused before anything started
