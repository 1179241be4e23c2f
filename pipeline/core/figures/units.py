"""What a number is counted in: currencies, percent, durations and measurement units.

Each table maps the ways news writes a unit to one normalised name, so "per cent", "pct" and
"%" all become "percent", "US$" and "dollars" become USD, "kilometres" and "km" become km.
"""

from __future__ import annotations

import re

# Currency written before the amount: "$15 billion", "US$2.5m", "Rs 40 crore", "EUR 3m".
CURRENCY_PREFIXES: dict[str, str] = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "USD": "USD", "A$": "AUD", "AU$": "AUD",
    "AUD": "AUD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD",
    "HK$": "HKD", "HKD": "HKD", "S$": "SGD", "SGD": "SGD", "R$": "BRL", "BRL": "BRL",
    "MX$": "MXN", "MXN": "MXN", "NT$": "TWD", "TWD": "TWD", "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP", "¥": "JPY", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY",
    "₹": "INR", "Rs": "INR", "Rs.": "INR", "INR": "INR", "₩": "KRW", "KRW": "KRW",
    "₽": "RUB", "RUB": "RUB", "CHF": "CHF", "₺": "TRY", "₦": "NGN", "NGN": "NGN",
    "₱": "PHP", "₪": "ILS", "ZAR": "ZAR", "KES": "KES", "Ksh": "KES", "PKR": "PKR",
}
# Currency written after the amount: "15 billion dollars", "40 crore rupees", "500 euros".
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "canadian dollar": "CAD", "australian dollar": "AUD", "new zealand dollar": "NZD",
    "hong kong dollar": "HKD", "singapore dollar": "SGD", "taiwan dollar": "TWD",
    "euro": "EUR", "pound sterling": "GBP", "sterling": "GBP", "british pound": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "rupee": "INR",
    "indian rupee": "INR", "pakistani rupee": "PKR", "won": "KRW", "peso": "MXN",
    "mexican peso": "MXN", "philippine peso": "PHP", "ruble": "RUB", "rouble": "RUB",
    "swiss franc": "CHF", "franc": "CHF", "lira": "TRY", "rand": "ZAR", "naira": "NGN",
    "shilling": "KES", "riyal": "SAR", "dirham": "AED", "ringgit": "MYR", "baht": "THB",
    "shekel": "ILS", "rupiah": "IDR", "real": "BRL", "reais": "BRL", "zloty": "PLN",
    "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "hryvnia": "UAH",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY", "inr": "INR",
}
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
    "mmHg": "mmHg", "L": "l", "km3": "km3", "km³": "km3",
}
# Symbols that must touch the number ("40C", "100g", "5m"), else they read as letters.
TOUCHING_SYMBOLS: dict[str, str] = {"C": "°C", "F": "°F", "g": "g", "m": "m", "t": "t"}


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


CURRENCY_PREFIX_RE = _alternation(list(CURRENCY_PREFIXES), plural=False)
CURRENCY_WORD_RE = _alternation(list(CURRENCY_WORDS), plural=True)
MINOR_CURRENCY_RE = r"cents?|pence|penny"
PERCENT_RE = (r"%|percent(?:age)?[\s-]+points?|per\s?cent(?:age)?[\s-]+points?|"
              r"percent(?:age)?\b|per[\s-]cent\b|pct\b|(?-i:pc)\b|basis\s+points?\b|bps\b|bp\b")
DURATION_RE = _alternation(list(DURATION_WORDS), plural=True)
QUANTITY_WORD_RE = _alternation(list(QUANTITY_WORDS), plural=True)
QUANTITY_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(QUANTITY_SYMBOLS, key=len,
                                                             reverse=True))


def percent_unit(surface: str) -> str:
    """'per cent' -> percent, 'percentage points' -> percentage point, 'bps' -> basis point."""
    low = " ".join(surface.lower().replace("-", " ").split())
    if "point" in low:
        return "basis point" if "basis" in low else "percentage point"
    if low in ("bps", "bp"):
        return "basis point"
    return "percent"
