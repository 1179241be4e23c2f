"""The Dagster code location: assets, checks, the job that runs them all, sensor, schedule."""

from __future__ import annotations

import dagster as dg

from pipeline.assets import ALL_ASSETS
from pipeline.checks import ALL_CHECKS
from pipeline.resources import NewsfactsCompute, NewsfactsStore
from pipeline.sensors import JOB_NAME, inbox_sensor, nightly_full_rebuild

refresh_dataset = dg.define_asset_job(
    JOB_NAME,
    selection=dg.AssetSelection.all(),
    description="Bring the dataset up to date with the inbox and publish a release.",
    tags={"newsfacts/writes": "data"},
    # One process per run: a fresh process per step cost 8-35 s a step for 1-2 s of work.
    executor_def=dg.in_process_executor,
)

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[refresh_dataset],
    sensors=[inbox_sensor],
    schedules=[nightly_full_rebuild],
    resources={"store": NewsfactsStore(), "compute": NewsfactsCompute()},
)
