"""Time `build_facts` on synthetic clusters of 10k, 100k and 1M mentions; run by hand.

Usage: PYTHONPATH=. .venv/bin/python bench/bench_facts.py [10000 100000 1000000]
Writes bench/results/facts.txt (machine, Python, times, growth ratios).

Synthetic data imitates a news stream: stories of 8 documents; each utterance is quoted by 3 of
them (exact copies, a dropped word, a fragment), each figure is reported by 3 of them with a
varying sentence; words come from a 30,000-word invented vocabulary, so unrelated stories share
few rare keys, like real ones. Seeded: every run builds the same data.
"""

from __future__ import annotations

import platform
import random
import sys
import time
from pathlib import Path

import pandas as pd

from pipeline.core.facts import build_facts
from pipeline.core.text.ids import stable_id

VOCAB_SIZE = 30_000
DOCS_PER_STORY = 8
COPIES = 3


def _vocab(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnoprstuvw"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9)))
            for _ in range(VOCAB_SIZE)]


def synthetic(n_mentions: int, seed: int = 11) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(documents, quotes, figures) with about `n_mentions` mentions, half quotes, half figures."""
    rng = random.Random(seed)
    vocab = _vocab(rng)
    docs, quotes, figures = [], [], []
    story = 0
    while len(quotes) + len(figures) < n_mentions:
        doc_ids = [stable_id("d", story, i) for i in range(DOCS_PER_STORY)]
        docs.extend({"doc_id": d, "text": "x", "duplicate_of": None, "outlet": None,
                     "source": f"{d}.txt", "story_id": stable_id("s", story)} for d in doc_ids)
        topic = rng.sample(vocab, 12)
        for u in range(4):  # utterances per story
            words = [rng.choice(vocab) for _ in range(rng.randint(8, 30))]
            speaker = f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}"
            for k, d in enumerate(rng.sample(doc_ids, COPIES)):
                variant = list(words)
                if k == 1:
                    del variant[rng.randrange(len(variant))]
                elif k == 2:
                    variant = variant[: max(4, len(variant) // 2)]
                quotes.append({"quote_id": stable_id("q", story, u, k), "doc_id": d,
                               "text": " ".join(variant), "speaker": speaker, "venue": None})
        for f in range(4):  # figures per story
            value = float(rng.choice([rng.randint(1, 100), rng.randint(100, 10**6)]))
            kind, unit = rng.choice([("percent", "percent"), ("count", None), ("money", "USD")])
            thing = rng.sample(topic, 3)
            for k, d in enumerate(rng.sample(doc_ids, COPIES)):
                surface = f"{value:g}"
                filler = rng.sample(vocab, 6)
                sentence = " ".join([*filler[:3], thing[0], surface, *thing[1:], *filler[3:]])
                start = sentence.index(surface)
                figures.append({
                    "figure_id": stable_id("g", story, f, k), "doc_id": d, "surface": surface,
                    "start": start, "end": start + len(surface), "kind": kind, "value": value,
                    "unit": unit, "qualifier": None, "measured": None, "date": None,
                    "sentence": sentence, "role": None, "linked_figure_id": None})
        story += 1
    return pd.DataFrame(docs), pd.DataFrame(quotes), pd.DataFrame(figures)


def machine() -> str:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    import os
    return f"nproc={os.cpu_count()}, CPU={cpu}, Python {platform.python_version()}"


def main(sizes: list[int]) -> None:
    lines = [f"bench_facts: {machine()}", "mentions  quotes  figures  facts  seconds  us/mention"]
    previous: tuple[int, float] | None = None
    ratios = []
    for n in sizes:
        docs, quotes, figures = synthetic(n)
        t0 = time.perf_counter()
        # Facts inside the synthetic stories, as the pipeline builds them (docs/stories.md).
        facts, _ = build_facts(docs, quotes, figures, None,
                               doc_stories=dict(zip(docs["doc_id"], docs["story_id"],
                                                    strict=True)))
        seconds = time.perf_counter() - t0
        total = len(quotes) + len(figures)
        lines.append(f"{total:>8} {len(quotes):>7} {len(figures):>8} {len(facts):>6} "
                     f"{seconds:>8.1f} {1e6 * seconds / total:>10.1f}")
        print(lines[-1], flush=True)
        if previous:
            ratios.append(f"{previous[0]}→{total}: mentions ×{total / previous[0]:.1f}, "
                          f"time ×{seconds / previous[1]:.1f}")
        previous = (total, seconds)
    lines += ["growth:", *ratios]
    out = Path(__file__).parent / "results" / "facts.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
