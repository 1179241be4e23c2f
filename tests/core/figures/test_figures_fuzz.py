"""Fuzz the number, unit and date parsers and the sentence extractor over number-like strings:
whatever news-ish text comes in, no exception escapes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.figures import extract_figures_checked, units
from pipeline.core.figures.dates import parse_published
from pipeline.core.figures.numbers import (
    parse_digits,
    parse_vague,
    parse_word_number,
    suffix_scale,
)

_PIECES = [
    "1", "10,000", "1,000", "0", "00", "3.5", ".5", "1/2", "½", "2-3", "223-204", "40 000",
    "one", "in", "out of", "four", "ten", "a hundred", "point", "two", "and a half", "million",
    "bn", "m", "k", "%", "percent", "per cent", "$", "US$", "A$", "€", "£", "Rs", "crore",
    "lakh", "cents", "p", "pence", "yen", "dollars", "mph", "km/hr", "μm", "MPa", "HZ", "hp",
    "W", "kt", "a barrel", "per", "month", "a year", "ago", "days", "years old", "May", "12",
    "2025", "Tuesday", "last", "next", "from", "to", "between", "and", "by", "rose", "fell",
    "about", "more than", "nearly", "[65]", "911", "No.", "Flight", "1B", "Model", "-", "–",
    "—", "(", ")", ",", ".", ";", ":", '"', "“", "”", "'", "’", "#", "+", "/", "\n", " ",
    "\u00a0", "\u202f", "e", "x", "Mara", "Venn", "tens of", "thousands", "dozens", "of",
]
_number_like = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25).map(
    lambda parts: " ".join(parts))
_mixed = st.one_of(_number_like, st.text(
    alphabet=st.characters(codec="utf-8", categories=["Nd", "Lu", "Ll", "Po", "Pd", "Sc", "Zs"]),
    max_size=60))
_FAST = settings(max_examples=300, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(_mixed, st.sampled_from([None, "2025-06-02", "2025", "not a date", "2025-13-45"]))
def test_extractor_never_raises(text: str, published: str | None):
    result = extract_figures_checked(text, published)
    for f in result.figures:
        assert text[f.start:f.end] == f.surface
    assert result.sentence_errors == []  # nothing fails on these, so nothing is dropped


@_FAST
@given(_mixed)
def test_word_number_and_vague_parsers_never_raise(text: str):
    parse_word_number(text)
    parse_vague(text)
    suffix_scale(text)


@_FAST
@given(st.from_regex(r"\A\d{1,3}(,\d{3}){0,4}(\.\d{1,4})?\Z"))
def test_digit_parser_reads_grouped_digits(text: str):
    assert parse_digits(text) == float(text.replace(",", ""))


@_FAST
@given(_mixed)
def test_unit_lookups_never_raise(text: str):
    for table in (units.CURRENCY_WORDS, units.QUANTITY_WORDS, units.DURATION_WORDS):
        units.lookup(table, text)
    units.percent_unit(text)


@_FAST
@given(_mixed)
def test_publication_date_parser_never_raises(text: str):
    parse_published(text)


_tokens = st.one_of(st.sampled_from(_PIECES), st.text(
    alphabet=st.characters(codec="utf-8", categories=["Lu", "Ll", "Nd", "Po", "Sc", "So"]),
    min_size=1, max_size=8))


@_FAST
@given(_tokens, st.booleans(), st.sampled_from(["money", "quantity", "percent"]))
def test_pint_unit_and_rate_readers_never_raise(token: str, glued: bool, kind: str):
    got = units.pint_unit(token, glued)
    assert got is None or isinstance(got, str)
    units.rate_denominator(token, kind, after_per=glued)
    units.time_symbol(token)
