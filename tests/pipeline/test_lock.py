"""One writer at a time: the data lock, and two real runs started together."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.lock import LockTimeout, data_lock
from pipeline.release import verify_all
from pipeline.store import DataStore
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
