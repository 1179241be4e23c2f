"""The compute resource: the per-document map in worker processes, in order, under a budget.

One worker, two workers and in-process give byte-identical releases; an input that hangs, runs
out of memory or kills its worker costs that input only (an `over_budget` rejection naming the
stage and the limit) and the run goes on.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from pipeline.compute import Budget, Compute, auto_batch_size
from pipeline.config import ComputeSettings, SettingError
from pipeline.stages import run_all
from pipeline.store import DataStore
from tests.paths import ROOT, seed_inbox

sys.path.insert(0, str(ROOT / "bench"))
from corpus import write_corpus  # noqa: E402

MAX = 5 * 1024 * 1024
HANG = "QUILLFEATHER"  # the token that marks the one document a test extractor chokes on
RELEASE_TABLES = ("documents", "rejections", "quotes", "figures", "facts", "fact_mentions")

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes need fork")


def _square(x: int) -> int:
    return x * x


def _picky(x: int) -> int:
    if x == 3:
        raise ValueError("three is not welcome")
    return x


def _sleepy(x: int) -> int:
    if x == 2:
        time.sleep(30)
    return x


def _deaf(x: int) -> int:
    """Stuck where no signal is heard, like C code that never checks for one."""
    if x == 1:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(30)
    return x


def _greedy(x: int) -> int:
    if x == 4:
        return len(bytearray(1024 * 2**20))  # 1 GiB, over a 64 MB budget
    return x


def _fatal(x: int) -> int:
    if x == 5:
        os._exit(3)
    return x


@pytest.mark.parametrize("compute", [
    Compute(mode="inprocess"), Compute(workers=1, batch_size=2), Compute(workers=2, batch_size=3),
    Compute(workers=2),
])
def test_map_returns_one_outcome_per_input_in_order(compute: Compute) -> None:
    outcomes = compute.map(_square, list(range(23)))
    assert [o.value for o in outcomes] == [i * i for i in range(23)]
    assert all(o.ok for o in outcomes)


@pytest.mark.parametrize("compute", [Compute(mode="inprocess"), Compute(workers=2, batch_size=2)])
def test_an_exception_costs_only_its_input(compute: Compute) -> None:
    outcomes = compute.map(_picky, list(range(7)))
    assert [o.value for o in outcomes] == [0, 1, 2, None, 4, 5, 6]
    assert outcomes[3].failure == "error"
    assert outcomes[3].detail.startswith("ValueError('three is not welcome')")


@pytest.mark.parametrize("compute", [Compute(mode="inprocess", budget=Budget(seconds=0.5)),
                                     Compute(workers=2, batch_size=4, budget=Budget(seconds=0.5))])
def test_an_input_over_its_time_budget_is_stopped_and_the_rest_go_on(compute: Compute) -> None:
    t0 = time.monotonic()
    outcomes = compute.map(_sleepy, list(range(8)))
    assert time.monotonic() - t0 < 10
    assert [o.value for o in outcomes] == [0, 1, None, 3, 4, 5, 6, 7]
    assert outcomes[2].failure == "over_budget"
    assert "0.5 s" in outcomes[2].detail and "NEWSFACTS_DOC_TIMEOUT" in outcomes[2].detail


def test_a_worker_that_ignores_the_alarm_is_killed_and_replaced() -> None:
    compute = Compute(workers=2, batch_size=4, budget=Budget(seconds=0.3))
    t0 = time.monotonic()
    outcomes = compute.map(_deaf, list(range(8)))
    assert time.monotonic() - t0 < 15
    assert [o.value for o in outcomes] == [0, None, 2, 3, 4, 5, 6, 7]
    assert outcomes[1].failure == "over_budget"


def test_an_input_over_its_memory_budget_costs_only_itself() -> None:
    compute = Compute(workers=2, batch_size=3, budget=Budget(seconds=30, memory_mb=64))
    outcomes = compute.map(_greedy, list(range(9)))
    assert [o.value for o in outcomes] == [0, 1, 2, 3, None, 5, 6, 7, 8]
    assert outcomes[4].failure == "over_budget"
    assert "64 MB" in outcomes[4].detail and "NEWSFACTS_DOC_MEMORY_MB" in outcomes[4].detail


def test_a_worker_that_dies_costs_its_input_never_the_batch() -> None:
    outcomes = Compute(workers=2, batch_size=5).map(_fatal, list(range(10)))
    assert [o.value for o in outcomes] == [0, 1, 2, 3, 4, None, 6, 7, 8, 9]
    assert outcomes[5].failure == "crashed" and "exit code 3" in outcomes[5].detail


def test_batches_are_sized_for_the_number_of_workers() -> None:
    assert auto_batch_size(10, 2) == 1
    assert auto_batch_size(1600, 2) == 100
    assert auto_batch_size(10**6, 2) == 256


def test_compute_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFACTS_WORKERS", "3")
    monkeypatch.setenv("NEWSFACTS_DOC_TIMEOUT", "12.5")
    monkeypatch.setenv("NEWSFACTS_DOC_MEMORY_MB", "512")
    compute = Compute.from_env()
    assert (compute.n_workers, compute.budget) == (3, Budget(12.5, 512))
    monkeypatch.setenv("NEWSFACTS_WORKERS", "two")
    with pytest.raises(SettingError, match="NEWSFACTS_WORKERS='two'"):
        ComputeSettings.from_env()
    monkeypatch.setenv("NEWSFACTS_WORKERS", "2")
    monkeypatch.setenv("NEWSFACTS_COMPUTE", "cluster")
    with pytest.raises(SettingError, match="NEWSFACTS_COMPUTE='cluster'"):
        ComputeSettings.from_env()


def _corpus(tmp_path: Path, n: int = 40) -> Path:
    inbox = tmp_path / "inbox"
    write_corpus(inbox, n, seed=3)
    return seed_inbox(inbox)


def _release_digests(store: DataStore) -> dict[str, str]:
    latest = store.latest_release()
    return {t: hashlib.sha256(b"".join(p.read_bytes() for p in store.release_table_files(
        latest, t))).hexdigest() for t in RELEASE_TABLES}


def test_one_worker_equals_two_workers_byte_for_byte(tmp_path: Path) -> None:
    inbox = _corpus(tmp_path)
    digests = {}
    for label, compute in [("one", Compute(workers=1, batch_size=7)),
                           ("two", Compute(workers=2, batch_size=3)),
                           ("here", Compute(mode="inprocess"))]:
        store = DataStore(tmp_path / label, inbox, lock_timeout_s=30)
        run_all(store, MAX, log=lambda m: None, compute=compute)
        digests[label] = _release_digests(store)
    assert digests["one"] == digests["two"] == digests["here"]
    docs = DataStore(tmp_path / "two", inbox).read_release_table("v1", "documents")
    assert len(docs) == 45


def _marked_article(inbox: Path) -> None:
    inbox.joinpath("marked.txt").write_text(
        "Harbour board delays the dredging vote\n\n"
        f"PORT ELSWICK — The harbour board postponed its vote on dredging the {HANG} channel "
        "on Monday, after 14 members asked for a new survey of the seabed.\n\n"
        "“We cannot spend 3 million pounds on a guess,” said board chair Odile Prenter, who "
        "expects the survey to take about six weeks.\n", encoding="utf-8")


def _hang_on_token(real):
    def extractor(text: str, *args):
        if HANG in text:
            time.sleep(60)
        return real(text, *args)
    return extractor


def _memory_error_on_token(real):
    def extractor(text: str, *args):
        if HANG in text:
            raise MemoryError()
        return real(text, *args)
    return extractor


@pytest.mark.parametrize(("target", "make", "stage", "limit"), [
    ("pipeline.core.frames.extract_quotes", _hang_on_token, "quotes", "1 s"),
    ("pipeline.core.frames.extract_figures_checked", _memory_error_on_token, "figures", "2048 MB"),
    ("pipeline.core.frames.clean_text", _hang_on_token, "documents", "1 s"),
])
def test_a_document_over_budget_is_rejected_and_the_others_come_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, make, stage: str, limit: str,
) -> None:
    import pipeline.core.frames as frames

    inbox = _corpus(tmp_path, n=12)
    _marked_article(inbox)
    monkeypatch.setattr(target, make(getattr(frames, target.rsplit(".", 1)[1])))
    store = DataStore(tmp_path / "data", inbox, lock_timeout_s=30)
    compute = Compute(workers=2, batch_size=2, budget=Budget(seconds=1, memory_mb=2048))
    t0 = time.monotonic()
    run_all(store, MAX, log=lambda m: None, compute=compute)
    assert time.monotonic() - t0 < 120
    docs = store.read_release_table("v1", "documents")
    rejected = store.read_release_table("v1", "rejections")
    assert len(docs) == 17 and "marked.txt" not in set(docs["source"])
    row = rejected[rejected["source"] == "marked.txt"].iloc[0]
    assert row["reason"] == "over_budget"
    assert f"{stage} stage" in row["detail"] and limit in row["detail"]
