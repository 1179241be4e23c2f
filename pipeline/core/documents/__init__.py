"""The documents stage: inbox files to cleaned articles, rejections and duplicates.

Reading (`inbox`, `decode`, `formats`, `metadata`, `json_records`):

Reading inbox files into raw articles, or into rejections with a reason.

Every file in the inbox ends up as one or more `RawArticle`s or as one `Rejection`:
nothing is skipped silently. Formats: plain text, Markdown, HTML (main text via trafilatura),
JSON / JSON Lines article records. Any common encoding is decoded to NFC text with mojibake
repaired; curly quotes and dashes are kept because the quote stage needs them.

Cleaning (`boilerplate`, `paragraphs`, `clean`):

Cleaning decoded article text: boilerplate out, headline and dateline apart, article kept.

Rules describe how news pages are built (ad markers, share widgets, credits, donation pleas,
bylines, link lists, site notices), never particular articles. Every rule matches a whole line
and most only short lines, so a paragraph of reporting that mentions "subscribers" or "photos"
is never dropped: when unsure a line is kept, because losing reporting is worse than keeping
a stray widget.

The result keeps ONE paragraph per line (hard-wrapped text is re-joined), no blank lines;
subheadings stay as their own lines (see `is_subheading`).

Duplicates (`dedup`): MinHash fingerprints and LSH, exact and near duplicates.
"""

from pipeline.core.documents.boilerplate import (
    CLEANER_VERSION,
    MIN_ARTICLE_WORDS,
    CleanedText,
    classify_line,
    is_subheading,
)
from pipeline.core.documents.clean import clean_text
from pipeline.core.documents.decode import decode_bytes, looks_binary, normalise_text
from pipeline.core.documents.dedup import (
    DEDUP_VERSION,
    find_duplicates,
    fingerprint,
    is_valid_fingerprint,
    parse_fingerprint,
    similar,
)
from pipeline.core.documents.formats import html_to_article, markdown_to_text
from pipeline.core.documents.inbox import (
    is_partial_name,
    list_inbox,
    parse_article_bytes,
    read_inbox_file,
)
from pipeline.core.documents.inputs import (
    DEFAULT_MAX_BYTES,
    INGEST_VERSION,
    REJECTION_REASONS,
    SUPPORTED_EXTENSIONS,
    RawArticle,
    ReadResult,
    RejectedInput,
    Rejection,
)
from pipeline.core.documents.metadata import iso_date
from pipeline.core.documents.paragraphs import join_paragraphs

__all__ = [
    # reading: files to raw articles or rejections
    "DEFAULT_MAX_BYTES", "INGEST_VERSION", "REJECTION_REASONS", "SUPPORTED_EXTENSIONS",
    "RawArticle", "ReadResult", "RejectedInput", "Rejection", "decode_bytes", "html_to_article",
    "is_partial_name", "iso_date", "list_inbox", "looks_binary", "markdown_to_text",
    "normalise_text", "parse_article_bytes", "read_inbox_file",
    # cleaning: boilerplate out, one paragraph per line
    "CLEANER_VERSION", "MIN_ARTICLE_WORDS", "CleanedText", "classify_line", "clean_text",
    "is_subheading", "join_paragraphs",
    # duplicates: MinHash fingerprints and LSH
    "DEDUP_VERSION", "find_duplicates", "fingerprint", "is_valid_fingerprint",
    "parse_fingerprint", "similar",
]
