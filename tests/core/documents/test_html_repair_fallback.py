"""ftfy repairs the extracted title and text of an HTML page (not its raw markup), and
readability-lxml is tried when trafilatura finds much less than the page's prose."""

from __future__ import annotations

import pytest

from pipeline.core.documents import parse_article_bytes
from pipeline.core.documents.formats import html_to_article

P = ["Officials in the city said on Monday that the new bus routes would take effect next year, "
     "after a review found that most riders changed buses at least once a day.",
     "The council said the plan had been costed in detail and that residents would be "
     "consulted before any change was made to the routes or the timetables.",
     "A consultation will run until the end of March, and the council has promised to publish "
     "every response it receives along with the costs of each route."]


def _page(body: str, title: str = "Bus routes redrawn") -> str:
    return (f"<!doctype html><html><head><title>{title}</title></head><body>"
            f"<nav><a href=/>Home</a> <a href=/news>News</a></nav>{body}</body></html>")


def test_a_garbled_page_gets_its_title_and_text_repaired() -> None:
    # UTF-8 read as Windows-1252 somewhere upstream: curly quotes became "â€œ", "â€™".
    garbled = ("\u00e2\u20ac\u0153We have listened\u00e2\u20ac\u2122 the mayor\u00e2\u20ac"
               "\u2122s office said on Monday, after the caf\u00c3\u00a9 owners near every bus "
               "stop in the city found that most riders changed buses at least once a day.")
    html = _page("<article>" + "".join(f"<p>{p}</p>" for p in [garbled, *P[1:]]) + "</article>",
                 title="Mayor\u00e2\u20ac\u2122s bus plan")
    [art] = parse_article_bytes(html.encode("utf-8"), "garbled.html").articles
    assert art.title == "Mayor’s bus plan"
    assert art.text.split("\n")[0] == (
        "“We have listened’ the mayor’s office said on Monday, after the café owners near "
        "every bus stop in the city found that most riders changed buses at least once a day.")


@pytest.mark.parametrize("wrapper", ["aside", "footer"])
def test_readability_finds_an_article_that_trafilatura_drops(wrapper: str) -> None:
    """A theme that wraps the post in <aside> or <footer>: trafilatura drops it as page
    furniture and finds no text; readability-lxml finds the paragraphs."""
    html = _page(f"<{wrapper}>" + "".join(f"<p>{p}</p>" for p in P) + f"</{wrapper}>")
    found = html_to_article(html)
    assert found["text"] == "\n".join(P)
    assert found["title"] == "Bus routes redrawn"


def test_a_normal_page_keeps_trafilaturas_text() -> None:
    html = _page("<article><h1>Bus routes redrawn</h1>" + "".join(f"<p>{p}</p>" for p in P)
                 + "</article><aside><p>Related: a rail fares story, an old one from last "
                 "year about the same council and its many plans for the city.</p></aside>")
    assert html_to_article(html)["text"] == "\n".join(["Bus routes redrawn", *P])
