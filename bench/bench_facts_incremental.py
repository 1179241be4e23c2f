"""Facts build with statements repeated across many stories: main's alignment vs the cached one.

    PYTHONPATH=. nice .venv/bin/python bench/bench_facts_incremental.py [STORIES ...]

The cost the last incremental-facts attempt (branch old/facts-incremental, f199ed0) could not
get under: a statement several stories quote ("we will rebuild every school in the valley" in a
flood story, a budget story and a campaign story) is one quote unit per story, and every pair of
those units is aligned with difflib, so the quote step grows with the square of the number of
stories a statement appears in. This bench builds the same synthetic release (per story: 8
documents, 4 own utterances each quoted 3 times, plus 20 shared statements and a fragment of
each quoted in every story) and times `build_facts` with main's `_alignment` (difflib on every
pair) and with this checkout's (identical wordings skip difflib, results cached per pair of
wordings), alternating, in one process, and checks that the facts and mentions are equal.
Results: `bench/results/facts_alignment.txt` with the load average (`uptime`).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from pipeline.core.facts import build_facts, quote_clusters
from pipeline.core.text.ids import stable_id

OUT = Path(__file__).resolve().parent / "results" / "facts_alignment.txt"
DOCS_PER_STORY = 8
SHARED = 20


def main_alignment(short: tuple[str, ...], long_: tuple[str, ...]) -> tuple[int, int]:
    """main's `_alignment` (63d465a), uncached: difflib on every pair."""
    blocks = SequenceMatcher(None, short, long_, autojunk=False).get_matching_blocks()
    min_block = 2 if len(short) >= 6 else 1
    matched = sum(b.size for b in blocks if b.size >= min_block)
    return matched, max((b.size for b in blocks), default=0)


def synthetic(n_stories: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rng = random.Random(seed)
    letters = "abcdefghijklmnoprstuvw"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(20_000)]
    shared = [[rng.choice(vocab) for _ in range(rng.randint(14, 30))] for _ in range(SHARED)]
    shared_speakers = [f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}"
                       for _ in range(SHARED)]
    docs, quotes = [], []
    for story in range(n_stories):
        doc_ids = [stable_id("d", story, i) for i in range(DOCS_PER_STORY)]
        docs.extend({"doc_id": d, "text": "x", "duplicate_of": None, "outlet": None,
                     "source": f"{d}.txt", "story_id": stable_id("s", story)} for d in doc_ids)
        for u in range(4):
            words = [rng.choice(vocab) for _ in range(rng.randint(8, 30))]
            speaker = f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}"
            for k, d in enumerate(rng.sample(doc_ids, 3)):
                variant = words if k != 2 else words[: max(4, len(words) // 2)]
                quotes.append({"quote_id": stable_id("q", story, u, k), "doc_id": d,
                               "text": " ".join(variant), "speaker": speaker, "venue": None})
        for s, words in enumerate(shared):
            d = rng.choice(doc_ids)
            speaker = shared_speakers[s] if rng.random() < 0.7 else None
            quotes.append({"quote_id": stable_id("qs", story, s), "doc_id": d,
                           "text": " ".join(words), "speaker": speaker, "venue": None})
            quotes.append({"quote_id": stable_id("qf", story, s), "doc_id": rng.choice(doc_ids),
                           "text": " ".join(words[: len(words) * 2 // 3]), "speaker": speaker,
                           "venue": None})
    figures = pd.DataFrame(columns=["figure_id", "doc_id", "surface", "start", "end", "kind",
                                    "value", "unit", "qualifier", "measured", "date",
                                    "sentence", "role", "linked_figure_id", "value_max"])
    return pd.DataFrame(docs), pd.DataFrame(quotes), figures


def timed(fn, data) -> tuple[float, float, tuple[pd.DataFrame, pd.DataFrame]]:
    documents, quotes, figures = data
    quote_clusters._alignment = fn
    if hasattr(fn, "cache_clear"):
        fn.cache_clear()  # every run starts cold: a new process has an empty cache
    w0, c0 = time.perf_counter(), time.process_time()
    out = build_facts(documents, quotes, figures,
                      doc_stories=dict(zip(documents["doc_id"], documents["story_id"],
                                           strict=True)))
    return time.perf_counter() - w0, time.process_time() - c0, out


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [50, 100, 200]
    cached = quote_clusters._alignment
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    lines = [f"# bench_facts_incremental (alignment): {os.cpu_count()} cores; uptime before: "
             f"{uptime}",
             "# stories  quotes  facts  main wall/cpu s  cached wall/cpu s  cpu ratio  equal"]
    print("\n".join(lines), flush=True)
    for n in sizes:
        data = synthetic(n)
        runs: dict[str, list[tuple[float, float]]] = {"main": [], "cached": []}
        outs = {}
        for _ in range(2):  # alternate, so load changes hit both
            for name, fn in (("main", main_alignment), ("cached", cached)):
                wall, cpu, outs[name] = timed(fn, data)
                runs[name].append((wall, cpu))
        equal = all(a.equals(b) for a, b in zip(outs["main"], outs["cached"], strict=True))
        best = {k: min(v, key=lambda t: t[1]) for k, v in runs.items()}
        line = (f"{n:9d} {len(data[1]):7d} {len(outs['cached'][0]):6d} "
                f"{best['main'][0]:8.1f}/{best['main'][1]:5.1f} "
                f"{best['cached'][0]:10.1f}/{best['cached'][1]:5.1f} "
                f"{best['main'][1] / max(best['cached'][1], 1e-9):9.1f}x  {equal}")
        lines.append(line)
        print(line, flush=True)
    quote_clusters._alignment = cached
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    lines.append(f"# uptime after: {uptime}")
    OUT.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
