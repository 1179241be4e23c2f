"""Versioned releases: publish atomically, compare two releases, verify them all.

A release is `releases/vN/` with one Parquet file per table and a `manifest.json`. It is
written in a hidden temporary folder, fsynced, renamed into place, and only then does
`LATEST` move (itself replaced atomically). A crash at any moment leaves `LATEST` on a
complete release; `recover` tidies what a crash left behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.store import DataStore, atomic_write_bytes, fsync_dir, write_parquet
from schemas import SchemaValidationError, to_arrow, validate_table

log = logging.getLogger(__name__)

RELEASE_TABLES = ["documents", "quotes", "figures", "facts", "fact_mentions", "rejections",
                  "stories", "speakers"]
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


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def content_sha256(table: pa.Table) -> str:
    """Hash of a table's content via the Arrow IPC stream: independent of Parquet encoding,
    so a library upgrade that changes file bytes alone does not make a new release."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table.combine_chunks())
    return hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()


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


def validate_release_tables(tables: dict[str, pd.DataFrame]) -> None:
    """Every table against its schema, spans against the documents; raises on the first table."""
    docs = tables["documents"]
    for name in RELEASE_TABLES:
        validate_table(name, tables[name], documents=docs)
    known_docs = set(docs["doc_id"])
    for name in ("quotes", "figures", "fact_mentions"):
        stray = ~tables[name]["doc_id"].isin(known_docs)
        if stray.any():
            cases = tables[name].loc[stray].head(20)
            raise SchemaValidationError(name, cases.assign(check="doc_id in documents"))
    mentions = tables["fact_mentions"]
    ids = set(tables["quotes"]["quote_id"]) | set(tables["figures"]["figure_id"])
    if set(mentions["mention_id"]) != ids:
        missing = sorted(ids - set(mentions["mention_id"]))[:20]
        extra = sorted(set(mentions["mention_id"]) - ids)[:20]
        raise SchemaValidationError("fact_mentions", pd.DataFrame({
            "check": ["every quote and figure has exactly one fact"],
            "failure_case": [f"missing {missing}, unknown {extra}"]}))
    if not set(mentions["fact_id"]) <= set(tables["facts"]["fact_id"]):
        raise SchemaValidationError("fact_mentions", pd.DataFrame({
            "check": ["fact_id in facts"], "failure_case": ["a mention names an unknown fact"]}))


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


def publish_release(
    store: DataStore, tables: dict[str, pd.DataFrame], code_version: str
) -> PublishResult:
    """Validate and publish `tables` as the next release, unless equal to the latest one."""
    validate_release_tables(tables)
    with store.lock():
        for action in recover(store):
            log.warning(action)
        store.releases_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=store.releases_dir))
        tmp.chmod(0o755)
        try:
            return _publish_locked(store, tables, code_version, tmp)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)


def _publish_locked(
    store: DataStore, tables: dict[str, pd.DataFrame], code_version: str, tmp: Path
) -> PublishResult:
    info = {}
    for name in RELEASE_TABLES:
        path = tmp / f"{name}.parquet"
        table = to_arrow(name, tables[name])
        write_parquet(path, table)
        info[name] = {"rows": len(tables[name]), "sha256": file_sha256(path),
                      "content_sha256": content_sha256(table)}
    latest = store.latest_release()
    rows = {n: i["rows"] for n, i in info.items()}
    parent_manifest = store.read_manifest(latest) if latest else None
    if parent_manifest and {
        n: i.get("content_sha256") for n, i in parent_manifest["tables"].items()
    } == {n: i["content_sha256"] for n, i in info.items()}:
        return PublishResult(False, latest, store.release_dir(latest), rows)

    releases = store.list_releases()
    version = f"v{int(releases[-1][1:]) + 1 if releases else 1}"
    old_docs = store.read_release_table(latest, "documents") if latest else None
    old_facts = store.read_release_table(latest, "facts") if latest else None
    changes = compute_changes(old_docs, old_facts, tables["documents"], tables["facts"])
    manifest = {
        "version": version,
        "parent": latest,
        "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "code_version": code_version,
        "tables": info,
        "changes": changes,
    }
    atomic_write_bytes(tmp / "manifest.json", json.dumps(manifest, indent=2).encode())
    fsync_dir(tmp)
    final = store.release_dir(version)
    tmp.rename(final)
    fsync_dir(store.releases_dir)
    atomic_write_bytes(store.releases_dir / "LATEST", f"{version}\n".encode())
    return PublishResult(True, version, final, rows, changes)


def verify_release(store: DataStore, version: str, check_schemas: bool = True) -> list[str]:
    """Problems found in one release (empty when it matches its manifest and schemas)."""
    problems = []
    folder = store.release_dir(version)
    try:
        manifest = store.read_manifest(version)
    except (OSError, json.JSONDecodeError) as exc:
        return [f"{version}: manifest unreadable: {exc}"]
    tables = {}
    for name, meta in manifest.get("tables", {}).items():
        path = folder / f"{name}.parquet"
        if not path.exists():
            problems.append(f"{version}/{name}.parquet: missing")
            continue
        sha = file_sha256(path)
        if sha != meta["sha256"]:
            problems.append(f"{version}/{name}.parquet: sha256 {sha[:12]}… differs from the "
                            f"manifest's {meta['sha256'][:12]}…")
            continue
        try:
            rows = pq.read_metadata(path).num_rows
        except Exception as exc:
            problems.append(f"{version}/{name}.parquet: unreadable: {exc}")
            continue
        if rows != meta["rows"]:
            problems.append(f"{version}/{name}.parquet: {rows} rows, manifest says {meta['rows']}")
        if check_schemas:
            tables[name] = pq.read_table(path).to_pandas()
    if check_schemas and not problems and "documents" in tables:
        for name, df in tables.items():
            try:
                validate_table(name, df, documents=tables["documents"])
            except SchemaValidationError as exc:
                problems.append(f"{version}/{name}.parquet: {str(exc).splitlines()[0]}")
    return problems


def verify_all(store: DataStore) -> list[str]:
    problems = []
    latest = store.latest_release()
    releases = store.list_releases()
    if latest and latest not in releases:
        problems.append(f"LATEST names {latest}, which is not a complete release")
    for version in releases:
        problems.extend(verify_release(store, version))
    return problems


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
    return changes


def refresh_warehouse(store: DataStore) -> Path | None:
    """Rebuild warehouse.duckdb with views over the latest release, then swap it in.

    The new file is built under a temporary name and renamed over the old one: a reader that
    has the old file open keeps reading it, and no reader ever blocks the pipeline.
    """
    import duckdb

    latest = store.latest_release()
    if latest is None:
        return None
    folder = store.release_dir(latest).resolve()
    tmp = store.data_dir / ".warehouse.duckdb.tmp"
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for name in RELEASE_TABLES:
            if not (folder / f"{name}.parquet").exists():
                continue  # a release pinned from before the table existed (stories, speakers)
            path = str(folder / f"{name}.parquet").replace("'", "''")
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
        manifests = str(store.releases_dir.resolve() / "v*" / "manifest.json").replace("'", "''")
        # The first release of a large corpus lists every document under changes: far over
        # read_json's default 16 MB object limit (100,000 documents is about 25 MB).
        con.execute(
            "CREATE VIEW release_history AS SELECT version, CAST(parent AS VARCHAR) AS parent, "
            "CAST(created_at AS VARCHAR) AS created_at, code_version, "
            "tables, changes, (version = "
            f"'{latest}') AS is_latest FROM read_json('{manifests}', format='auto', "
            "union_by_name=true, maximum_object_size=1073741824) "
            "ORDER BY CAST(substr(version, 2) AS INTEGER)"
        )
    finally:
        con.close()
    Path(str(tmp) + ".wal").unlink(missing_ok=True)
    tmp.replace(store.warehouse_path)
    fsync_dir(store.data_dir)
    return store.warehouse_path
