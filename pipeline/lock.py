"""One writer at a time: an advisory file lock on the data folder, re-entrant in a process.

`make run`, a UI run and a sensor run may start together; whoever comes second waits (and
says so) until the first has finished writing, or gives up with a clear message after the
timeout. The kernel drops the lock when a process dies, so a killed run never leaves it held.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

log = logging.getLogger(__name__)

_held: dict[str, tuple[int, int]] = {}  # lock path -> (fd, depth)
_mutex = threading.Lock()


class LockError(RuntimeError):
    """The write lock could not be taken; the message names the lock file and the cause."""


class LockTimeout(LockError):
    """Another run held the lock for longer than the timeout."""


def _cannot_take(path: Path, exc: OSError) -> LockError:
    """"cannot take the write lock /data/.newsfacts.lock: no space left on device [errno 28]"
    instead of a bare OSError that names neither the lock nor what a user can do."""
    cause = exc.strerror or str(exc)
    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(path) else ""
    advice = ("free some space and run again" if exc.errno in (errno.ENOSPC, errno.EDQUOT)
              else f"make {path.parent} writable, or set NEWSFACTS_DATA_DIR to a folder you "
                   "can write to")
    return LockError(f"cannot take the write lock {path}: {cause.lower()}{where} "
                     f"[errno {exc.errno}]; {advice}")


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

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:  # EACCES, EROFS, ENOSPC, a folder where the lock file should be
        raise _cannot_take(path, exc) from exc
    try:
        _acquire(fd, path, timeout_s, poll_s)
    except BaseException:
        os.close(fd)  # closing drops the flock too, if it was taken
        raise
    with _mutex:
        _held[key] = (fd, 1)
    try:
        yield
    finally:
        with _mutex:
            del _held[key]
        with suppress(OSError):  # the holder note only; closing drops the lock in any case
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _acquire(fd: int, path: Path, timeout_s: float, poll_s: float) -> None:
    """Take the flock on `fd` (waiting up to `timeout_s`) and write who holds it; an OSError
    on the way (the holder note on a full disk: ENOSPC) becomes a LockError."""
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
                raise LockTimeout(
                    f"gave up after {timeout_s:.0f} s: another newsfacts run ({_holder(path)}) "
                    f"still holds {path}. Let it finish, or raise NEWSFACTS_LOCK_TIMEOUT."
                ) from None
            time.sleep(poll_s)
        except OSError as exc:  # ENOLCK, EBADF on odd file systems
            raise _cannot_take(path, exc) from exc
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} since "
                     f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}".encode())
    except OSError as exc:
        raise _cannot_take(path, exc) from exc
