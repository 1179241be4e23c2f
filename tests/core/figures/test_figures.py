"""Figure extraction on hand-written news sentences (invented names and places)."""

from __future__ import annotations

import re

import pytest

from pipeline.core.figures import Figure, extract_figures
from schemas.tables import QUALIFIERS

PUB = "2025-06-02"  # a Monday


def one(text: str, surface: str, published: str | None = PUB) -> Figure:
    figs = [f for f in extract_figures(text, published) if f.surface == surface]
    assert figs, f"{surface!r} not found in {[f.surface for f in extract_figures(text, published)]}"
    return figs[0]


def surfaces(text: str, published: str | None = PUB) -> list[str]:
    return [f.surface for f in extract_figures(text, published)]


@pytest.mark.parametrize(("text", "surface", "value", "unit", "qualifier"), [
    ("Prices in Norland rose 145 percent last year.", "145 percent", 145, "percent", None),
    ("Turnout was about 30% in the valley.", "30%", 30, "percent", "about"),
    ("Inflation eased to 4.5 per cent.", "4.5 per cent", 4.5, "percent", None),
    ("The rate climbed 2 percentage points.", "2 percentage points", 2, "percentage point", None),
    ("Levies reached triple-digit percentages before the truce.", "triple-digit percentages",
     100, "percent", "over"),
])
def test_percentages(text: str, surface: str, value: float, unit: str, qualifier: str | None):
    f = one(text, surface)
    assert (f.kind, f.value, f.unit, f.qualifier) == ("percent", value, unit, qualifier)


@pytest.mark.parametrize(("text", "surface", "value", "unit"), [
    ("The port will cost $15 billion to build.", "$15 billion", 15e9, "USD"),
    ("Velmar Holdings raised US$2.5m from investors.", "US$2.5m", 2.5e6, "USD"),
    ("The city borrowed €3.5bn last spring.", "€3.5bn", 3.5e9, "EUR"),
    ("She left £200,000 to the library.", "£200,000", 200000, "GBP"),
    ("The ministry spent 15 billion dollars on roads.", "15 billion dollars", 15e9, "USD"),
    ("The state set aside Rs 40 crore for schools.", "Rs 40 crore", 4e8, "INR"),
    ("Analysts valued the deal at $4.2b on Tuesday.", "$4.2b", 4.2e9, "USD"),
    ("The fund reported a loss of -$3 million.", "-$3 million", -3e6, "USD"),
])
def test_money(text: str, surface: str, value: float, unit: str):
    f = one(text, surface)
    assert (f.kind, f.unit) == ("money", unit)
    assert f.value == pytest.approx(value)


def test_trade_worth_hundreds_of_billions_is_vague_money():
    f = one("Trade between the two is worth hundreds of billions of dollars a year.",
            "hundreds of billions of dollars a year")
    assert (f.kind, f.value, f.unit, f.qualifier) == ("money", 1e11, "USD/year", "over")


@pytest.mark.parametrize(("text", "surface", "value", "qualifier", "measured"), [
    ("Over 300,000 foreign students enrolled in Dalvia last year.", "300,000", 300000, "over",
     "foreign students"),
    ("The region mines 17 metallic rare earths, officials said.", "17", 17, None,
     "metallic rare earths"),
    ("The order affects tens of thousands of seasonal workers in the north.",
     "tens of thousands", 10000, "over", "seasonal workers"),
    ("Hundreds of farmers marched on the capital.", "Hundreds", 100, "over", "farmers"),
    ("Dozens of villagers were evacuated.", "Dozens", 12, "over", "villagers"),
    ("A dozen reporters waited outside.", "A dozen", 12, None, "reporters"),
    ("The storm left nearly 1.5 million people without power.", "1.5 million", 1.5e6, "nearly",
     "people"),
    ("Twenty-one engineers signed the letter.", "Twenty-one", 21, None, "engineers"),
    ("The city hired 2m temporary staff.", "2m", 2e6, None, "temporary staff"),
])
def test_counts_with_what_they_count(text: str, surface: str, value: float,
                                     qualifier: str | None, measured: str):
    f = one(text, surface)
    assert (f.kind, f.value, f.unit, f.qualifier, f.measured) == (
        "count", value, None, qualifier, measured)


@pytest.mark.parametrize(("text", "surface", "value", "unit"), [
    ("Both sides agreed to pause the dispute for 90 days.", "90 days", 90, "day"),
    ("The 90-day truce ends in August.", "90-day", 90, "day"),
    ("Talks stalled over the last 48 hours.", "48 hours", 48, "hour"),
    ("The plan runs for five years.", "five years", 5, "year"),
    ("They signed a six-month lease.", "six-month", 6, "month"),
])
def test_durations(text: str, surface: str, value: float, unit: str):
    f = one(text, surface)
    assert (f.kind, f.value, f.unit) == ("duration", value, unit)


def test_hyphenated_duration_measures_the_following_noun():
    assert one("The 90-day truce ends soon.", "90-day").measured == "truce"


@pytest.mark.parametrize(("text", "surface", "date", "published"), [
    ("The ministers met on May 12 in Ostrava.", "May 12", "2025-05-12", PUB),
    ("The ministers met on May 12 in Ostrava.", "May 12", "--05-12", None),
    ("Tariffs take effect June 4.", "June 4", "2025-06-04", PUB),
    ("The two last spoke in January 2025.", "January 2025", "2025-01", PUB),
    ("A decision is due in mid-August.", "mid-August", "2025-08", PUB),
    ("The mayor resigned last Friday.", "last Friday", "2025-05-30", PUB),
    ("Kessler said on Thursday that talks would resume.", "Thursday", "2025-05-29", PUB),
    ("The treaty was signed on 3 March 2019.", "3 March 2019", "2019-03-03", PUB),
    ("Filed on Dec. 28, the suit names three firms.", "Dec. 28", "2024-12-28", "2025-01-05"),
])
def test_dates(text: str, surface: str, date: str, published: str | None):
    f = one(text, surface, published)
    assert (f.kind, f.value, f.date) == ("date", None, date)


def test_relative_weekday_needs_a_publication_date():
    assert "last Friday" not in surfaces("The mayor resigned last Friday.", None)


def test_bare_year():
    f = one("Enrollment peaked in 2024, the report said.", "2024")
    assert (f.kind, f.value, f.date) == ("year", 2024, "2024")


@pytest.mark.parametrize(("text", "surface", "value", "unit"), [
    ("The pipeline runs 50 km under the bay.", "50 km", 50, "km"),
    ("Crews removed 3.2 tonnes of debris.", "3.2 tonnes", 3.2, "t"),
    ("The dam produces 1,500 megawatts at full flow.", "1,500 megawatts", 1500, "MW"),
    ("Temperatures hit 40C in the south.", "40C", 40, "°C"),
    ("The tower stands 1.8m tall.", "1.8m", 1.8, "m"),
])
def test_quantities(text: str, surface: str, value: float, unit: str):
    f = one(text, surface)
    assert (f.kind, f.value, f.unit) == ("quantity", value, unit)


def test_quantity_of_phrase_is_measured():
    assert one("Crews removed 3.2 tonnes of debris.", "3.2 tonnes").measured == "debris"


@pytest.mark.parametrize(("written", "normal"), [
    ("more than", "over"), ("exceeding", "over"), ("surpassed", "over"), ("above", "over"),
    ("under", "under"), ("less than", "under"), ("nearly", "nearly"), ("almost", "nearly"),
    ("about", "about"), ("around", "about"), ("roughly", "about"), ("up to", "up to"),
    ("at least", "at least"), ("at most", "at most"),
])
def test_qualifiers_normalise_to_closed_set(written: str, normal: str):
    f = one(f"Losses were {written} 40% of revenue.", "40%")
    assert f.qualifier == normal
    assert normal in QUALIFIERS


def test_from_to_change_is_linked():
    text = "Ostrava cut duties on imported steel from 145 percent to 30 percent."
    figs = extract_figures(text, PUB)
    a, b = figs
    assert (a.role, b.role, a.linked, b.linked) == ("from", "to", 1, 0)
    assert a.measured == b.measured == "duties on imported steel"


def test_to_from_change_with_qualifier_is_linked():
    text = "The council lowered levies on grain to 30% from up to 145% this week."
    a, b = extract_figures(text, PUB)
    assert (a.value, a.role, b.value, b.role, b.qualifier) == (30, "to", 145, "from", "up to")
    assert (a.linked, b.linked) == (1, 0)


def test_change_by_points():
    figs = extract_figures("Unemployment rose by 3 points to 7.5%.", PUB)
    assert [f.role for f in figs] == ["by", "to"]


def test_change_words_before_the_number_are_one_list():
    """"by under", "to just", "from a previous": the same words may stand between any
    change cue and its number (figures/lexicon.py CHANGE_LEAD_WORDS)."""
    assert [f.role for f in extract_figures("Fares rose by under 2% in the spring.", PUB)] == ["by"]
    a, b = extract_figures("The levy fell from a previous 5% to about 3%.", PUB)
    assert (a.role, b.role, a.linked, b.linked, b.qualifier) == ("from", "to", 1, 0, "about")


def test_measured_from_left_context():
    f = one("Tariffs on imported cars were about 21% when the law passed.", "21%")
    assert f.measured == "Tariffs on imported cars"


def test_measured_of_phrase():
    f = one("The valley produces over 70% of the world's saffron, growers say.", "70%")
    assert f.measured == "the world's saffron"


@pytest.mark.parametrize(("text", "not_surface"), [
    ("The vote closes at 3 p.m. on the island.", "3"),
    ("Talks resume at 10:30 in the hall.", "10"),
    ("Call the hotline at 555-123-4567 for help.", "555"),
    ("The shop at 123 Harbour Street reopened.", "123"),
    ("The firm invoked Section 232 of the act.", "232"),
    ("It was his second inauguration.", "second"),
    ("One of the officials declined to comment.", "One"),
    ("She appeared on “60 Minutes” to explain.", "60"),
    ("The plane was a Boeing 737 built in Renton.", "737"),
    ("Cases of COVID-19 fell sharply.", "19"),
    ("The ministers met on May 12 in Ostrava.", "12"),
    ("Details at https://example.org/q?year=2024&share=45% for readers.", "45%"),
])
def test_not_figures(text: str, not_surface: str):
    assert not_surface not in surfaces(text)


def test_spans_sentences_and_schema_rules():
    text = ("Over 300,000 students enrolled.\nSubheading\n"
            "Prices rose 5% from 2% in March, adding $3 billion over 90 days.")
    figs = extract_figures(text, PUB)
    assert [f.start for f in figs] == sorted(f.start for f in figs)
    for i, f in enumerate(figs):
        assert text[f.start:f.end] == f.surface
        assert f.sentence in text and f.start >= text.index(f.sentence)
        assert (f.value is None) == (f.kind == "date")
        assert f.qualifier is None or f.qualifier in QUALIFIERS
        assert f.date is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2}", f.date)
        if f.linked is not None:
            assert figs[f.linked].linked == i


def test_deterministic():
    text = "Nearly 1.5 million people fled; aid rose from $2 billion to $3 billion on May 4."
    assert extract_figures(text, PUB) == extract_figures(text, PUB)


@pytest.mark.parametrize("sentence", [
    "The two leaders last met in January.",
    "Their three children attend the local school.",
    "All four candidates agreed to a debate.",
])
def test_small_number_words_after_a_determiner_are_references_not_figures(sentence: str) -> None:
    assert [f for f in extract_figures(sentence, None) if f.kind == "count"] == []


def test_small_number_words_that_count_are_still_figures() -> None:
    figs = extract_figures("Police arrested three men and seized two vehicles.", None)
    assert [(f.value, f.measured) for f in figs] == [(3.0, "men"), (2.0, "vehicles")]
