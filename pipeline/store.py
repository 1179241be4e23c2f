"""Where everything lives on disk: stage tables, releases and the DuckDB warehouse.

All file layout knowledge is here (the Dagster resource wraps one `DataStore`). Every write
goes to a temporary file in the same folder, is fsynced, then renamed over the target, so a
reader or a crash never sees half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
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
    # One row per document a per-document stage has processed: how many rows it gave, or
    # the error it raised. Lets incremental runs skip documents that had nothing to extract.
    "quotes_log": pa.schema([("doc_id", pa.string()), ("rows", pa.int64()),
                             ("error", pa.string())]),
    "figures_log": pa.schema([("doc_id", pa.string()), ("rows", pa.int64()),
                              ("error", pa.string())]),
    # The stories index: each document's story (kept across runs, so stories never move) and
    # each original document's features (names, quotes, numbers, terms), reused across runs.
    "document_stories": pa.schema([("doc_id", pa.string()), ("story_id", pa.string())]),
    "story_features": pa.schema([("doc_id", pa.string()), ("features", pa.list_(pa.string()))]),
}


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_parquet(path: Path, table: pa.Table) -> None:
    """Deterministic Parquet (same rows, same bytes) written atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd", write_statistics=True, use_dictionary=True)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class DataStore:
    """The data folder: `stage/` for working tables, `releases/` and `warehouse.duckdb`."""

    def __init__(self, data_dir: Path, inbox: Path, lock_timeout_s: float = 1800) -> None:
        self.data_dir = Path(data_dir)
        self.inbox = Path(inbox)
        self.lock_timeout_s = lock_timeout_s

    @property
    def stage_dir(self) -> Path:
        return self.data_dir / "stage"

    @property
    def releases_dir(self) -> Path:
        return self.data_dir / "releases"

    @property
    def warehouse_path(self) -> Path:
        return self.data_dir / "warehouse.duckdb"

    @property
    def lock_path(self) -> Path:
        return self.data_dir / ".newsfacts.lock"

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

    def write_stage(self, name: str, df: pd.DataFrame, version: str) -> Path:
        """Store a stage table, stamped with the code version that produced it."""
        table = self._arrow(name, df)
        path = self.stage_path(name)
        write_parquet(path, table.replace_schema_metadata({VERSION_KEY: version.encode()}))
        return path

    def read_stage(self, name: str) -> pd.DataFrame:
        """A stage table as pandas; an empty frame with the right columns when never written."""
        path = self.stage_path(name)
        schema = ARROW_SCHEMAS.get(name) or STAGE_SCHEMAS[name]
        if not path.exists():
            return schema.empty_table().to_pandas()
        return pq.read_table(path).to_pandas()

    def stage_version(self, name: str) -> str | None:
        path = self.stage_path(name)
        if not path.exists():
            return None
        meta = pq.read_schema(path).metadata or {}
        value = meta.get(VERSION_KEY)
        return value.decode() if value else None

    def read_stage_if_version(self, name: str, version: str) -> pd.DataFrame | None:
        """The stored stage table when it was made by `version` of the code, else None."""
        if self.stage_version(name) != version:
            return None
        return self.read_stage(name)

    def remove_temporary_files(self) -> int:
        """Delete half-written files a killed run left behind (never read, only tidied)."""
        removed = 0
        for folder in (self.stage_dir, self.data_dir):
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
                removed += 1
        return removed

    # -- releases ----------------------------------------------------------------------------
    def latest_release(self) -> str | None:
        try:
            name = (self.releases_dir / "LATEST").read_text().strip()
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

    def read_release_table(
        self, version: str, name: str, columns: list[str] | None = None
    ) -> pd.DataFrame:
        path = self.release_dir(version) / f"{name}.parquet"
        return pq.read_table(path, columns=columns).to_pandas()
