"""Chaos: try to break the dataset the way crashes, full disks, damage and hostile input would.

    .venv/bin/python bench/chaos.py [--kills 100] [--disk-levels 10] [--seed 20261203]

Five groups of cases, each judged by what a user relies on:

- kill: SIGKILL a run at random moments (seeded): a stage picked at random (start-up and inbox
  scan, documents, quotes, figures, stories, facts, the publish), then a moment within the time
  it took in a timed run, counted from the log line before it. Held when LATEST still names a
  release that verifies and the next run finishes with every inbox article published.
- corrupt: each kind of damage to the data folder (truncated or flipped stage Parquet, an
  empty rejections table, LATEST = abc / v9 / a path, a flipped release file, a broken
  manifest). Held when the next run succeeds, names the file, and `verify` is clean after.
- disk: the real `pipeline.cli run` on a tmpfs of ten sizes (skipped where mounting is not
  allowed). Held when it either publishes or ends with a `newsfacts:` message and no traceback,
  and after space is added the next run publishes and verifies.
- hostile: generated inputs (never committed): binary, NUL bytes, bad encodings, deep JSON,
  odd JSON, XML entities, links out of the inbox, pipes, unreadable names, a file named like a
  JSON record, long lines. Held per input when it ends as a document or a rejection.
- concurrent: two writers at once while readers query the warehouse and the latest Parquet.
  Held when both writers finish, no read fails, and the releases verify.

Prints a table (cases tried, held, failed) and writes bench/results/chaos.txt.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pyarrow.parquet as pq  # noqa: E402
from corpus import write_corpus  # noqa: E402
from machine import describe, write_results  # noqa: E402

from pipeline.core.documents.inputs import file_of_source  # noqa: E402
from pipeline.release import verify_all, verify_release  # noqa: E402
from pipeline.stages import run_all  # noqa: E402
from pipeline.store import DataStore  # noqa: E402

MAX = 5 * 1024 * 1024
PY = sys.executable
WORKER_MEMORY_GIB = 16  # DuckDB reserves 2 GiB blocks; the kernel's OOM killer is worse


class Tally:
    def __init__(self) -> None:
        self.rows: dict[str, Counter] = {}
        self.failures: list[str] = []
        self.notes: list[str] = []

    def add(self, group: str, held: bool, what: str) -> None:
        c = self.rows.setdefault(group, Counter())
        c["tried"] += 1
        c["held" if held else "failed"] += 1
        if not held:
            self.failures.append(f"{group}: {what}")
            print(f"  FAILED {group}: {what}", flush=True)


# -- a run in a child process (so it can be killed) ------------------------------------------
def worker(data: str, inbox: str) -> int:
    """`--worker`: every stage without Dagster, each log line flushed (the parent reads which
    stage a kill hit)."""
    import resource

    # A run over budget must fail alone, not take the shared machine down with the kernel's
    # OOM killer (a long one-line text still costs the figures stage memory; issue 17 item 1).
    limit = WORKER_MEMORY_GIB << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    store = DataStore(Path(data), Path(inbox), lock_timeout_s=600)
    try:
        result = run_all(store, MAX, log=lambda m: print(m, flush=True))
    except Exception as exc:
        print(f"ERROR {type(exc).__name__}: {exc}", flush=True)
        return 1
    print(f"DONE {result.version} published={result.published}", flush=True)
    return 0


def start_worker(data: Path, inbox: Path, out) -> subprocess.Popen:
    return subprocess.Popen([PY, str(Path(__file__).resolve()), "--worker", str(data), str(inbox)],
                            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def run_worker(data: Path, inbox: Path, timeout: float = 600) -> tuple[int, str]:
    with tempfile.TemporaryFile("w+") as out:
        proc = start_worker(data, inbox, out)
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            rc = -9
        out.seek(0)
        return rc, out.read()


def latest_ok(store: DataStore) -> str | None:
    """None when LATEST names a release that verifies, else what is wrong."""
    latest = store.latest_release()
    if latest is None:
        return None if not store.list_releases() else "no LATEST although releases exist"
    if latest not in store.list_releases():
        return f"LATEST names {latest!r}"
    problems = verify_release(store, latest)
    return "; ".join(problems) or None


def published_files(store: DataStore) -> set[str]:
    latest = store.latest_release()
    if latest is None:
        return set()
    out = set()
    for table in ("documents", "rejections"):
        out |= {file_of_source(s) for s in
                store.read_release_table(latest, table, ["source"])["source"]}
    return out


def last_error(log: str) -> str:
    """The worker's ERROR line (or the last line of a traceback) for the failure list."""
    lines = [ln for ln in log.splitlines() if ln.strip() and "^^^" not in ln]
    errors = [ln for ln in lines if ln.startswith("ERROR") or "Error" in ln]
    return (errors or lines or ["(no output)"])[-1][:300]


def stage_of(log: str) -> str:
    """The stage a killed run was in, from the last log line it flushed."""
    lines = [ln for ln in log.splitlines() if ln.strip()]
    if not lines:
        return "start-up"
    last = lines[-1].split(":", 1)[0]
    return last if last in STAGES else "start-up"


# -- group 1: SIGKILL ------------------------------------------------------------------------
STAGES = ("inbox", "documents", "quotes", "figures", "stories", "facts", "release")


def shape(line: str) -> str:
    """A log line without its numbers and paths, so the same step matches in every run:
    "quotes: 3/3 documents" -> "quotes: #/# documents"."""
    return re.sub(r"\d+", "#", line.split(" at /", 1)[0].strip())


def timed_run(data: Path, inbox: Path) -> list[tuple[float, str]]:
    """One full worker run; every log line with the seconds since the start."""
    t0 = time.monotonic()
    proc = start_worker(data, inbox, subprocess.PIPE)
    lines = [(time.monotonic() - t0, line.rstrip("\n")) for line in proc.stdout]
    assert proc.wait() == 0, "\n".join(t for _, t in lines)
    return lines


def kill_windows(lines: list[tuple[float, str]]) -> dict[str, tuple[str | None, float]]:
    """Where each stage runs, from a timed run: stage -> (the shape of the line printed just
    before it starts, None for the start of the process; how long it runs after that line).
    "release" is the publish: after the facts stage's last line until "release: published"."""
    windows: dict[str, tuple[str | None, float]] = {}
    stages = [(t, text.split(":", 1)[0], text) for t, text in lines]
    for stage in STAGES:
        idx = [i for i, (_, s, _) in enumerate(stages) if s == stage]
        if not idx:
            continue
        before = stages[idx[0] - 1] if idx[0] > 0 else None
        start = before[0] if before else 0.0
        windows[stage] = (shape(before[2]) if before else None, stages[idx[-1]][0] - start)
    return windows


def kill_at(data: Path, inbox: Path, marker: str | None, after_s: float) -> tuple[bool, str]:
    """Start a worker run and SIGKILL its process group `after_s` seconds after it prints a
    line of shape `marker` (after the start when None). Returns (killed, its output); a run
    that ends before the moment is not killed."""
    proc = start_worker(data, inbox, subprocess.PIPE)
    out: list[str] = []
    killed = False
    try:
        if marker is not None:
            for line in proc.stdout:  # polls the run's own log: no guessed sleeps
                out.append(line)
                if shape(line) == marker:
                    break
            else:
                return False, "".join(out)
        if after_s > 0:
            time.sleep(after_s)  # the moment itself, measured in a timed run
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
                killed = True
    finally:
        out.append(proc.stdout.read())
        proc.wait()
    text = "".join(out)
    return killed and "DONE" not in text, text


def chaos_kills(work: Path, tally: Tally, kills: int, rng: random.Random) -> None:
    """`kills` SIGKILLs, each at a stage picked at random (the start-up and inbox scan, every
    stage, the publish) and a random moment within the time that stage took in a timed run."""
    inbox, data = work / "kill-inbox", work / "kill-data"
    inbox.mkdir()
    write_corpus(inbox, 30, seed=11)
    rc, log = run_worker(data, inbox)
    assert rc == 0, log
    write_corpus(inbox, 2, seed=12, start=500)
    lines = timed_run(data, inbox)
    windows = kill_windows(lines)
    store = DataStore(data, inbox)
    hit: Counter = Counter()
    for i in range(kills):
        write_corpus(inbox, 2, seed=13, start=1000 + 2 * i)
        if i % 3 == 2:
            sorted(inbox.glob("article_*.txt"))[0].unlink()
        target = rng.choice(sorted(windows))
        marker, span = windows[target]
        delay = rng.uniform(0, span)
        killed, text = kill_at(data, inbox, marker, delay)
        moment = stage_of(text) if killed else "finished"
        hit[(target, moment)] += 1
        wrong = latest_ok(store)
        if wrong is None:
            rc, log = run_worker(data, inbox)
            files = {p.name for p in inbox.iterdir()}
            if rc != 0:
                wrong = f"next run failed: {last_error(log)}"
            elif verify_all(store):
                wrong = f"verify after the next run: {verify_all(store)[:2]}"
            elif published_files(store) != files:
                wrong = "the latest release does not hold exactly the inbox"
        tally.add("kill", wrong is None,
                  f"kill {i} in {target} +{delay:.2f} s (last line: {moment}): {wrong}")
    for stage in sorted(windows, key=STAGES.index):
        got = {m: n for (t, m), n in hit.items() if t == stage}
        tally.notes.append(f"kill aimed at {stage} (window {windows[stage][1]:.2f} s): "
                           f"{sum(got.values())} tries; last log line of the killed run: "
                           + ", ".join(f"{k} {v}" for k, v in sorted(got.items())))
    tally.notes.append(f"one timed run took {lines[-1][0]:.1f} s")


# -- group 2: corruption ---------------------------------------------------------------------
def _truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _empty_table(path: Path) -> None:
    pq.write_table(pq.read_table(path).schema.empty_table(), path)


def corruptions(store: DataStore) -> dict[str, Callable[[], str]]:
    """Each damage, as a function that applies it and returns the file the repair must name."""
    def stage(name: str, how: Callable[[Path], None]) -> Callable[[], str]:
        return lambda: (how(store.stage_path(name)), f"stage/{name}.parquet")[1]

    def latest(text: str) -> Callable[[], str]:
        return lambda: ((store.releases_dir / "LATEST").write_text(text), "LATEST")[1]

    def release_file(name: str, how: Callable[[Path], None]) -> Callable[[], str]:
        v = store.latest_release()
        def apply() -> str:
            table = name.removesuffix(".parquet")
            files = store.release_table_files(v, table) if table != name else []
            path = files[0] if files else store.release_dir(v) / name
            how(path)
            return f"{v}/{path.relative_to(store.release_dir(v))}"
        return apply

    return {
        "stage documents truncated": stage("documents", _truncate),
        "stage documents flipped byte": stage("documents", _flip),
        "stage quotes flipped byte": stage("quotes", _flip),
        "stage figures truncated to 0 bytes": stage("figures", lambda p: _truncate(p, 0)),
        "stage facts flipped byte": stage("facts", _flip),
        "stage fact_mentions truncated": stage("fact_mentions", _truncate),
        "stage inbox truncated": stage("inbox", _truncate),
        "stage rejections an empty file": stage("rejections", lambda p: _truncate(p, 0)),
        "stage rejections an empty table": stage("rejections", _empty_table),
        "stage doc_signatures flipped byte": stage("doc_signatures", _flip),
        "LATEST = abc": latest("abc"),
        "LATEST = v9": latest("v9\n"),
        "LATEST = a path": latest(str(store.releases_dir / "v1")),
        "release facts flipped byte": release_file("facts.parquet", _flip),
        "release documents truncated": release_file("documents.parquet", _truncate),
        "release manifest truncated": release_file("manifest.json", _truncate),
    }


def chaos_corruption(work: Path, tally: Tally) -> None:
    base_inbox, base = work / "corrupt-inbox", work / "corrupt-base"
    base_inbox.mkdir()
    write_corpus(base_inbox, 12, seed=21)
    store = DataStore(base, base_inbox)
    run_all(store, MAX, log=lambda m: None)
    write_corpus(base_inbox, 1, seed=22, start=100)
    run_all(store, MAX, log=lambda m: None)
    for i, name in enumerate(sorted(corruptions(store))):
        data = work / f"corrupt-{i}"
        shutil.copytree(base, data)
        copy = DataStore(data, base_inbox)
        named = corruptions(copy)[name]()
        rc, log = run_worker(data, base_inbox)
        wrong = None
        if rc != 0:
            wrong = f"the next run failed: {last_error(log)}"
        elif named not in log:
            wrong = f"no message names {named}"
        elif problems := verify_all(copy):
            wrong = f"verify after the run: {problems[:2]}"
        tally.add("corrupt", wrong is None, f"{name}: {wrong}")
        shutil.rmtree(data)


# -- group 3: disk full ----------------------------------------------------------------------
def _mount(path: Path, size: str) -> bool:
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True)
    return done.returncode == 0


def chaos_disk(work: Path, tally: Tally, levels: int) -> None:
    point = work / "tmpfs"
    point.mkdir()
    if not _mount(point, "1m"):
        tally.notes.append("disk: skipped, mounting a tmpfs is not allowed here")
        return
    subprocess.run(["umount", str(point)], check=True)
    sizes = [int(160 * (3200 / 160) ** (i / max(levels - 1, 1))) for i in range(levels)]
    env = {**os.environ, "NEWSFACTS_INBOX": str(ROOT / "seeds")}
    env.pop("DAGSTER_HOME", None)
    for kib in sizes:
        _mount(point, f"{kib}k")
        try:
            env["NEWSFACTS_DATA_DIR"] = str(point / "data")
            first = subprocess.run([PY, "-m", "pipeline.cli", "run"], cwd=ROOT, env=env,
                                   capture_output=True, text=True, timeout=600)
            wrong = None
            if first.returncode != 0:
                said = [ln for ln in first.stderr.splitlines() if ln.startswith("newsfacts:")]
                if "Traceback (most recent call last)" in first.stderr + first.stdout:
                    wrong = "a traceback"
                elif not said:
                    wrong = "failed without a newsfacts: message"
            subprocess.run(["mount", "-o", "remount,size=64m", str(point)], check=True)
            again = subprocess.run([PY, "-m", "pipeline.cli", "run"], cwd=ROOT, env=env,
                                   capture_output=True, text=True, timeout=600)
            verify = subprocess.run([PY, "-m", "pipeline.cli", "verify"], cwd=ROOT, env=env,
                                    capture_output=True, text=True, timeout=600)
            if wrong is None and again.returncode != 0:
                wrong = f"the run after freeing space failed: {again.stderr[-300:]}"
            elif wrong is None and verify.returncode != 0:
                wrong = f"verify after freeing space: {verify.stdout[-300:]}"
            outcome = "published" if first.returncode == 0 else "stopped with a message"
            tally.add("disk", wrong is None, f"{kib} KiB ({outcome}): {wrong}")
        finally:
            subprocess.run(["umount", str(point)], check=False)
    tally.notes.append(f"disk sizes (KiB): {', '.join(map(str, sizes))}")


# -- group 4: hostile inputs -----------------------------------------------------------------
def hostile_inbox(inbox: Path, rng: random.Random) -> list[str]:
    """Write hostile inputs; return the names that must end as a document or a rejection."""
    words = ["the", "council", "said", "on", "Monday", "that", "14", "percent", "of", "2,300",
             "homes", "were", "empty"]
    body = " ".join(rng.choice(words) for _ in range(400))
    files: dict[str, bytes] = {
        "binary.txt": bytes(rng.randrange(256) for _ in range(4096)),
        "nul.txt": b"News\x00 text " * 500,
        "empty.txt": b"",
        "spaces.txt": b" \n\t " * 100,
        "utf16.txt": ("\ufeff" + body).encode("utf-16-le"),
        "latin1.txt": body.replace("the", "caf\xe9").encode("latin-1"),
        "bad_utf8.txt": body.encode() + b"\xff\xfe\xc3(",
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "deep_obj.jsonl": b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"\n",
        "odd.json": b'{"text": 12, "title": ["x"], "published": -1e308}',
        "nan.json": b'{"text": NaN, "title": Infinity}',
        "huge_number.json": b'{"text": "' + body.encode() + b'", "published": 1' + b"0" * 5000
                            + b"}",
        "records.jsonl": b"\n".join(json.dumps({"text": body, "title": f"t{i}"}).encode()
                                    for i in range(3)) + b"\n{broken\n",
        "records.jsonl#0": body.encode(),
        "xxe.html": (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">'
                     b"]><html><body><p>&x;</p><p>" + body.encode() + b"</p></body></html>"),
        "billion_laughs.html": (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                                + b"".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'.encode()
                                           for p, c in zip("abcdefgh", "bcdefghi", strict=True))
                                + b"]><html><body><p>&i;</p></body></html>"),
        "script.html": b"<html><script>" + b"x" * 200_000 + b"</script><p>" + body.encode()
                       + b"</p></html>",
        # Sizes stay below what the figures stage's memory (issue 17 item 1) can take today.
        "long_line.txt": (body + " ").encode() * 10,
        "emphasis.md": b"**a " * 5000,
        "many_numbers.txt": " ".join(f"{rng.randint(1, 99)} percent" for _ in range(2_000))
                            .encode(),
        "quotes.txt": ("\u201c" * 20_000 + body).encode(),
        "no_ext": body.encode(),
        "UPPER.TXT": body.encode(),
        "name with spaces & $(echo x).txt": body.encode(),
        "-rf.txt": body.encode(),
        "über ünïcödé.md": ("# Schlagzeile\n\n" + body).encode(),
        "crlf.txt": body.replace(" said ", " said\r\n").encode(),
        "gz.txt": b"\x1f\x8b\x08\x00" + bytes(2000),
    }
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    expected = sorted(files)
    (inbox / "nested" / "deeper").mkdir(parents=True)
    (inbox / "nested" / "deeper" / "a.txt").write_text(body)
    expected.append("nested/deeper/a.txt")
    os.symlink("/etc/passwd", inbox / "link_out.txt")
    os.symlink(inbox / "missing.txt", inbox / "dangling.txt")
    os.symlink("loop.txt", inbox / "loop.txt")
    expected += ["link_out.txt", "dangling.txt", "loop.txt"]
    os.mkfifo(inbox / "pipe.txt")
    expected.append("pipe.txt")
    bad = os.fsencode(str(inbox)) + b"/bad\xffname.txt"
    with open(bad, "wb") as fh:
        fh.write(body.encode())
    expected.append("bad\\xffname.txt")
    return expected


def chaos_hostile(work: Path, tally: Tally, rng: random.Random) -> None:
    inbox, data = work / "hostile-inbox", work / "hostile-data"
    inbox.mkdir()
    expected = hostile_inbox(inbox, rng)
    t0 = time.monotonic()
    rc, log = run_worker(data, inbox, timeout=900)
    took = time.monotonic() - t0
    if rc != 0:
        for name in expected:
            tally.add("hostile", False, f"{name}: the run failed ({last_error(log)})")
        return
    found = published_files(DataStore(data, inbox))
    for name in expected:
        tally.add("hostile", name in found, f"{name}: neither a document nor a rejection")
    tally.notes.append(f"hostile: one run over {len(expected)} inputs took {took:.1f} s")


# -- group 5: two writers and readers --------------------------------------------------------
def chaos_concurrent(work: Path, tally: Tally, seconds_cap: float = 600) -> None:
    import duckdb

    inbox, data = work / "conc-inbox", work / "conc-data"
    inbox.mkdir()
    write_corpus(inbox, 20, seed=31)
    rc, log = run_worker(data, inbox)
    assert rc == 0, log
    store = DataStore(data, inbox)
    stop = threading.Event()
    reads = Counter()

    def reader(kind: str) -> None:
        while not stop.is_set():
            try:
                if kind == "warehouse":
                    with duckdb.connect(str(store.warehouse_path), read_only=True) as con:
                        con.execute("SELECT count(*) FROM facts").fetchone()
                else:
                    latest = store.latest_release()
                    store.read_release_arrow(latest, "facts")
                reads["ok"] += 1
            except Exception as exc:
                reads["error"] += 1
                reads[f"{type(exc).__name__}: {str(exc)[:80]}"] += 1
            time.sleep(0.01)

    for round_ in range(3):
        write_corpus(inbox, 3, seed=32, start=200 + 10 * round_)
        threads = [threading.Thread(target=reader, args=(k,)) for k in ("warehouse", "parquet")]
        for t in threads:
            t.start()
        with tempfile.TemporaryFile("w+") as a, tempfile.TemporaryFile("w+") as b:
            procs = [start_worker(data, inbox, a), start_worker(data, inbox, b)]
            rcs = [p.wait(timeout=seconds_cap) for p in procs]
        stop.set()
        for t in threads:
            t.join()
        stop.clear()
        wrong = None
        if rcs != [0, 0]:
            wrong = f"writer exit codes {rcs}"
        elif problems := verify_all(store):
            wrong = f"verify: {problems[:2]}"
        elif published_files(store) != {p.name for p in inbox.iterdir()}:
            wrong = "the latest release does not hold exactly the inbox"
        tally.add("concurrent", wrong is None, f"round {round_}: {wrong}")
    errors = {k: v for k, v in reads.items() if k not in ("ok", "error")}
    tally.add("concurrent", reads["error"] == 0,
              f"{reads['error']} of {reads['ok'] + reads['error']} reads failed: {errors}")
    tally.notes.append(f"concurrent: {reads['ok']} reads during 3 rounds of two writers, "
                       f"{reads['error']} failed")


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        return worker(sys.argv[2], sys.argv[3])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--disk-levels", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--only", nargs="*", default=None,
                        help="kill corrupt disk hostile concurrent")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tally = Tally()
    groups = args.only or ["corrupt", "hostile", "concurrent", "kill", "disk"]
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="newsfacts-chaos-") as tmp:
        work = Path(tmp)
        for group in groups:
            print(f"== {group}", flush=True)
            t = time.monotonic()
            if group == "kill":
                chaos_kills(work, tally, args.kills, rng)
            elif group == "corrupt":
                chaos_corruption(work, tally)
            elif group == "disk":
                chaos_disk(work, tally, args.disk_levels)
            elif group == "hostile":
                chaos_hostile(work, tally, rng)
            elif group == "concurrent":
                chaos_concurrent(work, tally)
            print(f"   {time.monotonic() - t:.0f} s", flush=True)
    lines = [f"# bench/chaos.py --kills {args.kills} --disk-levels {args.disk_levels} "
             f"--seed {args.seed} ({time.monotonic() - t0:.0f} s)",
             f"# machine: {describe()}",
             f"{'group':<12}{'tried':>7}{'held':>7}{'failed':>8}"]
    total = Counter()
    for group in groups:
        c = tally.rows.get(group, Counter())
        total.update(c)
        lines.append(f"{group:<12}{c['tried']:>7}{c['held']:>7}{c['failed']:>8}")
    lines.append(f"{'all':<12}{total['tried']:>7}{total['held']:>7}{total['failed']:>8}")
    lines += [f"note: {n}" for n in tally.notes]
    lines += [f"failed: {f}" for f in tally.failures]
    write_results(ROOT / "bench" / "results" / "chaos.txt", lines)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
