"""An empty or wrong inbox never wipes the published dataset; `pin` is the way back;
configuration mistakes name the variable instead of raising a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import cli
from pipeline.config import SettingError, Settings
from pipeline.release import recover
from pipeline.stages import ShrinkRefused, run_all
from pipeline.store import DataStore

MAX = 5 * 1024 * 1024


def _empty(inbox: Path) -> None:
    for f in inbox.iterdir():
        f.unlink()


def test_an_empty_inbox_publishes_nothing_and_names_the_flag(store: DataStore) -> None:
    assert run_all(store, MAX).version == "v1"
    _empty(store.inbox)
    with pytest.raises(ShrinkRefused, match="NEWSFACTS_ALLOW_SHRINK=1"):
        run_all(store, MAX)
    assert store.latest_release() == "v1"
    assert len(store.read_release_table("v1", "documents")) == 5


def test_removing_most_documents_is_refused_unless_allowed(store: DataStore) -> None:
    run_all(store, MAX)
    for f in sorted(store.inbox.iterdir())[:3]:  # 3 of 5 gone: 60% > 50%
        f.unlink()
    with pytest.raises(ShrinkRefused, match="remove 3 of the 5 documents of v1"):
        run_all(store, MAX)
    result = run_all(store, MAX, allow_shrink=True)
    assert result.published and result.version == "v2"
    assert len(store.read_release_table("v2", "documents")) == 2


def test_removing_a_few_documents_publishes(store: DataStore) -> None:
    run_all(store, MAX)
    sorted(store.inbox.iterdir())[0].unlink()
    result = run_all(store, MAX)
    assert result.published and len(store.read_release_table(result.version, "documents")) == 4


def test_pin_points_latest_back_and_survives_recovery(
    store: DataStore, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run_all(store, MAX)
    sorted(store.inbox.iterdir())[0].unlink()
    assert run_all(store, MAX).version == "v2"
    monkeypatch.setenv("NEWSFACTS_DATA_DIR", str(store.data_dir))
    monkeypatch.setenv("NEWSFACTS_INBOX", str(store.inbox))
    assert cli.main(["pin", "v1"]) == 0
    assert "LATEST is now v1 (was v2)" in capsys.readouterr().out
    assert store.latest_release() == "v1"
    recover(store)  # a pinned LATEST is not a crashed run's leftover
    assert store.latest_release() == "v1"
    assert (store.releases_dir / "pins.jsonl").read_text().count('"pinned": "v1"') == 1
    assert cli.main(["pin", "v9"]) == 2
    assert "there is no release v9" in capsys.readouterr().err


@pytest.mark.parametrize(("var", "value", "message"), [
    ("NEWSFACTS_MAX_FILE_BYTES", "5MB", "NEWSFACTS_MAX_FILE_BYTES='5MB' is not a whole number"),
    ("NEWSFACTS_LOCK_TIMEOUT", "soon", "NEWSFACTS_LOCK_TIMEOUT='soon' is not a number"),
    ("NEWSFACTS_MAX_REMOVED_SHARE", "2", "must be between 0 and 1"),
    ("NEWSFACTS_ALLOW_SHRINK", "maybe", "NEWSFACTS_ALLOW_SHRINK='maybe' is not a yes/no"),
])
def test_bad_settings_name_the_variable(
    var: str, value: str, message: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(var, value)
    with pytest.raises(SettingError, match=message):
        Settings.from_env()
    assert cli.main(["verify"]) == 2
    assert message in capsys.readouterr().err
