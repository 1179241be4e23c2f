"""A real full disk: the data folder on a small tmpfs made by the test, filled to several levels
of free space before a run that has new work. Whatever the run manages, the last release stays
complete and verified, a failed run says the disk is full and names the disk, the real command
refuses to start on a nearly full disk with a message (no traceback), and once space is freed
the next run publishes everything.

Needs root (mount); skipped with a message elsewhere. The many-level version is
`bench/chaos.py --only disk`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.release import verify_all, verify_release
from pipeline.stages import run_all
from pipeline.store import DataStore, is_disk_full
from tests.mounts import tmpfs
from tests.paths import ROOT

MAX = 5 * 1024 * 1024
sys.path.insert(0, str(ROOT / "bench"))
from corpus import write_corpus  # noqa: E402

KIB = 1024
# Free space left before each run with new work: a run fills it while it writes stage tables,
# the release or the warehouse (the stages run in-process: the disk, not Dagster, is tested).
FREE_LEVELS_KIB = [16, 96, 384, 1536]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", "24m") as point:
        yield point


def cli(command: str, inbox: Path, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSFACTS_INBOX": str(inbox), "NEWSFACTS_DATA_DIR": str(data)}
    env.pop("DAGSTER_HOME", None)
    return subprocess.run([sys.executable, "-m", "pipeline.cli", command], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def fill_to(point: Path, free_bytes: int) -> Path:
    """A filler file that leaves about `free_bytes` free on the mount."""
    filler = point / "filler"
    filler.unlink(missing_ok=True)
    room = os.statvfs(point)
    size = room.f_bavail * room.f_frsize - free_bytes
    with filler.open("wb") as fh:
        fh.truncate(0)
        chunk = b"\0" * (1 << 20)
        while size > 0:
            fh.write(chunk[: min(size, len(chunk))])
            size -= len(chunk)
    return filler


@pytest.mark.slow
def test_a_full_disk_never_breaks_the_last_release(small_disk: Path, inbox: Path) -> None:
    data = small_disk / "data"
    write_corpus(inbox, 8, seed=7)
    store = DataStore(data, inbox)
    run_all(store, MAX)
    outcomes = []
    for i, kib in enumerate(FREE_LEVELS_KIB):
        write_corpus(inbox, 3, seed=8, start=1000 + 10 * i)  # new work for the run
        filler = fill_to(small_disk, kib * KIB)
        try:
            run_all(store, MAX)
            outcomes.append(f"{kib} KiB: published {store.latest_release()}")
        except Exception as exc:  # noqa: BLE001 - OSError, or WarehouseError after the publish
            outcomes.append(f"{kib} KiB: stopped ({type(exc).__name__})")
            assert is_disk_full(exc), repr(exc)
            named = str(exc) + str(getattr(exc, "filename", "") or "")
            assert str(small_disk) in named, exc  # names a file on the full disk
        finally:
            filler.unlink()
        latest = store.latest_release()
        assert latest in store.list_releases(), f"{kib} KiB free: LATEST = {latest!r}"
        assert verify_release(store, latest) == [], f"{kib} KiB free"
    print("\n".join(outcomes))
    assert sum("stopped" in o for o in outcomes) >= 2, outcomes  # the disk really filled up

    # The real command below its start threshold: a message naming the folder, no traceback.
    filler = fill_to(small_disk, 256 * KIB)
    refused = cli("run", inbox, data)
    filler.unlink()
    assert refused.returncode == 1, refused.stderr[-3000:]
    assert f"cannot write {data}: the disk is full" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert verify_release(store, store.latest_release()) == []

    run_all(store, MAX)  # space again: the next run publishes everything
    assert verify_all(store) == []
    sources = set(store.read_release_table(store.latest_release(), "documents",
                                           ["source"])["source"])
    assert sources == {p.name for p in inbox.iterdir()}
