"""warehouse.duckdb: readable by the DuckDB CLI, commented, typed, one view set per release,
verified before it replaces the old file."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.release import refresh_warehouse
from pipeline.stages import run_all
from pipeline.store import DataStore
from pipeline.warehouse import WAREHOUSE_TABLES, WarehouseError, expected_views
from tests.paths import FIXTURES, SEEDS, seed_inbox

MAX = 5 * 1024 * 1024


def two_releases(root: Path) -> DataStore:
    inbox = seed_inbox(root / "inbox")
    store = DataStore(root / "data", inbox)
    run_all(store, MAX)
    shutil.copy(FIXTURES / "extra_article.txt", inbox / "more.txt")
    run_all(store, MAX)
    return store


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> DataStore:
    return two_releases(tmp_path_factory.mktemp("warehouse"))


def query(store: DataStore, sql: str) -> list[tuple]:
    con = duckdb.connect(str(store.warehouse_path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_duckdb_cli_opens_the_warehouse(released: DataStore) -> None:
    cli = Path(sys.executable).parent / "duckdb"
    if not cli.exists():
        pytest.skip(f"the DuckDB CLI is not installed at {cli} (package duckdb-cli)")
    out = subprocess.run([str(cli), "-readonly", "-csv", "-noheader", str(released.warehouse_path),
                          "-c", "SELECT count(*) FROM facts"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) == released.read_manifest("v2")["tables"]["facts"]["rows"]


def test_every_view_of_every_release_is_there(released: DataStore) -> None:
    views = {r[0] for r in query(released,
                                 "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert views == set(expected_views(released, ["v1", "v2"], "v2"))
    for version in ("v1", "v2"):
        rows = released.read_manifest(version)["tables"]
        for table in WAREHOUSE_TABLES:
            n = query(released, f"SELECT count(*) FROM {table}_{version}")[0][0]
            assert n == rows[table]["rows"], (table, version)
    assert query(released, "SELECT count(*) FROM documents_v1")[0][0] == 5
    assert query(released, "SELECT count(*) FROM documents")[0][0] == 6


def test_every_view_and_column_has_a_comment(released: DataStore) -> None:
    assert query(released, "SELECT view_name FROM duckdb_views() "
                           "WHERE NOT internal AND comment IS NULL") == []
    assert query(released, "SELECT table_name, column_name FROM duckdb_columns() "
                           "WHERE NOT internal AND comment IS NULL") == []
    note = query(released, "SELECT comment FROM duckdb_columns() "
                           "WHERE table_name = 'quotes' AND column_name = 'cue'")
    assert note == [("reporting verb",)]


def test_dates_and_times_have_sql_types(released: DataStore) -> None:
    types = dict(((t, c), d) for t, c, d in query(
        released, "SELECT table_name, column_name, data_type FROM duckdb_columns()"))
    assert types[("documents", "published")] == "DATE"
    assert types[("figures", "full_date")] == "DATE"
    assert types[("figures", "date")] == "VARCHAR"  # the contract's column is kept as it is
    assert types[("release_history", "created_at")] == "TIMESTAMP"
    partial = query(released, "SELECT count(*) FROM figures "
                              "WHERE full_date IS NOT NULL AND length(date) <> 10")
    assert partial == [(0,)]


def test_fact_mentions_say_their_kind(released: DataStore) -> None:
    rows = query(released, """
        SELECT m.kind, count(*) FROM fact_mentions m JOIN facts f USING (fact_id)
        WHERE m.kind = f.kind GROUP BY m.kind ORDER BY m.kind""")
    manifest = released.read_manifest("v2")["tables"]
    assert rows == [("figure", manifest["figures"]["rows"]),
                    ("quote", manifest["quotes"]["rows"])]


def test_no_wal_and_no_temporary_file_is_left(released: DataStore) -> None:
    names = sorted(p.name for p in released.data_dir.iterdir() if "warehouse" in p.name)
    assert names == ["warehouse.duckdb"]


@pytest.mark.parametrize("folder", ["d[1]", "news*", "it's", "a b#1"])
def test_a_data_folder_with_glob_characters_reads_what_it_names(tmp_path: Path,
                                                                folder: str) -> None:
    (tmp_path / "d1" / "data").mkdir(parents=True)  # what `d[1]` would match as a glob
    store = DataStore(tmp_path / folder / "data", SEEDS)
    run_all(store, MAX)
    assert query(store, "SELECT count(*) FROM documents")[0][0] == 5
    assert query(store, "SELECT version FROM release_history") == [("v1",)]


@pytest.mark.parametrize("folder", ["d\\back", "what?"])
def test_a_data_folder_duckdb_cannot_open_is_refused_by_name(tmp_path: Path, folder: str) -> None:
    store = DataStore(tmp_path / folder / "data", SEEDS)
    with pytest.raises(WarehouseError, match=f"{re.escape(folder)}.*NEWSFACTS_DATA_DIR"):
        run_all(store, MAX)


def test_a_failed_refresh_keeps_the_old_warehouse_and_says_so(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "data", SEEDS)
    run_all(store, MAX)
    before = store.warehouse_path.read_bytes()
    facts = store.release_table_files("v1", "facts")[0]
    facts.write_bytes(facts.read_bytes()[:100])  # damaged: the new views cannot read it
    with pytest.raises(WarehouseError, match="kept the previous .*warehouse.duckdb"):
        refresh_warehouse(store)
    assert store.warehouse_path.read_bytes() == before
    assert sorted(p.name for p in store.data_dir.iterdir() if "warehouse" in p.name) == [
        "warehouse.duckdb"]


def test_facts_count_the_words_of_their_statement(released: DataStore) -> None:
    rows = query(released, "SELECT statement, n_words FROM facts")
    assert rows and all(n == len(statement.split()) for statement, n in rows)


def test_a_wal_left_by_the_checkpoint_keeps_the_old_warehouse(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A checkpoint that could not finish (a full disk) leaves the views in a WAL: the new file
    is not swapped in, and the WAL is not deleted into a warehouse without views."""
    from pipeline import warehouse

    store = DataStore(tmp_path / "data", SEEDS)
    run_all(store, MAX)
    before = store.warehouse_path.read_bytes()
    build = warehouse._build

    def build_leaving_a_wal(store_: DataStore, tmp: Path, *args: object) -> None:
        build(store_, tmp, *args)
        Path(f"{tmp}.wal").write_bytes(b"unflushed")

    monkeypatch.setattr(warehouse, "_build", build_leaving_a_wal)
    with pytest.raises(WarehouseError, match="checkpoint left .*wal behind.*kept the previous"):
        refresh_warehouse(store)
    assert store.warehouse_path.read_bytes() == before


def test_a_release_from_before_a_table_gets_no_view_of_it(
    released: DataStore, tmp_path: Path,
) -> None:
    """Releases published before stories existed have no stories table: the warehouse still
    builds, with stories_v2 but no stories_v1, and stories_all over the releases that have it."""
    shutil.copytree(released.data_dir, tmp_path / "data")
    released = DataStore(tmp_path / "data", released.inbox)
    for table in ("stories", "speakers"):
        shutil.rmtree(released.release_dir("v1") / table)
    refresh_warehouse(released)
    views = {r[0] for r in query(released,
                                 "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert {"stories", "stories_v2", "stories_all", "speakers_v2"} <= views
    assert "stories_v1" not in views and "speakers_v1" not in views
    assert query(released, "SELECT DISTINCT release FROM stories_all") == [("v2",)]


def test_a_contract_v1_release_of_single_files_is_still_read(
    released: DataStore, tmp_path: Path,
) -> None:
    """A data folder from before contract v2 has `vN/<table>.parquet` files: read_release_table,
    make verify and the warehouse views read them beside the part folders of newer releases."""
    import json

    import pyarrow.parquet as pq

    shutil.copytree(released.data_dir, tmp_path / "data")
    store = DataStore(tmp_path / "data", released.inbox)
    folder = store.release_dir("v1")
    manifest = json.loads((folder / "manifest.json").read_text())
    expected = {}
    for table, meta in manifest["tables"].items():
        whole = store.read_release_arrow("v1", table)
        expected[table] = whole.num_rows
        shutil.rmtree(folder / table)
        pq.write_table(whole, folder / f"{table}.parquet")
        from pipeline.store import file_sha256
        manifest["tables"][table] = {"rows": meta["rows"], "content_sha256": meta["content_sha256"],
                                     "sha256": file_sha256(folder / f"{table}.parquet")}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    from pipeline.release import verify_release

    assert verify_release(store, "v1") == []
    refresh_warehouse(store)
    for table, rows in expected.items():
        assert query(store, f"SELECT count(*) FROM {table}_v1") == [(rows,)]
        assert query(store, f"SELECT count(*) FROM {table}_all WHERE release = 'v1'") == [(rows,)]


def test_only_the_newest_releases_get_views_and_history_has_them_all(
    released: DataStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With RECENT_RELEASES = 1 the warehouse has facts_v2 and facts_all over v2 only;
    release_history still lists both releases (from releases/history.parquet)."""
    from pipeline import warehouse

    shutil.copytree(released.data_dir, tmp_path / "data")
    store = DataStore(tmp_path / "data", released.inbox)
    monkeypatch.setattr(warehouse, "RECENT_RELEASES", 1)
    refresh_warehouse(store)
    views = {r[0] for r in query(store, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert "facts_v2" in views and "facts_v1" not in views
    assert query(store, "SELECT DISTINCT release FROM facts_all") == [("v2",)]
    assert query(store, "SELECT version, is_latest FROM release_history ORDER BY version") == [
        ("v1", False), ("v2", True)]


def test_a_damaged_release_republished_later_gets_no_views(released: DataStore,
                                                           tmp_path: Path) -> None:
    """v2's facts damaged (a flipped byte), republished as v3: the warehouse has views of v1
    and v3 only, so `facts_all` reads; release_history still lists v2."""
    shutil.copytree(released.data_dir, tmp_path / "data")
    store = DataStore(tmp_path / "data", released.inbox)
    part = store.release_table_files("v2", "facts")[0]
    data = bytearray(part.read_bytes())
    part.unlink()  # a hard link to a shared object: damage this release's file only
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    result = run_all(store, MAX)
    assert (result.version, result.published) == ("v3", True)
    assert store.read_manifest("v3")["repairs"]["version"] == "v2"
    views = {r[0] for r in query(store, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert views == set(expected_views(store, ["v1", "v3"], "v3"))
    assert not any(v.endswith("_v2") for v in views)
    rows = store.read_manifest("v3")["tables"]["facts"]["rows"]
    assert query(store, "SELECT release, count(*) FROM facts_all GROUP BY release "
                        "ORDER BY release") == [
        ("v1", released.read_manifest("v1")["tables"]["facts"]["rows"]), ("v3", rows)]
    assert query(store, "SELECT version, repairs FROM release_history ORDER BY version") == [
        ("v1", None), ("v2", None), ("v3", "v2")]


def test_republished_releases_are_read_from_the_history_not_the_manifests(
        released: DataStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Which releases a later one republished comes from history.parquet's `repairs` column
    (every refresh asks, and a manifest may list a million documents); a release the history
    lacks is read from its manifest."""
    import json

    from pipeline.release import HISTORY_FILE, repaired_releases, sync_history

    shutil.copytree(released.data_dir, tmp_path / "data")
    store = DataStore(tmp_path / "data", released.inbox)
    path = store.releases_dir / "v2" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["repairs"] = {"version": "v1", "problems": ["v1/facts: sha256 differs"]}
    path.write_text(json.dumps(manifest))
    (store.releases_dir / HISTORY_FILE).unlink()
    with store.lock():
        sync_history(store)
    read: list[str] = []
    real = store.read_manifest
    monkeypatch.setattr(store, "read_manifest", lambda v: read.append(v) or real(v))
    assert repaired_releases(store) == {"v1": "v2"}
    assert read == []
    (store.releases_dir / HISTORY_FILE).unlink()  # no history: every manifest is read
    assert repaired_releases(store) == {"v1": "v2"}
    assert read == ["v1", "v2"]
