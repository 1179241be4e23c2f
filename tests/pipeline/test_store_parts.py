"""Stage tables as parts (docs/storage.md): a run appends one content-addressed part, a removed
document is an index change, small parts are compacted, damage drops the table for a rebuild,
and a table in the one-file layout from before parts is read and converted."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import store as store_module
from pipeline.stages import run_all
from pipeline.store import VERSION_KEY, DataStore, StageDamaged
from tests.paths import seed_inbox

V = "test-version"
MAX = 5 * 1024 * 1024


@pytest.fixture()
def store(tmp_path: Path) -> DataStore:
    (tmp_path / "inbox").mkdir()
    return DataStore(tmp_path / "data", tmp_path / "inbox")


def log_rows(*doc_ids: str, rows: int = 1) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": list(doc_ids), "rows": [rows] * len(doc_ids),
                         "error": [None] * len(doc_ids)})


def parts(store: DataStore, name: str = "quotes_log") -> set[str]:
    return {p.name for p in store.parts_dir(name).glob("*.parquet")}


def index(store: DataStore, name: str = "quotes_log") -> pd.DataFrame:
    return pq.read_table(store.stage_path(name)).to_pandas()


def test_append_writes_one_new_part_and_leaves_the_others(store: DataStore) -> None:
    store.write_stage("quotes_log", log_rows("d_b", "d_a"), V)
    first = parts(store)
    before = {p: (store.parts_dir("quotes_log") / p).stat().st_mtime_ns for p in first}
    store.append_stage("quotes_log", log_rows("d_c", rows=2), V)
    assert len(parts(store)) == 2 and first <= parts(store)
    assert {p: (store.parts_dir("quotes_log") / p).stat().st_mtime_ns for p in first} == before
    got = store.read_stage("quotes_log")
    assert got["doc_id"].tolist() == ["d_a", "d_b", "d_c"]  # read back in key order
    assert got["rows"].tolist() == [1, 1, 2]
    assert store.stage_version("quotes_log") == V
    # parts are named by the sha256 of their bytes
    for p in parts(store):
        assert store_module.file_sha256(store.parts_dir("quotes_log") / p) == p[:-8]


def test_removed_and_replaced_rows_are_an_index_change(store: DataStore) -> None:
    store.write_stage("quotes_log", log_rows("d_a", "d_b", "d_c"), V)
    first = parts(store)
    store.append_stage("quotes_log", log_rows("d_b", rows=7), V, removed={"d_c", "d_zz"})
    assert first <= parts(store)  # the old part is not rewritten
    idx = index(store)
    assert [list(d) for d in idx["dead"]] == [["d_b", "d_c"], []]  # only keys it holds
    got = store.read_stage("quotes_log")
    assert list(zip(got["doc_id"], got["rows"], strict=True)) == [("d_a", 1), ("d_b", 7)]


def test_a_removal_alone_writes_no_part(store: DataStore) -> None:
    store.write_stage("quotes_log", log_rows("d_a", "d_b"), V)
    store.append_stage("quotes_log", log_rows(), V, removed={"d_a"})
    assert len(parts(store)) == 1
    assert store.read_stage("quotes_log")["doc_id"].tolist() == ["d_b"]
    store.append_stage("quotes_log", log_rows(), V, removed={"d_b"})
    assert parts(store) == set()  # a wholly dead part is forgotten and deleted
    assert store.read_stage("quotes_log").columns.tolist() == ["doc_id", "rows", "error"]
    assert store.read_stage("quotes_log").empty


def test_small_parts_are_compacted_deterministically(tmp_path: Path) -> None:
    def history(folder: Path) -> DataStore:
        s = DataStore(folder, tmp_path)
        s.write_stage("quotes_log", log_rows("d_0", "d_x"), V)
        for i in range(1, store_module.COMPACT_FANIN):
            s.append_stage("quotes_log", log_rows(f"d_{i}"), V,
                           removed={"d_0"} if i == 3 else ())
            assert len(parts(s)) == i + 1 or i == store_module.COMPACT_FANIN - 1
        return s

    one, two = history(tmp_path / "one"), history(tmp_path / "two")
    assert len(parts(one)) == 1  # the eighth small part triggered the merge
    assert index(one)["dead"].map(list).tolist() == [[]]  # dead rows are dropped on merge
    assert one.read_stage("quotes_log")["doc_id"].tolist() == [
        *(f"d_{i}" for i in range(1, store_module.COMPACT_FANIN)), "d_x"]
    assert parts(one) == parts(two)
    assert one.stage_path("quotes_log").read_bytes() == two.stage_path("quotes_log").read_bytes()


def test_a_version_change_must_rewrite_the_whole_table(store: DataStore) -> None:
    store.write_stage("quotes_log", log_rows("d_a"), V)
    with pytest.raises(ValueError, match="write the whole table"):
        store.append_stage("quotes_log", log_rows("d_b"), "other")


def flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["flipped", "missing"])
def test_a_damaged_part_drops_the_table_for_a_rebuild(store: DataStore, damage: str) -> None:
    store.write_stage("quotes_log", log_rows("d_a"), V)
    store.append_stage("quotes_log", log_rows("d_b"), V)
    store.write_stage("inbox", pd.DataFrame(columns=["source", "size", "mtime_ns",
                                                     "source_sha256"]), V)
    victim = sorted(store.parts_dir("quotes_log").glob("*.parquet"))[0]
    flip(victim) if damage == "flipped" else victim.unlink()
    checks = {c.path.name: c for c in store.check_stage()}
    assert checks["quotes_log.parquet"].status == "damaged"
    assert victim.name[:12] in checks["quotes_log.parquet"].detail
    assert checks["inbox.parquet"].status == "ok"
    store.check_stage(repair=True)
    assert not store.stage_path("quotes_log").exists()
    assert not store.parts_dir("quotes_log").exists()
    assert store.read_stage("quotes_log").empty  # the stage recomputes it
    assert store.stage_path("inbox").exists()


def test_an_unreadable_part_is_named_when_read(store: DataStore) -> None:
    store.write_stage("quotes_log", log_rows("d_a"), V)
    next(store.parts_dir("quotes_log").glob("*.parquet")).write_bytes(b"not parquet")
    with pytest.raises(StageDamaged, match="quotes_log.parts"):
        store.read_stage("quotes_log")


def test_a_one_file_table_from_before_parts_is_read_and_converted(store: DataStore) -> None:
    old = pa.Table.from_pandas(log_rows("d_b", "d_a"), preserve_index=False)
    store.stage_dir.mkdir(parents=True)
    pq.write_table(old.replace_schema_metadata({VERSION_KEY: V.encode()}),
                   store.stage_path("quotes_log"))
    assert store.read_stage("quotes_log")["doc_id"].tolist() == ["d_b", "d_a"]
    assert [c.status for c in store.check_stage(repair=True)] == ["recorded"]
    store.append_stage("quotes_log", log_rows("d_c"), V, removed={"d_b"})
    assert len(parts(store)) == 1  # converted: one part of the old rows and the new
    assert store.read_stage("quotes_log")["doc_id"].tolist() == ["d_a", "d_c"]
    assert [c.status for c in store.check_stage()] == ["ok"]


def test_a_run_with_one_new_article_adds_one_part_per_table(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "data", seed_inbox(tmp_path / "inbox"))
    run_all(store, MAX, log=lambda m: None)
    names = ("documents", "quotes", "figures", "quotes_log", "figures_log", "doc_signatures")
    before = {n: parts(store, n) for n in names}
    (store.inbox / "zz_new.txt").write_text(
        "Ferry operators on the northern lakes said on Friday that bookings rose 9 percent this "
        "summer, the best season since 2018, as more visitors came by train.\n"
        "“We added two boats and still turned people away,” said operator Ilse Marrow, who has "
        "run the crossing for eleven years.\n", encoding="utf-8")
    run_all(store, MAX, log=lambda m: None)
    for n in names:
        assert before[n] <= parts(store, n), n
        assert len(parts(store, n) - before[n]) == 1, n
    docs = store.read_stage("documents")
    assert docs["doc_id"].is_monotonic_increasing and len(docs) == 6
    assert store.check_stage() and all(c.status == "ok" for c in store.check_stage())


def inbox_rows(*rows: tuple[str, int, str | None]) -> pd.DataFrame:
    return pd.DataFrame({"source": [r[0] for r in rows], "size": [r[1] for r in rows],
                         "mtime_ns": [7] * len(rows), "source_sha256": [r[2] for r in rows]})


def test_update_stage_writes_only_the_rows_that_changed(store: DataStore) -> None:
    """The inbox written whole each run: one new file is a part of one row, a changed file a
    part of its new row with the old one dead, a removed file only an index change; each read
    gives the table as last written (in key order)."""
    first = inbox_rows(("b.txt", 10, "1" * 64), ("a.txt", 20, "2" * 64), ("c.txt", -1, None))
    store.update_stage("inbox", first, V)
    assert index(store, "inbox")["rows"].tolist() == [3]
    grown = pd.concat([first, inbox_rows(("d.txt", 5, "3" * 64))], ignore_index=True)
    store.update_stage("inbox", grown, V)
    assert index(store, "inbox")["rows"].tolist() == [3, 1]
    changed = grown.copy()
    changed.loc[0, ["size", "source_sha256"]] = [11, "4" * 64]
    store.update_stage("inbox", changed, V)
    assert index(store, "inbox")["rows"].tolist() == [3, 1, 1]
    assert index(store, "inbox")["dead"].map(list).tolist() == [["b.txt"], [], []]
    removed = changed[changed["source"] != "d.txt"]
    store.update_stage("inbox", removed, V)
    assert index(store, "inbox")["rows"].tolist() == [3, 1]  # d.txt's part was all dead
    again = store.update_stage("inbox", removed, V)
    assert len(parts(store, "inbox")) == 2 and again == store.stage_path("inbox")
    expected = removed.sort_values("source").reset_index(drop=True)
    pd.testing.assert_frame_equal(store.read_stage("inbox"), expected)


def test_update_stage_writes_the_whole_table_at_a_new_version(store: DataStore) -> None:
    rows = inbox_rows(("a.txt", 1, "1" * 64), ("b.txt", 2, "2" * 64))
    store.update_stage("inbox", rows, V)
    store.update_stage("inbox", rows.iloc[:1], "other")
    assert store.stage_version("inbox") == "other"
    assert index(store, "inbox")["rows"].tolist() == [1]
    assert store.read_stage("inbox")["source"].tolist() == ["a.txt"]


def test_a_part_replaced_while_it_is_read_is_read_again(
    store: DataStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sensor reads the inbox without the lock: a run that replaces a part meanwhile
    makes the read start again from the new index instead of failing."""
    store.update_stage("inbox", inbox_rows(("a.txt", 1, "1" * 64)), V)
    real = DataStore._read_part
    calls = []

    def vanishing(self: DataStore, name: str, part: str, columns: list[str] | None = None):
        calls.append(part)
        if len(calls) == 1:
            raise StageDamaged("gone") from FileNotFoundError(part)
        return real(self, name, part, columns)

    monkeypatch.setattr(DataStore, "_read_part", vanishing)
    assert store.read_stage("inbox")["source"].tolist() == ["a.txt"]
    assert len(calls) == 2


def test_the_start_check_hashes_only_parts_whose_stat_changed(
    store: DataStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts keep their size and mtime from when they were known good: the check at a run's
    start hashes none of them; a part rewritten in place (new mtime) is hashed and found. A
    damaged part whose stat was put back is missed by that check and found by the full one
    (`make verify`)."""
    store.write_stage("quotes_log", log_rows("d_a"), V)
    store.append_stage("quotes_log", log_rows("d_b"), V)
    hashed = []
    real = store_module._hash_or_none
    monkeypatch.setattr(store_module, "_hash_or_none", lambda p: hashed.append(p) or real(p))
    assert {c.status for c in store.check_stage()} == {"ok"} and hashed == []
    assert {c.status for c in store.check_stage(full=True)} == {"ok"} and len(hashed) == 2
    victim = sorted(store.parts_dir("quotes_log").glob("*.parquet"))[0]
    st = victim.stat()
    flip(victim)
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))  # the stat as it was
    assert {c.status for c in store.check_stage()} == {"ok"}
    checks = {c.path.name: c for c in store.check_stage(full=True)}
    assert checks["quotes_log.parquet"].status == "damaged"
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    checks = {c.path.name: c for c in store.check_stage()}
    assert checks["quotes_log.parquet"].status == "damaged"


def test_stage_chunks_yield_the_live_rows_in_frames_of_at_most_the_size(
    store: DataStore,
) -> None:
    store.write_stage("quotes_log", log_rows("d_a", "d_b", "d_c"), V)
    store.append_stage("quotes_log", log_rows("d_d", rows=2), V, removed={"d_b"})
    chunks = list(store.stage_chunks("quotes_log", rows=2)())
    assert [len(c) for c in chunks] == [2, 1]
    assert pd.concat(chunks)["doc_id"].tolist() == ["d_a", "d_c", "d_d"]
    store.write_stage("story_index", pd.DataFrame({
        "story_id": ["s_1", "s_1", "s_2"], "feature": ["port", "ferry", "tariff"],
        "weight": [1.0, 0.5, 2.0], "holders": [2, 1, 1]}), V)  # a one-file table
    frames = list(store.stage_chunks("story_index", rows=2)())
    assert [len(f) for f in frames] == [2, 1]
    assert pd.concat(frames)["feature"].tolist() == ["port", "ferry", "tariff"]
    assert list(store.stage_chunks("facts")()) == []  # never written: nothing
