"""Every SQL example in the README runs against a real release (copy-paste must work)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pytest

from pipeline.stages import run_all
from pipeline.store import DataStore

ROOT = Path(__file__).resolve().parent.parent


def readme_statements() -> list[str]:
    blocks = re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    statements = []
    for block in blocks:
        body = "\n".join(ln for ln in block.splitlines() if not ln.strip().startswith("--"))
        statements += [s.strip() for s in body.split(";") if s.strip()]
    return statements


def test_readme_has_sql_examples() -> None:
    assert len(readme_statements()) >= 8


@pytest.mark.parametrize("sql", readme_statements())
def test_readme_sql_runs(sql: str, store: DataStore, tmp_path: Path) -> None:
    run_all(store, 5 * 1024 * 1024)
    store.inbox.joinpath("more.txt").write_bytes(
        (ROOT / "tests" / "fixtures" / "extra_article.txt").read_bytes())
    run_all(store, 5 * 1024 * 1024)  # v2, so queries across releases have two to compare
    cwd = os.getcwd()
    os.chdir(store.data_dir.parent)  # README paths are 'data/releases/...'
    try:
        con = duckdb.connect(str(store.warehouse_path), read_only=True)
        con.execute(sql).fetchall()
        con.close()
    finally:
        os.chdir(cwd)
