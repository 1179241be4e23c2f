"""The whole asset graph materializes with Dagster on the seeds into a temporary data folder."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from pipeline.assets import ALL_ASSETS
from pipeline.checks import ALL_CHECKS
from pipeline.release import verify_all
from pipeline.resources import NewsfactsCompute, NewsfactsStore
from pipeline.store import DataStore


def _materialize(
    data: Path, inbox: Path, instance: dg.DagsterInstance
) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [*ALL_ASSETS, *ALL_CHECKS],
        resources={"store": NewsfactsStore(data_dir=str(data), inbox=str(inbox)),
                   "compute": NewsfactsCompute(workers=2)},
        instance=instance,
        raise_on_error=False,
    )


def test_materialize_all_assets_on_the_seeds(tmp_path: Path, inbox: Path) -> None:
    with dg.instance_for_test() as instance:
        result = _materialize(tmp_path / "data", inbox, instance)
        assert result.success
        checks = result.get_asset_check_evaluations()
        assert len(checks) == 8 and all(c.passed for c in checks)
        release = result.asset_materializations_for_node("release")[0].metadata
        assert release["version"].value == "v1" and release["published"].value is True
        docs_meta = next(m for m in result.get_asset_materialization_events()
                         if m.asset_key == dg.AssetKey("documents")).materialization.metadata
        assert docs_meta["dagster/row_count"].value == 5
        assert "dagster/column_schema" in docs_meta and "preview" in docs_meta

        again = _materialize(tmp_path / "data", inbox, instance)
        assert again.success
        assert again.asset_materializations_for_node("release") == []  # a no-op is no release
        observed = [e.asset_observation_data.asset_observation for e in again.all_events
                    if e.event_type_value == "ASSET_OBSERVATION"]
        meta = observed[-1].metadata
        assert meta["published"].value is False and meta["version"].value == "v1"

    store = DataStore(tmp_path / "data", inbox)
    assert verify_all(store) == []
    docs = store.read_release_table("v1", "documents")
    assert len(docs) == 5


def test_a_failing_schema_check_blocks_the_release(tmp_path: Path, inbox: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.stages as stages

    real = stages.build_facts

    def broken_facts(store: DataStore, log=print):
        result = real(store, log)
        bad = result.tables["facts"].assign(n_documents=0)
        store.write_stage("facts", bad, stages.FACTS_VERSION)  # as if the stage had a bug
        return result

    monkeypatch.setattr(stages, "build_facts", broken_facts)
    with dg.instance_for_test() as instance:
        result = _materialize(tmp_path / "data", inbox, instance)
    assert not result.success
    failed = [c for c in result.get_asset_check_evaluations() if not c.passed]
    assert [c.check_name for c in failed] == ["facts_schema"]
    assert "failure_cases" in failed[0].metadata
    assert not (tmp_path / "data" / "releases" / "LATEST").exists()


def test_a_stage_whose_table_fails_its_schema_fails_its_asset(
        tmp_path: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.stages as stages
    from schemas import SchemaValidationError

    def refused(store: DataStore, log=print):
        cases = pd.DataFrame([{"index": 0, "column": "story_id", "check": "not_nullable",
                               "failure_case": None}])
        raise SchemaValidationError("stories", cases)

    monkeypatch.setattr(stages, "build_stories", refused)
    with dg.instance_for_test() as instance:
        result = _materialize(tmp_path / "data", inbox, instance)
    assert not result.success
    (failure,) = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert failure.step_key == "stories"
    message = failure.step_failure_data.error.message
    assert "Table 'stories' failed its schema; nothing was written." in message
    assert result.asset_materializations_for_node("documents_and_rejections")  # upstream kept
    assert not (tmp_path / "data" / "releases" / "LATEST").exists()
