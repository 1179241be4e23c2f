"""Facts stage: one new article (and then one removed article) into N generated articles,
incremental against a full rebuild, in one run.

    PYTHONPATH=. nice .venv/bin/python bench/bench_facts_one_article.py [N] [--data FOLDER]

Builds N articles of `bench/corpus.py` through every stage (a full facts build, release v1),
then adds one article and runs the stages before facts. The data folder is copied; the copy's
`fact_state` is deleted, so its facts stage builds everything, while the original builds
incrementally from its stored facts. Both facts stages are timed (`stages.build_facts`, the
function the Dagster asset calls: reading the stage tables, building, validating, writing) and
their facts, fact_mentions and speakers files must be byte-identical. The same again after the
incremental side is published and one article is removed. `--data` keeps the N-article folder
(documents to stories) between runs of the bench.

    PYTHONPATH=. nice .venv/bin/python bench/bench_facts_one_article.py --shared

Statements repeated across stories (`bench_facts_incremental.synthetic`: per story 8 documents,
own quotes, and 20 statements plus a fragment of each quoted in every story, so each run of a
shared statement is held by about 2 units a story): `build_facts_incremental` on the mentions,
one new article into an existing story of 60 stories, and one new story into 100 stories
(the shared runs cross the 200-unit stock-phrase cap: a flip), incremental against a full build
of the same inputs, equal tables checked. Results: bench/results/facts_incremental.txt (the
stage run) and bench/results/facts_incremental_shared.txt.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402
from machine import describe, write_results  # noqa: E402

from pipeline import stages  # noqa: E402
from pipeline.compute import Compute  # noqa: E402
from pipeline.store import DataStore  # noqa: E402

OUT = HERE / "results" / "facts_incremental.txt"
OUT_SHARED = HERE / "results" / "facts_incremental_shared.txt"
COMPARED = ("facts", "fact_mentions", "speakers")
_quiet = lambda m: None  # noqa: E731


def upstream(store: DataStore, compute: Compute) -> None:
    """The stages before facts (documents processed only when new)."""
    stages.scan_inbox(store, _quiet)
    stages.build_documents(store, 5 * 1024 * 1024, _quiet, compute)
    stages.build_quotes(store, _quiet, compute)
    stages.build_figures(store, _quiet, compute)
    stages.build_stories(store, _quiet)


def timed_facts(store: DataStore) -> tuple[float, stages.StageResult]:
    """(wall seconds, result); the CPU seconds go into result.stats["cpu_s"]."""
    t0, c0 = time.perf_counter(), time.process_time()
    with store.lock():
        result = stages.build_facts(store, _quiet)
    result.stats["cpu_s"] = time.process_time() - c0
    return time.perf_counter() - t0, result


def _stage_bytes(store: DataStore) -> dict[str, bytes]:
    return {t: store.stage_path(t).read_bytes() for t in COMPARED}


def compare(label: str, data: Path, inbox: Path, tmp: Path) -> list[str]:
    """Facts built incrementally in `data` and from scratch in a copy; one result line each."""
    copy = tmp / "full"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(data, copy)
    full_store = DataStore(copy, inbox)
    full_store.stage_path("fact_state").unlink()
    inc_store = DataStore(data, inbox)
    inc_s, inc = timed_facts(inc_store)
    full_s, full = timed_facts(full_store)
    same = _stage_bytes(inc_store) == _stage_bytes(full_store)
    st = inc.stats
    lines = [
        f"{label}: facts stage incremental {inc_s:.1f} s (CPU {inc.stats['cpu_s']:.1f} s), "
        f"full rebuild {full_s:.1f} s (CPU {full.stats['cpu_s']:.1f} s) "
        f"(x{full_s / max(inc_s, 1e-9):.1f}); facts, fact_mentions, speakers "
        f"{'byte-identical' if same else 'DIFFER'}",
        f"  incremental: stories changed {st['quote_stories_changed']} (quotes) / "
        f"{st['figure_stories_changed']} (figures) of {st['stories']}; quote units regrouped "
        f"{st['quote_units_recomputed']} of {st['quote_units']} (moved by run counts "
        f"{st['quote_units_moved']}, stored groups merged in {st['quote_facts_merged_in']}); "
        f"mentions recomputed {st['mentions_recomputed']}, kept {st['mentions_kept']}",
        f"  full: {full.stats['mentions_recomputed']} mentions, incremental="
        f"{full.stats['incremental']}",
    ]
    for line in lines:
        print(line, flush=True)
    shutil.rmtree(copy)
    return lines


def _grown(data, n_stories: int, new_story: bool):
    """The synthetic release plus one new article quoting everything story 0's documents
    quote (its own utterances, the shared statements and their fragments): in story 0, or
    alone in a new story."""
    import pandas as pd

    from pipeline.core.text.ids import stable_id

    documents, quotes, figures = data
    first_story = documents["story_id"].iloc[0]
    story = stable_id("s", "new", n_stories) if new_story else first_story
    doc = stable_id("d", "new", n_stories)
    copied = quotes[quotes["doc_id"].isin(set(documents.loc[
        documents["story_id"] == first_story, "doc_id"]))].copy()
    copied["doc_id"] = doc
    copied["quote_id"] = [stable_id("qn", q) for q in copied["quote_id"]]
    docs2 = pd.concat([documents, pd.DataFrame([{
        "doc_id": doc, "text": "x", "duplicate_of": None, "outlet": None,
        "source": f"{doc}.txt", "story_id": story}])], ignore_index=True)
    return docs2, pd.concat([quotes, copied], ignore_index=True), figures


def shared_statements() -> None:
    from bench_facts_incremental import synthetic

    from pipeline.core.facts import StoredFacts, build_facts_incremental
    from schemas.tables import to_arrow, validate_table

    load_before = os.getloadavg()
    lines = [f"# bench_facts_one_article --shared: {describe()}",
             "# load average before: " + ", ".join(f"{x:.1f}" for x in load_before)]
    for n, new_story in ((60, False), (100, True)):
        data = synthetic(n)
        docs, quotes, figures = data
        stories = dict(zip(docs["doc_id"], docs["story_id"], strict=True))
        first = build_facts_incremental(docs, quotes, figures, None, stories)
        docs2, quotes2, figures2 = _grown(data, n, new_story)
        stories2 = dict(zip(docs2["doc_id"], docs2["story_id"], strict=True))
        stored = StoredFacts(to_arrow("facts", validate_table("facts", first.facts)).to_pandas(),
                             to_arrow("fact_mentions", validate_table(
                                 "fact_mentions", first.mentions)).to_pandas(),
                             first.state, first.keys)
        t0 = time.perf_counter()
        inc = build_facts_incremental(docs2, quotes2, figures2, stored.mentions, stories2, stored)
        inc_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        full = build_facts_incremental(docs2, quotes2, figures2, stored.mentions, stories2)
        full_s = time.perf_counter() - t0
        same = all(to_arrow(t, validate_table(t, a)).equals(to_arrow(t, validate_table(t, b)))
                   for t, a, b in (("facts", inc.facts, full.facts),
                                   ("fact_mentions", inc.mentions, full.mentions)))
        st = inc.stats
        label = (f"one new story into {n} stories (shared runs cross the stock cap)" if new_story
                 else f"one new article into story 0 of {n} stories")
        lines += [
            f"{label}: {len(quotes2)} quotes, {len(full.facts)} facts (before: "
            f"{len(first.facts)}); incremental {inc_s:.1f} s, full {full_s:.1f} s "
            f"(x{full_s / max(inc_s, 1e-9):.1f}); {'equal' if same else 'DIFFER'}",
            f"  quote units regrouped {st['quote_units_recomputed']} of {st['quote_units']} "
            f"(moved by run counts {st['quote_units_moved']}, stored groups merged in "
            f"{st['quote_facts_merged_in']}); mentions recomputed {st['mentions_recomputed']}, "
            f"kept {st['mentions_kept']}"]
        print("\n".join(lines[-2:]), flush=True)
    lines.append("# load average after: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    write_results(OUT_SHARED, lines)


def main() -> None:
    args = sys.argv[1:]
    if args == ["--shared"]:
        shared_statements()
        return
    keep = None
    if "--data" in args:
        at = args.index("--data")
        keep = Path(args[at + 1])
        del args[at:at + 2]
    n = int(args[0]) if args else 10_000
    load_before = os.getloadavg()
    compute = Compute(workers=2)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base = keep or tmp / "base"
        inbox, data = base / "inbox", base / "data"
        if not inbox.exists():
            write_corpus(inbox, n)
        if not (data / "stage" / "document_stories.parquet").exists():
            store = DataStore(data, inbox)
            with store.lock():
                upstream(store, compute)
        work = tmp / "work"
        shutil.copytree(data, work)
        w_inbox = tmp / "inbox"
        shutil.copytree(inbox, w_inbox)
        store = DataStore(work, w_inbox)
        first_s, first = timed_facts(store)
        with store.lock():
            stages.publish(store, _quiet)
        lines = [f"# bench_facts_one_article: {n} generated articles (bench/corpus.py), "
                 f"{first.stats['stories']} stories, {len(first.tables['fact_mentions'])} "
                 f"mentions; first full facts build {first_s:.1f} s",
                 f"# machine: {describe()}",
                 "# load average before: " + ", ".join(f"{x:.1f}" for x in load_before)]
        write_corpus(w_inbox, 1, seed=99, start=n)
        with store.lock():
            upstream(store, compute)
        lines += compare("one new article", work, w_inbox, tmp)
        with store.lock():
            stages.publish(store, _quiet)
        (w_inbox / f"article_{n // 2:07d}.txt").unlink()
        with store.lock():
            upstream(store, compute)
        lines += compare("one removed article", work, w_inbox, tmp)
        lines.append("# load average after: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    write_results(OUT, lines)


if __name__ == "__main__":
    main()
