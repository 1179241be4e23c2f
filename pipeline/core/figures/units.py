"""What a number is counted in: currencies, percent, durations and measurement units.

Each table maps the ways news writes a unit to one normalised name, so "per cent", "pct" and
"%" all become "percent", "US$" and "dollars" become USD, "kilometres" and "km" become km.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- Currencies: CLDR (via babel) for every current ISO 4217 code, symbol and English name,
# with the project's table deciding where news usage and CLDR differ or CLDR is ambiguous.

# The project's currency prefixes: a bare "$" is USD, "£" GBP; prefixed dollars news uses
# that CLDR's English locales do not list ("S$", "AU$", "C$"); "Rs" (CLDR: PKR, MUR, SCR)
# is INR in the Indian press that writes it most.
PROJECT_CURRENCY_PREFIXES: dict[str, str] = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "MX$": "MXN",
    "NT$": "TWD", "€": "EUR", "£": "GBP", "¥": "JPY", "RMB": "CNY", "₹": "INR", "Rs": "INR",
    "Rs.": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₦": "NGN", "₱": "PHP", "₪": "ILS",
    "Ksh": "KES", "RM": "MYR",
}
# The project's currency words: the bare noun of several currencies means the one news
# writes most ("dollars" USD, "pesos" MXN); a few names CLDR lacks or spells otherwise.
PROJECT_CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "taiwan dollar": "TWD", "euro": "EUR", "pound sterling": "GBP", "sterling": "GBP",
    "british pound": "GBP", "renminbi": "CNY", "rmb": "CNY", "rupee": "INR",
    "won": "KRW", "peso": "MXN", "ruble": "RUB", "rouble": "RUB", "franc": "CHF",
    "lira": "TRY", "shilling": "KES", "riyal": "SAR", "dirham": "AED", "real": "BRL",
    "reais": "BRL", "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK",
}
# ISO codes that are English words or well-known names written in capitals ("TOP 10",
# "ALL 3 members", "AMD 7000 chips", "CVE 2024-1234"): not read as currencies.
CODES_NOT_CURRENCIES = frozenset(["ALL", "AMD", "BAM", "BOB", "CUP", "CVE", "DOP", "ERN", "GEL",
                                  "HUF", "MAD", "MOP", "NIO", "PEN", "SOS", "TOP", "TRY"])
# CLDR symbols that are a single letter ("R" rand, "K" kina, "P" pula) read as model
# numbers and grades ("R2", "K9", "P5"): only symbols of two or more characters are used.
_MIN_SYMBOL_CHARS = 2
# Bare currency nouns that are also ordinary English words ("the 100 mark", "5 sol"):
# currency only with a scale word ("3 billion won"), like "won" and "real".
CURRENCY_WORDS_NEED_SCALE = frozenset(["won", "real", "reais", "mark", "marks", "sol", "soles",
                                       "kip", "dram", "drams", "rand"])
_NOT_CURRENCY_NOUNS = frozenset(["currency", "code", "value", "units", "unit", "funds",
                                 "rights", "gold", "silver", "platinum", "palladium"])


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
            if noun.isalpha() and noun not in _NOT_CURRENCY_NOUNS:
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
# Hundredths: "50 cents" is USD 0.50.
MINOR_CURRENCY: dict[str, str] = {"cent": "USD", "pence": "GBP", "penny": "GBP"}

PERCENT_WORDS: dict[str, str] = {
    "%": "percent", "percent": "percent", "per cent": "percent", "per-cent": "percent",
    "pct": "percent", "percentage": "percent", "percentage point": "percentage point",
    "percentage-point": "percentage point", "basis point": "basis point", "bps": "basis point",
    "bp": "basis point",
}

DURATION_WORDS: dict[str, str] = {
    "second": "second", "sec": "second", "minute": "minute", "min": "minute", "hour": "hour",
    "hr": "hour", "day": "day", "night": "day", "week": "week", "wk": "week",
    "fortnight": "week", "month": "month", "year": "year", "yr": "year", "decade": "decade",
    "century": "century", "centurie": "century",
}
DURATION_SCALE: dict[str, float] = {"fortnight": 2.0}

# Units whose written name is unambiguous; matched case-insensitively, plural or not.
QUANTITY_WORDS: dict[str, str] = {
    "kilometre": "km", "kilometer": "km", "metre": "m", "meter": "m", "centimetre": "cm",
    "centimeter": "cm", "millimetre": "mm", "millimeter": "mm", "mile": "mi",
    "nautical mile": "nmi", "foot": "ft", "feet": "ft", "inch": "in", "inche": "in",
    "yard": "yd", "square kilometre": "km2", "square kilometer": "km2", "sq km": "km2",
    "square mile": "mi2", "sq mi": "mi2", "square metre": "m2", "square meter": "m2",
    "square foot": "ft2", "square feet": "ft2", "hectare": "ha", "acre": "acre",
    "kilogram": "kg", "kilogramme": "kg", "kilo": "kg", "gram": "g", "gramme": "g",
    "milligram": "mg", "microgram": "µg", "tonne": "t", "metric ton": "t", "ton": "t",
    "pound": "lb", "ounce": "oz", "litre": "l", "liter": "l", "millilitre": "ml",
    "milliliter": "ml", "gallon": "gal", "barrels per day": "bbl/d", "barrels a day": "bbl/d",
    "barrel": "bbl", "cubic metre": "m3", "cubic meter": "m3", "cubic feet": "ft3",
    "cubic foot": "ft3", "cubic kilometre": "km3", "cubic kilometer": "km3",
    "cubic centimetre": "cm3", "cubic centimeter": "cm3", "centilitre": "cl", "centiliter": "cl",
    "watt": "W", "kilowatt": "kW", "megawatt": "MW", "gigawatt": "GW",
    "kilowatt-hour": "kWh", "kilowatt hour": "kWh", "megawatt-hour": "MWh",
    "megawatt hour": "MWh", "gigawatt-hour": "GWh", "gigawatt hour": "GWh",
    "terawatt-hour": "TWh", "terawatt hour": "TWh", "degrees celsius": "°C",
    "degree celsius": "°C", "degrees centigrade": "°C", "degrees fahrenheit": "°F",
    "degree fahrenheit": "°F", "celsius": "°C", "fahrenheit": "°F", "degrees c": "°C",
    "degrees f": "°F", "deg celsius": "°C", "deg c": "°C", "deg fahrenheit": "°F", "deg f": "°F",
    "degree": "degree", "miles per hour": "mph", "mph": "mph",
    "kilometres per hour": "km/h", "kilometers per hour": "km/h", "knot": "kn",
    "gigabyte": "GB", "terabyte": "TB", "megabyte": "MB", "kilobyte": "kB", "petabyte": "PB",
    "exabyte": "EB", "calorie": "kcal", "kilocalorie": "kcal", "megaton": "Mt",
    "kiloton": "kt", "volt": "V", "kilovolt": "kV", "point": "point",
    "miles an hour": "mph", "kilometres an hour": "km/h", "kilometers an hour": "km/h",
    "nanometre": "nm", "nanometer": "nm", "micrometre": "µm", "micrometer": "µm", "micron": "µm",
    "decimetre": "dm", "decimeter": "dm", "electronvolt": "eV", "watt-hour": "Wh",
    "watt hour": "Wh", "hertz": "Hz", "megahertz": "MHz", "gigahertz": "GHz", "kelvin": "K",
    "joule": "J", "decibel": "dB", "deg": "degree",
}
# Symbols, matched case-sensitively: "50 km", "40C", "1,500 MW", "3.2t" is not attempted.
QUANTITY_SYMBOLS: dict[str, str] = {
    "km": "km", "cm": "cm", "mm": "mm", "mi": "mi", "ft": "ft", "kg": "kg", "mg": "mg",
    "lb": "lb", "lbs": "lb", "oz": "oz", "ml": "ml", "gal": "gal", "bbl": "bbl", "bpd": "bbl/d",
    "kW": "kW", "MW": "MW", "GW": "GW", "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "TWh": "TWh",
    "ha": "ha", "km2": "km2", "km²": "km2", "m2": "m2", "m²": "m2", "sq ft": "ft2",
    "°C": "°C", "°F": "°F", "ºC": "°C", "ºF": "°F", "° C": "°C", "° F": "°F", "°": "degree",
    "km/h": "km/h", "kph": "km/h", "kmh": "km/h", "GB": "GB", "TB": "TB", "MB": "MB",
    "PB": "PB", "ppm": "ppm", "eV": "eV", "Wh": "Wh", "Hz": "Hz", "MHz": "MHz",
    "GHz": "GHz", "nm": "nm", "µm": "µm", "dB": "dB", "dm": "dm", "Mt": "Mt", "kt": "kt",
    "mmHg": "mmHg", "L": "l", "km3": "km3", "km³": "km3", "mpg": "mpg",
}
# Symbols that must touch the number ("40C", "100g", "5m"), else they read as letters.
TOUCHING_SYMBOLS: dict[str, str] = {"C": "°C", "F": "°F", "g": "g", "m": "m", "t": "t"}


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
    parts = []
    for word in sorted(words, key=len, reverse=True):
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
# "180p" is 1.80 GBP, but these glued to a "p" are video modes ("1080p", "720p").
VIDEO_LINE_COUNTS = frozenset([144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0,
                               4320.0])
PERCENT_RE = (r"%|percent(?:age)?[\s-]+points?|per\s?cent(?:age)?[\s-]+points?|"
              r"percent(?:age)?\b|per[\s-]cent\b|pct\b|(?-i:pc)\b|basis\s+points?\b|bps\b|bp\b")
DURATION_RE = _alternation(list(DURATION_WORDS), plural=True)
QUANTITY_WORD_RE = _alternation(list(QUANTITY_WORDS), plural=True)
QUANTITY_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(QUANTITY_SYMBOLS, key=len,
                                                             reverse=True))


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


def _word_set(words: str) -> frozenset[str]:
    """A frozen set from a whitespace-separated word list (easier to read and edit)."""
    return frozenset(words.split())


# --- Measurement units beyond the project tables: pint's registry (names, symbols, SI
# prefixes, plurals). The project tables above are tried first and so decide where news and
# pint differ: "kt" is a kiloton in news (pint: knot), "point" a score, "mph" stays "mph".

# pint unit names that are ordinary nouns after a number in news ("3 links", "5 bars",
# "2 turns", "10 counts", "4 shots", "6 hands"): never read as units when written out.
NEWS_NOUNS_NOT_UNITS = _word_set("""
aberdeen alpha are bag bar barn bit buckingham candle chain circle count cup cycle dalton
darcy debye dot eon faraday fifth franklin galileo gamma gilbert gill grade grain gravity hand
henry jute kip lambda lambert league link maxwell mil minim molecule nit octave octet particle
peck pel pica point pole pond quarter revolution rod scruple section shake shot sigma slug
strain thou turn zeta percent degree dozen gross score square mark atom unit quad sheet ream
rad rem ton perch cord drop pinch dash
""")
# Short symbols that are also English words or abbreviations ("10 in", "5 at", "3 am"),
# never units when written with a space.
SYMBOLS_THAT_ARE_WORDS = frozenset([
    "in", "at", "am", "as", "a", "an", "to", "pm", "h", "s", "d", "g", "m", "t", "l", "B",
    "T", "A", "C", "F", "K", "M", "G", "P", "R", "S", "u", "b", "c", "x", "min", "rad", "cd",
    "mol", "Da", "St", "Gal", "dr", "pt", "Mx", "P", "Pa", "da", "ha",
])
# Base symbols that never take an SI prefix in news: "mat" is not a milli-atmosphere, "MM"
# (million in finance) not a megamolar, "kM" not a kilomolar.
BASES_NOT_PREFIXED = frozenset(["at", "a", "M", "in", "cd", "St", "Da", "pt", "ct", "dr",
                                "P", "Gal", "u", "x", "R", "S", "B", "b"])
# Time zones after a number are times of day ("6 PT", "9 ET"), not units (pint: "Pt").
TIME_ZONES = _word_set("""
UTC GMT BST CET CEST EET EEST WET WEST PT PST PDT MT MST MDT CT CST CDT ET EST EDT AKST AKDT
HST AEST AEDT ACST AWST NZST NZDT IST JST KST HKT SGT MSK
""")
# One-letter symbols accepted when glued to the number ("5W", "10V", "30N"); other letters
# glued to a number are grades, models or positions ("5G", "4K", "1B", "2A").
GLUED_LETTER_SYMBOLS = frozenset(["W", "V", "J", "N"])
# How the project writes some pint units (the rest keep pint's abbreviated symbol).
PINT_SYMBOL_OVERRIDES: dict[str, str] = {
    "kilometer_per_hour": "km/h", "liter": "l", "knot": "kn", "revolutions_per_minute": "rpm",
}
# Abbreviations of time in compound units ("km/hr", "km/h", "m/s") -> symbol.
TIME_SYMBOLS: dict[str, str] = {
    "second": "s", "minute": "min", "hour": "h", "day": "d", "week": "week", "month": "month",
    "year": "year", "decade": "decade", "century": "century",
}
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

# Nouns a price or amount is quoted per after "a"/"an" ("$5 a share", "$30 a head"); after
# "per" any noun is taken ("per game", "per capita", "per mmBTU").
RATE_NOUNS = frozenset(["share", "head", "person", "night", "ticket", "piece", "game", "dose",
                        "seat", "unit", "pack", "bottle", "meal", "visit", "trip", "ride",
                        "vote", "student", "household", "worker", "employee", "patient"])
# Project unit abbreviations that are rates already.
RATE_UNITS: dict[str, str] = {"mpg": "mi/gal", "kph": "km/h", "kmph": "km/h", "mph": "mph",
                              "bpd": "bbl/d"}


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
