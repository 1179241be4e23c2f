"""One broken sentence costs only its own figures; a runaway paragraph costs bounded bytes."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from pipeline.core.figures import (
    MAX_FIGURES_PER_DOCUMENT,
    MAX_SENTENCE_CHARS,
    extract,
    extract_figures,
    extract_figures_checked,
)
from pipeline.core.frames import figures_for_documents


@pytest.mark.parametrize(("text", "surface", "value", "measured"), [
    ("One in 10,000 patients had the reaction.", "One in 10,000", 0.01, "patients"),
    ("Four out of 1,000 voters backed the plan.", "Four out of 1,000", 0.4, "voters"),
    ("One in a thousand tickets is a winner.", "One in a thousand", 0.1, "tickets"),
])
def test_ratios_with_grouped_digits_are_shares(text, surface, value, measured):
    (f,) = extract_figures(text)
    assert (f.surface, f.kind, f.unit, f.measured) == (surface, "percent", "percent", measured)
    assert f.value == pytest.approx(value)


TEXT = ("Orvel Mills hired 40 welders in March.\n"
        "The plant cost $12 million. It makes 300 pumps a week.")


def _break_on(monkeypatch, marker: str) -> None:
    """Make the classifier raise on the number that starts with `marker`."""
    real = extract._classify

    def flaky(text, m, s_start, ref):
        if text.startswith(marker, m.start()):
            raise ValueError("injected")
        return real(text, m, s_start, ref)

    monkeypatch.setattr(extract, "_classify", flaky)


def test_an_error_drops_only_its_sentence(monkeypatch, caplog):
    _break_on(monkeypatch, "$12")
    with caplog.at_level(logging.WARNING, logger="pipeline.core.figures.extract"):
        result = extract_figures_checked(TEXT)
    assert [f.surface for f in result.figures] == ["40", "300"]
    (err,) = result.sentence_errors
    assert TEXT[err.start:err.end] == "The plant cost $12 million."
    assert "injected" in err.error
    assert "dropped" in caplog.text


def test_a_failed_sentence_keeps_the_document(monkeypatch):
    _break_on(monkeypatch, "$12")
    docs = pd.DataFrame({"doc_id": ["d1"], "text": [TEXT], "published": [None]})
    rows, log = figures_for_documents(docs)
    assert list(rows["surface"]) == ["40", "300"]
    assert log.loc[0, "error"] is None
    assert log.loc[0, "rows"] == 2
    assert "injected" in log.loc[0, "warning"]


def test_long_sentence_is_stored_as_a_window_at_word_boundaries():
    filler = "the council debated the harbour plan again " * 40
    text = filler + "and approved 75 new moorings " + filler.rstrip() + "."
    (f,) = extract_figures(text)
    assert f.surface == "75"
    assert len(f.sentence) <= MAX_SENTENCE_CHARS
    assert "approved 75 new moorings" in f.sentence
    assert f.sentence in text
    start = text.index(f.sentence)
    assert text[start - 1] == " " and text[start + len(f.sentence)] == " "


def test_megabyte_paragraph_has_bounded_sentence_bytes():
    words = ("Officials said 12 boats, 7 trucks and 340 crates arrived on the 3 piers while "
             "about 15% of 90 workers waited ")
    text = (words * (1_000_000 // len(words) + 1))[:1_000_000]
    assert "\n" not in text
    result = extract_figures_checked(text)
    assert result.capped
    assert len(result.figures) == MAX_FIGURES_PER_DOCUMENT
    total = sum(len(f.sentence.encode()) for f in result.figures)
    assert total <= MAX_FIGURES_PER_DOCUMENT * MAX_SENTENCE_CHARS
    assert max(len(f.sentence) for f in result.figures) <= MAX_SENTENCE_CHARS
