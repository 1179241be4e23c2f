"""Stories at scale: a full build for 10k and 100k documents, and the cost of one new article.

    PYTHONPATH=. nice .venv/bin/python bench/bench_stories.py [sizes...]

Documents come from `bench/story_corpus.labelled_corpus` (confusable template clusters with
invented names). For each size: the full build (every document new), then one more article
arriving with the stored assignments and features (what a run does when one file is dropped
into the inbox): seconds, and how many candidate stories it was compared with. Results go to
`bench/results/stories.txt`.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.machine import describe  # noqa: E402
from bench.score_stories import bcubed  # noqa: E402
from bench.story_corpus import labelled_corpus  # noqa: E402
from pipeline.core.stories import find_stories  # noqa: E402


def run(n_docs: int) -> str:
    docs = labelled_corpus(n_groups=max(2, n_docs // 11), seed=11)[:n_docs]
    frame = pd.DataFrame(docs).drop(columns=["story"])
    base = frame.iloc[:-1]  # the last article arrives afterwards, alone
    t0 = time.perf_counter()
    full = find_stories(base)
    t_full = time.perf_counter() - t0
    t0 = time.perf_counter()
    one = find_stories(frame, previous=full.document_stories, stored_features=full.features,
                       previous_stories=full.stories)
    t_one = time.perf_counter() - t0
    gold = {d["doc_id"]: d["story"] for d in docs}
    pred = dict(zip(one.document_stories["doc_id"], one.document_stories["story_id"],
                    strict=True))
    p, r = bcubed(gold, pred)
    return (f"{len(frame):7d} {len(set(gold.values())):7d} {len(one.stories):7d} "
            f"{t_full:9.1f} {full.stats.get('candidates_compared', 0) / max(1, len(base)):9.2f} "
            f"{t_one:9.2f} {one.stats.get('candidates_compared', 0):9d} {p:6.3f} {r:6.3f}"
            f"  load {os.getloadavg()[0]:.1f}")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    lines = [f"bench_stories: {describe()}",
             "   docs    gold   found  full_s  cand/doc  one_new_s  one_cand   P      R"]
    for n in sizes:
        lines.append(run(n))
        print(lines[-1], flush=True)
    out = Path(__file__).parent / "results" / "stories.txt"
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
