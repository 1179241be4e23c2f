"""Publishing releases: atomic, versioned, no-op when nothing changed, verifiable, diffable."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.release import diff_releases, recover, refresh_warehouse, verify_all, verify_release
from pipeline.stages import run_all
from pipeline.store import DataStore
from schemas import SchemaValidationError

MAX = 5 * 1024 * 1024
RELEASE_FILES = {"documents", "quotes", "figures", "facts", "fact_mentions", "rejections",
                 "stories", "speakers", "manifest.json"}


def test_first_run_publishes_v1_with_every_table(store: DataStore) -> None:
    result = run_all(store, MAX)
    assert result.published and result.version == "v1"
    assert {p.name for p in result.path.iterdir()} == RELEASE_FILES
    assert (store.releases_dir / "LATEST").read_text().strip() == "v1"
    manifest = store.read_manifest("v1")
    assert manifest["parent"] is None and manifest["version"] == "v1"
    assert "documents" not in manifest  # the documents table lists them, not the manifest
    assert manifest["tables"]["documents"]["rows"] == 5
    assert sum(p["rows"] for p in manifest["tables"]["documents"]["parts"]) == 5
    assert all(p.name.startswith("part-") for p in (result.path / "facts").iterdir())
    assert len(manifest["changes"]["documents_added"]) == 5
    assert verify_all(store) == []


def test_same_inputs_publish_nothing_and_ids_are_deterministic(store: DataStore,
                                                               tmp_path: Path) -> None:
    run_all(store, MAX)
    second = run_all(store, MAX)
    assert not second.published and second.version == "v1"
    assert store.list_releases() == ["v1"]
    other = DataStore(tmp_path / "other", store.inbox)
    run_all(other, MAX)
    for name in ("documents", "quotes", "figures", "facts", "fact_mentions"):
        a = store.release_table_files("v1", name)
        b = other.release_table_files("v1", name)
        assert [p.name for p in a] == [p.name for p in b], name
        assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b], name


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
    f1 = pd.read_parquet(v1.path / "facts")
    f2 = pd.read_parquet(v2.path / "facts")
    assert set(f1["fact_id"]) <= set(f2["fact_id"])
    docs = pd.read_parquet(v2.path / "documents")
    copy = docs[docs["source"] == "copy_of_001.txt"].iloc[0]
    original = docs[docs["source"] == "001_73ba3cf57e9d8a75.txt"].iloc[0]
    assert copy["duplicate_of"] == original["doc_id"]
    # a duplicate never counts as another source: every fact has the same n_documents
    before = f1.set_index("fact_id")["n_documents"]
    after = f2.set_index("fact_id")["n_documents"].reindex(before.index)
    assert (before == after).all()


def test_verify_catches_a_flipped_byte(store: DataStore) -> None:
    result = run_all(store, MAX)
    target = store.release_table_files(result.version, "facts")[0]
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.chmod(0o644)
    target.write_bytes(bytes(data))
    problems = verify_all(store)
    assert any("v1/facts/part-" in p and "sha256" in p for p in problems)


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

    import dataclasses

    import pipeline.stages as stages

    monkeypatch.setitem(stages.EXTRACTOR_BY_NAME, "figures", dataclasses.replace(
        stages.EXTRACTOR_BY_NAME["figures"], for_documents=corrupt))
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


def test_release_history_is_rebuilt_from_manifests_over_16_mb(store: DataStore) -> None:
    """The first release of a large corpus lists every added document under `changes` (25 MB at
    100k articles). release_history reads releases/history.parquet, which holds counts; when it
    is lost it is rebuilt from the manifests, however large."""
    run_all(store, MAX)
    path = store.release_dir("v1") / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["changes"]["documents_added"] = [
        {"doc_id": f"d_{i:016x}", "source": f"wire/{i:07d}.txt"} for i in range(300_000)]
    path.write_text(json.dumps(manifest))
    assert path.stat().st_size > 16 * 1024 * 1024
    (store.releases_dir / "history.parquet").unlink()
    refresh_warehouse(store)
    con = duckdb.connect(str(store.warehouse_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT version, changes.documents_added, tables['facts'].rows "
            "FROM release_history").fetchall()
    finally:
        con.close()
    assert rows == [("v1", 300_000, manifest["tables"]["facts"]["rows"])]


def test_parts_grow_in_powers_of_two_and_keep_a_row_in_its_part() -> None:
    from pipeline.release import PART_ROWS, bucket_hash, parts_for

    target = PART_ROWS["documents"]
    assert [parts_for("documents", n) for n in (0, target, target + 1, 2 * target + 1, 10**9)
            ] == [1, 1, 2, 4, 256]
    assert parts_for("rejections", 10**9) == 1
    # doubling the parts splits part b into b and b + n: a row never moves to an unrelated part
    assert all(bucket_hash(k) % 8 in (bucket_hash(k) % 4, bucket_hash(k) % 4 + 4)
               for k in (f"d_{i}" for i in range(100)))


def test_a_new_article_shares_every_unchanged_part(
    store: DataStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """v2 adds one article: each part it does not touch is the same file (inode) as v1's, and
    the publish writes only the parts that changed (parts of one row each, forced by PART_ROWS,
    so the five seed documents are in 8 parts)."""
    from pipeline import release

    monkeypatch.setattr(release, "PART_ROWS", {t: 1 for t in release.PART_KEYS})
    run_all(store, MAX)
    store.inbox.joinpath("zz_new.txt").write_text(
        "Officials in the river town of Parwick said on Monday that ferry crossings fell 12 "
        "percent last year after the bridge reopened.\n“Fewer people need us now,” said ferry "
        "captain Maren Oduya. “But the night service stays.”\n"
        "The ferry carried 410,000 passengers in 2024.\n", encoding="utf-8")
    v2 = run_all(store, MAX)
    assert v2.published and v2.version == "v2"
    m1, m2 = store.read_manifest("v1")["tables"], store.read_manifest("v2")["tables"]
    new_doc = next(d["doc_id"] for d in v2.changes["documents_added"])
    changed = release.part_name(release.bucket_hash(new_doc) % 8, 8)
    before = {p["file"]: p["sha256"] for p in m1["documents"]["parts"]}
    after = {p["file"]: p["sha256"] for p in m2["documents"]["parts"]}
    assert set(after) - set(before) <= {changed}
    assert {f for f in after if before.get(f) != after[f]} == {changed}
    for name in ("documents", "quotes", "figures", "rejections"):
        for part in m2[name]["parts"]:
            old = next((p for p in m1[name]["parts"] if p["sha256"] == part["sha256"]), None)
            if old is not None:
                a = store.release_dir("v1") / name / old["file"]
                b = store.release_dir("v2") / name / part["file"]
                assert a.stat().st_ino == b.stat().st_ino, (name, part["file"])
    reused = sum(p["sha256"] in {q["sha256"] for q in m1[n]["parts"]}
                 for n in m2 for p in m2[n]["parts"])
    assert reused > 0 and v2.written < sum(
        (store.release_dir("v2") / n / p["file"]).stat().st_size
        for n in m2 for p in m2[n]["parts"])
    assert verify_all(store) == []


def test_a_damaged_shared_object_is_not_linked_again(store: DataStore) -> None:
    """A part whose object's bytes no longer hash to its name is written afresh (a new file),
    so a later release never links to damaged bytes."""
    run_all(store, MAX)
    part = store.read_manifest("v1")["tables"]["stories"]["parts"][0]
    obj = store.object_path(part["sha256"])
    data = bytearray(obj.read_bytes())
    data[len(data) // 2] ^= 0xFF
    obj.write_bytes(bytes(data))  # also v1's link: the same file
    (store.releases_dir / "LATEST").unlink()
    (store.releases_dir / "v1" / "manifest.json").unlink()  # start again from scratch
    result = run_all(store, MAX)
    assert result.version == "v2"
    again = store.read_manifest("v2")["tables"]["stories"]["parts"][0]
    assert again["sha256"] == part["sha256"]
    assert store.good_object(part["sha256"]) is not None
    assert verify_all(store) == []


def test_stories_in_the_release_and_kept_through_a_full_rebuild(tmp_path: Path) -> None:
    from pipeline import stages
    from pipeline.store import DataStore
    from tests.paths import SEEDS

    store = DataStore(tmp_path / "data", SEEDS)
    first = stages.run_all(store, 5_000_000)
    docs = pd.read_parquet(first.path / "documents")
    stories = pd.read_parquet(first.path / "stories")
    facts = pd.read_parquet(first.path / "facts")
    assert docs["story_id"].notna().all()
    assert set(docs["story_id"]) == set(stories["story_id"])
    assert stories["n_documents"].sum() == len(docs)
    assert set(facts["story_id"].dropna()) <= set(stories["story_id"])
    store.clear_stage()
    again = stages.run_all(store, 5_000_000)
    assert not again.published  # same stories, same ids, same facts


def test_whole_table_invariants_are_sql_over_the_parts(tmp_path: Path) -> None:
    """A quote whose span is not its text, a duplicated id and a mention without a fact are each
    found by the SQL over the part files (exact counts)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.release import invariant_problems

    def part(name: str, rows: list[dict]) -> list[Path]:
        path = tmp_path / f"{name}.parquet"
        pq.write_table(pa.Table.from_pylist(rows), path)
        return [path]

    files = {
        "documents": part("documents", [{"doc_id": "d1", "text": "He said “rates rise” today."}]),
        "quotes": part("quotes", [
            {"quote_id": "q_1", "doc_id": "d1", "text": "rates rise", "start": 9, "end": 19},
            {"quote_id": "q_1", "doc_id": "d1", "text": "rates fall", "start": 9, "end": 19}]),
        "facts": part("facts", [{"fact_id": "f1"}]),
        "fact_mentions": part("fact_mentions", [
            {"fact_id": "f1", "mention_id": "q_1", "doc_id": "d1"},
            {"fact_id": "f9", "mention_id": "q_2", "doc_id": "d1"}]),
    }
    assert invariant_problems(files) == [
        "quotes.quote_id unique: 1 row(s) break it",
        "quotes in their document's text: 1 row(s) break it",
        "every mention's fact in facts: 1 row(s) break it",
    ]


def _grown_documents(docs: pd.DataFrame, n: int) -> pd.DataFrame:
    """`docs` and copies of them up to `n` rows: new ids, sources and a short text."""
    extra = n - len(docs)
    copies = docs.iloc[[i % len(docs) for i in range(extra)]].reset_index(drop=True)
    copies["doc_id"] = [f"d_{0xc0000000_00000000 + i:016x}" for i in range(extra)]
    copies["source"] = [f"copies/{i:05d}.txt" for i in range(extra)]
    copies["text"] = "A short invented note about ferry timetables."
    copies["n_words"] = 7
    copies["duplicate_of"] = None
    return pd.concat([docs, copies], ignore_index=True)


def test_a_streamed_publish_in_small_chunks_equals_a_whole_table_publish(
    store: DataStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """700 documents in chunks of 64 rows (documents split in 4 parts, 11 ranges) give the
    same manifest tables as one frame in chunks of the default size, and verify recomputes
    every content hash from the whole tables."""
    from pipeline import release

    run_all(store, MAX)
    tables = {n: store.read_release_table("v1", n) for n in release.RELEASE_TABLES}
    tables["documents"] = _grown_documents(tables["documents"], 700)
    whole = DataStore(tmp_path / "whole", store.inbox)
    one = release.publish_release(whole, tables, "test")
    monkeypatch.setattr(release, "CHUNK_ROWS", {})
    monkeypatch.setattr(release, "DEFAULT_CHUNK_ROWS", 64)
    docs = tables["documents"]
    chunked = DataStore(tmp_path / "chunked", store.inbox)
    two = release.publish_release(chunked, {
        **tables, "documents": lambda: (docs.iloc[i:i + 100] for i in range(0, 700, 100))},
        "test")
    a, b = (s.read_manifest(r.version)["tables"] for s, r in ((whole, one), (chunked, two)))
    assert a == b
    assert len(a["documents"]["parts"]) == 4 and a["documents"]["rows"] == 700
    assert verify_release(chunked, two.version) == []
    assert two.changes["documents_added"][:1] == [
        {"doc_id": min(docs["doc_id"]), "source": docs.loc[docs["doc_id"].idxmin(), "source"]}]


def test_rules_across_chunks_and_parts_are_checked_before_publishing(
    store: DataStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A duplicate_of naming a document of no chunk, and a (source, record) twice in two
    parts, are caught by the SQL checks over the new release; nothing is published."""
    from pipeline import release

    run_all(store, MAX)
    tables = {n: store.read_release_table("v1", n) for n in release.RELEASE_TABLES}
    docs = _grown_documents(tables["documents"], 300)
    monkeypatch.setattr(release, "DEFAULT_CHUNK_ROWS", 64)
    monkeypatch.setattr(release, "CHUNK_ROWS", {})
    dangling = docs.copy()
    dangling.loc[len(docs) - 1, "duplicate_of"] = "d_ffffffffffffffff"
    twice = docs.copy()
    twice.loc[len(docs) - 1, ["source", "record"]] = twice.loc[5, ["source", "record"]].values
    for bad, rule in ((dangling, "duplicate_of must name another document"),
                      (twice, "(source, record) must be unique")):
        with pytest.raises(SchemaValidationError) as err:
            release.publish_release(store, {**tables, "documents": bad}, "test")
        assert err.value.table == "documents" and rule in str(err.value)
        assert store.list_releases() == ["v1"]
        assert not [p for p in store.releases_dir.iterdir() if p.name.startswith(".tmp-")]


_FEW_FDS = r"""
import json, resource, sys
from pathlib import Path
from pipeline import release
from pipeline.store import DataStore
src, out, limit = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_NOFILE, (limit, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
release._Spill.MAX_OPEN = 16
release.CHUNK_ROWS, release.DEFAULT_CHUNK_ROWS = {}, 2  # 700 documents: 350 chunks
tables = {n: DataStore(src, src / "inbox").read_release_table("v1", n)
          for n in release.RELEASE_TABLES}
store = DataStore(out, out / "inbox")
r = release.publish_release(store, tables, "test")
print(json.dumps(store.read_manifest(r.version)["tables"], sort_keys=True))
"""


def test_a_streamed_publish_of_many_ranges_keeps_few_files_open(
    store: DataStore, tmp_path: Path
) -> None:
    """700 documents in chunks of 2 rows (350 chunks) under a file limit of 128, spill files
    open at most 16 (so 16 ranges): it used to keep one file open per range and per fine
    bucket and fail with 'Too many open files'; the parts, rows and content hashes equal a
    publish with default chunks."""
    import subprocess
    import sys

    from pipeline import release

    run_all(store, MAX)
    tables = {n: store.read_release_table("v1", n) for n in release.RELEASE_TABLES}
    tables["documents"] = _grown_documents(tables["documents"], 700)
    whole = DataStore(tmp_path / "whole", store.inbox)
    one = release.publish_release(whole, tables, "test")
    done = subprocess.run(
        [sys.executable, "-c", _FEW_FDS, str(whole.data_dir), str(tmp_path / "few"), "128"],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == json.loads(json.dumps(
        whole.read_manifest(one.version)["tables"], sort_keys=True))


def test_spill_files_beyond_the_open_limit_are_pieces_read_back_in_order(tmp_path: Path) -> None:
    """Ten keys written in turn three times with room for three open files: never more than
    three open, and each key reads back its rows in the order written."""
    import pyarrow as pa

    from pipeline.release import _Spill

    schema = pa.schema([("n", pa.int64())])
    spill = _Spill(tmp_path, schema, max_open=3)
    for n in range(30):
        spill.write(n % 10, pa.table({"n": [n]}, schema=schema))
        assert len(spill.writers) <= 3
    assert spill.close() == list(range(10))
    assert spill.read([4, 7]).column("n").to_pylist() == [4, 14, 24, 7, 17, 27]
    spill.remove(4)
    assert spill.read([4]) is None and not list(tmp_path.glob("00004-*"))
