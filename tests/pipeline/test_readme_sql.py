"""Every SQL example in the README runs against a real release (copy-paste must work)."""

from __future__ import annotations

import os
import re

import duckdb
import pytest

from pipeline.stages import run_all
from pipeline.store import DataStore
from tests.paths import ROOT


def readme_statements() -> list[str]:
    blocks = re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    statements = []
    for block in blocks:
        body = "\n".join(ln for ln in block.splitlines() if not ln.strip().startswith("--"))
        statements += [s.strip() for s in body.split(";") if s.strip()]
    return statements


def test_readme_has_sql_examples() -> None:
    assert len(readme_statements()) >= 8


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> DataStore:
    """Two releases of the seeds (v2 adds one article), so cross-release queries have data."""
    root = tmp_path_factory.mktemp("readme")
    inbox = root / "inbox"
    inbox.mkdir()
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        (inbox / f.name).write_bytes(f.read_bytes())
    store = DataStore(root / "data", inbox)
    run_all(store, 5 * 1024 * 1024)
    inbox.joinpath("more.txt").write_bytes(
        (ROOT / "tests" / "fixtures" / "extra_article.txt").read_bytes())
    run_all(store, 5 * 1024 * 1024)
    return store


@pytest.mark.parametrize("sql", readme_statements())
def test_readme_sql_runs(sql: str, store: DataStore) -> None:
    cwd = os.getcwd()
    os.chdir(store.data_dir.parent)  # README paths are 'data/releases/...'
    try:
        con = duckdb.connect(str(store.warehouse_path), read_only=True)
        con.execute(sql).fetchall()
        con.close()
    finally:
        os.chdir(cwd)
