"""Authors: personal names from bylines in the text, HTML metadata and JSON record fields.

A byline names people, then maybe an outlet, a role, a place or a date: "By Jane Doe and John
Roe", "By JANE DOE, Reuters", "Jane Doe | Staff Writer", "By Jane Doe in Kyiv | May 3, 2026".
Only the people are kept; an outlet ("Reuters", "The Valmora Herald", "BBC News") or a desk
("Staff") is not an author. Names written in capitals are title-cased ("JANE DOE" → "Jane Doe")
so a name reads the same whichever way the page printed it.
"""

from __future__ import annotations

import re

from pipeline.core.documents.lexicon import (
    BYLINE_STOP_WORDS,
    FOREIGN_BYLINES,
    NAME_PARTICLES,
    OUTLET_WORDS,
    ROLE_MODIFIERS,
)

MAX_AUTHORS = 12
_BY = re.compile(r"^\s*(?:written\s+)?by\s*:?\s+", re.IGNORECASE)
# What ends the people part of a byline: a bar, bullet or dash, a date, an e-mail, a handle.
# Each run of spaces or of non-spaces is tried from its start only (the lookbehinds): a match
# starting inside a run also matches from its start, so the first match is the same, and a
# 240 KB word or run of spaces costs linear time, not quadratic ("By " + 32,000 letters took
# 4.5 s; bench/regex_audit.py).
_TAIL = re.compile(r"(?<!\s)\s+[|•·—–]\s*|(?<!\s)\s+-\s+|(?:(?<!\s)|(?!\s))\s*\|\s*"
                   r"|(?<!\S)\S+@\S+|\s@\w+|\s\d")
# The same for the spaces around a list separator: never started inside a run of spaces.
_LIST_SPLIT = re.compile(r"(?:(?<!\s)|(?!\s))\s*(?:,|;|&|\band\b)\s*")
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|[A-Z]\.-[A-Z]\.)$")
_ROLE_WORD = re.compile(r"^(?:reporters?|correspondents?|editors?|writers?|journalists?|"
                        r"columnists?|contributors?|producers?|analysts?|photographers?|"
                        r"critics?|staff)$", re.IGNORECASE)


def _title_case(name: str) -> str:
    """"JANE DOE" → "Jane Doe", "O'NEILL" → "O'Neill"; mixed case as written."""
    if any(ch.islower() for ch in name):
        return name
    return re.sub(r"[A-ZÀ-ÖØ-Þ]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), name)


def person_name(segment: str) -> str | None:
    """`segment` as a personal name, or None when it is an outlet, a role or not a name.

    A name has two to five words, each capitalised or a particle ("Ursula von der Leyen"),
    and none is an outlet or role word; a trailing role goes ("Helena Marsh Transport
    correspondent" → "Helena Marsh").
    """
    words = segment.strip(" .,:;").split()
    # A role after the name: "Jane Doe Staff Writer", "Helena Marsh Transport correspondent".
    for k, word in enumerate(words):
        if _ROLE_WORD.match(word.strip(".,")) and k >= 2:
            start = k
            while start > 2 and words[start - 1].casefold() in ROLE_MODIFIERS:
                start -= 1
            if word[:1].islower() and start == k and k >= 3 and words[k - 1][:1].isupper():
                start = k - 1  # "Transport correspondent": a capitalised first word of a role
            words = words[:start]
            break
    if not 2 <= len(words) <= 5:
        return None
    if words[0].casefold() in ("the", "a", "an") or all(
            w.casefold() in ROLE_MODIFIERS for w in words):
        return None  # "The Associated Press", "Senior Political" (a role's modifiers)
    for word in words:
        bare = word.strip(".,'’").casefold()
        if bare in OUTLET_WORDS or _ROLE_WORD.match(bare):
            return None
        if bare in NAME_PARTICLES and word[:1].islower():
            continue
        if not _NAME_TOKEN.match(word):
            return None
    if words[-1].casefold() in NAME_PARTICLES:
        return None
    if all(len(w.strip(".")) <= 1 for w in words):
        return None  # "J. K." without a surname
    return _title_case(" ".join(words))


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out[:MAX_AUTHORS]


def authors_from_byline(line: str) -> list[str]:
    """The people a byline or author line names, in order ("By Jane Doe and John Roe")."""
    text = _BY.sub("", " ".join(line.split()))
    text = _TAIL.split(text, maxsplit=1)[0]
    words = text.split()
    for k, word in enumerate(words):
        if k >= 2 and word in BYLINE_STOP_WORDS:
            text = " ".join(words[:k])
            break
    names = []
    for part in _LIST_SPLIT.split(text):
        name = person_name(part) if part else None
        if name:
            names.append(name)
    return _unique(names)


def authors_from_field(value: object) -> list[str]:
    """Authors from a metadata field: a string ("Jane Doe; John Roe", "By Jane Doe"), a list
    of strings, or objects with a name ({"name": "Jane Doe"}), as JSON records and HTML
    metadata give them."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, dict):
        value = value.get("name") or value.get("full_name") or value.get("display_name")
        return authors_from_field(value)
    if isinstance(value, list | tuple):
        names: list[str] = []
        for item in value:
            names.extend(authors_from_field(item))
        return _unique(names)
    names = []
    for part in re.split(r"\s*[;\n]\s*", str(value)):
        names.extend(authors_from_byline(part))
    return _unique(names)


def _foreign_rows() -> dict[str, list[dict[str, tuple[str, ...]]]]:
    rows: dict[str, list[dict[str, tuple[str, ...]]]] = {}
    for row in FOREIGN_BYLINES.values():
        for word in row["by"]:
            rows.setdefault(word, []).append(row)
            rows.setdefault(word.upper(), []).append(row)
    return rows


_FOREIGN_BY = _foreign_rows()
MAX_FOREIGN_BYLINE_WORDS = 14


def authors_from_foreign_byline(line: str) -> list[str]:
    """The people a byline in another language names ("Por Juan Pérez y Ana Ruiz", "Von Anna
    Schmidt und Jan Vogel", "Par Marie Dupont, Le Courrier"), or [] when the line is not one.

    The line must open with a language's "by" word (`lexicon.FOREIGN_BYLINES`) and its first
    part must be a personal name; an outlet after a comma or bar is left out ("El Diario":
    an article opens it). "Di Maio resigns" is not a byline ("resigns" is not a name word).
    """
    words = " ".join(line.split()).split(" ")
    rows = _FOREIGN_BY.get(words[0]) if words else None
    if not rows or not 3 <= len(words) <= MAX_FOREIGN_BYLINE_WORDS:
        return []
    for row in rows:
        text = _TAIL.split(" ".join(words[1:]), maxsplit=1)[0]
        names_part = text.split()
        for k, word in enumerate(names_part):
            if k >= 2 and word in row["stop"]:
                names_part = names_part[:k]
                break
        joins = "|".join(re.escape(w) for w in row["and"])
        parts = re.split(rf"\s*(?:,|;|&|\b(?:{joins})\b)\s*", " ".join(names_part))
        names: list[str] = []
        for k, part in enumerate(p for p in parts if p):
            first = part.split()[0].casefold()
            if first in row["articles"] or first.startswith(("l'", "l’")):
                continue  # "El Diario", "Le Courrier": an outlet
            name = person_name(part)
            if name is not None and sum(w[:1].isupper() for w in name.split()) > 3:
                name = None  # "Di Maio Resigns After Vote": a headline, not a name
            if name is None and k == 0:
                break  # the first part must be a person
            if name:
                names.append(name)
        if names:
            return _unique(names)
    return []
