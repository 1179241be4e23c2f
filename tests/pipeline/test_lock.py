"""One writer at a time: the data lock, and two real runs started together; a lock that cannot
be taken (a folder in its place, no permission, a full disk) is a LockError naming the file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.lock import LockError, LockTimeout, data_lock
from pipeline.release import verify_all
from pipeline.store import DataStore
from tests.mounts import tmpfs
from tests.paths import ROOT


def hold_lock_in_another_process(path: Path, seconds: float) -> subprocess.Popen:
    code = textwrap.dedent(f"""
        import time, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from pipeline.lock import data_lock
        with data_lock(Path({str(path)!r})):
            print("held", flush=True)
            time.sleep({seconds})
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_writer_gives_up_with_a_clear_message(tmp_path: Path) -> None:
    lock = tmp_path / ".newsfacts.lock"
    proc = hold_lock_in_another_process(lock, 10)
    try:
        with pytest.raises(LockTimeout, match="another newsfacts run \\(pid \\d+"), \
                data_lock(lock, timeout_s=0.5):
            pass
    finally:
        proc.kill()
        proc.wait()


def test_second_writer_waits_and_then_proceeds(tmp_path: Path, caplog) -> None:
    lock = tmp_path / ".newsfacts.lock"
    proc = hold_lock_in_another_process(lock, 1.5)
    t0 = time.monotonic()
    with caplog.at_level("WARNING"), data_lock(lock, timeout_s=30):
        waited = time.monotonic() - t0
    proc.wait()
    assert waited > 0.5
    assert "waiting" in caplog.text


def test_lock_is_reentrant_within_a_process_and_freed_when_a_holder_dies(tmp_path: Path) -> None:
    lock = tmp_path / ".newsfacts.lock"
    with data_lock(lock, timeout_s=1), data_lock(lock, timeout_s=1):
        pass
    proc = hold_lock_in_another_process(lock, 60)
    proc.kill()  # SIGKILL: the kernel drops the lock with the process
    proc.wait()
    with data_lock(lock, timeout_s=2):
        pass


@pytest.mark.slow
def test_two_runs_at_once_both_finish_and_publish_one_release(tmp_path: Path,
                                                              inbox: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "NEWSFACTS_INBOX": str(inbox), "NEWSFACTS_DATA_DIR": str(data)}
    env.pop("DAGSTER_HOME", None)
    cmd = [sys.executable, "-m", "pipeline.cli", "run"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    stdout = "".join(o[0] for o in outs)
    assert stdout.count("published release v1") == 1
    assert stdout.count("no changes") == 1
    store = DataStore(data, inbox)
    assert store.list_releases() == ["v1"] and verify_all(store) == []


def test_a_lock_file_that_cannot_be_opened_is_a_lock_error_naming_it(tmp_path: Path,
                                                                     monkeypatch) -> None:
    lock = tmp_path / ".newsfacts.lock"
    lock.mkdir()  # a folder where the lock file should be: EISDIR, even for root
    with pytest.raises(LockError) as caught, data_lock(lock, timeout_s=1):
        pass
    assert str(caught.value) == (
        f"cannot take the write lock {lock}: is a directory [errno {errno.EISDIR}]; make "
        f"{tmp_path} writable, or set NEWSFACTS_DATA_DIR to a folder you can write to")
    lock.rmdir()

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(lock))

    monkeypatch.setattr("pipeline.lock.os.open", denied)
    with pytest.raises(LockError, match=f"^cannot take the write lock {lock}: permission denied "
                                        rf"\[errno {errno.EACCES}\]"), \
            data_lock(lock, timeout_s=1):
        pass


def test_a_full_disk_while_writing_the_holder_note_frees_the_lock(tmp_path: Path,
                                                                  monkeypatch) -> None:
    lock = tmp_path / ".newsfacts.lock"
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("pipeline.lock.os.write", full)
    with pytest.raises(LockError) as caught, data_lock(lock, timeout_s=1):
        pass
    assert str(caught.value) == (f"cannot take the write lock {lock}: no space left on device "
                                 f"[errno {errno.ENOSPC}]; free some space and run again")
    assert isinstance(caught.value.__cause__, OSError)
    monkeypatch.setattr("pipeline.lock.os.write", real_write)
    proc = hold_lock_in_another_process(lock, 0)  # nothing is left held: another process takes it
    assert proc.wait(timeout=60) == 0
    with data_lock(lock, timeout_s=2):
        pass


@pytest.mark.slow
def test_a_lock_on_a_real_full_disk_is_a_lock_error(tmp_path: Path) -> None:
    """0 KiB free on a tmpfs: the lock file can be created (an inode) but not written."""
    with tmpfs(tmp_path / "disk", "64k") as point:
        fd = os.open(point / "filler", os.O_WRONLY | os.O_CREAT)
        with pytest.raises(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
        os.close(fd)
        lock = point / "data" / ".newsfacts.lock"
        with pytest.raises(LockError, match=f"^cannot take the write lock {lock}: no space left "
                                            rf"on device \[errno {errno.ENOSPC}\]; free some"), \
                data_lock(lock, timeout_s=1):
            pass


def test_make_run_says_in_one_line_that_the_lock_cannot_be_taken(tmp_path: Path,
                                                                 inbox: Path) -> None:
    data = tmp_path / "data"
    (data / ".newsfacts.lock").mkdir(parents=True)
    env = {**os.environ, "NEWSFACTS_INBOX": str(inbox), "NEWSFACTS_DATA_DIR": str(data)}
    env.pop("DAGSTER_HOME", None)
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "run"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr[-2000:]
    said = [ln for ln in done.stderr.splitlines() if ln.startswith("newsfacts:")]
    assert said == [f"newsfacts: the run stopped: LockError: cannot take the write lock "
                    f"{data / '.newsfacts.lock'}: is a directory [errno {errno.EISDIR}]; make "
                    f"{data} writable, or set NEWSFACTS_DATA_DIR to a folder you can write to"]
    assert "Traceback" not in done.stderr
