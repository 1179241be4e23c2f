"""End to end through the real `make run` on a temporary inbox and data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from pipeline.release import RELEASE_TABLES, verify_all
from pipeline.store import DataStore
from schemas import validate_table
from tests.paths import ROOT


def make_run(inbox: Path, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSFACTS_INBOX": str(inbox), "NEWSFACTS_DATA_DIR": str(data)}
    env.pop("DAGSTER_HOME", None)
    out = subprocess.run(["make", "--no-print-directory", "run"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    return out


def test_make_run_publishes_then_tracks_additions_and_removals(tmp_path: Path,
                                                               inbox: Path) -> None:
    data = tmp_path / "data"
    first = make_run(inbox, data)
    assert "published release v1" in first.stdout
    assert str(data / "releases" / "v1") in first.stdout
    store = DataStore(data, inbox)
    tables = {n: store.read_release_table("v1", n) for n in RELEASE_TABLES}
    assert len(tables["documents"]) == len(list(inbox.iterdir()))
    for name, df in tables.items():
        validate_table(name, df, documents=tables["documents"])
    assert (data / "dagster_home" / "dagster.yaml").exists()  # DAGSTER_HOME in the data folder

    second = make_run(inbox, data)
    assert "no changes" in second.stdout
    assert store.list_releases() == ["v1"]

    shutil.copy(ROOT / "tests" / "fixtures" / "extra_article.txt", inbox / "extra_article.txt")
    third = make_run(inbox, data)
    assert "published release v2" in third.stdout
    added = store.read_manifest("v2")["changes"]["documents_added"]
    assert [d["source"] for d in added] == ["extra_article.txt"]

    removed = sorted(inbox.iterdir())[0]
    removed.unlink()
    make_run(inbox, data)
    assert store.latest_release() == "v3"
    docs = store.read_release_table("v3", "documents")
    assert removed.name not in set(docs["source"])
    assert [d["source"] for d in store.read_manifest("v3")["changes"]["documents_removed"]] == [
        removed.name]
    assert verify_all(store) == []

    env = {**os.environ, "NEWSFACTS_INBOX": str(inbox), "NEWSFACTS_DATA_DIR": str(data)}
    diff = subprocess.run(["make", "--no-print-directory", "diff", "A=v1", "B=v3"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert diff.returncode == 0 and "extra_article.txt" in diff.stdout
    verify = subprocess.run(["make", "--no-print-directory", "verify"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert verify.returncode == 0 and "3 release(s)" in verify.stdout


def test_a_failing_run_exits_non_zero_and_names_the_step(tmp_path: Path, inbox: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "stage").write_text("a file where the stage folder should be")
    env = {**os.environ, "NEWSFACTS_INBOX": str(inbox), "NEWSFACTS_DATA_DIR": str(data)}
    env.pop("DAGSTER_HOME", None)
    out = subprocess.run(["make", "--no-print-directory", "run"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode != 0
    assert "the run failed; the latest release is unchanged" in out.stderr
    assert "inbox_files: FileExistsError" in out.stderr
