"""Markdown markup is stripped in linear time and stays correct (issue 17 item 2).

Timing is measured in `bench/bench_documents_growth.py`; these tests check the output of the
hostile inputs that used to take minutes, and what the rewritten patterns still strip.
"""

from __future__ import annotations

import pytest

from pipeline.core.documents import clean_text, markdown_to_text, parse_article_bytes
from pipeline.core.documents.formats import strip_emphasis
from pipeline.core.documents.paragraphs import join_paragraphs


@pytest.mark.parametrize(("line", "expected"), [
    ("**Bold** and __strong__ words", "Bold and strong words"),
    ("*lean* and _slanted_ text", "lean and slanted text"),
    ("a**b**c", "abc"),
    ("**two words** then **more**", "two words then more"),
    ("** not bold**", "** not bold**"),
    ("3 * 4 * 5 = 60", "3 * 4 * 5 = 60"),
    ("snake_case_name stays", "snake_case_name stays"),
    ("**an opener without a closer", "**an opener without a closer"),
])
def test_strip_emphasis(line: str, expected: str) -> None:
    assert strip_emphasis(line) == expected


def test_links_and_images_keep_words() -> None:
    body, _ = markdown_to_text(
        "Read [the council report](https://example.org/report_(final)) and ![a chart](c.png) "
        "the [annex][1] today.")
    assert body == "Read the council report and the annex today."


def test_800_kb_of_unclosed_strong_markers_is_read_whole() -> None:
    data = ("**a " * 200_000).encode()
    result = parse_article_bytes(data, "hostile.md")
    assert not result.rejections
    (article,) = result.articles
    assert article.text == ("**a " * 200_000).strip()
    assert clean_text(article.text).n_words == 200_000


@pytest.mark.parametrize("unit", ["[a](", "![a](", "__a ", "*a "])
def test_800_kb_of_unclosed_links_and_emphasis_is_read_whole(unit: str) -> None:
    data = (unit * (800_000 // len(unit))).encode()
    body, _ = markdown_to_text(data.decode())
    assert body == (unit * (800_000 // len(unit))).strip()


def test_a_paragraph_of_many_continuation_lines_is_joined() -> None:
    raw = "The vote\n" + "and then more words\n" * 50_000
    (para,) = join_paragraphs(raw)
    assert para[0].startswith("The vote and then more words and then")
    assert len(para[0].split()) == 2 + 4 * 50_000
