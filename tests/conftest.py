"""Shared fixtures: the seeds, temporary data folders, and running the stages without Dagster."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.store import DataStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A fresh inbox holding copies of the five seed articles."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture
def store(tmp_path: Path, inbox: Path) -> DataStore:
    return DataStore(tmp_path / "data", inbox, lock_timeout_s=30)
