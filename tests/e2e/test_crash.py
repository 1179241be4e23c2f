"""Crash safety: SIGKILL a run at a few chosen moments (each stage and the publish); LATEST
always names a complete, verified release, and the next run finishes the work.

The moments are found by polling the run's own log (bench/chaos.py's worker: every stage
without Dagster), not by sleeping a guessed time; one more kill goes through the real
`make run`. The many-kill version (100 random moments) is `bench/chaos.py --only kill`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.release import verify_release
from pipeline.stages import run_all
from pipeline.store import DataStore
from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from chaos import kill_at, kill_windows, stage_of, timed_run  # noqa: E402
from corpus import write_corpus  # noqa: E402

# (stage, share of the time it took in the timed run): the start of every stage after the
# inbox scan, and the middle of the two long ones (documents with its worker pool, the publish).
MOMENTS = [("documents", 0.0), ("documents", 0.5), ("quotes", 0.0), ("figures", 0.0),
           ("stories", 0.0), ("facts", 0.0), ("release", 0.0), ("release", 0.5)]


def env_for(inbox: Path, data: Path) -> dict[str, str]:
    env = {**os.environ, "NEWSFACTS_INBOX": str(inbox), "NEWSFACTS_DATA_DIR": str(data)}
    env.pop("DAGSTER_HOME", None)
    return env


def make(target: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", target], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def assert_latest_verifies(store: DataStore, when: str, after_a_kill: bool = False) -> None:
    """LATEST names a complete release that verifies. A kill mid-publish may leave its hidden
    `.tmp-*` folder (no reader sees it); the next run removes it, so only then none is left."""
    latest = store.latest_release()
    assert latest is not None and latest in store.list_releases(), when
    assert verify_release(store, latest) == [], when
    if not after_a_kill:
        leftovers = [p.name for p in store.releases_dir.iterdir() if p.name.startswith(".tmp")]
        assert leftovers == [], when


def published_sources(store: DataStore) -> set[str]:
    return set(store.read_release_table(store.latest_release(), "documents", ["source"])["source"])


@pytest.mark.slow
def test_sigkill_at_each_stage_and_the_publish_never_breaks_the_dataset(tmp_path: Path,
                                                                        inbox: Path) -> None:
    data = tmp_path / "data"
    store = DataStore(data, inbox)
    write_corpus(inbox, 8, seed=3)
    run_all(store, 5 * 1024 * 1024, log=lambda m: None)
    write_corpus(inbox, 1, seed=4, start=500)
    windows = kill_windows(timed_run(data, inbox))  # a run like the ones killed: one new file
    assert set(windows) >= {stage for stage, _ in MOMENTS}, windows
    hit = []
    for i, (stage, share) in enumerate(MOMENTS):
        write_corpus(inbox, 1, seed=5, start=1000 + i)  # new work for every run
        if i % 3 == 2:
            sorted(inbox.glob("article_*.txt"))[0].unlink()
        marker, span = windows[stage]
        killed, log = kill_at(data, inbox, marker, share * span)
        hit.append(stage_of(log) if killed else "finished")
        assert_latest_verifies(store, f"after a kill in {stage} (+{share:.0%}): {log[-1500:]}",
                               after_a_kill=True)
    assert hit.count("finished") <= 2, hit  # the kills landed, not after the runs ended
    # The next run (killed ones stacked up work) finishes it all.
    run_all(store, 5 * 1024 * 1024, log=lambda m: None)
    assert_latest_verifies(store, "after the run that follows the kills")
    assert published_sources(store) == {p.name for p in inbox.iterdir()}

    # The real `make run` (Dagster), killed once the facts step has logged its last line: in
    # or just before the publish step.
    env = env_for(inbox, data)
    write_corpus(inbox, 1, seed=5, start=5000)
    proc = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    seen = []
    for line in proc.stderr:  # Dagster's log, polled
        seen.append(line)
        if " - facts: " in line:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert " - facts: " in seen[-1], "".join(seen)[-3000:]
    verify = make("verify", env)
    assert verify.returncode == 0, verify.stdout
    final = make("run", env)
    assert final.returncode == 0, final.stderr[-3000:]
    assert make("verify", env).returncode == 0
    assert published_sources(store) == {p.name for p in inbox.iterdir()}


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
