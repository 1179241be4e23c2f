"""How the per-document map runs: in this process, in a pool of worker processes, or on Ray.

The documents, quotes and figures stages each apply one pure function to many independent
inputs (an inbox file, a document). `Compute.map` runs that function over a list of inputs and
returns one `Outcome` per input, **in input order**, whatever the number of workers, so the
tables built from the outcomes are byte-identical to a one-worker run.

Every input runs under a budget (`Budget`): a time limit (an alarm in the worker raises
`OverBudget`; a worker that does not answer shortly after is killed and replaced) and, in worker
processes, a memory limit (`RLIMIT_AS` raised by the start size of the worker, so an allocation
beyond it raises `MemoryError`). An input over budget, or one whose worker dies, costs that input
only: the rest of its batch goes to a fresh worker.

Workers are forked per map call (POSIX): they inherit the function and the inputs, so nothing is
pickled on the way in, and only each input's result travels back through a pipe. Inputs are
handed out in batches (a batch is a list of indices) to amortise the round trips.

On Ray (mode "ray", the optional extra `newsfacts[ray]`), each batch is one Ray task on the
cluster at NEWSFACTS_RAY_ADDRESS (or on a local cluster this process starts). The task runs its
batch through the same one-worker pool as above, forked inside the Ray worker, so the budget, the
over-budget and crash outcomes and their details are the pool's; the outcomes come back per
batch and are put in input order here. The function is shipped once per map (`ray.put`), and
the worker forked for a Ray worker's first batch of a map is kept for its next batches, so the
function's lazily loaded modules and models load once per Ray worker, not once per batch.
No Dagster here: the `compute` resource in `pipeline.resources` builds a `Compute`.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import signal
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from pipeline.core.mapping import Outcome, Progress, error_detail
from pipeline.settings import COMPUTE_MODES, ComputeSettings, SettingError, require_ray

log = logging.getLogger("newsfacts")

MODES = COMPUTE_MODES
DEFAULT_DOC_TIMEOUT_S = ComputeSettings.doc_timeout_s
DEFAULT_DOC_MEMORY_MB = ComputeSettings.doc_memory_mb
# Seconds a worker may overrun its alarm (stuck in C code that never checks signals) before
# the pool kills it: max(this, half the time limit).
MIN_KILL_GRACE_S = 2.0
# Batches per worker when no batch size is set: small enough to balance the load between
# workers, large enough that handing out batches costs nothing next to the work.
BATCHES_PER_WORKER = 8
MAX_AUTO_BATCH = 256
# Ray tasks submitted ahead per CPU of the cluster: one running and one waiting with its inputs
# already sent, so a CPU never waits for the driver between two batches.
RAY_TASKS_PER_CPU = 2


class OverBudget(BaseException):
    """An input took longer than its time budget (raised by the alarm inside the work).

    A BaseException, like KeyboardInterrupt, so that an extractor's own `except Exception`
    (one bad sentence must not cost the article) cannot swallow it and carry on."""


@dataclass(frozen=True)
class Budget:
    """Limits for one input's work: seconds of wall time, and megabytes of memory a worker may
    allocate beyond what it held when it started (0 means no limit)."""

    seconds: float = DEFAULT_DOC_TIMEOUT_S
    memory_mb: int = DEFAULT_DOC_MEMORY_MB

    def time_detail(self) -> str:
        return f"over the time budget of {self.seconds:g} s per input (NEWSFACTS_DOC_TIMEOUT)"

    def memory_detail(self) -> str:
        return (f"over the memory budget of {self.memory_mb} MB per worker "
                "(NEWSFACTS_DOC_MEMORY_MB)")


def _raise_over_budget(signum: int, frame: object) -> None:
    raise OverBudget()


def _run_one(fn: Callable[[Any], Any], item: Any, budget: Budget, timed: bool) -> Outcome:
    """`fn(item)` under the time budget (an interval timer, when `timed`), as an Outcome."""
    armed = timed and budget.seconds > 0
    try:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, budget.seconds)
        try:
            return Outcome(fn(item))
        finally:
            if armed:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except OverBudget:
        return Outcome(failure="over_budget", detail=budget.time_detail())
    except MemoryError:
        return Outcome(failure="over_budget", detail=budget.memory_detail())
    except Exception as exc:  # one bad input never stops the others
        return Outcome(failure="error", detail=error_detail(exc))


def _vm_bytes() -> int | None:
    """This process's virtual memory size (Linux), the base of its RLIMIT_AS."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _limit_memory(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    try:
        import resource
    except ImportError:  # not POSIX: no memory limit, the time limit still holds
        return
    base = _vm_bytes()
    if base is None:
        return
    limit = base + memory_mb * 2**20
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn: Connection, fn: Callable[[Any], Any], items: Sequence[Any] | None,
                 budget: Budget) -> None:
    """A worker: receive batches of indices into `items` (or, with `items` None, of (index,
    input) pairs), answer (index, Outcome) per input; None, or the parent gone, stops it.

    After an input over budget the worker answers and leaves (its state may be damaged by the
    interruption); the pool gives the rest of the batch to a fresh worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when work stops
    signal.signal(signal.SIGALRM, _raise_over_budget)
    _limit_memory(budget.memory_mb)
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        for entry in batch:
            i, item = (entry, items[entry]) if items is not None else entry
            outcome = _run_one(fn, item, budget, timed=True)
            conn.send((i, outcome))
            if outcome.failure == "over_budget":
                return


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    batch: deque[int] = field(default_factory=deque)
    since: float = 0.0  # when the input at batch[0] started


def auto_batch_size(n_items: int, workers: int) -> int:
    """About BATCHES_PER_WORKER batches per worker, at most MAX_AUTO_BATCH inputs each."""
    return max(1, min(MAX_AUTO_BATCH, math.ceil(n_items / (workers * BATCHES_PER_WORKER))))


@dataclass(frozen=True)
class Compute:
    """Runs a function over inputs: `mode` "processes" (a pool of `workers` forked processes),
    "inprocess" (this process, for tests and debugging; the time budget holds when called
    from the main thread, the memory budget does not) or "ray" (Ray tasks on the cluster at
    `ray_address`, or on a local cluster of `workers` CPUs when it is empty). `batch_size` 0
    picks one per run."""

    mode: str = "processes"
    workers: int = 0
    budget: Budget = Budget()
    batch_size: int = 0
    ray_address: str = ""

    @classmethod
    def from_settings(cls, settings: ComputeSettings) -> Compute:
        return cls(mode=settings.mode, workers=settings.workers,
                   budget=Budget(settings.doc_timeout_s, settings.doc_memory_mb),
                   batch_size=settings.batch_size, ray_address=settings.ray_address)

    @classmethod
    def from_env(cls) -> Compute:
        """From NEWSFACTS_COMPUTE, NEWSFACTS_WORKERS, NEWSFACTS_DOC_TIMEOUT,
        NEWSFACTS_DOC_MEMORY_MB, NEWSFACTS_BATCH_SIZE and NEWSFACTS_RAY_ADDRESS (see
        pipeline.settings)."""
        return cls.from_settings(ComputeSettings.from_env())

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown compute mode {self.mode!r}; use one of {', '.join(MODES)}")
        if self.mode == "ray":
            require_ray("compute mode 'ray'")

    @property
    def n_workers(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    def describe(self) -> str:
        if self.mode == "ray":
            return (f"Ray tasks on the cluster at {self.ray_address}" if self.ray_address
                    else f"Ray tasks on a local cluster of {self.n_workers} CPU(s)")
        if self.mode == "inprocess" or not _can_fork():
            return "in-process"
        return f"{self.n_workers} worker process(es)"

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any],
            progress: Progress | None = None) -> list[Outcome]:
        """`fn` over `items`, one Outcome per item in the same order."""
        if not items:
            return []
        if self.mode == "ray":
            return _map_on_ray(fn, items, self, progress)
        if self.mode == "inprocess" or not _can_fork():
            return _map_in_process(fn, items, self.budget, progress)
        workers = min(self.n_workers, len(items))
        size = self.batch_size or auto_batch_size(len(items), workers)
        return _map_in_pool(fn, items, self.budget, workers, size, progress)


def _can_fork() -> bool:
    """Workers are forked; where that is impossible (no fork, or this process is itself a
    daemonic worker that may not have children) the map runs in-process."""
    return ("fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


def _map_in_process(fn: Callable[[Any], Any], items: Sequence[Any], budget: Budget,
                    progress: Progress | None) -> list[Outcome]:
    timed = (threading.current_thread() is threading.main_thread()
             and hasattr(signal, "setitimer"))
    previous = signal.signal(signal.SIGALRM, _raise_over_budget) if timed else None
    try:
        out = []
        for n, item in enumerate(items, start=1):
            out.append(_run_one(fn, item, budget, timed))
            if progress and (n % 1000 == 0 or n == len(items)):
                progress(n, len(items))
        return out
    finally:
        if timed:
            signal.signal(signal.SIGALRM, previous)


def _map_in_pool(fn: Callable[[Any], Any], items: Sequence[Any], budget: Budget,
                 n_workers: int, batch_size: int, progress: Progress | None,
                 kept: dict[str, _Worker] | None = None, key: str = "") -> list[Outcome]:
    """`fn` over `items` in `n_workers` forked workers, `batch_size` inputs at a time.

    With `kept` (a Ray worker's), one worker of the pool outlives the call: it is found in
    `kept[key]` by the next call with the same `key` (the same function), so it loads the
    function's modules and models once, not per call. Such a worker was forked before the
    inputs existed, so it is sent the inputs themselves, not their indices."""
    ctx = multiprocessing.get_context("fork")
    queue: deque[list[int]] = deque(
        list(range(i, min(i + batch_size, len(items)))) for i in range(0, len(items), batch_size))
    results: list[Outcome | None] = [None] * len(items)
    done = 0
    kill_after = budget.seconds + max(MIN_KILL_GRACE_S, budget.seconds / 2) \
        if budget.seconds > 0 else None
    workers: dict[Connection, _Worker] = {}

    def start_worker(batch: list[int]) -> None:
        worker = kept.pop(key, None) if kept is not None else None
        if worker is not None and not worker.process.is_alive():
            worker.process.join()
            worker.conn.close()
            worker = None
        if worker is None:
            parent_conn, child_conn = ctx.Pipe(duplex=True)
            proc = ctx.Process(target=_worker_main,
                               args=(child_conn, fn, None if kept is not None else items, budget),
                               daemon=True, name="newsfacts-worker")
            proc.start()
            child_conn.close()
            worker = _Worker(proc, parent_conn)
        workers[worker.conn] = worker
        give(worker, batch)

    def give(worker: _Worker, batch: list[int]) -> None:
        worker.batch = deque(batch)
        worker.since = time.monotonic()
        worker.conn.send(batch if kept is None else [(i, items[i]) for i in batch])

    def keep(worker: _Worker) -> None:
        """Park an idle worker in `kept` for the next call; a worker of another function that
        was parked there is stopped (a Ray worker runs one map's tasks at a time)."""
        del workers[worker.conn]
        for other in list(kept.values()):  # type: ignore[union-attr]
            other.conn.send(None)
            other.process.join(timeout=5)
            if other.process.is_alive():
                other.process.kill()
            other.conn.close()
        kept.clear()  # type: ignore[union-attr]
        kept[key] = worker  # type: ignore[index]

    def record(i: int, outcome: Outcome) -> None:
        nonlocal done
        if results[i] is None:
            done += 1
        results[i] = outcome
        if progress and (done % 1000 == 0 or done == len(items)):
            progress(done, len(items))

    def retire(worker: _Worker, failure: Outcome | None, leaving: bool = False) -> None:
        """Stop a worker; its current input gets `failure`, the rest of its batch is redone.
        A `leaving` worker (told to stop, or over budget) gets a moment to exit by itself."""
        del workers[worker.conn]
        if leaving:
            worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        if worker.batch and failure is not None:
            record(worker.batch.popleft(), failure)
        if worker.batch:
            queue.appendleft(list(worker.batch))

    try:
        for _ in range(n_workers):
            if queue:
                start_worker(queue.popleft())
        while workers:
            timeout = None
            if kill_after is not None:
                now = time.monotonic()
                timeout = max(0.0, min(w.since + kill_after - now for w in workers.values()))
            for conn in wait(list(workers), timeout):
                worker = workers[conn]
                try:
                    i, outcome = conn.recv()
                except (EOFError, OSError):
                    code = worker.process.exitcode
                    worker.process.join(timeout=1)
                    code = worker.process.exitcode if code is None else code
                    retire(worker, _death_outcome(code, budget))
                    continue
                if not worker.batch or worker.batch[0] != i:
                    raise RuntimeError(f"worker answered for input {i} out of turn")
                record(worker.batch.popleft(), outcome)
                worker.since = time.monotonic()
                if outcome.failure == "over_budget":
                    retire(worker, None, leaving=True)  # the rest goes to a fresh worker
                elif not worker.batch:
                    if queue:
                        give(worker, queue.popleft())
                    elif kept is not None and key not in kept:
                        keep(worker)
                    else:
                        worker.conn.send(None)
                        retire(worker, None, leaving=True)
            if kill_after is not None:
                now = time.monotonic()
                for worker in [w for w in workers.values() if now - w.since >= kill_after]:
                    log.warning("killed a worker stuck for %.0f s on one input", now - worker.since)
                    retire(worker, Outcome(failure="over_budget", detail=budget.time_detail()))
            while queue and len(workers) < n_workers:
                start_worker(queue.popleft())
    finally:
        for worker in list(workers.values()):
            worker.process.kill()
            worker.process.join()
            worker.conn.close()
    missing = [i for i, r in enumerate(results) if r is None]
    if missing:  # cannot happen: every input is answered, failed or requeued
        raise RuntimeError(f"the worker pool lost {len(missing)} input(s)")
    return results  # type: ignore[return-value]


def _death_outcome(exitcode: int | None, budget: Budget) -> Outcome:
    """Why a worker that vanished mid-input did: SIGKILL is the kernel's answer to memory."""
    if exitcode == -signal.SIGKILL:
        return Outcome(failure="over_budget",
                       detail=f"{budget.memory_detail()}: the worker was killed (SIGKILL)")
    how = (f"killed by signal {-exitcode}" if exitcode is not None and exitcode < 0
           else f"exit code {exitcode}")
    return Outcome(failure="crashed", detail=f"the worker process died on this input ({how})")


# Ray: imported only in mode "ray" (the optional extra), never by the other modes.
_ray_lock = threading.Lock()
_ray_task: Any = None  # _run_batch_on_ray as a Ray remote function, made on first use
# In a Ray worker: the function of the map it is serving (by object id), and the forked worker
# kept warm for it.
_fetched: dict[str, Callable[[Any], Any]] = {}
_kept_workers: dict[str, _Worker] = {}


def _connect_ray(address: str, cpus: int) -> Any:
    """The `ray` module, connected once per process: to the cluster at `address`, else to a new
    local cluster of `cpus` CPUs (no dashboard, no usage statistics) that stops when this
    process exits."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    global _ray_task
    with _ray_lock:
        if not ray.is_initialized():
            if address:
                _probe_ray_address(address)
                try:
                    ray.init(address=address, configure_logging=False)
                except (ConnectionError, RuntimeError, ValueError) as exc:
                    raise SettingError(
                        f"NEWSFACTS_RAY_ADDRESS={address!r}: cannot join the Ray cluster there "
                        f"({_first_cause(exc)}); start it with `ray start --head`, join this "
                        "machine to it, or unset the variable to run on a local cluster"
                    ) from None
            else:
                ray.init(address="local", num_cpus=cpus, include_dashboard=False,
                         configure_logging=False)
        if _ray_task is None:
            _ray_task = ray.remote(num_cpus=1)(_run_batch_on_ray)
    return ray


def _first_cause(exc: BaseException) -> str:
    """What went wrong first, in one line: Ray's ConnectionError hides the reason (a missing
    authentication token, say) in the exception it was raised from, whose text ends with the
    traceback's last line."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[-1][:300] if lines else type(exc).__name__


def _probe_ray_address(address: str) -> None:
    """Refuse at once a `host:port` where nothing listens: `ray.init` would retry it for many
    minutes (over 400 s here) before giving up."""
    if address == "auto":
        return  # Ray finds the cluster this machine joined, or says at once that there is none
    host, _, port = address.rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=10).close()
    except OSError as exc:
        raise SettingError(
            f"NEWSFACTS_RAY_ADDRESS={address!r}: nothing answers there ({exc.strerror or exc}); "
            "start the cluster's head node with `ray start --head` (it prints its address), or "
            "unset the variable to run on a local cluster") from None


def _run_batch_on_ray(fn_box: list[Any], items: list[Any], budget: Budget) -> list[Outcome]:
    """One Ray task: `items` (one batch) through a one-worker pool forked here, under `budget`.

    `fn_box` holds the function's object reference (in a list, so Ray passes the reference,
    not the function): the worker forked for the first batch of a map is kept for the map's
    next batches on this Ray worker, so the function is fetched, and its modules and models
    loaded, once per Ray worker, not per batch (a fork per batch would load them every time:
    2.3 s for the documents stage's first file on this machine)."""
    import ray

    key = fn_box[0].hex()
    if key not in _fetched:
        _fetched.clear()
        _fetched[key] = ray.get(fn_box[0])
    fn = _fetched[key]
    if _can_fork():
        return _map_in_pool(fn, items, budget, 1, len(items), None, _kept_workers, key)
    return _map_in_process(fn, items, budget, None)


def _map_on_ray(fn: Callable[[Any], Any], items: Sequence[Any], compute: Compute,
                progress: Progress | None) -> list[Outcome]:
    """`fn` over `items` as Ray tasks of one batch each, the outcomes in input order.

    A batch Ray itself loses (its node died and Ray's retries ran out) fails the map: that is
    the cluster's fault, not the inputs', so no input is rejected for it."""
    ray = _connect_ray(compute.ray_address, compute.n_workers)
    cluster_cpus = int(ray.cluster_resources().get("CPU", 0))
    if cluster_cpus < 1:  # e.g. a head node started with --num-cpus=0 and no worker joined yet
        raise SettingError(
            f"the Ray cluster at {compute.ray_address or 'this machine'} has no CPU to run tasks "
            "on (`ray status` lists its nodes): join a worker node with `ray start "
            "--address=HEAD:PORT`, or start the head without --num-cpus=0")
    cpus = compute.workers or cluster_cpus
    size = compute.batch_size or auto_batch_size(len(items), cpus)
    queue: deque[list[int]] = deque(
        list(range(i, min(i + size, len(items)))) for i in range(0, len(items), size))
    results: list[Outcome | None] = [None] * len(items)
    fn_box = [ray.put(fn)]
    running: dict[Any, list[int]] = {}
    done = 0

    def submit() -> None:
        batch = queue.popleft()
        running[_ray_task.remote(fn_box, [items[i] for i in batch], compute.budget)] = batch

    try:
        while queue and len(running) < cpus * RAY_TASKS_PER_CPU:
            submit()
        while running:
            ready, _ = ray.wait(list(running), num_returns=1)
            for ref in ready:
                batch = running.pop(ref)
                try:
                    outcomes = ray.get(ref)
                except ray.exceptions.RayError as exc:
                    raise RuntimeError(
                        f"Ray lost a batch of {len(batch)} input(s): {type(exc).__name__}: "
                        f"{str(exc).splitlines()[0] if str(exc) else ''}; the stage fails and "
                        "the next run does its work again") from exc
                for i, outcome in zip(batch, outcomes, strict=True):
                    results[i] = outcome
                before, done = done, done + len(batch)
                if progress and (done // 1000 > before // 1000 or done == len(items)):
                    progress(done, len(items))
                if queue:
                    submit()
    finally:
        for ref in running:
            ray.cancel(ref, force=True)
    return results  # type: ignore[return-value]
