"""Every `NEWSFACTS_*` setting, read from the environment in this one module.

`Settings.from_env()` reads them all (the compute and sensor groups included) with the defaults
the dataset contract names; a bad value raises `SettingError` naming the variable and the value
(`NEWSFACTS_WORKERS='two' is not a whole number of worker processes`), which the CLI prints
instead of a traceback. The README's Settings table lists each one; a test keeps the two in step.
Parts that need only one group read only it (`ComputeSettings.from_env()` for the compute
resource, `SensorSettings.from_env()` for the sensor), so a bad worker count does not stop the
Dagster code location from loading.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_REMOVED_SHARE = 0.5
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


class SettingError(ValueError):
    """A `NEWSFACTS_*` variable holds a value the pipeline cannot use."""


# Dagster opens its run history as a SQLite URL built from the DAGSTER_HOME path: a `%41` in
# the path is decoded to `A` and a `?` starts the URL's options, so the database it opens is not
# the folder's (`unable to open database file`, after a run has already published).
_DAGSTER_URL_BREAKERS = re.compile(r"%[0-9A-Fa-f]{2}|\?")


def check_dagster_home(home: Path, var: str) -> None:
    """Refuse a DAGSTER_HOME Dagster cannot keep its run history in; `var` is the variable
    the path came from (DAGSTER_HOME, or NEWSFACTS_DATA_DIR for the default inside it)."""
    found = _DAGSTER_URL_BREAKERS.search(str(home))
    if found:
        raise SettingError(
            f"{var} gives the Dagster home '{home}', which contains {found.group()!r}: Dagster "
            "opens its run history through a URL where that means something else, so runs "
            f"would fail; choose a {var} without '%' escapes or '?'")


def number_setting(var: str, default: float, kind: type, what: str,
                   low: float | None = None, high: float | None = None) -> float:
    """`var` as a `kind` (int or float) within [low, high]; unset or blank gives `default`."""
    raw = os.environ.get(var)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw.strip())
    except ValueError:
        raise SettingError(f"{var}={raw!r} is not {what}") from None
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise SettingError(f"{var}={raw!r} must be {bounds}")
    return value


def _flag(var: str) -> bool:
    raw = (os.environ.get(var) or "").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise SettingError(f"{var}={raw!r} is not a yes/no value (use 1 or 0)")


@dataclass(frozen=True)
class ComputeSettings:
    """How the per-document work runs (see pipeline.compute): NEWSFACTS_COMPUTE is
    `processes` (default: a pool of NEWSFACTS_WORKERS forked workers, default one per core) or
    `inprocess`; every input gets NEWSFACTS_DOC_TIMEOUT seconds and NEWSFACTS_DOC_MEMORY_MB
    megabytes (0 turns a limit off); NEWSFACTS_BATCH_SIZE inputs go to a worker at a time
    (0: chosen per run)."""

    mode: str = "processes"
    workers: int = 0
    doc_timeout_s: float = 60.0
    doc_memory_mb: int = 2048
    batch_size: int = 0

    @classmethod
    def from_env(cls) -> ComputeSettings:
        mode = (os.environ.get("NEWSFACTS_COMPUTE") or "processes").strip().lower()
        if mode not in ("processes", "inprocess"):
            raise SettingError(f"NEWSFACTS_COMPUTE={mode!r} is not processes or inprocess "
                               "(ray is not available yet)")
        return cls(
            mode=mode,
            workers=int(number_setting("NEWSFACTS_WORKERS", 0, int,
                                       "a whole number of worker processes", low=0)),
            doc_timeout_s=number_setting("NEWSFACTS_DOC_TIMEOUT", cls.doc_timeout_s, float,
                                         "a number of seconds", low=0),
            doc_memory_mb=int(number_setting("NEWSFACTS_DOC_MEMORY_MB", cls.doc_memory_mb, int,
                                             "a whole number of megabytes", low=0)),
            batch_size=int(number_setting("NEWSFACTS_BATCH_SIZE", 0, int,
                                          "a whole number of inputs", low=0)),
        )


@dataclass(frozen=True)
class SensorSettings:
    """The inbox sensor (pipeline.sensors): it ticks every NEWSFACTS_SENSOR_INTERVAL seconds and
    takes a new file as completely written once it is NEWSFACTS_SETTLE_SECONDS old."""

    interval_s: int = 30
    settle_s: float = 10.0

    @classmethod
    def from_env(cls) -> SensorSettings:
        return cls(
            interval_s=int(number_setting("NEWSFACTS_SENSOR_INTERVAL", cls.interval_s, int,
                                          "a whole number of seconds", low=1)),
            settle_s=number_setting("NEWSFACTS_SETTLE_SECONDS", cls.settle_s, float,
                                    "a number of seconds", low=0),
        )


@dataclass(frozen=True)
class RepeatedLineSettings:
    """Outlet chrome (pipeline.core.documents.repeated): a short line is dropped from a document
    when at least NEWSFACTS_REPEATED_LINE_DOCS documents of its outlet hold it and they are at
    least NEWSFACTS_REPEATED_LINE_SHARE of the outlet's documents (the same over the corpus)."""

    min_docs: int = 5
    min_share: float = 0.25

    @classmethod
    def from_env(cls) -> RepeatedLineSettings:
        return cls(
            min_docs=int(number_setting("NEWSFACTS_REPEATED_LINE_DOCS", cls.min_docs, int,
                                        "a whole number of documents", low=2)),
            min_share=number_setting("NEWSFACTS_REPEATED_LINE_SHARE", cls.min_share, float,
                                     "a share between 0 and 1", low=0, high=1),
        )


@dataclass(frozen=True)
class Settings:
    """All of them: the paths and the publishing guard here, compute and sensor as groups."""

    inbox: Path
    data_dir: Path
    max_file_bytes: int
    lock_timeout_s: float
    # A run that would drop more than this share of the latest release's documents publishes
    # nothing (an unmounted share or a typo in NEWSFACTS_INBOX must not wipe the dataset).
    max_removed_share: float = DEFAULT_MAX_REMOVED_SHARE
    allow_shrink: bool = False
    compute: ComputeSettings = ComputeSettings()
    sensor: SensorSettings = SensorSettings()

    @classmethod
    def from_env(cls) -> Settings:
        def path(var: str, default: str) -> Path:
            value = os.environ.get(var) or default
            p = Path(value).expanduser()
            return (p if p.is_absolute() else PROJECT_ROOT / p).resolve()

        return cls(
            inbox=path("NEWSFACTS_INBOX", "seeds"),
            data_dir=path("NEWSFACTS_DATA_DIR", "data"),
            max_file_bytes=int(number_setting(
                "NEWSFACTS_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES, int,
                "a whole number of bytes", low=1)),
            lock_timeout_s=number_setting("NEWSFACTS_LOCK_TIMEOUT", 1800.0, float,
                                   "a number of seconds", low=0),
            max_removed_share=number_setting(
                "NEWSFACTS_MAX_REMOVED_SHARE", DEFAULT_MAX_REMOVED_SHARE, float,
                "a share between 0 and 1", low=0, high=1),
            allow_shrink=_flag("NEWSFACTS_ALLOW_SHRINK"),
            compute=ComputeSettings.from_env(),
            sensor=SensorSettings.from_env(),
        )

