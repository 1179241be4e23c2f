"""Cost of the outlet pass (pipeline/core/documents/repeated.py) as the corpus grows.

Synthetic documents of 50 outlets, each with its own five chrome lines and 20 lines of its
own reporting (10 sentences, 6 short lines: subheadings, captions, names). Timed: the line
rows of a run's new documents with the counts over all of them (a first run), and a later run
of 1,000 new documents against the stored rows of the rest (the incremental case). Peak RSS
is the process's, after both.

Run: nice .venv/bin/python -m bench.bench_repeated_lines [N ...]
"""

from __future__ import annotations

import random
import resource
import sys
import time

import pandas as pd

from pipeline.core.documents.repeated import RepeatRule, drop_outlet_chrome

WORDS = ["harbour", "council", "plan", "budget", "residents", "officials", "ferry", "school",
         "bridge", "tariff", "water", "court", "union", "minister", "vote", "market", "rail",
         "housing", "review"]


def corpus(n: int, seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    chrome = {o: [f"Chrome line {j} of outlet {o} {rng.choice(WORDS)}" for j in range(5)]
              for o in range(50)}
    rows = []
    for k in range(n):
        o = k % 50
        lines = chrome[o][:2]
        for j in range(20):
            words = rng.choices(WORDS, k=rng.randint(14, 30) if j % 3 else rng.randint(2, 6))
            line = " ".join(words).capitalize() + ("." if j % 3 else "")
            lines.append(line)
        lines += chrome[o][2:]
        title = " ".join(rng.choices(WORDS, k=8)).capitalize()
        rows.append({"doc_id": f"d{k:08d}", "title": title, "text": "\n".join(lines),
                     "outlet": f"Outlet {o}", "url": None, "n_words": 0})
    return pd.DataFrame(rows)


def main() -> None:
    from bench.machine import describe

    sizes = [int(a) for a in sys.argv[1:]] or [20_000, 100_000]
    print(f"# machine: {describe()}")
    rule = RepeatRule()
    for n in sizes:
        docs = corpus(n)
        t0 = time.perf_counter()
        out, rows, dropped = drop_outlet_chrome(docs, None, None, rule)
        t1 = time.perf_counter()
        old, new = docs.iloc[:-1000], docs.iloc[-1000:].reset_index(drop=True)
        old_rows = rows[rows["doc_id"].isin(set(old["doc_id"]))]
        outlets = old["outlet"].str.casefold()
        t2 = time.perf_counter()
        _, _, dropped_new = drop_outlet_chrome(new, old_rows, outlets, rule)
        t3 = time.perf_counter()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
        print(f"{n:,} documents: first run {t1 - t0:.1f} s ({len(rows):,} line rows, "
              f"{dropped:,} lines dropped); 1,000 new against the rest {t3 - t2:.1f} s "
              f"({dropped_new:,} dropped); peak RSS {rss:.2f} GB")


if __name__ == "__main__":
    main()
