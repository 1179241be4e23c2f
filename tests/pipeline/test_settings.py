"""Every NEWSFACTS_* setting is read in pipeline/settings.py, in one Settings object, and the
README's Configuration table lists exactly those."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from pipeline.resources import NewsfactsStore
from pipeline.settings import ComputeSettings, SensorSettings, SettingError, Settings
from tests.paths import ROOT

_NAME = re.compile(r"\bNEWSFACTS_[A-Z_]*[A-Z]\b")
_READ = re.compile(r"os\.(?:environ|getenv)")


def _read_in_settings() -> set[str]:
    text = (ROOT / "pipeline" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r'"(NEWSFACTS_[A-Z_]+)"', text))


def test_every_variable_the_code_names_is_read_in_settings() -> None:
    named: set[str] = set()
    for path in [*ROOT.glob("pipeline/**/*.py"), *ROOT.glob("schemas/*.py")]:
        named |= set(_NAME.findall(path.read_text(encoding="utf-8")))
    assert named <= _read_in_settings(), named - _read_in_settings()


def test_no_other_module_reads_a_newsfacts_variable() -> None:
    for path in [*ROOT.glob("pipeline/**/*.py"), *ROOT.glob("schemas/*.py")]:
        if path.name == "settings.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not (_READ.search(line) and "NEWSFACTS_" in line), (path, line)


def test_the_readme_table_lists_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `(NEWSFACTS_[A-Z_]+)` \|", readme, flags=re.MULTILINE))
    assert rows == _read_in_settings()


def test_one_object_holds_every_group(monkeypatch) -> None:
    monkeypatch.setenv("NEWSFACTS_WORKERS", "3")
    monkeypatch.setenv("NEWSFACTS_SETTLE_SECONDS", "2.5")
    monkeypatch.setenv("NEWSFACTS_SENSOR_INTERVAL", "")
    settings = Settings.from_env()
    assert settings.compute == replace(ComputeSettings(), workers=3)
    assert settings.sensor == SensorSettings(interval_s=30, settle_s=2.5)
    # The store resource overrides its own fields and keeps the rest from the environment.
    assert NewsfactsStore(max_file_bytes=10).settings().compute.workers == 3


@pytest.mark.parametrize(("var", "raw", "message"), [
    ("NEWSFACTS_SENSOR_INTERVAL", "0", "NEWSFACTS_SENSOR_INTERVAL='0' must be at least 1"),
    ("NEWSFACTS_SENSOR_INTERVAL", "half a minute",
     "NEWSFACTS_SENSOR_INTERVAL='half a minute' is not a whole number of seconds"),
    ("NEWSFACTS_SETTLE_SECONDS", "-1", "NEWSFACTS_SETTLE_SECONDS='-1' must be at least 0"),
    ("NEWSFACTS_WORKERS", "two",
     "NEWSFACTS_WORKERS='two' is not a whole number of worker processes"),
])
def test_a_bad_value_names_the_variable(monkeypatch, var: str, raw: str, message: str) -> None:
    monkeypatch.setenv(var, raw)
    with pytest.raises(SettingError) as caught:
        Settings.from_env()
    assert str(caught.value) == message
