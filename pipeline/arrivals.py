"""What changed in the inbox since the last run, and which changes have settled.

Plain logic behind the inbox sensor (no Dagster): the baseline is the inbox listing the last
run stored (stage/inbox.parquet), so the sensor needs no snapshot of its own; its cursor holds
only the files seen changing at the previous tick, which stay pending until they stop changing.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.core.documents import list_inbox
from pipeline.store import DataStore

Stat = tuple[int, int]  # (size, mtime_ns)


@dataclass
class InboxChanges:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # still being written
    pending: dict[str, Stat] = field(default_factory=dict)  # for the next tick's cursor

    @property
    def ready(self) -> bool:
        return bool(self.new or self.changed or self.removed)

    def digest(self) -> str:
        """Identifies this set of changes: the same changes give the same run key."""
        payload = json.dumps([self.new, self.changed, self.removed], sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:20]

    def summary(self) -> str:
        return (f"{len(self.new)} new, {len(self.changed)} changed, {len(self.removed)} removed, "
                f"{len(self.waiting)} still being written")


def current_listing(inbox: Path) -> dict[str, Stat]:
    """(size, mtime_ns) of every candidate inbox file (hidden and partial names excluded)."""
    listing: dict[str, Stat] = {}
    for source in list_inbox(inbox):
        try:
            st = os.stat(inbox / source)
        except OSError:
            if os.path.islink(inbox / source):
                listing[source] = (-1, -1)  # dangling link: listed as scan_inbox lists it
            continue
        listing[source] = (st.st_size, st.st_mtime_ns)
    return listing


def baseline_listing(store: DataStore) -> dict[str, Stat]:
    """What the last run saw in the inbox."""
    df = store.read_stage("inbox")
    return {s: (int(z), int(m)) for s, z, m in
            zip(df["source"], df["size"], df["mtime_ns"], strict=True)}


def detect_changes(
    current: dict[str, Stat],
    baseline: dict[str, Stat],
    pending: dict[str, Stat],
    settle_s: float,
    now_ns: int | None = None,
) -> InboxChanges:
    """Split the difference between the inbox and the baseline into settled and waiting files.

    A new or changed file is settled when its size and mtime are the same as at the previous
    tick (it is in `pending` with that stat), or when it was last modified more than
    `settle_s` seconds ago. Removals are settled at once.
    """
    now_ns = time.time_ns() if now_ns is None else now_ns
    out = InboxChanges()
    for source in sorted(current):
        stat = current[source]
        before = baseline.get(source)
        if before == stat:
            continue
        quiet = (now_ns - stat[1]) / 1e9 > settle_s
        if pending.get(source) == stat or quiet:
            (out.new if before is None else out.changed).append(source)
        else:
            out.waiting.append(source)
            out.pending[source] = stat
    out.removed = sorted(set(baseline) - set(current))
    return out


def encode_cursor(pending: dict[str, Stat]) -> str:
    return json.dumps({"pending": {k: list(v) for k, v in sorted(pending.items())}})


def decode_cursor(cursor: str | None) -> dict[str, Stat]:
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
        return {k: (int(v[0]), int(v[1])) for k, v in data.get("pending", {}).items()}
    except (ValueError, TypeError, KeyError, IndexError):
        return {}
