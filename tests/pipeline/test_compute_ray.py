"""Compute mode ray: the per-document map as Ray tasks on a local cluster.

The tests marked `ray` start one local Ray cluster for the module and run only under
`make test-ray` (which installs the `ray` extra); `make test` skips them, with or without Ray
installed, so the default suite stays lean. The settings tests at the top need no Ray.

On Ray, a release is byte-identical to one built by worker processes or in-process, an input
over its budget (or one that kills its worker) gets the same outcome and the same rejection,
and the Dagster graph materializes with the compute resource in mode ray.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

import pipeline.core.frames as frames
from pipeline.assets import ALL_ASSETS
from pipeline.checks import ALL_CHECKS
from pipeline.compute import Budget, Compute, _first_cause, _probe_ray_address
from pipeline.resources import NewsfactsCompute, NewsfactsStore
from pipeline.settings import ComputeSettings, SettingError
from pipeline.stages import run_all
from pipeline.store import DataStore
from tests.paths import ROOT, seed_inbox
from tests.pipeline.test_compute import (
    MAX,
    _corpus,
    _deaf,
    _fatal,
    _greedy,
    _hang_on_token,
    _marked_article,
    _picky,
    _release_digests,
    _sleepy,
    _square,
)


def _pretend_ray_is(monkeypatch: pytest.MonkeyPatch, installed: bool) -> None:
    monkeypatch.setattr("pipeline.settings.ray_installed", lambda: installed)


def test_mode_ray_without_ray_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    _pretend_ray_is(monkeypatch, False)
    monkeypatch.setenv("NEWSFACTS_COMPUTE", "ray")
    with pytest.raises(SettingError) as caught:
        ComputeSettings.from_env()
    assert str(caught.value) == (
        "NEWSFACTS_COMPUTE='ray' runs the per-document work on Ray, which is not installed: "
        "pip install 'newsfacts[ray]' (or use NEWSFACTS_COMPUTE=processes)")
    with pytest.raises(SettingError, match=r"compute mode 'ray' .*pip install 'newsfacts\[ray\]'"):
        Compute(mode="ray")
    monkeypatch.delenv("NEWSFACTS_COMPUTE")
    with pytest.raises(SettingError, match="compute mode 'ray'"):
        NewsfactsCompute(mode="ray").get()


@pytest.mark.parametrize("address", ["ray://head:10001", "head", "10.0.0.5", "http://head:6379"])
def test_a_bad_ray_address_names_the_setting(monkeypatch: pytest.MonkeyPatch,
                                             address: str) -> None:
    _pretend_ray_is(monkeypatch, True)
    monkeypatch.setenv("NEWSFACTS_COMPUTE", "ray")
    monkeypatch.setenv("NEWSFACTS_RAY_ADDRESS", address)
    with pytest.raises(SettingError) as caught:
        ComputeSettings.from_env()
    assert str(caught.value).startswith(
        f"NEWSFACTS_RAY_ADDRESS={address!r} is not a Ray cluster address: use the head node's "
        "host:port")


def test_the_ray_settings_reach_the_compute(monkeypatch: pytest.MonkeyPatch) -> None:
    _pretend_ray_is(monkeypatch, True)
    monkeypatch.setenv("NEWSFACTS_COMPUTE", " Ray ")
    monkeypatch.setenv("NEWSFACTS_RAY_ADDRESS", "10.0.0.5:6379")
    monkeypatch.setenv("NEWSFACTS_WORKERS", "6")
    assert ComputeSettings.from_env() == ComputeSettings(mode="ray", workers=6,
                                                         ray_address="10.0.0.5:6379")
    compute = Compute.from_env()
    assert (compute.mode, compute.ray_address) == ("ray", "10.0.0.5:6379")
    assert compute.describe() == "Ray tasks on the cluster at 10.0.0.5:6379"
    assert NewsfactsCompute(ray_address="auto").get().ray_address == "auto"
    monkeypatch.delenv("NEWSFACTS_RAY_ADDRESS")
    assert Compute.from_env().describe() == "Ray tasks on a local cluster of 6 CPU(s)"


def test_an_address_where_nothing_listens_is_refused_at_once() -> None:
    """Ray would retry such an address for minutes; the probe before `ray.init` answers now."""
    with pytest.raises(SettingError) as caught:
        _probe_ray_address("127.0.0.1:1")
    assert str(caught.value).startswith(
        "NEWSFACTS_RAY_ADDRESS='127.0.0.1:1': nothing answers there (Connection refused); "
        "start the cluster's head node with `ray start --head`")


def test_a_refused_connection_is_told_by_its_first_cause() -> None:
    """Ray raises a bare ConnectionError from an exception whose text ends with the reason."""
    try:
        try:
            raise RuntimeError("Failed to connect to GCS. Last connection error: Traceback (most "
                               "recent call last):\n  File \"node.py\", line 9\n"
                               "ray.exceptions.AuthenticationError: token is missing\n")
        except RuntimeError as inner:
            raise ConnectionError("Failed to connect to Ray cluster at 10.0.0.5:6379") from inner
    except ConnectionError as exc:
        assert _first_cause(exc) == "ray.exceptions.AuthenticationError: token is missing"


# --- on a local Ray cluster (make test-ray) ---------------------------------------------------

# The time budget of the stage runs below: the marked article hangs past it, and the first input
# of a freshly forked worker (which loads the stage's lazy modules and models, 2-3 s here under
# load) stays within it.
HANG_S = 10.0
# By its import path from the repository root, which the workers get on their PYTHONPATH, as
# the test functions of tests.pipeline.test_compute need (pytest imports this file under another
# name, which the workers could not import).
HANG_HOOK = "tests.pipeline.test_compute_ray._hang_in_quotes"


def _hang_in_quotes() -> None:
    """Every Ray worker of the module's cluster: the quote extractor hangs on the marked
    article, as `monkeypatch` makes it hang in this process and in its forked workers."""
    frames.extract_quotes = _hang_on_token(frames.extract_quotes)


@pytest.fixture(scope="module")
def ray_cluster(request: pytest.FixtureRequest) -> Iterator[str]:
    """A local Ray cluster of 2 CPUs for the module; yields its address."""
    if "ray" not in (request.config.option.markexpr or ""):
        pytest.skip("compute mode ray: run by `make test-ray` (tests marked ray)")
    ray = pytest.importorskip("ray", reason="compute mode ray needs `pip install '.[ray]'`")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(address="local", num_cpus=2, include_dashboard=False, configure_logging=False,
             runtime_env={"worker_process_setup_hook": HANG_HOOK,
                          "env_vars": {"PYTHONPATH": str(ROOT)}})
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()


@pytest.mark.ray
@pytest.mark.parametrize("fn", [_square, _picky, _sleepy, _deaf, _greedy, _fatal])
def test_ray_gives_the_pools_outcomes_input_by_input(ray_cluster: str, fn) -> None:
    """Over its time or memory budget, raising, or killing its worker: on Ray an input gets
    the outcome (and the detail) the process pool gives it, and costs no other input."""
    budget = Budget(seconds=0.5, memory_mb=64)
    on_ray = Compute(mode="ray", workers=2, batch_size=3, budget=budget).map(fn, list(range(9)))
    in_pool = Compute(workers=2, batch_size=3, budget=budget).map(fn, list(range(9)))
    assert on_ray == in_pool
    assert sum(not o.ok for o in on_ray) == (fn is not _square)


@pytest.mark.ray
def test_ray_publishes_the_same_release_as_processes_and_inprocess(
    ray_cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A generated corpus, the seeds and one article that hangs in the quote extractor: the
    release tables (its over_budget rejection included) are the same bytes in the three modes."""
    inbox = _corpus(tmp_path, n=12)
    _marked_article(inbox)
    monkeypatch.setattr(frames, "extract_quotes", _hang_on_token(frames.extract_quotes))
    budget = Budget(seconds=HANG_S)
    digests = {}
    for label, compute in [("ray", Compute(mode="ray", workers=2, batch_size=3, budget=budget)),
                           ("processes", Compute(workers=2, batch_size=3, budget=budget)),
                           ("inprocess", Compute(mode="inprocess", budget=budget))]:
        store = DataStore(tmp_path / label, inbox, lock_timeout_s=30)
        run_all(store, MAX, log=lambda m: None, compute=compute)
        digests[label] = _release_digests(store)
    assert digests["ray"] == digests["processes"] == digests["inprocess"]
    store = DataStore(tmp_path / "ray", inbox)
    docs = store.read_release_table("v1", "documents")
    assert len(docs) == 17 and "marked.txt" not in set(docs["source"])
    rejected = store.read_release_table("v1", "rejections")
    row = rejected[rejected["source"] == "marked.txt"].iloc[0]
    assert (row["reason"], row["detail"]) == (
        "over_budget",
        "over_budget: quotes stage: over the time budget of 10 s per input (NEWSFACTS_DOC_TIMEOUT)")


@pytest.mark.ray
def test_the_graph_materializes_with_the_compute_resource_in_mode_ray(
    ray_cluster: str, tmp_path: Path,
) -> None:
    inbox = seed_inbox(tmp_path / "inbox")
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [*ALL_ASSETS, *ALL_CHECKS],
            resources={"store": NewsfactsStore(data_dir=str(tmp_path / "data"), inbox=str(inbox)),
                       "compute": NewsfactsCompute(mode="ray", workers=2)},
            instance=instance, raise_on_error=False)
    assert result.success
    assert all(c.passed for c in result.get_asset_check_evaluations())
    assert len(DataStore(tmp_path / "data", inbox).read_release_table("v1", "documents")) == 5


_MAP_SCRIPT = """
import json
from pipeline.compute import Compute
compute = Compute.from_env()
outcomes = compute.map(abs, [-3, 1, -4, 1, -5])
print(json.dumps([compute.describe(), [o.value for o in outcomes]]))
"""


def _map_in_a_new_process(env: dict[str, str]) -> list:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("NEWSFACTS_", "RAY_ADDRESS"))}
    done = subprocess.run([sys.executable, "-c", _MAP_SCRIPT], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, env={**clean, **env})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.ray
def test_without_an_address_mode_ray_starts_its_own_local_cluster(ray_cluster: str) -> None:
    described, values = _map_in_a_new_process({"NEWSFACTS_COMPUTE": "ray",
                                               "NEWSFACTS_WORKERS": "1"})
    assert described == "Ray tasks on a local cluster of 1 CPU(s)"
    assert values == [3, 1, 4, 1, 5]


@pytest.mark.ray
def test_with_an_address_mode_ray_joins_that_cluster(ray_cluster: str) -> None:
    described, values = _map_in_a_new_process({"NEWSFACTS_COMPUTE": "ray",
                                               "NEWSFACTS_RAY_ADDRESS": ray_cluster})
    assert described == f"Ray tasks on the cluster at {ray_cluster}"
    assert values == [3, 1, 4, 1, 5]

