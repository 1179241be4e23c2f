"""The facts stage builds incrementally from its stored facts, and what it stores equals, byte for
byte, a full facts build of the same data folder: through `run_all` as seed articles arrive in
random batches and one leaves, and through Dagster's `materialize` when one more arrives."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from pipeline import stages
from pipeline.assets import ALL_ASSETS
from pipeline.checks import ALL_CHECKS
from pipeline.compute import Compute
from pipeline.resources import NewsfactsCompute, NewsfactsStore
from pipeline.stages import run_all
from pipeline.store import DataStore
from tests.paths import SEEDS

COMPARED = ("facts", "fact_mentions", "speakers", "fact_state", "fact_keys")


def _stage_bytes(store: DataStore) -> dict[str, bytes]:
    return {t: store.stage_path(t).read_bytes() for t in COMPARED}


def _full_rebuild(data: Path, inbox: Path, copy: Path) -> tuple[DataStore, stages.StageResult]:
    """The facts stage of a copy of `data` without its incremental state: a full build."""
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(data, copy)
    other = DataStore(copy, inbox)
    other.stage_path("fact_state").unlink()
    with other.lock():
        return other, stages.build_facts(other)


@pytest.mark.parametrize("seed", [5, 6])
def test_stage_incremental_runs_equal_a_full_rebuild(tmp_path: Path, seed: int) -> None:
    files = sorted(SEEDS.glob("*.txt"))
    random.Random(seed).shuffle(files)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    store = DataStore(tmp_path / "data", inbox)
    incremental = 0
    for batch in [files[:2], files[2:3], files[3:], None]:
        if batch is None:
            (inbox / files[0].name).unlink()
        else:
            for path in batch:
                shutil.copy(path, inbox / path.name)
        report: dict = {}
        run_all(store, 5 * 1024 * 1024, report=report, compute=Compute(mode="inprocess"))
        incremental += bool(report["facts"].stats.get("incremental"))
        other, rebuilt = _full_rebuild(tmp_path / "data", inbox, tmp_path / "copy")
        assert rebuilt.stats["incremental"] is False
        assert _stage_bytes(other) == _stage_bytes(store)
    assert incremental == 3  # every run after the first


def test_materialize_builds_facts_incrementally(tmp_path: Path) -> None:
    files = sorted(SEEDS.glob("*.txt"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = tmp_path / "data"

    def materialize(instance: dg.DagsterInstance) -> list[str]:
        result = dg.materialize(
            [*ALL_ASSETS, *ALL_CHECKS],
            resources={"store": NewsfactsStore(data_dir=str(data), inbox=str(inbox)),
                       "compute": NewsfactsCompute(workers=1)},
            instance=instance)
        assert result.success
        return [e.user_message for e in instance.all_logs(result.run_id)
                if e.user_message.startswith("facts: ")]

    with dg.instance_for_test() as instance:
        for path in files[:4]:
            shutil.copy(path, inbox / path.name)
        assert any(m.startswith("facts: full build") for m in materialize(instance))
        shutil.copy(files[4], inbox / files[4].name)
        assert any(m.startswith("facts: incremental") for m in materialize(instance))
    store = DataStore(data, inbox)
    other, _ = _full_rebuild(data, inbox, tmp_path / "copy")
    assert _stage_bytes(other) == _stage_bytes(store)
    assert len(store.read_release_table(store.latest_release(), "fact_mentions")) == len(
        store.read_stage("fact_mentions"))


def test_a_run_killed_before_fact_keys_was_written_builds_again(tmp_path: Path) -> None:
    """facts, fact_mentions, speakers and fact_state of this build but fact_keys of an older
    one (killed between the writes): the stored facts are not reused, the next run builds in
    full and leaves all five tables of one build, equal to a clean full build."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(path, inbox / path.name)
    store = DataStore(tmp_path / "data", inbox)
    run_all(store, 5 * 1024 * 1024, compute=Compute(mode="inprocess"))
    clean = _stage_bytes(store)
    stamp = store.stage_version("fact_keys")
    store.write_stage("fact_keys", store.read_stage("fact_keys").iloc[:1], "an older build")
    with store.lock():
        again = stages.build_facts(store)
    assert again.stats.get("incremental") is False
    assert {store.stage_version(t) for t in COMPARED} == {stamp}
    assert _stage_bytes(store) == clean


def test_a_renamed_outlet_changes_the_facts_input_digest() -> None:
    """Conflict notes name documents by outlet (else file): a rename is a change to build."""
    docs = pd.DataFrame({"doc_id": ["d_1", "d_2"], "duplicate_of": [None, "d_1"],
                         "story_id": ["s_1", "s_1"], "outlet": ["Kestrel Post", None],
                         "source": ["a.txt", "b.txt"]})
    tables = {"documents": docs, "quotes": pd.DataFrame({"quote_id": ["q_1"]}),
              "figures": pd.DataFrame({"figure_id": ["g_1"]})}
    before = stages._facts_input_digest(tables)
    renamed = docs.assign(outlet=["Kestrel Evening Post", None])
    assert stages._facts_input_digest({**tables, "documents": renamed}) != before
    assert stages._facts_input_digest({**tables, "documents": docs.copy()}) == before
