"""Dagster assets: one per stage, wired by lineage, each validated and described.

Assets are thin: they take the write lock, call a function from pipeline.stages, and report
row counts, the column schema, a preview and what was reused. Storage is the resource's.
"""

from collections.abc import Callable
from functools import partial

import dagster as dg

from pipeline import stages
from pipeline.metadata import failure_metadata, table_metadata
from pipeline.resources import NewsfactsCompute, NewsfactsStore
from pipeline.sensors import FULL_REBUILD_TAG
from schemas import SchemaValidationError

# The UI groups assets by stage; an asset check is listed under its asset's group.
INGEST, EXTRACT, STORIES, FACTS, PUBLISH = "ingest", "extract", "stories", "facts", "publish"
GROUPS = (INGEST, EXTRACT, STORIES, FACTS, PUBLISH)


def _logger(context: dg.AssetExecutionContext | dg.OpExecutionContext):
    return context.log.info


def _fail_on_schema(exc: SchemaValidationError) -> dg.Failure:
    return dg.Failure(
        description=f"Table '{exc.table}' failed its schema; nothing was written. "
        + str(exc).splitlines()[0],
        metadata=failure_metadata(exc),
    )


def _locked_stage(context: dg.AssetExecutionContext, store: NewsfactsStore,
                  build: Callable[..., stages.StageResult]) -> stages.StageResult:
    """`build(ds, log=...)` under the write lock; a table that fails its schema becomes a
    Dagster failure naming the table (nothing is written)."""
    ds = store.get()
    try:
        with ds.lock():
            return build(ds, log=_logger(context))
    except SchemaValidationError as exc:
        raise _fail_on_schema(exc) from exc


@dg.asset(
    group_name=INGEST,
    code_version=stages.PACKAGE_VERSION,
    description="Every file in the inbox (NEWSFACTS_INBOX) with its size, mtime and sha256. "
    "Hashes are reused for files whose size and mtime are unchanged.",
    kinds={"parquet"},
)
def inbox_files(context: dg.AssetExecutionContext, store: NewsfactsStore) -> dg.MaterializeResult:
    ds = store.get()
    with ds.lock():
        if context.run.tags.get(FULL_REBUILD_TAG) == "true":
            context.log.info(f"full rebuild: forgot {ds.clear_stage()} cached stage tables")
        result = stages.scan_inbox(ds, _logger(context))
    df = result.tables["inbox"]
    return dg.MaterializeResult(metadata=table_metadata(
        "inbox", df, inbox=dg.MetadataValue.path(str(ds.inbox)), **result.stats))


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "documents", deps=[inbox_files], group_name=INGEST,
            code_version=stages.DOCUMENTS_VERSION, kinds={"parquet", "pandas"},
            description="Cleaned articles: boilerplate (ads, share widgets, credits, donation "
            "pleas, bylines) removed, headline as title, dateline apart, duplicate_of set for "
            "exact and near-duplicates. Only new or changed inbox files are read.",
        ),
        dg.AssetSpec(
            "rejections", deps=[inbox_files], group_name=INGEST,
            code_version=stages.DOCUMENTS_VERSION, kinds={"parquet"},
            description="Inbox files (or records) that did not become documents, with the "
            "reason (empty, binary, too_large, too_short, unreadable_json, ...) and detail.",
        ),
    ],
)
def documents_and_rejections(context: dg.AssetExecutionContext, store: NewsfactsStore,
                             compute: NewsfactsCompute):
    result = _locked_stage(context, store, partial(
        stages.build_documents, max_file_bytes=store.settings().max_file_bytes,
        compute=compute.get()))
    docs, rej = result.tables["documents"], result.tables["rejections"]
    yield dg.MaterializeResult(asset_key="documents", metadata=table_metadata(
        "documents", docs.drop(columns=["text"]).assign(text="…"),
        files_read=result.processed, files_reused=result.reused,
        duplicates=result.stats["duplicates"],
        # Boilerplate lines removed from the files read in this run (none when all were reused).
        removed_lines_this_run=dg.MetadataValue.json(result.stats["removed_lines"]),
    ))
    yield dg.MaterializeResult(asset_key="rejections", metadata=table_metadata(
        "rejections", rej,
        by_reason=dg.MetadataValue.json(result.stats["rejections_by_reason"]),
    ))


def _extract_asset(extractor: stages.Extractor):
    name = extractor.name

    @dg.asset(
        name=name, deps=["documents"], group_name=EXTRACT, code_version=extractor.version,
        description=extractor.description, kinds={"parquet", "pandas"},
    )
    def _asset(context: dg.AssetExecutionContext, store: NewsfactsStore,
               compute: NewsfactsCompute) -> dg.MaterializeResult:
        result = _locked_stage(context, store, partial(stages.build_extract, extractor=extractor,
                                                       compute=compute.get()))
        return dg.MaterializeResult(metadata=table_metadata(
            name, result.tables[name], documents_processed=result.processed,
            documents_reused=result.reused, extractor_errors=result.stats["errors"]))

    return _asset


# One asset per per-document extractor (quotes, figures), in the order of stages.EXTRACTORS.
EXTRACT_ASSETS = [_extract_asset(e) for e in stages.EXTRACTORS]


@dg.asset(
    name="stories", deps=["documents"], group_name=STORIES, code_version=stages.STORIES_VERSION,
    kinds={"parquet", "pandas"},
    description="Documents grouped into the events they report, from the names, places, quotes, "
    "numbers and rare terms they share (weighted by rarity), within a time window. Documents "
    "already assigned keep their story; a new one is compared only with candidate stories from "
    "an index. story_id is derived from the founding document.",
)
def stories(context: dg.AssetExecutionContext, store: NewsfactsStore) -> dg.MaterializeResult:
    result = _locked_stage(context, store, stages.build_stories)
    table = result.tables["stories"].sort_values("n_documents", ascending=False)
    return dg.MaterializeResult(metadata=table_metadata(
        "stories", table, documents_processed=result.processed,
        documents_reused=result.reused,
        candidates_compared=int(result.stats.get("candidates_compared", 0))))


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "facts", deps=["quotes", "figures", "documents", "stories"], group_name=FACTS,
            code_version=stages.FACTS_VERSION, kinds={"parquet", "pandas"},
            description="Each quote or figure stated once across documents, with every "
            "independent document that states it and a conflict flag where sources disagree. "
            "fact_id is kept from the latest release for facts that existed.",
        ),
        dg.AssetSpec(
            "fact_mentions", deps=["quotes", "figures"], group_name=FACTS,
            code_version=stages.FACTS_VERSION, kinds={"parquet"},
            description="Links every quote and figure to exactly one fact.",
        ),
        dg.AssetSpec(
            "speakers", deps=["quotes", "stories"], group_name=FACTS,
            code_version=stages.FACTS_VERSION, kinds={"parquet"},
            description="One row per person quoted, under one canonical name (\"Varga\", "
            "\"Ms. Varga\", \"Helena M. Varga\" → Helena Varga), with aliases, titles and "
            "counts of quotes, documents and stories.",
        ),
    ],
)
def facts_and_mentions(context: dg.AssetExecutionContext, store: NewsfactsStore):
    result = _locked_stage(context, store, stages.build_facts)
    facts = result.tables["facts"]
    top = facts.sort_values(["n_documents", "n_mentions"], ascending=False)
    yield dg.MaterializeResult(asset_key="facts", metadata=table_metadata(
        "facts", top, corroborated=result.stats["corroborated"],
        conflicts=result.stats["conflicts"]))
    yield dg.MaterializeResult(asset_key="fact_mentions", metadata=table_metadata(
        "fact_mentions", result.tables["fact_mentions"]))
    yield dg.MaterializeResult(asset_key="speakers", metadata=table_metadata(
        "speakers", result.tables["speakers"].sort_values("n_quotes", ascending=False)))


@dg.asset(
    deps=["documents", "rejections", "quotes", "figures", "stories", "facts", "fact_mentions",
          "speakers"],
    group_name=PUBLISH, code_version=stages.CODE_VERSION, kinds={"parquet", "duckdb"},
    description="The published, versioned dataset: releases/vN/ with one Parquet file per "
    "table and manifest.json, LATEST moved atomically, warehouse.duckdb views refreshed. "
    "Publishes nothing when the tables equal the latest release (then the run records an "
    "observation, not a materialization).",
    output_required=False,
)
def release(context: dg.AssetExecutionContext, store: NewsfactsStore):
    ds = store.get()
    try:
        settings = store.settings()
        result = stages.publish(ds, _logger(context), settings.max_removed_share,
                                settings.allow_shrink)
    except SchemaValidationError as exc:
        raise _fail_on_schema(exc) from exc
    meta: dict[str, object] = {
        "version": result.version,
        "published": result.published,
        "path": dg.MetadataValue.path(str(result.path)),
        "warehouse": dg.MetadataValue.path(str(ds.warehouse_path)),
        "rows": dg.MetadataValue.json(result.rows),
    }
    if result.changes:
        summary = {k: (len(v) if isinstance(v, list) else v) for k, v in result.changes.items()}
        meta["changes"] = dg.MetadataValue.json(summary)
    if result.published:
        yield dg.MaterializeResult(metadata=meta)
    else:  # nothing new: the UI keeps showing the release that was actually published
        context.log_event(dg.AssetObservation(asset_key="release", metadata=meta))


ALL_ASSETS = [inbox_files, documents_and_rejections, *EXTRACT_ASSETS, stories, facts_and_mentions,
              release]
