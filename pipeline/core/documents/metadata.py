"""Metadata: titles, outlets, urls and publication dates found beside the text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from pipeline.core.documents.authors import authors_from_field
from pipeline.core.documents.decode import normalise_text
from pipeline.core.documents.lexicon import (
    AUTHOR_KEYS,
    DATE_KEYS,
    OUTLET_KEYS,
    TITLE_KEYS,
    URL_KEYS,
)

_HAS_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


def iso_date(value: object) -> str | None:
    """A publication date (ISO string, common written forms, epoch seconds) to YYYY-MM-DD.

    A string without a four-digit year gives None rather than a guess: dateutil would fill
    the year from today's clock, and output must not depend on when the pipeline runs.
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if re.fullmatch(r"\d{9,13}(\.\d+)?", s):
        return iso_date(float(s))
    if not _HAS_YEAR.search(s):
        return None
    for candidate in (s, s.replace("Z", "+00:00")):
        try:
            return datetime.fromisoformat(candidate).date().isoformat()
        except ValueError:
            pass
    try:
        from dateutil import parser as dateparser

        clock = re.sub(r"\b(\d{1,2})\.(\d{2})\b(?!\.\d)", r"\1:\2", s)  # "14.02 BST"
        day_first = bool(re.search(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b", s))  # 03.06.2024 (Europe)
        parsed = dateparser.parse(clock, default=datetime(2000, 1, 1), fuzzy=True,
                                  ignoretz=True, dayfirst=day_first)
    except (ValueError, OverflowError, TypeError):
        return None
    if not 1800 <= parsed.year <= 2999:
        return None
    return parsed.date().isoformat()


def first_present(obj: dict, keys: Iterable[str]) -> object:
    """The value of the first key of `keys` that `obj` holds and is not empty."""
    for key in keys:
        value = obj.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_name(value: object) -> str | None:
    """An outlet field that may be a string or an object like {"name": ..., "id": ...}."""
    if isinstance(value, dict):
        value = first_present(value, ("name", "title", "id", "domain"))
    if value is None or isinstance(value, dict | list):
        return None
    text = normalise_text(str(value)).strip()
    return text or None


def _clean_field(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(normalise_text(str(value)).split())
    return text or None


def record_fields(obj: dict) -> dict[str, object]:
    """An article's title, url, outlet, publication date and authors from its record, by the
    first key present of each kind: a JSON record (`{"headline": ..., "publishedAt": ...}`),
    Markdown front matter, or what the HTML extractor found in a page's metadata (`title`,
    `url`, `outlet`, `date`, `authors`). The keyword arguments of `RawArticle`."""
    return {
        "title": _clean_field(first_present(obj, TITLE_KEYS)),
        "url": _clean_field(first_present(obj, URL_KEYS)),
        "outlet": _as_name(first_present(obj, OUTLET_KEYS)),
        "published": iso_date(first_present(obj, DATE_KEYS)),
        "authors": tuple(authors_from_field(first_present(obj, AUTHOR_KEYS))),
    }
