"""Score story grouping on the labelled set: B-cubed precision and recall.

    PYTHONPATH=. .venv/bin/python bench/score_stories.py [n_groups]

The labelled set is `bench/story_corpus.labelled_corpus` (template-generated confusable
clusters) plus the hand-written clusters of `tests/core/stories/clusters.py`. Results go to
`bench/results/stories_score.txt`. Facts: the real quote and figure extractors run on the same
documents, facts are built inside the stories found, and the share of multi-document facts
whose documents span two gold stories is reported (target 0), with and without stories.
`both, daily` scores the same set arriving one run per publication day, each run with the stored
index of the one before (incremental weights and arrival order, docs/stories.md). `hard` is a
second generated set whose events of one group share country, national bodies and the kind's
numbers (`story_corpus.SHARED_WHEN_HARD`): only actors, places, quotes and dates differ.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.machine import describe  # noqa: E402
from bench.story_corpus import labelled_corpus  # noqa: E402
from pipeline.core.facts import build_facts  # noqa: E402
from pipeline.core.frames import figures_for_documents, quotes_for_documents  # noqa: E402
from pipeline.core.stories import find_stories  # noqa: E402
from tests.core.stories.clusters import HAND_WRITTEN  # noqa: E402


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of a clustering against gold labels (per document mean)."""
    by_gold: dict[str, set[str]] = {}
    by_pred: dict[str, set[str]] = {}
    for d, g in gold.items():
        by_gold.setdefault(g, set()).add(d)
        by_pred.setdefault(predicted[d], set()).add(d)
    precision = recall = 0.0
    for d in gold:
        mine, truth = by_pred[predicted[d]], by_gold[gold[d]]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    return precision / len(gold), recall / len(gold)


def score(docs: list[dict]) -> tuple[float, float, int, int, dict[str, str]]:
    frame = pd.DataFrame(docs).drop(columns=["story"])
    result = find_stories(frame)
    predicted = dict(zip(result.document_stories["doc_id"], result.document_stories["story_id"],
                         strict=True))
    gold = {d["doc_id"]: d["story"] for d in docs}
    p, r = bcubed(gold, predicted)
    return p, r, len(set(gold.values())), len(set(predicted.values())), predicted


def score_incremental(docs: list[dict]) -> tuple[float, float, int, int]:
    """The same set arriving one run per publication day, each run with the stored index: the
    grouping a deployment that receives articles daily gets (frozen weights, arrival order)."""
    by_day: dict[str, list[dict]] = {}
    for d in docs:
        by_day.setdefault(d["published"] or "", []).append(d)
    seen: list[dict] = []
    result = None
    for day in sorted(by_day):
        seen += by_day[day]
        frame = pd.DataFrame(seen).drop(columns=["story"])
        result = find_stories(frame, previous=result.document_stories if result else None,
                              index=result.index if result else None,
                              previous_stories=result.stories if result else None)
    assert result is not None
    predicted = dict(zip(result.document_stories["doc_id"], result.document_stories["story_id"],
                         strict=True))
    gold = {d["doc_id"]: d["story"] for d in docs}
    p, r = bcubed(gold, predicted)
    return p, r, len(set(gold.values())), len(set(predicted.values()))


def facts_spanning_stories(docs: list[dict], predicted: dict[str, str] | None) -> str:
    """Multi-document facts whose documents belong to two or more gold stories."""
    frame = pd.DataFrame(docs).drop(columns=["story"])
    quotes, _ = quotes_for_documents(frame)
    figures, _ = figures_for_documents(frame)
    facts, _ = build_facts(frame, quotes, figures, doc_stories=predicted)
    gold = {d["doc_id"]: d["story"] for d in docs}
    out = []
    for kind in ("quote", "figure"):
        multi = facts[(facts["kind"] == kind) & (facts["n_documents"] > 1)]
        spans = sum(len({gold[d] for d in ids}) > 1 for ids in multi["doc_ids"])
        out.append(f"{kind} {spans}/{len(multi)}")
    conflicts = int(facts["conflict"].sum())
    return ", ".join(out) + f", conflicts {conflicts}"


def main() -> None:
    n_groups = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    lines = [f"score_stories: {describe()}"]
    generated = labelled_corpus(n_groups=n_groups)
    hard = labelled_corpus(n_groups=n_groups, seed=8, hard=True)
    harder = labelled_corpus(n_groups=n_groups, seed=9, hard=True, harder=True)
    hand = [dict(d) for d in HAND_WRITTEN]
    for name, docs in (("generated", generated), ("hand-written", hand),
                       ("both", generated + hand), ("hard", hard), ("harder", harder)):
        p, r, n_gold, n_pred, predicted = score(docs)
        lines.append(f"{name:13s} documents={len(docs):4d} gold stories={n_gold:3d} "
                     f"found={n_pred:3d} B-cubed P={p:.3f} R={r:.3f}")
        if name in ("hard", "harder"):
            lines.append(f"multi-document facts spanning gold stories ({name}), inside "
                         "stories: " + facts_spanning_stories(docs, predicted))
            p, r, n_gold, n_pred = score_incremental(docs)
            lines.append(f"{name + ', daily':13s} documents={len(docs):4d} gold "
                         f"stories={n_gold:3d} found={n_pred:3d} B-cubed P={p:.3f} R={r:.3f}")
        if name == "both":
            p, r, n_gold, n_pred = score_incremental(docs)
            lines.append(f"{'both, daily':13s} documents={len(docs):4d} gold stories={n_gold:3d} "
                         f"found={n_pred:3d} B-cubed P={p:.3f} R={r:.3f}  (one run per day, "
                         "stored index)")
            lines.append("multi-document facts spanning gold stories, inside stories: "
                         + facts_spanning_stories(docs, predicted))
            lines.append("... the same without stories (as before):        "
                         + facts_spanning_stories(docs, None))
    sizes = Counter(d["story"] for d in generated)
    lines.append(f"generated cluster sizes: {dict(sorted(Counter(sizes.values()).items()))}")
    out = "\n".join(lines)
    print(out)
    path = Path(__file__).parent / "results" / "stories_score.txt"
    path.write_text(out + "\n")


if __name__ == "__main__":
    main()
