"""Versioned releases: publish atomically, compare two releases, verify them all.

A release is `releases/vN/` with a folder of Parquet parts per table (hard links to shared
objects) and a `manifest.json`. Tables are streamed in, a chunk and a part at a time
(docs/storage.md "Publishing in batches"). A release is written in a hidden temporary folder,
fsynced, renamed into place, and only then does `LATEST` move (itself replaced atomically). A
crash at any moment leaves `LATEST` on a complete release; `recover` tidies what a crash left
behind.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)
import pyarrow.parquet as pq

from pipeline.content_hash import content_sha256, streamed_sha256
from pipeline.store import (
    RELEASE_SORT_KEYS,
    DataStore,
    atomic_write_bytes,
    canonical_order,
    file_sha256,
    fsync_dir,
    raise_if_disk_full,
    write_parquet,
)
from schemas import (
    ARROW_SCHEMAS,
    RELEASED_TABLES,
    SchemaValidationError,
    to_arrow,
    validate_table,
)

if TYPE_CHECKING:
    import duckdb

log = logging.getLogger(__name__)

# The tables flagged `released` in their one declaration (schemas.tables.SPECS).
RELEASE_TABLES = RELEASED_TABLES
FACT_COMPARE_COLUMNS = ["kind", "statement", "speaker", "value", "unit", "n_documents",
                        "n_mentions", "doc_ids", "conflict", "conflict_note"]
TMP_PREFIX = ".tmp-"


@dataclass
class PublishResult:
    published: bool
    version: str
    path: Path
    rows: dict[str, int]
    changes: dict = field(default_factory=dict)
    written: int = 0  # bytes this publish wrote (new parts, copies where links failed, manifest)


def _fact_signature(facts: pd.DataFrame) -> dict[str, tuple]:
    out = {}
    for rec in facts.to_dict("records"):
        sig = []
        for col in FACT_COMPARE_COLUMNS:
            v = rec.get(col)
            if col == "doc_ids":
                v = tuple(v) if v is not None else ()
            elif isinstance(v, float) and v != v:
                v = None
            sig.append(v)
        out[rec["fact_id"]] = tuple(sig)
    return out


def compute_changes(
    old_docs: pd.DataFrame | None, old_facts: pd.DataFrame | None,
    new_docs: pd.DataFrame, new_facts: pd.DataFrame,
) -> dict:
    """Documents added and removed, facts added, removed and changed (by fact_id)."""
    def docs(df: pd.DataFrame | None) -> dict[str, str]:
        return {} if df is None else dict(zip(df["doc_id"], df["source"], strict=True))

    old_d, new_d = docs(old_docs), docs(new_docs)
    old_f = _fact_signature(old_facts) if old_facts is not None else {}
    new_f = _fact_signature(new_facts)
    added, removed = sorted(set(new_d) - set(old_d)), sorted(set(old_d) - set(new_d))
    return {
        "documents_added": [{"doc_id": d, "source": new_d[d]} for d in added],
        "documents_removed": [{"doc_id": d, "source": old_d[d]} for d in removed],
        "facts_added": len(set(new_f) - set(old_f)),
        "facts_removed": len(set(old_f) - set(new_f)),
        "facts_changed": sum(1 for f in set(new_f) & set(old_f) if new_f[f] != old_f[f]),
    }


PINS_FILE = "pins.jsonl"


def pinned_release(store: DataStore) -> str | None:
    """The release the last `newsfacts pin` pointed LATEST at, if any."""
    path = store.releases_dir / PINS_FILE
    if not path.is_file():
        return None
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    try:
        return json.loads(lines[-1]).get("pinned") if lines else None
    except (json.JSONDecodeError, AttributeError):
        return None


def pin_release(store: DataStore, version: str) -> str | None:
    """Point LATEST at `version` atomically and append the move to releases/pins.jsonl.
    Returns the release LATEST named before. The caller holds the write lock."""
    before = store.latest_release()
    entry = {"at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "pinned": version,
             "previous": before}
    with open(store.releases_dir / PINS_FILE, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    atomic_write_bytes(store.releases_dir / "LATEST", f"{version}\n".encode())
    return before


REPAIR_FILE = "REPAIR.json"
RELEASE_NAME = re.compile(r"v[1-9][0-9]*")


DAMAGED_SUFFIX = ".damaged"
REPAIRS_FILE = "repairs.jsonl"


def quarantine_unreadable_manifests(store: DataStore) -> list[str]:
    """A release whose manifest.json does not parse cannot be verified or listed in the
    history (one bad manifest breaks the release_history view): its manifest is renamed to
    manifest.json.damaged, so the folder stays as evidence but is no longer a complete
    release (its number is never reused)."""
    actions = []
    for version in store.list_releases():
        path = store.release_dir(version) / "manifest.json"
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
                raise ValueError("not a release manifest (no tables)")
        except (OSError, ValueError) as exc:
            path.rename(path.with_name(path.name + DAMAGED_SUFFIX))
            actions.append(f"{path} is unreadable ({str(exc).splitlines()[0][:120]}); renamed it "
                           f"to {path.name}{DAMAGED_SUFFIX}, so {version} is no longer a "
                           "complete release")
    return actions


def record_repairs(store: DataStore, actions: list[str]) -> None:
    """Append what a run repaired to releases/repairs.jsonl (the history of repairs)."""
    if not actions or not store.releases_dir.is_dir():
        return
    at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with open(store.releases_dir / REPAIRS_FILE, "a", encoding="utf-8") as fh:
        for action in actions:
            fh.write(json.dumps({"at": at, "action": action}) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def repair_latest_pointer(store: DataStore) -> list[str]:
    """LATEST must name a complete release folder. Anything else (`abc`, `v9` with no such
    release, a path, unreadable bytes) is pointed back at the newest complete release (whose
    files `check_latest_release` then verifies), or removed when there is none."""
    path = store.releases_dir / "LATEST"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raw, shown = b"", f"unreadable ({exc})"
    else:
        shown = repr(raw.decode("utf-8", "replace").strip()[:80])
    name = raw.decode("utf-8", "replace").strip()
    releases = store.list_releases()
    if RELEASE_NAME.fullmatch(name) and name in releases:
        return []
    if releases:
        atomic_write_bytes(path, f"{releases[-1]}\n".encode())
        return [f"{path} named {shown}, which is not a complete release; pointed it at "
                f"{releases[-1]}, the newest complete release"]
    path.unlink()
    return [f"{path} named {shown}, and there is no complete release; removed it (this run "
            "publishes a new one)"]


def pending_repair(store: DataStore) -> dict | None:
    """The damaged latest release this run must republish (see `check_latest_release`)."""
    try:
        entry = json.loads((store.releases_dir / REPAIR_FILE).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("version") != store.latest_release():
        return None  # stale: LATEST moved on since
    return entry


def check_latest_release(store: DataStore) -> list[str]:
    """Hash the latest release's files against its manifest. When they differ, note it in
    releases/REPAIR.json: the publish step then writes the stage tables as a new release (even
    when nothing changed) with the damage recorded in its manifest. The caller holds the lock."""
    latest = store.latest_release()
    if latest is None:
        return []
    problems = verify_release(store, latest, check_schemas=False)
    marker = store.releases_dir / REPAIR_FILE
    if not problems:
        marker.unlink(missing_ok=True)
        return []
    entry = {"version": latest, "found_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "problems": problems}
    atomic_write_bytes(marker, json.dumps(entry, indent=2).encode())
    return [f"releases/{p}; this run republishes the stage tables as a new release"
            for p in problems]


def trusted_release(store: DataStore) -> str | None:
    """The release to compare with and inherit fact ids from: LATEST, unless it is damaged,
    then the newest earlier release that verifies."""
    latest = store.latest_release()
    if latest is None or pending_repair(store) is None:
        return latest
    older = [v for v in store.list_releases() if int(v[1:]) < int(latest[1:])]
    good = [v for v in older if not verify_release(store, v, check_schemas=False)]
    return good[-1] if good else None


def next_version(store: DataStore) -> str:
    """One past every vN folder, complete or not (a folder whose manifest was lost keeps its
    number: a new release never reuses it)."""
    numbers = [int(p.name[1:]) for p in store.releases_dir.iterdir()
               if RELEASE_NAME.fullmatch(p.name)] if store.releases_dir.is_dir() else []
    return f"v{max(numbers, default=0) + 1}"


def recover(store: DataStore) -> list[str]:
    """Clean up after a crash: drop temporary folders, move LATEST to a finished newer release."""
    actions = []
    rel = store.releases_dir
    if not rel.is_dir():
        return actions
    for p in rel.iterdir():
        if p.name.startswith(TMP_PREFIX) or (p.name.startswith(".LATEST") and p.is_file()):
            shutil.rmtree(p) if p.is_dir() else p.unlink()
            actions.append(f"removed leftover {p.name}")
    actions.extend(quarantine_unreadable_manifests(store))
    actions.extend(repair_latest_pointer(store))
    releases = store.list_releases()
    latest = store.latest_release()
    if latest is not None and latest == pinned_release(store):
        return actions  # a person pointed LATEST back on purpose (`newsfacts pin`)
    if releases and (latest is None or int(releases[-1][1:]) > int(latest[1:] or 0)):
        newest = releases[-1]
        if not verify_release(store, newest, check_schemas=False):
            atomic_write_bytes(rel / "LATEST", f"{newest}\n".encode())
            actions.append(f"LATEST moved to {newest}, which a crashed run had finished")
        else:
            shutil.rmtree(store.release_dir(newest))
            actions.append(f"removed damaged unpublished {newest}")
    return actions


# What publish_release takes per table: a whole frame or Arrow table, or a function that
# yields the table's rows a chunk at a time (frames or Arrow), so no table need be held whole.
TableSource = pd.DataFrame | pa.Table | Callable[[], Iterable[pd.DataFrame | pa.Table]]


def publish_release(
    store: DataStore, tables: Mapping[str, TableSource], code_version: str
) -> PublishResult:
    """Validate and publish `tables` as the next release, unless equal to the latest one.
    Each table is streamed: memory follows the chunk and part sizes, not the corpus."""
    with store.lock():
        for action in recover(store):
            log.warning(action)
        store.releases_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=store.releases_dir))
        tmp.chmod(0o755)
        spill = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}spill-", dir=store.releases_dir))
        try:
            return _publish_locked(store, tables, code_version, tmp, spill)
        finally:
            # never hides the publish's own error; a leftover is removed by the next run
            for folder in (tmp, spill):
                shutil.rmtree(folder, ignore_errors=True)


# Tables that change a little with each run are split into parts by a stable hash of a key
# column, so a new article rewrites one part of each and every other part is the file an
# earlier release already holds (a hard link, no bytes). The rest are one part each.
PART_KEYS = {"documents": "doc_id", "quotes": "doc_id", "figures": "doc_id",
             "fact_mentions": "doc_id", "facts": "fact_id"}
# Rows per part the split aims at: a Parquet file has a fixed cost (footer, statistics, a page
# per column, about 10 KB), so 64 parts of 3 documents each cost four times one file
# (bench/results/storage.txt). Documents carry the text, the other tables short rows.
# Tuned for one new article at 2,000 articles (bench_scale.py --compare): documents ~2 KB a row
# compressed, so 250 rows make a part of ~0.5 MB and the table splits in 8 at 2,000 documents;
# a new article then rewrites one documents part instead of half the text.
PART_ROWS = {"documents": 250, "quotes": 10_000, "figures": 10_000, "fact_mentions": 20_000,
             "facts": 10_000}
MAX_PARTS = 256
LAYOUT = "parts"  # manifest marker of contract v2: vN/<table>/part-*.parquet


def parts_for(name: str, rows: int) -> int:
    """How many parts a table of `rows` rows is split into: a power of two (so a part splits
    in two when the table doubles, and only then do its files change), at most MAX_PARTS."""
    target = PART_ROWS.get(name)
    if target is None or rows <= target:
        return 1
    n = 1
    while n < MAX_PARTS and rows > n * target:
        n *= 2
    return n


def bucket_hash(key: str) -> int:
    """The first 4 bytes of sha256(key): depends on the key alone, so the same document is in
    the same part on every machine and in every run."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big")


def part_name(bucket: int, n_parts: int) -> str:
    return f"part-{bucket:03d}-of-{n_parts:03d}.parquet"


# Streaming a table into its parts (docs/storage.md "Publishing in batches"): rows are read a
# chunk at a time and spilled to Arrow IPC files by a fine bucket of their part key (MAX_PARTS
# of them: part b of n holds the fine buckets f with f % n == b, as n divides MAX_PARTS). Each
# part is then read back on its own, sorted, hashed and written; its rows also go, cut by
# ranges of the sort key, to range files, whose sorted concatenation is the whole table in
# canonical order: pandera runs on each range, and the table's content hash streams over them.
CHUNK_ROWS = {"documents": 10_000}  # documents carry the text; the other tables short rows
DEFAULT_CHUNK_ROWS = 50_000
SAMPLE_EVERY = 16  # one sort key in this many makes the sample the ranges are cut from


def _chunk_rows(name: str) -> int:
    return CHUNK_ROWS.get(name, DEFAULT_CHUNK_ROWS)


def _chunks(name: str, source: TableSource) -> Iterator[pa.Table]:
    """The table's rows as Arrow tables of its release schema, at most a chunk at a time;
    every chunk goes through the one conversion a whole frame would (`to_arrow`)."""
    size = _chunk_rows(name)
    if isinstance(source, pd.DataFrame | pa.Table):
        pieces: Iterable = (source.iloc[i:i + size] if isinstance(source, pd.DataFrame)
                            else source.slice(i, size)
                            for i in range(0, len(source), size))
    else:
        pieces = source()
    for piece in pieces:
        frame = piece.to_pandas() if isinstance(piece, pa.Table | pa.RecordBatch) else piece
        for i in range(0, len(frame), size):
            yield to_arrow(name, frame.iloc[i:i + size])


def _empty(name: str) -> pa.Table:
    """The table with no rows, as a frame with no rows converts."""
    return to_arrow(name, pd.DataFrame(columns=ARROW_SCHEMAS[name].names))


class _Spill:
    """Arrow IPC stream files in a spill folder by key (written, then read). At most
    `max_open` files are open at once: writing to a key whose file was closed to make room
    (the least recently written) starts another piece of it, so a table of 2,000 ranges needs
    no more file descriptors than one of 200 (a `ulimit -n` of 1024 is common)."""

    MAX_OPEN = MAX_PARTS  # the fine buckets of one chunk never close each other

    def __init__(self, folder: Path, schema: pa.Schema, max_open: int | None = None) -> None:
        self.folder, self.schema = folder, schema
        self.max_open = max_open or self.MAX_OPEN
        folder.mkdir(parents=True, exist_ok=True)
        self.writers: dict[int, pa.ipc.RecordBatchStreamWriter] = {}  # open, oldest first
        self.pieces: dict[int, list[Path]] = {}

    def write(self, key: int, table: pa.Table) -> None:
        writer = self.writers.pop(key, None)
        try:
            if writer is None:
                if len(self.writers) >= self.max_open:
                    self.writers.pop(next(iter(self.writers))).close()
                got = self.pieces.setdefault(key, [])
                got.append(self.folder / f"{key:05d}-{len(got):05d}.arrow")
                writer = pa.ipc.new_stream(str(got[-1]), self.schema)
            self.writers[key] = writer  # now the most recently written
            writer.write_table(table)
        except OSError as exc:
            raise_if_disk_full(self.folder / f"{key:05d}.arrow", exc)
            raise

    def close(self) -> list[int]:
        try:
            for writer in self.writers.values():
                writer.close()
        except OSError as exc:
            raise_if_disk_full(self.folder / "spill.arrow", exc)
            raise
        self.writers.clear()
        return sorted(self.pieces)

    def read(self, keys: Iterable[int]) -> pa.Table | None:
        tables = []
        for k in keys:
            for path in self.pieces.get(k, ()):
                with pa.ipc.open_stream(str(path)) as reader:
                    tables.append(reader.read_all())
        return pa.concat_tables(tables) if tables else None

    def remove(self, key: int) -> None:
        for path in self.pieces.pop(key, ()):
            path.unlink()


def _spill_buckets(name: str, source: TableSource, spill: _Spill) -> tuple[int, list]:
    """Every row into the spill file of its fine bucket (bucket_hash of its part key modulo
    MAX_PARTS; one file when the table has no part key). Returns the rows and a sample of the
    first sort key, in the order read."""
    key = PART_KEYS.get(name)
    first = RELEASE_SORT_KEYS[name][0]
    rows, sample = 0, []
    for chunk in _chunks(name, source):
        rows += chunk.num_rows
        sample.extend(chunk.column(first).to_pylist()[::SAMPLE_EVERY])
        if key is None:
            spill.write(0, chunk)
            continue
        fine = np.fromiter((bucket_hash(k) % MAX_PARTS for k in chunk.column(key).to_pylist()),
                           np.int64, chunk.num_rows)
        order = np.argsort(fine, kind="stable")
        fine, chunk = fine[order], chunk.take(pa.array(order))
        starts = np.flatnonzero(np.r_[True, fine[1:] != fine[:-1]])
        for start, stop in zip(starts, [*starts[1:], len(fine)], strict=True):
            spill.write(int(fine[start]), chunk.slice(start, stop - start))
    return rows, sample


def _range_bounds(name: str, sample: list, rows: int) -> np.ndarray:
    """First sort key values that cut the table into ranges of about a chunk each: range r
    holds the rows with bounds[r - 1] <= key < bounds[r]. Any bounds give the same table; the
    sample only keeps the ranges near their size. At most `_Spill.MAX_OPEN` ranges, so their
    spill files stay open without closing each other (past 256 chunks a range holds more
    than a chunk: 51M mentions are 256 ranges of 200,000 rows, not 1,020 of 50,000)."""
    n_ranges = min(-(-rows // _chunk_rows(name)), _Spill.MAX_OPEN)
    values = sorted(v for v in sample if v is not None)
    cuts = {values[len(values) * r // n_ranges] for r in range(1, n_ranges)} if values else set()
    return np.array(sorted(cuts), dtype=object)


def _cut_ranges(part: pa.Table, first: str, bounds: np.ndarray) -> Iterator[tuple[int, pa.Table]]:
    """(range, rows) of a part sorted by its first key `first`."""
    keys = part.column(first).to_numpy(zero_copy_only=False)
    valid = np.array([k is not None for k in keys], bool)
    end = int(valid.sum())  # nulls sort last, so they are the last range's
    cuts = [0, *np.searchsorted(keys[:end], bounds, side="left").tolist(), part.num_rows]
    for r, (start, stop) in enumerate(itertools.pairwise(cuts)):
        if stop > start:
            yield r, part.slice(start, stop - start)


def _validate_chunk(name: str, table: pa.Table) -> None:
    """pandera on rows of one table; a documents chunk's duplicate_of may name a document of
    another chunk (checked over the whole release in SQL, `PUBLISH_CHECKS`)."""
    frame = table.to_pandas()
    if name == "documents":
        frame.loc[~frame["duplicate_of"].isin(set(frame["doc_id"])), "duplicate_of"] = None
    validate_table(name, frame)


def known_parts(manifest: dict | None) -> dict[str, str]:
    """content sha256 of a part → file sha256 (the object), from a release's manifest."""
    out: dict[str, str] = {}
    for meta in (manifest or {}).get("tables", {}).values():
        for part in meta.get("parts", []) if isinstance(meta, dict) else []:
            if part.get("content_sha256") and part.get("sha256"):
                out[part["content_sha256"]] = part["sha256"]
    return out


@dataclass
class _Written:
    """One release table as published: its manifest entry and the bytes it wrote."""

    meta: dict
    written: int


def _publish_table(store: DataStore, name: str, source: TableSource, known: dict[str, str],
                   folder: Path, spill_dir: Path) -> _Written:
    """Stream one table into `folder` as parts (hard links to objects), with pandera on
    each range of rows, the content hash of each part and of the whole table, and its rows."""
    schema = ARROW_SCHEMAS[name]
    first = RELEASE_SORT_KEYS[name][0]
    buckets = _Spill(spill_dir / "buckets", schema)
    rows, sample = _spill_buckets(name, source, buckets)
    present = buckets.close()
    n_parts = parts_for(name, rows) if name in PART_KEYS else 1
    bounds = _range_bounds(name, sample, rows) if n_parts > 1 else None
    ranges = _Spill(spill_dir / "ranges", schema)
    parts, written = [], 0
    for b in range(n_parts):
        fine = [f for f in present if f % n_parts == b]
        if not fine and n_parts > 1:
            continue
        table = buckets.read(fine)
        part = canonical_order(name, table if table is not None else _empty(name))
        if bounds is None:
            _validate_chunk(name, part)
        else:
            for r, piece in _cut_ranges(part, first, bounds):
                ranges.write(r, piece)
        part_content = content_sha256(part)
        sha = known.get(part_content)
        if sha is None or store.good_object(sha) is None:
            sha, n = store.put_object(part)
            written += n
        file = part_name(b, n_parts)
        written += store.link_object(sha, folder / file)
        parts.append({"file": file, "rows": part.num_rows, "sha256": sha,
                      "content_sha256": part_content})
        del table, part
    fsync_dir(folder)
    if bounds is None:
        content = parts[0]["content_sha256"]
    else:
        content = _ranges_sha256(name, ranges, spill_dir / "sorted")
    shutil.rmtree(spill_dir)
    return _Written({"rows": rows, "content_sha256": content, "layout": LAYOUT,
                     "parts": parts}, written)


def _ranges_sha256(name: str, ranges: _Spill, folder: Path) -> str:
    """Sort each range (pandera on it), write it as an Arrow IPC file, and hash the ranges in
    order as one table, a column and a chunk at a time (read back memory-mapped)."""
    schema = ARROW_SCHEMAS[name]
    folder.mkdir(parents=True, exist_ok=True)
    files, rows = [], 0
    for r in ranges.close():
        table = canonical_order(name, ranges.read([r]))
        _validate_chunk(name, table)
        path = folder / f"{r:05d}.arrow"
        try:
            with pa.ipc.new_file(str(path), schema) as writer:
                writer.write_table(table)
        except OSError as exc:
            raise_if_disk_full(path, exc)
            raise
        files.append(path)
        rows += table.num_rows
        ranges.remove(r)

    def column(field: str) -> Callable[[], Iterator[pa.Array]]:
        def chunks() -> Iterator[pa.Array]:
            for path in files:
                reader = pa.ipc.open_file(pa.memory_map(str(path)))
                for i in range(reader.num_record_batches):
                    yield reader.get_batch(i).column(field)
        return chunks

    return streamed_sha256(schema, {f: column(f) for f in schema.names}, rows)


# Whole-table rules pandera cannot see in one chunk, and the relations between tables, as SQL
# over the new release's parts (DuckDB streams them): (table, rule, query counting the rows
# that break it). With INVARIANTS (which `make verify` checks again later).
PUBLISH_CHECKS: list[tuple[str, str, str]] = [
    ("documents", "duplicate_of must name another document in the table",
     "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL AND (duplicate_of = doc_id "
     "OR duplicate_of NOT IN (SELECT doc_id FROM documents))"),
    ("documents", "(source, record) must be unique",
     "SELECT count(*) - count(DISTINCT (source, record)) FROM documents"),
    ("fact_mentions", "doc_id in documents",
     "SELECT count(*) FROM fact_mentions WHERE doc_id NOT IN (SELECT doc_id FROM documents)"),
]


def _duckdb(spill: Path | None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection for the publish's SQL: bounded memory, spilling into `spill`."""
    import duckdb

    config = {"memory_limit": "1GB", "threads": 2}
    if spill is not None:
        config["temp_directory"] = str(spill)
    return duckdb.connect(config=config)


def check_release_sql(folder: Path, spill: Path | None = None) -> None:
    """Raise SchemaValidationError for the first PUBLISH_CHECKS or INVARIANTS rule the tables
    in `folder` (a release being written) break."""
    from pipeline.warehouse import parquet_source

    con = _duckdb(spill)
    try:
        for table in RELEASE_TABLES:
            files = sorted((folder / table).glob("part-*.parquet"))
            con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM {parquet_source(files)}')
        for table, rule, sql in [*PUBLISH_CHECKS, *INVARIANTS]:
            broken = con.execute(sql).fetchone()[0]
            if broken:
                raise SchemaValidationError(table, pd.DataFrame({
                    "check": [rule], "failure_case": [f"{broken} row(s) break it"]}))
    finally:
        con.close()


def _publish_locked(store: DataStore, tables: Mapping[str, TableSource], code_version: str,
                    tmp: Path, spill: Path) -> PublishResult:
    latest = store.latest_release()
    repair = pending_repair(store)
    parent_manifest = _manifest_or_none(store, latest)
    # Parts the parent (even a damaged one: objects are checked by their hash) already holds.
    known = known_parts(parent_manifest)
    info, written = {}, 0
    for name in RELEASE_TABLES:
        table = _publish_table(store, name, tables[name], known, tmp / name, spill / name)
        info[name] = table.meta
        written += table.written
    rows = {name: meta["rows"] for name, meta in info.items()}
    content = {name: meta["content_sha256"] for name, meta in info.items()}
    if parent_manifest and repair is None and {
        n: i.get("content_sha256") for n, i in parent_manifest["tables"].items()
    } == content:
        # the same content as the latest release, whose tables passed these checks when it
        # was published: a run with nothing new does not check them again
        return PublishResult(False, latest, store.release_dir(latest), rows)
    check_release_sql(tmp, spill)

    version = next_version(store)
    compare = trusted_release(store)
    changes = ReleaseChanges(store, compare, tmp, spill)
    try:
        manifest = {
            "version": version,
            "parent": latest,
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "code_version": code_version,
            "contract": 2,
            "tables": info,
            "changes": changes.counts,
        }
        if repair is not None:
            # The history says why this release exists and what its changes are measured
            # against.
            manifest["repairs"] = {"version": latest, "problems": repair.get("problems", []),
                                   "changes_against": compare}
        written += atomic_write_bytes(tmp / "manifest.json", changes.manifest_json(manifest))
        result_changes = changes.for_result()
    finally:
        changes.close()
    fsync_dir(tmp)
    final = store.release_dir(version)
    tmp.rename(final)
    fsync_dir(store.releases_dir)
    written += sync_history(store, {version: history_row(manifest)})[2]
    atomic_write_bytes(store.releases_dir / "LATEST", f"{version}\n".encode())
    (store.releases_dir / REPAIR_FILE).unlink(missing_ok=True)
    return PublishResult(True, version, final, rows, result_changes, written)


# PublishResult.changes names the documents added and removed when there are at most this
# many of them (the manifest always does); above, it gives their numbers.
RESULT_DOCUMENTS_MAX = 10_000
DOCUMENT_LISTS = ("documents_added", "documents_removed")


class ReleaseChanges:
    """`compute_changes` from release `compare` (None: nothing before) to the release being
    written in `folder`, as SQL over both releases' parts (no table held in pandas). The
    document lists are read in batches when the manifest is written (`manifest_json`)."""

    def __init__(self, store: DataStore, compare: str | None, folder: Path,
                 spill: Path | None = None) -> None:
        from pipeline.warehouse import parquet_source

        self.con = con = _duckdb(spill)
        for name in ("documents", "facts"):
            new = sorted((folder / name).glob("part-*.parquet"))
            con.execute(f"CREATE VIEW new_{name} AS SELECT * FROM {parquet_source(new)}")
            old = store.release_table_files(compare, name) if compare else []
            source = parquet_source(old) if old else f"new_{name} WHERE false"
            con.execute(f"CREATE VIEW old_{name}_file AS SELECT * FROM {source}")
        have = {r[0] for r in con.execute("DESCRIBE old_facts_file").fetchall()}
        columns = ", ".join(c if c in have else f"NULL AS {c}" for c in FACT_COMPARE_COLUMNS)
        con.execute(f"CREATE VIEW old_facts AS SELECT fact_id, {columns} FROM old_facts_file")

        def differs(c: str) -> str:
            if c == "doc_ids":
                return "coalesce(n.doc_ids, []::VARCHAR[]) IS DISTINCT FROM " \
                    "coalesce(o.doc_ids, []::VARCHAR[])"
            return f"n.{c} IS DISTINCT FROM o.{c}"

        added, removed, changed = con.execute(
            "SELECT (SELECT count(*) FROM new_facts n ANTI JOIN old_facts o USING (fact_id)), "
            "(SELECT count(*) FROM old_facts o ANTI JOIN new_facts n USING (fact_id)), "
            "(SELECT count(*) FROM new_facts n JOIN old_facts o USING (fact_id) WHERE "
            + " OR ".join(differs(c) for c in FACT_COMPARE_COLUMNS) + ")").fetchone()
        self.counts = {k: con.execute(f"SELECT count(*) FROM ({self._sql(k)})").fetchone()[0]
                       for k in DOCUMENT_LISTS}
        self.counts.update(facts_added=added, facts_removed=removed, facts_changed=changed)

    @staticmethod
    def _sql(which: str) -> str:
        a, b = (("new_documents", "old_documents_file") if which == "documents_added"
                else ("old_documents_file", "new_documents"))
        return (f"SELECT x.doc_id, x.source FROM {a} x ANTI JOIN {b} y ON x.doc_id = y.doc_id "
                "ORDER BY x.doc_id")

    def documents(self, which: str, batch: int = 50_000) -> Iterator[list[dict]]:
        """The documents added or removed, in doc_id order, a batch at a time."""
        cursor = self.con.execute(self._sql(which))
        while rows := cursor.fetchmany(batch):
            yield [{"doc_id": d, "source": s} for d, s in rows]

    def for_result(self) -> dict:
        """The changes as compute_changes gives them, with counts for long document lists."""
        out = dict(self.counts)
        for which in DOCUMENT_LISTS:
            if out[which] <= RESULT_DOCUMENTS_MAX:
                out[which] = [d for batch in self.documents(which) for d in batch]
        return dict(sorted(out.items(), key=lambda kv: _CHANGE_ORDER.index(kv[0])))

    def manifest_json(self, manifest: dict) -> Iterator[bytes]:
        """`json.dumps(manifest, indent=2)` with `changes` filled in, written piece by piece:
        the document lists come from the database a batch at a time."""
        marks = {which: f"\x00{which}\x00" for which in DOCUMENT_LISTS}
        changes = {k: marks.get(k, self.counts.get(k)) for k in _CHANGE_ORDER}
        text = json.dumps({**manifest, "changes": changes}, indent=2)
        for which in DOCUMENT_LISTS:
            head, text = text.split(json.dumps(marks[which]), 1)
            yield head.encode()
            yield from _json_list(self.documents(which), indent=6)
        yield text.encode()

    def close(self) -> None:
        self.con.close()


_CHANGE_ORDER = [*DOCUMENT_LISTS, "facts_added", "facts_removed", "facts_changed"]


def _json_list(batches: Iterable[list[dict]], indent: int) -> Iterator[bytes]:
    """A list as json.dumps(..., indent=2) writes it `indent` spaces deep, from batches."""
    pad = " " * indent
    first = True
    for batch in batches:
        lines = []
        for item in batch:
            body = json.dumps(item, indent=2).replace("\n", "\n" + pad)
            lines.append(("[\n" if first else ",\n") + pad + body)
            first = False
        yield "".join(lines).encode()
    yield b"[]" if first else ("\n" + " " * (indent - 2) + "]").encode()


HISTORY_FILE = "history.parquet"
HISTORY_SCHEMA = pa.schema([
    ("version", pa.string()), ("parent", pa.string()), ("created_at", pa.string()),
    ("code_version", pa.string()),
    ("tables", pa.map_(pa.string(), pa.struct([("rows", pa.int64()),
                                                ("content_sha256", pa.string())]))),
    ("changes", pa.struct([(k, pa.int64()) for k in (
        "documents_added", "documents_removed", "facts_added", "facts_removed",
        "facts_changed")])),
    ("repairs", pa.string()),
])


def history_row(manifest: dict) -> dict:
    """One release's row of releases/history.parquet: what release_history shows, with the
    document lists of `changes` as counts (the lists stay in the manifest)."""
    changes = manifest.get("changes") or {}

    def count(value: object) -> int | None:
        if isinstance(value, list):
            return len(value)
        return int(value) if isinstance(value, int | float) else None

    repairs = manifest.get("repairs")
    return {
        "version": manifest.get("version"),
        "parent": manifest.get("parent"),
        "created_at": manifest.get("created_at"),
        "code_version": manifest.get("code_version"),
        "tables": [(name, {"rows": meta.get("rows"), "content_sha256": meta.get("content_sha256")})
                   for name, meta in (manifest.get("tables") or {}).items()
                   if isinstance(meta, dict)],
        "changes": {k: count(changes.get(k)) for k in HISTORY_SCHEMA.field("changes").type.names},
        "repairs": repairs.get("version") if isinstance(repairs, dict) else None,
    }


def read_history(store: DataStore) -> pa.Table | None:
    """releases/history.parquet, or None when it is missing or unreadable."""
    try:
        table = pq.read_table(store.releases_dir / HISTORY_FILE)
    except (OSError, pa.ArrowException):
        return None
    return table if table.schema.equals(HISTORY_SCHEMA) else None


def sync_history(store: DataStore, rows_of: Mapping[str, dict] | None = None
                 ) -> tuple[list[str], list[str], int]:
    """Bring releases/history.parquet in line with the complete releases: add a row for each
    release it lacks (reading only that release's manifest), drop rows of releases that are no
    longer complete (a quarantined manifest). A missing or unreadable history is rebuilt from
    every manifest. `rows_of` gives the rows of releases already known (`history_row`).
    Returns (versions added, versions dropped, bytes written). The caller holds the write
    lock."""
    releases = store.list_releases()
    history = read_history(store)
    have = history.column("version").to_pylist() if history is not None else []
    wanted = set(releases)
    dropped = [v for v in have if v not in wanted]
    known = set(have)
    added = [v for v in releases if v not in known]
    if history is not None and not added and not dropped:
        return [], [], 0
    kept = HISTORY_SCHEMA.empty_table() if history is None else history.filter(
        pa.compute.is_in(history.column("version"), pa.array(sorted(wanted), pa.string())))
    rows = []  # only the new releases go through Python; the kept rows stay Arrow
    for version in added:
        if rows_of and version in rows_of:  # just published: its manifest is not read back
            rows.append(rows_of[version])
        elif (manifest := _manifest_or_none(store, version)) is not None:
            rows.append(history_row({**manifest, "version": version}))
    table = pa.concat_tables([kept, pa.Table.from_pylist(rows, schema=HISTORY_SCHEMA)])
    order = sorted(range(table.num_rows),
                   key=lambda i: int(table.column("version")[i].as_py()[1:]))
    path = store.releases_dir / HISTORY_FILE
    write_parquet(path, table.take(pa.array(order, pa.int64())))
    return added, dropped, path.stat().st_size


def _manifest_or_none(store: DataStore, version: str | None) -> dict | None:
    if version is None:
        return None
    try:
        return store.read_manifest(version)
    except (OSError, ValueError):
        return None


def _table_files(store: DataStore, version: str, name: str, meta: dict) -> list[tuple[Path, dict]]:
    """(path, expected {rows, sha256}) of each file of one release table, by its manifest."""
    folder = store.release_dir(version)
    if meta.get("layout") == LAYOUT:
        return [(folder / name / p["file"], p) for p in meta.get("parts", [])]
    return [(folder / f"{name}.parquet", meta)]


# Whole-table invariants of a release as SQL over its part files (DuckDB streams them, so no
# table is held whole in memory): (table, what must be 0, the query counting the rows that break
# it).
INVARIANTS: list[tuple[str, str, str]] = [
    ("documents", "documents.doc_id unique",
     "SELECT count(*) - count(DISTINCT doc_id) FROM documents"),
    ("quotes", "quotes.quote_id unique", "SELECT count(*) - count(DISTINCT quote_id) FROM quotes"),
    ("figures", "figures.figure_id unique",
     "SELECT count(*) - count(DISTINCT figure_id) FROM figures"),
    ("facts", "facts.fact_id unique", "SELECT count(*) - count(DISTINCT fact_id) FROM facts"),
    ("quotes", "quotes in their document's text",
     "SELECT count(*) FROM quotes q LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL "
     "OR substr(d.text, q.start + 1, q.\"end\" - q.start) IS DISTINCT FROM q.text"),
    ("figures", "figures in their document's text",
     "SELECT count(*) FROM figures g LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL"
     " OR substr(d.text, g.start + 1, g.\"end\" - g.start) IS DISTINCT FROM g.surface"),
    ("fact_mentions", "every quote and figure in exactly one fact",
     "SELECT count(*) FROM (SELECT quote_id AS id FROM quotes UNION ALL "
     "SELECT figure_id FROM figures) m FULL JOIN (SELECT mention_id, count(*) AS n "
     "FROM fact_mentions GROUP BY mention_id) f ON m.id = f.mention_id "
     "WHERE m.id IS NULL OR f.mention_id IS NULL OR f.n <> 1"),
    ("fact_mentions", "every mention's fact in facts",
     "SELECT count(*) FROM fact_mentions m LEFT JOIN facts f USING (fact_id) "
     "WHERE f.fact_id IS NULL"),
]


def invariant_problems(files: dict[str, list[Path]]) -> list[str]:
    """The INVARIANTS that do not hold over the tables' part files (`{table: [files]}`), each
    with how many rows break it. An invariant over a table that is not there is skipped."""
    import duckdb

    from pipeline.warehouse import parquet_source

    con = duckdb.connect()
    try:
        for table, paths in files.items():
            if paths:
                con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM {parquet_source(paths)}')
        present = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() "
                                            "WHERE NOT internal").fetchall()}
        problems = []
        for _, what, sql in INVARIANTS:
            needs = {t for t in RELEASE_TABLES if re.search(rf"\b{t}\b", sql)}
            if not needs <= present:
                continue
            broken = con.execute(sql).fetchone()[0]
            if broken:
                problems.append(f"{what}: {broken} row(s) break it")
        return problems
    finally:
        con.close()


def verify_release(store: DataStore, version: str, check_schemas: bool = True) -> list[str]:
    """Problems found in one release (empty when it matches its manifest and schemas): every
    file's sha256 and rows, no part the manifest does not list, and with `check_schemas` the
    schemas and each table's content hash over its parts put back together."""
    problems = []
    folder = store.release_dir(version)
    try:
        manifest = store.read_manifest(version)
    except (OSError, json.JSONDecodeError) as exc:
        return [f"{version}/manifest.json: unreadable: {exc}"]
    readable = []
    for name, meta in manifest.get("tables", {}).items():
        before = len(problems)
        total = 0
        for path, expect in _table_files(store, version, name, meta):
            where = f"{version}/{path.relative_to(folder)}"
            if not path.exists():
                problems.append(f"{where}: missing")
                continue
            sha = file_sha256(path)
            if sha != expect["sha256"]:
                problems.append(f"{where}: sha256 {sha[:12]}… differs from the "
                                f"manifest's {expect['sha256'][:12]}…")
                continue
            try:
                n = pq.read_metadata(path).num_rows
            except Exception as exc:
                problems.append(f"{where}: unreadable: {exc}")
                continue
            if n != expect["rows"]:
                problems.append(f"{where}: {n} rows, manifest says {expect['rows']}")
            total += n
        if meta.get("layout") == LAYOUT:
            listed = {p["file"] for p in meta.get("parts", [])}
            for path in store.release_table_files(version, name):
                if path.name not in listed:
                    problems.append(f"{version}/{name}/{path.name}: not in the manifest")
            if len(problems) == before and total != meta["rows"]:
                problems.append(f"{version}/{name}: {total} rows, manifest says {meta['rows']}")
        if len(problems) == before:
            readable.append(name)
    if check_schemas and not problems:
        files = {name: store.release_table_files(version, name) for name in readable}
        problems.extend(f"{version}: {p}" for p in invariant_problems(files))
    if check_schemas and not problems and "documents" in readable:
        tables = {name: store.read_release_arrow(version, name) for name in readable}
        documents = tables["documents"].to_pandas()
        for name, table in tables.items():
            expect = manifest["tables"][name].get("content_sha256")
            if expect and content_sha256(table) != expect:
                problems.append(f"{version}/{name}: content sha256 differs from the manifest's")
            try:
                validate_table(name, table.to_pandas(), documents=documents)
            except SchemaValidationError as exc:
                problems.append(f"{version}/{name}: {str(exc).splitlines()[0]}")
    return problems


def repaired_releases(store: DataStore) -> dict[str, str]:
    """Damaged releases a later release republished: damaged version -> the repairing one.
    Read from releases/history.parquet's `repairs` column (the warehouse refresh of every run
    asks: 2,000 manifests, one listing a million documents, were 2.4 s and 1.1 GiB); only a
    release the history lacks has its manifest read."""
    history = read_history(store)
    known = {} if history is None else dict(zip(history.column("version").to_pylist(),
                                                history.column("repairs").to_pylist(),
                                                strict=True))
    out = {}
    for version in store.list_releases():
        if version in known:
            repaired = known[version]
        else:
            repairs = (_manifest_or_none(store, version) or {}).get("repairs")
            repaired = repairs.get("version") if isinstance(repairs, dict) else None
        if repaired:
            out[repaired] = version
    return out


def verify_all(store: DataStore) -> list[str]:
    """Problems in LATEST, every release and the stage tables. A damaged release that a later
    release already republished is reported by `verify_notes`, not here."""
    problems = []
    latest = store.latest_release()
    releases = store.list_releases()
    if latest and latest not in releases:
        problems.append(f"LATEST names {latest!r}, which is not a complete release "
                        "(the next run points it back at the newest one)")
    repaired = repaired_releases(store)
    for version in releases:
        if version not in repaired:
            problems.extend(verify_release(store, version))
    for check in store.check_stage(full=True):  # every part hashed
        if check.status == "damaged":
            problems.append(f"stage/{check.path.name}: {check.detail} (the next run drops and "
                            "rebuilds it)")
    return problems


def verify_notes(store: DataStore) -> list[str]:
    """What `make verify` reports without failing: damaged releases already republished."""
    notes = []
    for version, by in sorted(repaired_releases(store).items()):
        if version in store.list_releases():
            found = verify_release(store, version, check_schemas=False)
            state = "still damaged" if found else "verifies again"
            notes.append(f"{version} was damaged and republished as {by} ({state})")
    return notes


def diff_releases(store: DataStore, a: str, b: str) -> dict:
    """What changed from release a to release b, with the facts named."""
    da, db = (store.read_release_table(v, "documents") for v in (a, b))
    fa, fb = (store.read_release_table(v, "facts") for v in (a, b))
    changes = compute_changes(da, fa, db, fb)
    sa, sb = _fact_signature(fa), _fact_signature(fb)
    statement = dict(zip(fb["fact_id"], fb["statement"], strict=True))
    statement.update({k: v for k, v in zip(fa["fact_id"], fa["statement"], strict=True)
                      if k not in statement})
    changes["facts_added_list"] = [(f, statement[f]) for f in sorted(set(sb) - set(sa))]
    changes["facts_removed_list"] = [(f, statement[f]) for f in sorted(set(sa) - set(sb))]
    changes["facts_changed_list"] = [(f, statement[f]) for f in sorted(set(sa) & set(sb))
                                     if sa[f] != sb[f]]
    # What changed in each: {fact_id: {column: [before, after]}} ("n_documents": [1, 2]).
    changes["facts_changed_fields"] = {
        f: {col: [_plain(old), _plain(new)]
            for col, old, new in zip(FACT_COMPARE_COLUMNS, sa[f], sb[f], strict=True)
            if old != new}
        for f, _ in changes["facts_changed_list"]}
    return changes


def _plain(value: object) -> object:
    """A fact field as JSON can hold it (doc_ids tuples become lists, numpy scalars numbers)."""
    if isinstance(value, tuple):
        return list(value)
    return value.item() if hasattr(value, "item") else value


def refresh_warehouse(store: DataStore) -> Path | None:
    """Rebuild warehouse.duckdb over the releases, verify it, swap it in (`pipeline.warehouse`)."""
    from pipeline.warehouse import refresh_warehouse as refresh

    return refresh(store)
