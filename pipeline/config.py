"""Settings from the environment, with the defaults the dataset contract names."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    inbox: Path
    data_dir: Path
    max_file_bytes: int
    lock_timeout_s: float

    @classmethod
    def from_env(cls) -> Settings:
        def path(var: str, default: str) -> Path:
            value = os.environ.get(var) or default
            p = Path(value).expanduser()
            return (p if p.is_absolute() else PROJECT_ROOT / p).resolve()

        return cls(
            inbox=path("NEWSFACTS_INBOX", "seeds"),
            data_dir=path("NEWSFACTS_DATA_DIR", "data"),
            max_file_bytes=int(os.environ.get("NEWSFACTS_MAX_FILE_BYTES", 5 * 1024 * 1024)),
            lock_timeout_s=float(os.environ.get("NEWSFACTS_LOCK_TIMEOUT", 1800)),
        )
