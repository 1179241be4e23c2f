"""textacy's direct-quotation unit cases (shared/devdata/textacy_unit_cases.jsonl).

textacy keeps the quote marks in `text` and names the speaker as written at the cue ("he");
our `Quote.text` is the words inside the marks and the as-written form is `speaker_mention`.
"""

from __future__ import annotations

import json

import pytest

from pipeline.core.quotes import extract_quotes
from tests.paths import DEVDATA

CASES_FILE = DEVDATA / "textacy_unit_cases.jsonl"


def _cases() -> list[dict]:
    if not CASES_FILE.exists():
        return []
    return [json.loads(line) for line in CASES_FILE.read_text().splitlines() if line.strip()]


@pytest.mark.skipif(not CASES_FILE.exists(), reason="shared/devdata is not beside the repo")
@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["id"])
def test_textacy_case(case: dict) -> None:
    text = case["text"]
    got = [(q.text, q.speaker_mention, q.cue) for q in extract_quotes(text)]
    expected = []
    for e in case["quotes"]:
        inner = e["text"][1:-1]  # drop the enclosing marks
        assert text[e["start"] + 1 : e["end"] - 1] == inner
        expected.append((inner.strip(), e["speaker"], e["cue"]))
    assert got == expected
    for q in extract_quotes(text):
        assert text[q.start : q.end] == q.text
