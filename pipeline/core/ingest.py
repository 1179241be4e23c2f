"""Reading inbox files into raw articles, or into rejections with a reason.

Every file in the inbox ends up as one or more `RawArticle`s or as one `Rejection`:
nothing is skipped silently.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.core.ids import sha256_bytes

SUPPORTED_EXTENSIONS = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class RawArticle:
    """One article as found in the inbox, decoded to text but not yet cleaned."""

    source: str  # path relative to the inbox
    source_sha256: str  # sha256 of the whole input file
    record: int  # index of the article inside the file (0 for single-article files)
    format: str  # txt, markdown, html, json
    text: str  # decoded text (for html: the extracted main text)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known


@dataclass(frozen=True)
class Rejection:
    """An input that did not become a document, and why."""

    source: str
    source_sha256: str | None
    reason: str  # short machine-readable reason, see REJECTION_REASONS
    detail: str


REJECTION_REASONS = (
    "empty",
    "binary",
    "too_large",
    "unsupported_extension",
    "unreadable_json",
    "no_text",
    "too_short",
    "outside_inbox",
    "vanished",
    "unreadable",
    "extraction_error",
)


class RejectedInput(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class ReadResult:
    articles: list[RawArticle] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


def decode_bytes(data: bytes) -> str:
    """Bytes of unknown encoding to NFC text with mojibake repaired and line ends normalised.

    BOMs decide first (UTF-8/UTF-16/UTF-32); then strict UTF-8; then charset-normalizer's guess
    (it handles cp1252, latin-1 and friends). ftfy repairs mojibake ("â€œ" → "“") but is told
    to keep curly quotes and dashes, which the quote stage relies on.
    """
    import codecs

    import ftfy
    from charset_normalizer import from_bytes

    text: str | None = None
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            text = str(best) if best is not None else data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_character_width=False,
        fix_line_breaks=True,
        normalization="NFC",
    )
    return unicodedata.normalize("NFC", text)


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 BOM, or mostly control characters, mean not text."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and control / len(head) > 0.1


def html_to_article(html: str) -> tuple[str, str | None, str | None]:
    """Main text, title and date of an HTML page, via trafilatura's extractor."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
        with_metadata=True,
    )
    if doc is None:
        return "", None, None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return (data.get("text") or ""), data.get("title"), data.get("date")


def _iso_date(value: object) -> str | None:
    """A publication date string to YYYY-MM-DD, or None when it cannot be read."""
    if not value:
        return None
    from datetime import datetime

    s = str(value).strip()
    for candidate in (s, s.replace("Z", "+00:00")):
        try:
            return datetime.fromisoformat(candidate).date().isoformat()
        except ValueError:
            pass
    try:
        from dateutil import parser as dateparser

        return dateparser.parse(s).date().isoformat()
    except (ValueError, OverflowError, ImportError):
        return None


def _record_to_article(obj: object, source: str, sha: str, record: int) -> RawArticle:
    if not isinstance(obj, dict):
        raise RejectedInput("unreadable_json", f"record {record} is not a JSON object")
    title = obj.get("title") or obj.get("headline")
    text = obj.get("text") or obj.get("body") or obj.get("content")
    fmt = "json"
    published = _iso_date(obj.get("published") or obj.get("date") or obj.get("published_at"))
    if not text and obj.get("html"):
        text, html_title, html_date = html_to_article(str(obj["html"]))
        title = title or html_title
        published = published or _iso_date(html_date)
    if not text or not str(text).strip():
        raise RejectedInput("no_text", f"record {record} has no 'text' or 'html'")
    clean = unicodedata.normalize("NFC", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return RawArticle(
        source=source,
        source_sha256=sha,
        record=record,
        format=fmt,
        text=clean,
        title=str(title).strip() if title else None,
        url=str(obj["url"]) if obj.get("url") else None,
        outlet=str(obj.get("outlet") or obj.get("source") or "") or None,
        published=published,
    )


def parse_article_bytes(data: bytes, source: str, sha: str | None = None) -> ReadResult:
    """Turn one file's bytes into articles or a rejection, by its extension."""
    sha = sha or sha256_bytes(data)
    ext = Path(source).suffix.lower()
    result = ReadResult()
    try:
        if ext not in SUPPORTED_EXTENSIONS:
            raise RejectedInput("unsupported_extension", f"'{ext or '(none)'}' is not one of "
                                f"{', '.join(sorted(SUPPORTED_EXTENSIONS))}")
        if not data.strip():
            raise RejectedInput("empty", "the file has no content")
        if looks_binary(data):
            raise RejectedInput("binary", "the file is not text (NUL or control bytes)")
        text = decode_bytes(data)
        if ext in (".json", ".jsonl"):
            if ext == ".jsonl":
                records = []
                for i, line in enumerate(text.split("\n")):
                    if line.strip():
                        try:
                            records.append(json.loads(line))
                        except json.JSONDecodeError as exc:
                            result.rejections.append(Rejection(
                                f"{source}#{i}", sha, "unreadable_json", f"line {i + 1}: {exc}"))
            else:
                try:
                    loaded = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise RejectedInput("unreadable_json", str(exc)) from exc
                records = loaded if isinstance(loaded, list) else [loaded]
            for i, obj in enumerate(records):
                try:
                    result.articles.append(_record_to_article(obj, source, sha, i))
                except RejectedInput as exc:
                    result.rejections.append(Rejection(f"{source}#{i}", sha, exc.reason, exc.detail))
            if not result.articles and not result.rejections:
                raise RejectedInput("no_text", "the JSON holds no article records")
        elif ext in (".html", ".htm"):
            body, title, date = html_to_article(text)
            if not body.strip():
                raise RejectedInput("no_text", "no article text found in the HTML")
            result.articles.append(RawArticle(source, sha, 0, "html", body, title,
                                              None, None, _iso_date(date)))
        else:
            fmt = "markdown" if ext in (".md", ".markdown") else "txt"
            result.articles.append(RawArticle(source, sha, 0, fmt, text))
    except RejectedInput as exc:
        result.rejections.append(Rejection(source, sha, exc.reason, exc.detail))
    return result


def read_inbox_file(
    inbox: Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> ReadResult:
    """Read `inbox/source` safely: size limit, symlinks escaping the inbox, vanished files."""
    path = inbox / source
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(inbox.resolve()):
            return ReadResult(rejections=[Rejection(source, None, "outside_inbox",
                                                    f"links to {real}, outside the inbox")])
        size = real.stat().st_size
        if size > max_bytes:
            return ReadResult(rejections=[Rejection(source, None, "too_large",
                                                    f"{size} bytes is over the limit of {max_bytes}")])
        data = real.read_bytes()
    except FileNotFoundError:
        return ReadResult(rejections=[Rejection(source, None, "vanished",
                                                "the file disappeared before it could be read")])
    except OSError as exc:
        return ReadResult(rejections=[Rejection(source, None, "unreadable", str(exc))])
    return parse_article_bytes(data, source, sha256_bytes(data))


def list_inbox(inbox: Path) -> list[str]:
    """Every candidate file below the inbox, relative and sorted; hidden and partial files skipped.

    Names starting with a dot and temporary suffixes (.part, .tmp, .crdownload, ~) are files
    still being written by another tool; they are picked up once renamed.
    """
    found: list[str] = []
    if not inbox.is_dir():
        return found
    for root, dirs, files in os.walk(inbox, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if is_partial_name(name):
                continue
            found.append(str((Path(root) / name).relative_to(inbox)))
    return sorted(found)


def is_partial_name(name: str) -> bool:
    lowered = name.lower()
    return (
        name.startswith(".")
        or name.endswith("~")
        or lowered.endswith((".part", ".tmp", ".crdownload", ".partial", ".swp"))
    )
