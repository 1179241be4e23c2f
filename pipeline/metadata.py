"""What each materialization shows in the UI: row counts, column schema, a short preview."""

from __future__ import annotations

import dagster as dg
import pandas as pd
import pyarrow as pa

from schemas import ARROW_SCHEMAS
from schemas.tables import COLUMN_DESCRIPTIONS

_PREVIEW_CHARS = 80


def column_schema(name: str) -> dg.TableSchema:
    from pipeline.store import STAGE_SCHEMAS

    schema: pa.Schema = ARROW_SCHEMAS.get(name) or STAGE_SCHEMAS[name]
    docs = COLUMN_DESCRIPTIONS.get(name, {})
    return dg.TableSchema(columns=[
        dg.TableColumn(f.name, str(f.type), description=docs.get(f.name)) for f in schema
    ])


def preview_markdown(df: pd.DataFrame, rows: int = 5) -> str:
    if df.empty:
        return "_(no rows)_"
    head = df.head(rows).copy()
    for col in head.columns:
        head[col] = head[col].map(
            lambda v: (s[:_PREVIEW_CHARS] + "…" if len(s := str(v)) > _PREVIEW_CHARS else s)
            .replace("|", "\\|").replace("\n", " ")
        )
    cols = list(head.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(r) + " |" for r in head.astype(str).itertuples(index=False)]
    return "\n".join(lines)


def table_metadata(name: str, df: pd.DataFrame, **extra: object) -> dict[str, object]:
    meta: dict[str, object] = {
        "dagster/row_count": len(df),
        "dagster/column_schema": column_schema(name),
        "preview": dg.MetadataValue.md(preview_markdown(df)),
    }
    meta.update(extra)
    return meta


def failure_metadata(exc: Exception) -> dict[str, object]:
    cases = getattr(exc, "failure_cases", None)
    meta: dict[str, object] = {"table": getattr(exc, "table", "?")}
    if isinstance(cases, pd.DataFrame):
        meta["failure_cases"] = dg.MetadataValue.md(preview_markdown(cases, rows=20))
        meta["failure_count"] = len(cases)
    return meta
