"""Crash safety: SIGKILL `make run` at many moments; LATEST always names a complete, verified
release, and the next run finishes the work.

After each kill the check and the next run use the same functions as `make verify` and
`make run` in-process (no Dagster start-up), to keep the test to a minute or two; the last
round goes through the real `make run` and `make verify`.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.release import verify_release
from pipeline.stages import run_all
from pipeline.store import DataStore
from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from corpus import write_corpus  # noqa: E402

KILLS = int(os.environ.get("NEWSFACTS_CRASH_KILLS", "20"))


def env_for(inbox: Path, data: Path) -> dict[str, str]:
    env = {**os.environ, "NEWSFACTS_INBOX": str(inbox), "NEWSFACTS_DATA_DIR": str(data)}
    env.pop("DAGSTER_HOME", None)
    return env


def make(target: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", target], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_sigkill_at_random_moments_never_breaks_the_dataset(tmp_path: Path, inbox: Path) -> None:
    data = tmp_path / "data"
    env = env_for(inbox, data)
    write_corpus(inbox, 20, seed=3)
    first = make("run", env)
    assert first.returncode == 0, first.stderr[-2000:]
    write_corpus(inbox, 1, seed=4, start=500)
    t0 = time.monotonic()
    assert make("run", env).returncode == 0
    full_run_s = time.monotonic() - t0  # a run like the ones killed below: one new article
    store = DataStore(data, inbox)
    rng = random.Random(20261123)
    killed_during: list[float] = []
    for i in range(KILLS):
        # new work for every run: one article added, sometimes one removed
        write_corpus(inbox, 1, seed=5, start=1000 + i)
        if i % 3 == 2:
            sorted(inbox.glob("article_*.txt"))[0].unlink()
        delay = rng.uniform(0.2, full_run_s * 1.05)
        proc = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(delay)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
            killed_during.append(delay)
        except ProcessLookupError:
            pass
        proc.wait(timeout=60)

        latest = store.latest_release()
        assert latest is not None and latest in store.list_releases()
        problems = verify_release(store, latest)
        assert problems == [], f"after a kill at {delay:.2f} s: {problems}"

        run_all(store, 5 * 1024 * 1024, log=lambda m: None)
        assert verify_release(store, store.latest_release()) == []
        latest = store.read_release_table(store.latest_release(), "documents", ["source"])
        names = set(latest["source"])
        on_disk = {p.name for p in inbox.iterdir()}
        assert names == on_disk  # every article in the inbox is in the latest release
        leftovers = [p.name for p in store.releases_dir.iterdir() if p.name.startswith(".tmp")]
        assert leftovers == []
    assert len(killed_during) >= KILLS // 2
    write_corpus(inbox, 1, seed=5, start=5000)
    proc = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    time.sleep(full_run_s * 0.8)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    verify = make("verify", env)
    assert verify.returncode == 0, verify.stdout
    final = make("run", env)
    assert final.returncode == 0, final.stderr[-3000:]
    assert make("verify", env).returncode == 0
    names = set(store.read_release_table(store.latest_release(), "documents", ["source"])["source"])
    assert names == {p.name for p in inbox.iterdir()}


@pytest.mark.slow
def test_make_run_repairs_damage_and_says_what_it_did(tmp_path: Path, inbox: Path) -> None:
    """The real `make run` after a flipped stage byte, a flipped release byte and a bad LATEST:
    it publishes a repaired release, prints every repair naming its file, and verify is clean."""
    data = tmp_path / "data"
    env = env_for(inbox, data)
    assert make("run", env).returncode == 0
    store = DataStore(data, inbox)
    part = store.release_table_files("v1", "facts")[0]  # a hard link to its object
    for path in (store.stage_path("quotes"), part):
        raw = bytearray(path.read_bytes())
        raw[len(raw) // 2] ^= 0xFF
        path.write_bytes(bytes(raw))
    (store.releases_dir / "LATEST").write_text("abc")
    broken = make("verify", env)
    assert broken.returncode != 0  # make turns the exit code 1 into 2
    assert "stage/quotes.parquet" in broken.stdout and "LATEST names 'abc'" in broken.stdout
    run = make("run", env)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "newsfacts: published release v2" in run.stdout
    assert "stage/quotes.parquet is damaged" in run.stderr
    assert "LATEST named 'abc'" in run.stderr
    assert f"v1/facts/{part.name}: sha256" in run.stderr
    verify = make("verify", env)
    assert verify.returncode == 0, verify.stdout
    assert "v1 was damaged and republished as v2" in verify.stdout
