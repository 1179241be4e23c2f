"""Reading inbox files into raw articles, or into rejections with a reason.

Every file in the inbox ends up as one or more `RawArticle`s or as one `Rejection`:
nothing is skipped silently. Formats: plain text, Markdown, HTML (main text via trafilatura),
JSON / JSON Lines article records. Any common encoding is decoded to NFC text with mojibake
repaired; curly quotes and dashes are kept because the quote stage needs them.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pipeline.core.ids import sha256_bytes

INGEST_VERSION = "3"

SUPPORTED_EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml",
                        ".json", ".jsonl", ".ndjson"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class RawArticle:
    """One article as found in the inbox, decoded to text but not yet cleaned."""

    source: str  # path relative to the inbox
    source_sha256: str  # sha256 of the whole input file
    record: int  # index of the article inside the file (0 for single-article files)
    format: str  # txt, markdown, html, json
    text: str  # decoded text (for html: the extracted main text), one paragraph per line
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
    """Raised inside the readers; turned into a `Rejection` at the file boundary."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class ReadResult:
    articles: list[RawArticle] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Bytes → text

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures of common binary formats that crawlers and people drop by mistake.
_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
    b"\x7fELF", b"MZ", b"RIFF", b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf", b"OggS", b"fLaC", b"ID3",
    b"SQLite format 3", b"PAR1", b"\x00\x00\x00\x18ftyp", b"\x00\x00\x00\x20ftyp",
)

# Invisible characters that only get in the way of matching; removed outright.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACE_LIKE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 variant of BOM-less data whose every other byte is NUL (ASCII-heavy)."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """Known binary signatures, NUL bytes outside UTF-16/32, or mostly control bytes."""
    if data.startswith(tuple(b for b, _ in _BOMS)) or _utf16_without_bom(data):
        return False
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and control / len(head) > 0.05


def _legacy_decode(data: bytes) -> str:
    """Non-UTF-8 bytes: Windows-1252 for Latin-script text, else charset-normalizer's guess.

    charset-normalizer alone misreads short Western text (it guesses cp775 or cp1250 for a
    paragraph of English with curly quotes), so Windows-1252 is tried first and kept unless
    the result is mostly accented letters, which is what Cyrillic or Greek bytes look like
    in it. ftfy's "sloppy" Windows-1252 maps its five undefined bytes like Latin-1 does, as
    browsers do, so it never fails; UTF-8 pieces mixed in come out as mojibake, which
    `normalise_text` repairs.
    """
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    western = data.decode("sloppy-windows-1252")
    letters = [c for c in western if c.isalpha()]
    accented = sum(1 for c in letters if ord(c) > 127)
    if not letters or accented / len(letters) < 0.3:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else western


def normalise_text(text: str) -> str:
    """Line ends to \\n, mojibake repaired, NFC; curly quotes and dashes kept.

    ftfy fixes text that was encoded in one charset and decoded in another ("â€œ" → "“");
    it is told not to straighten quotes. Odd spaces become plain spaces and invisible
    characters (zero-width, soft hyphen, stray BOMs) are dropped.
    """
    import ftfy

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_character_width=False,
        fix_line_breaks=True,
        normalization="NFC",
    )
    text = text.translate(_INVISIBLE)
    text = _SPACE_LIKE.sub(" ", text).replace("\u2028", "\n").replace("\u2029", "\n")
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes) -> str:
    """Bytes of unknown encoding to normalised text.

    BOMs decide first (UTF-8/UTF-16/UTF-32); then BOM-less UTF-16; then strict UTF-8; then
    Windows-1252 or charset-normalizer's guess (see `_legacy_decode`).
    """
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            break
    if text is None and (variant := _utf16_without_bom(data)):
        text = data.decode(variant, errors="replace")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _legacy_decode(data)
    return normalise_text(text)


# ---------------------------------------------------------------------------------------------
# Formats

_HTML_START = re.compile(r"^\s*(<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_HTML_FRAGMENT = re.compile(r"<(p|br|div|h[1-6]|article|section|span|li|a)\b[^>]*>",
                            re.IGNORECASE)


def html_to_article(html: str) -> dict[str, str | None]:
    """Main text and metadata (title, date, url, sitename) of an HTML page, via trafilatura.

    trafilatura returns one paragraph per line and drops navigation, footers, share bars
    and most captions; its date comes from page metadata or the URL, never from the story's
    text or today's clock.
    """
    import trafilatura

    if not _HTML_START.match(html):
        html = f"<html><body><article>{html}</article></body></html>"
    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=False,
        with_metadata=True,
        deduplicate=False,
        # Dates from the page's metadata and URL only: a date mentioned in the story is not
        # when it was published.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return {"text": ""}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    return {
        "text": normalise_text(text),
        "title": data.get("title"),
        "date": data.get("date"),
        "url": data.get("url"),
        "outlet": data.get("sitename"),
    }


_MD_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(---|\.\.\.)\n", re.DOTALL)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*"
                          r"(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_LIST = re.compile(r"^\s{0,3}([-*+]|\d{1,3}[.)])\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def _emphasis(m: re.Match[str]) -> str:
    return m.group(2) or m.group(3) or m.group(4) or ""


def markdown_to_text(md: str) -> tuple[str, dict[str, str]]:
    """Markdown to plain lines, plus any YAML front-matter fields (title, date, url...).

    Markup goes (emphasis, links keep their words, images go, list and quote markers go);
    a top-level heading before any body text is the headline (meta "title" unless the front
    matter has one); other headings stay as subheading lines. Paragraph joining is left to
    the cleaner.
    """
    meta: dict[str, str] = {}
    m = _MD_FRONT_MATTER.match(md)
    if m:
        for line in m.group(1).split("\n"):
            key, sep, value = line.partition(":")
            if sep and value.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
        md = md[m.end():]
    lines = md.split("\n")
    out: list[str] = []
    joinable: list[bool] = []  # whether a following soft-broken line may join this one
    in_code = False
    for i, line in enumerate(lines):
        if line.strip().startswith(("```", "~~~")):
            in_code = not in_code
            out.append("")
            joinable.append(False)
            continue
        if in_code or _MD_LINK_DEF.match(line) or _MD_RULE.match(line):
            out.append("")
            joinable.append(False)
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and _MD_SETEXT.match(nxt) and not _MD_LIST.match(line):
            level = "#" if nxt.strip().startswith("=") else "##"
            line = f"{level} {line.strip()}"
        elif _MD_SETEXT.match(line) and out and not joinable[-1]:
            continue
        heading = _MD_HEADING.match(line)
        is_item = False
        if heading:
            line = heading.group(2)
        else:
            while _MD_QUOTE.match(line):
                line = _MD_QUOTE.sub("", line, count=1)
            is_item = bool(_MD_LIST.match(line))
            line = _MD_LIST.sub("", line)
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_REF_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(_emphasis, line)
        line = _MD_HTML_TAG.sub("", line)
        line = re.sub(r"\\([^\w\s])", r"\1", line)  # backslash escapes
        line = " ".join(line.split())
        if heading and len(heading.group(1)) == 1 and not any(o.strip() for o in out):
            meta.setdefault("title", line)
            if meta["title"] == line:
                continue
        if not line:
            out.append("")
            joinable.append(False)
        elif out and out[-1] and joinable[-1] and not heading and not is_item:
            out[-1] = f"{out[-1]} {line}"  # a soft line break inside a paragraph
        else:
            out.append(line)
            joinable.append(not heading)
        if heading:
            out.append("")  # a heading ends its block even without a blank line after it
            joinable.append(False)
    return "\n".join(out), meta


# ---------------------------------------------------------------------------------------------
# Metadata

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


# ---------------------------------------------------------------------------------------------
# JSON records

def _records(loaded: object) -> list[object]:
    """The article objects of a JSON document: a list, one object, or a list under a key."""
    if isinstance(loaded, list):
        return loaded
    if isinstance(loaded, dict):
        if _first(loaded, _TEXT_KEYS + _HTML_KEYS) is None:
            for key in ("articles", "items", "data", "results", "records", "documents", "posts"):
                inner = loaded.get(key)
                if isinstance(inner, list):
                    return inner
        return [loaded]
    return [loaded]


def _record_to_article(obj: object, source: str, sha: str, record: int) -> RawArticle:
    if not isinstance(obj, dict):
        raise RejectedInput("unreadable_json", f"record {record} is not a JSON object")
    title = _clean_field(_first(obj, _TITLE_KEYS))
    url = _clean_field(_first(obj, _URL_KEYS))
    outlet = _as_name(_first(obj, _OUTLET_KEYS))
    published = iso_date(_first(obj, _DATE_KEYS))
    text_value = _first(obj, _TEXT_KEYS)
    if isinstance(text_value, list):  # a list of paragraphs
        text_value = "\n\n".join(str(p) for p in text_value if isinstance(p, str))
    text = str(text_value) if isinstance(text_value, str | list) else ""
    html_value = _first(obj, _HTML_KEYS)
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
            title = title or _clean_field(found.get("title"))
            published = published or iso_date(found.get("date"))
            url = url or _clean_field(found.get("url"))
            outlet = outlet or _as_name(found.get("outlet"))
    else:
        text = normalise_text(text)
    if not text.strip():
        raise RejectedInput("no_text", f"record {record} has no article text ('text' or 'html')")
    return RawArticle(source=source, source_sha256=sha, record=record, format="json",
                      text=text, title=title, url=url, outlet=outlet, published=published)


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
                result.rejections.append(Rejection(f"{source}#{i}", sha, "unreadable_json",
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
            result.rejections.append(Rejection(f"{source}#{i}", sha, exc.reason, exc.detail))
    if not result.articles and not result.rejections:
        raise RejectedInput("no_text", "the JSON holds no article records")
    return result


# ---------------------------------------------------------------------------------------------
# One file

def parse_article_bytes(data: bytes, source: str, sha: str | None = None) -> ReadResult:
    """Turn one file's bytes into articles or rejections, by its extension (and content)."""
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
            raise RejectedInput("binary", "the file is not text (binary signature, NUL or "
                                "control bytes)")
        text = decode_bytes(data)
        if not text.strip():
            raise RejectedInput("empty", "the file holds only whitespace or invisible characters")
        if ext in (".json", ".jsonl", ".ndjson"):
            return _read_json(text, source, sha, lines=ext != ".json")
        if ext in (".html", ".htm", ".xhtml") or _HTML_START.match(text):
            try:
                found = html_to_article(text)
            except Exception as exc:  # a parser failure rejects this file, not the run
                raise RejectedInput("extraction_error", f"HTML extraction failed: {exc!r}") from exc
            if not (found["text"] or "").strip():
                raise RejectedInput("no_text", "no article text found in the HTML")
            result.articles.append(RawArticle(
                source, sha, 0, "html", found["text"] or "", _clean_field(found.get("title")),
                _clean_field(found.get("url")), _as_name(found.get("outlet")),
                iso_date(found.get("date"))))
        elif ext in (".md", ".markdown"):
            body, meta = markdown_to_text(text)
            result.articles.append(RawArticle(
                source, sha, 0, "markdown", body, _clean_field(_first(meta, _TITLE_KEYS)),
                _clean_field(_first(meta, _URL_KEYS)), _as_name(_first(meta, _OUTLET_KEYS)),
                iso_date(_first(meta, _DATE_KEYS))))
        else:
            result.articles.append(RawArticle(source, sha, 0, "txt", text))
    except RejectedInput as exc:
        result.rejections.append(Rejection(source, sha, exc.reason, exc.detail))
    return result


def read_inbox_file(
    inbox: Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> ReadResult:
    """Read `inbox/source` safely: symlinks escaping the inbox, special files, size limit,
    files that vanish or cannot be opened. Never raises for a bad file."""
    path = inbox / source

    def reject(reason: str, detail: str, sha: str | None = None) -> ReadResult:
        return ReadResult(rejections=[Rejection(source, sha, reason, detail)])

    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(inbox.resolve()):
            return reject("outside_inbox", "a link to a file outside the inbox")
        st = real.stat()
        if not stat.S_ISREG(st.st_mode):
            return reject("unreadable", "not a regular file (directory, pipe, socket or device)")
        if st.st_size > max_bytes:
            return reject("too_large", f"{st.st_size} bytes is over the limit of {max_bytes}")
        with open(real, "rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may grow after the size check
        if len(data) > max_bytes:
            return reject("too_large", f"over the limit of {max_bytes} bytes while reading")
    except FileNotFoundError:
        return reject("vanished", "the file disappeared before it could be read")
    except (OSError, RuntimeError) as exc:  # permissions, symlink loops, I/O errors
        return reject("unreadable", f"{type(exc).__name__}: {exc}")
    sha = sha256_bytes(data)
    try:
        return parse_article_bytes(data, source, sha)
    except Exception as exc:  # last resort: one odd file never stops the run
        return reject("extraction_error", f"{type(exc).__name__}: {exc}", sha)


def list_inbox(inbox: Path, unreadable: list[Rejection] | None = None) -> list[str]:
    """Every candidate file below the inbox, relative and sorted; hidden and partial files skipped.

    Names starting with a dot and temporary suffixes (.part, .tmp, .crdownload, ~) are files
    still being written by another tool; they are picked up once renamed. Symlinks are listed
    (the reader rejects those pointing outside the inbox), including links to folders, which
    are not followed. Pipes, sockets and devices are not listed (opening a pipe blocks
    forever), nor are names that are not valid UTF-8, which no table can hold: when
    `unreadable` is given, each of those is appended to it as a rejection (the name escaped).
    """
    found: list[str] = []
    if not inbox.is_dir():
        return found
    for root, dirs, files in os.walk(inbox, followlinks=False):
        linked_dirs = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked_dirs)
        for name in [*files, *linked_dirs]:
            if is_partial_name(name):
                continue
            full = os.path.join(root, name)
            shown = os.path.relpath(full, inbox).encode("utf-8", "surrogateescape").decode(
                "utf-8", "backslashreplace")
            if _is_special(full):
                if unreadable is not None:
                    unreadable.append(Rejection(shown, None, "unreadable",
                                                "not a regular file (a pipe, socket or device)"))
                continue
            if not _is_utf8_name(full):
                # Tables cannot hold this name (pyarrow refuses lone surrogates); listing it
                # would crash the run, so it is rejected under its escaped name.
                logging.getLogger(__name__).warning(
                    "inbox file with a name that is not UTF-8 left out: %r", full)
                if unreadable is not None:
                    unreadable.append(Rejection(shown, None, "unreadable",
                                                "the file name is not valid UTF-8; rename it"))
                continue
            found.append(str(Path(full).relative_to(inbox)))
    return sorted(found)


def _is_utf8_name(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_special(path: str) -> bool:
    """A pipe, socket or device, directly or behind a symlink (reading one can block)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # vanished, dangling link or loop: listed, and the reader records why
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def is_partial_name(name: str) -> bool:
    """Files another tool is still writing (dot-files, editor swap files, downloads)."""
    lowered = name.lower()
    return (
        name.startswith(".")
        or name.endswith("~")
        or lowered.endswith((".part", ".tmp", ".crdownload", ".partial", ".swp"))
    )
