"""What a number is counted in: currencies, percent, durations and measurement units.

Each table maps the ways news writes a unit to one normalised name, so "per cent", "pct" and
"%" all become "percent", "US$" and "dollars" become USD, "kilometres" and "km" become km.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.figures.lexicon import (
    BASES_NOT_PREFIXED,
    CODES_NOT_CURRENCIES,
    DURATION_WORDS,
    GLUED_LETTER_SYMBOLS,
    NEWS_NOUNS_NOT_UNITS,
    NOT_CURRENCY_NOUNS,
    PINT_SYMBOL_OVERRIDES,
    PROJECT_CURRENCY_PREFIXES,
    PROJECT_CURRENCY_WORDS,
    QUANTITY_SYMBOLS,
    QUANTITY_WORDS,
    RATE_NOUNS,
    SYMBOLS_THAT_ARE_WORDS,
    TIME_SYMBOLS,
    TIME_ZONES,
)

# --- Currencies: CLDR (via babel) for every current ISO 4217 code, symbol and English name,
# with the project's table deciding where news usage and CLDR differ or CLDR is ambiguous.

# CLDR symbols that are a single letter ("R" rand, "K" kina, "P" pula) read as model
# numbers and grades ("R2", "K9", "P5"): only symbols of two or more characters are used.
_MIN_SYMBOL_CHARS = 2


def _current_currencies() -> frozenset[str]:
    """ISO 4217 codes legal tender somewhere today, per CLDR's territory data."""
    from babel.core import get_global

    return frozenset(code for entries in get_global("territory_currencies").values()
                     for code, _start, end, tender in entries if end is None and tender)


def _cldr_currency_tables() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(prefix symbol or code -> ISO code, lower-case name -> ISO code, current codes) from
    CLDR's English locales (en, en_AU, en_IN, en_MY, ...). A symbol or bare noun that names
    several currencies is left out unless the project table decides it."""
    from collections import defaultdict

    from babel import Locale, localedata
    from babel.numbers import get_currency_name

    codes = _current_currencies()
    symbols: dict[str, set[str]] = defaultdict(set)
    english = sorted(i for i in localedata.locale_identifiers() if i == "en" or i.startswith("en_"))
    for ident in english:
        for code, symbol in Locale.parse(ident).currency_symbols.items():
            if code in codes and symbol != code and len(symbol) >= _MIN_SYMBOL_CHARS and (
                    not any(ch.isspace() for ch in symbol)):
                symbols[symbol].add(code)
    prefixes = {sym: next(iter(cs)) for sym, cs in symbols.items() if len(cs) == 1}
    prefixes.update({code: code for code in codes if code not in CODES_NOT_CURRENCIES})
    names: dict[str, str] = {}
    nouns: dict[str, set[str]] = defaultdict(set)
    en = Locale.parse("en")
    for code in sorted(codes):
        for count in (1, 2):
            name = " ".join(get_currency_name(code, count=count, locale=en).lower().split())
            if "(" in name:
                continue
            names[name] = code
            noun = name.split()[-1]
            if noun.isalpha() and noun not in NOT_CURRENCY_NOUNS:
                nouns[noun].add(code)
    for noun, cs in nouns.items():
        if len(cs) == 1:
            names.setdefault(noun, next(iter(cs)))
    names.update({code.lower(): code for code in ("USD", "EUR", "GBP", "JPY", "CNY", "INR")})
    return prefixes, names, codes


_CLDR_PREFIXES, _CLDR_NAMES, CURRENT_CURRENCIES = _cldr_currency_tables()
# Currency written before the amount: "$15 billion", "US$2.5m", "Rs 40 crore", "EUR 3m",
# "RM1,200"; and ISO codes after it ("5 million USD").
CURRENCY_PREFIXES: dict[str, str] = {**_CLDR_PREFIXES, **PROJECT_CURRENCY_PREFIXES}
ISO_CODES: frozenset[str] = frozenset(c for c in CURRENT_CURRENCIES
                                      if c not in CODES_NOT_CURRENCIES)
# Currency written after the amount: "15 billion dollars", "40 crore rupees", "500 euros",
# "3,000 Malaysian ringgit", "200 shekels".
CURRENCY_WORDS: dict[str, str] = {**_CLDR_NAMES, **PROJECT_CURRENCY_WORDS}


def _currency_signs() -> dict[str, str]:
    """Unicode currency signs named after one current currency ("LARI SIGN" ₾ -> GEL,
    "COLON SIGN" ₡ -> CRC, "TENGE SIGN" ₸ -> KZT), read by their Unicode names."""
    import unicodedata

    def plain(word: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", word.lower())
                       if not unicodedata.combining(c))

    names = {plain(name): code for name, code in CURRENCY_WORDS.items()}
    signs = {}
    for point in [*range(0x20A0, 0x20C1), 0x09F3, 0x0E3F, 0x17DB, 0x058F, 0x060B]:
        ch = chr(point)
        if unicodedata.category(ch) != "Sc":
            continue
        name = unicodedata.name(ch, "").lower().removesuffix(" sign")
        code = names.get(name)
        if code in CURRENT_CURRENCIES and ch != "₤":  # the lira sign also writes pounds
            signs[ch] = code
    return signs


# Signs written before or right after the amount: "₴500", "100₾", "100,000 ₭".
CURRENCY_SIGNS: dict[str, str] = {**_currency_signs(), **{
    s: c for s, c in PROJECT_CURRENCY_PREFIXES.items() if len(s) == 1}}
CURRENCY_PREFIXES.update({s: c for s, c in CURRENCY_SIGNS.items() if s not in CURRENCY_PREFIXES})


def trie_regex(words: list[str]) -> str:
    """One regex for many literal words, factored by shared prefixes so the regex engine
    rejects a non-matching position after comparing a single character (an alternation of
    hundreds of CLDR names would try each in turn)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


def _alternation(words: list[str], plural: bool) -> str:
    """Longest first (a word before its prefix: "square mile" before "mile"), then
    alphabetical, so the pattern does not depend on the order the table is written in."""
    parts = []
    for word in sorted(words, key=lambda w: (-len(w), w)):
        body = re.escape(word).replace(r"\ ", r"\s+")
        if plural and word[-1].isalpha():
            body += r"(?:e?s)?"
        parts.append(body)
    return "|".join(parts)


def _key(surface: str) -> str:
    """Normalise a matched unit surface to its table key: lower case, single spaces, singular."""
    key = " ".join(surface.lower().split())
    return key


def lookup(table: dict[str, str], surface: str) -> str | None:
    """Table value for a matched surface, trying the plural-stripped forms."""
    key = _key(surface)
    if key in table:
        return table[key]
    for cut in ("es", "s"):
        if key.endswith(cut) and key[: -len(cut)] in table:
            return table[key[: -len(cut)]]
    return None


CURRENCY_PREFIX_RE = trie_regex(list(CURRENCY_PREFIXES))
ISO_CODE_RE = trie_regex(sorted(ISO_CODES))
CURRENCY_SIGN_CHARS = "".join(sorted(CURRENCY_SIGNS))
MINOR_CURRENCY_RE = r"cents?|pence|penny"
PERCENT_RE = (r"%|percent(?:age)?[\s-]+points?|per\s?cent(?:age)?[\s-]+points?|"
              r"percent(?:age)?\b|per[\s-]cent\b|pct\b|(?-i:pc)\b|basis\s+points?\b|bps\b|bp\b")
DURATION_RE = _alternation(list(DURATION_WORDS), plural=True)
QUANTITY_WORD_RE = _alternation(list(QUANTITY_WORDS), plural=True)
QUANTITY_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(QUANTITY_SYMBOLS,
                                                             key=lambda s: (-len(s), s)))


# Up to three words after a number, for a currency-name lookup ("3,000 Malaysian ringgit",
# "5 Hong Kong dollars", "12 U.S. dollars"): one dict lookup per length instead of a regex
# over every CLDR name (which would take a fifth of a second to compile).
_WORDS_AFTER = re.compile(
    r"\s+(?P<of>of\s+)?(?P<w1>[A-Za-z](?:[A-Za-z'’]|\.(?=[A-Za-z]))*\.?)"
    r"(?:\s+(?P<w2>[A-Za-z](?:[A-Za-z'’]|\.(?=[A-Za-z]))*\.?))?"
    r"(?:\s+(?P<w3>[A-Za-z](?:[A-Za-z'’]|\.(?=[A-Za-z]))*\.?))?")


_CURRENCY_FIRST_WORDS = frozenset(key.split()[0].rstrip(".") for key in CURRENCY_WORDS)
_FIRST_WORD_AFTER = re.compile(r"\s+(?:of\s+)?([A-Za-z][A-Za-z.'’]*)")


def currency_word_after(text: str, pos: int, need_of: bool = False
                        ) -> tuple[str, str, int] | None:
    """(ISO code, the name as read, end offset) of a currency name right after `pos`, the
    longest of up to three words: "15 billion dollars", "500 South African rand", "of
    dollars" (with `need_of`)."""
    head = _FIRST_WORD_AFTER.match(text, pos)
    if head is None:
        return None
    first = head.group(1).lower().rstrip(".")
    if first not in _CURRENCY_FIRST_WORDS and first.rstrip("s") not in _CURRENCY_FIRST_WORDS and (
            first[:-2] not in _CURRENCY_FIRST_WORDS):
        return None  # most numbers are followed by an ordinary word: one set lookup
    m = _WORDS_AFTER.match(text, pos)
    if m is None or (need_of and not m.group("of")):
        return None
    words = [(m.group(g), m.end(g)) for g in ("w1", "w2", "w3") if m.group(g)]
    for n in range(len(words), 0, -1):
        key = " ".join(w for w, _ in words[:n]).lower()
        end = words[n - 1][1]
        code = lookup(CURRENCY_WORDS, key)
        if code is None and key.endswith("."):  # "... 40 rupees." at a sentence end
            key, end = key[:-1], end - 1
            code = lookup(CURRENCY_WORDS, key)
        if code:
            return code, key, end
    return None


def percent_unit(surface: str) -> str:
    """'per cent' -> percent, 'percentage points' -> percentage point, 'bps' -> basis point."""
    low = " ".join(surface.lower().replace("-", " ").split())
    if "point" in low:
        return "basis point" if "basis" in low else "percentage point"
    if low in ("bps", "bp"):
        return "basis point"
    return "percent"


# --- Measurement units beyond the project tables: pint's registry (names, symbols, SI
# prefixes, plurals). The project tables above are tried first and so decide where news and
# pint differ: "kt" is a kiloton in news (pint: knot), "point" a score, "mph" stays "mph".

_MICRO = str.maketrans({"μ": "µ"})  # Greek mu -> micro sign, as pint and the tables write it


@lru_cache(maxsize=1)
def _registry():
    """pint's default unit registry, built once on first use (about half a second)."""
    import pint

    return pint.UnitRegistry()


def _pint_symbol(prefix: str, name: str) -> str | None:
    if name in PINT_SYMBOL_OVERRIDES and not prefix:
        return PINT_SYMBOL_OVERRIDES[name]
    try:
        return str(_registry().get_symbol(prefix + name))
    except Exception:  # a name pint lists but cannot print
        return None


def _pint_reading(token: str, glued: bool, compound: bool = False) -> str | None:
    """The unit symbol of one written token read by pint, or None when it is not clearly a
    unit: symbols must be written exactly ("MPa", "µm", "hp"), names spelled out with any SI
    prefix spelled out too ("kilometres", "megapascals"), never a mix ("cds", "units")."""
    ureg = _registry()
    try:
        readings = ureg.parse_unit_name(token)
    except Exception:
        return None
    found = []
    for prefix, name, suffix in readings:
        symbol = _pint_symbol(prefix, name)
        if symbol is None:
            continue
        try:
            unit = ureg.Unit(prefix + name)
            if unit.dimensionless or unit.dimensionality == {"[time]": 1}:
                continue  # percent, ppm, dozen, years: the project tables say what they are
            base = str(ureg.get_symbol(name))
        except Exception:
            continue
        if prefix and base in BASES_NOT_PREFIXED:
            continue
        if not prefix and name in NEWS_NOUNS_NOT_UNITS:
            continue  # "are", "quarter", "fifth": pint gives them a symbol equal to the name
        if token == str(ureg.get_symbol(prefix + name)) or token == symbol:
            if len(token) == 1 and not compound and not (glued and token in GLUED_LETTER_SYMBOLS):
                continue
            if not glued and token in SYMBOLS_THAT_ARE_WORDS:
                continue
            found.append((prefix != "", symbol))
        elif token.islower() and token.startswith(prefix) and (
                len(token) - len(prefix) - len(suffix) >= 4) and name not in NEWS_NOUNS_NOT_UNITS:
            found.append((prefix != "", symbol))
    if not found:
        return None
    return sorted(found)[0][1]  # "ct": carat before centi-tonne, the unprefixed reading


@lru_cache(maxsize=65536)
def pint_unit(token: str, glued: bool = False) -> str | None:
    """Unit symbol for a token written right after a number, from pint's registry:
    "MPa" -> MPa, "μm" -> µm, "hp" -> hp, "megawatts" -> MW, "HZ" -> Hz, "km/hr" -> km/h;
    None for ordinary words ("people", "units", "links"). Cached: news repeats its units."""
    token = token.translate(_MICRO)
    if token in TIME_ZONES:
        return None
    if "/" in token:
        top, _, bottom = token.partition("/")
        # "m/s", "km/hr": a one-letter symbol is safe inside a compound
        num = _pint_reading(top, True, compound=True)
        den = time_symbol(bottom) or _pint_reading(bottom, True, compound=True)
        return f"{num}/{den}" if num and den else None
    reading = _pint_reading(token, glued)
    if reading is None and token.isupper() and 2 <= len(token) <= 4:
        # "49.5 HZ", "100 KM": capitals written for a mixed-case symbol, when only one
        # mixed-case spelling is a unit ("MM" could be mm or Mm: left alone).
        variants = {_pint_reading(v, glued) for v in _case_variants(token)} - {None}
        reading = variants.pop() if len(variants) == 1 else None
    return reading


def _case_variants(token: str) -> list[str]:
    out = [""]
    for ch in token:
        out = [v + c for v in out for c in {ch.lower(), ch.upper()}]
    return sorted(set(out) - {token})


def time_symbol(word: str) -> str | None:
    """'hr' -> h, 'hour' -> h, 's' -> s, 'month' -> month: the time side of a rate."""
    if word in ("h", "s", "min", "d"):
        return word
    unit = lookup(DURATION_WORDS, word)
    return TIME_SYMBOLS.get(unit) if unit else None


# --- Rates: "$52 a barrel", "35 miles per gallon", "5% a year", "$15.4/hour", "20 points per
# game". The unit becomes "<unit>/<per>": USD/bbl, mi/gal, percent/year, USD/hour,
# point/game; for quantities time is a symbol (km/h, m/s).


def rate_denominator(word: str, kind: str, after_per: bool) -> str | None:
    """Normalised "per" side of a rate, or None when `word` is not one: a duration
    ("month" -> month, or h/s for quantities), a unit ("gallon" -> gal, "barrel" -> bbl),
    a rate noun after "a" ("share"), or after "per" any plain noun ("game", "capita")."""
    low = word.lower()
    duration = lookup(DURATION_WORDS, "year" if low == "annum" else low)  # "per annum"
    if duration:
        return TIME_SYMBOLS[duration] if kind == "quantity" else duration
    unit = lookup(QUANTITY_WORDS, low) or QUANTITY_SYMBOLS.get(word) or pint_unit(word)
    if unit and "/" not in unit:
        return unit
    singular = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    if singular in RATE_NOUNS or (after_per and word.isalpha() and (
            word.islower() or word.isupper() or word[0].islower())):
        return singular if word.islower() else word
    return None
