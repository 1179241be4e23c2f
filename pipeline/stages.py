"""The pipeline's stages as plain functions over a DataStore, incremental by content hash.

Each stage reads its inputs from stage tables, reuses what an earlier run already computed
for unchanged content (the stored table is stamped with the code version that made it),
processes only what is new, validates, and writes its outputs. Dagster assets call these;
so can a script or a benchmark, without Dagster.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from pipeline.compute import Compute
from pipeline.core import documents, facts, figures, quotes, stories
from pipeline.core.documents import Rejection, list_inbox, repeated
from pipeline.core.documents.inputs import file_of_source
from pipeline.core.frames import (
    disambiguate_doc_ids,
    documents_frame,
    documents_of_file,
    figures_for_documents,
    mark_duplicates,
    quotes_for_documents,
    rejections_frame,
)
from pipeline.release import (
    PublishResult,
    check_latest_release,
    file_sha256,
    publish_release,
    record_repairs,
    recover,
    refresh_warehouse,
    trusted_release,
)
from pipeline.settings import RepeatedLineSettings
from pipeline.store import DataStore
from schemas import SchemaValidationError, validate_table

PACKAGE_VERSION = "0.1.0"
DOCUMENTS_VERSION = f"clean{documents.CLEANER_VERSION}.dedup{documents.DEDUP_VERSION}"
QUOTES_VERSION = f"{DOCUMENTS_VERSION}.quotes{quotes.QUOTES_VERSION}"
FIGURES_VERSION = f"{DOCUMENTS_VERSION}.figures{figures.FIGURES_VERSION}"
STORIES_VERSION = f"{DOCUMENTS_VERSION}.stories{stories.STORIES_VERSION}"
FACTS_VERSION = (f"{QUOTES_VERSION}.figures{figures.FIGURES_VERSION}"
                 f".stories{stories.STORIES_VERSION}.facts{facts.FACTS_VERSION}")
CODE_VERSION = f"{PACKAGE_VERSION}+{FACTS_VERSION}"

Logger = Callable[[str], None]


@dataclass(frozen=True)
class Extractor:
    """A per-document extractor: its table (and asset) name, the code version its rows are
    stamped with, the id column, and the function from documents to (rows, log). The stage, the
    extract assets and the span checks iterate over EXTRACTORS; adding one is a core package
    plus one entry here (and its table in schemas/tables.py)."""

    name: str
    version: str
    id_column: str
    for_documents: Callable[..., tuple[pd.DataFrame, pd.DataFrame]]
    description: str


EXTRACTORS: tuple[Extractor, ...] = (
    Extractor(
        "quotes", QUOTES_VERSION, "quote_id", quotes_for_documents,
        "Quotations in each document: the quoted words with offsets, the speaker as a canonical "
        "name, how the text names them, the cue verb, the venue, and whether it is a fragment.",
    ),
    Extractor(
        "figures", FIGURES_VERSION, "figure_id", figures_for_documents,
        "Numbers worth a fact: percentages, money, counts, durations, dates, years and "
        "quantities, normalised (value, unit), qualified, with what they measure; from/to "
        "changes linked.",
    ),
)
EXTRACTOR_BY_NAME: dict[str, Extractor] = {e.name: e for e in EXTRACTORS}


def _null_log(msg: str) -> None:
    logging.getLogger("newsfacts").info(msg)


@dataclass
class StageResult:
    tables: dict[str, pd.DataFrame]
    processed: int = 0
    reused: int = 0
    stats: dict[str, object] = field(default_factory=dict)


def _hash_file(path: os.PathLike) -> str | None:
    try:
        return file_sha256(Path(path))
    except OSError:
        return None


def heal(store: DataStore, log: Logger = _null_log) -> list[str]:
    """Check everything a run will read before it reads it, and repair what is damaged.

    Stage tables are compared with their recorded sha256 (recorded now when missing); a damaged
    one is deleted so its stage rebuilds it from the inbox. LATEST must name a complete release;
    the latest release is hashed against its manifest, and when damaged the publish step writes
    a new release from the stage tables. Returns the messages (each names the file). The caller
    holds the write lock.
    """
    actions: list[str] = []
    for check in store.check_stage(repair=True):
        name = f"{store.stage_dir.name}/{check.path.name}"
        if check.status == "damaged":
            actions.append(f"{name} is damaged ({check.detail}); deleted it, this run "
                           "rebuilds it from the inbox")
        elif check.status == "recorded":
            log(f"{name}: {check.detail}")
    actions.extend(recover(store))
    actions.extend(check_latest_release(store))
    for action in actions:
        log(f"repair: {action}")
    record_repairs(store, actions)
    return actions


def scan_inbox(store: DataStore, log: Logger = _null_log) -> StageResult:
    """List the inbox with size, mtime and sha256; reuse hashes of files whose stat is unchanged."""
    if tidied := store.remove_temporary_files():
        log(f"removed {tidied} temporary file(s) left by an interrupted run")
    repairs = heal(store, log)
    previous = store.read_stage("inbox")
    known = {
        (s, z, m): h
        for s, z, m, h in zip(previous["source"], previous["size"], previous["mtime_ns"],
                              previous["source_sha256"], strict=True)
    }
    inbox_real = store.inbox.resolve()
    rows, hashed = [], 0
    unreadable: list[Rejection] = []
    for source in list_inbox(store.inbox, unreadable):
        path = store.inbox / source
        try:
            st = path.stat()
        except OSError as exc:
            if isinstance(exc, FileNotFoundError) and not os.path.lexists(path):
                continue  # vanished between listing and stat: it is simply not in the inbox now
            # A dangling symlink, a link loop or a file that cannot be examined (permissions,
            # I/O error): kept, so the documents stage records it as a rejection with the
            # reason instead of it disappearing without a trace.
            rows.append({"source": source, "size": -1, "mtime_ns": -1, "source_sha256": None})
            continue
        sha = known.get((source, st.st_size, st.st_mtime_ns))
        if sha is None:
            real = path.resolve()
            if real.is_relative_to(inbox_real):
                sha = _hash_file(real)
                hashed += 1
        rows.append({"source": source, "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                     "source_sha256": sha})
    df = pd.DataFrame(rows, columns=["source", "size", "mtime_ns", "source_sha256"])
    old = set(previous["source"])
    new = set(df["source"])
    before = dict(zip(previous["source"], previous["source_sha256"], strict=True))
    changed = sum(1 for s, h in zip(df["source"], df["source_sha256"], strict=True)
                  if s in before and before[s] != h)
    store.update_stage("inbox", df, PACKAGE_VERSION)
    store.write_stage("inbox_unreadable", rejections_frame(unreadable), PACKAGE_VERSION)
    log(f"inbox: {len(df)} files ({len(new - old)} new, {changed} changed, "
        f"{len(old - new)} removed; hashed {hashed})")
    return StageResult({"inbox": df}, processed=hashed, reused=len(df) - hashed, stats={
        "files": len(df), "new": len(new - old), "changed": changed,
        "removed": len(old - new), "hashed": hashed, "repairs": len(repairs)})


def _file_of(source: str, inbox_sources: set[str]) -> str:
    """The inbox file a document or rejection came from ("file.jsonl/#3" → "file.jsonl")."""
    if source in inbox_sources:
        return source
    return file_of_source(source)


def _rejection_reason(failure: str | None) -> str:
    """A failed input's rejection reason: over its budget, or an extractor error or crash."""
    return "over_budget" if failure == "over_budget" else "extraction_error"


def _outlet_chrome(store: DataStore, kept_docs: pd.DataFrame | None, new_docs: pd.DataFrame
                   ) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """This run's documents without their outlets' repeated lines (docs/documents.md), and the
    line rows of every current document to store. Kept documents are not cleaned again."""
    rule = repeated.RepeatRule(**vars(RepeatedLineSettings.from_env()))
    known_rows = known_outlets = None
    if kept_docs is not None and not kept_docs.empty:
        stored = store.read_stage_if_version("doc_lines", DOCUMENTS_VERSION)
        if stored is None:  # lost: rebuilt from the kept texts (after their outlet pass)
            stored = repeated.line_rows(kept_docs)
        known_rows = stored[stored["doc_id"].isin(set(kept_docs["doc_id"]))]
        known_outlets = pd.Series([repeated.outlet_key(o, u) for o, u in zip(
            kept_docs["outlet"], kept_docs["url"], strict=True)], dtype=object)
    new_docs, new_rows, n = repeated.drop_outlet_chrome(new_docs, known_rows, known_outlets, rule)
    rows = pd.concat([df for df in (known_rows, new_rows) if df is not None and not df.empty]
                     or [new_rows], ignore_index=True)
    return new_docs, rows.sort_values(["doc_id", "line_hash"], kind="stable"), n


def build_documents(store: DataStore, max_file_bytes: int, log: Logger = _null_log,
                    compute: Compute | None = None) -> StageResult:
    """Inbox files → cleaned documents and rejections, reading only new or changed files;
    each file read and cleaned under `compute`'s budget, in its workers."""
    inbox = store.read_stage("inbox")
    current = dict(zip(inbox["source"], inbox["source_sha256"], strict=True))
    sources = set(current)
    prev_docs = store.read_stage_if_version("documents", DOCUMENTS_VERSION)
    prev_rej = store.read_stage_if_version("rejections", DOCUMENTS_VERSION)

    def reusable(df: pd.DataFrame | None) -> pd.DataFrame | None:
        if df is None or df.empty:
            return None
        files = df["source"].map(lambda s: _file_of(s, sources))
        keep = [f in current and h is not None and h == current[f]
                for f, h in zip(files, df["source_sha256"], strict=True)]
        return df.loc[keep]

    kept_docs, kept_rej = reusable(prev_docs), reusable(prev_rej)
    done = set()
    for df in (kept_docs, kept_rej):
        if df is not None:
            done |= {_file_of(s, sources) for s in df["source"]}
    todo = sorted(s for s in current if s not in done)
    log(f"documents: {len(todo)} files to read, {len(done)} unchanged files reused")

    def progress(i: int, total: int) -> None:
        log(f"documents: read {i}/{total} files")

    compute = compute or Compute.from_env()
    read = partial(documents_of_file, store.inbox, max_file_bytes)
    outcomes = compute.map(read, todo, progress if len(todo) >= 1000 else None)
    rows, fingerprints, read_rejections, clean_rejections = [], [], [], []
    removed: dict[str, int] = {}
    for source, outcome in zip(todo, outcomes, strict=True):
        if outcome.ok:
            rows.extend(outcome.value.rows)
            fingerprints.extend(outcome.value.signatures)
            read_rejections.extend(outcome.value.read_rejections)
            clean_rejections.extend(outcome.value.clean_rejections)
            for reason, n in outcome.value.removed.items():
                removed[reason] = removed.get(reason, 0) + n
        else:
            read_rejections.append(Rejection(
                source, current[source], _rejection_reason(outcome.failure),
                f"documents stage: {outcome.detail}"[:2000]))
    rejections = read_rejections + clean_rejections
    new_docs = documents_frame(rows)

    new_docs = disambiguate_doc_ids(
        new_docs, set(kept_docs["doc_id"]) if kept_docs is not None else set())
    new_docs, line_rows, n_chrome = _outlet_chrome(store, kept_docs, new_docs)
    if n_chrome:
        removed["outlet_chrome"] = removed.get("outlet_chrome", 0) + n_chrome

    parts = [df for df in (kept_docs, new_docs) if df is not None and not df.empty]
    documents = pd.concat(parts, ignore_index=True) if parts else new_docs
    signatures = store.read_stage_if_version("doc_signatures", DOCUMENTS_VERSION)
    # The new documents' fingerprints were made in the workers, under their ids now.
    new_signatures = pd.DataFrame({"doc_id": new_docs["doc_id"], "signature": fingerprints})
    signatures = pd.concat([df for df in (signatures, new_signatures) if df is not None],
                           ignore_index=True)
    documents, signatures = mark_duplicates(documents, signatures)
    documents = documents.sort_values("doc_id", kind="stable")
    rej_parts = [df for df in (kept_rej, rejections_frame(rejections),
                               store.read_stage("inbox_unreadable")) if df is not None]
    rejected = pd.concat(rej_parts, ignore_index=True) if rej_parts else rejections_frame([])
    rejected = rejected.drop_duplicates("source", keep="last").sort_values("source", kind="stable")

    rejected = validate_table("rejections", rejected).reset_index(drop=True)
    documents = documents.reset_index(drop=True)
    if prev_docs is None:  # first run or a new DOCUMENTS_VERSION: the whole table
        documents = validate_table("documents", documents).reset_index(drop=True)
        store.write_stage("documents", documents, DOCUMENTS_VERSION)
        store.write_stage("doc_signatures", signatures.sort_values("doc_id"), DOCUMENTS_VERSION)
    else:
        _append_documents(store, prev_docs, documents, signatures)
    store.update_stage("rejections", rejected, DOCUMENTS_VERSION)
    store.update_stage("doc_lines", line_rows, DOCUMENTS_VERSION)
    n_dup = int(documents["duplicate_of"].notna().sum())
    log(f"documents: {len(documents)} documents ({n_dup} duplicates), {len(rejected)} rejections")
    return StageResult(
        {"documents": documents, "rejections": rejected},
        processed=len(todo), reused=len(done),
        stats={"removed_lines": dict(sorted(removed.items())), "duplicates": n_dup,
               "rejections_by_reason": rejected["reason"].value_counts().sort_index().to_dict()},
    )


def unique_failures(table: str, column: str, values: pd.Series) -> None:
    """Whole-table uniqueness over one column (cheap: one column, not the pandera model)."""
    repeated = values[values.duplicated(keep=False)]
    if len(repeated):
        raise SchemaValidationError(table, pd.DataFrame({
            "column": column, "check": f"field_uniqueness ({column})",
            "failure_case": repeated.drop_duplicates().head(20).to_numpy()}))


def _append_documents(store: DataStore, stored: pd.DataFrame, documents: pd.DataFrame,
                      signatures: pd.DataFrame) -> None:
    """Write only what changed in the documents table: new documents, and kept ones whose
    duplicate_of moved (an earlier-published copy arrived). pandera checks those rows (with
    the originals they point at, so `duplicate_of` resolves); ids and (source, record) are
    checked unique over the whole table, one or two columns at a time."""
    before = dict(zip(stored["doc_id"], stored["duplicate_of"], strict=True))
    changed = [d not in before or before[d] != u and not (pd.isna(before[d]) and pd.isna(u))
               for d, u in zip(documents["doc_id"], documents["duplicate_of"], strict=True)]
    fresh = documents.loc[pd.Series(changed, index=documents.index, dtype=bool)]
    pointed = set(fresh["duplicate_of"].dropna()) - set(fresh["doc_id"])
    context = documents[documents["doc_id"].isin(pointed)]
    validate_table("documents", pd.concat([fresh, context], ignore_index=True))
    unique_failures("documents", "doc_id", documents["doc_id"])
    records = documents["source"] + "\x1f" + documents["record"].astype(str)
    unique_failures("documents", "(source, record)", records)
    gone = set(before) - set(documents["doc_id"])
    store.append_stage("documents", fresh, DOCUMENTS_VERSION, removed=gone)
    stored_sigs = store.read_stage_if_version("doc_signatures", DOCUMENTS_VERSION)
    if stored_sigs is None:
        store.write_stage("doc_signatures", signatures.sort_values("doc_id"), DOCUMENTS_VERSION)
        return
    had = {d: bytes(s) for d, s in zip(stored_sigs["doc_id"], stored_sigs["signature"],
                                       strict=True)}
    new_sigs = signatures.loc[pd.Series([had.get(d) != bytes(s) for d, s in zip(
        signatures["doc_id"], signatures["signature"], strict=True)],
        index=signatures.index, dtype=bool)]  # a mask, also when there are no rows
    store.append_stage("doc_signatures", new_sigs, DOCUMENTS_VERSION,
                       removed=set(had) - set(signatures["doc_id"]))


def build_extract(
    store: DataStore, extractor: Extractor, log: Logger = _null_log,
    compute: Compute | None = None,
) -> StageResult:
    """One extractor over the documents it has not seen at its version (the rest reused)."""
    name, version = extractor.name, extractor.version
    documents = store.read_stage("documents")
    prev = store.read_stage_if_version(name, version)
    prev_log = store.read_stage_if_version(f"{name}_log", version)
    current = set(documents["doc_id"])
    appending = prev is not None and prev_log is not None
    if appending:
        stored_ids, stored_log_ids = set(prev["doc_id"]), set(prev_log["doc_id"])
        prev_log = prev_log[prev_log["doc_id"].isin(current)]
        done = set(prev_log["doc_id"])
        prev = prev[prev["doc_id"].isin(done)]
    else:
        prev, prev_log, done = None, None, set()
    todo = documents[~documents["doc_id"].isin(done)]
    log(f"{name}: {len(todo)} documents to process, {len(done)} reused")

    def progress(i: int, total: int) -> None:
        log(f"{name}: {i}/{total} documents")

    compute = compute or Compute.from_env()
    rows, run_log = extractor.for_documents(todo, progress, compute.map)
    table = pd.concat([df for df in (prev, rows) if df is not None and not df.empty]
                      or [rows], ignore_index=True)
    full_log = pd.concat([df for df in (prev_log, run_log) if df is not None and not df.empty]
                         or [run_log], ignore_index=True)
    table = table.sort_values(["doc_id", "start", extractor.id_column],
                              kind="stable").reset_index(drop=True)
    full_log = full_log.sort_values("doc_id", kind="stable").reset_index(drop=True)
    if appending:
        # pandera on the new rows only (their spans against their documents); the ids are
        # checked unique over the whole table, one column.
        rows = validate_table(name, rows, documents=todo)
        unique_failures(name, extractor.id_column, table[extractor.id_column])
        store.append_stage(name, rows, version, removed=stored_ids - done)
        store.append_stage(f"{name}_log", run_log, version, removed=stored_log_ids - done)
    else:
        table = validate_table(name, table, documents=documents)
        store.write_stage(name, table, version)
        store.write_stage(f"{name}_log", full_log, version)
    errors = full_log[full_log["error"].notna()]
    if len(errors):
        log(f"{name}: extractor failed on {len(errors)} document(s); they will be rejected")
    stats = {"errors": len(errors)}
    if "warning" in full_log:
        n_warned = int(full_log["warning"].notna().sum())
        stats["warnings"] = n_warned
        if n_warned:
            log(f"{name}: {n_warned} document(s) lost single sentences (see {name}_log.warning)")
    return StageResult({name: table, f"{name}_log": full_log}, processed=len(todo),
                       reused=len(done), stats=stats)


def build_quotes(store: DataStore, log: Logger = _null_log,
                 compute: Compute | None = None) -> StageResult:
    return build_extract(store, EXTRACTOR_BY_NAME["quotes"], log, compute)


def build_figures(store: DataStore, log: Logger = _null_log,
                  compute: Compute | None = None) -> StageResult:
    return build_extract(store, EXTRACTOR_BY_NAME["figures"], log, compute)


def _published_assignments(store: DataStore) -> pd.DataFrame | None:
    """doc_id → story_id of the latest release, when the stage index was wiped (a full rebuild):
    documents keep their stories and ids. Not used after a STORIES_VERSION change, which must
    regroup with the new code."""
    latest = store.latest_release()
    if latest is None:
        return None
    try:
        published = store.read_release_table(latest, "documents", columns=["doc_id", "story_id"])
    except (OSError, KeyError, ValueError):  # pyarrow's ArrowInvalid is a ValueError
        return None  # a release from before stories
    return published[published["story_id"].notna()].reset_index(drop=True)


def build_stories(store: DataStore, log: Logger = _null_log) -> StageResult:
    """Documents → stories. Documents already assigned keep their story; only new ones are
    read, weighted with the stored document frequencies and compared, each with the candidate
    stories the stored index gives (pipeline/core/stories, docs/stories.md)."""
    docs = store.read_stage("documents")
    previous = store.read_stage_if_version("document_stories", STORIES_VERSION)
    if previous is None and store.stage_version("document_stories") is None:
        previous = _published_assignments(store)
    index = store.read_stage_if_version("story_index", STORIES_VERSION)
    previous_stories = store.read_stage_if_version("stories", STORIES_VERSION)
    result = stories.find_stories(docs, previous, index, previous_stories)
    table = validate_table("stories", result.stories).reset_index(drop=True)
    store.write_stage("stories", table, STORIES_VERSION)
    store.write_stage("document_stories", result.document_stories, STORIES_VERSION)
    store.write_stage("story_index", result.index, STORIES_VERSION)
    stats = result.stats
    log(f"stories: {len(table)} stories over {len(docs)} documents; "
        f"{stats.get('new_documents', 0)} new documents compared with "
        f"{stats.get('candidates_compared', 0)} candidate stories; "
        f"{stats.get('rebuilt_documents', 0)} re-weighted in stories that lost a member")
    return StageResult({"stories": table, "document_stories": result.document_stories},
                       processed=int(stats.get("new_documents", 0)),
                       reused=len(docs) - int(stats.get("new_documents", 0)), stats=stats)


def failed_documents(store: DataStore) -> pd.DataFrame:
    """Documents an extractor raised on: doc_id and the first error."""
    logs = [store.read_stage(n) for n in ("quotes_log", "figures_log")]
    errors = pd.concat(logs, ignore_index=True)
    errors = errors[errors["error"].notna()]
    return errors.drop_duplicates("doc_id").loc[:, ["doc_id", "error"]]


def usable_tables(store: DataStore) -> dict[str, pd.DataFrame]:
    """Stage tables with documents an extractor failed on moved to rejections."""
    documents = store.read_stage("documents")
    failed = failed_documents(store)
    bad = set(failed["doc_id"])
    tables = {
        "documents": documents[~documents["doc_id"].isin(bad)],
        "quotes": (q := store.read_stage("quotes"))[~q["doc_id"].isin(bad)],
        "figures": (f := store.read_stage("figures"))[~f["doc_id"].isin(bad)],
    }
    # A duplicate whose original failed points nowhere now: it stands on its own.
    docs = tables["documents"].copy()
    docs.loc[~docs["duplicate_of"].isin(set(docs["doc_id"])), "duplicate_of"] = None
    story_of = store.read_stage("document_stories")
    docs["story_id"] = docs["doc_id"].map(
        dict(zip(story_of["doc_id"], story_of["story_id"], strict=True)))
    tables["documents"] = docs
    rejected = store.read_stage("rejections")
    if bad:
        bad_docs = documents[documents["doc_id"].isin(bad)].merge(failed, on="doc_id")
        extra = pd.DataFrame({
            "source": bad_docs["source"], "source_sha256": bad_docs["source_sha256"],
            "reason": bad_docs["error"].map(
                lambda e: "over_budget" if e.startswith("over_budget:") else "extraction_error"),
            "detail": bad_docs["error"].str.slice(0, 2000),
        })
        rejected = pd.concat([rejected, extra], ignore_index=True).sort_values("source")
    tables["rejections"] = rejected.reset_index(drop=True)
    return tables


def _facts_input_digest(tables: dict[str, pd.DataFrame]) -> str:
    """Identifies what facts are built from: every mention id (content-derived), which
    document duplicates which, and the outlet and file names conflict notes name documents by.
    (The release ids are inherited from was itself published from the stored facts, so it
    gives the same ids again and is left out.)"""
    h = hashlib.sha256()
    docs = tables["documents"].sort_values("doc_id")
    for part in (
        sorted(tables["quotes"]["quote_id"]),
        sorted(tables["figures"]["figure_id"]),
        [f"{d}>{u}@{s}" for d, u, s in zip(docs["doc_id"], docs["duplicate_of"].fillna(""),
                                             docs["story_id"].fillna(""), strict=True)],
        [f"{d}\x1f{o}\x1f{f}" for d, o, f in zip(docs["doc_id"], docs["outlet"].fillna(""),
                                                docs["source"].fillna(""), strict=True)],
    ):
        h.update("\n".join(part).encode())
        h.update(b"\x1e")
    return h.hexdigest()[:16]


def _stored_facts(store: DataStore, stamp_prefix: str) -> facts.StoredFacts | None:
    """What the last facts build wrote, when all four tables are from one build of this
    code (same stamp, and this FACTS_VERSION): the input of an incremental build."""
    stamps = {store.stage_version(t) for t in ("facts", "fact_mentions", "fact_state",
                                                "fact_keys")}
    if len(stamps) != 1 or not (stamp := stamps.pop()) or not stamp.startswith(stamp_prefix):
        return None
    return facts.StoredFacts(store.read_stage("facts"), store.read_stage("fact_mentions"),
                             store.read_stage("fact_state"), store.read_stage("fact_keys"))


def build_facts(store: DataStore, log: Logger = _null_log) -> StageResult:
    """All stored mentions → facts, keeping fact ids from the latest release; only the
    stories and quote groups that changed are recomputed (pipeline/core/facts/incremental.py)
    when the stored facts are the latest release's."""
    tables = usable_tables(store)
    latest = trusted_release(store)  # a damaged latest release is not read
    stamp = f"{FACTS_VERSION}#{_facts_input_digest(tables)}"
    stored = store.read_stage_if_version("facts", stamp)
    stored_mentions = store.read_stage_if_version("fact_mentions", stamp)
    # Reused only when all five tables are of this build: a run killed between two of the
    # writes below builds again (in full, as `_stored_facts` then refuses the mixed stamps).
    reused = (stored is not None and stored_mentions is not None
              and all(store.stage_version(t) == stamp
                      for t in ("speakers", "fact_state", "fact_keys")))
    stats: dict[str, object] = {}
    if reused:
        log("facts: no mention changed since the last run; stored facts reused")
        fact_table, mentions = stored, stored_mentions
        processed = 0
    else:
        previous = store.read_release_table(latest, "fact_mentions") if latest else None
        docs = tables["documents"]
        built = facts.build_facts_incremental(
            docs, tables["quotes"], tables["figures"], previous,
            doc_stories=dict(zip(docs["doc_id"], docs["story_id"], strict=True)),
            stored=_stored_facts(store, f"{FACTS_VERSION}#"),
        )
        fact_table = validate_table("facts", built.facts)
        mentions = validate_table("fact_mentions", built.mentions)
        speakers = validate_table("speakers", built.speakers)
        store.write_stage("facts", fact_table, stamp)
        store.write_stage("fact_mentions", mentions, stamp)
        store.write_stage("speakers", speakers, stamp)
        store.write_stage("fact_state", built.state, stamp)
        store.write_stage("fact_keys", built.keys, stamp)
        stats = dict(built.stats)
        processed = int(built.stats["mentions_recomputed"])
        log(f"facts: {'incremental' if built.stats['incremental'] else 'full build'}; "
            f"{built.stats['quote_stories_changed']} (quotes) and "
            f"{built.stats['figure_stories_changed']} (figures) of {built.stats['stories']} "
            f"stories changed, {built.stats['quote_units_recomputed']} of "
            f"{built.stats['quote_units']} quote units regrouped; {processed} mentions "
            f"recomputed, {built.stats['mentions_kept']} kept")
    n_conflicts = int(fact_table["conflict"].sum())
    multi = int((fact_table["n_documents"] > 1).sum())
    log(f"facts: {len(fact_table)} facts from {len(mentions)} mentions; {multi} corroborated "
        f"by 2+ documents, {n_conflicts} with conflicts")
    return StageResult({"facts": fact_table, "fact_mentions": mentions,
                        "speakers": store.read_stage("speakers")},
                       processed=processed,
                       reused=len(mentions) - processed,
                       stats={**stats, "corroborated": multi, "conflicts": n_conflicts})


def published_stories(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Stories of the published documents only (a document an extractor failed on is rejected,
    so a story of nothing but such documents is dropped and the counts follow)."""
    counts = documents.groupby("story_id")["doc_id"].count()
    kept = table[table["story_id"].isin(counts.index)].copy()
    kept["n_documents"] = kept["story_id"].map(counts).astype("int64")
    return kept.reset_index(drop=True)


class SystematicFailure(RuntimeError):
    """Extractors failed on so many documents that the cause is the code, not the input."""


def check_failure_rate(store: DataStore, n_documents: int) -> None:
    """Refuse to publish when extractors raised on most documents: a bad article is rejected and
    the run goes on, but a broken extractor must not publish a release that drops everything."""
    failed = failed_documents(store)
    if len(failed) >= 3 and len(failed) > 0.5 * n_documents:
        first = str(failed["error"].iloc[0]).splitlines()[0]
        raise SystematicFailure(
            f"extractors raised on {len(failed)} of {n_documents} documents (first: {first}); "
            "this looks like a bug, not bad input, so no release was published"
        )


class ShrinkRefused(RuntimeError):
    """The run would drop most of the published dataset: an empty or wrong inbox, not news."""


def check_shrink(
    store: DataStore, documents: pd.DataFrame, max_removed_share: float, allow_shrink: bool
) -> None:
    """Refuse to publish a release that drops more than `max_removed_share` of the latest
    release's documents, and always one with no documents when the latest has some.

    An unmounted share or a typo in NEWSFACTS_INBOX looks exactly like "every article was
    removed"; publishing that would empty LATEST and the warehouse views.
    """
    latest = trusted_release(store)
    if allow_shrink or latest is None:
        return
    before = store.read_release_table(latest, "documents", columns=["doc_id"])["doc_id"]
    if before.empty:
        return
    removed = int((~before.isin(documents["doc_id"])).sum())
    share = removed / len(before)
    if (documents.empty and removed) or share > max_removed_share:
        raise ShrinkRefused(
            f"this run would remove {removed} of the {len(before)} documents of {latest} "
            f"({share:.0%}, more than NEWSFACTS_MAX_REMOVED_SHARE={max_removed_share:g}) "
            f"from inbox {store.inbox}; nothing was published. If the inbox is right, run again "
            "with NEWSFACTS_ALLOW_SHRINK=1 (or raise NEWSFACTS_MAX_REMOVED_SHARE)."
        )


def publish(
    store: DataStore,
    log: Logger = _null_log,
    max_removed_share: float = 0.5,
    allow_shrink: bool = False,
) -> PublishResult:
    """Validate the stage tables together and publish them as the next release."""
    check_failure_rate(store, len(store.read_stage("documents")))
    tables = usable_tables(store)
    check_shrink(store, tables["documents"], max_removed_share, allow_shrink)
    tables["facts"] = store.stage_chunks("facts")  # streamed from the stage files
    tables["fact_mentions"] = store.stage_chunks("fact_mentions")
    tables["stories"] = published_stories(store.read_stage("stories"), tables["documents"])
    tables["speakers"] = store.stage_chunks("speakers")
    result = publish_release(store, tables, CODE_VERSION)
    with store.lock():
        refresh_warehouse(store)
    if result.published:
        log(f"release: published {result.version} at {result.path}")
    else:
        log(f"release: no changes; {result.version} is still the latest")
    return result


def run_all(
    store: DataStore,
    max_file_bytes: int,
    log: Logger = _null_log,
    report: dict[str, StageResult] | None = None,
    max_removed_share: float = 0.5,
    allow_shrink: bool = False,
    compute: Compute | None = None,
) -> PublishResult:
    """Every stage in order, without Dagster (benchmarks, tests). `report` collects each stage's
    result (what it processed and reused); `compute` runs the per-document work (default: from
    the environment, NEWSFACTS_COMPUTE / NEWSFACTS_WORKERS)."""
    results = report if report is not None else {}
    compute = compute or Compute.from_env()
    with store.lock():
        results["inbox"] = scan_inbox(store, log)
        results["documents"] = build_documents(store, max_file_bytes, log, compute)
        results["quotes"] = build_quotes(store, log, compute)
        results["figures"] = build_figures(store, log, compute)
        results["stories"] = build_stories(store, log)
        results["facts"] = build_facts(store, log)
        return publish(store, log, max_removed_share, allow_shrink)
