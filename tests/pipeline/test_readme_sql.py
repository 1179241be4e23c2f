"""Every SQL example in the README runs against real releases of the seeds and answers with rows
(copy-paste must work, and show something)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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
    assert len(readme_statements()) >= 12


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
        rows = con.execute(sql).fetchall()
        con.close()
    finally:
        os.chdir(cwd)
    assert rows, f"no rows on the seeds for:\n{sql}"


def test_readme_changes_query_names_the_added_article_facts(store: DataStore) -> None:
    """'What changed between the latest release and its parent' lists exactly the facts v2 added
    (v2 adds one article to the seeds)."""
    sql = next(s for s in readme_statements() if "FULL JOIN old" in s)
    v1 = set(store.read_release_table("v1", "facts")["fact_id"])
    v2 = store.read_release_table("v2", "facts")
    added = sorted(v2.loc[~v2["fact_id"].isin(v1), "statement"])
    con = duckdb.connect(str(store.warehouse_path), read_only=True)
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    assert sorted(r[1] for r in rows if r[0] == "added") == added
    assert added


def test_print_full_width_hint_works(store: DataStore, capsys: pytest.CaptureFixture) -> None:
    """The README's `show(max_width=..., max_col_width=...)` prints a long statement whole, and
    so does the shell's `.mode line`."""
    query = "SELECT statement FROM facts ORDER BY length(statement) DESC LIMIT 1"
    con = duckdb.connect(str(store.warehouse_path), read_only=True)
    try:
        longest = con.execute(query).fetchall()[0][0]
        con.sql(query).show(max_width=10_000, max_col_width=10_000)
    finally:
        con.close()
    assert len(longest) > 100
    assert longest in capsys.readouterr().out
    cli = Path(sys.executable).parent / "duckdb"
    if not cli.exists():
        pytest.skip(f"the DuckDB CLI is not installed at {cli} (package duckdb-cli)")
    out = subprocess.run([str(cli), "-readonly", str(store.warehouse_path)],
                         input=f".mode line\n{query};\n", capture_output=True, text=True,
                         timeout=60)
    assert longest in out.stdout, out.stderr


def test_the_readme_links_the_contract_inside_the_repository() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "(docs/contract.md)" in readme
    assert "../shared/dataset-contract" not in readme


def test_the_docs_name_every_stage_table() -> None:
    """README's data/stage/ entry and docs/storage.md's opening name every table the stage
    folder holds (fact_state, fact_keys and doc_lines were missing)."""
    from pipeline.release import RELEASE_TABLES
    from pipeline.store import STAGE_SCHEMAS

    tables = {*STAGE_SCHEMAS, *RELEASE_TABLES}
    readme = (ROOT / "README.md").read_text()
    entry = readme[readme.index("  stage/ "):readme.index("  dagster_home/")]
    storage = (ROOT / "docs" / "storage.md").read_text()
    opening = storage[:storage.index("## Layout")]
    for text in (entry, opening):
        named = set(re.findall(r"[a-z_]+", text))
        assert sorted(tables - named) == []
