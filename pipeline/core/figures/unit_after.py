"""What follows a number: percent, age, currency, duration or unit, tried in that order.

"5%" and "5 percent", "aged 16", "12 million rand", "£40" and "40 pounds", "50 cents",
"180p", "3 weeks", "8 kilometres" and "8 km", "61.4 MPa" (pint), "40C" (touching, with a
temperature word around). A bare number gets none and is classified by the noun after it.
"""

from __future__ import annotations

import re

from pipeline.core.figures import lexicon, units
from pipeline.core.figures.lexicon import (
    AGE_UNITS,
    MONEY_CONTEXT_WORDS,
    NOT_RATE_AFTER,
    TEMPERATURE_STEMS,
)
from pipeline.core.text.patterns import one_of

_PERCENT_AFTER = re.compile(rf"\s?(?:{units.PERCENT_RE})", re.IGNORECASE)
_AGE_AFTER = re.compile(rf"[\s-](?P<u>{one_of(AGE_UNITS)})s?(?:[\s-]old\b|\s+of\s+age\b)"
                        r"|\s(?P<yo>yo)\b", re.IGNORECASE)
_TEMPERATURE_CONTEXT = re.compile("|".join(TEMPERATURE_STEMS), re.IGNORECASE)
DURATION_AFTER = re.compile(rf"[\s-](?:{units.DURATION_RE})\b", re.IGNORECASE)
_POUNDS_AFTER = re.compile(r"\s+(?:of\s+)?pounds?(?:\s+sterling)?\b", re.IGNORECASE)
_PENCE_GLUED = re.compile(r"p(?![\w'’.-])")
_MINOR_AFTER = re.compile(rf"[\s-]?(?:{units.MINOR_CURRENCY_RE})\b", re.IGNORECASE)
_SIGNS = re.escape(units.CURRENCY_SIGN_CHARS)
_CODE_AFTER = re.compile(rf"\s?(?P<code>{units.ISO_CODE_RE}|[{_SIGNS}])(?![A-Za-z])")
QUANTITY_WORD_AFTER = re.compile(rf"[\s-](?P<u>(?i:{units.QUANTITY_WORD_RE}))\b")
_QUANTITY_SYMBOL_AFTER = re.compile(rf"\s?(?P<u>{units.QUANTITY_SYMBOL_RE})(?![A-Za-z\d])")
# A unit token for pint: "61.4 MPa", "352 μm", "1000 hp", "5W", "100km/hr", "49.5 HZ".
_UNIT_TOKEN_AFTER = re.compile(r"(?P<sp>[ \u00a0]?)(?P<tok>[A-Za-zµμΩ]+(?:/[A-Za-z]+)?)(?![\w/])")
# The "per" side of a rate: "$52 a barrel", "per gallon", "/hour", "5% a year".
RATE_AFTER = re.compile(r"(?:(?P<slash>\s?/\s?)|\s+(?P<per>per)\s+|\s+(?:an?)\s+)"
                         rf"(?P<den>[A-Za-zµ]+)\b(?!\s+{one_of(NOT_RATE_AFTER)}\b)(?!-)")
_TOUCHING_AFTER = re.compile(r"(?P<u>[CFgmt])(?![\w])")
_MONEY_CONTEXT = re.compile(rf"\b{one_of(MONEY_CONTEXT_WORDS)}\b", re.IGNORECASE)


def _any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One regex matching where any of `patterns` matches (names dropped, flags kept)."""
    parts = []
    for pattern in patterns:
        body = re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern)
        parts.append(f"(?i:{body})" if pattern.flags & re.IGNORECASE else f"(?:{body})")
    return re.compile("|".join(parts))


# Every regex test of `unit_after` at once: when none can match (most numbers are followed
# by an ordinary word or a comma), only the currency-name and pint lookups are left to try.
_ANY_UNIT_AFTER = _any_of(_PERCENT_AFTER, _AGE_AFTER, _POUNDS_AFTER, _MINOR_AFTER, _PENCE_GLUED,
                          DURATION_AFTER, QUANTITY_WORD_AFTER, _QUANTITY_SYMBOL_AFTER,
                          _CODE_AFTER, _TOUCHING_AFTER)


def _currency_word_after(text: str, pos: int, value: float, scaled: bool
                         ) -> tuple[str, str | None, float, int] | None:
    """Money from a currency name after the number ("12 million rand"); names that are also
    common words need a scale ("5 won" is no money, "5 billion won" is)."""
    named = units.currency_word_after(text, pos)
    if named:
        code, word, end = named
        if scaled or word not in lexicon.CURRENCY_WORDS_NEED_SCALE:
            return "money", code, value, end
    return None


def _pint_unit_after(text: str, pos: int, value: float
                     ) -> tuple[str, str | None, float, int] | None:
    """A quantity from a unit token pint knows, spaced or glued ("61.4 MPa", "5W")."""
    m = _UNIT_TOKEN_AFTER.match(text, pos)
    if m:
        unit = units.pint_unit(m.group("tok"), glued=not m.group("sp"))
        if unit:
            return "quantity", unit, value, m.end()
    return None


def unit_after(text: str, pos: int, value: float, scaled: bool, before: str
                ) -> tuple[str, str | None, float, int] | None:
    """(kind, unit, value, end) from the words right after a number, or None for a bare number."""
    if _ANY_UNIT_AFTER.match(text, pos) is None:
        # None of the regex tests below can match: the same answer from the two lookups left.
        return (_currency_word_after(text, pos, value, scaled)
                or _pint_unit_after(text, pos, value))
    m = _PERCENT_AFTER.match(text, pos)
    if m:
        return "percent", units.percent_unit(m.group()), value, m.end()
    m = _AGE_AFTER.match(text, pos)
    if m:
        return "age", (m.group("u") or "year").lower(), value, m.end()
    named = _currency_word_after(text, pos, value, scaled)
    if named:
        return named
    m = _POUNDS_AFTER.match(text, pos)
    if m and (scaled or "sterling" in m.group().lower() or _MONEY_CONTEXT.search(before[-40:])):
        return "money", "GBP", value, m.end()
    m = _MINOR_AFTER.match(text, pos)
    if m:
        code = units.lookup(lexicon.MINOR_CURRENCY, m.group().strip().lstrip("-"))
        return "money", code, value / 100, m.end()
    m = _PENCE_GLUED.match(text, pos)
    if m and 0 < value < 10000 and value not in lexicon.VIDEO_LINE_COUNTS and not scaled:
        return "money", "GBP", value / 100, m.end()  # "180p"; "1080p" is a video mode
    m = DURATION_AFTER.match(text, pos)
    if m:
        word = m.group()[1:].strip()
        unit = units.lookup(lexicon.DURATION_WORDS, word)
        if unit:
            return "duration", unit, value * lexicon.DURATION_SCALE.get(word.lower(), 1.0), m.end()
    m = QUANTITY_WORD_AFTER.match(text, pos)
    if m:
        unit = units.lookup(lexicon.QUANTITY_WORDS, m.group("u"))
        if unit:
            return "quantity", unit, value, m.end()
    m = _QUANTITY_SYMBOL_AFTER.match(text, pos)
    if m:
        return "quantity", lexicon.QUANTITY_SYMBOLS[m.group("u")], value, m.end()
    m = _CODE_AFTER.match(text, pos)
    if m:
        return "money", units.CURRENCY_PREFIXES[m.group("code")], value, m.end()
    quantity = _pint_unit_after(text, pos, value)
    if quantity:
        return quantity
    m = _TOUCHING_AFTER.match(text, pos)
    if m and (m.group("u") not in "CF" or _TEMPERATURE_CONTEXT.search(before + text[pos:pos + 60])):
        return "quantity", lexicon.TOUCHING_SYMBOLS[m.group("u")], value, m.end()
    return None
