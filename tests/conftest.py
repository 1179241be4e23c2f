"""Shared fixtures: the seeds, temporary data folders, and running the stages without Dagster."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.store import DataStore
from tests.paths import SEEDS, seed_inbox  # noqa: F401  (SEEDS: older imports from conftest)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A fresh inbox holding copies of the five seed articles."""
    return seed_inbox(tmp_path / "inbox")


@pytest.fixture
def store(tmp_path: Path, inbox: Path) -> DataStore:
    return DataStore(tmp_path / "data", inbox, lock_timeout_s=30)
