"""Fact building on hand-written multi-article clusters (invented people, places and numbers)."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from pipeline.core.facts import FACT_COLUMNS, MENTION_COLUMNS, build_facts
from pipeline.core.text.ids import stable_id
from schemas.tables import validate_table


class Cluster:
    """Builds documents, quotes and figures frames whose offsets match the document text."""

    def __init__(self) -> None:
        self.docs: list[dict] = []
        self.quotes: list[dict] = []
        self.figures: list[dict] = []

    def doc(self, name: str, text: str, duplicate_of: str | None = None,
            outlet: str | None = None) -> str:
        doc_id = stable_id("d", name)
        self.docs.append({
            "doc_id": doc_id, "source": f"{name}.txt", "source_sha256": "0" * 64, "title": None,
            "text": text, "n_words": len(text.split()),
            "duplicate_of": stable_id("d", duplicate_of) if duplicate_of else None,
            "record": 0, "format": "txt", "outlet": outlet, "url": None, "published": None,
            "dateline": None,
        })
        return doc_id

    def _text(self, doc_id: str) -> str:
        return next(d["text"] for d in self.docs if d["doc_id"] == doc_id)

    def quote(self, doc_id: str, words: str, speaker: str | None = None,
              venue: str | None = None, fragment: bool = False) -> str:
        start = self._text(doc_id).index(words)
        quote_id = stable_id("q", doc_id, start)
        self.quotes.append({
            "quote_id": quote_id, "doc_id": doc_id, "text": words, "start": start,
            "end": start + len(words), "speaker": speaker, "speaker_mention": speaker,
            "cue": "said", "venue": venue, "is_fragment": fragment,
        })
        return quote_id

    def figure(self, doc_id: str, sentence: str, surface: str, kind: str, value: float | None,
               unit: str | None = None, *, nth: int = 0, measured: str | None = None,
               qualifier: str | None = None, role: str | None = None,
               linked: str | None = None, date: str | None = None) -> str:
        text = self._text(doc_id)
        at = text.index(sentence)
        offset = -1
        for _ in range(nth + 1):
            offset = sentence.index(surface, offset + 1)
        start = at + offset
        figure_id = stable_id("g", doc_id, start)
        self.figures.append({
            "figure_id": figure_id, "doc_id": doc_id, "surface": surface, "start": start,
            "end": start + len(surface), "kind": kind, "value": value, "unit": unit,
            "qualifier": qualifier, "measured": measured, "date": date, "sentence": sentence,
            "role": role, "linked_figure_id": linked,
        })
        return figure_id

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        docs = validate_table("documents", pd.DataFrame(self.docs))
        quotes = pd.DataFrame(self.quotes, columns=[
            "quote_id", "doc_id", "text", "start", "end", "speaker", "speaker_mention", "cue",
            "venue", "is_fragment"])
        figures = pd.DataFrame(self.figures, columns=[
            "figure_id", "doc_id", "surface", "start", "end", "kind", "value", "unit",
            "qualifier", "measured", "date", "sentence", "role", "linked_figure_id"])
        if len(quotes):
            quotes = validate_table("quotes", quotes, docs)
        if len(figures):
            figures = validate_table("figures", figures, docs)
        return docs, quotes, figures

    def build(self, previous: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
        docs, quotes, figures = self.frames()
        facts, mentions = build_facts(docs, quotes, figures, previous)
        validate_table("facts", facts)
        validate_table("fact_mentions", mentions)
        assert list(facts.columns) == FACT_COLUMNS and list(mentions.columns) == MENTION_COLUMNS
        every = set(quotes.get("quote_id", [])) | set(figures.get("figure_id", []))
        assert sorted(mentions["mention_id"]) == sorted(every)  # each mention in exactly one
        return facts, mentions


def fact_of(facts: pd.DataFrame, mentions: pd.DataFrame, mention_id: str) -> pd.Series:
    fact_id = mentions.loc[mentions["mention_id"] == mention_id, "fact_id"].item()
    return facts.loc[facts["fact_id"] == fact_id].iloc[0]


def same_fact(mentions: pd.DataFrame, *mention_ids: str) -> bool:
    fact_ids = mentions.set_index("mention_id").loc[list(mention_ids), "fact_id"]
    return fact_ids.nunique() == 1


# --- quotes ---------------------------------------------------------------------------------

def test_quote_variants_in_punctuation_spelling_and_that_merge() -> None:
    c = Cluster()
    a = c.doc("a", 'Mayor Ilse Varga said: "We will honour the agreement that we signed, and the '
                   'harbour centre will reopen in spring."')
    b = c.doc("b", "“We will honor the agreement we signed, and the harbor center will reopen in "
                   "spring,” Varga told reporters.")
    d = c.doc("d", "Varga said ‘we will honor the agreement that we signed and the harbor center "
                   "will re-open in spring’ on Monday.")
    qa = c.quote(a, "We will honour the agreement that we signed, and the harbour centre will "
                    "reopen in spring.", speaker="Ilse Varga")
    qb = c.quote(b, "We will honor the agreement we signed, and the harbor center will reopen in "
                    "spring,", speaker="Ilse Varga")
    qd = c.quote(d, "we will honor the agreement that we signed and the harbor center will "
                    "re-open in spring", speaker="Varga")
    facts, mentions = c.build()
    assert same_fact(mentions, qa, qb, qd)
    fact = fact_of(facts, mentions, qa)
    assert fact["n_documents"] == 3 and fact["speaker"] == "Ilse Varga"
    assert not fact["conflict"]  # "Varga" is the same person as "Ilse Varga"


def test_dropped_clause_still_same_utterance() -> None:
    c = Cluster()
    a = c.doc("a", '"The bridge is safe, the inspectors have checked every cable twice, and we '
                   'expect traffic to resume by Friday," said engineer Pol Andersen.')
    b = c.doc("b", '"The bridge is safe, and we expect traffic to resume by Friday," Andersen '
                   'said.')
    qa = c.quote(a, "The bridge is safe, the inspectors have checked every cable twice, and we "
                    "expect traffic to resume by Friday,", speaker="Pol Andersen")
    qb = c.quote(b, "The bridge is safe, and we expect traffic to resume by Friday,",
                 speaker="Pol Andersen")
    facts, mentions = c.build()
    assert same_fact(mentions, qa, qb)
    statement = fact_of(facts, mentions, qa)["statement"]
    assert statement.startswith("The bridge is safe, the inspectors")


def test_fragment_inside_full_quote_is_same_fact() -> None:
    c = Cluster()
    a = c.doc("a", 'Minister Ada Koroma said the reform was "a once-in-a-generation chance to fix '
                   'the pension system" and urged support.')
    b = c.doc("b", '"This is a once-in-a-generation chance to fix the pension system, and we must '
                   'not waste it," Koroma said.')
    qa = c.quote(a, "a once-in-a-generation chance to fix the pension system",
                 speaker="Ada Koroma", fragment=True)
    qb = c.quote(b, "This is a once-in-a-generation chance to fix the pension system, and we must "
                    "not waste it,", speaker="Ada Koroma")
    facts, mentions = c.build()
    assert same_fact(mentions, qa, qb)
    fact = fact_of(facts, mentions, qa)
    assert fact["statement"].startswith("This is a once-in-a-generation")
    assert fact["n_documents"] == 2 and fact["n_mentions"] == 2


def test_split_quote_links_to_the_long_quote() -> None:
    c = Cluster()
    long_text = ("The reservoir is at its lowest level in forty years. We are asking every "
                 "household to cut water use by a fifth until the rains come.")
    a = c.doc("a", f'"{long_text}" said utility chief Remy Osei.')
    b = c.doc("b", '"The reservoir is at its lowest level in forty years," Osei said. He added: '
                   '"We are asking every household to cut water use by a fifth until the rains '
                   'come."')
    qa = c.quote(a, long_text, speaker="Remy Osei")
    qb1 = c.quote(b, "The reservoir is at its lowest level in forty years,", speaker="Remy Osei")
    qb2 = c.quote(b, "We are asking every household to cut water use by a fifth until the rains "
                     "come.", speaker="Remy Osei")
    facts, mentions = c.build()
    assert same_fact(mentions, qa, qb1, qb2)
    assert fact_of(facts, mentions, qa)["n_documents"] == 2


def test_overlapping_cuts_of_one_utterance_link() -> None:
    c = Cluster()
    a = c.doc("a", '"Prices went up in every district last year and the council did nothing about '
                   'it," said Lena Broch.')
    b = c.doc("b", '"the council did nothing about it while families were forced to move out of '
                   'the city," Broch said.')
    qa = c.quote(a, "Prices went up in every district last year and the council did nothing about "
                    "it,", speaker="Lena Broch")
    qb = c.quote(b, "the council did nothing about it while families were forced to move out of "
                    "the city,", speaker="Lena Broch")
    facts, mentions = c.build()
    # Only "the council did nothing about it" is shared: 6 words, not enough to link.
    assert not same_fact(mentions, qa, qb)


def test_different_utterances_same_speaker_stay_apart() -> None:
    c = Cluster()
    a = c.doc("a", '"The new line will open in March," said transport chief Omar Lind. "Tickets '
                   'will cost the same as on the old line," he added. "We are confident."')
    b = c.doc("b", '"The new line will open in March," Lind said.')
    q1 = c.quote(a, "The new line will open in March,", speaker="Omar Lind")
    q2 = c.quote(a, "Tickets will cost the same as on the old line,", speaker="Omar Lind")
    q3 = c.quote(a, "We are confident.", speaker="Omar Lind")
    q4 = c.quote(b, "The new line will open in March,", speaker="Omar Lind")
    facts, mentions = c.build()
    assert same_fact(mentions, q1, q4)
    assert not same_fact(mentions, q1, q2)
    assert not same_fact(mentions, q2, q3)
    assert len(facts) == 3


def test_short_generic_fragment_does_not_chain_two_quotes() -> None:
    c = Cluster()
    a = c.doc("a", '"We will see what happens with the harvest next month," said farmer Ina Holt.')
    b = c.doc("b", '"We will see what happens with the election in the autumn," said Rui Paz.')
    e = c.doc("e", 'Asked about it, Holt said: "We will see what happens."')
    qa = c.quote(a, "We will see what happens with the harvest next month,", speaker="Ina Holt")
    qb = c.quote(b, "We will see what happens with the election in the autumn,", speaker="Rui Paz")
    qe = c.quote(e, "We will see what happens.", speaker="Ina Holt")
    facts, mentions = c.build()
    assert not same_fact(mentions, qa, qb)
    assert same_fact(mentions, qa, qe)  # same speaker: the fragment joins her quote only


def test_same_short_words_by_different_people_stay_apart() -> None:
    c = Cluster()
    a = c.doc("a", '"No comment at all," said spokesman Ivo Ruiz.')
    b = c.doc("b", '"No comment at all," said lawyer Mae Chen.')
    qa = c.quote(a, "No comment at all,", speaker="Ivo Ruiz")
    qb = c.quote(b, "No comment at all,", speaker="Mae Chen")
    facts, mentions = c.build()
    assert not same_fact(mentions, qa, qb)
    assert not facts["conflict"].any()


def test_speaker_conflict_counts_sources() -> None:
    c = Cluster()
    words = "The factory will stay open and no one will lose their job this year"
    ids = []
    for name, speaker in (("a", "Nora Vance"), ("b", "Vance"), ("e", "Tom Okafor")):
        d = c.doc(name, f'"{words}," {speaker} said on Tuesday.')
        ids.append(c.quote(d, words, speaker=speaker))
    d = c.doc("f", f'"{words}," a spokesperson said.')
    ids.append(c.quote(d, words, speaker=None))
    facts, mentions = c.build()
    assert same_fact(mentions, *ids)
    fact = fact_of(facts, mentions, ids[0])
    assert fact["speaker"] == "Nora Vance"
    assert fact["conflict"] and fact["conflict_note"] == "speaker: Nora Vance (2), Tom Okafor (1)"
    assert fact["n_documents"] == 4


def test_venue_conflict() -> None:
    c = Cluster()
    words = "Interest rates will not rise before the end of the summer"
    venues = ["Channel Nine's Morning Report", "Morning Report", "Radio Kestrel"]
    ids = []
    for i, venue in enumerate(venues):
        d = c.doc(f"v{i}", f'"{words}," governor Liv Dahl told {venue}.')
        ids.append(c.quote(d, words, speaker="Liv Dahl", venue=venue))
    facts, mentions = c.build()
    fact = fact_of(facts, mentions, ids[0])
    assert same_fact(mentions, *ids)
    assert fact["conflict"]
    assert fact["conflict_note"] == "venue: Channel Nine's Morning Report (2), Radio Kestrel (1)"


# --- figures --------------------------------------------------------------------------------

def test_same_number_different_measure_stays_apart() -> None:
    c = Cluster()
    s1 = "About 300,000 students enrolled at the island's colleges last year."
    s2 = "The flu season caused 300,000 deaths across the region, officials said."
    s3 = "Officials added a 20% tariff on imported bicycles in March."
    s4 = "The economy's growth rate reached 20% in the third quarter."
    a = c.doc("a", f"{s1} {s3}")
    b = c.doc("b", f"{s2} {s4}")
    f1 = c.figure(a, s1, "300,000", "count", 300000, qualifier="about")
    f2 = c.figure(b, s2, "300,000", "count", 300000)
    f3 = c.figure(a, s3, "20%", "percent", 20, "percent")
    f4 = c.figure(b, s4, "20%", "percent", 20, "percent")
    facts, mentions = c.build()
    assert not same_fact(mentions, f1, f2)
    assert not same_fact(mentions, f3, f4)
    assert not facts["conflict"].any()


def test_measured_phrases_decide_when_given() -> None:
    c = Cluster()
    s1 = "There are 300,000 students in the province."
    s2 = "There are 300,000 nurses in the province."
    a, b = c.doc("a", s1), c.doc("b", s2)
    f1 = c.figure(a, s1, "300,000", "count", 300000, measured="students")
    f2 = c.figure(b, s2, "300,000", "count", 300000, measured="nurses")
    _, mentions = c.build()
    assert not same_fact(mentions, f1, f2)


def test_same_figure_across_outlets_merges() -> None:
    c = Cluster()
    sentences = [
        "The port authority cut its docking fees from 18 percent to 12 percent on Monday.",
        "Docking fees at the port were lowered to 12% from 18%, the authority said.",
        "The authority reduced docking fees from 18% to 12%.",
    ]
    ids18, ids12 = [], []
    for i, s in enumerate(sentences):
        d = c.doc(f"p{i}", s)
        first, second = ("18 percent", "12 percent") if i == 0 else ("18%", "12%")
        ids18.append(c.figure(d, s, first, "percent", 18, "percent"))
        ids12.append(c.figure(d, s, second, "percent", 12, "percent"))
    facts, mentions = c.build()
    assert same_fact(mentions, *ids18) and same_fact(mentions, *ids12)
    assert not same_fact(mentions, ids18[0], ids12[0])
    assert fact_of(facts, mentions, ids18[0])["n_documents"] == 3
    assert fact_of(facts, mentions, ids12[0])["value"] == 12


def test_linked_change_pair_is_one_fact_and_a_lone_level_joins_it() -> None:
    c = Cluster()
    s1 = "The city lowered the parking charge from 40% to 25% of the old rate."
    s2 = "Parking charges fell to 25% from 40% of the old rate, the city said."
    s3 = "The parking charge had stood at 40% of the old rate since spring."
    a, b, e = c.doc("a", s1), c.doc("b", s2), c.doc("e", s3)
    a_from = stable_id("g", a, s1.index("40%"))
    a_to = stable_id("g", a, s1.index("25%"))
    c.figure(a, s1, "40%", "percent", 40, "percent", role="from", linked=a_to)
    c.figure(a, s1, "25%", "percent", 25, "percent", role="to", linked=a_from)
    b_to = c.figure(b, s2, "25%", "percent", 25, "percent", role="to")
    b_from = c.figure(b, s2, "40%", "percent", 40, "percent", role="from", linked=b_to)
    lone = c.figure(e, s3, "40%", "percent", 40, "percent")
    facts, mentions = c.build()
    assert same_fact(mentions, a_from, a_to, b_to, b_from, lone)
    fact = fact_of(facts, mentions, a_from)
    assert "40%" in fact["statement"] and "25%" in fact["statement"]  # the clause, whole
    assert fact["value"] == 25 and fact["n_documents"] == 3


def test_value_conflict_keeps_two_facts_with_one_note() -> None:
    c = Cluster()
    s1 = "The museum's renovation budget is $4.1 million, the board said."
    s2 = "The board approved a renovation budget of $4.1 million for the museum."
    s3 = "The museum renovation budget of $4.3 million was approved by the board."
    a = c.doc("a", s1, outlet="Harbor Daily")
    b = c.doc("b", s2, outlet="Valley Post")
    e = c.doc("e", s3, outlet="North Wire")
    f1 = c.figure(a, s1, "$4.1 million", "money", 4.1e6, "USD")
    f2 = c.figure(b, s2, "$4.1 million", "money", 4.1e6, "USD")
    f3 = c.figure(e, s3, "$4.3 million", "money", 4.3e6, "USD")
    facts, mentions = c.build()
    assert same_fact(mentions, f1, f2) and not same_fact(mentions, f1, f3)
    low, high = fact_of(facts, mentions, f1), fact_of(facts, mentions, f3)
    assert low["conflict"] and high["conflict"]
    assert low["conflict_note"] == high["conflict_note"] == (
        "value: $4.1 million (2: Harbor Daily, Valley Post), $4.3 million (1: North Wire)")


def test_rough_counts_that_disagree_conflict() -> None:
    c = Cluster()
    s1 = "The ministry said it would revoke visas for hundreds of foreign nursing students."
    s2 = "The ministry will begin revoking visas held by tens of thousands of foreign nursing " \
         "students."
    a, b = c.doc("a", s1), c.doc("b", s2)
    f1 = c.figure(a, s1, "hundreds", "count", 100)
    f2 = c.figure(b, s2, "tens of thousands", "count", 10000)
    facts, mentions = c.build()
    assert not same_fact(mentions, f1, f2)
    note = fact_of(facts, mentions, f1)["conflict_note"]
    assert note and "hundreds" in note and "tens of thousands" in note


def test_values_one_document_states_together_do_not_conflict() -> None:
    c = Cluster()
    s1 = "The lake's water level rose from 3 meters to 5 meters over the winter."
    s2 = "Over the winter the lake's water level climbed to 5 meters."
    s3 = "The lake's water level was 3 meters at the start of the winter."
    a, b, e = c.doc("a", s1), c.doc("b", s2), c.doc("e", s3)
    c.figure(a, s1, "3 meters", "quantity", 3, "m")
    c.figure(a, s1, "5 meters", "quantity", 5, "m")
    c.figure(b, s2, "5 meters", "quantity", 5, "m")
    c.figure(e, s3, "3 meters", "quantity", 3, "m")
    facts, _ = c.build()
    assert not facts["conflict"].any()


def test_qualified_values_that_agree_do_not_conflict() -> None:
    c = Cluster()
    s1 = "About 300 firefighters fought the forest blaze near the northern ridge overnight."
    s2 = "Some 310 firefighters fought the forest blaze near the northern ridge overnight."
    a, b = c.doc("a", s1), c.doc("b", s2)
    c.figure(a, s1, "300", "count", 300, qualifier="about")
    c.figure(b, s2, "310", "count", 310)
    facts, _ = c.build()
    assert not facts["conflict"].any()


# --- everything -----------------------------------------------------------------------------

def test_duplicate_documents_count_as_their_original() -> None:
    c = Cluster()
    text = '"The dam will hold through the storm season," engineer Kai Moreau said.'
    a = c.doc("a", text)
    a_copy = c.doc("a-copy", text, duplicate_of="a")
    a_copy2 = c.doc("a-copy2", text, duplicate_of="a-copy")
    b = c.doc("b", '"The dam will hold through the storm season," Moreau told radio listeners.')
    words = "The dam will hold through the storm season,"
    ids = [c.quote(d, words, speaker="Kai Moreau") for d in (a, a_copy, a_copy2, b)]
    facts, mentions = c.build()
    fact = fact_of(facts, mentions, ids[0])
    assert fact["n_documents"] == 2 and sorted(fact["doc_ids"]) == sorted([a, b])
    assert fact["n_mentions"] == 4
    assert set(mentions.loc[mentions["mention_id"].isin(ids), "doc_id"]) == {a, a_copy, a_copy2, b}


_OWN_WORDS = [
    "Teachers have been wonderful through all of this and deserve our thanks",
    "The roof collapsed because the beams were never inspected properly",
    "Parents can collect belongings from the gym on Saturday morning",
    "Insurance will cover most of the damage but not the playground",
    "Classes move to the library annex until the building is safe again",
]


def _story(c: Cluster, n_docs: int) -> dict[str, str]:
    words = "We will rebuild the school before the next term begins"
    out = {}
    for i in range(n_docs):
        s = f"The town has set aside $2.5 million to rebuild the school, report {i} said."
        own = _OWN_WORDS[i]
        d = c.doc(f"s{i}", f'"{words}," mayor Pia Sorensen said. {s} "{own}," she said.')
        out[f"q{i}"] = c.quote(d, words, speaker="Pia Sorensen")
        out[f"t{i}"] = c.quote(d, own, speaker="Pia Sorensen")
        out[f"g{i}"] = c.figure(d, s, "$2.5 million", "money", 2.5e6, "USD")
    return out


def test_fact_ids_stable_when_one_more_article_arrives() -> None:
    first = Cluster()
    _story(first, 2)
    facts1, mentions1 = first.build()
    second = Cluster()
    ids = _story(second, 3)
    facts2, mentions2 = second.build(previous=mentions1)
    assert set(facts1["fact_id"]) <= set(facts2["fact_id"])
    assert len(facts2) == len(facts1) + 1  # only the new article's own quote is new
    grown = fact_of(facts2, mentions2, ids["q0"])
    assert grown["fact_id"] in set(facts1["fact_id"]) and grown["n_documents"] == 3
    again, again_mentions = second.build(previous=mentions2)
    pd.testing.assert_frame_equal(again, facts2)
    pd.testing.assert_frame_equal(again_mentions, mentions2)


def test_output_does_not_depend_on_row_order() -> None:
    c = Cluster()
    _story(c, 4)
    docs, quotes, figures = c.frames()
    facts, mentions = build_facts(docs, quotes, figures, None)
    rng = random.Random(7)
    order_q = list(range(len(quotes)))
    order_f = list(range(len(figures)))
    rng.shuffle(order_q)
    rng.shuffle(order_f)
    facts2, mentions2 = build_facts(docs.iloc[::-1], quotes.iloc[order_q],
                                    figures.iloc[order_f], None)
    pd.testing.assert_frame_equal(facts, facts2)
    pd.testing.assert_frame_equal(mentions, mentions2)


def test_empty_inputs_and_missing_values() -> None:
    c = Cluster()
    d = c.doc("a", '"Yes," she said. It cost 5 dollars.')
    docs, quotes, figures = c.frames()
    facts, mentions = build_facts(docs, quotes, figures, None)
    assert facts.empty and mentions.empty
    c.quote(d, "Yes,", speaker=None)
    c.figure(d, "It cost 5 dollars.", "5 dollars", "money", 5, "USD")
    docs, quotes, figures = c.frames()
    quotes = quotes.astype({"speaker": "str", "venue": "str"})  # pandas 3 strings with NaN
    facts, mentions = build_facts(docs, quotes, figures, None)
    validate_table("facts", facts)
    assert len(facts) == 2 and facts["speaker"].isna().all()


@pytest.mark.parametrize("n_docs", [1, 5])
def test_every_mention_in_exactly_one_fact(n_docs: int) -> None:
    c = Cluster()
    _story(c, n_docs)
    facts, mentions = c.build()
    assert facts["n_mentions"].sum() == len(mentions)
    assert (facts["n_documents"] == facts["doc_ids"].map(len)).all()


@pytest.mark.parametrize("short, long_", [
    ("we will rebuild every school in the valley", "we will rebuild every school in the valley"),
    ("not now", "not now"),
    ("rebuild every school", "we will rebuild every school in the valley by spring"),
    ("we will rebuild the schools", "we will not rebuild the old schools"),
])
def test_alignment_shortcut_and_cache_give_difflibs_numbers(short: str, long_: str) -> None:
    """The cached alignment (identical wordings skip difflib) equals difflib on every pair."""
    from difflib import SequenceMatcher

    from pipeline.core.facts.quote_clusters import _alignment

    a, b = tuple(short.split()), tuple(long_.split())
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    min_block = 2 if len(a) >= 6 else 1
    expected = (sum(x.size for x in blocks if x.size >= min_block),
                max(x.size for x in blocks))
    assert _alignment(a, b) == expected
    assert _alignment(a, b) == expected  # second call from the cache
