"""Runs that heal themselves: each corruption of the data folder that used to make every later
run fail is found at the start of the next run, named, repaired, and the run succeeds.

One data folder with two releases is built once; each case damages a copy of it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.release import verify_all, verify_notes
from pipeline.stages import run_all
from pipeline.store import DataStore
from tests.paths import seed_inbox

MAX = 5 * 1024 * 1024
EXTRA = (
    "Officials in the river town of Parwick said on Monday that ferry crossings fell 12 percent "
    "last year after the bridge reopened.\n"
    "“Fewer people need us now,” said ferry captain Maren Oduya. “But the night service stays.”\n"
    "The ferry carried 410,000 passengers in 2024.\n"
)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """inbox/ and data/ with v1 (the seeds) and v2 (one more article), all stages stored."""
    root = tmp_path_factory.mktemp("healing")
    inbox = seed_inbox(root / "inbox")
    store = DataStore(root / "data", inbox)
    run_all(store, MAX, log=lambda m: None)
    (inbox / "zz_ferry.txt").write_text(EXTRA, encoding="utf-8")
    assert run_all(store, MAX, log=lambda m: None).version == "v2"
    return root


@pytest.fixture
def copy(baseline: Path, tmp_path: Path) -> DataStore:
    shutil.copytree(baseline / "inbox", tmp_path / "inbox")
    shutil.copytree(baseline / "data", tmp_path / "data")
    return DataStore(tmp_path / "data", tmp_path / "inbox")


def part(store: DataStore, version: str, table: str) -> Path:
    """The first part file of a release table (vN/<table>/part-*.parquet)."""
    return store.release_table_files(version, table)[0]


def truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def empty_table_like(path: Path) -> None:
    """A valid Parquet file with the right columns and no rows."""
    table = pq.read_table(path)
    pq.write_table(table.schema.empty_table(), path)


def run(store: DataStore) -> tuple[str, bool, list[str]]:
    messages: list[str] = []
    result = run_all(store, MAX, log=messages.append)
    return result.version, result.published, messages


STAGE_CASES: dict[str, Callable[[DataStore], Path]] = {
    "documents truncated": lambda s: (truncate(p := s.stage_path("documents")), p)[1],
    "documents flipped byte": lambda s: (flip(p := s.stage_path("documents")), p)[1],
    "quotes flipped byte": lambda s: (flip(p := s.stage_path("quotes")), p)[1],
    "figures truncated to nothing": lambda s: (truncate(p := s.stage_path("figures"), 0), p)[1],
    "facts flipped byte": lambda s: (flip(p := s.stage_path("facts")), p)[1],
    "inbox truncated": lambda s: (truncate(p := s.stage_path("inbox")), p)[1],
    "rejections an empty file": lambda s: (truncate(p := s.stage_path("rejections"), 0), p)[1],
    "rejections an empty table": lambda s: (empty_table_like(p := s.stage_path("rejections")),
                                            p)[1],
}


@pytest.mark.parametrize("case", sorted(STAGE_CASES))
def test_damaged_stage_table_is_dropped_and_rebuilt(copy: DataStore, case: str) -> None:
    before = part(copy, "v2", "facts").read_bytes()
    damaged = STAGE_CASES[case](copy)
    assert any(damaged.name in p for p in verify_all(copy))  # make verify sees it too
    version, published, messages = run(copy)
    repairs = [m for m in messages if m.startswith("repair:")]
    assert any(f"stage/{damaged.name} is damaged" in m and "rebuilds it" in m for m in repairs)
    # rebuilt from the inbox to exactly what it was: nothing new to publish
    assert (version, published) == ("v2", False)
    assert part(copy, "v2", "facts").read_bytes() == before
    assert verify_all(copy) == []


def test_stage_table_without_a_recorded_hash_gets_one(copy: DataStore) -> None:
    sidecar = copy.stage_dir / "documents.parquet.sha256"
    sidecar.unlink()
    version, published, messages = run(copy)
    assert (version, published) == ("v2", False)
    assert any("stage/documents.parquet: no hash was recorded" in m for m in messages)
    assert not any(m.startswith("repair:") for m in messages)
    assert sidecar.exists() and verify_all(copy) == []


def test_unreadable_stage_table_without_a_hash_is_rebuilt(copy: DataStore) -> None:
    (copy.stage_dir / "quotes.parquet.sha256").unlink()
    truncate(copy.stage_path("quotes"))
    version, _, messages = run(copy)
    assert version == "v2"
    assert any("stage/quotes.parquet is damaged (unreadable Parquet" in m for m in messages)
    assert verify_all(copy) == []


@pytest.mark.parametrize("pointer", ["abc", "v9", "../v1", "/etc/passwd", "", "v2\x00\xff"])
def test_bad_latest_points_back_at_the_newest_complete_release(
    copy: DataStore, pointer: str
) -> None:
    (copy.releases_dir / "LATEST").write_bytes(pointer.encode("utf-8", "surrogateescape"))
    version, published, messages = run(copy)
    assert (version, published) == ("v2", False)
    assert copy.latest_release() == "v2"
    if pointer:  # an empty LATEST is the crashed-publish case recover() always handled
        assert any("LATEST named" in m and "pointed it at v2" in m for m in messages)
    assert verify_all(copy) == []


def test_flipped_byte_in_the_latest_release_is_republished(copy: DataStore) -> None:
    good = part(copy, "v2", "facts").read_bytes()
    flip(part(copy, "v2", "facts"))
    assert any("v2/facts/part-" in p for p in verify_all(copy))
    version, published, messages = run(copy)
    assert (version, published) == ("v3", True)
    assert any("releases/v2/facts/part-" in m and "sha256" in m and "republishes" in m
               for m in messages)
    assert part(copy, "v3", "facts").read_bytes() == good  # same content
    manifest = copy.read_manifest("v3")
    assert manifest["parent"] == "v2"
    assert manifest["repairs"]["version"] == "v2"
    assert manifest["repairs"]["changes_against"] == "v1"
    assert [d["source"] for d in manifest["changes"]["documents_added"]] == ["zz_ferry.txt"]
    assert verify_all(copy) == []  # v2 stays as evidence, reported as a note
    assert verify_notes(copy) == ["v2 was damaged and republished as v3 (still damaged)"]
    assert run(copy)[:2] == ("v3", False)  # and the next run is quiet again


@pytest.mark.parametrize("damage", ["truncated", "not json", "deleted"])
def test_damaged_latest_manifest_is_republished(copy: DataStore, damage: str) -> None:
    manifest = copy.release_dir("v2") / "manifest.json"
    if damage == "truncated":
        truncate(manifest)
    elif damage == "not json":
        manifest.write_text("[1, 2")
    else:
        manifest.unlink()
    version, published, messages = run(copy)
    assert (version, published) == ("v3", True)  # never reuses the number of the v2 folder
    if damage != "deleted":  # kept as evidence, but v2 is no longer a complete release
        assert any("v2/manifest.json is unreadable" in m and "manifest.json.damaged" in m
                   for m in messages)
        assert (copy.release_dir("v2") / "manifest.json.damaged").exists()
    assert any("LATEST named 'v2'" in m and "pointed it at v1" in m for m in messages)
    assert copy.read_manifest("v3")["parent"] == "v1"
    assert copy.latest_release() == "v3"
    history = (copy.releases_dir / "repairs.jsonl").read_text().splitlines()
    assert any("LATEST" in json.loads(line)["action"] for line in history)
    assert verify_all(copy) == []


def test_repair_marker_left_by_a_failed_run_is_retried(copy: DataStore) -> None:
    flip(part(copy, "v2", "documents"))
    marker = copy.releases_dir / "REPAIR.json"
    from pipeline.release import check_latest_release
    assert check_latest_release(copy) and json.loads(marker.read_text())["version"] == "v2"
    version, published, _ = run(copy)  # a later run (the first one was killed) still repairs
    assert (version, published) == ("v3", True)
    assert not marker.exists()
