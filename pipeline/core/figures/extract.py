"""Figure extraction: numbers a reader would cite, normalised, qualified and tied to a measure.

One pass of one regex over the whole text finds candidate spans (dates, excluded look-alikes
such as times and phone numbers, currency amounts, number words, vague amounts, digits); each
candidate is then classified by the words right after it (percent, currency, duration, unit,
noun) and given its qualifier and measured noun phrase from the words around it. Finally
"from X to Y", "to Y from X" and "by X" after a change verb become linked change pairs, and
"18 to 25 percent" one range (pairs.py). The rows are figures/model.py's `Figure`.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from pipeline.core.figures import lexicon, units
from pipeline.core.figures.context import (
    comparative_after,
    dimension_after,
    is_service_number,
    measure_before,
    noun_phrase_after,
    of_phrase_after,
    participle_phrase_after,
    plural_head_across_modifiers,
    qualifier_before,
)
from pipeline.core.figures.dates import (
    DATE_DIGIT_PATTERN,
    DATE_WORD_PATTERN,
    MONTH,
    ago,
    parse_published,
    resolve_date,
)
from pipeline.core.figures.lexicon import (
    ARTICLE_DURATION_UNITS,
    ARTICLE_NUMBER_WORDS,
    DEFINITE_WORDS,
    FRACTION_DENOMINATORS,
    FRACTION_UNITS,
    FRACTION_WORDS,
    HYPHEN_PREFIXES,
    LABEL_WORDS,
    LINK_STARTS,
    METRE_CONTEXT_WORDS,
    MONTH_PART_OF_WORDS,
    MONTH_PART_WORDS,
    MONTHS,
    NOT_A_COUNT_AFTER_ONE,
    RELATIVE_DAYS,
    RELATIVE_WORDS,
    TEN_WORDS,
    TRIGGER_EXTRA_WORDS,
    UNICODE_FRACTIONS,
    UNIT_WORDS,
    VAGUE_WORDS,
    WEEKDAYS,
    YEAR_CUE_WORDS,
)
from pipeline.core.figures.model import CANDIDATE_FIGURE_FIELDS, Candidate, Figure
from pipeline.core.figures.numbers import (
    DIGITS,
    VAGUE,
    WORD_NUMBER,
    parse_digits,
    parse_vague,
    parse_word_number,
    suffix_scale,
)
from pipeline.core.figures.pairs import (
    BETWEEN_BEFORE,
    RANGE_AHEAD,
    link_changes,
    merge_ranges,
    propagate_ranges,
    share_measured,
)
from pipeline.core.figures.unit_after import (
    DURATION_AFTER,
    QUANTITY_WORD_AFTER,
    RATE_AFTER,
    unit_after,
)
from pipeline.core.text.lexicon import TITLE_SMALL_WORDS
from pipeline.core.text.patterns import one_of
from pipeline.core.text.spans import sentence_spans

log = logging.getLogger(__name__)

# 7: sentences split with the shared abbreviations (text/lexicon.py: "Maj.", "Det.", "Fr.",
# "Adm.", "Messrs." end no sentence, as in quotes); quoted titles read with the shared small words
# (text/lexicon.TITLE_SMALL_WORDS: "as", "is", "de", "per", "via"... added); one list of the
# words between a change cue and its number (lexicon.CHANGE_LEAD_WORDS: "by under 2%" is a change)
FIGURES_VERSION = "7"


_SCALE_WORD = (r"(?:(?:lakh|thousand)\s+crores?|hundred|thousand|million|billion|trillion|crores?|"
               r"lakhs?)\b")
_SCALE_ABBR = r"(?:mn|mln|bn|bln|tn|trn|Bn|BN|MN|k|K|m|M|b|B)(?![A-Za-z\d])"
_SCALE = rf"(?:\s?{_SCALE_WORD}|{_SCALE_ABBR}|\s(?:mn|mln|bn|bln|tn)\b)"
_FRACTION_CHARS = "".join(UNICODE_FRACTIONS)

# Look-alikes that are not figures, all starting with a digit: times, phone numbers,
# ordinals, versions, decades, street addresses.
_SKIP_DIGIT = (
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\b\.?)?"  # 10:30, 3:15 p.m.
    r"|\d{1,2}(?:\.\d{2})?\s?(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b)"  # 3 p.m., 11pm
    r"|\d{1,2}\s+o['’]clock\b"
    r"|\d{3}[-.]\d{3}[-.]\d{4}\b"
    r"|\d+(?:st|nd|rd|th)\b"  # ordinals: 21st century, 2nd round
    r"|\d+(?:\.\d+){2,}\b"  # versions, IP addresses
    r"|(?:1[5-9]|20)\d0s\b"  # decades
    r"|\d+[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|"
    r"Lane|Ln|Drive|Dr|Way|Place|Pl|Court|Ct|Terrace|Square|Parkway|Pkwy|Highway)\b"
)
_SKIP_SYMBOL = r"\+\d[\d\s().-]{7,}\d|\(\d{3}\)\s?\d{3}[-.\s]\d{4}\b|#\s?\d+|['’]\d0s\b"
_SKIP_WORD = r"https?://\S+|www\.\S+"
_LABEL_BEFORE = re.compile(r"\b(?P<w>[A-Za-z]+)\.?\s$")

_DIGIT_START = (
    rf"(?P<dated>{DATE_DIGIT_PATTERN})"
    rf"|(?P<skipd>{_SKIP_DIGIT})"
    rf"|(?P<fy>(?:19|20)\d\d)[-–/](?:\d\d)\b(?![-–/\d])"
)
_WORD_START = (
    rf"(?P<datew>{DATE_WORD_PATTERN})"
    rf"|(?P<skipw>{_SKIP_WORD})"
    rf"|(?P<digitclass>(?i:(?:single|double|triple|quadruple)[- ]digit)\b)"
    rf"|(?P<vague>(?i:{VAGUE})(?=\s+of\b))"
    rf"|(?P<halfa>(?i:half\s+a\s+(?:million|billion|trillion|dozen))\b)"
    rf"|(?P<frac>(?i:(?:(?:one|two|three|four|a)[\s-](?:half|thirds?|quarters?|fifths?|"
    rf"tenths?)|half))\b(?=\s+(?:of|a|an)\b))"
    rf"|(?P<words>(?i:{WORD_NUMBER})\b)(?P<wscale>\s(?:mn|bn)\b)?"
)
_MONEY = (
    rf"(?P<money>(?<![A-Za-z0-9])(?P<mneg>(?<![\w\-–])[-−])?(?P<cur>{units.CURRENCY_PREFIX_RE})"
    rf"\s?(?P<mneg2>[-−])?(?P<mnum>{DIGITS})(?![\d,.]\d)(?P<mscale>{_SCALE})?)"
)
_DIGITS = (
    rf"(?P<digits>(?P<dneg>(?<![\w.,-])[-−])?(?<![\w.,/$€£¥])(?P<dnum>{DIGITS})"
    rf"(?:\s?(?P<dfrac>[{_FRACTION_CHARS}])|\s(?P<mixed>[1-9]/(?:2|3|4|8|16))(?![\d/])"
    rf"|(?P<dslash>/\d{{1,3}})(?![\d/]))?"
    rf"(?![\d,.]\d)(?P<dscale>{_SCALE}(?!\s*[-–]\s*\d))?)"
)
# The full candidate grammar, tried only where _TRIGGER says a candidate may start.
_MASTER = re.compile(
    rf"(?<![\w])(?=\d)(?:{_DIGIT_START})"
    rf"|(?<![\w])(?=[A-Za-z])(?:{_WORD_START})"
    rf"|{_MONEY}"
    rf"|{_DIGITS}"
    rf"|(?=[+(#'’])(?P<skips>{_SKIP_SYMBOL})"
    rf"|(?P<ufrac>[{_FRACTION_CHARS}])"
)

_TOP_NAMES = ("dated", "skipd", "fy", "datew", "skipw", "digitclass", "vague", "halfa", "frac",
              "words", "money", "digits", "skips", "ufrac")


def _top_groups() -> dict[int, str]:
    """Group index -> the top-level alternative of _MASTER it belongs to ("wscale" -> words).
    A match's `lastindex` (the last group closed) then names the alternative that matched in
    one lookup instead of testing a dozen groups in turn."""
    tops = sorted((_MASTER.groupindex[name], name) for name in _TOP_NAMES)
    owner: dict[int, str] = {}
    for i in range(1, _MASTER.groups + 1):
        owner[i] = next(name for index, name in reversed(tops) if index <= i)
    return owner


_TOP = _top_groups()
_SKIP_TOPS = frozenset(["skipd", "skipw", "skips"])


def _both_cases(words: list[str]) -> list[str]:
    return sorted({w for word in words for w in (word, word[0].upper() + word[1:])})


_TRIGGER_WORDS = _both_cases(
    list(UNIT_WORDS) + list(TEN_WORDS) + list(VAGUE_WORDS)
    + [*TRIGGER_EXTRA_WORDS, *RELATIVE_DAYS, *RELATIVE_WORDS, *MONTH_PART_WORDS,
       *MONTH_PART_OF_WORDS, *LINK_STARTS]
) + [m.capitalize() for m in MONTHS] + [d.capitalize() for d in WEEKDAYS] + [
    c for c in units.CURRENCY_PREFIXES if c[0].isalpha()]
# Where a candidate may start: a digit run, a currency or fraction sign, or a trigger word.
# Two scans, each cheap for the regex engine on its own (combined they are several times
# slower): symbols and digits, then trigger words as one prefix-factored alternation. The
# symbol scan starts with one character class, so a search jumps between possible first
# characters at C speed (about 3x faster than "\d+|[$€...]|[-.+(](?=\d)|..."); a lookbehind
# then says which kind of first character it was, giving the same matches.
_SIGN_CHARS = f"{re.escape(units.CURRENCY_SIGN_CHARS)}#{_FRACTION_CHARS}"
_TRIGGER_SYMBOL = re.compile(
    rf"[\d{_SIGN_CHARS}\-−.+('’]"
    rf"(?:(?<=\d)\d*|(?<=[{_SIGN_CHARS}])|(?<=[-−.+(])(?=\d)|(?<=[-−])(?=[$€£¥])"
    r"|(?<=['’])(?=\d0s))"
)
_ARTICLE_NUMBERS = _both_cases([f"a {w}" for w in ARTICLE_NUMBER_WORDS])
_TRIGGER_WORD_RE = rf"(?:{units.trie_regex(_TRIGGER_WORDS + _ARTICLE_NUMBERS)})(?![a-z])"
_TRIGGER_WORD = re.compile(rf"\b{_TRIGGER_WORD_RE}")
# The same words found from the non-word character before them (every trigger word starts
# with a letter, so "\b" before it is a non-word character before it, or the text start).
# A search starting with a character class skips along at C speed, where "\b" first makes
# the engine try every offset (about 20% faster on the news and dense corpora).
_TRIGGER_WORD_AFTER = re.compile(rf"\W(?=({_TRIGGER_WORD_RE}))")


def _candidate_starts(text: str) -> list[int]:
    """Sorted offsets where a figure may begin."""
    starts = [m.start() for m in _TRIGGER_SYMBOL.finditer(text)]
    words: list[int] = []
    last_end = 0
    first = _TRIGGER_WORD.match(text)
    if first:
        words.append(0)
        last_end = first.end()
    for m in _TRIGGER_WORD_AFTER.finditer(text):
        start, end = m.span(1)
        if start >= last_end:  # as _TRIGGER_WORD.finditer: no word inside the one before
            words.append(start)
            last_end = end
    if words:
        starts = sorted(starts + words)
    return starts


_SMALL = "|".join(w for w, n in UNIT_WORDS.items() if 1 <= n <= 10)  # one ... ten
# "one in three adults", "nine out of 10 voters": a share, reported as a percentage.
_RATIO = re.compile(
    rf"(?P<a>(?i:{_SMALL})|\d{{1,2}})\s+(?:in|out\s+of)\s+"
    rf"(?P<b>(?i:{_SMALL}|twenty|fifty|a\s+hundred|a\s+thousand)|\d{{1,3}}(?:,000)?)\b(?![,.]\d)"
    r"(?!\s+(?:hundred|thousand|million|billion)s?\b)"
)


_TITLE_QUOTE = re.compile(r"[“\"](?P<t>[^“”\"\n]{1,60})[”\"]")


def _title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted titles ("“60 Minutes”"): numbers inside are part of a name."""
    spans = []
    for m in _TITLE_QUOTE.finditer(text):
        words = m.group("t").split()
        if not words or len(words) > 8:
            continue
        if all(w[0].isupper() or w[0].isdigit() or w.lower() in TITLE_SMALL_WORDS
               for w in words) and any(ch.isdigit() for ch in m.group("t")) or (
                all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)
                and len(words) <= 6 and words[0][0].isupper()):
            spans.append((m.start("t"), m.end("t")))
    return spans


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 60)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _digits_value(m: re.Match[str]) -> float:
    value = parse_digits(m.group("dnum"))
    if m.group("dfrac"):
        value += UNICODE_FRACTIONS[m.group("dfrac")]
    if m.group("mixed"):
        a, b = m.group("mixed").split("/")
        value += int(a) / int(b)
    if m.group("dneg"):
        value = -value
    return value


_FRACTION_SPLIT = re.compile(r"[\s-]+")


def _fraction_value(surface: str) -> float:
    words = _FRACTION_SPLIT.split(surface.lower())
    denominator = FRACTION_WORDS[words[-1]]
    if len(words) == 1:
        return denominator
    numerator = 1.0 if words[0] == "a" else float(parse_word_number(words[0]) or 1)
    return numerator * denominator


# What `_classify` reads around a candidate.
_MONTH_DAY_AFTER = re.compile(rf",?\s+(?:the\s+)?(?:{MONTH}\s*\d|\d{{1,2}}(?:st|nd|rd|th)?"
                              rf"\s+(?:of\s+)?{MONTH}|\d{{1,2}}/\d)")
_A_DURATION_AFTER = re.compile(rf"\s+an?\s+{one_of(ARTICLE_DURATION_UNITS)}\b")
_PERCENTAGES_AFTER = re.compile(r"\s+percent(?:age)?s?\b|\s+per\s?cents?\b", re.IGNORECASE)
_METRE_CONTEXT = re.compile(rf"\s+{one_of(METRE_CONTEXT_WORDS)}\b")
# A capitalised number word inside a name: "at Three Rivers Hospital", "Seven Oaks School".
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z][a-z]+\b")
_TWO_CAPITALISED_AFTER = re.compile(r"\s+[A-Z][a-z]+\s+[A-Z][a-z]+\b")
_LETTERS_AT_END = re.compile(r"[A-Za-z]+$")
_FRACTION_FOLLOWER = re.compile(rf"\s+(?:of\b|[a-z])|-{one_of(FRACTION_UNITS)}")


def _classify(text: str, m: re.Match[str], s_start: int, ref) -> Candidate | None:
    """Turn one master-regex match into a candidate figure (or None for a non-figure)."""
    start, end = m.start(), m.end()
    before = text[max(s_start, start - 120):start]
    top = _TOP[m.lastindex]
    if top == "dated" or top == "datew":
        resolved = resolve_date(m, ref, before)
        if not resolved:
            return None
        kind, iso = resolved
        if m.group("wd") and _MONTH_DAY_AFTER.match(text, end):
            return None  # "Tuesday, March 7": the month-day that follows says it all
        a = start
        if m.group("wd") and not m.group("wdrel"):
            a = m.start("wdn")
        value = float(iso) if kind == "year" else None
        return Candidate(a, end, kind, value, date=iso)
    if top in _SKIP_TOPS:
        return None
    if top == "fy":
        year = m.group("fy")
        return Candidate(start, end, "year", float(year), date=year)
    if top == "money":
        value = parse_digits(m.group("mnum")) * suffix_scale((m.group("mscale") or "").strip())
        if m.group("mneg") or m.group("mneg2"):
            value = -value
        code = units.CURRENCY_PREFIXES[m.group("cur")]
        cand = Candidate(start, end, "money", value, code, scaled=bool(m.group("mscale")))
        if m.group("mscale") and m.group("mscale").strip() == "m" and _METRE_CONTEXT.match(
                text, end):
            cand.value = value / 1e6
        return cand
    if top == "digitclass":
        after = _PERCENTAGES_AFTER.match(text, end)
        if not after:
            return None
        floor = {"single": 1.0, "double": 10.0, "triple": 100.0, "quadruple": 1000.0}[
            m.group("digitclass").lower().split("-")[0].split()[0]]
        return Candidate(start, after.end(), "percent", floor, "percent", "over")
    if top == "vague":
        value = parse_vague(m.group("vague"))
        dollars = units.currency_word_after(text, end, need_of=True)
        if dollars:
            return Candidate(start, dollars[2], "money", value, dollars[0], "over",
                              scaled=True)
        return Candidate(start, end, "count", value, None, "over", of_phrase_after(text, end),
                          scaled=True)
    if top == "halfa":
        value = 0.5 * (parse_word_number(m.group("halfa").split(None, 1)[1]) or 0)
        cand = Candidate(start, end, "count", value, scaled=True, words=True)
    elif top == "frac":
        value = _fraction_value(m.group("frac"))
        if _A_DURATION_AFTER.match(text, end):
            after = DURATION_AFTER.match(text, text.index(" a", end) + 2)
            if after:
                word = after.group()[1:].strip()
                return Candidate(start, after.end(), "duration", value,
                                  units.lookup(lexicon.DURATION_WORDS, word), words=True)
        return Candidate(start, end, "count", value, measured=of_phrase_after(text, end),
                          words=True)
    elif top == "words":
        value = parse_word_number(m.group("words"))
        if value is None:
            return None
        scaled = any(w in m.group("words").lower() for w in ("thousand", "million", "billion",
                                                               "trillion"))
        if m.group("wscale"):
            value *= suffix_scale(m.group("wscale").strip())
            scaled = True
        if m.group("words")[0].isupper() and (
                (before.strip() and before.rstrip()[-1] not in ".!?:\"“‘'(—–-"
                 and _CAPITALISED_AFTER.match(text, end))
                or _TWO_CAPITALISED_AFTER.match(text, end)):
            return None  # "Three Rivers Hospital": a number word inside a name
        cand = Candidate(start, end, "count", value, scaled=scaled, words=True)
    elif top == "digits":
        if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
            prefix = _LETTERS_AT_END.search(text, max(0, start - 12), start - 1)
            if not prefix or prefix.group().lower() not in HYPHEN_PREFIXES:
                return None  # "COVID-19", "F-35"
        label = _LABEL_BEFORE.search(before[-20:])
        if label and label.group("w").lower() in LABEL_WORDS:
            return None
        if start > 0 and text[start - 1] == "[" and text.startswith("]", end):
            return None  # "[65]": a citation marker
        if is_service_number(m.group("dnum"), before, text, end):
            return None  # "called 911", "a 999 call"
        if m.group("dslash"):
            if not m.group("dnum").isdigit() or m.group("dneg"):
                return None
            numerator, denominator = int(m.group("dnum")), int(m.group("dslash")[1:])
            if not (0 < numerator < denominator and denominator in FRACTION_DENOMINATORS
                    and _FRACTION_FOLLOWER.match(text, end)):
                return None  # "24/7", "9/11", "2/3" on its own: a name or a date, not a figure
            return _finish_number(text, Candidate(start, end, "count", numerator / denominator),
                                  m, before)
        value = _digits_value(m)
        scale_text = (m.group("dscale") or "").strip()
        if scale_text in ("m", "M") and _METRE_CONTEXT.match(text, end):
            return Candidate(start, end, "quantity", value, "m")
        if scale_text in ("K", "M", "B") and len(m.group("dnum")) == 1 and not (
                noun_phrase_after(text, end, need_plural=True)):
            return None  # "1B" (first base), "4K", "3M": a code unless it counts ("5K runners")
        value *= suffix_scale(scale_text)
        cand = Candidate(start, end, "count", value, scaled=bool(scale_text))
    elif top == "ufrac":
        cand = Candidate(start, end, "count", UNICODE_FRACTIONS[m.group("ufrac")])
    else:
        return None
    return _finish_number(text, cand, m, before)


def _ratio_side(written: str) -> float | None:
    """One side of a share, in words or digits: 'one', 'a hundred', '10,000'."""
    return parse_word_number(written) if written[0].isalpha() else parse_digits(written)


def _ratio(text: str, m: re.Match[str]) -> Candidate | None:
    """'one in three adults' -> 33.3 percent, 'one in 10,000 patients' -> 0.01 percent;
    None when it is not a share ('5 in 10 days')."""
    a, b = _ratio_side(m.group("a")), _ratio_side(m.group("b"))
    if not a or not b or a >= b or DURATION_AFTER.match(text, m.end()) or (
            QUANTITY_WORD_AFTER.match(text, m.end())):
        return None
    measured = (noun_phrase_after(text, m.end(), need_plural=True)
                or of_phrase_after(text, m.end()))
    return Candidate(m.start(), m.end(), "percent", 100 * a / b, "percent", measured=measured)


# What `_finish_number` reads before and after a bare number.
_MINUS_BEFORE = re.compile(r"\b(?:minus|negative)\s+$", re.IGNORECASE)
_APPOSITIVE_AGE = re.compile(r"[A-Z][\w'’.-]*,\s$")
_DEFINITE_BEFORE = re.compile(rf"\b{one_of(DEFINITE_WORDS)}\s+$", re.IGNORECASE)
_ONE_OF = re.compile(rf"\s+{one_of(NOT_A_COUNT_AFTER_ONE)}\b", re.IGNORECASE)
# An acronym before a dotted number is a standard or version: "IEEE 802.11", "ISO 27001.2".
_ACRONYM_BEFORE = re.compile(r"\b[A-Z]{2,}[A-Z\d-]*\s$")
# "Mara Venn, 16," names whose age it is: up to four capitalised words before the comma.
_APPOSITIVE_NAME = re.compile(r"(?P<name>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*),\s$")
_COMMA_OR_BRACKET = re.compile(r"\s*[,)]")
# A name right before a number: "Boeing 737", "Section 232", "iPhone 15" (camel case too).
_CAPITAL_WORD_BEFORE = re.compile(
    r"(?<![.!?:\"“])\s(?P<w>[A-Z][A-Za-z&.]*|[a-z]+[A-Z][A-Za-z]*)\s$")
_AND_OR_BEFORE = re.compile(r"\b(?:and|or)\s$")
_YEAR_CUE = re.compile(rf"\b{one_of(YEAR_CUE_WORDS)}\s*-?$", re.IGNORECASE)


def _finish_number(text: str, cand: Candidate, m: re.Match[str], before: str
                   ) -> Candidate | None:
    """Give a bare number its kind from what follows: unit, currency, noun or a year."""
    minus = _MINUS_BEFORE.search(before)
    if minus and cand.value:
        cand.value = -cand.value
        cand.start -= len(before) - minus.start()
    value = cand.value if cand.value is not None else 0.0
    found = unit_after(text, cand.end, value, cand.scaled, before)
    if found:
        kind, unit, value, end = found
        if kind == "age":
            if _APPOSITIVE_AGE.search(before):
                return None
            kind, cand.measured = "quantity", "age"
        cand.kind, cand.unit, cand.value, cand.end = kind, unit, value, end
        if kind == "duration" and text[cand.end - len(unit or "") - 1: cand.end].startswith("-"):
            cand.measured = noun_phrase_after(text, cand.end, need_plural=False)
        return cand
    surface = text[cand.start:cand.end]
    if cand.words and minus:
        return cand  # "minus five point five": a signed number stands on its own
    if cand.words:
        low = surface.lower()
        if not cand.scaled and value < 10 and _DEFINITE_BEFORE.search(before):
            return None  # "the two leaders", "their three children": a reference, not a figure
        if low in ("one", "a", "zero") or low.startswith("a "):
            if low.startswith("a ") and cand.scaled:
                pass
            elif low == "one" or _ONE_OF.match(text, cand.end) or low in ("a", "zero"):
                return None
        measured = noun_phrase_after(text, cand.end, need_plural=True)
        if measured is None:
            measured = of_phrase_after(text, cand.end)
            ahead = RANGE_AHEAD.match(text, cand.end) if measured is None else None
            if ahead and ("and" not in ahead.group() or BETWEEN_BEFORE.search(before[-40:])):
                return cand  # "between five and six percent": the range's low end
            if measured is None:
                return None
        cand.measured = measured
        return cand
    # Digits with no unit: a year, an age, an identifier, or a count.
    digits = _TOP[m.lastindex] == "digits"
    if digits and not cand.scaled and "." in surface and _ACRONYM_BEFORE.search(before):
        return None  # "IEEE 802.11": a standard
    if digits and not cand.scaled and "," not in surface and "." not in surface:
        name = _APPOSITIVE_NAME.search(before)
        if name and _COMMA_OR_BRACKET.match(text, cand.end) and 0 < value <= 120:
            # "Mara Venn, 16, won": the age of the person just named
            return Candidate(cand.start, cand.end, "quantity", value, "year",
                              measured=f"age of {name.group('name')}")
        if _CAPITAL_WORD_BEFORE.search(before) and not _AND_OR_BEFORE.search(before):
            return None  # "Section 232", "Boeing 737", "Apollo 11"
        if len(surface) == 4 and 1500 <= value <= 2100 and not cand.value < 0:
            nxt = noun_phrase_after(text, cand.end, need_plural=True)
            if nxt is None or _YEAR_CUE.search(before):
                return Candidate(cand.start, cand.end, "year", value, date=surface)
    cand.measured = (noun_phrase_after(text, cand.end, need_plural=cand.value != 1)
                     or of_phrase_after(text, cand.end)
                     or plural_head_across_modifiers(text, cand.end))
    return cand


@dataclass(frozen=True)
class SentenceError:
    """A sentence the extractor raised on: its figures were dropped, the rest were kept."""

    start: int
    end: int
    error: str


@dataclass(frozen=True)
class Extraction:
    """The figures of one text, the sentences that failed, and whether the row cap cut it."""

    figures: list[Figure]
    sentence_errors: list[SentenceError]
    capped: bool = False


# Bounds on what one document can cost (issue: a 4.6 MB one-line text made ~20 GB of rows).
MAX_SENTENCE_CHARS = 600  # longer sentences are stored as a window around the figure
MAX_FIGURES_PER_DOCUMENT = 5000  # a real article has tens; the rest of a runaway text is cut


def sentence_window(text: str, s_start: int, s_end: int, f_start: int, f_end: int,
                    limit: int = MAX_SENTENCE_CHARS) -> str:
    """The sentence around a figure, or when it is longer than `limit` a window of at most
    `limit` characters around the figure, cut at word boundaries (a verbatim substring)."""
    if s_end - s_start <= limit:
        return text[s_start:s_end]
    room = max(0, limit - (f_end - f_start))
    a = max(s_start, f_start - room // 2)
    b = min(s_end, a + max(limit, f_end - f_start))
    a = max(s_start, min(a, b - limit))
    if a > s_start and not text[a - 1].isspace():
        space = text.find(" ", a, f_start)
        a = space + 1 if space >= 0 else a
    if b < s_end and not text[b].isspace():
        space = text.rfind(" ", f_end, b)
        b = space if space >= 0 else b
    return text[a:b].strip()


def extract_figures(text: str, published: str | None = None) -> list[Figure]:
    """All figures in cleaned article text, sorted by start offset.

    A sentence the extractor raises on loses its own figures only (logged as a warning);
    `extract_figures_checked` also returns which sentences failed.
    """
    return extract_figures_checked(text, published).figures


def extract_figures_checked(text: str, published: str | None = None) -> Extraction:
    """Figures plus the sentences that raised (their figures dropped, the others kept)."""
    ref = parse_published(published)
    # Sentences are split only in paragraphs (lines) that hold a candidate: most do not, and
    # splitting costs more than finding figures. Sentences never cross a line.
    sentences: list[tuple[int, int]] = []
    starts: list[int] = []
    split_until = -1
    titles = _title_spans(text) if ("“" in text or '"' in text) else []
    cands: list[Candidate] = []
    failed: dict[int, str] = {}  # sentence index -> first error

    def fail(pos: int, exc: BaseException) -> None:
        si = bisect.bisect_right(starts, pos) - 1
        if si not in failed:
            s_start, s_end = sentences[si] if si >= 0 else (pos, pos)
            log.warning("figures: sentence at %d-%d dropped: %r", s_start, s_end, exc)
            failed[si] = repr(exc)

    last_end = -1
    capped = False
    for pos in _candidate_starts(text):
        if pos < last_end:
            continue
        if len(cands) >= MAX_FIGURES_PER_DOCUMENT:
            capped = True
            break
        m = _MASTER.match(text, pos)
        if m is None:
            continue
        if _TOP[m.lastindex] in _SKIP_TOPS:
            last_end = m.end()  # nothing inside a URL, phone number or time is a figure
            continue
        if pos >= split_until:
            line_start = text.rfind("\n", 0, pos) + 1
            line_end = text.find("\n", pos)
            split_until = len(text) if line_end < 0 else line_end
            for a, b in sentence_spans(text[line_start:split_until]):
                sentences.append((line_start + a, line_start + b))
                starts.append(line_start + a)
        si = bisect.bisect_right(starts, m.start()) - 1
        if si < 0 or m.start() >= sentences[si][1] or si in failed:
            continue
        if titles and _inside(titles, m.start()):
            continue
        try:
            cand = _candidate(text, m, pos, sentences[si], ref)
        except Exception as exc:  # one broken sentence never costs more than itself
            fail(m.start(), exc)
            continue
        if cand is None or (cands and cand.start < cands[-1].end):
            continue
        cands.append(cand)
        last_end = cand.end
    propagate_ranges(cands, text, fail)
    link_changes(cands, text, sentences, starts, fail)
    cands = merge_ranges(cands, text, starts, fail)
    if failed:
        cands = _without_sentences(cands, starts, set(failed))
    share_measured(cands)
    figures = []
    for c in cands:
        si = bisect.bisect_right(starts, c.start) - 1
        s_start, s_end = sentences[si]
        figures.append(Figure(surface=text[c.start:c.end],
                              sentence=sentence_window(text, s_start, s_end, c.start, c.end),
                              **{name: getattr(c, name) for name in CANDIDATE_FIGURE_FIELDS}))
    errors = [SentenceError(sentences[si][0], sentences[si][1], failed[si])
              for si in sorted(failed) if si >= 0]
    return Extraction(figures, errors, capped)


def _without_sentences(cands: list[Candidate], starts: list[int], drop: set[int]
                       ) -> list[Candidate]:
    """Candidates outside the dropped sentences, their change links renumbered."""
    keep = [i for i, c in enumerate(cands) if bisect.bisect_right(starts, c.start) - 1 not in drop]
    new_index = {old: new for new, old in enumerate(keep)}
    out = []
    for i in keep:
        c = cands[i]
        c.linked = new_index.get(c.linked) if c.linked is not None else None
        out.append(c)
    return out


_AGO = re.compile(r"\s+ago\b")


def _candidate(text: str, m: re.Match[str], pos: int, sentence: tuple[int, int], ref
               ) -> Candidate | None:
    """The figure a master-regex match starts inside one sentence, fully classified."""
    s_start, s_end = sentence
    top = _TOP[m.lastindex]
    ratio = _RATIO.match(text, pos) if top == "words" or top == "digits" else None
    cand = _ratio(text, ratio) if ratio else None
    if cand is None:
        cand = _classify(text, m, s_start, ref)
    if cand is None or cand.end > s_end:
        return None
    before = text[max(s_start, cand.start - 120):cand.start]
    if cand.qualifier is None and cand.kind not in ("date",):
        q = qualifier_before(before, cand.kind)
        if q:
            cand.qualifier = q[0]
    if cand.kind in ("percent", "money", "quantity") and cand.unit and (
            "/" not in cand.unit and cand.unit not in ("percentage point", "basis point")):
        rate = RATE_AFTER.match(text, cand.end)
        den = rate and units.rate_denominator(rate.group("den"), cand.kind,
                                              after_per=bool(rate.group("per")))
        if rate and den:
            cand.unit, cand.end = f"{cand.unit}/{den}", rate.end()
    if cand.unit in lexicon.RATE_UNITS:
        cand.unit = lexicon.RATE_UNITS[cand.unit]
    if cand.measured is None and cand.kind == "quantity":
        cand.measured = dimension_after(text, cand.end)
    if cand.measured is None and cand.kind == "percent":
        cand.measured = comparative_after(text, cand.end)
    if cand.measured is None and cand.kind == "money":
        cand.measured = participle_phrase_after(text, cand.end)
    if cand.measured is None and cand.kind in ("percent", "money", "quantity"):
        cand.measured = (of_phrase_after(text, cand.end)
                         or noun_phrase_after(text, cand.end, need_plural=False)
                         or measure_before(before))
    if cand.kind == "duration" and ref is not None and cand.value is not None and (
            cand.unit is not None):
        back = _AGO.match(text, cand.end)
        resolved = ago(cand.value, cand.unit, ref) if back else None
        if back and resolved:
            kind, iso = resolved
            q = qualifier_before(before, "count")  # "some 40 years ago" is about
            cand = Candidate(cand.start, back.end(), kind,
                              float(iso) if kind == "year" else None,
                              qualifier=q[0] if q else None, date=iso)
    return cand
