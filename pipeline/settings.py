"""Every `NEWSFACTS_*` setting, read from the environment in this one module.

`Settings.from_env()` reads them all (the compute and sensor groups included) with the defaults
the dataset contract names; a bad value raises `SettingError` naming the variable and the value
(`NEWSFACTS_WORKERS='two' is not a whole number of worker processes`), which the CLI prints
instead of a traceback. The README's Settings table lists each one; a test keeps the two in step.
Parts that need only one group read only it (`ComputeSettings.from_env()` for the compute
resource, `SensorSettings.from_env()` for the sensor), so a bad worker count does not stop the
Dagster code location from loading. A group is a frozen dataclass whose numeric fields name their
variable beside their default (`env_number`); one `EnvGroup.from_env` reads them all.
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Self

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
class _Number:
    """Where one numeric field of a settings group comes from (see `number_setting`)."""

    var: str
    kind: type
    what: str
    low: float | None = None
    high: float | None = None

    def read(self, default: float) -> Any:
        value = number_setting(self.var, default, self.kind, self.what, self.low, self.high)
        return int(value) if self.kind is int else value


def env_number(default: float, var: str, kind: type, what: str, low: float | None = None,
               high: float | None = None) -> Any:
    """A settings field read from `var` by `from_env`: the field says its variable, kind and
    bounds once, beside its default, e.g. `settle_s: float = env_number(10.0,
    "NEWSFACTS_SETTLE_SECONDS", float, "a number of seconds", low=0)`."""
    return field(default=default, metadata={"env": _Number(var, kind, what, low, high)})


class EnvGroup:
    """A group of settings (a frozen dataclass) whose numeric fields are `env_number`s:
    one `from_env` reads them all, so a group is only its fields."""

    @classmethod
    def numbers_from_env(cls) -> dict[str, Any]:
        group = fields(cls)  # type: ignore[arg-type]
        return {f.name: f.metadata["env"].read(f.default) for f in group if "env" in f.metadata}

    @classmethod
    def from_env(cls) -> Self:
        return cls(**cls.numbers_from_env())


COMPUTE_MODES = ("processes", "inprocess", "ray")
RAY_INSTALL = "pip install 'newsfacts[ray]'"
# A Ray cluster's address: `auto` (the cluster this machine has joined with `ray start`) or the
# head node's host:port (`ray start --head` prints it, port 6379 by default).
_RAY_ADDRESS = re.compile(r"auto|[A-Za-z0-9_.\-]+:[0-9]{1,5}|\[[0-9A-Fa-f:.]+\]:[0-9]{1,5}")


def ray_installed() -> bool:
    return importlib.util.find_spec("ray") is not None


def require_ray(what: str) -> None:
    """Refuse `what` (a setting or a mode that runs on Ray) when Ray is not installed."""
    if not ray_installed():
        raise SettingError(f"{what} runs the per-document work on Ray, which is not installed: "
                           f"{RAY_INSTALL} (or use NEWSFACTS_COMPUTE=processes)")


def _ray_address() -> str:
    raw = (os.environ.get("NEWSFACTS_RAY_ADDRESS") or "").strip()
    if raw and not _RAY_ADDRESS.fullmatch(raw):
        raise SettingError(
            f"NEWSFACTS_RAY_ADDRESS={raw!r} is not a Ray cluster address: use the head node's "
            "host:port (`ray start --head` prints it, e.g. 10.0.0.5:6379), or auto for the "
            "cluster this machine joined with `ray start`; unset, mode ray starts a local cluster")
    return raw


@dataclass(frozen=True)
class ComputeSettings(EnvGroup):
    """How the per-document work runs (see pipeline.compute): NEWSFACTS_COMPUTE is
    `processes` (default: a pool of NEWSFACTS_WORKERS forked workers, default one per core),
    `inprocess`, or `ray` (Ray tasks on the cluster at NEWSFACTS_RAY_ADDRESS, or on a local
    cluster of NEWSFACTS_WORKERS CPUs when it is unset); every input gets NEWSFACTS_DOC_TIMEOUT
    seconds and NEWSFACTS_DOC_MEMORY_MB megabytes (0 turns a limit off); NEWSFACTS_BATCH_SIZE
    inputs go to a worker at a time (0: chosen per run)."""

    mode: str = "processes"
    workers: int = env_number(0, "NEWSFACTS_WORKERS", int, "a whole number of worker processes",
                              low=0)
    doc_timeout_s: float = env_number(60.0, "NEWSFACTS_DOC_TIMEOUT", float,
                                      "a number of seconds", low=0)
    doc_memory_mb: int = env_number(2048, "NEWSFACTS_DOC_MEMORY_MB", int,
                                    "a whole number of megabytes", low=0)
    batch_size: int = env_number(0, "NEWSFACTS_BATCH_SIZE", int, "a whole number of inputs",
                                 low=0)
    ray_address: str = ""

    @classmethod
    def from_env(cls) -> ComputeSettings:
        numbers = cls.numbers_from_env()
        raw = os.environ.get("NEWSFACTS_COMPUTE") or "processes"
        mode = raw.strip().lower()
        if mode not in COMPUTE_MODES:
            raise SettingError(f"NEWSFACTS_COMPUTE={raw!r} is not one of "
                               f"{', '.join(COMPUTE_MODES)}")
        if mode == "ray":
            require_ray("NEWSFACTS_COMPUTE='ray'")
        return cls(mode=mode, ray_address=_ray_address(), **numbers)


@dataclass(frozen=True)
class SensorSettings(EnvGroup):
    """The inbox sensor (pipeline.sensors): it ticks every NEWSFACTS_SENSOR_INTERVAL seconds and
    takes a new file as completely written once it is NEWSFACTS_SETTLE_SECONDS old."""

    interval_s: int = env_number(30, "NEWSFACTS_SENSOR_INTERVAL", int,
                                 "a whole number of seconds", low=1)
    settle_s: float = env_number(10.0, "NEWSFACTS_SETTLE_SECONDS", float,
                                 "a number of seconds", low=0)


@dataclass(frozen=True)
class RepeatedLineSettings(EnvGroup):
    """Outlet chrome (pipeline.core.documents.repeated): a short line is dropped from a document
    when at least NEWSFACTS_REPEATED_LINE_DOCS documents of its outlet hold it and they are at
    least NEWSFACTS_REPEATED_LINE_SHARE of the outlet's documents (the same over the corpus)."""

    min_docs: int = env_number(5, "NEWSFACTS_REPEATED_LINE_DOCS", int,
                               "a whole number of documents", low=2)
    min_share: float = env_number(0.25, "NEWSFACTS_REPEATED_LINE_SHARE", float,
                                  "a share between 0 and 1", low=0, high=1)


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

