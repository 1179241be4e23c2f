"""Chaos: try to break the dataset the way crashes, full disks, damage and hostile input would.

    .venv/bin/python bench/chaos.py [--kills 100] [--disk-levels 10] [--seed 20261203]
                                    [--only GROUP ...] [--results DIR]

Five groups of cases, each judged by what a user relies on:

- kill: SIGKILL a run at random moments (seeded): a stage picked at random (start-up and inbox
  scan, documents, quotes, figures, stories, facts, the publish), then a moment within the time
  it took in a timed run, counted from the log line before it. Held when LATEST still names a
  release that verifies and the next run finishes with every inbox article published.
- corrupt: each kind of damage to the data folder (truncated or flipped stage Parquet, an
  empty rejections table, LATEST = abc / v9 / a path, a flipped release file, a broken
  manifest). Held when the next run succeeds, names the file, and `verify` is clean after.
- disk: the real `pipeline.cli run` on a tmpfs of ten sizes, from a tenth to twice what one
  run on an empty disk needs (measured first; skipped where mounting is not allowed). Held
  when it either publishes or ends with a `newsfacts:` message and no traceback, and after
  space is added the next run publishes and verifies.
- hostile: generated inputs (never committed): binary, NUL bytes, bad encodings, deep JSON,
  odd JSON, XML entities, links out of the inbox, pipes, unreadable names, a file named like a
  JSON record; at real size: a 4.6 MB one-line text of news words with numbers, an 800 KB
  `**a ` Markdown file, a 240 KB run of every pattern family (separators, open quotes, digits
  with separators, dates, markup...). Held per input when it ends as a document or a rejection.
- concurrent: two writers at once while readers query the warehouse and the latest Parquet.
  Held when both writers finish, no read fails, and the releases verify.

Prints a table (cases tried, held, failed) and writes bench/results/chaos.txt and chaos.json
(the same figures per group, with notes and failures). A group that cannot run here (disk
without root or mount rights) is reported as skipped with the reason, never as held. SIGTERM
or SIGINT stops the run after the case in progress and still writes the table of what ran.
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


class Stopped(Exception):
    """SIGTERM or SIGINT arrived: stop before the next case, keep what ran."""


STOP = threading.Event()


def _on_signal(signum: int, frame: object) -> None:
    """Only a flag: the case that is running finishes (its tmpfs unmounted, its workers
    reaped), then `between_cases` stops the run and the table of what ran is written."""
    if not STOP.is_set():
        print(f"\n{signal.Signals(signum).name}: stopping after the current case", flush=True)
    STOP.set()


def between_cases() -> None:
    if STOP.is_set():
        raise Stopped


class Tally:
    def __init__(self) -> None:
        self.rows: dict[str, Counter] = {}
        self.failures: list[str] = []
        self.notes: list[str] = []
        self.group_notes: dict[str, list[str]] = {}
        self.group_failures: dict[str, list[str]] = {}
        self.skipped: dict[str, str] = {}
        self.seconds: dict[str, float] = {}

    def add(self, group: str, held: bool, what: str) -> None:
        c = self.rows.setdefault(group, Counter())
        c["tried"] += 1
        c["held" if held else "failed"] += 1
        if not held:
            self.failures.append(f"{group}: {what}")
            self.group_failures.setdefault(group, []).append(what)
            print(f"  FAILED {group}: {what}", flush=True)

    def note(self, group: str, text: str) -> None:
        self.notes.append(f"{group}: {text}")
        self.group_notes.setdefault(group, []).append(text)

    def skip(self, group: str, reason: str) -> None:
        """A group that could not run here: reported as skipped with the reason, never as
        held (a skipped disk group proves nothing about full disks)."""
        self.skipped[group] = reason
        print(f"  SKIPPED {group}: {reason}", flush=True)


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


class Verified:
    """`make verify` after each case without its cost growing with the case number: every
    release is verified when it first appears and LATEST every time (a release is immutable,
    a run only adds one); the stage tables every time. verify_all over 44 releases took 45 s
    under load, so 100 kills spent most of their time re-verifying old releases."""

    def __init__(self) -> None:
        self.clean: set[str] = set()

    def check(self, store: DataStore) -> list[str]:
        latest = store.latest_release()
        problems = []
        if latest and latest not in store.list_releases():
            problems.append(f"LATEST names {latest!r}, not a complete release")
        for version in store.list_releases():
            if version in self.clean and version != latest:
                continue
            found = verify_release(store, version)
            problems.extend(found)
            if not found:
                self.clean.add(version)
        problems += [f"stage/{c.path.name}: {c.detail}" for c in store.check_stage()
                     if c.status == "damaged"]
        return problems


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
    verified = Verified()
    hit: Counter = Counter()
    try:
        for i in range(kills):
            between_cases()
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
                elif problems := verified.check(store):
                    wrong = f"verify after the next run: {problems[:2]}"
                elif published_files(store) != files:
                    wrong = "the latest release does not hold exactly the inbox"
            tally.add("kill", wrong is None,
                      f"kill {i} in {target} +{delay:.2f} s (last line: {moment}): {wrong}")
    finally:  # also when a signal stopped the loop: the moments that ran
        for stage in sorted(windows, key=STAGES.index):
            got = {m: n for (t, m), n in hit.items() if t == stage}
            tally.note("kill", f"aimed at {stage} (window {windows[stage][1]:.2f} s): "
                       f"{sum(got.values())} tries; last log line of the killed run: "
                       + ", ".join(f"{k} {v}" for k, v in sorted(got.items())))
        tally.note("kill", f"one timed run took {lines[-1][0]:.1f} s")
    between_cases()
    problems = verify_all(store)  # every release again: a later run damaged none of them
    if problems:
        tally.add("kill", False, f"verify_all after the last kill: {problems[:3]}")
    else:
        tally.note("kill", f"verify_all after the last kill: {len(store.list_releases())} "
                   "releases and the stage tables clean")


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
        between_cases()
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
def _mount(path: Path, size: str) -> tuple[bool, str]:
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, text=True)
    return done.returncode == 0, done.stderr.strip()


def _cli(command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PY, "-m", "pipeline.cli", command], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)


def _used_kib(point: Path) -> int:
    room = os.statvfs(point)
    return (room.f_blocks - room.f_bfree) * room.f_frsize // 1024


def chaos_disk(work: Path, tally: Tally, levels: int) -> None:
    """The real `pipeline.cli run` (Dagster and all) on a tmpfs of `levels` sizes from 1/levels
    to 2x what one run on an empty disk needs (measured first on a large tmpfs), so the low
    levels fill the disk at different steps and the top ones show a run that fits."""
    point = work / "tmpfs"
    point.mkdir()
    if os.geteuid() != 0:
        tally.skip("disk", "mounting a tmpfs needs root")
        return
    ok, why = _mount(point, "256m")
    if not ok:
        tally.skip("disk", f"mounting a tmpfs is not allowed here ({why})")
        return
    env = {**os.environ, "NEWSFACTS_INBOX": str(ROOT / "seeds"),
           "NEWSFACTS_DATA_DIR": str(point / "data")}
    env.pop("DAGSTER_HOME", None)
    try:
        first = _cli("run", env)
        need = _used_kib(point)
    finally:
        subprocess.run(["umount", str(point)], check=True)
    if first.returncode != 0:
        tally.add("disk", False, f"the run on a 256 MiB tmpfs failed: {first.stderr[-300:]}")
        return
    sizes = [max(4, round(need * 2 * (i + 1) / levels)) for i in range(levels)]
    outcomes: Counter = Counter()
    for kib in sizes:
        between_cases()
        _mount(point, f"{kib}k")
        try:
            first = _cli("run", env)
            wrong = None
            if first.returncode != 0:
                said = [ln for ln in first.stderr.splitlines() if ln.startswith("newsfacts:")]
                if "Traceback (most recent call last)" in first.stderr + first.stdout:
                    wrong = "a traceback"
                elif not said:
                    wrong = "failed without a newsfacts: message"
            subprocess.run(["mount", "-o", "remount,size=256m", str(point)], check=True)
            again = _cli("run", env)
            verify = _cli("verify", env)
            if wrong is None and again.returncode != 0:
                wrong = f"the run after freeing space failed: {again.stderr[-300:]}"
            elif wrong is None and verify.returncode != 0:
                wrong = f"verify after freeing space: {verify.stdout[-300:]}"
            if first.returncode == 0:
                outcome = "published"
            else:
                said = [ln for ln in first.stderr.splitlines() if ln.startswith("newsfacts:")]
                outcome = "stopped: " + (said[0][:160] if said else "(no message)")
            outcomes["published" if first.returncode == 0 else "stopped"] += 1
            tally.add("disk", wrong is None, f"{kib} KiB ({outcome}): {wrong}")
            print(f"  disk {kib} KiB: {outcome}; held={wrong is None}", flush=True)
        finally:
            subprocess.run(["umount", str(point)], check=False)
    tally.note("disk", f"one run of the seeds on an empty disk needs {need} KiB (data folder "
               f"with Dagster's storage); tmpfs sizes (KiB): {', '.join(map(str, sizes))}; "
               f"{outcomes['published']} published, {outcomes['stopped']} stopped with a "
               "message (real tmpfs, real `pipeline.cli run`)")


# -- group 4: hostile inputs -----------------------------------------------------------------
NEWS_WORDS = ("the", "council", "said", "on", "Monday", "that", "percent", "of", "homes", "were",
              "empty", "budget", "rose", "to", "million", "from", "in", "last", "year", "about",
              "workers", "police", "reported", "fell", "by", "per", "cent", "up", "$", "km")


def news_one_line(rng: random.Random, size: int) -> bytes:
    """One line of news words and numbers with no sentence end ("the budget rose 4.5 percent
    to $2,300 million in 2019 ..."): a single paragraph and a single sentence of `size` bytes."""
    parts: list[str] = []
    n = 0
    while n < size:
        r = rng.random()
        if r < 0.12:
            word = f"{rng.randint(1, 9999):,}"
        elif r < 0.18:
            word = f"{rng.randint(1, 99)}.{rng.randint(0, 9)}"
        elif r < 0.21:
            word = str(rng.randint(1990, 2030))
        else:
            word = rng.choice(NEWS_WORDS)
        parts.append(word)
        n += len(word) + 1
    return " ".join(parts).encode()[:size]


RUN_BYTES = 240_000
LEAD = b"The council said on Monday that 14 percent of 2,300 homes were empty. "


def long_runs() -> dict[str, bytes]:
    """A run of RUN_BYTES (200 KB+) for every family of pattern the extractors use: separators,
    quotes left open, digits with separators, currency and percent signs, dates, titles and
    initials, attribution verbs, brackets, Markdown and HTML markup, one endless word."""
    unit = {
        "commas": ", ", "dots": ". ", "dashes": "- ", "em_dashes": "\u2014", "spaces": " ",
        "tabs": "\t", "newlines": "\n", "blank_paragraphs": "\n \n", "ellipses": "...",
        "straight_quotes": '"a ', "curly_quotes": "\u201ca ", "single_quotes": "'a ",
        "guillemets": "\u00aba ", "digit_commas": "1,", "digit_dots": "1.", "digit_spaces": "1 ",
        "long_number": "9", "digit_words": "1 million ", "currency": "$1 ", "euro": "\u20ac1,5 ",
        "percent": "1% ", "ranges": "1-2 ", "fractions": "1/2 ", "times": "10:30 ",
        "dates": "Monday, March 3, ", "years": "2019 ", "ordinals": "1st ",
        "titles": "Mr. ", "initials": "A. ", "capital_words": "Council ", "said": "said ",
        "said_quote": 'said "', "according": "according to ", "parens": "(",
        "brackets": "[", "md_emphasis": "*a ", "md_links": "[a](", "md_headings": "# ",
        "html_tags": "<b>", "html_entities": "&amp;", "urls": "http://a.b/", "emails": "a@b.",
        "hashtags": "#a ", "letters": "a", "hyphen_words": "a-",
    }
    out: dict[str, bytes] = {}
    for family, piece in unit.items():
        data = (piece * (RUN_BYTES // len(piece.encode()) + 1)).encode()[:RUN_BYTES]
        ext = ".md" if family.startswith("md_") else ".html" if family.startswith("html") \
            else ".txt"
        # A news sentence first, so the document is not refused as too short or not news.
        out[f"run_{family}{ext}"] = LEAD + data
    return out


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
        "long_line.txt": (body + " ").encode() * 10,
        "emphasis.md": b"**a " * 5000,
        # At the sizes the issue reported (items 1 and 2): a 4.6 MB one-line text of news
        # words with numbers and no sentence end, an 800 KB file of Markdown emphasis.
        "one_line_4_6mb.txt": news_one_line(rng, 4_600_000),
        "emphasis_800kb.md": b"**a " * 200_000,
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
    files.update(long_runs())
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
    """One worker run over every hostile input (real sizes). Held per input when it ends as a
    document or a rejection; how each large one ended (rows, over_budget) is noted."""
    inbox, data = work / "hostile-inbox", work / "hostile-data"
    inbox.mkdir()
    expected = hostile_inbox(inbox, rng)
    t0 = time.monotonic()
    rc, log = run_worker(data, inbox, timeout=3600)
    took = time.monotonic() - t0
    if rc != 0:
        for name in expected:
            tally.add("hostile", False, f"{name}: the run failed ({last_error(log)})")
        return
    store = DataStore(data, inbox)
    found = published_files(store)
    for name in expected:
        tally.add("hostile", name in found, f"{name}: neither a document nor a rejection")
    latest = store.latest_release()
    rej = store.read_release_table(latest, "rejections", ["source", "reason", "detail"])
    budget = sorted(f"{file_of_source(r.source)} ({r.detail[:60]})"
                    for r in rej.itertuples() if r.reason == "over_budget")
    docs = store.read_release_table(latest, "documents", ["doc_id", "source"])
    figs = store.read_release_table(latest, "figures", ["doc_id"])
    per_doc = figs["doc_id"].value_counts()
    big = {r.source: int(per_doc.get(r.doc_id, 0)) for r in docs.itertuples()
           if r.source.startswith(("one_line", "emphasis_800kb", "many_numbers"))}
    tally.note("hostile", f"one run over {len(expected)} inputs ({len(long_runs())} runs of "
               f"{RUN_BYTES // 1000} KB, a 4.6 MB one-line text, an 800 KB emphasis file) took "
               f"{took:.1f} s; documents {len(docs)}, rejections {len(rej)}")
    tally.note("hostile", "over_budget: " + (", ".join(budget) or "none"))
    tally.note("hostile", "figure rows of the large texts: "
               + ", ".join(f"{k} {v}" for k, v in sorted(big.items())))


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
        between_cases()
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
    tally.note("concurrent", f"{reads['ok']} reads during 3 rounds of two writers, "
               f"{reads['error']} failed")


GROUPS = ("corrupt", "hostile", "concurrent", "kill", "disk")


def report(tally: Tally, groups: list[str], command: str, started: str, seconds: float,
           loads: list[tuple[float, float, float]], stopped: str | None,
           results: Path) -> None:
    """bench/results/chaos.txt (the table) and chaos.json (the same figures per group)."""
    load = (f"load average {loads[0][0]:.2f} {loads[0][1]:.2f} {loads[0][2]:.2f} at the start, "
            f"{loads[-1][0]:.2f} {loads[-1][1]:.2f} {loads[-1][2]:.2f} at the end")
    lines = [f"# {command} ({seconds:.0f} s, started {started})",
             f"# machine: {describe()}; {load}"]
    if stopped:
        lines.append(f"# STOPPED EARLY ({stopped}): the table holds only the cases that ran")
    lines.append(f"{'group':<12}{'tried':>7}{'held':>7}{'failed':>8}  {'seconds':>7}")
    total: Counter = Counter()
    per_group = {}
    for group in groups:
        c = tally.rows.get(group, Counter())
        total.update(c)
        secs = tally.seconds.get(group)
        took = f"{secs:>9.0f}" if secs is not None else f"{'-':>9}"
        if group in tally.skipped:
            lines.append(f"{group:<12}{'skipped: ' + tally.skipped[group]}")
        elif secs is None:
            lines.append(f"{group:<12}{'not run (stopped before it)'}")
        else:
            lines.append(f"{group:<12}{c['tried']:>7}{c['held']:>7}{c['failed']:>8}{took}")
        per_group[group] = {
            "tried": c["tried"], "held": c["held"], "failed": c["failed"],
            "skipped": tally.skipped.get(group), "ran": secs is not None,
            "seconds": round(secs, 1) if secs is not None else None,
            "notes": tally.group_notes.get(group, []),
            "failures": tally.group_failures.get(group, []),
        }
    lines.append(f"{'all':<12}{total['tried']:>7}{total['held']:>7}{total['failed']:>8}"
                 f"{seconds:>9.0f}")
    lines += [f"note: {n}" for n in tally.notes]
    lines += [f"failed: {f}" for f in tally.failures]
    write_results(results / "chaos.txt", lines)
    doc = {"command": command, "started": started, "seconds": round(seconds, 1),
           "machine": describe(), "load_average": {"start": loads[0], "end": loads[-1]},
           "stopped": stopped, "groups": per_group,
           "all": {"tried": total["tried"], "held": total["held"], "failed": total["failed"]}}
    (results / "chaos.json").write_text(json.dumps(doc, indent=2) + "\n")


def merge(sources: list[Path], results: Path) -> int:
    """One table from several chaos.json (groups run in separate processes at once, to fit
    the time a shared machine gives): each group from the run that ran it, with that run's
    command, start and load; a group in two runs is taken from the later one."""
    runs = [json.loads(p.read_text()) for p in sources]
    groups: dict[str, tuple[dict, dict]] = {}
    for run in runs:
        for name, group in run["groups"].items():
            if group["ran"] or group["skipped"]:
                groups[name] = (group, run)
    order = [g for g in GROUPS if g in groups]
    lines = [f"# {len(runs)} runs of bench/chaos.py, partly at the same time, merged "
             "(bench/chaos.py --merge)"]
    for i, run in enumerate(runs, 1):
        ld = run["load_average"]
        lines.append(f"# run {i}: {run['command']} (started {run['started']}, "
                     f"{run['seconds']:.0f} s; load average {ld['start'][0]:.2f} at the start, "
                     f"{ld['end'][0]:.2f} {ld['end'][1]:.2f} {ld['end'][2]:.2f} at the end)"
                     + (f"; STOPPED: {run['stopped']}" if run["stopped"] else ""))
    lines.append(f"# machine: {runs[-1]['machine']}")
    lines.append(f"{'group':<12}{'tried':>7}{'held':>7}{'failed':>8}{'seconds':>9}  run")
    total: Counter = Counter()
    for name in order:
        group, run = groups[name]
        which = runs.index(run) + 1
        if group["skipped"]:
            lines.append(f"{name:<12}skipped: {group['skipped']}")
            continue
        total.update({k: group[k] for k in ("tried", "held", "failed")})
        lines.append(f"{name:<12}{group['tried']:>7}{group['held']:>7}{group['failed']:>8}"
                     f"{group['seconds']:>9.0f}  {which}")
    lines.append(f"{'all':<12}{total['tried']:>7}{total['held']:>7}{total['failed']:>8}")
    for name in order:
        lines += [f"note: {name}: {n}" for n in groups[name][0]["notes"]]
    for name in order:
        lines += [f"failed: {name}: {f}" for f in groups[name][0]["failures"]]
    write_results(results / "chaos.txt", lines)
    doc = {"merged_from": [{k: r[k] for k in ("command", "started", "seconds", "machine",
                                              "load_average", "stopped")} for r in runs],
           "groups": {name: groups[name][0] for name in order},
           "all": dict(total)}
    (results / "chaos.json").write_text(json.dumps(doc, indent=2) + "\n")
    return 1 if total["failed"] else 0


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        return worker(sys.argv[2], sys.argv[3])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--disk-levels", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--only", nargs="*", default=None, choices=GROUPS,
                        help="run these groups only")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results",
                        help="folder for chaos.txt and chaos.json")
    parser.add_argument("--merge", type=Path, nargs="+", default=None, metavar="JSON",
                        help="write one table from these chaos.json files and exit")
    args = parser.parse_args()
    if args.merge:
        return merge(args.merge, args.results)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    rng = random.Random(args.seed)
    tally = Tally()
    groups = args.only or list(GROUPS)
    command = ("bench/chaos.py " + " ".join(sys.argv[1:])).strip()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    loads = [os.getloadavg()]
    t0 = time.monotonic()
    stopped = None
    with tempfile.TemporaryDirectory(prefix="newsfacts-chaos-") as tmp:
        work = Path(tmp)
        for group in groups:
            try:
                between_cases()
                print(f"== {group}", flush=True)
                t = time.monotonic()
                try:
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
                except Stopped:
                    raise
                except Exception as exc:  # the harness itself broke: a failure, not a silence
                    tally.add(group, False, f"the group stopped: {type(exc).__name__}: "
                              f"{str(exc)[-300:]}")
                finally:
                    tally.seconds[group] = time.monotonic() - t
                    print(f"   {tally.seconds[group]:.0f} s", flush=True)
            except Stopped:
                done = sum(c["tried"] for c in tally.rows.values())
                stopped = f"signal after {done} cases, in or before group {group}"
                break
    loads.append(os.getloadavg())
    report(tally, groups, command, started, time.monotonic() - t0, loads, stopped, args.results)
    return 1 if tally.failures or stopped else 0


if __name__ == "__main__":
    sys.exit(main())
