"""One writer at a time: an advisory file lock on the data folder, re-entrant in a process.

`make run`, a UI run and a sensor run may start together; whoever comes second waits (and
says so) until the first has finished writing, or gives up with a clear message after the
timeout. The kernel drops the lock when a process dies, so a killed run never leaves it held.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

_held: dict[str, tuple[int, int]] = {}  # lock path -> (fd, depth)
_mutex = threading.Lock()


class LockTimeout(RuntimeError):
    pass


def _holder(path: Path) -> str:
    try:
        return path.read_text().strip() or "unknown"
    except OSError:
        return "unknown"


@contextmanager
def data_lock(path: Path, timeout_s: float = 1800, poll_s: float = 0.2) -> Iterator[None]:
    """Hold the exclusive lock at `path` for the block; nested use in one process is free."""
    key = str(path)
    with _mutex:
        if key in _held:
            fd, depth = _held[key]
            _held[key] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _mutex:
                fd, depth = _held[key]
                _held[key] = (fd, depth - 1)
        return

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout_s
    announced = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if not announced:
                log.warning("another newsfacts run (%s) is writing to %s; waiting up to %.0f s",
                            _holder(path), path.parent, timeout_s)
                announced = True
            if time.monotonic() > deadline:
                os.close(fd)
                raise LockTimeout(
                    f"gave up after {timeout_s:.0f} s: another newsfacts run ({_holder(path)}) "
                    f"still holds {path}. Let it finish, or raise NEWSFACTS_LOCK_TIMEOUT."
                ) from None
            time.sleep(poll_s)
    os.ftruncate(fd, 0)
    os.write(fd, f"pid {os.getpid()} since {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}"
             .encode())
    with _mutex:
        _held[key] = (fd, 1)
    try:
        yield
    finally:
        with _mutex:
            del _held[key]
        os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
