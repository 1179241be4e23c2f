"""Publishing releases: atomic, versioned, no-op when nothing changed, verifiable, diffable."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.release import diff_releases, recover, refresh_warehouse, verify_all
from pipeline.stages import run_all
from pipeline.store import DataStore
from schemas import SchemaValidationError

MAX = 5 * 1024 * 1024
RELEASE_FILES = {"documents.parquet", "quotes.parquet", "figures.parquet", "facts.parquet",
                 "fact_mentions.parquet", "rejections.parquet", "stories.parquet",
                 "speakers.parquet", "manifest.json"}


def test_first_run_publishes_v1_with_every_table(store: DataStore) -> None:
    result = run_all(store, MAX)
    assert result.published and result.version == "v1"
    assert {p.name for p in result.path.iterdir()} == RELEASE_FILES
    assert (store.releases_dir / "LATEST").read_text().strip() == "v1"
    manifest = store.read_manifest("v1")
    assert manifest["parent"] is None and manifest["version"] == "v1"
    assert "documents" not in manifest  # the documents table lists them, not the manifest
    assert manifest["tables"]["documents"]["rows"] == 5
    assert len(manifest["changes"]["documents_added"]) == 5
    assert verify_all(store) == []


def test_same_inputs_publish_nothing_and_ids_are_deterministic(store: DataStore,
                                                               tmp_path: Path) -> None:
    first = run_all(store, MAX)
    second = run_all(store, MAX)
    assert not second.published and second.version == "v1"
    assert store.list_releases() == ["v1"]
    other = DataStore(tmp_path / "other", store.inbox)
    again = run_all(other, MAX)
    for name in ("documents", "quotes", "figures", "facts", "fact_mentions"):
        a = first.path / f"{name}.parquet"
        b = again.path / f"{name}.parquet"
        assert a.read_bytes() == b.read_bytes(), name


def test_added_and_removed_articles_make_new_releases(store: DataStore) -> None:
    run_all(store, MAX)
    extra = store.inbox / "zz_extra.txt"
    extra.write_text(
        "Harbour officials in the port city of Lisvane said on Tuesday that container traffic "
        "rose 14 percent last year, the fastest growth in a decade.\n"
        "“We have never been busier,” said harbour master Odile Varga. “The new cranes paid "
        "for themselves within 18 months.”\nThe port handled 2.3 million containers in 2024.\n",
        encoding="utf-8",
    )
    v2 = run_all(store, MAX)
    assert v2.published and v2.version == "v2"
    added = store.read_manifest("v2")["changes"]["documents_added"]
    assert [d["source"] for d in added] == ["zz_extra.txt"]
    assert store.read_manifest("v2")["parent"] == "v1"

    (store.inbox / "000_a09f5f94757a1747.txt").unlink()
    v3 = run_all(store, MAX)
    assert v3.version == "v3"
    changes = store.read_manifest("v3")["changes"]
    assert [d["source"] for d in changes["documents_removed"]] == ["000_a09f5f94757a1747.txt"]
    docs = store.read_release_table("v3", "documents")
    assert "000_a09f5f94757a1747.txt" not in set(docs["source"])
    assert changes["facts_removed"] > 0

    d = diff_releases(store, "v1", "v3")
    assert [x["source"] for x in d["documents_added"]] == ["zz_extra.txt"]
    assert len(d["facts_removed_list"]) == d["facts_removed"]
    # v1 and v2 stay exactly as they were published
    assert verify_all(store) == []


def test_unchanged_facts_keep_their_ids_when_an_article_arrives(store: DataStore) -> None:
    v1 = run_all(store, MAX)
    shutil.copy(store.inbox / "001_73ba3cf57e9d8a75.txt", store.inbox / "copy_of_001.txt")
    v2 = run_all(store, MAX)
    f1 = pd.read_parquet(v1.path / "facts.parquet")
    f2 = pd.read_parquet(v2.path / "facts.parquet")
    assert set(f1["fact_id"]) <= set(f2["fact_id"])
    docs = pd.read_parquet(v2.path / "documents.parquet")
    copy = docs[docs["source"] == "copy_of_001.txt"].iloc[0]
    original = docs[docs["source"] == "001_73ba3cf57e9d8a75.txt"].iloc[0]
    assert copy["duplicate_of"] == original["doc_id"]
    # a duplicate never counts as another source: every fact has the same n_documents
    before = f1.set_index("fact_id")["n_documents"]
    after = f2.set_index("fact_id")["n_documents"].reindex(before.index)
    assert (before == after).all()


def test_verify_catches_a_flipped_byte(store: DataStore) -> None:
    result = run_all(store, MAX)
    target = result.path / "facts.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.chmod(0o644)
    target.write_bytes(bytes(data))
    problems = verify_all(store)
    assert any("facts.parquet" in p and "sha256" in p for p in problems)


def test_invalid_table_is_not_published(store: DataStore, monkeypatch: pytest.MonkeyPatch) -> None:
    run_all(store, MAX)
    store.inbox.joinpath("new.txt").write_text(
        "A new article long enough to be a document, about a regional council that voted on "
        "Thursday to raise the parking levy by 7 percent, with most members in favour and "
        "a handful of councillors arguing the rise would hurt small shops in the town centre.",
        encoding="utf-8")
    import pipeline.core.frames as tables

    real = tables.figures_for_documents

    def corrupt(documents, progress=None, map_fn=None):
        rows, log = real(documents, progress, map_fn)
        rows["kind"] = "nonsense"
        return rows, log

    from dataclasses import replace

    import pipeline.stages as stages

    monkeypatch.setitem(stages.EXTRACTOR_BY_NAME, "figures",
                        replace(stages.EXTRACTOR_BY_NAME["figures"], for_documents=corrupt))
    with pytest.raises(SchemaValidationError) as err:
        run_all(store, MAX)
    assert err.value.table == "figures"
    assert store.latest_release() == "v1" and store.list_releases() == ["v1"]


def test_recover_finishes_a_release_whose_latest_was_not_moved(store: DataStore) -> None:
    run_all(store, MAX)
    shutil.copytree(store.release_dir("v1"), store.releases_dir / "v2")
    manifest = json.loads((store.releases_dir / "v2" / "manifest.json").read_text())
    manifest["version"] = "v2"
    (store.releases_dir / "v2" / "manifest.json").write_text(json.dumps(manifest))
    (store.releases_dir / ".tmp-leftover").mkdir()
    actions = recover(store)
    assert store.latest_release() == "v2"
    assert not (store.releases_dir / ".tmp-leftover").exists()
    assert len(actions) == 2


def test_warehouse_views_follow_the_latest_release(store: DataStore) -> None:
    run_all(store, MAX)
    con = duckdb.connect(str(store.warehouse_path), read_only=True)
    try:
        n_facts = con.execute("select count(*) from facts").fetchone()[0]
        history = con.execute("select version, is_latest from release_history").fetchall()
    finally:
        con.close()
    assert n_facts == store.read_manifest("v1")["tables"]["facts"]["rows"]
    assert history == [("v1", True)]


def test_open_warehouse_reader_does_not_block_a_run(store: DataStore) -> None:
    run_all(store, MAX)
    reader = duckdb.connect(str(store.warehouse_path), read_only=True)
    try:
        store.inbox.joinpath("late.txt").write_text(
            "Late news: the city's library system said it lent 1.2 million books last year, "
            "up from 900,000 the year before, as new branches opened in three districts and "
            "opening hours were extended on weekends across the whole network of libraries.",
            encoding="utf-8")
        result = run_all(store, MAX)
        assert result.version == "v2"
        assert reader.execute("select count(*) from documents").fetchone()[0] == 5
    finally:
        reader.close()
    con = duckdb.connect(str(store.warehouse_path), read_only=True)
    assert con.execute("select count(*) from documents").fetchone()[0] == 6
    con.close()


def test_dangling_symlink_is_a_rejection_not_a_silent_skip(store: DataStore) -> None:
    (store.inbox / "dangling.txt").symlink_to(store.inbox / "nowhere.txt")
    (store.inbox / "loop.txt").symlink_to(store.inbox / "loop.txt")
    result = run_all(store, MAX)
    rejected = store.read_release_table(result.version, "rejections").set_index("source")
    assert set(rejected.index) == {"dangling.txt", "loop.txt"}
    assert set(rejected["reason"]) <= {"vanished", "unreadable"}


def test_pipes_and_undecodable_names_are_rejections(store: DataStore) -> None:
    os.mkfifo(store.inbox / "a_pipe.txt")
    with open(os.fsencode(store.inbox) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(b"Latin-1 named file, never read.")
    result = run_all(store, MAX)
    rejected = store.read_release_table(result.version, "rejections").set_index("source")
    assert rejected.loc["a_pipe.txt", "reason"] == "unreadable"
    assert rejected.loc["caf\\xe9.txt", "reason"] == "unreadable"
    assert "not valid UTF-8" in rejected.loc["caf\\xe9.txt", "detail"]
    assert len(store.read_release_table(result.version, "documents")) == 5


def test_an_empty_inbox_publishes_an_empty_release(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    store = DataStore(tmp_path / "data", tmp_path / "empty")
    result = run_all(store, MAX)
    assert result.published and all(n == 0 for n in result.rows.values())
    assert verify_all(store) == []


def test_release_history_reads_manifests_over_16_mb(store: DataStore) -> None:
    """The first release of a large corpus lists every added document under `changes`; DuckDB's
    read_json refuses objects over 16 MB by default, which broke the warehouse at 100k articles."""
    run_all(store, MAX)
    path = store.release_dir("v1") / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["changes"]["documents_added"] = [
        {"doc_id": f"d_{i:016x}", "source": f"wire/{i:07d}.txt"} for i in range(300_000)]
    path.write_text(json.dumps(manifest))
    assert path.stat().st_size > 16 * 1024 * 1024
    refresh_warehouse(store)
    con = duckdb.connect(str(store.warehouse_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT version, len(changes.documents_added) FROM release_history").fetchall()
    finally:
        con.close()
    assert rows == [("v1", 300_000)]


def test_stories_in_the_release_and_kept_through_a_full_rebuild(tmp_path: Path) -> None:
    from pipeline import stages
    from pipeline.store import DataStore
    from tests.paths import SEEDS

    store = DataStore(tmp_path / "data", SEEDS)
    first = stages.run_all(store, 5_000_000)
    docs = pd.read_parquet(first.path / "documents.parquet")
    stories = pd.read_parquet(first.path / "stories.parquet")
    facts = pd.read_parquet(first.path / "facts.parquet")
    assert docs["story_id"].notna().all()
    assert set(docs["story_id"]) == set(stories["story_id"])
    assert stories["n_documents"].sum() == len(docs)
    assert set(facts["story_id"].dropna()) <= set(stories["story_id"])
    store.clear_stage()
    again = stages.run_all(store, 5_000_000)
    assert not again.published  # same stories, same ids, same facts
