"""The real `make ui` (`dg dev`: webserver + daemon): the inbox sensor publishes releases on its
own, SIGTERM or SIGINT to make's process group stops everything within 30 s, and a second
`make ui` on the same port or the same Dagster instance exits instead of starting a daemon."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.store import DataStore
from tests.paths import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout_s: float, what: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc.poll() is not None:
            break
        time.sleep(1)
    pytest.fail(f"timed out waiting for {what}; log tail:\n{log.read_text()[-4000:]}")


def up(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.mark.slow
def test_dropped_article_reaches_a_release_through_the_sensor(tmp_path: Path,
                                                              inbox: Path) -> None:
    data, home, log = tmp_path / "data", tmp_path / "dagster_home", tmp_path / "ui.log"
    port = free_port()
    env = {**os.environ, "NEWSFACTS_INBOX": str(inbox), "NEWSFACTS_DATA_DIR": str(data),
           "DAGSTER_HOME": str(home), "NEWSFACTS_SENSOR_INTERVAL": "5",
           "NEWSFACTS_SETTLE_SECONDS": "2"}
    store = DataStore(data, inbox)
    with log.open("w") as out:
        # Its own process group (and job control on), so every process it starts can be stopped.
        proc = subprocess.Popen(["bash", "-c", f"set -m; exec make --no-print-directory ui "
                                 f"PORT={port}"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(lambda: up(port), 180, "the webserver", proc, log)
        wait_for(lambda: store.latest_release() == "v1", 180, "v1 from the first sensor run",
                 proc, log)
        article = (ROOT / "tests" / "fixtures" / "extra_article.txt").read_bytes()
        (inbox / "dropped.txt.part").write_bytes(article)
        (inbox / "dropped.txt.part").rename(inbox / "dropped.txt")
        started = time.monotonic()
        wait_for(lambda: store.latest_release() == "v2", 120, "v2 with the dropped article",
                 proc, log)
        added = store.read_manifest("v2")["changes"]["documents_added"]
        assert [d["source"] for d in added] == ["dropped.txt"]
        assert time.monotonic() - started < 120
    finally:
        stopped_in = stop(proc, signal.SIGTERM)
    assert stopped_in < 30, f"make ui took {stopped_in:.0f} s to stop on SIGTERM"
    time.sleep(1)
    assert not up(port), "the webserver is still running"


def ui_env(tmp_path: Path, inbox: Path) -> dict[str, str]:
    return {**os.environ, "NEWSFACTS_INBOX": str(inbox), "NEWSFACTS_DATA_DIR": str(tmp_path / "d"),
            "DAGSTER_HOME": str(tmp_path / "home")}


def start_ui(tmp_path: Path, inbox: Path, port: int, log: Path) -> subprocess.Popen:
    env = ui_env(tmp_path, inbox)
    with log.open("w") as out:
        return subprocess.Popen(["bash", "-c", f"set -m; exec make --no-print-directory ui "
                                 f"PORT={port}"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)


def stop(proc: subprocess.Popen, sig: int) -> float:
    """Send `sig` to make's process group; seconds until make exited (SIGKILL after 60 s)."""
    started = time.monotonic()
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=60)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        pass
    took = time.monotonic() - started
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return took


def test_one_ui_per_dagster_instance(tmp_path: Path) -> None:
    from pipeline.cli import ui_lock

    first = ui_lock(tmp_path, "127.0.0.1", 3000)
    assert isinstance(first, int)
    try:
        second = ui_lock(tmp_path, "127.0.0.1", 3001)
        assert second == (f"another `make ui` (pid {os.getpid()}, http://127.0.0.1:3000) already "
                          f"runs the Dagster daemon for DAGSTER_HOME={tmp_path}; open it, or stop "
                          "it before starting one on port 3001")
    finally:
        os.close(first)
    third = ui_lock(tmp_path, "127.0.0.1", 3002)  # free again once the first one is gone
    assert isinstance(third, int)
    os.close(third)


@pytest.mark.slow
def test_sigint_stops_make_ui_and_a_second_one_on_the_port_exits(tmp_path: Path,
                                                                 inbox: Path) -> None:
    port, log = free_port(), tmp_path / "ui.log"
    proc = start_ui(tmp_path, inbox, port, log)
    try:
        wait_for(lambda: up(port), 180, "the webserver", proc, log)
        second = subprocess.run(["make", "--no-print-directory", "ui", f"PORT={port}"], cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
        assert second.returncode != 0
        assert f"port {port} on 127.0.0.1 is already in use" in second.stderr
        assert "not be used to configure Dagster" not in log.read_text()  # dagster.yaml warning
        # Another port, the same instance: a second daemon would tick the sensor twice.
        other_port = free_port()
        other = subprocess.run(["make", "--no-print-directory", "ui", f"PORT={other_port}"],
                               cwd=ROOT, env=ui_env(tmp_path, inbox), capture_output=True,
                               text=True, timeout=120)
        assert other.returncode != 0
        assert "already runs the Dagster daemon" in other.stderr
        assert f"http://127.0.0.1:{port})" in other.stderr  # where the running one is
        assert not up(other_port)
    finally:
        stopped_in = stop(proc, signal.SIGINT)
    assert stopped_in < 30, f"make ui took {stopped_in:.0f} s to stop on SIGINT"
    time.sleep(1)
    assert not up(port), "the webserver is still running"
