"""The inbox sensor: new, changed, removed, still being written, temporary names, bursts,
restarts."""

from __future__ import annotations

import os
import time
from pathlib import Path

import dagster as dg
import pytest

from pipeline.arrivals import decode_cursor, detect_changes
from pipeline.resources import NewsfactsCompute, NewsfactsStore
from pipeline.sensors import inbox_sensor
from pipeline.stages import scan_inbox
from pipeline.store import DataStore

ARTICLE = "A council spokesperson said the bridge would reopen in May. " * 10


def tick(store: DataStore, instance: dg.DagsterInstance, cursor: str | None = None):
    ctx = dg.build_sensor_context(
        instance=instance, cursor=cursor,
        resources={"store": NewsfactsStore(data_dir=str(store.data_dir), inbox=str(store.inbox)),
                   "compute": NewsfactsCompute(mode="inprocess")},
    )
    result = inbox_sensor.evaluate_tick(ctx)
    return result, ctx.cursor


def age(path: Path, seconds: float = 3600) -> None:
    """Make a file look as if it was last written long ago (it has settled)."""
    t = time.time() - seconds
    os.utime(path, (t, t))


@pytest.fixture
def instance():
    with dg.instance_for_test() as inst:
        yield inst


@pytest.fixture
def synced(store: DataStore) -> DataStore:
    """A store whose last run saw the seeds: the sensor has nothing to do."""
    for f in store.inbox.iterdir():
        age(f)
    scan_inbox(store)
    return store


def test_nothing_to_do_when_the_inbox_matches_the_last_run(synced, instance) -> None:
    result, _ = tick(synced, instance)
    assert not result.run_requests
    assert "up to date" in result.skip_message


def test_first_tick_on_an_unprocessed_inbox_requests_a_run(store, instance) -> None:
    for f in store.inbox.iterdir():
        age(f)
    result, _ = tick(store, instance)
    assert len(result.run_requests) == 1
    assert result.run_requests[0].tags["newsfacts/new"] == "5"


def test_new_file_waits_one_tick_then_runs(synced, instance) -> None:
    (synced.inbox / "new.txt").write_text(ARTICLE)
    first, cursor = tick(synced, instance)
    assert not first.run_requests and "still being written" in first.skip_message
    assert "new.txt" in decode_cursor(cursor)
    second, _ = tick(synced, instance, cursor)
    assert len(second.run_requests) == 1
    assert second.run_requests[0].tags["newsfacts/new"] == "1"


def test_settled_new_file_runs_at_once(synced, instance) -> None:
    path = synced.inbox / "new.txt"
    path.write_text(ARTICLE)
    age(path)
    result, _ = tick(synced, instance)
    assert len(result.run_requests) == 1


def test_changed_file(synced, instance) -> None:
    path = next(iter(sorted(synced.inbox.iterdir())))
    path.write_text(path.read_text() + "\nOne more paragraph of reporting.\n")
    age(path, 120)
    result, _ = tick(synced, instance)
    assert result.run_requests[0].tags["newsfacts/changed"] == "1"


def test_removed_file_runs_at_once(synced, instance) -> None:
    next(iter(sorted(synced.inbox.iterdir()))).unlink()
    result, _ = tick(synced, instance)
    assert result.run_requests[0].tags["newsfacts/removed"] == "1"


def test_file_still_growing_keeps_waiting(synced, instance) -> None:
    path = synced.inbox / "growing.txt"
    path.write_text(ARTICLE)
    _, cursor = tick(synced, instance)
    with path.open("a") as fh:
        fh.write("more text arriving\n")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    second, cursor = tick(synced, instance, cursor)
    assert not second.run_requests
    third, _ = tick(synced, instance, cursor)
    assert len(third.run_requests) == 1


@pytest.mark.parametrize("name", ["article.txt.part", "draft.tmp", ".hidden.txt", "x.crdownload"])
def test_temporary_names_are_ignored(synced, instance, name: str) -> None:
    path = synced.inbox / name
    path.write_text(ARTICLE)
    age(path)
    result, _ = tick(synced, instance)
    assert not result.run_requests


def test_burst_of_many_files_is_one_run(synced, instance) -> None:
    for i in range(1000):
        p = synced.inbox / f"burst_{i:04d}.txt"
        p.write_text(f"{ARTICLE} Item {i}.")
        age(p)
    result, _ = tick(synced, instance)
    assert len(result.run_requests) == 1
    assert result.run_requests[0].tags["newsfacts/new"] == "1000"
    # the same changes give the same run key, so Dagster will not launch them twice
    again, _ = tick(synced, instance)
    assert again.run_requests[0].run_key == result.run_requests[0].run_key


def test_restart_with_a_stored_cursor_remembers_pending_files(synced, instance) -> None:
    (synced.inbox / "new.txt").write_text(ARTICLE)
    _, cursor = tick(synced, instance)
    with dg.instance_for_test() as restarted:  # a new daemon process with the stored cursor
        result, _ = tick(synced, restarted, cursor)
    assert len(result.run_requests) == 1


def test_garbage_cursor_is_treated_as_empty(synced, instance) -> None:
    (synced.inbox / "new.txt").write_text(ARTICLE)
    result, cursor = tick(synced, instance, "not json")
    assert not result.run_requests and "new.txt" in decode_cursor(cursor)


def test_detect_changes_rules() -> None:
    now = 10**18
    old = now - 60 * 10**9
    fresh = now - 1 * 10**9
    current = {"same": (1, old), "grown": (9, fresh), "new_quiet": (3, old),
               "new_fresh": (4, fresh)}
    baseline = {"same": (1, old), "grown": (5, old), "gone": (2, old)}
    out = detect_changes(current, baseline, pending={"grown": (9, fresh)}, settle_s=10, now_ns=now)
    assert out.new == ["new_quiet"] and out.changed == ["grown"] and out.removed == ["gone"]
    assert out.waiting == ["new_fresh"] and out.pending == {"new_fresh": (4, fresh)}


def test_dangling_symlink_does_not_trigger_runs_forever(store, instance) -> None:
    (store.inbox / "dangling.txt").symlink_to(store.inbox / "nowhere.txt")
    for f in store.inbox.iterdir():
        if not f.is_symlink():
            age(f)
    scan_inbox(store)
    result, _ = tick(store, instance)
    assert not result.run_requests
