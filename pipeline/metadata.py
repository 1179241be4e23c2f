"""What each materialization shows in the UI: row counts, column schema, a short preview."""

from __future__ import annotations

import dagster as dg
import numpy as np
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


def preview_cell(value: object) -> str:
    """A table cell as a reader wants it: an empty cell for a missing value (not `nan` or
    `None`), lists as `a, b` (not `['a', 'b']`), long text cut with an ellipsis."""
    if isinstance(value, (list, tuple, np.ndarray)):
        text = ", ".join(str(v) for v in value)
    elif value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        text = ""
    else:
        text = str(value)
    if len(text) > _PREVIEW_CHARS:
        text = text[:_PREVIEW_CHARS] + "…"
    return text.replace("|", "\\|").replace("\n", " ")


def preview_markdown(df: pd.DataFrame, rows: int = 5) -> str:
    if df.empty:
        return "_(no rows)_"
    head = df.head(rows)
    cols = [str(c) for c in head.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(preview_cell(v) for v in row) + " |"
              for row in head.itertuples(index=False)]
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
