"""The inbox sensor (on by default) and the nightly full rebuild schedule (off by default)."""


import dagster as dg

from pipeline.arrivals import (
    baseline_listing,
    current_listing,
    decode_cursor,
    detect_changes,
    encode_cursor,
)
from pipeline.resources import NewsfactsStore
from pipeline.settings import SensorSettings

# The one job (pipeline.definitions): the sensor, the schedule and `newsfacts run` name it.
JOB_NAME = "refresh_dataset"
FULL_REBUILD_TAG = "newsfacts/full_rebuild"
# Read when the code location loads: Dagster fixes a sensor's interval at definition time.
SENSOR = SensorSettings.from_env()


@dg.sensor(
    job_name=JOB_NAME,
    minimum_interval_seconds=SENSOR.interval_s,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the inbox for new, changed and removed articles and requests one run "
    "that brings the dataset up to date. Files still being written (size or mtime changing "
    "between ticks, or names like .part/.tmp/.hidden) wait until they settle. While a run is "
    "queued and not yet started, no other is requested: it will see the new files too.",
)
def inbox_sensor(context: dg.SensorEvaluationContext, store: NewsfactsStore):
    ds = store.get()
    if not ds.inbox.is_dir():
        return dg.SkipReason(f"inbox {ds.inbox} does not exist")
    changes = detect_changes(
        current_listing(ds.inbox), baseline_listing(ds), decode_cursor(context.cursor),
        SENSOR.settle_s,
    )
    context.update_cursor(encode_cursor(changes.pending))
    if not changes.ready:
        if changes.waiting:
            return dg.SkipReason(f"waiting for {len(changes.waiting)} file(s) still being written")
        return dg.SkipReason("the dataset is up to date with the inbox")
    queued = context.instance.get_run_records(
        dg.RunsFilter(job_name=JOB_NAME,
                      statuses=[dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED]),
        limit=1,
    )
    if queued:
        return dg.SkipReason(f"{changes.summary()}; a queued run will pick them up")
    context.log.info(f"inbox: {changes.summary()}")
    return dg.RunRequest(
        run_key=f"inbox-{changes.digest()}",
        tags={"newsfacts/trigger": "inbox_sensor", "newsfacts/new": str(len(changes.new)),
              "newsfacts/changed": str(len(changes.changed)),
              "newsfacts/removed": str(len(changes.removed))},
    )


nightly_full_rebuild = dg.ScheduleDefinition(
    name="nightly_full_rebuild",
    job_name=JOB_NAME,
    cron_schedule="0 3 * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    tags={FULL_REBUILD_TAG: "true"},
    description="Rebuilds every stage from scratch at 03:00, ignoring cached stage results; "
    "turn it on after upgrading the extraction code. Fact ids stay stable (they come from the "
    "latest release).",
)
