"""Authors from bylines, HTML metadata and JSON fields; the language of a document; documents
not in English kept but skipped by the English extractors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline.core.documents import clean_text, parse_article_bytes
from pipeline.core.documents.authors import authors_from_byline, authors_from_field
from pipeline.core.documents.inputs import RawArticle
from pipeline.core.documents.language import detect_language
from pipeline.core.frames import clean_articles, figures_for_documents, quotes_for_documents

HEAD = "Council Votes To Redraw Every Bus Route In The City"
P1 = ("Officials in the city said on Monday that the new bus routes would take effect next "
      "year, after a review found that most riders changed buses at least once a day.")
P2 = ("“We have listened to the people who ride these buses every day,” council leader Ines "
      "Marlow said, adding that the plan had been costed in detail over two years.")
P3 = ("A consultation will run until the end of March, and the council has promised to publish "
      "every response it receives, along with the costs of each of the 40 new routes.")

DE = ("Die Stadtverwaltung teilte am Montag mit, dass die neuen Buslinien im nächsten Jahr in "
      "Kraft treten sollen, nachdem eine Prüfung ergeben hatte, dass die meisten Fahrgäste "
      "täglich mindestens einmal umsteigen. „Wir haben den Menschen zugehört“, sagte die "
      "Ratsvorsitzende. Die Kosten des Programms werden auf 40 Millionen Euro geschätzt.")
FR = ("Les responsables de la ville ont déclaré lundi que les nouvelles lignes de bus "
      "entreraient en vigueur l'année prochaine, après qu'un examen a montré que la plupart des "
      "usagers changeaient de bus au moins une fois par jour. Le coût est estimé à 40 millions.")


@pytest.mark.parametrize("line,expected", [
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("By JANE DOE, Reuters", ["Jane Doe"]),
    ("Jane Doe | Staff Writer", ["Jane Doe"]),
    ("By Jane Doe, The Valmora Herald", ["Jane Doe"]),
    ("By Jane Doe in Kyiv | May 3, 2026", ["Jane Doe"]),
    ("By Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
    ("By Jane Doe & John Roe, BBC News", ["Jane Doe", "John Roe"]),
    ("By Jane Doe, Senior Political Correspondent", ["Jane Doe"]),
    ("Helena Marsh Transport correspondent", ["Helena Marsh"]),
    ("By Ursula von der Leyen", ["Ursula von der Leyen"]),
    ("By Jane Doe jane.doe@example.com", ["Jane Doe"]),
    ("By The Associated Press", []),
    ("By Staff", []),
    ("BBC News", []),
    ("Staff Writer", []),
])
def test_bylines_name_people_not_outlets_or_roles(line: str, expected: list[str]) -> None:
    assert authors_from_byline(line) == expected


@pytest.mark.parametrize("value,expected", [
    ("Jane Doe; John Roe", ["Jane Doe", "John Roe"]),
    (["Jane Doe", "John Roe", "jane doe"], ["Jane Doe", "John Roe"]),
    ([{"name": "Jane Doe"}, {"name": "Reuters"}], ["Jane Doe"]),
    ({"name": "By JANE DOE"}, ["Jane Doe"]),
    (None, []),
    (42, []),
])
def test_metadata_fields_give_author_lists(value: object, expected: list[str]) -> None:
    assert authors_from_field(value) == expected


@pytest.mark.parametrize("byline,expected", [
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("By JANE DOE, Reuters", ["Jane Doe"]),
    ("Jane Doe | Staff Writer", ["Jane Doe"]),
])
def test_the_byline_at_the_top_gives_the_authors_and_leaves_the_text(
        byline: str, expected: list[str]) -> None:
    cleaned = clean_text("\n\n".join([HEAD, byline, P1, P2, P3]))
    assert cleaned.title == HEAD
    assert cleaned.authors == expected
    assert cleaned.text == "\n".join([P1, P2, P3])
    assert cleaned.removed == {"byline": 1}


def test_an_author_box_under_the_headline_gives_the_name_without_its_role() -> None:
    cleaned = clean_text("\n".join([HEAD, "Helena Marsh", "Transport correspondent", P1, P2]))
    assert cleaned.authors == ["Helena Marsh"]
    assert cleaned.text == "\n".join([P1, P2])


def test_credits_at_the_bottom_are_not_authors() -> None:
    cleaned = clean_text("\n\n".join([HEAD, P1, P2, P3,
                                      "Reporting by Omar Rahimi; Editing by Fiona Brennan"]))
    assert cleaned.authors == []
    assert cleaned.text == "\n".join([P1, P2, P3])


def test_html_author_metadata_is_read() -> None:
    page = (f'<!doctype html><html><head><title>{HEAD}</title>'
            '<meta name="author" content="Jane Doe; John Roe"></head><body><article>'
            f"<h1>{HEAD}</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>")
    [art] = parse_article_bytes(page.encode(), "bus.html").articles
    assert art.authors == ("Jane Doe", "John Roe")


def test_json_author_fields_are_read() -> None:
    text = " ".join([P1, P2, P3])
    records = [{"title": HEAD, "text": text, "author": "By JANE DOE, Reuters"},
               {"title": HEAD, "text": text, "authors": [{"name": "Jane Doe"},
                                                         {"name": "John Roe"}]},
               {"title": HEAD, "text": text, "byline": "Jane Doe and John Roe"},
               {"title": HEAD, "text": text}]
    data = "\n".join(json.dumps(r) for r in records).encode()
    arts = parse_article_bytes(data, "wire.jsonl").articles
    assert [a.authors for a in arts] == [("Jane Doe",), ("Jane Doe", "John Roe"),
                                         ("Jane Doe", "John Roe"), ()]


def test_metadata_authors_win_over_the_byline() -> None:
    raw = "\n\n".join([HEAD, "By John Roe", P1, P2, P3])
    art = RawArticle("a.json", "0" * 64, 0, "json", raw, title=HEAD, authors=("Jane Doe",))
    plain = RawArticle("b.txt", "1" * 64, 0, "txt", raw)
    docs, _, _ = clean_articles([art, plain])
    assert list(docs["authors"]) == [["Jane Doe"], ["John Roe"]]


@pytest.mark.parametrize("text,expected", [
    (" ".join([P1, P2, P3]), "en"), (DE, "de"), (FR, "fr"), ("2024 — 2025 — 40 %", None),
])
def test_language_is_detected(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def _documents(texts: list[str]) -> pd.DataFrame:
    arts = [RawArticle(f"{i}.txt", f"{i:064x}", 0, "txt", t) for i, t in enumerate(texts)]
    docs, rejections, _ = clean_articles(arts)
    assert rejections == []
    return docs


def test_documents_in_other_languages_are_kept_and_flagged() -> None:
    docs = _documents(["\n".join([P1, P2, P3]), DE])
    assert list(docs["language"]) == ["en", "de"]
    assert list(docs["text"]) == ["\n".join([P1, P2, P3]), DE]


def test_english_extractors_skip_other_languages_and_say_why() -> None:
    docs = _documents(["\n".join([P1, P2, P3]), DE])
    en, de = docs["doc_id"]
    quotes, quotes_log = quotes_for_documents(docs)
    figures, figures_log = figures_for_documents(docs)
    assert set(quotes["doc_id"]) == {en}
    assert set(figures["doc_id"]) == {en}
    skipped = quotes_log.set_index("doc_id").loc[de]
    assert (skipped["rows"], skipped["error"]) == (0, None)
    assert skipped["warning"] == ("skipped: the document's language is 'de'; the quotes "
                                  "extractor reads English only")
    assert figures_log.set_index("doc_id").loc[de, "warning"] == (
        "skipped: the document's language is 'de'; the figures extractor reads English only")
    assert pd.isna(quotes_log.set_index("doc_id").loc[en, "warning"])


@pytest.mark.parametrize("line,expected", [
    ("Por Juan Pérez", ["Juan Pérez"]),
    ("Por Lucía Ferrán y Tomás Rivero, El Diario", ["Lucía Ferrán", "Tomás Rivero"]),
    ("Por João de Souza em Lisboa", ["João de Souza"]),
    ("Von Anna Schmidt und Jan Vogel", ["Anna Schmidt", "Jan Vogel"]),
    ("VON ANNA SCHMIDT", ["Anna Schmidt"]),
    ("Par Marie Dupont et Luc Martin | 3 mai 2026", ["Marie Dupont", "Luc Martin"]),
    ("Par Marie Dupont, Le Courrier", ["Marie Dupont"]),
    ("Di Marco Rossi e Giulia Bianchi", ["Marco Rossi", "Giulia Bianchi"]),
    ("Door Jan de Vries en Els Jansen", ["Jan de Vries", "Els Jansen"]),
    ("Di Maio resigns", []),
    ("Di Maio Resigns After Vote", []),
    ("Par for the course", []),
    ("Von der Leyen warns", []),
    ("Door Jan", []),
])
def test_bylines_in_other_languages(line: str, expected: list[str]) -> None:
    from pipeline.core.documents.authors import authors_from_foreign_byline

    assert authors_from_foreign_byline(line) == expected


@pytest.mark.parametrize("byline,authors", [
    ("Por Lucía Ferrán y Tomás Rivero", ["Lucía Ferrán", "Tomás Rivero"]),
    ("Von Anna Schmidt, Der Kurier", ["Anna Schmidt"]),
    ("Par Marie Dupont", ["Marie Dupont"]),
    ("Di Marco Rossi", ["Marco Rossi"]),
    ("Door Els Jansen", ["Els Jansen"]),
])
def test_foreign_byline_removed_and_authors_kept(byline: str, authors: list[str]) -> None:
    cleaned = clean_text(f"{HEAD}\n\n{byline}\n\n{P1}\n\n{P2}\n\n{P3}")
    assert (cleaned.title, cleaned.authors, cleaned.text) == (HEAD, authors,
                                                              f"{P1}\n{P2}\n{P3}")
    assert cleaned.removed["byline"] == 1


def test_foreign_byline_shape_as_first_line_is_the_headline() -> None:
    """The first line is the headline's place: "Di Vino Sotto Zero" (an Italian "by" word in
    front of capitalised words) stays the title when no title is known."""
    cleaned = clean_text(f"Di Vino Sotto Zero\n\n{P1}\n\n{P2}\n\n{P3}")
    assert (cleaned.title, cleaned.authors, cleaned.text) == ("Di Vino Sotto Zero", [],
                                                              f"{P1}\n{P2}\n{P3}")
