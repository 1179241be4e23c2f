"""Refused at start with a message, or stopped with one: data paths Dagster cannot use, and a
disk that fills during a run (simulated ENOSPC; the chaos bench uses a real tmpfs)."""

from __future__ import annotations

import errno
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import cli
from pipeline import store as store_module
from pipeline.config import SettingError, check_dagster_home
from pipeline.release import verify_all
from pipeline.stages import run_all
from pipeline.store import DataStore, DiskFull, is_disk_full

MAX = 5 * 1024 * 1024


@pytest.mark.parametrize("name", ["d%41", "d%2Fx", "d?x", "runs?mode=ro"])
def test_dagster_home_that_dagster_reads_as_a_url_is_refused(name: str) -> None:
    with pytest.raises(SettingError) as caught:
        check_dagster_home(Path("/srv") / name / "dagster_home", "NEWSFACTS_DATA_DIR")
    message = str(caught.value)
    assert message.startswith("NEWSFACTS_DATA_DIR gives the Dagster home '/srv/")
    assert "choose a NEWSFACTS_DATA_DIR without" in message


@pytest.mark.parametrize("name", ["d[1]", "d#x", "d%zz", "d x", "d'q", "dé", "d&x=1"])
def test_other_odd_paths_are_accepted(name: str) -> None:
    check_dagster_home(Path("/srv") / name / "dagster_home", "DAGSTER_HOME")


def test_cli_refuses_before_dagster_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSFACTS_DATA_DIR", str(tmp_path / "d%41"))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    with pytest.raises(SystemExit) as exited:
        cli.main(["home"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "NEWSFACTS_DATA_DIR" in err and "'%41'" in err
    assert not (tmp_path / "d%41").exists()  # nothing was created


def test_disk_full_is_recognised_from_errno_and_messages() -> None:
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(OSError("IOError: No space left on device. Detail: [errno 28]"))
    assert is_disk_full(RuntimeError("(sqlite3.OperationalError) database or disk is full"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))


def test_disk_full_while_writing_a_stage_table_names_it_and_loses_nothing(
    store: DataStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run_all(store, MAX, log=lambda m: None)
    (store.inbox / "zz_new.txt").write_text(
        "Ferry operators on the northern lakes said on Friday that bookings rose 9 percent this "
        "summer, the best season since 2018, as more visitors came by train.\n"
        "“We added two boats and still turned people away,” said operator Ilse Marrow, who has "
        "run the crossing for eleven years.\n", encoding="utf-8")
    real_write = pq.write_table

    def full_disk(table, where, *args, **kwargs):
        if "documents.parquet" in str(where):
            raise OSError("IOError: No space left on device")
        return real_write(table, where, *args, **kwargs)

    monkeypatch.setattr(store_module.pq, "write_table", full_disk)
    before = store.stage_path("documents").read_bytes()
    with pytest.raises(DiskFull) as caught:
        run_all(store, MAX, log=lambda m: None)
    assert "while writing documents.parquet" in str(caught.value)
    assert "Free some space and run again" in str(caught.value)
    assert store.stage_path("documents").read_bytes() == before  # the old table stands
    assert not list(store.stage_dir.glob(".*.tmp"))
    assert store.latest_release() == first.version
    monkeypatch.undo()
    assert verify_all(store) == []
    assert run_all(store, MAX, log=lambda m: None).version == "v2"  # space again: it goes on
