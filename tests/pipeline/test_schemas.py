"""Each table's pandera schema accepts a good frame and rejects bad ones, saying why."""

from __future__ import annotations

import pandas as pd
import pytest

from schemas import SchemaValidationError, validate_table

TEXT = "Alice Moreau said the budget rose 12 percent."


def documents(**over) -> pd.DataFrame:
    row = {"doc_id": "d_0123456789abcdef", "source": "a.txt", "source_sha256": "a" * 64,
           "title": None, "text": TEXT, "n_words": 8, "duplicate_of": None, "record": 0,
           "format": "txt", "outlet": None, "url": None, "published": None, "dateline": None}
    row.update(over)
    return pd.DataFrame([row])


def quotes(**over) -> pd.DataFrame:
    row = {"quote_id": "q_0123456789abcdef", "doc_id": "d_0123456789abcdef",
           "text": "the budget rose", "start": 18, "end": 33, "speaker": "Alice Moreau",
           "speaker_mention": "Alice Moreau", "speaker_start": 0, "speaker_end": 12, "cue": "said",
           "venue": None, "is_fragment": False}
    row.update(over)
    return pd.DataFrame([row])


def figures(**over) -> pd.DataFrame:
    row = {"figure_id": "g_0123456789abcdef", "doc_id": "d_0123456789abcdef",
           "surface": "12 percent", "start": 34, "end": 44, "kind": "percent", "value": 12.0,
           "unit": "percent", "qualifier": None, "measured": "the budget", "date": None,
           "sentence": TEXT, "role": None, "linked_figure_id": None, "value_max": None}
    row.update(over)
    return pd.DataFrame([row])


def facts(**over) -> pd.DataFrame:
    row = {"fact_id": "f_0123456789abcdef", "kind": "figure", "statement": "12 percent",
           "speaker": None, "value": 12.0, "unit": "percent", "n_documents": 1, "n_mentions": 1,
           "doc_ids": ["d_0123456789abcdef"], "conflict": False, "conflict_note": None}
    row.update(over)
    return pd.DataFrame([row])


def mentions(**over) -> pd.DataFrame:
    row = {"fact_id": "f_0123456789abcdef", "mention_id": "g_0123456789abcdef",
           "doc_id": "d_0123456789abcdef"}
    row.update(over)
    return pd.DataFrame([row])


def rejections(**over) -> pd.DataFrame:
    row = {"source": "x.bin", "source_sha256": None, "reason": "binary", "detail": "NUL bytes"}
    row.update(over)
    return pd.DataFrame([row])


def test_good_frames_pass() -> None:
    docs = documents()
    validate_table("documents", docs)
    validate_table("quotes", quotes(), documents=docs)
    validate_table("figures", figures(), documents=docs)
    validate_table("facts", facts())
    validate_table("fact_mentions", mentions())
    validate_table("rejections", rejections())
    assert TEXT[18:33] == "the budget rose" and TEXT[34:44] == "12 percent"


@pytest.mark.parametrize(
    ("table", "frame", "rule"),
    [
        ("documents", documents(doc_id="not-an-id"), "str_matches"),
        ("documents", documents(n_words=-1), "greater_than_or_equal_to"),
        ("documents", documents(format="pdf"), "isin"),
        ("documents", documents(duplicate_of="d_ffffffffffffffff"), "duplicate_of"),
        ("documents", documents(published="May 12"), "str_matches"),
        ("documents", pd.concat([documents(), documents()]), "field_uniqueness"),
        ("figures", figures(kind="ratio"), "isin"),
        ("figures", figures(value=None), "dates have a date"),
        ("figures", figures(qualifier="kinda"), "isin"),
        ("figures", figures(start=44, end=34), "start must be before end"),
        ("figures", figures(linked_figure_id="g_ffffffffffffffff"), "linked_figure_id"),
        ("figures", figures(value_max=10.0), "value_max"),
        ("quotes", quotes(speaker_mention=3), "dtype"),
        ("facts", facts(kind="opinion"), "isin"),
        ("facts", facts(n_documents=2), "n_documents must equal"),
        ("facts", facts(conflict=True), "conflict_note"),
        ("facts", facts(kind="quote"), "quote facts have no value"),
        ("fact_mentions", pd.concat([mentions(), mentions()]), "field_uniqueness"),
        ("rejections", rejections(reason="felt like it"), "isin"),
    ],
)
def test_bad_frames_are_rejected_with_the_rule(table: str, frame: pd.DataFrame, rule: str) -> None:
    with pytest.raises(SchemaValidationError) as err:
        validate_table(table, frame)
    assert err.value.table == table
    assert rule in str(err.value)


def test_missing_or_extra_column_is_rejected() -> None:
    with pytest.raises(SchemaValidationError):
        validate_table("facts", facts().assign(extra=1).drop(columns=[]).rename(
            columns={"statement": "stmt"}))


@pytest.mark.parametrize(("start", "end"), [(17, 33), (18, 34), (40, 90)])
def test_spans_must_equal_the_document_text(start: int, end: int) -> None:
    with pytest.raises(SchemaValidationError) as err:
        validate_table("quotes", quotes(start=start, end=end), documents=documents())
    assert "documents.text[start:end]" in str(err.value) or "inside" in str(err.value)


def test_span_for_unknown_document_is_rejected() -> None:
    with pytest.raises(SchemaValidationError, match="doc_id must name a document"):
        validate_table("quotes", quotes(doc_id="d_ffffffffffffffff"), documents=documents())


def test_empty_tables_pass() -> None:
    docs = documents()
    for name, frame in (("quotes", quotes()), ("figures", figures()), ("facts", facts()),
                        ("fact_mentions", mentions()), ("rejections", rejections())):
        validate_table(name, frame.iloc[0:0], documents=docs)
    validate_table("documents", docs.iloc[0:0])


def test_every_column_has_a_description_for_the_ui() -> None:
    from schemas.tables import ARROW_SCHEMAS, COLUMN_DESCRIPTIONS

    for table, schema in ARROW_SCHEMAS.items():
        assert set(schema.names) == set(COLUMN_DESCRIPTIONS[table]), table


def test_every_table_has_a_one_line_description() -> None:
    """The warehouse COMMENTs each view with it; a new table without one fails the refresh."""
    from schemas.tables import TABLE_DESCRIPTIONS, TABLES

    assert set(TABLE_DESCRIPTIONS) == set(TABLES)
