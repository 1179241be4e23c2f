"""Stories at scale: a full build for 10k and 100k documents, and the cost of one new article.

    PYTHONPATH=. nice .venv/bin/python bench/bench_stories.py [--before DIR] [sizes...]

Documents come from `bench/story_corpus.labelled_corpus` (confusable template clusters with
invented names). For each size: the full build (every document new), then one more article
arriving with the stored assignments and story index (what a run does when one file is dropped
into the inbox): seconds in `find_stories`, how many candidate stories it was compared with, and
the seconds that run spends reading and writing its three stage tables through `DataStore`
(`one_io_s`), as `build_stories` does.
`--before DIR` also runs the benchmark of another checkout (e.g. a `git worktree` of the
previous commit) for each size, interleaved with this one, so both see the same machine
state. Results go to `bench/results/stories.txt`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.machine import describe  # noqa: E402
from bench.score_stories import bcubed  # noqa: E402
from bench.story_corpus import labelled_corpus  # noqa: E402
from pipeline.core.stories import STORIES_VERSION, find_stories  # noqa: E402
from pipeline.store import DataStore  # noqa: E402

HEADER = ("   docs    gold   found  full_s  cand/doc  one_new_s  one_cand  one_io_s   P      R")


TABLES = ("stories", "document_stories", "story_index")


def _write(store: DataStore, result) -> None:
    for name, table in zip(TABLES, (result.stories, result.document_stories, result.index),
                           strict=True):
        store.write_stage(name, table, STORIES_VERSION)


def _read(store: DataStore) -> list[pd.DataFrame]:
    return [store.read_stage_if_version(name, STORIES_VERSION) for name in TABLES]


def run(n_docs: int) -> str:
    docs = labelled_corpus(n_groups=max(2, n_docs // 11), seed=11)[:n_docs]
    frame = pd.DataFrame(docs).drop(columns=["story"])
    base = frame.iloc[:-1]  # the last article arrives afterwards, alone
    t0 = time.perf_counter()
    full = find_stories(base)
    t_full = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        # The stage tables of the full run, stored as build_stories stores them; the new
        # article's run reads them, assigns it and writes them again.
        store = DataStore(Path(tmp), Path(tmp))
        store.stage_dir.mkdir(parents=True)
        _write(store, full)
        t0 = time.perf_counter()
        stories, previous, index = _read(store)
        t_io = time.perf_counter() - t0
        t0 = time.perf_counter()
        one = find_stories(frame, previous=previous, index=index, previous_stories=stories)
        t_one = time.perf_counter() - t0
        t0 = time.perf_counter()
        _write(store, one)
        t_io += time.perf_counter() - t0
    gold = {d["doc_id"]: d["story"] for d in docs}
    pred = dict(zip(one.document_stories["doc_id"], one.document_stories["story_id"],
                    strict=True))
    p, r = bcubed(gold, pred)
    return (f"{len(frame):7d} {len(set(gold.values())):7d} {len(one.stories):7d} "
            f"{t_full:9.1f} {full.stats.get('candidates_compared', 0) / max(1, len(base)):9.2f} "
            f"{t_one:9.2f} {one.stats.get('candidates_compared', 0):9d} {t_io:9.2f} "
            f"{p:6.3f} {r:6.3f}  load {os.getloadavg()[0]:.1f}")


def _before(checkout: Path, n_docs: int) -> str:
    """The first result row the other checkout's benchmark prints for one size."""
    out = subprocess.run([sys.executable, "bench/bench_stories.py", str(n_docs)], cwd=checkout,
                         env={**os.environ, "PYTHONPATH": str(checkout)}, check=True,
                         capture_output=True, text=True).stdout
    return out.splitlines()[0].removeprefix("after   ")  # the other side's own row label


def main() -> None:
    args = sys.argv[1:]
    before = None
    if args[:1] == ["--before"]:
        before, args = Path(args[1]).resolve(), args[2:]
    sizes = [int(a) for a in args] or [10_000, 100_000]
    lines = [f"bench_stories: {describe()}", "        " + HEADER]
    for n in sizes:
        if before is not None:
            lines.append("before  " + _before(before, n))
            print(lines[-1], flush=True)
        lines.append("after   " + run(n))
        print(lines[-1], flush=True)
    out = Path(__file__).parent / "results" / "stories.txt"
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
