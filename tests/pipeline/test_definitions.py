"""The Dagster code location loads and validates, with every asset, check and job."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from pipeline.assets import GROUPS
from pipeline.definitions import defs
from pipeline.sensors import JOB_NAME
from pipeline.stages import EXTRACTOR_BY_NAME, EXTRACTORS, FIGURES_VERSION, QUOTES_VERSION
from tests.paths import ROOT


def test_dagster_definitions_validate(tmp_path: Path) -> None:
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "DAGSTER_DISABLE_TELEMETRY": "1"}
    (tmp_path / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    dagster = Path(sys.executable).parent / "dagster"
    out = subprocess.run([str(dagster), "definitions", "validate", "-w", "workspace.yaml"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_stage_is_an_asset_with_a_description_and_code_version() -> None:
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert keys == {"inbox_files", "documents", "rejections", "quotes", "figures", "stories",
                    "facts", "fact_mentions", "speakers", "release"}
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.description, key
        assert node.code_version, key
    upstream = {k.to_user_string() for k in graph.get(dg.AssetKey("release")).parent_keys}
    assert upstream == {"documents", "rejections", "quotes", "figures", "stories", "facts",
                        "fact_mentions", "speakers"}


def test_assets_are_grouped_by_stage() -> None:
    graph = defs.resolve_asset_graph()
    groups: dict[str, set[str]] = {}
    for key in graph.get_all_asset_keys():
        groups.setdefault(graph.get(key).group_name, set()).add(key.to_user_string())
    assert groups == {
        "ingest": {"inbox_files", "documents", "rejections"},
        "extract": {"quotes", "figures"},
        "stories": {"stories"},
        "facts": {"facts", "fact_mentions", "speakers"},
        "publish": {"release"},
    }
    assert list(GROUPS) == ["ingest", "extract", "stories", "facts", "publish"]


def test_one_extract_asset_per_extractor() -> None:
    graph = defs.resolve_asset_graph()
    extract = {k.to_user_string(): graph.get(k) for k in graph.get_all_asset_keys()
               if graph.get(k).group_name == "extract"}
    assert set(extract) == set(EXTRACTOR_BY_NAME) == {"quotes", "figures"}
    assert {name: node.code_version for name, node in extract.items()} == {
        "quotes": QUOTES_VERSION, "figures": FIGURES_VERSION}
    assert {e.name: e.id_column for e in EXTRACTORS} == {"quotes": "quote_id",
                                                         "figures": "figure_id"}


def test_one_job_under_one_name() -> None:
    assert [job.name for job in defs.jobs] == [JOB_NAME]
    assert {s.job_name for s in defs.sensors} | {s.job_name for s in defs.schedules} == {JOB_NAME}


def test_every_table_has_a_blocking_schema_check() -> None:
    checks = {(c.asset_key.to_user_string(), c.name): c
              for c in defs.resolve_asset_graph().asset_check_keys}
    for table in ("documents", "rejections", "quotes", "figures", "stories", "facts",
                  "fact_mentions", "speakers"):
        assert (table, f"{table}_schema") in checks
    specs = [spec for a in defs.assets for spec in getattr(a, "check_specs", [])]
    specs += [spec for c in defs.asset_checks for spec in c.check_specs]
    assert specs and all(spec.blocking for spec in specs)
