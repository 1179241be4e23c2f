"""Per-document work turned into tables with content-derived ids.

These functions take and return pandas DataFrames so the Dagster assets stay thin: they call
one function per stage and store what comes back. An extractor that raises on one document
records an error row for it; the other documents carry on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.core.documents import (
    MIN_ARTICLE_WORDS,
    RawArticle,
    Rejection,
    clean_text,
    read_inbox_file,
)
from pipeline.core.documents.dedup import find_duplicates, fingerprint, is_valid_fingerprint
from pipeline.core.documents.inputs import record_source
from pipeline.core.documents.language import detect_language, is_english
from pipeline.core.documents.pages import non_article_evidence
from pipeline.core.figures import MAX_FIGURES_PER_DOCUMENT, extract_figures_checked
from pipeline.core.mapping import DocumentMap, Outcome, map_plain
from pipeline.core.quotes import extract_quotes
from pipeline.core.text.ids import stable_id

log = logging.getLogger(__name__)

DOCUMENT_COLUMNS = ["doc_id", "source", "source_sha256", "title", "text", "n_words",
                    "duplicate_of", "record", "format", "outlet", "url", "published", "dateline",
                    "authors", "language"]
REJECTION_COLUMNS = ["source", "source_sha256", "reason", "detail"]
QUOTE_COLUMNS = ["quote_id", "doc_id", "text", "start", "end", "speaker", "speaker_mention",
                 "speaker_start", "speaker_end", "cue", "venue", "is_fragment"]
FIGURE_COLUMNS = ["figure_id", "doc_id", "surface", "start", "end", "kind", "value", "unit",
                  "qualifier", "measured", "date", "sentence", "role", "linked_figure_id",
                  "value_max"]
LOG_COLUMNS = ["doc_id", "rows", "error", "warning"]


def rejections_frame(rejections: Iterable[Rejection]) -> pd.DataFrame:
    """Rejections as a table (source, source_sha256, reason, detail), in the given order."""
    return pd.DataFrame([asdict(r) for r in rejections], columns=REJECTION_COLUMNS)


def _clean_article(art: RawArticle, removed: dict[str, int]) -> dict | Rejection:
    """One raw article as a document row (duplicate_of unset), or the rejection saying why not;
    adds the boilerplate lines it removed to `removed`."""
    # Records of a JSON file are "file/#record"; other files are their own source.
    source = art.source if art.record == 0 and art.format != "json" else (
        record_source(art.source, art.record))
    try:
        cleaned = clean_text(art.text, art.title)
    except Exception as exc:  # one bad article never stops the others
        return Rejection(source, art.source_sha256, "extraction_error",
                         f"cleaning failed: {exc!r}")
    for reason, n in cleaned.removed.items():
        removed[reason] = removed.get(reason, 0) + n
    n_words = cleaned.n_words
    if n_words < MIN_ARTICLE_WORDS:
        return Rejection(source, art.source_sha256, "too_short",
                         f"{n_words} words after cleaning; an article has at "
                         f"least {MIN_ARTICLE_WORDS}")
    evidence = non_article_evidence(cleaned.text)
    if evidence is not None:
        return Rejection(source, art.source_sha256, "not_an_article", evidence)
    return {
        "doc_id": stable_id("d", art.source_sha256, art.record),
        "source": source,
        "source_sha256": art.source_sha256,
        "title": cleaned.title,
        "text": cleaned.text,
        "n_words": n_words,
        "duplicate_of": None,
        "record": art.record,
        "format": art.format,
        "outlet": art.outlet,
        "url": art.url,
        "published": art.published or cleaned.published,
        "dateline": cleaned.dateline,
        # Metadata names the authors when it can (HTML meta, JSON fields), else the byline.
        "authors": list(art.authors) or cleaned.authors,
        "language": detect_language(cleaned.text),
    }


def clean_articles(
    articles: Iterable[RawArticle],
) -> tuple[pd.DataFrame, list[Rejection], dict[str, int]]:
    """Clean raw articles into document rows (duplicate_of unset) plus too-short rejections.

    Returns (documents, rejections, removed-line counts by reason). A publication date found
    in the text ("Published June 1, 2025") fills `published` when the metadata had none.
    """
    rows, rejections = [], []
    removed: dict[str, int] = {}
    for art in articles:
        cleaned = _clean_article(art, removed)
        (rejections if isinstance(cleaned, Rejection) else rows).append(cleaned)
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS), rejections, removed


@dataclass(frozen=True)
class FileDocuments:
    """What one inbox file gave: document rows with their near-duplicate fingerprints, the
    rejections of reading it (whole file or records) and of cleaning its articles, and the
    boilerplate lines removed by reason."""

    rows: list[dict] = field(default_factory=list)
    signatures: list[bytes] = field(default_factory=list)
    read_rejections: list[Rejection] = field(default_factory=list)
    clean_rejections: list[Rejection] = field(default_factory=list)
    removed: dict[str, int] = field(default_factory=dict)


def documents_of_file(inbox: Path, max_file_bytes: int, source: str) -> FileDocuments:
    """Read and clean one inbox file: the per-input work of the documents stage."""
    result = read_inbox_file(inbox, source, max_file_bytes)
    rows, rejections = [], []
    removed: dict[str, int] = {}
    for art in result.articles:
        cleaned = _clean_article(art, removed)
        (rejections if isinstance(cleaned, Rejection) else rows).append(cleaned)
    signatures = [fingerprint(row["text"]) for row in rows]
    return FileDocuments(rows, signatures, list(result.rejections), rejections, removed)


def documents_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def disambiguate_doc_ids(documents: pd.DataFrame, taken: set[str]) -> pd.DataFrame:
    """Content ids made unique: a byte-identical copy at another path gets an id derived from
    its path. Ids in `taken` (documents kept from earlier runs) never move."""
    taken = set(taken)
    ids = []
    for doc_id, source in zip(documents["doc_id"], documents["source"], strict=True):
        final = doc_id if doc_id not in taken else stable_id("d", doc_id, source)
        taken.add(final)
        ids.append(final)
    return documents.assign(doc_id=ids)


def precedence_order(documents: pd.DataFrame) -> pd.DataFrame:
    """Documents ordered earliest first: publication date (unknown last), source, record.

    This decides which copy of a story is the original; it only uses data in the table,
    so the same documents give the same originals whatever order they arrive in.
    """
    published = documents["published"].astype("object")
    known = published.map(lambda p: isinstance(p, str) and bool(p))
    order = documents.assign(
        _unknown=~known,
        _pub=published.where(known, ""),
        _record=documents["record"].astype("int64"),
    )
    return order.sort_values(["_unknown", "_pub", "source", "_record"], kind="stable").drop(
        columns=["_unknown", "_pub", "_record"])


SIGNATURE_COLUMNS = ["doc_id", "signature"]


def mark_duplicates(
    documents: pd.DataFrame, signatures: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Set duplicate_of to the earliest document each (near-)duplicates.

    `signatures` (doc_id, signature bytes) caches per-document fingerprints from earlier
    runs so that only new documents are fingerprinted; the returned frame holds the
    signatures of every current document, to store for the next run. Exact copies (same
    cleaned words) and near-copies (MinHash LSH, see `pipeline.core.documents.dedup`) both count.
    """
    cached: dict[str, bytes] = {}
    if signatures is not None and not signatures.empty:
        cached = {d: bytes(s) for d, s in zip(signatures["doc_id"], signatures["signature"],
                                              strict=True) if is_valid_fingerprint(s)}
    fingerprints = {
        doc_id: cached.get(doc_id) or fingerprint(text)
        for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)
    }
    ordered = precedence_order(documents)
    dups = find_duplicates(list(ordered["doc_id"]), fingerprints)
    out = documents.copy()
    out["duplicate_of"] = pd.Series([dups.get(d) for d in out["doc_id"]], index=out.index,
                                    dtype="object")
    sigs = pd.DataFrame({"doc_id": list(documents["doc_id"]),
                         "signature": [fingerprints[d] for d in documents["doc_id"]]},
                        columns=SIGNATURE_COLUMNS)
    return out, sigs


# A document as the extractors get it: (doc_id, text, published ISO date or None). Plain
# tuples, so a worker process or a cluster can receive them.
DocInput = tuple[str, str, str | None]


def document_inputs(documents: pd.DataFrame) -> list[DocInput]:
    published = [p if isinstance(p, str) else None for p in documents["published"]]
    return list(zip(documents["doc_id"], documents["text"], published, strict=True))


def failure_text(stage: str, outcome: Outcome) -> str:
    """The log's error for a document without rows: "over_budget: <stage> stage: <limit>" for
    a document over its budget, "<stage>: <exception and traceback>" for an extractor error."""
    if outcome.failure == "over_budget":
        return f"over_budget: {stage} stage: {outcome.detail}"
    return f"{stage}: {outcome.detail}"


def _extract_all(
    documents: pd.DataFrame,
    stage: str,
    extract: Callable[[DocInput], list[dict] | tuple[list[dict], str | None]],
    columns: list[str],
    progress: Callable[[int, int], None] | None = None,
    map_fn: DocumentMap | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run `extract` per document; returns (rows, log with one row per document).

    Rows come in document order whatever runs the map, so any number of workers gives the
    same table. A document in another language than English is not given to the (English)
    extractor: its log row has no rows and says why in `warning`."""
    all_inputs = document_inputs(documents)
    languages = (list(documents["language"]) if "language" in documents
                 else [None] * len(all_inputs))
    skipped = {doc[0]: language for doc, language in zip(all_inputs, languages, strict=True)
               if not is_english(language)}
    inputs = [doc for doc in all_inputs if doc[0] not in skipped]
    outcomes = iter((map_fn or map_plain)(extract, inputs, progress))
    rows: list[dict] = []
    log_rows: list[dict] = []
    for doc_id, _, _ in all_inputs:
        if doc_id in skipped:
            log_rows.append({"doc_id": doc_id, "rows": 0, "error": None,
                             "warning": f"skipped: the document's language is "
                                        f"'{skipped[doc_id]}'; the {stage} extractor reads "
                                        f"English only"})
            continue
        outcome = next(outcomes)
        if outcome.failure is None:
            found, warning = outcome.value, None
            if isinstance(found, tuple):  # (rows, what was lost without losing the document)
                found, warning = found
            rows.extend(found)
            log_rows.append({"doc_id": doc_id, "rows": len(found), "error": None,
                             "warning": warning})
        else:
            log.warning("%s extraction failed on %s: %s", stage, doc_id,
                        outcome.detail.splitlines()[0] if outcome.detail else outcome.failure)
            log_rows.append({"doc_id": doc_id, "rows": 0, "error": failure_text(stage, outcome),
                             "warning": None})
    return pd.DataFrame(rows, columns=columns), pd.DataFrame(log_rows, columns=LOG_COLUMNS)


def quote_rows(doc: DocInput) -> list[dict]:
    """Quote rows of one document, with content-derived ids."""
    doc_id, text, _ = doc
    out = []
    for q in extract_quotes(text):
        row = asdict(q)
        row["quote_id"] = stable_id("q", doc_id, q.start, q.end)
        row["doc_id"] = doc_id
        out.append(row)
    return out


def figure_rows(doc: DocInput) -> tuple[list[dict], str | None]:
    """Figure rows of one document, change pairs linked by figure id, and a warning naming
    the sentences the extractor raised on (each loses only its own figures) or the row cap."""
    doc_id, text, published = doc
    extraction = extract_figures_checked(text, published)
    figs = extraction.figures
    ids = [stable_id("g", doc_id, f.start, f.end, f.kind) for f in figs]
    out = []
    for f, fid in zip(figs, ids, strict=True):
        row = asdict(f)
        linked = row.pop("linked")
        row["figure_id"] = fid
        row["doc_id"] = doc_id
        row["linked_figure_id"] = ids[linked] if linked is not None else None
        out.append(row)
    notes = [f"sentence {e.start}-{e.end} dropped: {e.error}" for e in extraction.sentence_errors]
    if extraction.capped:
        notes.append(f"figures capped at {MAX_FIGURES_PER_DOCUMENT} rows")
    return out, "; ".join(notes)[:2000] or None


def quotes_for_documents(
    documents: pd.DataFrame, progress: Callable[[int, int], None] | None = None,
    map_fn: DocumentMap | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Quote rows for every document, and a log row per document (with the error, if any)."""
    table, log_table = _extract_all(
        documents, "quotes", quote_rows, QUOTE_COLUMNS, progress, map_fn
    )
    for column in ("speaker_start", "speaker_end"):  # offsets, null without a mention
        table[column] = table[column].astype("Int64")
    return table, log_table


def figures_for_documents(
    documents: pd.DataFrame, progress: Callable[[int, int], None] | None = None,
    map_fn: DocumentMap | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Figure rows for every document, change pairs linked by figure id.

    A sentence the extractor raised on loses only its own figures; the log row's `warning`
    names those sentences (and says when the per-document row cap cut the figures)."""
    return _extract_all(documents, "figures", figure_rows, FIGURE_COLUMNS, progress, map_fn)
