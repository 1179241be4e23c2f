"""Facts inside stories: numbers merge and conflict only within one story, short quotes too;
one canonical name per person; readable figure statements. Invented names throughout."""

from __future__ import annotations

import pandas as pd

from pipeline.core.facts import build_facts, build_speakers, parse_name
from pipeline.core.facts.figure_clusters import figure_clause
from pipeline.core.text.ids import stable_id
from tests.core.facts.test_facts import Cluster, fact_of, same_fact

VOTE_A, VOTE_B = stable_id("s", "vote-a"), stable_id("s", "vote-b")


def _build(c: Cluster, stories: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    docs, quotes, figures = c.frames()
    doc_stories = {stable_id("d", name): story for name, story in stories.items()}
    return build_facts(docs, quotes, figures, None, doc_stories=doc_stories)


def test_the_same_tally_in_two_votes_is_two_facts() -> None:
    c = Cluster()
    s1 = "The Tessaly assembly passed the water bill with 52 votes in favour."
    s2 = "The water bill won 52 votes in favour in the Tessaly assembly."
    s3 = "The Norvik parliament backed the quota bill with 52 votes in favour."
    a, b, d = c.doc("a", s1), c.doc("b", s2), c.doc("d", s3)
    fa = c.figure(a, s1, "52", "count", 52, measured="votes in favour")
    fb = c.figure(b, s2, "52", "count", 52, measured="votes in favour")
    fd = c.figure(d, s3, "52", "count", 52, measured="votes in favour")
    facts, mentions = _build(c, {"a": VOTE_A, "b": VOTE_A, "d": VOTE_B})
    assert same_fact(mentions, fa, fb) and not same_fact(mentions, fa, fd)
    assert fact_of(facts, mentions, fa)["story_id"] == VOTE_A
    assert fact_of(facts, mentions, fd)["story_id"] == VOTE_B
    assert fact_of(facts, mentions, fa)["statement"] == "Votes in favour: 52"
    # Without stories (all one story) the three mentions are one fact, as before.
    docs, quotes, figures = c.frames()
    _, plain = build_facts(docs, quotes, figures)
    assert same_fact(plain, fa, fb, fd)


def test_a_background_figure_of_two_stories_stays_in_each_story() -> None:
    c = Cluster()
    s1 = "The central bank held rates as inflation stood at 3.4 percent in May."
    s2 = "Truckers protested diesel prices while inflation stood at 3.4 percent in May."
    a, b = c.doc("a", s1), c.doc("b", s2)
    fa = c.figure(a, s1, "3.4 percent", "percent", 3.4, "percent", measured="inflation")
    fb = c.figure(b, s2, "3.4 percent", "percent", 3.4, "percent", measured="inflation")
    facts, mentions = _build(c, {"a": VOTE_A, "b": VOTE_B})
    assert not same_fact(mentions, fa, fb)
    assert facts["n_documents"].tolist() == [1, 1]


def test_conflicts_only_between_documents_of_one_story() -> None:
    c = Cluster()
    s1 = "Officials said the flood damage to the Quenby dam cost $4.1 million to repair."
    s2 = "Officials said the flood damage to the Quenby dam cost $4.3 million to repair."
    s3 = "Officials said the flood damage to the Quenby dam cost $4.3 million to repair, in all."
    a, b, d = c.doc("a", s1, outlet="Harbor Daily"), c.doc("b", s2, outlet="North Wire"), c.doc(
        "d", s3, outlet="Valley Post")
    fa = c.figure(a, s1, "$4.1 million", "money", 4.1e6, "USD", measured="flood damage")
    fb = c.figure(b, s2, "$4.3 million", "money", 4.3e6, "USD", measured="flood damage")
    fd = c.figure(d, s3, "$4.3 million", "money", 4.3e6, "USD", measured="flood damage")
    facts, mentions = _build(c, {"a": VOTE_A, "b": VOTE_A, "d": VOTE_B})
    low, high, other = (fact_of(facts, mentions, m) for m in (fa, fb, fd))
    assert low["conflict"] and high["conflict"]
    assert low["conflict_note"] == ("value: $4.1 million (1: Harbor Daily), "
                                    "$4.3 million (1: North Wire)")
    assert not other["conflict"] and other["n_documents"] == 1  # another story's lone document
    # Two documents of different stories never conflict.
    _, _ = facts, mentions
    facts2, mentions2 = _build(c, {"a": VOTE_A, "b": VOTE_B, "d": VOTE_B})
    assert not fact_of(facts2, mentions2, fa)["conflict"]


def test_quotes_cross_stories_only_with_long_wording_and_one_speaker() -> None:
    c = Cluster()
    long_words = "we will rebuild every school in the valley before the winter comes"
    a = c.doc("a", f"“{long_words},” said Ana Duarte after the flood.")
    b = c.doc("b", f"At the budget debate Duarte repeated: “{long_words}.”")
    d = c.doc("d", f"Tom Okafor said “{long_words}” was his promise too.")
    qa = c.quote(a, long_words, speaker="Ana Duarte")
    qb = c.quote(b, long_words, speaker="Duarte")
    qd = c.quote(d, long_words, speaker="Tom Okafor")
    short = "at a later date"
    e = c.doc("e", f"The mayor said the park would reopen “{short},” without details.")
    f = c.doc("f", f"The court will rule “{short}” on the Talbridge appeal, a clerk said.")
    qe, qf = c.quote(e, short), c.quote(f, short)
    other = stable_id("s", "other")
    facts, mentions = _build(c, {"a": VOTE_A, "b": VOTE_B, "d": other, "e": VOTE_A,
                                 "f": VOTE_B})
    assert same_fact(mentions, qa, qb)
    fact = fact_of(facts, mentions, qa)
    assert fact["story_id"] is None or pd.isna(fact["story_id"])  # spans two stories
    assert fact["speaker"] == "Ana Duarte" and not fact["conflict"]
    assert not same_fact(mentions, qa, qd)   # other story, other speaker: another utterance
    assert not same_fact(mentions, qe, qf)   # a short fragment never crosses stories
    facts, mentions = _build(c, {"a": VOTE_A, "b": VOTE_A, "d": VOTE_A, "e": VOTE_A,
                                 "f": VOTE_A})
    assert same_fact(mentions, qe, qf)       # ... but joins inside one story
    assert fact_of(facts, mentions, qa)["conflict_note"] == (
        "speaker: Ana Duarte (2), Tom Okafor (1)")


def test_one_name_per_person_is_never_a_speaker_conflict() -> None:
    c = Cluster()
    words = "the tariffs on Kestrel steel will stay until the talks resume"
    names = ["Trump", "Mr. Trump", "Donald J. Trump", "President Donald Trump"]
    docs = [c.doc(f"t{i}", f"“{words},” {name} said.") for i, name in enumerate(names)]
    ids = [c.quote(d, words, speaker=name) for d, name in zip(docs, names, strict=True)]
    stories = {f"t{i}": VOTE_A for i in range(4)}
    facts, mentions = _build(c, stories)
    fact = fact_of(facts, mentions, ids[0])
    assert fact["speaker"] == "Donald Trump" and not fact["conflict"]
    frame_docs, quotes, _ = c.frames()
    speakers = build_speakers(frame_docs, quotes, {stable_id("d", k): v
                                                   for k, v in stories.items()})
    row = speakers.set_index("speaker").loc["Donald Trump"]
    assert sorted(row["aliases"]) == ["Donald J. Trump", "Mr. Trump", "President Donald Trump",
                                      "Trump"]
    assert sorted(row["titles"]) == ["Mr.", "President"]
    assert (row["n_quotes"], row["n_documents"], row["n_stories"]) == (4, 4, 1)


def test_a_bare_surname_with_two_such_people_in_the_story_stays_as_written() -> None:
    c = Cluster()
    a = c.doc("a", "“The bridge stays shut,” said Nora Vance. “It is safe,” said Ed Vance.")
    b = c.doc("b", "“We need more time to look at the cables,” Vance said.")
    c.quote(a, "The bridge stays shut", speaker="Nora Vance")
    c.quote(a, "It is safe", speaker="Ed Vance")
    c.quote(b, "We need more time to look at the cables", speaker="Vance")
    docs, quotes, _ = c.frames()
    speakers = build_speakers(docs, quotes, {stable_id("d", "a"): VOTE_A,
                                             stable_id("d", "b"): VOTE_A})
    assert speakers["speaker"].tolist() == ["Ed Vance", "Nora Vance", "Vance"]


def test_parse_name_strips_titles_initials_and_suffixes() -> None:
    assert parse_name("Treasury Secretary Lena Ostrow").words == ("Lena", "Ostrow")
    assert parse_name("Treasury Secretary Lena Ostrow").titles == "Treasury Secretary"
    assert parse_name("Sen. Mary K. Quist Jr.").words == ("Mary", "Quist")
    assert parse_name("the White House").words is None


def test_figure_statements_are_built_from_the_parts() -> None:
    c = Cluster()
    s1 = "Kestrel cut US tariffs on Chinese goods from 145% to 30% on Monday."
    a = c.doc("a", s1)
    to_id = stable_id("g", a, s1.index("30%"))
    from_id = stable_id("g", a, s1.index("145%"))
    c.figure(a, s1, "145%", "percent", 145, "percent", measured="US tariffs on Chinese goods",
             role="from", linked=to_id)
    c.figure(a, s1, "30%", "percent", 30, "percent", measured="US tariffs on Chinese goods",
             role="to", linked=from_id)
    s2 = "Over 300,000 Chinese students were enrolled in US universities last year."
    b = c.doc("b", s2)
    fb = c.figure(b, s2, "300,000", "count", 300000, measured="Chinese students in US "
                  "universities", qualifier="over")
    s3 = "On May 12 the Ostrow council set the harbour fee at 7.5% for cargo ships."
    e = c.doc("e", s3)
    c.figure(e, s3, "May 12", "date", None, date="--05-12")
    fe = c.figure(e, s3, "7.5%", "percent", 7.5, "percent", measured="harbour fee")
    facts, mentions = _build(c, {"a": VOTE_A, "b": VOTE_A, "e": VOTE_A})
    assert fact_of(facts, mentions, to_id)["statement"] == (
        "US tariffs on Chinese goods: 30% (from 145%)")
    assert fact_of(facts, mentions, fe)["statement"] == "Harbour fee: 7.5%, May 12"
    assert fact_of(facts, mentions, fb)["statement"] == (
        "Chinese students in US universities: over 300,000")


def test_a_statement_without_measure_is_the_whole_clause() -> None:
    sentence = ("The two sides agreed on May 12, after two days of talks in Lisbon, Portugal, to "
                "lower the duties that had choked trade between the two largest economies.")
    assert figure_clause(sentence, "May 12") == (
        "The two sides agreed on May 12, after two days of talks in Lisbon, Portugal")
    assert figure_clause("Turnout rose to 64% (a record).", "64%") == "Turnout rose to 64%"


def test_a_bare_surname_takes_the_full_name_the_story_writes() -> None:
    c = Cluster()
    a = c.doc("a", "Talks stalled on Friday, said Donald Trump, the president. "
                   "“We will see,” Trump said. Meanwhile Trump left.")
    c.quote(a, "We will see", speaker="Trump")
    docs, quotes, _ = c.frames()
    speakers = build_speakers(docs, quotes, {stable_id("d", "a"): VOTE_A})
    assert speakers["speaker"].tolist() == ["Donald Trump"]
    assert speakers["aliases"].tolist() == [["Trump"]]
