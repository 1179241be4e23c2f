"""Numbers as English news writes them: digits, number words, scale suffixes, vague amounts.

Kept apart from figure classification so the same reading of "1.5 million", "twenty-one",
"3bn" or "tens of thousands" serves every kind of figure (money, counts, durations...).
"""

from __future__ import annotations

import re

from pipeline.core.figures.lexicon import (
    SCALE_WORDS,
    SUFFIX_SCALES,
    TEN_WORDS,
    UNIT_WORDS,
    VAGUE_WORDS,
)

_UNITS_RE = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_TENS_RE = "|".join(TEN_WORDS)
_ONE_TO_NINE = "|".join(w for w, n in UNIT_WORDS.items() if 1 <= n <= 9)
_SCALES_RE = "|".join(SCALE_WORDS)  # hundred|thousand|million|billion|trillion
_BIG_SCALES_RE = "|".join(w for w, n in SCALE_WORDS.items() if n >= 1e3)
_ATOM = rf"(?:(?:{_TENS_RE})(?:[- ](?:{_ONE_TO_NINE})\b)?|{_UNITS_RE})"

# Digits: "1,000", "1.5", ".5"; never part of a longer token ("192.168.1.2", "1.000,5").
DIGITS = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u202f\u00a0 ]\d{3}(?![\d,]))+(?:\.\d+)?"
          r"|\d+(?:\.\d+)?|\.\d+)")
# Number words: "five", "twenty-one", "two hundred and six thousand", "a dozen", "a million".
# "and" joins only after a scale word ("one hundred and three"), never two plain numbers.
_AFTER_SCALE = "".join(rf"(?<={w})" if i == 0 else rf"|(?<={w})"
                       for i, w in enumerate(SCALE_WORDS))
_JOIN = rf"(?:(?:{_AFTER_SCALE})\s+and\s+|\s+|-)"
# "five point five", "one point two billion": decimals, then a scale word may follow.
_DECIMAL_WORDS = (rf"(?:\s+point(?:\s+(?:{_ONE_TO_NINE}|zero|nought|oh))+\b"
                  rf"(?:\s+(?:{_BIG_SCALES_RE})\b)?)?")
WORD_NUMBER = (
    rf"(?:(?:{_ATOM})(?:(?:\s+|-)(?:{_SCALES_RE}|dozen)\b)*"
    rf"(?:{_JOIN}(?:{_ATOM})(?:(?:\s+|-)(?:{_SCALES_RE})\b)*)*{_DECIMAL_WORDS}"
    rf"|\ba\s+(?:{_SCALES_RE}|dozen)\b(?:\s+(?:{_SCALES_RE})\b)*)"
    rf"(?:\s+and\s+a\s+half\b(?:\s+(?:million|billion|trillion)\b)?)?"
)
VAGUE = (
    r"(?:(?:tens|hundreds|dozens|scores)\s+of\s+(?:thousands|millions|billions|trillions)"
    r"|(?:dozens|scores|hundreds|thousands|millions|billions|trillions))"
)

_WORD_TOKEN = re.compile(r"[a-z]+")


def parse_digits(surface: str) -> float:
    """'1,500.25' -> 1500.25."""
    return float(surface.replace(",", "").replace("\u202f", "").replace("\u00a0", "")
                 .replace(" ", ""))


def parse_word_number(surface: str) -> float | None:
    """'twenty-one' -> 21, 'two hundred and six thousand' -> 206000, 'a dozen' -> 12.

    Returns None when the words do not form a number ("and" alone, an empty string).
    """
    words = _WORD_TOKEN.findall(surface.lower())
    half = False
    half_scale = 1.0
    if len(words) >= 4 and words[-4:-1] == ["and", "a", "half"] and words[-1] in SCALE_WORDS:
        half_scale = SCALE_WORDS[words[-1]]  # "two and a half million"
        words, half = words[:-4], True
    elif words[-3:] == ["and", "a", "half"]:
        words, half = words[:-3], True
    total = 0.0
    current = 0.0
    seen = False
    decimals = ""
    decimal_scale = 1.0
    if "point" in words:
        cut = words.index("point")
        digit_words = {**UNIT_WORDS, "nought": 0, "oh": 0}
        tail = words[cut + 1:]
        while tail and tail[-1] in SCALE_WORDS:  # "one point two billion"
            decimal_scale *= SCALE_WORDS[tail.pop()]
        decimals = "".join(str(digit_words[w]) for w in tail if w in digit_words)
        words = words[:cut]
    for word in words:
        if word in ("and", "a"):
            if word == "a":
                current = max(current, 1)
            continue
        if word in UNIT_WORDS:
            current += UNIT_WORDS[word]
        elif word in TEN_WORDS:
            current += TEN_WORDS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[word]
            current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    if decimals:
        value += float(f"0.{decimals}")
    value *= decimal_scale
    if half and half_scale > 1:
        value = (value + 0.5) * half_scale
    elif half:
        # "two and a half"; "a million and a half" is half of its last scale word
        last_scale = max((SCALE_WORDS[w] for w in words[-1:] if w in SCALE_WORDS), default=1.0)
        value += 0.5 * last_scale
    return value


def parse_vague(surface: str) -> float:
    """'tens of thousands' -> 10000, 'hundreds of billions' -> 1e11, 'dozens' -> 12."""
    words = [w for w in _WORD_TOKEN.findall(surface.lower()) if w != "of"]
    value = 1.0
    for word in words:
        value *= VAGUE_WORDS.get(word, 1.0)
    return value


def suffix_scale(word: str | None) -> float:
    """Multiplier of a scale written after digits ('bn' -> 1e9); 1 when there is none."""
    if not word:
        return 1.0
    return SUFFIX_SCALES.get(" ".join(word.lower().rstrip(".").split()), 1.0)
