"""Blocking asset checks: each stored table against its pandera schema.

A failing check stops the run before anything downstream, so no release is published from
a table that breaks the contract; the failure cases show in the UI.
"""


import dagster as dg

from pipeline.metadata import failure_metadata
from pipeline.resources import NewsfactsStore
from pipeline.stages import EXTRACTOR_BY_NAME
from schemas import TABLES, SchemaValidationError, validate_table


def _schema_check(table: str):
    @dg.asset_check(
        asset=table, name=f"{table}_schema", blocking=True,
        description=f"The stored {table} table passes its pandera schema "
        + ("and every span equals documents.text[start:end]."
           if table in EXTRACTOR_BY_NAME else "(schemas/tables.py)."),
    )
    def _check(store: NewsfactsStore) -> dg.AssetCheckResult:
        ds = store.get()
        df = ds.read_stage(table)
        documents = ds.read_stage("documents") if table in EXTRACTOR_BY_NAME else None
        try:
            validate_table(table, df, documents=documents)
        except SchemaValidationError as exc:
            return dg.AssetCheckResult(passed=False, metadata=failure_metadata(exc),
                                       description=str(exc).splitlines()[0])
        return dg.AssetCheckResult(passed=True, metadata={"rows": len(df)})

    return _check


# One per table of schemas.TABLES; the UI lists each under its asset's stage group.
ALL_CHECKS = [_schema_check(t) for t in TABLES]
