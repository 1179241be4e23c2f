"""Where everything lives on disk: stage tables, releases and the DuckDB warehouse.

All file layout knowledge is here (the Dagster resource wraps one `DataStore`). Every write
goes to a temporary file in the same folder, is fsynced, then renamed over the target, so a
reader or a crash never sees half a file.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.lock import data_lock
from schemas import ARROW_SCHEMAS, to_arrow

VERSION_KEY = b"newsfacts_stage_version"

# Stage tables that are not release tables, with their Arrow types.
STAGE_SCHEMAS: dict[str, pa.Schema] = {
    "inbox": pa.schema([("source", pa.string()), ("size", pa.int64()),
                        ("mtime_ns", pa.int64()), ("source_sha256", pa.string())]),
    # Inbox entries that cannot be read at all (not regular files, names that are not UTF-8).
    "inbox_unreadable": pa.schema([("source", pa.string()), ("source_sha256", pa.string()),
                                   ("reason", pa.string()), ("detail", pa.string())]),
    # Near-duplicate fingerprints (e.g. MinHash) per document, reused across runs.
    "doc_signatures": pa.schema([("doc_id", pa.string()), ("signature", pa.binary())]),
    # The fingerprints of each document's short (candidate chrome) lines, before the outlet pass,
    # and the outlet they count under; their counts say which lines are an outlet's chrome.
    "doc_lines": pa.schema([("doc_id", pa.string()), ("outlet", pa.string()),
                            ("line_hash", pa.int64())]),
    # One row per document a per-document stage has processed: how many rows it gave, or
    # the error it raised. Lets incremental runs skip documents that had nothing to extract.
    "quotes_log": pa.schema([("doc_id", pa.string()), ("rows", pa.int64()),
                             ("error", pa.string())]),
    "figures_log": pa.schema([("doc_id", pa.string()), ("rows", pa.int64()),
                              ("error", pa.string()),
                              # sentences dropped on an extractor error; the document stays
                              ("warning", pa.string())]),
    # The stories index: each document's story (kept across runs, so stories never move), and
    # per story its features' summed weights and member counts (document frequencies, centroids).
    "document_stories": pa.schema([("doc_id", pa.string()), ("story_id", pa.string())]),
    "story_index": pa.schema([("story_id", pa.string()), ("feature", pa.string()),
                              ("weight", pa.float64()), ("holders", pa.int64())]),
    # The facts stage's memory for incremental builds (pipeline/core/facts/incremental.py):
    # per story the digests of its quote and figure inputs, per 3-word quote run its count.
    "fact_state": pa.schema([("story_id", pa.string()), ("quote_digest", pa.string()),
                             ("figure_digest", pa.string())]),
    "fact_keys": pa.schema([("key", pa.string()), ("count", pa.int64())]),
}


# Stage tables kept as parts (docs/storage.md): per table, the key a removed or changed row is
# found by, and the columns the table is read back in (the order the stage wrote it in before
# parts, so readers see the same frame). `stage/<name>.parquet` is then the index of live
# parts, `stage/<name>.parts/<sha256>.parquet` the parts; the other tables are one file each.
STAGE_PARTS: dict[str, tuple[str, list[str]]] = {
    "documents": ("doc_id", ["doc_id"]),
    "quotes": ("doc_id", ["doc_id", "start", "quote_id"]),
    "figures": ("doc_id", ["doc_id", "start", "figure_id"]),
    "quotes_log": ("doc_id", ["doc_id"]),
    "figures_log": ("doc_id", ["doc_id"]),
    "doc_signatures": ("doc_id", ["doc_id"]),
    # Written whole by their stages each run, stored through `update_stage`: only the rows
    # that changed become a new part.
    "inbox": ("source", ["source"]),
    "rejections": ("source", ["source"]),
    "doc_lines": ("doc_id", ["doc_id", "line_hash"]),
}
# Rows per part of a whole-table write or a compaction: documents carry the text (about 3 KB
# a row), so fewer of them make a part of a few MB; the other tables have short rows.
STAGE_PART_ROWS: dict[str, int] = {"documents": 2_000}
DEFAULT_STAGE_PART_ROWS = 50_000
# Small parts (under half the target rows) are merged once there are this many.
COMPACT_FANIN = 8
PARTS_SUFFIX = ".parts"
# In a table's parts folder: {part: [size, mtime_ns]} of the parts last known good, so the check
# at each run's start hashes only parts whose stat changed (`make verify` hashes them all).
STAT_FILE = "stat.json"
LAYOUT_KEY = b"newsfacts_stage_layout"
LAYOUT_PARTS = b"parts-1"
INDEX_SCHEMA = pa.schema([("part", pa.string()), ("rows", pa.int64()),
                          ("dead", pa.list_(pa.string()))])


@dataclass(frozen=True)
class PartEntry:
    """One live part in a stage table's index: its file's sha256, its rows, and the keys of
    its rows that are dead (removed or replaced by a later part)."""

    part: str
    rows: int
    dead: tuple[str, ...]


def _entries_of(index: pa.Table) -> list[PartEntry] | None:
    """The index's parts, or None when the file is not an index (a one-file table)."""
    if (index.schema.metadata or {}).get(LAYOUT_KEY) != LAYOUT_PARTS:
        return None
    return [PartEntry(p, r, tuple(d or ())) for p, r, d in zip(
        index.column("part").to_pylist(), index.column("rows").to_pylist(),
        index.column("dead").to_pylist(), strict=True)]


def _in_order(name: str, table: pa.Table) -> pa.Table:
    """A parted table's rows in its read order (Arrow's sort is stable)."""
    keys = [k for k in STAGE_PARTS[name][1] if k in table.column_names]
    if table.num_rows < 2:
        return table.combine_chunks()
    return table.sort_by([(k, "ascending") for k in keys]).combine_chunks()


def _key_digests(df: pd.DataFrame, key: str) -> dict[str, tuple[int, int, int]]:
    """Per key: (rows, sum, xor) of its rows' hashes, so any change to a key's rows (order
    aside) changes its digest."""
    if df.empty:
        return {}
    hashes = pd.util.hash_pandas_object(df.reset_index(drop=True), index=False).to_numpy()
    keys = df[key].to_numpy(dtype=object)
    order = np.argsort(keys, kind="stable")
    keys, hashes = keys[order], hashes[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    counts = np.diff(np.r_[starts, len(keys)])
    total = np.add.reduceat(hashes, starts)  # wraps modulo 2**64
    xor = np.bitwise_xor.reduceat(hashes, starts)
    return {k: (int(n), int(t), int(x)) for k, n, t, x in zip(
        keys[starts], counts, total, xor, strict=True)}


def _stat_of(path: Path) -> list[int] | None:
    """[size, mtime_ns] of a file, None when it cannot be examined."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _hash_or_none(path: Path) -> str | None:
    try:
        return file_sha256(path)
    except OSError:
        return None


class DiskFull(OSError):
    """No space left while writing a file of the data folder; the file was left unchanged."""


def is_disk_full(exc: BaseException) -> bool:
    """ENOSPC or EDQUOT, also when a library (pyarrow, SQLite) only says so in the message."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc).lower()
    return "no space left on device" in text or "database or disk is full" in text \
        or "disk quota exceeded" in text


def raise_if_disk_full(path: Path, exc: BaseException) -> None:
    """Raise DiskFull naming `path` (caused by `exc`) when `exc` says the disk is full; else
    return, and the caller re-raises `exc` itself (`raise`), with its own traceback."""
    if is_disk_full(exc) and not isinstance(exc, DiskFull):
        raise _disk_full(path, exc) from exc


def _disk_full(path: Path, exc: BaseException) -> DiskFull:
    return DiskFull(errno.ENOSPC, f"no space left on the disk holding {path.parent} while "
                    f"writing {path.name}; nothing was replaced. Free some space and run again",
                    str(path))


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _temporary(target: Path) -> Iterator[Path]:
    """A temporary file beside `target` (so the rename onto it is atomic), deleted when the
    block fails; a full disk is reported as DiskFull naming `target`. The block renames the
    file into place (`_settle`) or deletes it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if is_disk_full(exc) and not isinstance(exc, DiskFull):
            raise _disk_full(target, exc) from exc
        raise


def _settle(tmp: Path, target: Path, before_replace: Callable[[Path], None] | None = None
            ) -> None:
    """fsync the finished temporary file, rename it over `target`, fsync the folder."""
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o644)
    if before_replace is not None:
        before_replace(tmp)
    os.replace(tmp, target)
    fsync_dir(target.parent)


def atomic_write_bytes(path: Path, data: bytes | Iterable[bytes]) -> int:
    """Write `data` (bytes, or pieces of it written one after another) atomically; returns the
    bytes written."""
    size = 0
    with _temporary(path) as tmp:
        with open(tmp, "wb") as fh:
            for piece in [data] if isinstance(data, bytes | bytearray) else data:
                size += fh.write(piece)
        _settle(tmp, path)
    return size


def put_addressed(folder: Path, table: pa.Table) -> tuple[str, int]:
    """Write `table` as deterministic Parquet named by the sha256 of its bytes
    (`folder/<sha256>.parquet`); returns (sha256, bytes written). A file with the same bytes
    already in place and intact is kept (0 bytes); a damaged one is replaced."""
    with _temporary(folder / "part.parquet") as tmp:
        pq.write_table(table, tmp, compression="zstd", write_statistics=True, use_dictionary=True)
        sha = file_sha256(tmp)
        target = folder / f"{sha}.parquet"
        if _hash_or_none(target) == sha:
            tmp.unlink()
            return sha, 0
        size = tmp.stat().st_size
        _settle(tmp, target)
        return sha, size


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_parquet(
    path: Path, table: pa.Table, before_replace: Callable[[Path], None] | None = None
) -> None:
    """Deterministic Parquet (same rows, same bytes) written atomically. `before_replace` sees
    the finished temporary file just before it is renamed into place (to record its hash)."""
    with _temporary(path) as tmp:
        pq.write_table(table, tmp, compression="zstd", write_statistics=True, use_dictionary=True)
        _settle(tmp, path, before_replace)


HASH_SUFFIX = ".sha256"


class StageDamaged(RuntimeError):
    """A stage table cannot be read; names the file (the next run drops and rebuilds it)."""


@dataclass(frozen=True)
class StageCheck:
    """What the start-of-run check found for one stage file and what it did about it."""

    path: Path
    status: str  # "ok", "recorded" (no hash yet, read fine), "damaged"
    detail: str = ""


def _hash_path(path: Path) -> Path:
    return path.with_name(path.name + HASH_SUFFIX)


class DataStore:
    """The data folder: `stage/` for working tables, `releases/` and `warehouse.duckdb`."""

    def __init__(self, data_dir: Path, inbox: Path, lock_timeout_s: float = 1800) -> None:
        self.data_dir = Path(data_dir)
        self.inbox = Path(inbox)
        self.lock_timeout_s = lock_timeout_s
        # Where each piece of the data folder lives (fixed by `data_dir`).
        self.stage_dir = self.data_dir / "stage"
        self.releases_dir = self.data_dir / "releases"
        self.warehouse_path = self.data_dir / "warehouse.duckdb"
        self.lock_path = self.data_dir / ".newsfacts.lock"
        # Content-addressed Parquet files (`<sha256 of the file>.parquet`) that release tables
        # are hard links to: a part unchanged since an earlier release is the same file.
        self.objects_dir = self.data_dir / "objects"
        self._written_parts: dict[str, set[str]] = {}  # per table, parts written since its index

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive write access to the data folder (see pipeline.lock)."""
        with data_lock(self.lock_path, self.lock_timeout_s):
            yield

    # -- stage tables ---------------------------------------------------------------------
    def stage_path(self, name: str) -> Path:
        return self.stage_dir / f"{name}.parquet"

    def _arrow(self, name: str, df: pd.DataFrame) -> pa.Table:
        if name in ARROW_SCHEMAS:
            return to_arrow(name, df)
        schema = STAGE_SCHEMAS[name]
        return pa.Table.from_pandas(df.reindex(columns=schema.names), schema=schema,
                                    preserve_index=False)

    def _write_recorded(self, path: Path, table: pa.Table, version: str) -> None:
        """Write a stage file stamped with `version` and record its sha256 next to it
        (`<name>.parquet.sha256`) so the next run can tell it is intact."""
        current = self._recorded_hashes(path)

        def record(tmp: Path) -> None:
            # Written before the rename: a crash between the two leaves the old file, which
            # still matches `previous`, so it is not taken for damage.
            entry = {"sha256": file_sha256(tmp), "previous": current[0] if current else None}
            atomic_write_bytes(_hash_path(path), json.dumps(entry).encode())

        meta = {**(table.schema.metadata or {}), VERSION_KEY: version.encode()}
        write_parquet(path, table.replace_schema_metadata(meta), before_replace=record)

    def write_stage(self, name: str, df: pd.DataFrame, version: str) -> Path:
        """Store a whole stage table, stamped with the code version that produced it. A parted
        table (STAGE_PARTS) becomes parts of at most its target rows plus an index; parts whose
        bytes are already on disk are not written again."""
        table = self._arrow(name, df)
        path = self.stage_path(name)
        self.stage_dir.mkdir(parents=True, exist_ok=True)  # a file in its place: FileExistsError
        if name not in STAGE_PARTS:
            self._write_recorded(path, table, version)
            return path
        table = _in_order(name, table)
        target = STAGE_PART_ROWS.get(name, DEFAULT_STAGE_PART_ROWS)
        entries = [self._put_part(name, table.slice(i, target))
                   for i in range(0, table.num_rows, target)]
        self._write_index(name, entries, version)
        return path

    def append_stage(self, name: str, new: pd.DataFrame, version: str,
                     removed: Iterable[str] = ()) -> Path:
        """Add `new` rows to parted table `name` (stored at `version`) as one new part; the
        stored rows whose key is in `removed` or among the new rows' keys become dead in the
        index (their parts are not rewritten). Small parts are compacted now and then. The
        stored table of an older layout (one file) is read and rewritten as parts."""
        key = STAGE_PARTS[name][0]
        stored = self.stage_version(name)
        if stored is not None and stored != version:
            raise ValueError(f"stage/{name}.parquet holds version {stored}, not {version}: "
                             "write the whole table with write_stage")
        drop = set(removed) | set(new[key])
        entries = self._index_entries(name)
        if entries is None:  # never written, or the one-file layout before parts: rewrite
            old = self.read_stage(name)
            old = old[~old[key].isin(drop)]
            frames = [f for f in (old, new) if not f.empty] or [new]
            return self.write_stage(name, pd.concat(frames, ignore_index=True), version)
        if drop:
            wanted = pa.array(sorted(drop), pa.string())
            marked = []
            for entry in entries:
                keys = self._read_part(name, entry.part, columns=[key]).column(key)
                hit = pc.unique(keys.filter(pc.is_in(keys, value_set=wanted))).to_pylist()
                marked.append(PartEntry(entry.part, entry.rows,
                                        tuple(sorted(set(entry.dead) | set(hit)))))
            entries = marked
        if len(new):
            entries.append(self._put_part(name, _in_order(name, self._arrow(name, new))))
        self._write_index(name, self._compact(name, entries), version)
        return self.stage_path(name)

    def update_stage(self, name: str, df: pd.DataFrame, version: str) -> Path:
        """Store the whole table `df` of parted table `name`, writing only what changed: the
        rows of keys whose rows differ from the stored ones (new, changed) as one new part, and
        the stored keys `df` lacks as dead keys (`append_stage`). Compared by a digest of each
        key's rows, so the stored table reads back as `df` (in key order). Example: one new
        inbox file adds a part of one row; a removed one adds its name to a dead list."""
        key = STAGE_PARTS[name][0]
        if self.stage_version(name) != version or self._index_entries(name) is None:
            return self.write_stage(name, df, version)
        df = self._arrow(name, df).to_pandas()  # the types the stored rows read back in
        old, new = _key_digests(self.read_stage(name), key), _key_digests(df, key)
        changed = {k for k, d in new.items() if old.get(k) != d}
        fresh = df[df[key].isin(changed)] if changed else df.iloc[:0]
        return self.append_stage(name, fresh, version, removed=set(old) - set(new))

    # -- parts of a stage table ----------------------------------------------------------
    def parts_dir(self, name: str) -> Path:
        return self.stage_dir / f"{name}{PARTS_SUFFIX}"

    def _part_path(self, name: str, part: str) -> Path:
        return self.parts_dir(name) / f"{part}.parquet"

    def _put_part(self, name: str, table: pa.Table) -> PartEntry:
        """Write rows as a content-addressed part (`<sha256 of the file>.parquet`); a part with
        the same bytes already in place and intact is kept."""
        sha, _ = put_addressed(self.parts_dir(name), table.replace_schema_metadata(None))
        self._written_parts.setdefault(name, set()).add(sha)  # its bytes hashed just now
        return PartEntry(sha, table.num_rows, ())

    def _read_part(self, name: str, part: str, columns: list[str] | None = None) -> pa.Table:
        path = self._part_path(name, part)
        try:
            return pq.read_table(path, columns=columns)
        except (OSError, pa.ArrowException) as exc:
            raise StageDamaged(f"{path} cannot be read ({exc}); the next run drops and "
                               f"rebuilds {name} from the inbox") from exc

    def _index_entries(self, name: str) -> list[PartEntry] | None:
        """The live parts of `name`, or None when it has no index (never written, or a table
        in the one-file layout from before parts)."""
        path = self.stage_path(name)
        if not path.exists():
            return None
        try:
            index = pq.read_table(path)
        except (OSError, pa.ArrowException) as exc:
            raise StageDamaged(f"{path} cannot be read ({exc}); the next run drops and "
                               "rebuilds it from the inbox") from exc
        return _entries_of(index)

    def _write_index(self, name: str, entries: list[PartEntry], version: str) -> None:
        """The index names the live parts; it is written (atomically, hash recorded) after the
        parts, and only then are parts no index names deleted, so a crash at any point leaves a
        complete table: the old one or the new."""
        table = pa.table({"part": [e.part for e in entries], "rows": [e.rows for e in entries],
                          "dead": [list(e.dead) for e in entries]}, schema=INDEX_SCHEMA)
        path = self.stage_path(name)
        self._write_recorded(path, table.replace_schema_metadata({LAYOUT_KEY: LAYOUT_PARTS}),
                             version)
        live = {e.part for e in entries}
        for file in self.parts_dir(name).glob("*.parquet"):
            if file.stem not in live:
                file.unlink(missing_ok=True)
        # The stat of each part whose bytes are known good: just written, or unchanged since
        # its stat was recorded. The start-of-run check trusts a part whose stat still matches.
        folder, before = self.parts_dir(name), self._part_stats(name)
        written = self._written_parts.pop(name, set())
        stats = {}
        for part in sorted(live):
            now = _stat_of(folder / f"{part}.parquet")
            if now is not None and (part in written or before.get(part) == now):
                stats[part] = now
        if folder.is_dir():
            atomic_write_bytes(folder / STAT_FILE, json.dumps(stats).encode())

    def _compact(self, name: str, entries: list[PartEntry]) -> list[PartEntry]:
        """Merge small parts once there are COMPACT_FANIN of them, and rewrite a part that is
        mostly dead rows. Decided from the index alone, so the same history gives the same
        parts. Example: eight one-article runs leave eight parts of one document; the eighth
        run merges them into one part of eight documents."""
        key = STAGE_PARTS[name][0]
        target = STAGE_PART_ROWS.get(name, DEFAULT_STAGE_PART_ROWS)
        entries = [e for e in entries if e.rows > len(e.dead)]  # wholly dead: just forgotten
        small = [e for e in entries if e.rows - len(e.dead) < target // 2]
        dying = [e for e in entries if e not in small and 2 * len(e.dead) > e.rows]
        if len(small) < COMPACT_FANIN:
            small = []
        rewrite = small + dying
        if not rewrite:
            return entries
        kept = [e for e in entries if e not in rewrite]
        tables = []
        for entry in rewrite:
            table = self._read_part(name, entry.part)
            if entry.dead:
                table = table.filter(pc.invert(pc.is_in(
                    table.column(key), value_set=pa.array(entry.dead, pa.string()))))
            tables.append(table)
        merged = _in_order(name, pa.concat_tables(tables))
        return kept + [self._put_part(name, merged.slice(i, target))
                       for i in range(0, merged.num_rows, target)]

    def read_stage_arrow(self, name: str, columns: list[str] | None = None) -> pa.Table | None:
        """A stage table as Arrow (live rows of its parts, in its key order), None when never
        written. A part that vanished while it was read (a run that holds the lock replaced the
        table: the sensor reads without it) makes it read the new index again."""
        for attempt in range(3):
            try:
                return self._read_live(name, columns)
            except StageDamaged as exc:
                if attempt == 2 or not isinstance(exc.__cause__, FileNotFoundError):
                    raise
        return None  # not reached

    def _read_live(self, name: str, columns: list[str] | None) -> pa.Table | None:
        entries = self._index_entries(name)
        if entries is None:
            path = self.stage_path(name)
            if not path.exists():
                return None
            return pq.read_table(path, columns=columns)  # the one-file layout before parts
        schema = ARROW_SCHEMAS.get(name) or STAGE_SCHEMAS[name]
        if not entries:
            empty = schema.empty_table()
            return empty.select(columns) if columns else empty
        key = STAGE_PARTS[name][0]
        wanted = None if columns is None else list(dict.fromkeys(
            [*columns, key, *STAGE_PARTS[name][1]]))
        tables = []
        for entry in entries:
            table = self._read_part(name, entry.part, columns=wanted)
            if entry.dead:
                table = table.filter(pc.invert(pc.is_in(
                    table.column(key), value_set=pa.array(entry.dead, pa.string()))))
            tables.append(table)
        table = _in_order(name, pa.concat_tables(tables))
        return table.select(columns) if columns else table

    def stage_chunks(self, name: str, rows: int = 50_000) -> Callable[[], Iterator[pd.DataFrame]]:
        """A function yielding the live rows of a stage table as frames of at most `rows` rows
        (part by part, or record batches of a one-file table), in no particular order: what
        `publish_release` streams a table from. Nothing is read until it is called."""
        def chunks() -> Iterator[pd.DataFrame]:
            entries = self._index_entries(name)
            path = self.stage_path(name)
            if entries is None and path.exists():  # one file
                for batch in pq.ParquetFile(path).iter_batches(batch_size=rows):
                    yield batch.to_pandas()
                return
            key = STAGE_PARTS[name][0] if name in STAGE_PARTS else None
            for entry in entries or ():
                table = self._read_part(name, entry.part)
                if entry.dead:
                    table = table.filter(pc.invert(pc.is_in(
                        table.column(key), value_set=pa.array(entry.dead, pa.string()))))
                for batch in table.to_batches(max_chunksize=rows):
                    yield batch.to_pandas()
        return chunks

    def read_stage(self, name: str) -> pd.DataFrame:
        """A stage table as pandas; an empty frame with the right columns when never written."""
        path = self.stage_path(name)
        schema = ARROW_SCHEMAS.get(name) or STAGE_SCHEMAS[name]
        if not path.exists():
            return schema.empty_table().to_pandas()
        if name in STAGE_PARTS:
            return self.read_stage_arrow(name).to_pandas()
        try:
            return pq.read_table(path).to_pandas()
        except (OSError, pa.ArrowException) as exc:
            raise StageDamaged(f"{path} cannot be read ({exc}); the next run drops and "
                               "rebuilds it from the inbox") from exc

    def stage_version(self, name: str) -> str | None:
        path = self.stage_path(name)
        if not path.exists():
            return None
        try:
            meta = pq.read_schema(path).metadata or {}
        except (OSError, pa.ArrowException):
            return None  # unreadable: treated as absent, so the stage is computed again
        value = meta.get(VERSION_KEY)
        return value.decode() if value else None

    # -- stage integrity ---------------------------------------------------------------------
    @staticmethod
    def _recorded_hashes(path: Path) -> tuple[str, ...] | None:
        """The hashes a stage file may have: the one recorded at its last write and, while a
        write may have been cut short, the one before. None when nothing (valid) is recorded."""
        try:
            entry = json.loads(_hash_path(path).read_text())
            return tuple(h for h in (entry["sha256"], entry.get("previous")) if h)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def check_stage(self, repair: bool = False, full: bool = False) -> list[StageCheck]:
        """Every stage file against its recorded sha256. A file with no hash yet is read in full
        and, if it reads, its hash is recorded (with `repair`). A part whose size and mtime are
        the ones recorded when it was known good is not hashed again, unless `full`. A damaged
        file (hash differs, or unreadable without a hash) is deleted with `repair`: the stage
        that writes it recomputes it from its inputs, and in the end from the inbox."""
        if not self.stage_dir.is_dir():
            return []
        found = [self._check_file(path, repair, full)
                 for path in sorted(self.stage_dir.glob("*.parquet"))]
        if repair:
            for check in found:
                if check.status == "damaged":
                    check.path.unlink(missing_ok=True)
                    _hash_path(check.path).unlink(missing_ok=True)
                    shutil.rmtree(check.path.with_suffix(PARTS_SUFFIX), ignore_errors=True)
            for orphan in self.stage_dir.glob(f"*.parquet{HASH_SUFFIX}"):
                if not orphan.with_suffix("").exists():
                    orphan.unlink(missing_ok=True)
            for folder in self.stage_dir.glob(f"*{PARTS_SUFFIX}"):
                if not folder.with_suffix(".parquet").exists():
                    shutil.rmtree(folder, ignore_errors=True)  # parts of a dropped table
        return found

    def _check_file(self, path: Path, repair: bool, full: bool = False) -> StageCheck:
        """One stage file: its bytes against the recorded sha256 (or, with none recorded, read
        in full), then the parts its index names. With `repair` the hash is recorded when there
        was none, or when an interrupted write left the file before the last one."""
        recorded = self._recorded_hashes(path)
        try:
            sha = file_sha256(path)
        except OSError as exc:
            return StageCheck(path, "damaged", f"cannot be read: {exc}")
        if recorded is not None and sha not in recorded:
            return StageCheck(path, "damaged", f"sha256 {sha[:12]}… is not the recorded "
                              f"{recorded[0][:12]}…")
        if recorded is None:
            try:
                pq.read_table(path)
            except (OSError, pa.ArrowException) as exc:
                return StageCheck(path, "damaged", "unreadable Parquet and no recorded hash: "
                                  f"{str(exc).splitlines()[0]}")
        if problem := self._parts_problem(path, full):
            return StageCheck(path, "damaged", problem)
        if repair and (recorded is None or sha != recorded[0]):
            atomic_write_bytes(_hash_path(path), json.dumps({"sha256": sha}).encode())
        if recorded is None:
            return StageCheck(path, "recorded", "no hash was recorded; it reads, so its sha256 "
                              "is recorded now")
        return StageCheck(path, "ok")

    def _part_stats(self, name: str) -> dict[str, list[int]]:
        try:
            stats = json.loads((self.parts_dir(name) / STAT_FILE).read_text())
        except (OSError, ValueError):
            return {}
        return stats if isinstance(stats, dict) else {}

    def _parts_problem(self, path: Path, full: bool = False) -> str | None:
        """What is wrong with the parts an index names (missing, or bytes that no longer hash
        to their name), or None; None also for a one-file table. Parts whose stat matches the
        recorded one are not hashed unless `full`."""
        try:
            entries = _entries_of(pq.read_table(path))
        except (OSError, pa.ArrowException) as exc:
            return f"unreadable index: {str(exc).splitlines()[0]}"
        stats = {} if full or not entries else self._part_stats(path.stem)
        for entry in entries or ():
            part = path.with_suffix(PARTS_SUFFIX) / f"{entry.part}.parquet"
            where = f"{part.parent.name}/{part.name[:12]}…"
            now = _stat_of(part)
            if now is None:
                return f"part {where} is missing"
            if stats.get(entry.part) == now:
                continue
            sha = _hash_or_none(part)
            if sha is None:
                return f"part {where} is missing"
            if sha != entry.part:
                return f"part {where} has sha256 {sha[:12]}…, not its name"
        return None

    def read_stage_if_version(self, name: str, version: str) -> pd.DataFrame | None:
        """The stored stage table when it was made by `version` of the code, else None."""
        if self.stage_version(name) != version:
            return None
        return self.read_stage(name)

    def remove_temporary_files(self) -> int:
        """Delete half-written files a killed run left behind (never read, only tidied)."""
        removed = 0
        folders = [self.stage_dir, self.data_dir, self.objects_dir]
        if self.stage_dir.is_dir():
            folders += sorted(self.stage_dir.glob(f"*{PARTS_SUFFIX}"))
        for folder in folders:
            if folder.is_dir():
                for path in folder.glob(".*.tmp"):
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed

    def clear_stage(self) -> int:
        """Forget every cached stage table (a full rebuild); releases are untouched."""
        removed = 0
        if self.stage_dir.is_dir():
            for path in self.stage_dir.glob("*.parquet"):
                path.unlink()
                _hash_path(path).unlink(missing_ok=True)
                removed += 1
            for folder in self.stage_dir.glob(f"*{PARTS_SUFFIX}"):
                shutil.rmtree(folder, ignore_errors=True)
        return removed

    # -- releases ----------------------------------------------------------------------------
    def latest_release(self) -> str | None:
        try:
            name = (self.releases_dir / "LATEST").read_bytes().decode("utf-8", "replace").strip()
        except FileNotFoundError:
            return None
        return name or None

    def release_dir(self, version: str) -> Path:
        return self.releases_dir / version

    def list_releases(self) -> list[str]:
        """Complete release folders (vN with a manifest), oldest first."""
        if not self.releases_dir.is_dir():
            return []
        found = [p.name for p in self.releases_dir.iterdir()
                 if p.is_dir() and p.name[:1] == "v" and p.name[1:].isdigit()
                 and (p / "manifest.json").exists()]
        return sorted(found, key=lambda v: int(v[1:]))

    def read_manifest(self, version: str) -> dict:
        return json.loads((self.release_dir(version) / "manifest.json").read_text())

    def release_table_files(self, version: str, name: str) -> list[Path]:
        """The Parquet files of one release table, in part order: `vN/<table>/part-*.parquet`
        (contract v2), or the single `vN/<table>.parquet` of a v1 release. Empty when the
        release has no such table (a release from before the table existed)."""
        folder = self.release_dir(version)
        parts = folder / name
        if parts.is_dir():
            return sorted(p for p in parts.iterdir()
                          if p.name.startswith("part-") and p.name.endswith(".parquet"))
        single = folder / f"{name}.parquet"
        return [single] if single.exists() else []

    def read_release_arrow(
        self, version: str, name: str, columns: list[str] | None = None
    ) -> pa.Table:
        """A release table as one Arrow table, rows in the order it was published (its parts
        concatenated and sorted by the table's key, `RELEASE_SORT_KEYS`)."""
        files = self.release_table_files(version, name)
        if not files:
            raise FileNotFoundError(f"{self.release_dir(version)} has no table {name}")
        table = pa.concat_tables([pq.read_table(f, columns=columns) for f in files],
                                 promote_options="default")
        table = table.replace_schema_metadata(None)
        schema = ARROW_SCHEMAS.get(name)
        if schema is not None and set(table.column_names) <= set(schema.names):
            # Parquet names a list's item `element`; the schema's (and the hash's) is `item`.
            with contextlib.suppress(pa.ArrowException):  # an older release's types stay
                table = table.cast(pa.schema([schema.field(c) for c in table.column_names]))
        return canonical_order(name, table)

    def read_release_table(
        self, version: str, name: str, columns: list[str] | None = None
    ) -> pd.DataFrame:
        return self.read_release_arrow(version, name, columns).to_pandas()

    # -- shared release objects -------------------------------------------------------------
    def object_path(self, sha256: str) -> Path:
        return self.objects_dir / f"{sha256}.parquet"

    def good_object(self, sha256: str) -> Path | None:
        """The object with these bytes, when it exists and its bytes still hash to its name."""
        path = self.object_path(sha256)
        try:
            return path if file_sha256(path) == sha256 else None
        except OSError:
            return None

    def put_object(self, table: pa.Table) -> tuple[str, int]:
        """Write `table` as a deterministic Parquet object; returns (sha256, bytes written).
        An object with the same bytes already in place and intact is kept (0 bytes counted);
        a damaged one is replaced by a new file, so links to the damaged bytes stay as they
        were (evidence) and new links get good bytes."""
        return put_addressed(self.objects_dir, table)

    def link_object(self, sha256: str, target: Path) -> int:
        """Put object `sha256` at `target` as a hard link; a copy where links fail (another
        file system, no link support, too many links). Returns bytes copied (0 for a link)."""
        source = self.object_path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
            return 0
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP,
                                 errno.EOPNOTSUPP, errno.EACCES):
                raise
        try:
            shutil.copyfile(source, target)
            with open(target, "rb+") as fh:
                os.fsync(fh.fileno())
        except BaseException as exc:
            target.unlink(missing_ok=True)
            if is_disk_full(exc) and not isinstance(exc, DiskFull):
                raise _disk_full(target, exc) from exc
            raise
        return os.path.getsize(target)


# The key every release table is sorted by when published (and again when its parts are read
# back), so the content hash does not depend on how the table is split into parts.
RELEASE_SORT_KEYS: dict[str, list[str]] = {
    "documents": ["doc_id"],
    "quotes": ["doc_id", "start", "quote_id"],
    "figures": ["doc_id", "start", "figure_id"],
    "facts": ["fact_id"],
    "fact_mentions": ["mention_id", "fact_id"],
    "rejections": ["source"],
    "stories": ["story_id"],
    "speakers": ["speaker"],
}


def canonical_order(name: str, table: pa.Table) -> pa.Table:
    """`table` sorted by its key columns (those present); Arrow's sort is stable."""
    keys = [k for k in RELEASE_SORT_KEYS.get(name, []) if k in table.column_names]
    if not keys or table.num_rows < 2:
        return table.combine_chunks()
    return table.sort_by([(k, "ascending") for k in keys]).combine_chunks()
