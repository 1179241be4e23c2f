"""The command line names the problem instead of printing a traceback: a read-only data folder, a
file where the folder should be, a full disk, a reader that closes the pipe; and `diff` says what
changed in each changed fact."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.stages import run_all
from pipeline.store import DataStore
from tests.paths import ROOT

MAX = 5 * 1024 * 1024


def run_cli(*args: str, data: Path, inbox: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSFACTS_DATA_DIR": str(data),
           "NEWSFACTS_INBOX": str(inbox or ROOT / "seeds"), "DAGSTER_HOME": ""}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_read_only_data_folder_is_named_without_a_traceback(tmp_path: Path) -> None:
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(parent, os.W_OK):
            pytest.skip("running as a user who can write to a read-only folder (root)")
        out = run_cli("run", data=parent / "data")
    finally:
        parent.chmod(stat.S_IRWXU)
    assert out.returncode == 1
    assert f"cannot write {parent / 'data'}: permission denied" in out.stderr
    assert "NEWSFACTS_DATA_DIR" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_file_in_place_of_the_data_folder_is_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("not a folder")
    out = run_cli("run", data=data)
    assert out.returncode == 1
    assert f"cannot write {data}: a file stands where a folder should be" in out.stderr
    assert "Traceback" not in out.stderr
    assert data.read_text() == "not a folder"


def test_a_full_disk_is_named_with_the_path(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture) -> None:
    def full(settings: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", "/srv/news/stage/quotes.parquet")

    monkeypatch.setattr(cli, "cmd_verify", full)
    assert cli.main(["verify"]) == 1
    err = capsys.readouterr().err
    assert ("cannot write /srv/news/stage/quotes.parquet: the disk is full [errno 28]; "
            "free some space and run again") in err


def test_a_step_that_failed_on_a_full_disk_gets_advice() -> None:
    hint = cli.failure_hint("OSError: [Errno 28] No space left on device: '/d/stage/x.parquet'")
    assert hint == ("cannot write /d/stage/x.parquet: the disk is full [errno 28]; free some "
                    "space and run again")
    assert cli.failure_hint("ValueError: something else") is None


@pytest.fixture
def corroborated(tmp_path: Path, inbox: Path) -> DataStore:
    """v1: the seeds; v2 adds an invented article repeating v1's first quote with its speaker."""
    store = DataStore(tmp_path / "data", inbox)
    run_all(store, MAX)
    facts = store.read_release_table("v1", "facts")
    quote = facts[(facts["kind"] == "quote") & facts["speaker"].notna()].iloc[0]
    filler = ("The hearing ran for three hours and covered budgets, staffing and the schedule "
              "for the next round of talks between the delegations. ") * 3
    (inbox / "repeat.txt").write_text(
        f"Officials returned to the subject on Tuesday.\n\n\"{quote['statement']}\" "
        f"{quote['speaker']} said at a briefing.\n\n{filler}\n", encoding="utf-8")
    run_all(store, MAX)
    return store


def test_diff_says_what_changed_in_each_fact(corroborated: DataStore) -> None:
    out = run_cli("diff", "v1", "v2", data=corroborated.data_dir, inbox=corroborated.inbox)
    assert out.returncode == 0, out.stderr
    changed = out.stdout.split("facts changed (", 1)[1]
    assert not changed.startswith("0)")
    assert "n_documents: 1 → 2" in changed
    assert "doc_ids: +1 -0 documents (+d_" in changed


def test_diff_into_a_closed_pipe_ends_quietly(corroborated: DataStore) -> None:
    """`make diff A=v1 B=v2 | head`: the reader is gone before diff writes."""
    env = {**os.environ, "NEWSFACTS_DATA_DIR": str(corroborated.data_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "diff", "v1", "v2"], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=300) == 0
    assert "BrokenPipeError" not in err and "Traceback" not in err, err


@pytest.mark.parametrize("folder", ["what?", "back\\slash"])
def test_a_data_path_duckdb_cannot_open_is_refused_before_the_run(tmp_path: Path,
                                                                  folder: str) -> None:
    data = tmp_path / folder / "data"
    out = run_cli("run", data=data)
    assert out.returncode == 2
    assert f"the data folder path '{data}' contains" in out.stderr
    assert "NEWSFACTS_DATA_DIR" in out.stderr
    assert not data.exists()


def test_sql_without_a_warehouse_says_how_to_make_one(tmp_path: Path) -> None:
    out = run_cli("sql", data=tmp_path / "data")
    assert out.returncode == 2
    assert f"there is no {tmp_path / 'data' / 'warehouse.duckdb'} yet; `make run`" in out.stderr
