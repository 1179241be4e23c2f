"""Incremental facts: recomputing only the stories that changed gives, byte for byte, what a
full rebuild of the same inputs gives, whatever order the articles arrive in and when some leave.

A small generated corpus (invented names) has what couples stories: a long quote two stories
share, a bare surname resolved through the whole release, a person written two ways, duplicates
whose original leaves, value conflicts inside a story. It arrives in random batches over several
runs, then articles are removed; after each run the incremental result is compared with a full
build given the same inputs and the same previous release.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline import stages
from pipeline.core.facts import StoredFacts, build_facts_incremental, build_speakers
from pipeline.core.text.ids import stable_id
from pipeline.stages import run_all
from pipeline.store import DataStore
from schemas.tables import to_arrow, validate_table
from tests.paths import SEEDS

FIRST = ["Lena", "Tomas", "Ilse", "Rafe", "Odile", "Bram", "Keziah", "Milo"]
LAST = ["Okafor", "Varga", "Lindahl", "Quaye", "Ferro", "Dunmore"]
PLACES = ["Tessaly", "Norvik", "Quenby", "Marrow Bay", "Hollin", "Estrade", "Corvale", "Brisk"]
THINGS = ["flood damage", "bridge repairs", "school meals", "water charges", "rail fares"]
WORDS = ("river bank council budget winter school road bridge harbour market union teachers "
         "drivers farmers storm repair shelter clinic ferry tunnel grant levy").split()
SHARED = "we will rebuild every school in the valley before the winter storms arrive again"


def _corpus(seed: int = 3) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """(documents, quotes, figures, doc → story) of 8 stories, 3-6 articles each."""
    rng = random.Random(seed)
    docs, quotes, figures, stories = [], [], [], {}
    for s, place in enumerate(PLACES):
        story = stable_id("s", place)
        people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(2)]
        lines = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(9, 16))) for _ in range(3)]
        thing = THINGS[s % len(THINGS)]
        value = rng.choice([4.1, 12.0, 300.0])
        for k in range(rng.randint(3, 6)):
            name = f"{place}-{k}"
            doc_id = stable_id("d", name)
            parts, quote_rows, figure_rows = [f"Reporting from {place}."], [], []

            def add_quote(words: str, speaker: str | None) -> None:
                text = " ".join(parts) + " "
                start = len(text) + 1
                parts.append(f"“{words},” {speaker or 'an official'} said.")
                quote_rows.append({"quote_id": stable_id("q", doc_id, start), "doc_id": doc_id,
                                   "text": words, "start": start, "end": start + len(words),
                                   "speaker": speaker, "speaker_mention": speaker,
                                   "cue": "said", "venue": rng.choice([None, "Radio Kestrel"]),
                                   "is_fragment": False})

            def add_figure(val: float, measured: str | None) -> None:
                surface = f"${val:g} million"
                sentence = f"Officials said the {thing} in {place} cost {surface} to fix."
                text = " ".join(parts) + " "
                start = len(text) + sentence.index(surface)
                parts.append(sentence)
                figure_rows.append({
                    "figure_id": stable_id("g", doc_id, start), "doc_id": doc_id,
                    "surface": surface, "start": start, "end": start + len(surface),
                    "kind": "money", "value": val * 1e6, "unit": "USD", "qualifier": None,
                    "measured": measured, "date": None, "sentence": sentence, "role": None,
                    "linked_figure_id": None})

            for line in lines[: rng.randint(1, 3)]:
                cut = rng.choice([line, " ".join(line.split()[:6]), line + " " + rng.choice(WORDS)])
                who = rng.choice(people)
                add_quote(cut, rng.choice([who, who.split()[-1], f"Mr. {who.split()[-1]}", None]))
            if s in (1, 4) and k < 2:  # one long quote two stories share
                add_quote(SHARED, "Keziah Quaye" if k == 0 else None)
            if rng.random() < 0.3:  # a bare surname nobody in this story is quoted under in full
                add_quote(rng.choice(lines), rng.choice(LAST))
            add_figure(value if rng.random() < 0.7 else value + 0.2,
                       rng.choice([thing, None]))
            parts.append(f"Written by {rng.choice(people)} in {place}.")
            text = " ".join(parts)
            duplicate = stable_id("d", f"{place}-0") if k == 2 and s % 3 == 0 else None
            docs.append({
                "doc_id": doc_id, "source": f"{name}.txt", "source_sha256": "0" * 64,
                "title": None, "text": text, "n_words": len(text.split()),
                "duplicate_of": duplicate, "record": 0, "format": "txt",
                "outlet": rng.choice([None, "Harbor Daily", "North Wire"]), "url": None,
                "published": None, "dateline": None})
            quotes.extend(quote_rows)
            figures.extend(figure_rows)
            stories[doc_id] = story
    return (validate_table("documents", pd.DataFrame(docs)), pd.DataFrame(quotes),
            pd.DataFrame(figures), stories)


def _inputs(docs: pd.DataFrame, quotes: pd.DataFrame, figures: pd.DataFrame,
            present: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The stage's view of the documents present: sorted, duplicates of absent originals alone."""
    d = docs[docs["doc_id"].isin(present)].sort_values("doc_id").reset_index(drop=True)
    d.loc[~d["duplicate_of"].isin(set(d["doc_id"])), "duplicate_of"] = None
    q = quotes[quotes["doc_id"].isin(present)].sort_values(["doc_id", "start", "quote_id"])
    f = figures[figures["doc_id"].isin(present)].sort_values(["doc_id", "start", "figure_id"])
    return d, q.reset_index(drop=True), f.reset_index(drop=True)


def _arrow(name: str, df: pd.DataFrame) -> object:
    return to_arrow(name, validate_table(name, df))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_incremental_equals_full_rebuild_in_any_arrival_order(seed: int) -> None:
    docs, quotes, figures, stories = _corpus()
    rng = random.Random(seed)
    order = list(docs["doc_id"])
    rng.shuffle(order)
    steps: list[list[str]] = []
    present: list[str] = []
    while order:  # arrivals in batches of 1-4
        present = present + [order.pop() for _ in range(min(len(order), rng.randint(1, 4)))]
        steps.append(list(present))
    for _ in range(4):  # then removals, one or two at a time
        gone = set(rng.sample(present, rng.randint(1, 2)))
        present = [d for d in present if d not in gone]
        steps.append(list(present))
    stored, previous = None, None
    partial = 0
    for present in steps:
        d, q, f = _inputs(docs, quotes, figures, present)
        inc = build_facts_incremental(d, q, f, previous, stories, stored)
        full = build_facts_incremental(d, q, f, previous, stories, None)
        assert _arrow("facts", inc.facts).equals(_arrow("facts", full.facts))
        assert _arrow("fact_mentions", inc.mentions).equals(_arrow("fact_mentions", full.mentions))
        assert inc.state.reset_index(drop=True).equals(full.state.reset_index(drop=True))
        assert set(inc.mentions["mention_id"]) == set(q["quote_id"]) | set(f["figure_id"])
        partial += inc.stats["stories_recomputed"] < inc.stats["stories"]
        # What the next run reads: the stored tables as Parquet gives them back, and the
        # release those facts were published in.
        stored = StoredFacts(_arrow("facts", inc.facts).to_pandas(),
                             _arrow("fact_mentions", inc.mentions).to_pandas(), inc.state)
        previous = stored.mentions
    assert partial >= len(steps) // 2  # most runs really were incremental


def test_a_shared_long_quote_links_its_stories() -> None:
    docs, quotes, figures, stories = _corpus()
    d, q, f = _inputs(docs, quotes, figures, list(docs["doc_id"]))
    built = build_facts_incremental(d, q, f, None, stories)
    shared = built.facts[built.facts["statement"] == SHARED]
    assert len(shared) == 1 and shared["story_id"].isna().all()
    assert shared["n_documents"].iloc[0] == 4
    # A new article in one of the two stories recomputes both, and only them.
    late = stable_id("d", "Norvik-1")
    d0, q0, f0 = _inputs(docs, quotes, figures, [x for x in d["doc_id"] if x != late])
    first = build_facts_incremental(d0, q0, f0, None, stories)
    again = build_facts_incremental(d, q, f, first.mentions, stories,
                                    StoredFacts(first.facts, first.mentions, first.state))
    assert again.stats["incremental"] and again.stats["stories_recomputed"] == 2
    columns = ["statement", "n_documents", "n_mentions", "conflict_note", "story_id"]
    assert sorted(map(tuple, again.facts[columns].astype(str).values)) == sorted(
        map(tuple, built.facts[columns].astype(str).values))
    # When every Hollin article with the quote leaves, the Norvik part of the fact is rebuilt
    # too (the stored fact joined them), though nothing in Norvik changed.
    hollin = {stable_id("d", "Hollin-0"), stable_id("d", "Hollin-1")}
    d1, q1, f1 = _inputs(docs, quotes, figures, [x for x in d["doc_id"] if x not in hollin])
    stored = StoredFacts(built.facts, built.mentions, built.state)
    left = build_facts_incremental(d1, q1, f1, built.mentions, stories, stored)
    full = build_facts_incremental(d1, q1, f1, built.mentions, stories, None)
    assert left.stats["stories_recomputed"] == 2
    assert _arrow("facts", left.facts).equals(_arrow("facts", full.facts))
    shared = left.facts[left.facts["statement"] == SHARED]
    assert len(shared) == 1 and shared["story_id"].iloc[0] == stable_id("s", "Norvik")


def test_no_previous_release_or_foreign_ids_mean_a_full_build() -> None:
    docs, quotes, figures, stories = _corpus()
    d, q, f = _inputs(docs, quotes, figures, list(docs["doc_id"]))
    built = build_facts_incremental(d, q, f, None, stories)
    stored = StoredFacts(built.facts, built.mentions, built.state)
    assert not build_facts_incremental(d, q, f, None, stories, stored).stats["incremental"]
    other = built.mentions.assign(fact_id="f_" + "0" * 16)  # a release the stage did not make
    assert not build_facts_incremental(d, q, f, other, stories, stored).stats["incremental"]
    same = build_facts_incremental(d, q, f, built.mentions, stories, stored)
    assert same.stats["incremental"] and same.stats["stories_recomputed"] == 0
    assert _arrow("facts", same.facts).equals(_arrow("facts", built.facts))
    assert not build_speakers(d, q, stories).empty


RELEASE_FACTS = ("facts", "fact_mentions", "speakers")


def _stage_bytes(store: DataStore) -> dict[str, bytes]:
    return {t: store.stage_path(t).read_bytes() for t in RELEASE_FACTS}


@pytest.mark.parametrize("seed", [5, 6])
def test_stage_incremental_runs_equal_a_full_rebuild(tmp_path: Path, seed: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the stages: seed articles arrive in random batches over runs and one leaves;
    after each run, the stored facts equal a full facts build of a copy of the data folder."""
    monkeypatch.setenv("NEWSFACTS_COMPUTE", "inprocess")
    files = sorted(SEEDS.iterdir())
    rng = random.Random(seed)
    rng.shuffle(files)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    store = DataStore(tmp_path / "data", inbox)
    batches = [files[:2], files[2:3], files[3:]]
    for batch in [*batches, None]:
        if batch is None:
            (inbox / files[0].name).unlink()
        else:
            for path in batch:
                shutil.copy(path, inbox / path.name)
        report: dict = {}
        run_all(store, 5 * 1024 * 1024, report=report)
        copy = tmp_path / "copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(tmp_path / "data", copy)
        other = DataStore(copy, inbox)
        other.stage_path("fact_state").unlink()
        with other.lock():
            rebuilt = stages.build_facts(other)
        assert rebuilt.stats["incremental"] is False
        assert _stage_bytes(other) == _stage_bytes(store)
