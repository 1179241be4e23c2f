"""docs/contract.md and schemas/tables.py say the same: every documented column exists with its
type and nullability, and every column of every table is documented."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest

from schemas.tables import ARROW_SCHEMAS, MODELS
from tests.paths import ROOT

CONTRACT = ROOT / "docs" / "contract.md"
TYPES = {"string": pa.string(), "int": pa.int64(), "double": pa.float64(), "bool": pa.bool_(),
         "list<string>": pa.list_(pa.string())}


def documented_columns() -> list[tuple[str, str, str, bool]]:
    """(table, column, type, nullable) from the contract's per-table sections and the
    "Columns beyond the contract" table."""
    text = CONTRACT.read_text(encoding="utf-8")
    rows = []
    for table, body in re.findall(r"^### (\w+)[^\n]*\n(.*?)(?=^#|\Z)", text, re.S | re.M):
        if table not in ARROW_SCHEMAS:
            continue
        for names, kind in re.findall(r"^\| ([\w, ]+) \| ([\w<>, ]+) \|", body, re.M):
            if names.strip() == "column":
                continue
            for name in names.split(","):
                rows.append((table, name.strip(), kind.split(",")[0].strip(), "null" in kind))
    extra = text.split("### Columns beyond the contract", 1)[1].split("\n### ", 1)[0]
    for table, name, kind in re.findall(r"^\| (\w+) \| (\w+) \| ([\w<>, ]+) \|", extra, re.M):
        if table != "table":
            rows.append((table, name, kind.split(",")[0].strip(), "null" in kind))
    return rows


def test_the_contract_documents_every_table() -> None:
    assert {t for t, *_ in documented_columns()} == set(ARROW_SCHEMAS)


@pytest.mark.parametrize("table,column,kind,nullable", documented_columns())
def test_documented_column_exists_with_its_type(table: str, column: str, kind: str,
                                                nullable: bool) -> None:
    schema = ARROW_SCHEMAS[table]
    assert column in schema.names, f"{table}.{column} is in docs/contract.md, not in the schema"
    assert schema.field(column).type == TYPES[kind], f"{table}.{column} is not {kind}"
    model = MODELS[table].to_schema().columns[column]
    assert model.nullable == nullable, (
        f"{table}.{column}: docs/contract.md says {'null' if nullable else 'never null'}")


@pytest.mark.parametrize("table", sorted(ARROW_SCHEMAS))
def test_every_schema_column_is_documented(table: str) -> None:
    documented = {c for t, c, *_ in documented_columns() if t == table}
    missing = [c for c in ARROW_SCHEMAS[table].names if c not in documented]
    assert not missing, (f"{table}: columns {missing} are in schemas/tables.py but not in "
                         "docs/contract.md (add them under 'Columns beyond the contract')")


def test_the_copy_keeps_the_shared_contract_whole() -> None:
    """Where the shared contract is beside the repository, docs/contract.md contains it."""
    shared = ROOT.parent / "shared" / "dataset-contract.md"
    if not shared.exists():
        pytest.skip(f"{shared} is not beside the repository")
    assert shared.read_text(encoding="utf-8").strip() in CONTRACT.read_text(encoding="utf-8")
