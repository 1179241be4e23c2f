"""`make report`: one self-contained HTML page per release, checked by parsing the HTML."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.report import write_reports
from pipeline.stages import run_all
from pipeline.store import DataStore
from tests.paths import FIXTURES, seed_inbox

MAX = 5 * 1024 * 1024


class Page(HTMLParser):
    """Headings, tables by class (rows of cell texts), and every tag with its attributes."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.tables: dict[str, list[list[list[str]]]] = {}
        self.tags: list[tuple[str, dict]] = []
        self._heading: str | None = None
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3"):
            self._heading, self._text = tag, []
        elif tag == "table":
            self._table = []
            self.tables.setdefault(dict(attrs).get("class", ""), []).append(self._table)
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self.headings.append((tag, "".join(self._text).strip()))
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None and self._table:
            self._table[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> DataStore:
    root = tmp_path_factory.mktemp("report")
    inbox = seed_inbox(root / "inbox")
    store = DataStore(root / "data", inbox)
    run_all(store, MAX)
    shutil.copy(FIXTURES / "extra_article.txt", inbox / "more.txt")
    run_all(store, MAX)
    write_reports(store)
    return store


def page(store: DataStore, name: str) -> Page:
    return Page((store.data_dir / "reports" / f"{name}.html").read_text(encoding="utf-8"))


def test_one_page_per_release_and_latest(reported: DataStore) -> None:
    folder = reported.data_dir / "reports"
    assert sorted(p.name for p in folder.iterdir()) == ["latest.html", "v1.html", "v2.html"]
    assert (folder / "latest.html").read_bytes() == (folder / "v2.html").read_bytes()
    assert write_reports(reported) == []  # current pages are not rewritten


def test_the_page_is_self_contained(reported: DataStore) -> None:
    for tag, attrs in page(reported, "v2").tags:
        assert tag not in ("script", "link", "img", "iframe"), tag
        assert "src" not in attrs, (tag, attrs)
        assert attrs.get("href", "#").startswith("#"), (tag, attrs)  # links within the page


def test_sections(reported: DataStore) -> None:
    assert page(reported, "v2").headings[:3] == [
        ("h1", "newsfacts release v2"), ("h2", "Changes since v1"), ("h3", "Documents added")]
    assert ("h2", "Changes") in page(reported, "v1").headings
    titles = [t for _, t in page(reported, "v2").headings]
    for section in ("Timeline", "Stories", "Who is quoted", "Where sources disagree",
                    "Facts and their sources"):
        assert section in titles


def test_changes_name_the_added_article(reported: DataStore) -> None:
    v2 = page(reported, "v2")
    added = v2.tables[""][0]
    assert added[0] == ["source", "doc_id"]
    assert [row[0] for row in added[1:]] == ["more.txt"]


def test_each_story_lists_its_own_facts_linked_to_their_sources(reported: DataStore) -> None:
    stories = reported.read_release_table("v2", "stories")
    facts = reported.read_release_table("v2", "facts")
    v2 = page(reported, "v2")
    labels = [t for h, t in v2.headings if h == "h3"]
    assert set(stories["label"]) <= set(labels)
    divs = [a for tag, a in v2.tags if tag == "div" and a.get("class") == "story"]
    biggest = stories.sort_values(["n_documents", "story_id"], ascending=[False, True])
    assert [a["id"] for a in divs] == list(biggest["story_id"])
    links = {a["href"][1:] for tag, a in v2.tags if tag == "a"}
    own = facts[facts["story_id"].notna()]
    expected = set(own.sort_values(["n_documents", "n_mentions", "fact_id"],
                                   ascending=[False, False, True])
                   .groupby("story_id").head(10)["fact_id"])
    assert links == expected
    assert len(facts) <= 200  # so every fact has its sources on the page, and each link lands
    assert links <= {a.get("id") for _, a in v2.tags}


def test_top_speakers_match_the_quotes(reported: DataStore) -> None:
    quotes = reported.read_release_table("v2", "quotes")
    counts = quotes["speaker"].value_counts()
    rows = page(reported, "v2").tables["speakers"][0]
    assert rows[0] == ["speaker", "quotes", "documents"]
    assert rows[1][0] == counts.index[0] and int(rows[1][1]) == counts.iloc[0]


def test_each_conflict_shows_its_sides(reported: DataStore) -> None:
    facts = reported.read_release_table("v2", "facts")
    sides = page(reported, "v2").tables["sides"]
    assert len(sides) == int(facts["conflict"].sum()) > 0
    quote_conflicts = facts[facts["conflict"] & (facts["kind"] == "quote")]
    if len(quote_conflicts):  # a speaker conflict: each speaker on its own row, with sources
        assert max(len(t) - 1 for t in sides) >= 2


def test_facts_list_their_sources(reported: DataStore) -> None:
    facts = reported.read_release_table("v2", "facts")
    tables = page(reported, "v2").tables["sources"]
    assert len(tables) == min(len(facts), 200)
    top = facts.sort_values(["n_documents", "n_mentions", "fact_id"],
                            ascending=[False, False, True]).iloc[0]
    documents = reported.read_release_table("v2", "documents").set_index("doc_id")["source"]
    assert {row[0] for row in tables[0][1:]} == {documents[d] for d in top["doc_ids"]}
    assert not any(cell == "nan" for t in tables for row in t for cell in row)


def test_no_release_no_report(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "data", tmp_path)
    assert write_reports(store) == []


def test_the_timeline_counts_documents_and_first_statements_by_date(tmp_path: Path) -> None:
    """Invented dated articles (JSONL records): two on one day, one the next, the later one
    repeating a quote first stated on the earlier day."""
    said = '"We will open the new library before the winter," Mayor Ilse Marwood said.'
    records = [
        {"title": "Library plan", "published": "2031-04-02", "text": f"{said}\n\n"
         "The council met for three hours on Tuesday and discussed the bus routes, the repairs "
         "planned for the old bridge and a grant for the swimming pool in the north district."},
        {"title": "Budget vote", "published": "2031-04-02", "text":
         "Councillors voted on the budget late on Tuesday evening after a long debate about "
         "street lighting, school meals and the cost of clearing snow from the hill roads. The "
         "final vote came shortly before midnight, and the opposition said it would ask for "
         "a review of the spending on roads next spring."},
        {"title": "Library again", "published": "2031-04-03", "text":
         "The mayor repeated her promise on Wednesday while visiting the building site, where "
         "cranes stood idle in the rain and workers waited for a delivery of steel beams that "
         f"had been held up at the port for almost two weeks.\n\n{said}"},
    ]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n",
                                      encoding="utf-8")
    store = DataStore(tmp_path / "data", inbox)
    run_all(store, MAX)
    write_reports(store)
    rows = page(store, "v1").tables["timeline"][0]
    assert rows[0] == ["date", "documents", "new facts"]
    by_date = {r[0]: r[1:] for r in rows[1:]}
    assert by_date["2031-04-02"][0] == "2" and by_date["2031-04-03"][0] == "1"
    facts = store.read_release_table("v1", "facts")
    assert int(by_date["2031-04-02"][1]) + int(by_date["2031-04-03"][1]) == len(facts)
    quote = facts[facts["statement"].str.contains("new library")]
    assert len(quote) == 1 and quote.iloc[0]["n_documents"] == 2
    tags = [t for t, _ in page(store, "v1").tags]
    first = tags.index("svg")  # the release's timeline; each story's own timeline follows
    end = tags.index("svg", first + 1) if "svg" in tags[first + 1:] else len(tags)
    assert tags[first:end].count("rect") == 4  # two bars a day
