"""What reading the inbox produces: raw articles, rejections and their reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

INGEST_VERSION = "6"  # 4: JSON records named file.json/#N; 5: linear Markdown, page dumps;
# 6: authors from HTML metadata and JSON fields; ftfy on extracted HTML text, readability fallback

SUPPORTED_EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml",
                        ".json", ".jsonl", ".ndjson"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


# A record of a JSON file is named like a path below that file: "feeds/wire.jsonl/#3". No
# inbox entry can have that name while "feeds/wire.jsonl" is a file (a file is not a folder),
# so a record never shares its source with a file (a file named "wire.jsonl#3" stays itself).
RECORD_MARK = "/#"


def record_source(source: str, record: int) -> str:
    """The `source` of record `record` (from 0) of the JSON file `source`."""
    return f"{source}{RECORD_MARK}{record}"


def file_of_source(source: str) -> str:
    """The inbox file a document or rejection came from ("a.jsonl/#3" -> "a.jsonl")."""
    head, mark, tail = source.rpartition(RECORD_MARK)
    return head if mark and tail.isdigit() else source


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
    authors: tuple[str, ...] = ()  # from HTML metadata or the record's author fields


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
    "over_budget",  # an input over its time or memory budget (pipeline.compute)
    "not_an_article",  # a policy, pitch, information page or link list (documents.pages)
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


