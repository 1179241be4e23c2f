"""Command line: run the pipeline, compare releases, verify them, prepare DAGSTER_HOME.

    python -m pipeline.cli run              materialize every asset once, print the release
    python -m pipeline.cli diff v1 v2       what changed between two releases
    python -m pipeline.cli verify           check every release against its manifest
    python -m pipeline.cli home             create DAGSTER_HOME if needed and print its path
    python -m pipeline.cli sql              the DuckDB shell on warehouse.duckdb, read-only
    python -m pipeline.cli report           one HTML page per release in <data>/reports/
    python -m pipeline.cli ui --port 3000   `dg dev` (UI and daemon); stops it on SIGTERM/SIGINT
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.settings import PROJECT_ROOT, SettingError, Settings, check_dagster_home
from pipeline.store import DataStore, atomic_write_bytes, is_disk_full

INSTANCE_TEMPLATE = PROJECT_ROOT / "dagster_instance.yaml"


def dagster_home(settings: Settings) -> Path:
    """DAGSTER_HOME (default: inside the data folder) with dagster.yaml copied from the template
    dagster_instance.yaml, telemetry off. (A file named dagster.yaml in the repository made
    Dagster warn at every start that it is not used.)"""
    home = Path(os.environ.get("DAGSTER_HOME") or settings.data_dir / "dagster_home")
    try:
        check_dagster_home(home, "DAGSTER_HOME" if os.environ.get("DAGSTER_HOME")
                           else "NEWSFACTS_DATA_DIR")
    except SettingError as exc:  # before Dagster starts: a message, not its traceback
        print(f"newsfacts: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        atomic_write_bytes(home / "dagster.yaml", INSTANCE_TEMPLATE.read_bytes())
    os.environ["DAGSTER_HOME"] = str(home)
    os.environ["DAGSTER_DISABLE_TELEMETRY"] = "1"
    return home


MIN_FREE_BYTES = 1 << 20
_OS_ERROR_ADVICE = {
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENOTDIR: "a file stands where a folder should be",
    errno.EEXIST: "a file stands where a folder should be",
}


def describe_os_error(exc: OSError, what: str = "the data folder") -> str:
    """One line for a failed write, naming the path: no traceback for a common mistake."""
    why = _OS_ERROR_ADVICE.get(exc.errno or -1, exc.strerror or str(exc))
    path = exc.filename or what
    advice = ("free some space and run again" if exc.errno in (errno.ENOSPC, errno.EDQUOT)
              else "set NEWSFACTS_DATA_DIR to a folder you can write to")
    return f"cannot write {path}: {why} [errno {exc.errno}]; {advice}"


def failure_hint(message: str) -> str | None:
    """Advice for a step that failed on a full disk or an unwritable data folder
    (`[Errno 28] No space left on device: '...'`), else None."""
    match = re.search(r"\[Errno (\d+)\][^']*(?:'([^']+)')?", message)
    if not match or int(match.group(1)) not in _OS_ERROR_ADVICE:
        return None
    number = int(match.group(1))
    exc = OSError(number, os.strerror(number), match.group(2))
    return describe_os_error(exc)


def check_data_dir_writable(data_dir: Path) -> str | None:
    """Why the pipeline cannot write into `data_dir` (read-only, not a folder, full), or None."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".write-test-"):
            pass
    except OSError as exc:
        if exc.filename is None:
            exc.filename = str(data_dir)
        return describe_os_error(exc)
    stat = os.statvfs(data_dir)
    free = stat.f_bavail * stat.f_frsize
    if free < MIN_FREE_BYTES:
        return (f"cannot write {data_dir}: the disk is full ({free} bytes free) [errno "
                f"{errno.ENOSPC}]; free some space and run again")
    return None


def _store(settings: Settings) -> DataStore:
    return DataStore(settings.data_dir, settings.inbox, settings.lock_timeout_s)


def _low_on_space(folder: Path, below: int = 1 << 20) -> bool:
    """SQLite reports a full disk as a plain "disk I/O error": look at the free space."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < below
    except OSError:
        return False


def _failure_reason(exc: BaseException, store: DataStore) -> str:
    first = (str(exc).strip().splitlines() or [""])[0][:300]
    if is_disk_full(exc) or _low_on_space(store.data_dir):
        return (f"no space left on the disk holding {store.data_dir} ({type(exc).__name__}: "
                f"{first}); free some space and run again")
    return f"{type(exc).__name__}: {first}"


def _repairs(store: DataStore) -> list[str]:
    """What runs repaired at their start, oldest first (releases/repairs.jsonl)."""
    try:
        lines = (store.releases_dir / "repairs.jsonl").read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    out = []
    for line in lines:
        try:
            out.append(str(json.loads(line)["action"]))
        except (ValueError, KeyError, TypeError):
            continue
    return out


def cmd_run(settings: Settings) -> int:
    from pipeline.warehouse import unusable_path_reason

    unusable = unusable_path_reason(settings.data_dir)
    if unusable:
        print(f"newsfacts: {unusable}", file=sys.stderr)
        return 2
    unwritable = check_data_dir_writable(settings.data_dir)
    if unwritable:
        print(f"newsfacts: {unwritable}; nothing was run", file=sys.stderr)
        return 1
    dagster_home(settings)
    import dagster as dg

    from pipeline.definitions import defs
    from pipeline.sensors import JOB_NAME

    store = _store(settings)
    if not settings.inbox.is_dir():
        print(f"newsfacts: the inbox {settings.inbox} is not a folder (set NEWSFACTS_INBOX)",
              file=sys.stderr)
        return 2
    latest_before = store.latest_release()
    repairs_before = len(_repairs(store))
    job = defs.resolve_job_def(JOB_NAME)
    # The lock comes first: two runs must not even create Dagster's instance database at once.
    try:
        with store.lock(), dg.DagsterInstance.get() as instance:
            result = job.execute_in_process(
                instance=instance,
                raise_on_error=False,
                run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
            )
    except Exception as exc:  # Dagster's own storage, the lock: a message, not a traceback
        print(f"\nnewsfacts: the run stopped: {_failure_reason(exc, store)}", file=sys.stderr)
        after = store.latest_release()
        if after == latest_before:
            print(f"  the latest release is unchanged ({after or 'none'})", file=sys.stderr)
        else:
            print(f"  it had published {after} (LATEST moved from {latest_before or 'none'}); "
                  "the next run refreshes the warehouse", file=sys.stderr)
        return 1
    repairs = _repairs(store)[repairs_before:]
    if repairs:
        print(f"\nnewsfacts: repaired {len(repairs)} problem(s) found at the start of the run "
              f"(recorded in {store.releases_dir / 'repairs.jsonl'}):", file=sys.stderr)
        for action in repairs:
            print(f"  - {action}", file=sys.stderr)
    if not result.success:
        latest_after = store.latest_release()
        if latest_after != latest_before:  # e.g. the warehouse refresh failed after LATEST moved
            print(f"\nnewsfacts: the run published {latest_after} (LATEST moved from "
                  f"{latest_before or 'none'}) but then failed; the next run refreshes the "
                  "warehouse.", file=sys.stderr)
        else:
            print("\nnewsfacts: the run failed; the latest release is unchanged.",
                  file=sys.stderr)
        for event in result.all_events:
            if event.is_step_failure:
                error = event.step_failure_data.error
                while error is not None and error.cause is not None:
                    error = error.cause  # the user code's own exception, not Dagster's wrapper
                reason = error.message.strip() if error else event.message
                if reason and (is_disk_full(OSError(reason)) or _low_on_space(store.data_dir)):
                    reason += f" (the disk holding {store.data_dir} is full: free space and run "
                    reason += "again)"
                print(f"  - {event.step_key}: {reason}", file=sys.stderr)
                hint = failure_hint(reason or "")
                if hint:
                    print(f"    {hint}", file=sys.stderr)
        for check in result.get_asset_check_evaluations():
            if not check.passed:
                print(f"  - check {check.check_name} failed: {check.description or ''}",
                      file=sys.stderr)
        return 1
    mats = result.asset_materializations_for_node("release")
    meta = mats[-1].metadata if mats else {}
    version = meta["version"].value if "version" in meta else store.latest_release()
    published = bool(meta["published"].value) if "published" in meta else False
    manifest = store.read_manifest(version)
    folder = store.release_dir(version)
    print()
    if published:
        print(f"newsfacts: published release {version}")
    else:
        print(f"newsfacts: no changes; {version} is still the latest release")
    print(f"  folder:    {folder}")
    print(f"  warehouse: {store.warehouse_path}")
    print("  rows:      " + ", ".join(f"{t} {i['rows']}" for t, i in manifest["tables"].items()))
    if published:
        ch = manifest["changes"]
        print(f"  changes vs {manifest['parent'] or '(none)'}: "
              f"+{len(ch['documents_added'])} / -{len(ch['documents_removed'])} documents, "
              f"facts +{ch['facts_added']} -{ch['facts_removed']} ~{ch['facts_changed']}")
    return 0


def describe_fact_change(fields: dict[str, list]) -> list[str]:
    """One line per changed field of a fact: `n_documents: 1 → 2`, `doc_ids: +1 -0 documents`."""
    lines = []
    for column, (before, after) in fields.items():
        if column == "doc_ids":
            added = sorted(set(after) - set(before))
            removed = sorted(set(before) - set(after))
            lines.append(f"doc_ids: +{len(added)} -{len(removed)} documents "
                         f"({', '.join(['+' + d for d in added] + ['-' + d for d in removed])})")
        else:
            lines.append(f"{column}: {before!r} → {after!r}" if isinstance(before, str)
                         or isinstance(after, str) else f"{column}: {before} → {after}")
    return lines


def cmd_diff(settings: Settings, a: str, b: str, as_json: bool) -> int:
    from pipeline.release import diff_releases

    store = _store(settings)
    for v in (a, b):
        if v not in store.list_releases():
            print(f"newsfacts: no release {v} in {store.releases_dir} "
                  f"(have: {', '.join(store.list_releases()) or 'none'})", file=sys.stderr)
            return 2
    d = diff_releases(store, a, b)
    if as_json:
        print(json.dumps(d, indent=2))
        return 0
    print(f"{a} → {b}")
    print(f"documents added ({len(d['documents_added'])}):")
    for doc in d["documents_added"]:
        print(f"  + {doc['source']}  ({doc['doc_id']})")
    print(f"documents removed ({len(d['documents_removed'])}):")
    for doc in d["documents_removed"]:
        print(f"  - {doc['source']}  ({doc['doc_id']})")
    for label, key, mark in (("facts added", "facts_added_list", "+"),
                             ("facts removed", "facts_removed_list", "-"),
                             ("facts changed", "facts_changed_list", "~")):
        print(f"{label} ({len(d[key])}):")
        for fact_id, statement in d[key]:
            text = statement if len(statement) <= 100 else statement[:99] + "…"
            print(f"  {mark} {fact_id}  {text}")
            if key == "facts_changed_list":
                for line in describe_fact_change(d["facts_changed_fields"][fact_id]):
                    print(f"      {line}")
    return 0


def cmd_pin(settings: Settings, version: str) -> int:
    """Point LATEST at an earlier complete release (a way back after a bad release)."""
    from pipeline.release import pin_release, refresh_warehouse, verify_release

    store = _store(settings)
    if version not in store.list_releases():
        print(f"newsfacts: there is no release {version} in {store.releases_dir} "
              f"(have: {', '.join(store.list_releases()) or 'none'})", file=sys.stderr)
        return 2
    problems = verify_release(store, version)
    if problems:
        print(f"newsfacts: {version} does not verify, LATEST unchanged:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    with store.lock():
        before = pin_release(store, version)
        refresh_warehouse(store)
    print(f"newsfacts: LATEST is now {version} (was {before}); recorded in "
          f"{store.releases_dir / 'pins.jsonl'}")
    return 0


def duckdb_cli() -> Path | None:
    """The DuckDB CLI installed beside this Python (the `duckdb-cli` package), else on PATH."""
    beside = Path(sys.executable).parent / "duckdb"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("duckdb")
    return Path(found) if found else None


def cmd_sql(settings: Settings) -> int:
    """Replace this process by the DuckDB shell on the warehouse, opened read-only."""
    store = _store(settings)
    if not store.warehouse_path.is_file():
        print(f"newsfacts: there is no {store.warehouse_path} yet; `make run` publishes a "
              "release and builds it", file=sys.stderr)
        return 2
    cli = duckdb_cli()
    if cli is None:
        print("newsfacts: the DuckDB CLI is not installed; `make install` installs the "
              "duckdb-cli package into .venv", file=sys.stderr)
        return 2
    os.execv(cli, [str(cli), "-readonly", str(store.warehouse_path)])
    return 0  # not reached


UI_STOP_GRACE_S = 15.0


def port_in_use(host: str, port: int) -> bool:
    """Whether something already listens on host:port (a second `make ui`, another server)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is not "in use"
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def _signal_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


UI_LOCK = ".newsfacts-ui.lock"


def ui_lock(home: Path, host: str, port: int) -> int | str:
    """One `make ui` per Dagster instance: each starts a daemon, and two daemons on one
    DAGSTER_HOME tick the same sensor twice. The open file descriptor of the held lock (it
    records this UI's pid and address), or why another UI has it."""
    import fcntl

    path = home / UI_LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        other = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
        os.close(fd)
        where = f" (pid {other[0]}, http://{other[1]})" if len(other) == 2 else ""
        return (f"another `make ui`{where} already runs the Dagster daemon for DAGSTER_HOME="
                f"{home}; open it, or stop it before starting one on port {port}")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()} {host}:{port}\n".encode(), 0)
    return fd


def cmd_ui(settings: Settings, host: str, port: int) -> int:
    """Run `dg dev` (webserver, daemon, code server) in its own process group and stop the whole
    group when this process gets SIGTERM or SIGINT: forwarded at once, SIGKILL after
    UI_STOP_GRACE_S seconds. Refuses a port that is already taken, and a second UI on the same
    Dagster instance (exit 1)."""
    if port_in_use(host, port):
        print(f"newsfacts: port {port} on {host} is already in use (another `make ui`?); "
              f"stop it or choose another port: make ui PORT={port + 1}", file=sys.stderr)
        return 1
    unwritable = check_data_dir_writable(settings.data_dir)
    if unwritable:
        print(f"newsfacts: {unwritable}", file=sys.stderr)
        return 1
    home = dagster_home(settings)
    dg_cli = Path(sys.executable).parent / "dg"
    if not dg_cli.exists():
        print(f"newsfacts: {dg_cli} is missing; `make install` installs dagster-dg-cli",
              file=sys.stderr)
        return 2
    held = ui_lock(home, host, port)
    if isinstance(held, str):
        print(f"newsfacts: {held}", file=sys.stderr)
        return 1
    print(f"Dagster UI on http://{host}:{port} (DAGSTER_HOME={home})", flush=True)
    env = {**os.environ, "VIRTUAL_ENV": str(Path(sys.executable).parent.parent)}
    # dg dev and its children keep the lock's file open: it is free once the last one is gone.
    proc = subprocess.Popen([str(dg_cli), "dev", "-h", host, "-p", str(port)],
                            cwd=PROJECT_ROOT, env=env, start_new_session=True, pass_fds=(held,))
    stop: list[int] = []

    def forward(sig: int, _frame: object) -> None:
        # dagster dev shuts its webserver, daemon and code server down on an interrupt (Ctrl-C);
        # SIGTERM to all of them at once left it waiting for its children.
        stop.append(sig)
        _signal_group(proc.pid, signal.SIGINT)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, forward)
    deadline = None
    while True:
        try:
            code = proc.wait(timeout=0.5)
            break
        except subprocess.TimeoutExpired:
            pass
        if stop and deadline is None:
            deadline = time.monotonic() + UI_STOP_GRACE_S
        if deadline is not None and time.monotonic() > deadline:
            print(f"newsfacts: dg dev did not stop within {UI_STOP_GRACE_S:g} s; killing it",
                  file=sys.stderr)
            _signal_group(proc.pid, signal.SIGKILL)
    _signal_group(proc.pid, signal.SIGTERM)  # a code server or daemon left behind
    if stop:
        return 0 if stop[0] in (signal.SIGTERM, signal.SIGINT) else 128 + stop[0]
    return code


def cmd_report(settings: Settings) -> int:
    from pipeline.report import write_reports

    store = _store(settings)
    if store.latest_release() is None:
        print(f"newsfacts: no release in {store.releases_dir} yet; `make run` publishes one",
              file=sys.stderr)
        return 2
    written = write_reports(store)
    folder = store.data_dir / "reports"
    print(f"newsfacts: {len(written)} report page(s) written in {folder}; the latest release: "
          f"{folder / 'latest.html'}")
    return 0


def cmd_verify(settings: Settings) -> int:
    from pipeline.release import verify_all, verify_notes

    store = _store(settings)
    releases = store.list_releases()
    problems = verify_all(store)
    notes = verify_notes(store)
    if problems:
        print(f"newsfacts verify: {len(problems)} problem(s) in {store.data_dir}:")
        for p in problems:
            print(f"  - {p}")
        for note in notes:
            print(f"  (note) {note}")
        return 1
    print(f"newsfacts verify: {len(releases)} release(s) match their manifests and schemas, "
          f"the stage tables match their recorded hashes; "
          f"LATEST is {store.latest_release() or '(none)'}")
    for note in notes:
        print(f"  (note) {note}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsfacts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="materialize every asset and publish a release")
    p_diff = sub.add_parser("diff", help="compare two releases")
    p_diff.add_argument("a")
    p_diff.add_argument("b")
    p_diff.add_argument("--json", action="store_true")
    sub.add_parser("verify", help="check every release against its manifest")
    p_pin = sub.add_parser("pin", help="point LATEST at an earlier release")
    p_pin.add_argument("version")
    sub.add_parser("home", help="prepare DAGSTER_HOME and print it")
    sub.add_parser("sql", help="the DuckDB shell on warehouse.duckdb, read-only")
    sub.add_parser("report", help="one HTML page per release in <data>/reports/")
    p_ui = sub.add_parser("ui", help="the Dagster UI and daemon (dg dev)")
    p_ui.add_argument("--host", default="127.0.0.1")
    p_ui.add_argument("--port", type=int, default=3000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        settings = Settings.from_env()
    except SettingError as exc:
        print(f"newsfacts: {exc}", file=sys.stderr)
        return 2
    try:
        return _dispatch(args, settings)
    except BrokenPipeError:
        # `make diff ... | head`: the reader left; not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"newsfacts: {describe_os_error(exc)}", file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "pin":
        return cmd_pin(settings, args.version)
    if args.command == "run":
        return cmd_run(settings)
    if args.command == "diff":
        return cmd_diff(settings, args.a, args.b, args.json)
    if args.command == "verify":
        return cmd_verify(settings)
    if args.command == "sql":
        return cmd_sql(settings)
    if args.command == "report":
        return cmd_report(settings)
    if args.command == "ui":
        return cmd_ui(settings, args.host, args.port)
    print(dagster_home(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
