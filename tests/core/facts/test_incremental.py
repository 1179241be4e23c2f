"""Incremental facts give, byte for byte, what a full build of the same inputs gives (facts,
fact_mentions, fact ids, speakers), whatever order articles arrive in and when some leave.

A generated corpus (invented names and words) has what couples stories and quote groups: a long
quote two stories share, a stock phrase many stories quote (with a small stock-phrase cap it
flips between rare and stock as articles come and go), a fragment that moves to a longer
container in another story when that one arrives (leaving its first group), lines built from a
small vocabulary so 3-word runs recur across stories, fragments, bare surnames resolved
through the release, duplicates whose original may leave, and figures with value conflicts
inside a story.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from pipeline.core.facts import (
    StoredFacts,
    blocking,
    build_facts,
    build_facts_incremental,
    build_speakers,
)
from pipeline.core.text.ids import stable_id
from schemas.tables import to_arrow, validate_table

FIRST = ["Lena", "Tomas", "Ilse", "Rafe", "Odile", "Bram", "Keziah", "Milo"]
LAST = ["Okafor", "Varga", "Lindahl", "Quaye", "Ferro", "Dunmore"]
PLACES = ["Tessaly", "Norvik", "Quenby", "Marrow Bay", "Hollin", "Estrade", "Corvale", "Brisk"]
THINGS = ["flood damage", "bridge repairs", "school meals", "water charges", "rail fares"]
WORDS = ["river", "bank", "council", "budget", "winter", "school", "road", "bridge", "harbour",
         "market", "union", "teachers", "drivers", "farmers", "storm", "repair", "shelter",
         "clinic", "ferry", "tunnel", "grant", "levy"]
SHARED = "we will rebuild every school in the valley before the winter storms arrive again"
STOCK = "we will see what happens after the vote next week"
# A 9-word fragment in one story inside a short container there, and a longer container of it
# (sharing only the fragment with the first) in another story: when that one arrives, the
# fragment moves to it and leaves its first container's fact.
PART = "the new harbour wall will hold back spring tides"
CONTAINER = PART + " for another decade"
LONGER = PART + " if the council pays for repairs this year"


class _Article:
    """One generated article: its text grows as quotes and figures are added."""

    def __init__(self, doc_id: str, place: str, rng: random.Random) -> None:
        self.doc_id, self.place, self.rng = doc_id, place, rng
        self.parts: list[str] = [f"Reporting from {place}."]
        self.quotes: list[dict] = []
        self.figures: list[dict] = []

    def quote(self, words: str, speaker: str | None) -> None:
        start = len(" ".join(self.parts)) + 2
        self.parts.append(f"“{words},” {speaker or 'an official'} said.")
        self.quotes.append({
            "quote_id": stable_id("q", self.doc_id, start), "doc_id": self.doc_id,
            "text": words, "start": start, "end": start + len(words), "speaker": speaker,
            "speaker_mention": speaker, "cue": "said",
            "venue": self.rng.choice([None, "Radio Kestrel"]), "is_fragment": False})

    def figure(self, thing: str, val: float, measured: str | None) -> None:
        surface = f"${val:g} million"
        sentence = f"Officials said the {thing} in {self.place} cost {surface} to fix."
        start = len(" ".join(self.parts)) + 1 + sentence.index(surface)
        self.parts.append(sentence)
        self.figures.append({
            "figure_id": stable_id("g", self.doc_id, start), "doc_id": self.doc_id,
            "surface": surface, "start": start, "end": start + len(surface),
            "kind": "money", "value": val * 1e6, "unit": "USD", "qualifier": None,
            "measured": measured, "date": None, "sentence": sentence, "role": None,
            "linked_figure_id": None, "value_max": None})


def corpus(seed: int = 3) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, str]]:
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
            a = _Article(stable_id("d", name), place, rng)
            for line in lines[: rng.randint(1, 3)]:
                cut = rng.choice([line, " ".join(line.split()[:6]), line + " " + rng.choice(WORDS)])
                who = rng.choice(people)
                a.quote(cut, rng.choice([who, who.split()[-1], f"Mr. {who.split()[-1]}", None]))
            if s in (1, 4) and k < 2:  # one long quote two stories share
                a.quote(SHARED, "Keziah Quaye" if k == 0 else None)
            if (s, k) in ((2, 0), (2, 1), (6, 1)):
                a.quote({(2, 0): CONTAINER, (2, 1): PART, (6, 1): LONGER}[(s, k)], None)
            if rng.random() < 0.5:  # a stock phrase many stories quote
                a.quote(STOCK, None)
            if rng.random() < 0.3:  # a bare surname nobody in this story is quoted under in full
                a.quote(rng.choice(lines), rng.choice(LAST))
            a.figure(thing, value if rng.random() < 0.7 else value + 0.2,
                     rng.choice([thing, None]))
            a.parts.append(f"Written by {rng.choice(people)} in {place}.")
            text = " ".join(a.parts)
            duplicate = stable_id("d", f"{place}-0") if k == 2 and s % 3 == 0 else None
            docs.append({
                "doc_id": a.doc_id, "source": f"{name}.txt", "source_sha256": "0" * 64,
                "title": None, "text": text, "n_words": len(text.split()),
                "duplicate_of": duplicate, "record": 0, "format": "txt",
                "outlet": rng.choice([None, "Harbor Daily", "North Wire"]), "url": None,
                "published": None, "dateline": None})
            quotes.extend(a.quotes)
            figures.extend(a.figures)
            stories[a.doc_id] = story
    return (validate_table("documents", pd.DataFrame(docs)), pd.DataFrame(quotes),
            pd.DataFrame(figures), stories)


def present_inputs(docs: pd.DataFrame, quotes: pd.DataFrame, figures: pd.DataFrame,
                   present: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The stage's view of the documents present: sorted, duplicates of absent originals alone."""
    d = docs[docs["doc_id"].isin(present)].sort_values("doc_id").reset_index(drop=True)
    d.loc[~d["duplicate_of"].isin(set(d["doc_id"])), "duplicate_of"] = None
    q = quotes[quotes["doc_id"].isin(present)].sort_values(["doc_id", "start", "quote_id"])
    f = figures[figures["doc_id"].isin(present)].sort_values(["doc_id", "start", "figure_id"])
    return d, q.reset_index(drop=True), f.reset_index(drop=True)


def _arrow(name: str, df: pd.DataFrame) -> object:
    return to_arrow(name, validate_table(name, df))


def _round_trip(built) -> StoredFacts:
    """What the next run reads back: the stored tables as Parquet gives them."""
    return StoredFacts(_arrow("facts", built.facts).to_pandas(),
                       _arrow("fact_mentions", built.mentions).to_pandas(),
                       built.state.copy(), built.keys.copy())


def _steps(docs: pd.DataFrame, rng: random.Random) -> list[list[str]]:
    order = list(docs["doc_id"])
    rng.shuffle(order)
    steps: list[list[str]] = []
    present: list[str] = []
    while order:  # arrivals in batches of 1-4
        present = present + [order.pop() for _ in range(min(len(order), rng.randint(1, 4)))]
        steps.append(list(present))
    for _ in range(4):  # then removals, one or two at a time, and one comes back
        gone = rng.sample(present, rng.randint(1, 2))
        present = [d for d in present if d not in gone]
        steps.append(list(present))
    steps.append([*present, gone[0]])
    return steps


@pytest.mark.parametrize(("seed", "cap"), [(1, 200), (2, 200), (3, 4), (4, 6), (5, 3), (6, 5)])
def test_incremental_equals_full_rebuild_in_any_arrival_order(
        seed: int, cap: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blocking, "MAX_POSTING", cap)  # small caps: runs flip to stock and back
    docs, quotes, figures, stories = corpus()
    rng = random.Random(seed)
    stored, previous = None, None
    partial = moved = 0
    for present in _steps(docs, rng):
        d, q, f = present_inputs(docs, quotes, figures, present)
        inc = build_facts_incremental(d, q, f, previous, stories, stored)
        full_facts, full_mentions = build_facts(d, q, f, previous, stories)
        assert _arrow("facts", inc.facts).equals(_arrow("facts", full_facts))
        assert _arrow("fact_mentions", inc.mentions).equals(_arrow("fact_mentions", full_mentions))
        assert _arrow("speakers", inc.speakers).equals(_arrow("speakers", build_speakers(
            d, q, stories)))
        full = build_facts_incremental(d, q, f, previous, stories, None)
        assert inc.state.equals(full.state) and inc.keys.equals(full.keys)
        assert set(inc.mentions["mention_id"]) == set(q["quote_id"]) | set(f["figure_id"])
        partial += bool(inc.stats["incremental"]) and (
            inc.stats["quote_units_recomputed"] < inc.stats["quote_units"])
        moved += int(inc.stats.get("quote_units_moved", 0))
        stored = _round_trip(inc)
        previous = stored.mentions  # the release those facts were published in
    assert partial >= 5  # most runs really were incremental
    if cap < 10:
        assert moved > 0  # counts moved runs across the cap, and those units were regrouped


def test_a_fragment_moves_to_a_longer_container_in_another_story() -> None:
    docs, quotes, figures, stories = corpus()
    longer = stable_id("d", "Corvale-1")
    d0, q0, f0 = present_inputs(docs, quotes, figures, [x for x in docs["doc_id"] if x != longer])
    first = build_facts_incremental(d0, q0, f0, None, stories)
    assert first.facts["statement"].eq(CONTAINER).sum() == 1
    assert first.facts.loc[first.facts["statement"] == CONTAINER, "n_mentions"].iloc[0] == 2
    d, q, f = present_inputs(docs, quotes, figures, list(docs["doc_id"]))
    again = build_facts_incremental(d, q, f, first.mentions, stories, _round_trip(first))
    assert again.stats["incremental"]
    full_facts, full_mentions = build_facts(d, q, f, first.mentions, stories)
    assert _arrow("facts", again.facts).equals(_arrow("facts", full_facts))
    assert _arrow("fact_mentions", again.mentions).equals(_arrow("fact_mentions", full_mentions))
    by_statement = again.facts.set_index("statement")
    assert by_statement.loc[CONTAINER, "n_mentions"] == 1
    assert by_statement.loc[LONGER, "n_mentions"] == 2
    assert pd.isna(by_statement.loc[LONGER, "story_id"])  # two stories


def test_one_new_article_recomputes_only_its_story_and_the_groups_it_reaches() -> None:
    docs, quotes, figures, stories = corpus()
    late = stable_id("d", "Norvik-1")  # quotes the long statement Hollin shares
    d0, q0, f0 = present_inputs(docs, quotes, figures, [x for x in docs["doc_id"] if x != late])
    first = build_facts_incremental(d0, q0, f0, None, stories)
    assert not first.stats["incremental"]
    d, q, f = present_inputs(docs, quotes, figures, list(docs["doc_id"]))
    again = build_facts_incremental(d, q, f, first.mentions, stories, _round_trip(first))
    assert again.stats["incremental"]
    assert (again.stats["quote_stories_changed"], again.stats["figure_stories_changed"]) == (1, 1)
    assert again.stats["mentions_kept"] > again.stats["mentions_recomputed"]
    full_facts, _ = build_facts(d, q, f, first.mentions, stories)
    assert _arrow("facts", again.facts).equals(_arrow("facts", full_facts))
    shared = again.facts[again.facts["statement"] == SHARED]
    assert len(shared) == 1 and shared["story_id"].isna().all()
    assert shared["n_documents"].iloc[0] == 4
    # Nothing new: nothing recomputed, the same tables.
    same = build_facts_incremental(d, q, f, again.mentions, stories, _round_trip(again))
    assert same.stats["quote_units_recomputed"] == 0 and same.stats["mentions_recomputed"] == 0
    assert _arrow("facts", same.facts).equals(_arrow("facts", again.facts))


def test_stored_facts_that_are_not_the_latest_release_mean_a_full_build() -> None:
    docs, quotes, figures, stories = corpus()
    d, q, f = present_inputs(docs, quotes, figures, list(docs["doc_id"]))
    built = build_facts_incremental(d, q, f, None, stories)
    stored = _round_trip(built)
    assert not build_facts_incremental(d, q, f, None, stories, stored).stats["incremental"]
    other = built.mentions.assign(fact_id="f_" + "0" * 16)  # a release the stage did not make
    assert not build_facts_incremental(d, q, f, other, stories, stored).stats["incremental"]
    no_keys = StoredFacts(stored.facts, stored.mentions, stored.state, stored.keys.iloc[:0, :1])
    assert not build_facts_incremental(d, q, f, built.mentions, stories, no_keys
                                       ).stats["incremental"]


def _records_rowwise(df: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The previous, row-wise `build._records` (a pandas `to_dict` of every row), the reference
    the column-by-column version must equal."""
    out = df.reindex(columns=columns).astype(object)
    out = out.where(out.notna(), None)
    records = out.to_dict("records")
    for rec in records:
        for key, value in rec.items():
            if isinstance(value, str) and not value.strip() and key not in ("text", "surface"):
                rec[key] = None
    return records


def test_records_column_by_column_equal_the_row_wise_records() -> None:
    from pipeline.core.facts import build

    _, quotes, figures, _ = corpus()
    figures = figures.astype({"surface": "string[pyarrow]", "measured": "string[pyarrow]"})
    figures.loc[0, "measured"] = "  "
    figures.loc[1, "surface"] = " "
    figures.loc[2, "value"] = float("nan")
    for frame, fields in ((quotes, build._QUOTE_FIELDS), (figures, build._FIGURE_FIELDS)):
        new, old = build._records(frame, fields), _records_rowwise(frame, fields)
        assert new == old
        assert [list(map(type, r.values())) for r in new] == [
            list(map(type, r.values())) for r in old]
    recs = build._records(figures, build._FIGURE_FIELDS)
    assert recs[0]["measured"] is None and recs[1]["surface"] == " " and recs[2]["value"] is None


def test_a_renamed_original_without_figures_changes_its_duplicates_conflict_notes() -> None:
    """Notes name the root document: when only the duplicate has figures, the original's new
    outlet must still reach the note (it did not: the digest held each document's own name)."""
    docs, quotes, figures, stories = corpus(1)
    d, q, f = present_inputs(docs, quotes, figures, list(docs["doc_id"]))
    dup = d[d["duplicate_of"].notna()].iloc[0]
    root = dup["duplicate_of"]
    f = f[f["doc_id"] != root].reset_index(drop=True)
    d.loc[d["doc_id"] == root, ["outlet", "source"]] = ["Outlet One", "one.txt"]
    first = build_facts_incremental(d, q, f, None, stories)
    assert first.facts["conflict_note"].fillna("").str.contains("Outlet One").any()
    d.loc[d["doc_id"] == root, "outlet"] = "Outlet Two"
    again = build_facts_incremental(d, q, f, first.mentions, stories, _round_trip(first))
    assert again.stats["incremental"] and again.stats["figure_stories_changed"] == 1
    full_facts, full_mentions = build_facts(d, q, f, first.mentions, stories)
    assert _arrow("facts", again.facts).equals(_arrow("facts", full_facts))
    assert _arrow("fact_mentions", again.mentions).equals(_arrow("fact_mentions", full_mentions))
    notes = again.facts["conflict_note"].fillna("")
    assert notes.str.contains("Outlet Two").any() and not notes.str.contains("Outlet One").any()


@pytest.mark.parametrize(("seed", "cap"), [(0, 200), (0, 4), (1, 200), (1, 4), (2, 4)])
def test_documents_moving_between_stories_across_runs_equal_a_full_build(
        seed: int, cap: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stories merge and split between runs: from the fourth run on, two documents a run move
    to another story (or to none) while articles arrive and leave."""
    monkeypatch.setattr(blocking, "MAX_POSTING", cap)
    docs, quotes, figures, stories = corpus(seed)
    rng = random.Random(seed * 7 + cap)
    story_ids = sorted(set(stories.values()))
    stored, previous = None, None
    current = dict(stories)
    incremental = 0
    for step, present in enumerate(_steps(docs, rng)):
        if step > 2:
            for doc in rng.sample(sorted(current), 2):
                current[doc] = rng.choice([*story_ids, None])
        d, q, f = present_inputs(docs, quotes, figures, present)
        inc = build_facts_incremental(d, q, f, previous, current, stored)
        full_facts, full_mentions = build_facts(d, q, f, previous, current)
        assert _arrow("facts", inc.facts).equals(_arrow("facts", full_facts))
        assert _arrow("fact_mentions", inc.mentions).equals(_arrow("fact_mentions", full_mentions))
        incremental += bool(inc.stats["incremental"])
        stored = _round_trip(inc)
        previous = stored.mentions
    assert incremental >= 5
