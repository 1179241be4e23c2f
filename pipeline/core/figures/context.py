"""The words around a number: qualifiers, change cues, and the noun phrase it measures.

Regex and word-list heuristics over one sentence; no parser. Every function here prefers to
say nothing (None) over guessing, because a wrong `measured` misleads more than a missing one.
"""

from __future__ import annotations

import re

from pipeline.core.figures.lexicon import (
    CHANGE_VERB_FORMS,
    CLAUSE_WORDS,
    COMPARATIVES,
    DETERMINERS,
    DIMENSION_ADJECTIVES,
    EMERGENCY_CUE_NOUNS,
    EMERGENCY_CUE_VERBS,
    EMERGENCY_NUMBERS,
    IRREGULAR_PARTICIPLES,
    IRREGULAR_PLURALS,
    MEASURE_NOUNS,
    PARTICIPLE_STOP,
    QUALIFIER_NORMAL,
    SINGULAR_MEN,
    SPAN_AMBIGUOUS,
    STOP_WORDS,
    TAIL_PREPOSITIONS,
)
from pipeline.core.text.patterns import one_of

_QUAL_ALT = "|".join(re.escape(q).replace(r"\ ", r"\s+")
                     for q in sorted(QUALIFIER_NORMAL, key=len, reverse=True))
_QUALIFIER_BEFORE = re.compile(
    rf"(?:^|(?<=[\s(\[“\"—–-]))(?P<q>{_QUAL_ALT})\s+(?:(?:a|an)\s+)?$", re.IGNORECASE
)


def _by_first_letter(forms: tuple[str, ...]) -> str:
    """One alternation of word forms grouped by their first (plain, lower-case) letter:
    "r(?:ise|ose|...)|f(?:...)". The regex engine then tries one group per word start instead
    of every form in turn (a search over 60 characters went from about 30 to a few µs);
    the words it matches are the same, in the same order within a letter."""
    groups: dict[str, list[str]] = {}
    for form in forms:
        if not (form[0].isalpha() and form[0].islower()) or form[1:2] in ("?", "*", "+", "{"):
            raise ValueError(f"a change verb form must start with a plain letter: {form!r}")
        groups.setdefault(form[0], []).append(form[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


CHANGE_VERB = re.compile(rf"\b(?:{_by_first_letter(CHANGE_VERB_FORMS)})\b", re.IGNORECASE)

_WORD = re.compile(r"\s*(?P<w>[A-Za-z][\w'’.&-]*[\w]|[A-Za-z])")

_IN_DIMENSIONS = [a.split()[1] for a in DIMENSION_ADJECTIVES if a.startswith("in ")]
_DIMENSION_AFTER = re.compile(
    rf"\s+(?P<a>in\s+(?:{'|'.join(_IN_DIMENSIONS)})|"
    rf"{'|'.join(a for a in DIMENSION_ADJECTIVES if ' ' not in a)})\b(?!\s+(?:as|than)\b)",
    re.IGNORECASE)


def dimension_after(text: str, pos: int) -> str | None:
    """'8 metres high' -> 'height', '352 μm wide' -> 'width', '5 km away' -> 'distance'."""
    m = _DIMENSION_AFTER.match(text, pos)
    return DIMENSION_ADJECTIVES[" ".join(m.group("a").lower().split())] if m else None


_QUALIFIER_LAST_WORDS = frozenset(q.split()[-1] for q in QUALIFIER_NORMAL) | {"a", "an"}
_LAST_WORD = re.compile(r"([A-Za-z.]+)\s+$")


def qualifier_before(before: str, kind: str) -> tuple[str, int] | None:
    """(normalised qualifier, characters it spans back from the number) or None."""
    last = _LAST_WORD.search(before[-16:])
    if not last or last.group(1).lower() not in _QUALIFIER_LAST_WORDS:
        return None  # cheap test first: most numbers have no qualifier
    m = _QUALIFIER_BEFORE.search(before[-40:])
    if not m:
        return None
    written = " ".join(m.group("q").lower().split())
    if kind in ("duration", "date", "year") and written in SPAN_AMBIGUOUS:
        return None
    return QUALIFIER_NORMAL[written], len(before[-40:]) - m.start("q")


def _is_plural(word: str) -> bool:
    low = word.lower()
    if low in IRREGULAR_PLURALS:
        return True
    if low.endswith("men") and low not in SINGULAR_MEN:
        return True
    return (len(low) > 2 and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s",
                                                                      "’s")))


def _words_regex(limit: int) -> re.Pattern[str]:
    """Up to `limit` words of _WORD in a row, each in its own group, in one match: the same
    words as matching _WORD again at each end (every later word is optional, so the engine
    never backtracks into an earlier one), for one regex call instead of one per word."""
    body = _WORD.pattern.replace("(?P<w>", "(")
    pattern = ""
    for _ in range(limit):
        pattern = body + (f"(?:{pattern})?" if pattern else "")
    return re.compile(pattern)


_WORDS_AFTER = {limit: _words_regex(limit) for limit in range(1, 9)}


def _words_after(text: str, pos: int, limit: int) -> list[tuple[str, int, int]]:
    """(word, start, end) of up to `limit` words right after `pos` ("40 wooden fishing boats")."""
    m = (_WORDS_AFTER.get(limit) or _words_regex(limit)).match(text, pos)
    words: list[tuple[str, int, int]] = []
    if m is None:
        return words
    for i, word in enumerate(m.groups(), 1):
        if word is None:
            break
        words.append((word, *m.span(i)))
    return words


def noun_phrase_after(text: str, pos: int, *, need_plural: bool) -> str | None:
    """The noun phrase starting right after a number: '300,000 Chinese students were' -> 'Chinese
    students'. With need_plural, the phrase ends at its last plural noun or there is none."""
    phrase: list[str] = []
    for word, _, _ in _words_after(text, pos, 5):
        low = word.lower()
        if low in STOP_WORDS or low.endswith("ly") or word[-1] == ".":
            break
        if not phrase and not need_plural and low.endswith("ed"):
            break  # "$5 billion earmarked", "one in a hundred refused": a verb follows
        if phrase and not need_plural and (low.endswith(("ed", "ing", "s")) or len(phrase) == 3):
            break  # "truce ends", "deal signed": a verb, not part of the phrase
        if low.endswith(("ed", "ing")) and phrase and _is_plural(phrase[-1]):
            break
        phrase.append(word)
    if need_plural:
        while phrase and not _is_plural(phrase[-1]):
            phrase.pop()
    return " ".join(phrase) or None


def of_phrase_after(text: str, pos: int) -> str | None:
    """'... of the world's cocoa beans, making' -> "the world's cocoa beans"."""
    m = re.compile(r"\s+of\s+").match(text, pos)
    if not m:
        return None
    phrase: list[str] = []
    for word, _, _ in _words_after(text, m.end(), 6):
        low = word.lower()
        if not phrase and low in DETERMINERS | {"all"}:
            phrase.append(word)
            continue
        if low in STOP_WORDS or low.endswith("ly") or (phrase and low.endswith(("ed", "ing"))):
            break
        phrase.append(word)
        if word.endswith((",", ";")):
            break
    while phrase and phrase[-1].lower() in DETERMINERS | {"all"}:
        phrase.pop()
    return " ".join(phrase) or None


_CLAUSE_BREAK = re.compile(rf"[;:()—–]|,\s+{one_of(CLAUSE_WORDS)}\b|\bwhile\b")


def _measure_span(words: list[re.Match[str]], i: int) -> tuple[int, int]:
    """Word indices (start, end) of the noun phrase around measure noun i."""
    start = i
    while start > 0 and i - start < 2:
        prev = words[start - 1].group()
        low = prev.lower()
        if (low in STOP_WORDS or low in DETERMINERS or low.endswith(("ly", "ing"))
                or low == "own" or CHANGE_VERB.fullmatch(prev)):
            break
        start -= 1
    end = i
    j = i + 1
    if j < len(words) and words[j].group().lower() in TAIL_PREPOSITIONS:
        k = j + 1
        while k < len(words) and k - j <= 4:
            word = words[k].group()
            low = word.lower()
            if (low in STOP_WORDS - {"and"} or low.endswith("ly") or CHANGE_VERB.fullmatch(word)
                    or low in QUALIFIER_NORMAL or (low == "and" and k + 1 >= len(words))):
                break
            k += 1
        if k - 1 > j and words[k - 1].group().lower() != "and":
            end = k - 1
    return start, end


def measure_before(before: str) -> str | None:
    """A measure noun phrase left of a number in the same clause: 'tariffs on Chinese goods'.

    The outermost phrase wins ("tariffs on Chinese imports", not "Chinese imports"), and it
    must end within a few words of the number.
    """
    clause = before[-120:]
    cuts = list(_CLAUSE_BREAK.finditer(clause))
    if cuts:
        clause = clause[cuts[-1].end():]
    words = list(re.finditer(r"[A-Za-z][\w'’-]*", clause))
    spans = [_measure_span(words, i) for i, w in enumerate(words)
             if w.group().lower() in MEASURE_NOUNS]
    outer = [s for s in spans
             if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    if not outer:
        return None
    start, end = outer[-1]
    if len(words) - 1 - end > 6:
        return None
    return clause[words[start].start(): words[end].end()]


# --- What money, percentages and counts measure beyond a noun right after them.


def participle_phrase_after(text: str, pos: int) -> str | None:
    """'$7,000 paid to the taxidermist' -> 'paid to the taxidermist', '$30 million laundered
    through shell firms' -> 'laundered through shell firms': a past participle and its short
    complement (at most six words, to the end of the clause)."""
    words = _words_after(text, pos, 7)
    if not words:
        return None
    first = words[0][0].lower()
    if not (first in IRREGULAR_PARTICIPLES or (first.endswith("ed") and len(first) > 4)):
        return None
    if text[pos:words[0][1]].strip():  # a comma or other mark between: a new clause
        return None
    end = words[0][2]
    for word, w_start, w_end in words[1:]:
        if word.lower() in PARTICIPLE_STOP or text[end:w_start].strip():
            break
        end = w_end
    return text[words[0][1]:end]


_COMPARATIVE_AFTER = re.compile(
    r"\s+(?P<p>(?:(?:more|less|fewer)\s+[a-z][a-z-]+|(?P<er>[a-z]+))"
    r"(?:\s+(?:per|a|an)\s+[a-z]+)?)\b", re.IGNORECASE)


def comparative_after(text: str, pos: int) -> str | None:
    """'40% more expensive per acre' -> 'more expensive per acre', '20% cheaper' -> 'cheaper'."""
    m = _COMPARATIVE_AFTER.match(text, pos)
    if not m or (m.group("er") and m.group("er").lower() not in COMPARATIVES):
        return None
    return " ".join(m.group("p").split())


_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")


def plural_head_across_modifiers(text: str, pos: int) -> str | None:
    """'27,000 Model S and Model X vehicles' -> 'Model S and Model X vehicles': capitalised
    modifiers joined by and/or before a plural head noun (at most eight words)."""
    if not _CAPITAL_NEXT.match(text, pos):
        return None  # the phrase starts with a capitalised modifier; most numbers have none
    phrase: list[str] = []
    for word, _, _ in _words_after(text, pos, 8):
        low = word.lower()
        if low in ("and", "or", "&"):
            if not phrase:
                return None
            phrase.append(word)
            continue
        if low in STOP_WORDS or word[-1] == ".":
            return None
        phrase.append(word)
        if _is_plural(word) and word[0].islower():
            return " ".join(phrase) if any(w in ("and", "or", "&") for w in phrase) else None
        if not (word[0].isupper() or word.isdigit() or len(word) <= 2):
            return None
    return None


# --- Numbers that are not figures.

_EMERGENCY_CUE_BEFORE = re.compile(rf"\b(?:{'|'.join(EMERGENCY_CUE_VERBS)})\s+$", re.IGNORECASE)
_EMERGENCY_CUE_AFTER = re.compile(rf"\s+(?:{'|'.join(EMERGENCY_CUE_NOUNS)})\b", re.IGNORECASE)


def is_service_number(digits: str, before: str, text: str, end: int) -> bool:
    """'called 911', 'a 999 call', 'dial 112': an emergency or service line, not a count."""
    return digits in EMERGENCY_NUMBERS and bool(
        _EMERGENCY_CUE_BEFORE.search(before) or _EMERGENCY_CUE_AFTER.match(text, end))
