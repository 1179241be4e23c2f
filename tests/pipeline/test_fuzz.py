"""Bad data: extractors never crash on hostile text, and when one does on an article, that
article is rejected with the error while the others are published."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.documents import clean_text
from pipeline.core.figures import extract_figures
from pipeline.core.quotes import extract_quotes
from pipeline.stages import SystematicFailure, run_all
from pipeline.store import DataStore

MAX = 5 * 1024 * 1024
QUOTE_MARKS = ["\"", "“", "”", "‘", "’", "'", "«", "»", "„"]
NEWSY = ["said", "told", "he", "She", "percent", "%", "$", "€", "million", "May 12", "1,500",
         "twenty-one", "from", "to", "up to", "about", ",", ".", ":", "\n", " ", "—"]

hostile_text = st.one_of(
    st.text(max_size=2000),
    st.lists(st.sampled_from(QUOTE_MARKS + NEWSY), max_size=400).map(" ".join),
    st.lists(st.sampled_from(QUOTE_MARKS), min_size=1, max_size=300).map("".join),
    st.integers(1, 3000).map(lambda n: " ".join(f"{i},{i % 1000:03d}.5%" for i in range(n))),
    st.integers(1, 200).map(lambda n: "“" * n + "word " * n + "”" * (n // 2)),
    st.integers(1000, 20000).map(lambda n: "x" * n),
)


def _check_spans(text: str, spans) -> None:
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_extractors_survive_hostile_text(text: str) -> None:
    cleaned = clean_text(text, None)
    quotes = extract_quotes(cleaned.text)
    _check_spans(cleaned.text, quotes)
    for q in quotes:
        assert cleaned.text[q.start:q.end] == q.text
    figures = extract_figures(cleaned.text, "2025-06-01")
    _check_spans(cleaned.text, figures)
    for f in figures:
        assert cleaned.text[f.start:f.end] == f.surface


def test_very_long_line_is_handled() -> None:
    line = ("The agency said prices rose 3.2 percent, “and we expect more,” she added. " * 20000)
    assert len(extract_quotes(line)) > 0
    assert len(extract_figures(line, None)) > 0


def test_one_article_that_crashes_an_extractor_is_rejected_and_others_publish(
    store: DataStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.core.frames as tables

    real = tables.extract_quotes
    poison = "POISON-PILL"
    store.inbox.joinpath("poison.txt").write_text(
        f"{poison} " + "This article is long enough to be a document, and it is about "
        "a town whose council met on Tuesday to discuss the budget for the coming year. " * 3)

    def fragile(text: str):
        if poison in text:
            raise RuntimeError("extractor bug triggered")
        return real(text)

    monkeypatch.setattr(tables, "extract_quotes", fragile)
    result = run_all(store, MAX)
    assert result.published
    rejections = store.read_release_table(result.version, "rejections")
    row = rejections[rejections["source"] == "poison.txt"].iloc[0]
    assert row["reason"] == "extraction_error" and "extractor bug triggered" in row["detail"]
    docs = store.read_release_table(result.version, "documents")
    assert len(docs) == 5 and "poison.txt" not in set(docs["source"])


def test_an_extractor_failing_on_everything_publishes_nothing(
    store: DataStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.core.frames as tables

    def broken(*args: object):
        raise RuntimeError("regression")

    monkeypatch.setattr(tables, "extract_figures_checked", broken)
    with pytest.raises(SystematicFailure, match="5 of 5 documents"):
        run_all(store, MAX)
    assert store.latest_release() is None
