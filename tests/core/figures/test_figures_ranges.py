"""Ranges are one figure (value = low end, value_max = high end); tallies are not figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.figures import extract_figures

PUB = "2025-06-02"


def rows(text: str) -> list[tuple]:
    return [(f.surface, f.kind, f.value, f.value_max, f.unit, f.qualifier, f.measured)
            for f in extract_figures(text, PUB)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Duties of 18 to 25 percent apply to the parts.",
     ("18 to 25 percent", "percent", 18, 25, "percent", None, "Duties")),
    ("Growth of between five and six percent is expected.",
     ("five and six percent", "percent", 5, 6, "percent", None, "Growth")),
    ("The Harlow bypass budget is $3bn to $4bn.",
     ("$3bn to $4bn", "money", 3e9, 4e9, "USD", None, "Harlow bypass budget")),
    ("The Orvel merger could fetch $2-3 billion.",
     ("$2-3 billion", "money", 2e9, 3e9, "USD", None, None)),
    ("Some 200 to 300 fishermen gathered at the quay.",
     ("200 to 300", "count", 200, 300, None, "about", "fishermen")),
    ("The dunes are 8 to 16 metres high.",
     ("8 to 16 metres", "quantity", 8, 16, "m", None, "height")),
    ("The crossing takes 3–5 hours.",
     ("3–5 hours", "duration", 3, 5, "hour", None, None)),
])
def test_a_range_is_one_figure(text, expected):
    (row,) = rows(text)
    assert row[:2] == expected[:2]
    assert row[2] == pytest.approx(expected[2]) and row[3] == pytest.approx(expected[3])
    assert row[4:] == expected[4:]


def test_a_change_is_not_a_range():
    got = [(f.surface, f.role, f.value_max) for f in extract_figures(
        "The levy rose from 5% to 6% in May.", PUB) if f.kind == "percent"]
    assert got == [("5%", "from", None), ("6%", "to", None)]


@pytest.mark.parametrize("text", [
    "The Senate voted 223-204 to pass the bill.",
    "Harbour United won 2-1 at home.",
    "The board voted 5 to 3 against the plan.",
])
def test_tallies_and_scores_are_left_out(text):
    assert [f for f in extract_figures(text) if f.kind == "count"] == []


def test_vague_amounts_are_the_named_unit_with_over_and_no_high_end():
    (f,) = extract_figures("Thousands of nurses walked out.", PUB)
    assert (f.surface, f.kind, f.value, f.value_max, f.qualifier, f.measured) == (
        "Thousands", "count", 1000, None, "over", "nurses")


def test_range_and_change_lead_words_are_the_lexicons_and_written_once() -> None:
    """"between about 40 and 50" reads its lead words from the lexicon (approximations among
    the change lead words), and no figures word list writes a word twice."""
    from pipeline.core.figures import lexicon, pairs
    from pipeline.core.text.patterns import one_of
    from tests.lexicon_words import repeated_words

    assert set(lexicon.BETWEEN_LEAD_WORDS) <= set(lexicon.CHANGE_LEAD_WORDS)
    assert one_of(lexicon.BETWEEN_LEAD_WORDS) in pairs.BETWEEN_BEFORE.pattern
    assert repeated_words(Path(lexicon.__file__)) == {}
    assert rows("Turnout of between roughly 40 and 50 percent is forecast.") == [
        ("40 and 50 percent", "percent", 40, 50, "percent", "about", "Turnout")]
