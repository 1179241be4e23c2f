"""The Dagster resources: the data store (storage lives in pipeline.store) and the compute that
runs the per-document work (pipeline.compute)."""


from dataclasses import replace
from pathlib import Path

import dagster as dg

from pipeline.compute import Budget, Compute
from pipeline.settings import ComputeSettings, Settings
from pipeline.store import DataStore


class NewsfactsStore(dg.ConfigurableResource):
    """Inbox and data folder. Empty fields fall back to NEWSFACTS_INBOX / NEWSFACTS_DATA_DIR."""

    data_dir: str = ""
    inbox: str = ""
    max_file_bytes: int = 0

    def settings(self) -> Settings:
        env = Settings.from_env()
        return replace(
            env,
            inbox=Path(self.inbox).resolve() if self.inbox else env.inbox,
            data_dir=Path(self.data_dir).resolve() if self.data_dir else env.data_dir,
            max_file_bytes=self.max_file_bytes or env.max_file_bytes,
        )

    def get(self) -> DataStore:
        s = self.settings()
        return DataStore(s.data_dir, s.inbox, s.lock_timeout_s)


class NewsfactsCompute(dg.ConfigurableResource):
    """How the documents, quotes and figures stages run their per-document work: `mode`
    "processes" (a pool of `workers` processes, default one per core), "inprocess", or "ray"
    (Ray tasks on the cluster at `ray_address`, or on a local cluster of `workers` CPUs when it
    is empty; needs `pip install 'newsfacts[ray]'`); each input under `doc_timeout_s` seconds
    and `doc_memory_mb` MB. Empty (zero) fields fall back to NEWSFACTS_COMPUTE,
    NEWSFACTS_WORKERS, NEWSFACTS_DOC_TIMEOUT, NEWSFACTS_DOC_MEMORY_MB, NEWSFACTS_BATCH_SIZE and
    NEWSFACTS_RAY_ADDRESS; set them here for a job or a test
    (`NewsfactsCompute(mode="inprocess")`, `NewsfactsCompute(mode="ray", ray_address="auto")`).
    """

    mode: str = ""
    workers: int = 0
    doc_timeout_s: float = 0
    doc_memory_mb: int = 0
    batch_size: int = 0
    ray_address: str = ""

    def get(self) -> Compute:
        env = ComputeSettings.from_env()
        return Compute(
            mode=self.mode or env.mode,
            workers=self.workers or env.workers,
            budget=Budget(self.doc_timeout_s or env.doc_timeout_s,
                          self.doc_memory_mb or env.doc_memory_mb),
            batch_size=self.batch_size or env.batch_size,
            ray_address=self.ray_address or env.ray_address,
        )
