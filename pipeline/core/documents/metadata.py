"""Metadata: titles, outlets, urls and publication dates found beside the text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from pipeline.core.documents.decode import normalise_text

_TEXT_KEYS = ("text", "body", "content", "maintext", "article", "article_text", "full_text",
              "story", "fulltext")
_HTML_KEYS = ("html", "raw_html", "content_html", "body_html", "html_content")
_TITLE_KEYS = ("title", "headline", "name")
_URL_KEYS = ("url", "link", "canonical_url", "permalink", "uri")
_OUTLET_KEYS = ("outlet", "source", "site_name", "sitename", "publisher", "site", "source_name",
                "source_domain", "domain", "newspaper")
_DATE_KEYS = ("published", "published_at", "publishedAt", "date_publish", "datePublished",
              "published_date", "publish_date", "pubDate", "pub_date", "date", "datetime",
              "created_at", "timestamp")
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


def _first(obj: dict, keys: Iterable[str]) -> object:
    for key in keys:
        value = obj.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_name(value: object) -> str | None:
    """An outlet field that may be a string or an object like {"name": ..., "id": ...}."""
    if isinstance(value, dict):
        value = _first(value, ("name", "title", "id", "domain"))
    if value is None or isinstance(value, dict | list):
        return None
    text = normalise_text(str(value)).strip()
    return text or None


def _clean_field(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(normalise_text(str(value)).split())
    return text or None


