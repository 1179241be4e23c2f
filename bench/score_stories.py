"""Score story grouping on the labelled sets: B-cubed precision and recall, facts across events.

    PYTHONPATH=. .venv/bin/python bench/score_stories.py [--before DIR] [n_groups]

Sets (`bench/story_corpus.labelled_corpus`, template-generated confusable clusters, and the
hand-written clusters of `tests/core/stories/clusters.py`):

* `easy`: clusters in confusable groups of one kind (two to four earthquakes, trials, votes with
  the same 52-48 tally, launches, storms or strikes within a week); 15 % of articles mention
  another story in passing; a background inflation figure recurs;
* `hand-written`: the hand-written clusters (`HAND_WRITTEN`, `SAME_COUNTRY` with its known miss
  `GRAUN_VISIT`, `TWO_FLOODS`, `ONE_STORM`);
* `both`: easy and hand-written together;
* `hard`: the events of a group share country, national bodies, second place and the kind's
  numbers (`story_corpus.SHARED_WHEN_HARD`): only actors, places, quotes and dates differ;
* `harder`: as hard, and 40 % of leads name only the shared context, 20 % of articles name the
  place of another event of their group once.

For each set: one run over every document (`P`, `R`), the same documents arriving one run per
publication day with the stored index of the run before (`daily P`, `daily R`: frozen weights
and arrival order, docs/stories.md), and the multi-document facts whose documents span two gold
stories (target 0) when facts are built inside the stories found, for quotes and figures. `both`
also gives the facts built without stories (as before the stage existed).

`--before DIR` scores another checkout's `pipeline` (e.g. `git worktree add /tmp/stories-base
main`) on the same sets, in the same run, with this checkout's scorer, generator and clusters;
both are written side by side. Results go to `bench/results/stories_score.txt`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def _load(name: str, path: Path):
    """A module of this checkout by file, so `--code` can import `pipeline` from another."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def _frame(docs: list[dict]):
    import pandas as pd

    return pd.DataFrame(docs).drop(columns=["story"])


def _assignments(result) -> dict[str, str]:
    return dict(zip(result.document_stories["doc_id"], result.document_stories["story_id"],
                    strict=True))


def one_run(docs: list[dict]) -> dict[str, str]:
    from pipeline.core.stories import find_stories

    return _assignments(find_stories(_frame(docs)))


def daily_runs(docs: list[dict]) -> dict[str, str]:
    """The set arriving one run per publication day, each run with the stored index."""
    from pipeline.core.stories import find_stories

    by_day: dict[str, list[dict]] = {}
    for d in docs:
        by_day.setdefault(d["published"] or "", []).append(d)
    seen: list[dict] = []
    result = None
    for day in sorted(by_day):
        seen += by_day[day]
        result = find_stories(_frame(seen),
                              previous=result.document_stories if result else None,
                              index=result.index if result else None,
                              previous_stories=result.stories if result else None)
    assert result is not None
    return _assignments(result)


def facts_spanning(docs: list[dict], predicted: dict[str, str] | None) -> dict[str, list[int]]:
    """Multi-document facts whose documents belong to two or more gold stories: kind ->
    [spanning, multi-document facts]; `conflicts` -> [facts flagged in conflict]."""
    from pipeline.core.facts import build_facts
    from pipeline.core.frames import figures_for_documents, quotes_for_documents

    frame = _frame(docs)
    quotes, _ = quotes_for_documents(frame)
    figures, _ = figures_for_documents(frame)
    facts, _ = build_facts(frame, quotes, figures, doc_stories=predicted)
    gold = {d["doc_id"]: d["story"] for d in docs}
    out: dict[str, list[int]] = {}
    for kind in ("quote", "figure"):
        multi = facts[(facts["kind"] == kind) & (facts["n_documents"] > 1)]
        spans = sum(len({gold[d] for d in ids}) > 1 for ids in multi["doc_ids"])
        out[kind] = [int(spans), len(multi)]
    out["conflicts"] = [int(facts["conflict"].sum())]
    return out


def labelled_sets(n_groups: int) -> dict[str, list[dict]]:
    corpus = _load("story_corpus_here", HERE / "bench" / "story_corpus.py")
    clusters = _load("story_clusters_here", HERE / "tests" / "core" / "stories" / "clusters.py")
    easy = corpus.labelled_corpus(n_groups=n_groups)
    hand = [dict(d) for d in [*clusters.HAND_WRITTEN, *clusters.SAME_COUNTRY,
                              clusters.GRAUN_VISIT, *clusters.TWO_FLOODS,
                              *clusters.ONE_STORM]]
    return {"easy": easy, "hand-written": hand, "both": easy + hand,
            "hard": corpus.labelled_corpus(n_groups=n_groups, seed=8, hard=True),
            "harder": corpus.labelled_corpus(n_groups=n_groups, seed=9, hard=True,
                                             harder=True)}


def score_sets(n_groups: int) -> dict[str, dict]:
    """Every set's scores with the `pipeline` on sys.path (this checkout's or `--code`'s)."""
    out: dict[str, dict] = {}
    for name, docs in labelled_sets(n_groups).items():
        gold = {d["doc_id"]: d["story"] for d in docs}
        predicted = one_run(docs)
        p, r = bcubed(gold, predicted)
        dp, dr = bcubed(gold, daily_runs(docs))
        row = {"docs": len(docs), "gold": len(set(gold.values())),
               "found": len(set(predicted.values())), "P": p, "R": r, "daily P": dp,
               "daily R": dr, "facts": facts_spanning(docs, predicted)}
        if name == "both":
            row["facts without stories"] = facts_spanning(docs, None)
        out[name] = row
    return out


def _run_other(checkout: Path, n_groups: int) -> dict[str, dict]:
    """This scorer with another checkout's `pipeline`, in a subprocess."""
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--code",
                          str(checkout), "--json", str(n_groups)], cwd=checkout,
                         env={**os.environ, "PYTHONPATH": str(checkout)}, check=True,
                         capture_output=True, text=True)
    assert f"pipeline from {checkout}/pipeline" in out.stderr, out.stderr[-2000:]
    return json.loads(out.stdout.splitlines()[-1])


def _facts(f: dict[str, list[int]]) -> str:
    return (f"quote {f['quote'][0]}/{f['quote'][1]}, figure {f['figure'][0]}/{f['figure'][1]}, "
            f"conflicts {f['conflicts'][0]}")


def _lines(label: str, rows: dict[str, dict]) -> list[str]:
    lines = []
    for name, r in rows.items():
        lines.append(f"{label:6s} {name:12s} documents={r['docs']:4d} gold={r['gold']:3d} "
                     f"found={r['found']:3d} P={r['P']:.3f} R={r['R']:.3f}  daily "
                     f"P={r['daily P']:.3f} R={r['daily R']:.3f}  facts spanning gold stories: "
                     + _facts(r["facts"]))
        if "facts without stories" in r:
            lines.append(f"{label:6s} {name:12s} facts built without stories (as before the "
                         "stage): " + _facts(r["facts without stories"]))
    return lines


def main() -> None:
    args = sys.argv[1:]
    code = before = None
    as_json = False
    while args and args[0].startswith("--"):
        flag = args.pop(0)
        if flag == "--code":
            code = Path(args.pop(0)).resolve()
        elif flag == "--before":
            before = Path(args.pop(0)).resolve()
        elif flag == "--json":
            as_json = True
    n_groups = int(args[0]) if args else 12
    sys.path.insert(0, str(code or HERE))
    if as_json:
        import pipeline

        rows = score_sets(n_groups)
        print(f"pipeline from {Path(pipeline.__file__).parent}", file=sys.stderr)
        print(json.dumps(rows))
        return
    machine = _load("machine_here", HERE / "bench" / "machine.py")
    lines = [f"score_stories: {machine.describe()}; n_groups={n_groups}"]
    if before is not None:
        old = _run_other(before, n_groups)
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=before,
                                capture_output=True, text=True).stdout.strip()
        lines.append(f"before = {commit} ({before}), after = this checkout, one run, this "
                     "checkout's scorer, generator and clusters for both")
        lines += _lines("before", old)
    lines += _lines("after" if before is not None else "", score_sets(n_groups))
    lines.append(f"load average {os.getloadavg()[0]:.1f}")
    out = "\n".join(lines)
    print(out)
    (HERE / "bench" / "results" / "stories_score.txt").write_text(out + "\n")


if __name__ == "__main__":
    main()
