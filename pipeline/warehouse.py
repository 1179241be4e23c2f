"""`warehouse.duckdb`: SQL views over the releases, rebuilt, verified, then swapped in.

The file holds only views (the data stays in the release Parquet files):

- one view per table over the latest release (`facts`, `quotes`, ...), and the same per release
  for time travel (`facts_v3`, `quotes_v1`, ...), and those releases at once with a `release`
  column (`facts_all`: `WHERE release = 'v3'`, or compare a release with its parent), for the
  newest `RECENT_RELEASES` releases (and LATEST); a damaged release that a later one
  republished (`repairs` in its manifest) gets none;
- `release_history`, one row per release (all of them) from `releases/history.parquet`;
- a `COMMENT` on every view and column, from the schema descriptions (`schemas/tables.py`), so
  `SELECT comment FROM duckdb_columns()` or the CLI's `.schema` explain the data;
- SQL types where the Parquet stores text: `documents.published` is a DATE, `figures.full_date`
  the figure's date when year, month and day are all known, `release_history.created_at` a
  TIMESTAMP (UTC); `fact_mentions.kind` says whether the mention is a quote or a figure;
  `facts.n_words` counts the statement's words (to leave out one-word quotes).

It is written in DuckDB storage version `WAREHOUSE_STORAGE_VERSION`, which the DuckDB CLI from
1.4 (LTS) on reads: the Python package may be newer than any CLI one can install.

A refresh builds the file under a temporary name, checkpoints it (no WAL is left, none is
deleted), opens it again read-only and checks that every view is there and that each latest
view counts the rows its manifest says, and only then renames it over the old file. Any failure
(a full disk, a path DuckDB cannot read) keeps the old warehouse and raises `WarehouseError`
saying so. Paths are given to DuckDB as quoted lists of existing files (a release table's
parts), never as globs, so a data folder named `d[1]` or `news*` reads what it names.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from pipeline.release import HISTORY_FILE, repaired_releases, sync_history
from pipeline.store import DataStore, fsync_dir
from schemas.tables import COLUMN_DESCRIPTIONS, TABLE_DESCRIPTIONS

WAREHOUSE_STORAGE_VERSION = "v1.4.0"
# Releases with their own views (`facts_v3`) and in `*_all`: the newest ones. Older releases
# stay on disk and in release_history; read them by path (docs/contract.md). 10,000 releases
# of views would be 80,000 views and a refresh of minutes (bench/results/storage.txt).
RECENT_RELEASES = 50
WAREHOUSE_TABLES = ["documents", "quotes", "figures", "facts", "fact_mentions", "rejections",
                    "stories", "speakers"]

# Columns the views add or retype, with what they mean (the COMMENT each view column gets).
VIEW_COLUMN_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "documents": {"published": "publication date (DATE)"},
    "figures": {"full_date": "date as a DATE when year, month and day are all known"},
    "fact_mentions": {"kind": "quote or figure: which table mention_id is in"},
    "facts": {"n_words": "words in statement (filter out one-word quotes: n_words >= 3)"},
}
RELEASE_COLUMN_DESCRIPTION = "the release (vN) the row belongs to"
RELEASE_HISTORY_DESCRIPTION = "one row per release, from its manifest.json (oldest first)"
RELEASE_HISTORY_COLUMNS: dict[str, str] = {
    "version": "release name, vN",
    "parent": "the release it was compared with (LATEST before it was published)",
    "created_at": "when it was published (TIMESTAMP, UTC)",
    "code_version": "version of the code that built it",
    "tables": "per table: rows and content sha256 (tables['facts'].rows)",
    "changes": "counts of documents added and removed, facts added, removed and changed vs "
               "parent",
    "repairs": "the damaged release this one republished, if any",
    "is_latest": "this is the release LATEST names",
}


class WarehouseError(RuntimeError):
    """The warehouse could not be rebuilt; the previous warehouse.duckdb is left in place."""


def unusable_path_reason(path: Path) -> str | None:
    """Why DuckDB cannot open a database file under the folder `path`, or None.

    DuckDB reads a backslash in a database path as a folder separator (`d\\back` opens
    `d/back`) and a `?` as the start of connection options (`a?b` opens `a`).
    """
    for char, how in (("\\", "a folder separator"), ("?", "the start of connection options")):
        if char in str(path):
            return (f"the data folder path '{path}' contains {char!r}, which DuckDB reads as "
                    f"{how}; choose a NEWSFACTS_DATA_DIR without it")
    return None


def sql_string(value: str) -> str:
    """A SQL string literal: `it's` → `'it''s'`."""
    return "'" + value.replace("'", "''") + "'"


def sql_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def parquet_source(paths: list[Path]) -> str:
    """`read_parquet(['<part>', ...])`: literal files, never expanded as a glob."""
    return f"read_parquet([{', '.join(sql_string(str(p)) for p in paths)}])"


def table_view_sql(table: str, paths: list[Path]) -> str:
    """The SELECT behind a table's view: the Parquet columns, typed where the text is a date."""
    source = parquet_source(paths)
    if table == "documents":
        return f"SELECT * REPLACE (TRY_CAST(published AS DATE) AS published) FROM {source}"
    if table == "figures":
        return ("SELECT *, CASE WHEN regexp_full_match(date, '\\d{4}-\\d{2}-\\d{2}') "
                f"THEN TRY_CAST(date AS DATE) END AS full_date FROM {source}")
    if table == "facts":
        # A one-word quote ("Yes.") is a fact like any other; n_words lets a reader leave it out.
        return ("SELECT *, CAST(len(regexp_split_to_array(trim(statement), '\\s+')) AS BIGINT) "
                f"AS n_words FROM {source}")
    if table == "fact_mentions":
        # Mention ids carry their table in the prefix (schemas: q_ for quotes, g_ for figures).
        return ("SELECT *, CASE WHEN starts_with(mention_id, 'q_') THEN 'quote' "
                "WHEN starts_with(mention_id, 'g_') THEN 'figure' END AS kind "
                f"FROM {source}")
    return f"SELECT * FROM {source}"


def release_history_sql(history: Path, latest: str) -> str:
    """One row per release from releases/history.parquet (one small file, appended by each
    publish), never one manifest per release: 10,000 releases are one read."""
    return (
        "SELECT version, parent, CAST(created_at AS TIMESTAMP) AS created_at, code_version, "
        f"tables, changes, repairs, (version = {sql_string(latest)}) AS is_latest "
        f"FROM {parquet_source([history])} ORDER BY CAST(substr(version, 2) AS INTEGER)"
    )


def recent_releases(releases: list[str], latest: str) -> list[str]:
    """The releases that get their own views and are in `*_all`: the newest RECENT_RELEASES,
    and LATEST (also when `newsfacts pin` pointed it back further)."""
    recent = releases[-RECENT_RELEASES:]
    if latest in releases and latest not in recent:
        recent = [latest, *recent]
    return recent


def tables_of(store: DataStore, release: str) -> list[str]:
    """The warehouse tables a release has files for: a release published before a table
    existed (stories, speakers) has no file for it and gets no view of it."""
    return [t for t in WAREHOUSE_TABLES if store.release_table_files(release, t)]


def expected_views(store: DataStore, releases: list[str], latest: str) -> list[str]:
    """Every view a warehouse over these releases holds."""
    names = list(tables_of(store, latest)) + ["release_history"]
    names += [f"{t}_{v}" for v in releases for t in tables_of(store, v)]
    names += [f"{t}_all" for t in WAREHOUSE_TABLES
              if any(t in tables_of(store, v) for v in releases)]
    return names


def all_releases_sql(table: str, releases: list[str]) -> str:  # releases that have `table`
    """Every release's rows of `table`, each with its `release` (columns matched by name, so a
    column added in a later release is null in the earlier ones)."""
    return " UNION ALL BY NAME ".join(
        f"SELECT {sql_string(v)} AS release, * FROM {sql_ident(f'{table}_{v}')}"
        for v in releases)


def _comment_view(con, view: str, table: str, where: str) -> None:
    con.execute(f"COMMENT ON VIEW {sql_ident(view)} IS "
                f"{sql_string(f'{TABLE_DESCRIPTIONS[table]} ({where})')}")
    described = {**COLUMN_DESCRIPTIONS[table], **VIEW_COLUMN_DESCRIPTIONS.get(table, {}),
                 "release": RELEASE_COLUMN_DESCRIPTION}
    columns = [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND table_name = ?", [view]).fetchall()]
    for column in columns:
        text = described.get(column)
        if text is None:
            continue  # a column without a description in schemas/tables.py (a test says which)
        con.execute(f"COMMENT ON COLUMN {sql_ident(view)}.{sql_ident(column)} IS "
                    f"{sql_string(text)}")


def _build(store: DataStore, tmp: Path, releases: list[str], latest: str) -> None:
    import duckdb

    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {sql_string(str(tmp))} AS warehouse "
                    f"(STORAGE_VERSION {sql_string(WAREHOUSE_STORAGE_VERSION)})")
        con.execute("USE warehouse")  # names in the stored view SQL stay unqualified
        # One transaction for every view and comment: committed one by one, each statement
        # is a commit of its own (28 s for 417 views under load; bench/results/storage.txt).
        con.execute("BEGIN TRANSACTION")
        for release in [None, *releases]:
            for table in tables_of(store, release or latest):
                view = f"{table}_{release}" if release else table
                files = [p.resolve() for p in store.release_table_files(release or latest, table)]
                sql = table_view_sql(table, files)
                con.execute(f"CREATE VIEW {sql_ident(view)} AS {sql}")
                _comment_view(con, view, table,
                              f"the release {release}" if release else "the latest release")
        for table in WAREHOUSE_TABLES:
            having = [v for v in releases if table in tables_of(store, v)]
            if not having:
                continue
            view = f"{table}_all"
            con.execute(f"CREATE VIEW {sql_ident(view)} AS {all_releases_sql(table, having)}")
            _comment_view(con, view, table, "every release, with its name in column release")
        history = (store.releases_dir / HISTORY_FILE).resolve()
        con.execute(f"CREATE VIEW release_history AS {release_history_sql(history, latest)}")
        con.execute(f"COMMENT ON VIEW release_history IS {sql_string(RELEASE_HISTORY_DESCRIPTION)}")
        for column, text in RELEASE_HISTORY_COLUMNS.items():
            con.execute(f"COMMENT ON COLUMN release_history.{sql_ident(column)} IS "
                        f"{sql_string(text)}")
        con.execute("COMMIT")
        con.execute("CHECKPOINT warehouse")
        con.execute("USE memory")
        con.execute("DETACH warehouse")
    finally:
        con.close()


def _verify(store: DataStore, tmp: Path, releases: list[str], latest: str) -> None:
    """Open the new file read-only: every view present, each latest view with its rows."""
    import duckdb

    wal = Path(f"{tmp}.wal")
    if wal.exists():
        raise WarehouseError(f"the checkpoint left {wal} behind (is the disk full?)")
    con = duckdb.connect(str(tmp), read_only=True)
    try:
        present = {r[0] for r in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        missing = [v for v in expected_views(store, releases, latest) if v not in present]
        if missing:
            raise WarehouseError(f"views missing from the new warehouse: {', '.join(missing)}")
        manifest = store.read_manifest(latest)
        for table in tables_of(store, latest):
            rows = con.execute(f"SELECT count(*) FROM {sql_ident(table)}").fetchall()[0][0]
            expected = manifest["tables"].get(table, {}).get("rows")
            if expected is not None and rows != expected:
                raise WarehouseError(f"view {table} counts {rows} rows, the manifest of "
                                     f"{latest} says {expected}")
        con.execute("SELECT count(*) FROM release_history").fetchall()
    finally:
        con.close()


def refresh_warehouse(store: DataStore) -> Path | None:
    """Rebuild warehouse.duckdb over the releases and swap it in once it is verified.

    A reader that has the old file open keeps reading it; no reader ever blocks the pipeline.
    Returns None when there is no release yet.
    """
    import duckdb

    latest = store.latest_release()
    if latest is None:
        return None
    reason = unusable_path_reason(store.data_dir)
    if reason:
        raise WarehouseError(f"cannot build {store.warehouse_path}: {reason}")
    sync_history(store)  # a missing or stale history is rebuilt from the manifests
    # A damaged release that a later one republished gets no views and is not in `*_all`: its
    # files stay on disk as evidence, but one flipped byte there would make every `facts_all`
    # query fail; the repairing release holds its rows (release_history still lists it).
    damaged = set(repaired_releases(store)) - {latest}
    releases = recent_releases([v for v in store.list_releases() if v not in damaged], latest)
    target = store.warehouse_path
    tmp = store.data_dir / ".warehouse.duckdb.tmp"
    leftovers = (tmp, Path(f"{tmp}.wal"))
    for path in leftovers:
        path.unlink(missing_ok=True)
    try:
        _build(store, tmp, releases, latest)
        _verify(store, tmp, releases, latest)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        tmp.replace(target)
        fsync_dir(store.data_dir)
    except (duckdb.Error, OSError, KeyError, ValueError, WarehouseError) as exc:
        for path in leftovers:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        kept = (f"kept the previous {target}" if target.exists()
                else f"there is no {target} yet")
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise WarehouseError(f"could not rebuild the warehouse views over {latest}: {reason}; "
                             f"{kept}") from exc
    return target
