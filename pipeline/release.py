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
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)
import pyarrow.parquet as pq

from pipeline.store import (
    DataStore,
    atomic_write_bytes,
    canonical_order,
    file_sha256,
    fsync_dir,
    write_parquet,
)
from schemas import RELEASED_TABLES, SchemaValidationError, to_arrow, validate_table

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


def split_parts(name: str, table: pa.Table) -> list[tuple[str, pa.Table]]:
    """(file name, rows) per non-empty part, rows in the table's order; an empty table is one
    empty part, so its schema is still on disk."""
    key = PART_KEYS.get(name)
    n_parts = parts_for(name, table.num_rows) if key else 1
    if n_parts == 1:
        return [(part_name(0, 1), table)]
    buckets = pa.array([bucket_hash(k) % n_parts for k in table.column(key).to_pylist()],
                       pa.int32())
    out = []
    for b in sorted(set(buckets.to_pylist())):
        rows = table.filter(pa.compute.equal(buckets, b))
        out.append((part_name(b, n_parts), rows.combine_chunks()))
    return out


def known_parts(manifest: dict | None) -> dict[str, str]:
    """content sha256 of a part → file sha256 (the object), from a release's manifest."""
    out: dict[str, str] = {}
    for meta in (manifest or {}).get("tables", {}).values():
        for part in meta.get("parts", []) if isinstance(meta, dict) else []:
            if part.get("content_sha256") and part.get("sha256"):
                out[part["content_sha256"]] = part["sha256"]
    return out


def _publish_locked(
    store: DataStore, tables: dict[str, pd.DataFrame], code_version: str, tmp: Path
) -> PublishResult:
    arrow = {name: canonical_order(name, to_arrow(name, tables[name])) for name in RELEASE_TABLES}
    content = {name: content_sha256(t) for name, t in arrow.items()}
    rows = {name: t.num_rows for name, t in arrow.items()}
    latest = store.latest_release()
    repair = pending_repair(store)
    parent_manifest = _manifest_or_none(store, latest)
    if parent_manifest and repair is None and {
        n: i.get("content_sha256") for n, i in parent_manifest["tables"].items()
    } == content:
        return PublishResult(False, latest, store.release_dir(latest), rows)

    # Parts the parent (even a damaged one: objects are checked by their hash) already holds.
    known = known_parts(parent_manifest)
    info, written = {}, 0
    for name in RELEASE_TABLES:
        parts = []
        for file, part in split_parts(name, arrow[name]):
            part_content = content_sha256(part)
            sha = known.get(part_content)
            if sha is None or store.good_object(sha) is None:
                sha, n = store.put_object(part)
                written += n
            written += store.link_object(sha, tmp / name / file)
            parts.append({"file": file, "rows": part.num_rows, "sha256": sha,
                          "content_sha256": part_content})
        fsync_dir(tmp / name)
        info[name] = {"rows": rows[name], "content_sha256": content[name], "layout": LAYOUT,
                      "parts": parts}

    version = next_version(store)
    compare = trusted_release(store)
    old_docs = store.read_release_table(compare, "documents", ["doc_id", "source"]) \
        if compare else None
    old_facts = store.read_release_table(compare, "facts") if compare else None
    changes = compute_changes(old_docs, old_facts, tables["documents"], tables["facts"])
    manifest = {
        "version": version,
        "parent": latest,
        "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "code_version": code_version,
        "contract": 2,
        "tables": info,
        "changes": changes,
    }
    if repair is not None:
        # The history says why this release exists and what its changes are measured against.
        manifest["repairs"] = {"version": latest, "problems": repair.get("problems", []),
                               "changes_against": compare}
    data = json.dumps(manifest, indent=2).encode()
    atomic_write_bytes(tmp / "manifest.json", data)
    written += len(data)
    fsync_dir(tmp)
    final = store.release_dir(version)
    tmp.rename(final)
    fsync_dir(store.releases_dir)
    written += sync_history(store)[2]
    atomic_write_bytes(store.releases_dir / "LATEST", f"{version}\n".encode())
    (store.releases_dir / REPAIR_FILE).unlink(missing_ok=True)
    return PublishResult(True, version, final, rows, changes, written)


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


def sync_history(store: DataStore) -> tuple[list[str], list[str], int]:
    """Bring releases/history.parquet in line with the complete releases: add a row for each
    release it lacks (reading only that release's manifest), drop rows of releases that are no
    longer complete (a quarantined manifest). A missing or unreadable history is rebuilt from
    every manifest. Returns (versions added, versions dropped, bytes written). The caller holds
    the write lock."""
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
        manifest = _manifest_or_none(store, version)
        if manifest is not None:
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
# table is held whole in memory): (what must be 0, the query counting the rows that break it).
INVARIANTS: list[tuple[str, str]] = [
    ("documents.doc_id unique", "SELECT count(*) - count(DISTINCT doc_id) FROM documents"),
    ("quotes.quote_id unique", "SELECT count(*) - count(DISTINCT quote_id) FROM quotes"),
    ("figures.figure_id unique", "SELECT count(*) - count(DISTINCT figure_id) FROM figures"),
    ("facts.fact_id unique", "SELECT count(*) - count(DISTINCT fact_id) FROM facts"),
    ("quotes in their document's text",
     "SELECT count(*) FROM quotes q LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL "
     "OR substr(d.text, q.start + 1, q.\"end\" - q.start) IS DISTINCT FROM q.text"),
    ("figures in their document's text",
     "SELECT count(*) FROM figures g LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL"
     " OR substr(d.text, g.start + 1, g.\"end\" - g.start) IS DISTINCT FROM g.surface"),
    ("every quote and figure in exactly one fact",
     "SELECT count(*) FROM (SELECT quote_id AS id FROM quotes UNION ALL "
     "SELECT figure_id FROM figures) m FULL JOIN (SELECT mention_id, count(*) AS n "
     "FROM fact_mentions GROUP BY mention_id) f ON m.id = f.mention_id "
     "WHERE m.id IS NULL OR f.mention_id IS NULL OR f.n <> 1"),
    ("every mention's fact in facts",
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
        for what, sql in INVARIANTS:
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
    """Damaged releases a later release republished: damaged version -> the repairing one."""
    out = {}
    for version in store.list_releases():
        try:
            repairs = store.read_manifest(version).get("repairs")
        except (OSError, ValueError):
            continue
        if isinstance(repairs, dict) and repairs.get("version"):
            out[repairs["version"]] = version
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
    for check in store.check_stage():
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
