"""One pandera DataFrameModel per table, the Arrow type each is stored with, and validation.

Rules follow ../shared/dataset-contract.md: column names and types, nullability, allowed
values, unique ids, and spans that are exactly `documents.text[start:end]`. Span checks need
the documents, so `validate_table` joins them in when given.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
import pyarrow as pyarrow
from pandera.typing import Series

FIGURE_KINDS = ["percent", "money", "count", "duration", "date", "year", "quantity"]
FIGURE_ROLES = ["from", "to", "by"]
FACT_KINDS = ["quote", "figure"]
REJECTION_REASONS = [
    "empty", "binary", "too_large", "unsupported_extension", "unreadable_json", "no_text",
    "too_short", "outside_inbox", "vanished", "unreadable", "extraction_error",
    "over_budget", "not_an_article",
]
QUALIFIERS = ["over", "under", "about", "nearly", "up to", "at least", "at most", "exactly"]
_ISO_DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$"


class DocumentsSchema(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(unique=True, str_matches=r"^d_[0-9a-f]{16}$")
    source: Series[str]
    source_sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    title: Series[str] = pa.Field(nullable=True)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    n_words: Series[int] = pa.Field(ge=0)
    duplicate_of: Series[str] = pa.Field(nullable=True)
    record: Series[int] = pa.Field(ge=0)
    format: Series[str] = pa.Field(isin=["txt", "markdown", "html", "json"])
    outlet: Series[str] = pa.Field(nullable=True)
    url: Series[str] = pa.Field(nullable=True)
    published: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    dateline: Series[str] = pa.Field(nullable=True)
    authors: Series[object]  # list of names, empty when no byline or metadata names anyone
    language: Series[str] = pa.Field(nullable=True, str_matches=r"^[a-z]{2}$")
    # Added at release time from the stories stage (null in the documents stage table).
    story_id: Series[str] = pa.Field(nullable=True, str_matches=r"^s_[0-9a-f]{16}$")

    @pa.dataframe_check(error="duplicate_of must name another document in the table")
    def duplicates_point_to_documents(cls, df: pd.DataFrame) -> pd.Series:
        dup = df["duplicate_of"]
        return dup.isna() | (dup.isin(df["doc_id"]) & (dup != df["doc_id"]))

    @pa.dataframe_check(error="(source, record) must be unique")
    def one_row_per_record(cls, df: pd.DataFrame) -> pd.Series:
        return ~df.duplicated(["source", "record"], keep=False)

    class Config:
        strict = True
        coerce = False


class RejectionsSchema(pa.DataFrameModel):
    source: Series[str] = pa.Field(unique=True)
    source_sha256: Series[str] = pa.Field(nullable=True)
    reason: Series[str] = pa.Field(isin=REJECTION_REASONS)
    detail: Series[str]

    class Config:
        strict = True


class _SpanTable(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(str_matches=r"^d_[0-9a-f]{16}$")
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=0)

    @pa.dataframe_check(error="start must be before end")
    def start_before_end(cls, df: pd.DataFrame) -> pd.Series:
        return df["start"] < df["end"]


class QuotesSchema(_SpanTable):
    quote_id: Series[str] = pa.Field(unique=True, str_matches=r"^q_[0-9a-f]{16}$")
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    speaker: Series[str] = pa.Field(nullable=True)
    speaker_mention: Series[str] = pa.Field(nullable=True)
    speaker_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    speaker_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    cue: Series[str] = pa.Field(nullable=True)
    venue: Series[str] = pa.Field(nullable=True)
    is_fragment: Series[bool]

    class Config:
        strict = True


class FiguresSchema(_SpanTable):
    figure_id: Series[str] = pa.Field(unique=True, str_matches=r"^g_[0-9a-f]{16}$")
    surface: Series[str] = pa.Field(str_length={"min_value": 1})
    kind: Series[str] = pa.Field(isin=FIGURE_KINDS)
    value: Series[float] = pa.Field(nullable=True)
    unit: Series[str] = pa.Field(nullable=True)
    qualifier: Series[str] = pa.Field(nullable=True, isin=QUALIFIERS)
    measured: Series[str] = pa.Field(nullable=True)
    date: Series[str] = pa.Field(nullable=True, str_matches=_ISO_DATE)
    sentence: Series[str]
    role: Series[str] = pa.Field(nullable=True, isin=FIGURE_ROLES)
    linked_figure_id: Series[str] = pa.Field(nullable=True)
    value_max: Series[float] = pa.Field(nullable=True)

    @pa.dataframe_check(error="value_max is the high end of a range: above value, or null")
    def range_ascends(cls, df: pd.DataFrame) -> pd.Series:
        return df["value_max"].isna() | (df["value"].notna() & (df["value_max"] > df["value"]))

    @pa.dataframe_check(error="dates have a date and no value; other kinds have a value")
    def value_matches_kind(cls, df: pd.DataFrame) -> pd.Series:
        is_date = df["kind"] == "date"
        return (is_date & df["value"].isna()) | (~is_date & df["value"].notna())

    @pa.dataframe_check(error="linked_figure_id must name a figure of the same document")
    def links_resolve(cls, df: pd.DataFrame) -> pd.Series:
        doc_of = dict(zip(df["figure_id"], df["doc_id"], strict=True))
        linked = df["linked_figure_id"]
        return linked.isna() | pd.Series(
            [doc_of.get(lk) == d for lk, d in zip(linked, df["doc_id"], strict=True)],
            index=df.index,
        )

    class Config:
        strict = True


class FactsSchema(pa.DataFrameModel):
    fact_id: Series[str] = pa.Field(unique=True, str_matches=r"^f_[0-9a-f]{16}$")
    kind: Series[str] = pa.Field(isin=FACT_KINDS)
    statement: Series[str] = pa.Field(str_length={"min_value": 1})
    speaker: Series[str] = pa.Field(nullable=True)
    value: Series[float] = pa.Field(nullable=True)
    unit: Series[str] = pa.Field(nullable=True)
    n_documents: Series[int] = pa.Field(ge=1)
    n_mentions: Series[int] = pa.Field(ge=1)
    doc_ids: Series[object]
    conflict: Series[bool]
    conflict_note: Series[str] = pa.Field(nullable=True)
    story_id: Series[str] = pa.Field(nullable=True, str_matches=r"^s_[0-9a-f]{16}$")

    @pa.dataframe_check(error="n_documents must equal the number of doc_ids")
    def doc_count_matches(cls, df: pd.DataFrame) -> pd.Series:
        return df["doc_ids"].map(len) == df["n_documents"]

    @pa.dataframe_check(error="a conflict needs a conflict_note, and only a conflict has one")
    def conflict_has_note(cls, df: pd.DataFrame) -> pd.Series:
        return df["conflict"] == df["conflict_note"].notna()

    @pa.dataframe_check(error="figure facts have no speaker; quote facts have no value")
    def kind_fields(cls, df: pd.DataFrame) -> pd.Series:
        quote = df["kind"] == "quote"
        return (quote & df["value"].isna()) | (~quote & df["speaker"].isna())

    class Config:
        strict = True


class StoriesSchema(pa.DataFrameModel):
    story_id: Series[str] = pa.Field(unique=True, str_matches=r"^s_[0-9a-f]{16}$")
    label: Series[str] = pa.Field(str_length={"min_value": 1})
    n_documents: Series[int] = pa.Field(ge=1)
    n_outlets: Series[int] = pa.Field(ge=0)
    first_published: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    last_published: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    key_terms: Series[object]

    @pa.dataframe_check(error="first_published must not be after last_published")
    def dates_in_order(cls, df: pd.DataFrame) -> pd.Series:
        both = df["first_published"].notna() & df["last_published"].notna()
        return ~both | (df["first_published"] <= df["last_published"])

    class Config:
        strict = True


class SpeakersSchema(pa.DataFrameModel):
    speaker: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    aliases: Series[object]
    titles: Series[object]
    n_quotes: Series[int] = pa.Field(ge=1)
    n_documents: Series[int] = pa.Field(ge=1)
    n_stories: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True


class FactMentionsSchema(pa.DataFrameModel):
    fact_id: Series[str] = pa.Field(str_matches=r"^f_[0-9a-f]{16}$")
    mention_id: Series[str] = pa.Field(unique=True)
    doc_id: Series[str]

    class Config:
        strict = True


def span_failures(spans: pd.DataFrame, span_column: str, documents: pd.DataFrame) -> pd.DataFrame:
    """Rows whose span is not exactly `documents.text[start:end]`, with the rule each breaks.

    Checked row by row against a doc_id → text lookup rather than by joining the text onto
    every row: a 5 MB article with 30,000 quotes would otherwise need 150 GB.
    """
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    cases = []
    for index, doc_id, start, end, span in zip(
        spans.index, spans["doc_id"], spans["start"], spans["end"], spans[span_column],
        strict=True,
    ):
        text = texts.get(doc_id)
        if not isinstance(text, str):
            rule = "doc_id must name a document"
        elif end > len(text):
            rule = "end must lie inside the document text"
        elif text[start:end] != span:
            rule = "documents.text[start:end] must equal the extracted span"
        else:
            continue
        cases.append({"index": index, "column": span_column, "check": rule,
                      "failure_case": f"{doc_id}[{start}:{end}] {str(span)[:60]!r}"})
    return pd.DataFrame(cases, columns=["index", "column", "check", "failure_case"])


@dataclass(frozen=True)
class TableSpec:
    """Everything declared about one table: its pandera model, its Arrow type, its id column,
    the column that must equal `documents.text[start:end]`, and whether releases publish it
    (False for a working table the stages keep to themselves)."""

    model: type[pa.DataFrameModel]
    arrow: pyarrow.Schema
    id_column: str | None
    span_column: str | None = None
    released: bool = True


_s, _i, _f, _b = pyarrow.string(), pyarrow.int64(), pyarrow.float64(), pyarrow.bool_()
# The one declaration per table; the order is the order of a release's manifest.
SPECS: dict[str, TableSpec] = {
    "documents": TableSpec(
        DocumentsSchema,
        pyarrow.schema([
            ("doc_id", _s), ("source", _s), ("source_sha256", _s), ("title", _s), ("text", _s),
            ("n_words", _i), ("duplicate_of", _s), ("record", _i), ("format", _s), ("outlet", _s),
            ("url", _s), ("published", _s), ("dateline", _s), ("authors", pyarrow.list_(_s)),
            ("language", _s), ("story_id", _s)]),
        id_column="doc_id"),
    "quotes": TableSpec(
        QuotesSchema,
        pyarrow.schema([
            ("quote_id", _s), ("doc_id", _s), ("text", _s), ("start", _i), ("end", _i),
            ("speaker", _s), ("speaker_mention", _s), ("speaker_start", _i), ("speaker_end", _i),
            ("cue", _s), ("venue", _s), ("is_fragment", _b)]),
        id_column="quote_id", span_column="text"),
    "figures": TableSpec(
        FiguresSchema,
        pyarrow.schema([
            ("figure_id", _s), ("doc_id", _s), ("surface", _s), ("start", _i), ("end", _i),
            ("kind", _s), ("value", _f), ("unit", _s), ("qualifier", _s), ("measured", _s),
            ("date", _s), ("sentence", _s), ("role", _s), ("linked_figure_id", _s),
            ("value_max", _f)]),
        id_column="figure_id", span_column="surface"),
    "facts": TableSpec(
        FactsSchema,
        pyarrow.schema([
            ("fact_id", _s), ("kind", _s), ("statement", _s), ("speaker", _s), ("value", _f),
            ("unit", _s), ("n_documents", _i), ("n_mentions", _i),
            ("doc_ids", pyarrow.list_(_s)), ("conflict", _b), ("conflict_note", _s),
            ("story_id", _s)]),
        id_column="fact_id"),
    "fact_mentions": TableSpec(
        FactMentionsSchema,
        pyarrow.schema([("fact_id", _s), ("mention_id", _s), ("doc_id", _s)]),
        id_column="mention_id"),
    "rejections": TableSpec(
        RejectionsSchema,
        pyarrow.schema([
            ("source", _s), ("source_sha256", _s), ("reason", _s), ("detail", _s)]),
        id_column=None),
    "stories": TableSpec(
        StoriesSchema,
        pyarrow.schema([
            ("story_id", _s), ("label", _s), ("n_documents", _i), ("n_outlets", _i),
            ("first_published", _s), ("last_published", _s), ("key_terms", pyarrow.list_(_s))]),
        id_column="story_id"),
    "speakers": TableSpec(
        SpeakersSchema,
        pyarrow.schema([
            ("speaker", _s), ("aliases", pyarrow.list_(_s)), ("titles", pyarrow.list_(_s)),
            ("n_quotes", _i), ("n_documents", _i), ("n_stories", _i)]),
        id_column="speaker"),
}
MODELS: dict[str, type[pa.DataFrameModel]] = {name: spec.model for name, spec in SPECS.items()}
ARROW_SCHEMAS: dict[str, pyarrow.Schema] = {name: spec.arrow for name, spec in SPECS.items()}
TABLES = list(SPECS)
# The tables a release publishes (pipeline.release.RELEASE_TABLES), in manifest order.
RELEASED_TABLES = [name for name, spec in SPECS.items() if spec.released]
_SPAN_COLUMN = {name: spec.span_column for name, spec in SPECS.items() if spec.span_column}


class SchemaValidationError(Exception):
    """A table failed its schema: which table, which rules, which rows."""

    def __init__(self, table: str, failure_cases: pd.DataFrame) -> None:
        self.table = table
        self.failure_cases = failure_cases
        checks = ", ".join(sorted({str(c) for c in failure_cases.get("check", [])}))[:500]
        super().__init__(
            f"table '{table}' failed its schema: {len(failure_cases)} failure case(s) "
            f"({checks})\n{failure_cases.head(20).to_string()}"
        )


# Integer columns that may be null (pandas' nullable Int64): quote speaker offsets.
_NULLABLE_INTS = frozenset({"speaker_start", "speaker_end"})


def normalise_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Columns in contract order with the dtypes the schema expects (after Parquet round trips)."""
    schema = ARROW_SCHEMAS[name]
    out = df.reindex(columns=schema.names).copy()
    for field in schema:
        col = out[field.name]
        if pyarrow.types.is_string(field.type):
            # Only text and missing values become pandas' string dtype; anything else is
            # left alone for the schema to report as a wrong type.
            if col.empty or isinstance(col.dtype, pd.StringDtype) or col.isna().all() or (
                pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty")):
                out[field.name] = col.astype("str")
                out.loc[col.isna(), field.name] = None
        elif pyarrow.types.is_int64(field.type):
            out[field.name] = col.astype("Int64" if field.name in _NULLABLE_INTS else "int64")
        elif pyarrow.types.is_float64(field.type):
            out[field.name] = col.astype("float64")
        elif pyarrow.types.is_boolean(field.type):
            out[field.name] = col.astype("bool")
        elif pyarrow.types.is_list(field.type):
            # A list column a frame lacks (reindexed to NaN) is empty lists.
            out[field.name] = col.map(
                lambda v: [str(x) for x in v] if v is not None and not isinstance(v, float)
                else []).astype(object)
    return out


def validate_table(
    name: str, df: pd.DataFrame, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Validate `df` as table `name` (lazily, every rule); raise SchemaValidationError on failure.

    For quotes and figures, pass `documents` to also check every span against the text.
    """
    df = normalise_frame(name, df)
    try:
        validated = MODELS[name].validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise SchemaValidationError(name, exc.failure_cases) from None
    if name in _SPAN_COLUMN and documents is not None:
        cases = span_failures(df, _SPAN_COLUMN[name], documents)
        if len(cases):
            raise SchemaValidationError(name, cases)
    return validated


def to_arrow(name: str, df: pd.DataFrame) -> pyarrow.Table:
    """The frame as an Arrow table with the table's exact schema (types, order, nullability)."""
    df = normalise_frame(name, df)
    table = pyarrow.Table.from_pandas(df, schema=ARROW_SCHEMAS[name], preserve_index=False)
    return table.replace_schema_metadata(None)  # no pandas metadata: same bytes across versions


# What each column means (from the dataset contract and the README); shown in the Dagster UI.
COLUMN_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "stable id derived from the article's content",
        "source": "path of the input file relative to the inbox (file#N for JSON records)",
        "source_sha256": "sha256 of the input file's bytes",
        "title": "headline, when the article has one",
        "text": "cleaned body text; offsets in quotes and figures index into it",
        "n_words": "words in text",
        "duplicate_of": "doc_id of the earlier document this one (near-)duplicates",
        "record": "index of the article inside its file",
        "format": "txt, markdown, html or json",
        "outlet": "publisher, from JSON or HTML metadata",
        "url": "article URL, from JSON or HTML metadata",
        "published": "publication date, ISO YYYY-MM-DD",
        "dateline": "leading dateline removed from the text",
        "authors": "people named as authors by HTML or JSON metadata, else by the byline",
        "language": "ISO 639-1 code of the text (py3langid); null when unsure; only English "
                    "documents get quotes and figures",
        "story_id": "the story (event) the document reports; a duplicate has its original's",
    },
    "rejections": {
        "source": "the input (file, or file#N for a record) that did not become a document",
        "source_sha256": "sha256 of the file's bytes when it could be read",
        "reason": "machine-readable reason (empty, binary, too_large, too_short, ...)",
        "detail": "what exactly was wrong",
    },
    "quotes": {
        "quote_id": "stable id", "doc_id": "the document",
        "text": "the quoted words, without the enclosing marks",
        "start": "offset of text in documents.text", "end": "end offset",
        "speaker": "canonical name of who said it; null when the text does not say",
        "speaker_mention": "how the attribution names the speaker (he, a surname, a role)",
        "speaker_start": "offset of speaker_mention in documents.text; null without one",
        "speaker_end": "end offset of speaker_mention",
        "cue": "reporting verb", "venue": "where it was said, when the text says",
        "is_fragment": "a partial quote woven into the writer's sentence",
    },
    "figures": {
        "figure_id": "stable id", "doc_id": "the document",
        "surface": "as written", "start": "offset in documents.text", "end": "end offset",
        "kind": "percent, money, count, duration, date, year or quantity",
        "value": "normalised number; null for dates",
        "unit": "percent, ISO 4217 currency, duration or measurement unit",
        "qualifier": "over, under, about, nearly, up to, at least, at most, ...",
        "measured": "what the figure measures",
        "date": "ISO 8601 as far as known (--MM-DD when the year is unknown)",
        "sentence": "the sentence it stands in",
        "role": "from, to or by when one side of a change",
        "linked_figure_id": "the other side of the change",
        "value_max": "high end of a range ('18 to 25 percent'); value is the low end",
    },
    "facts": {
        "fact_id": "stable id, kept across releases",
        "kind": "quote or figure",
        "statement": "readable canonical form",
        "speaker": "quote facts: the speaker most sources give",
        "value": "figure facts: the value", "unit": "figure facts: the unit",
        "n_documents": "distinct non-duplicate documents that state it",
        "n_mentions": "mentions across all documents",
        "doc_ids": "the documents",
        "conflict": "sources disagree (speaker, venue, value of the same measure)",
        "conflict_note": "what they disagree about, with counts",
        "story_id": "the story the fact belongs to; null when its documents span stories "
                    "(a long quote carried by several stories)",
    },
    "fact_mentions": {
        "fact_id": "the fact", "mention_id": "a quote_id or figure_id", "doc_id": "its document",
    },
    "stories": {
        "story_id": "stable id, derived from the story's founding document",
        "label": "a readable headline: the earliest member's title, else its first sentence",
        "n_documents": "documents in the story, duplicates included",
        "n_outlets": "distinct outlets among them (when known)",
        "first_published": "earliest publication date (ISO) among them",
        "last_published": "latest publication date (ISO) among them",
        "key_terms": "the names that weigh most in the story",
    },
    "speakers": {
        "speaker": "canonical name: the fullest form of the name, without titles",
        "aliases": "every other way quotes name this person",
        "titles": "titles and roles given to them (Mr., President, Treasury Secretary, ...)",
        "n_quotes": "quotes attributed to them", "n_documents": "documents quoting them",
        "n_stories": "stories quoting them",
    },
}

# What each table holds, one line; the COMMENT on each warehouse view.
TABLE_DESCRIPTIONS: dict[str, str] = {
    "documents": "one row per article: cleaned text and metadata",
    "rejections": "every input that did not become a document, with the reason",
    "quotes": "one row per quotation in a document, with speaker, cue and venue",
    "figures": "one row per reported number: value, unit, qualifier, what it measures",
    "facts": "each statement once across documents, with corroboration and conflicts",
    "fact_mentions": "which quote or figure mentions which fact",
    "stories": "one row per story: the documents that report one event",
    "speakers": "one row per person quoted, under one canonical name, with aliases and titles",
}
