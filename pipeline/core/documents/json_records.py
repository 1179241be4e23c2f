"""JSON and JSON Lines article records: one object per article."""

from __future__ import annotations

import json

from pipeline.core.documents.decode import normalise_text
from pipeline.core.documents.formats import _HTML_FRAGMENT, html_to_article
from pipeline.core.documents.inputs import (
    RawArticle,
    ReadResult,
    RejectedInput,
    Rejection,
    record_source,
)
from pipeline.core.documents.lexicon import HTML_KEYS, TEXT_KEYS
from pipeline.core.documents.metadata import first_present, record_fields


def _records(loaded: object) -> list[object]:
    """The article objects of a JSON document: a list, one object, or a list under a key."""
    if isinstance(loaded, list):
        return loaded
    if isinstance(loaded, dict):
        if first_present(loaded, TEXT_KEYS + HTML_KEYS) is None:
            for key in ("articles", "items", "data", "results", "records", "documents", "posts"):
                inner = loaded.get(key)
                if isinstance(inner, list):
                    return inner
        return [loaded]
    return [loaded]


def _record_to_article(obj: object, source: str, sha: str, record: int) -> RawArticle:
    if not isinstance(obj, dict):
        raise RejectedInput("unreadable_json", f"record {record} is not a JSON object")
    fields = record_fields(obj)
    text_value = first_present(obj, TEXT_KEYS)
    if isinstance(text_value, list):  # a list of paragraphs
        text_value = "\n\n".join(str(p) for p in text_value if isinstance(p, str))
    text = str(text_value) if isinstance(text_value, str | list) else ""
    html_value = first_present(obj, HTML_KEYS)
    if (not text.strip() or _HTML_FRAGMENT.search(text[:2000])) and isinstance(
        html_value or text, str
    ):
        markup = str(html_value) if isinstance(html_value, str) else text
        if markup.strip() and (html_value or _HTML_FRAGMENT.search(markup[:2000])):
            try:
                found = html_to_article(markup)
            except Exception as exc:  # trafilatura/lxml failure on one record only
                raise RejectedInput("extraction_error", f"record {record}: {exc!r}") from exc
            text = found["text"] or ""
            # The record's own fields first, the page's metadata where the record has none.
            page = record_fields(found)
            fields = {key: value or page[key] for key, value in fields.items()}
    else:
        text = normalise_text(text)
    if not text.strip():
        raise RejectedInput("no_text", f"record {record} has no article text ('text' or 'html')")
    return RawArticle(source=source, source_sha256=sha, record=record, format="json",
                      text=text, **fields)


def _read_json(text: str, source: str, sha: str, lines: bool) -> ReadResult:
    """JSON (one object, a list, or a list under a key) or JSON Lines (one object a line).

    In JSON Lines the record number is the line number (from 0), so a bad line and a good
    one never share a name.
    """
    result = ReadResult()
    numbered: list[tuple[int, object]] = []
    if lines:
        for i, line in enumerate(text.split("\n")):
            if not line.strip():
                continue
            try:
                numbered.append((i, json.loads(line)))
            except (json.JSONDecodeError, RecursionError) as exc:
                result.rejections.append(Rejection(record_source(source, i), sha, "unreadable_json",
                                                   f"line {i + 1}: {exc}"))
    else:
        try:
            loaded = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise RejectedInput("unreadable_json", str(exc)) from exc
        numbered = list(enumerate(_records(loaded)))
    for i, obj in numbered:
        try:
            result.articles.append(_record_to_article(obj, source, sha, i))
        except RejectedInput as exc:
            result.rejections.append(Rejection(record_source(source, i), sha, exc.reason,
                                               exc.detail))
    if not result.articles and not result.rejections:
        raise RejectedInput("no_text", "the JSON holds no article records")
    return result


