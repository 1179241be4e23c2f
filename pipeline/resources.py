"""The Dagster resource that hands assets the data store (storage lives in pipeline.store)."""


from pathlib import Path

import dagster as dg

from pipeline.config import Settings
from pipeline.store import DataStore


class NewsfactsStore(dg.ConfigurableResource):
    """Inbox and data folder. Empty fields fall back to NEWSFACTS_INBOX / NEWSFACTS_DATA_DIR."""

    data_dir: str = ""
    inbox: str = ""
    max_file_bytes: int = 0

    def settings(self) -> Settings:
        env = Settings.from_env()
        return Settings(
            inbox=Path(self.inbox).resolve() if self.inbox else env.inbox,
            data_dir=Path(self.data_dir).resolve() if self.data_dir else env.data_dir,
            max_file_bytes=self.max_file_bytes or env.max_file_bytes,
            lock_timeout_s=env.lock_timeout_s,
            max_removed_share=env.max_removed_share,
            allow_shrink=env.allow_shrink,
        )

    def get(self) -> DataStore:
        s = self.settings()
        return DataStore(s.data_dir, s.inbox, s.lock_timeout_s)
