"""What a figure measures, across kinds; and numbers that are not figures (invented text)."""

from __future__ import annotations

import pytest

from pipeline.core.figures import extract_figures

PUB = "2025-06-02"


def only(text: str) -> tuple:
    (f,) = extract_figures(text, PUB)
    return (f.surface, f.kind, pytest.approx(f.value), f.value_max, f.unit, f.qualifier,
            f.measured)


@pytest.mark.parametrize(("text", "expected"), [
    ("The museum listed $7,000 paid to the taxidermist.",
     ("$7,000", "money", 7000, None, "USD", None, "paid to the taxidermist")),
    ("Auditors traced $30 million laundered through shell firms.",
     ("$30 million", "money", 30e6, None, "USD", None, "laundered through shell firms")),
    ("Farmland in Dorrow is 40% more expensive per acre.",
     ("40%", "percent", 40, None, "percent", None, "more expensive per acre")),
    ("Ferry fares are about 20% cheaper.",
     ("20%", "percent", 20, None, "percent", "about", "cheaper")),
    ("Velmar recalled 27,000 Model S and Model X vehicles.",
     ("27,000", "count", 27000, None, None, None, "Model S and Model X vehicles")),
    ("Ines Harlow, 16, won the regional final.",
     ("16", "quantity", 16, None, "year", None, "age of Ines Harlow")),
    ("The fund lost one point two billion dollars.",
     ("one point two billion dollars", "money", 1.2e9, None, "USD", None, None)),
])
def test_measured(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize("text", [
    "The ruling was later cited [65] by the appeals court.",   # citation marker
    "A neighbour called 911 after the crash.",                 # emergency number
    "Staff at Three Rivers Hospital were told on arrival.",    # number word inside a name
    "Okafor plays 1B for the Harbour Hawks.",                  # position code
    "The new iPhone 15 sold out in hours.",                    # model number
    "The lab meets ISO 9001 rules.",                           # standards code
    "Routers use the IEEE 802.11 standard.",                   # standards code
    "The Senate voted 223-204 to pass the bill.",              # tally
])
def test_not_figures(text):
    assert extract_figures(text, PUB) == []


def test_a_number_word_starting_a_sentence_still_counts():
    (f,) = extract_figures("Three Democrats voted against the bill.", PUB)
    assert (f.surface, f.kind, f.value, f.measured) == ("Three", "count", 3, "Democrats")
