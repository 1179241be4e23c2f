"""Reading the inbox: every format and encoding, and every way a file can be rejected."""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.documents import (
    REJECTION_REASONS,
    decode_bytes,
    is_partial_name,
    iso_date,
    list_inbox,
    markdown_to_text,
    parse_article_bytes,
    read_inbox_file,
)
from pipeline.core.documents import inbox as ingest
from schemas.tables import REJECTION_REASONS as SCHEMA_REASONS
from tests.paths import FIXTURES

DOC_FIXTURES = FIXTURES / "documents"

TEXT = ("The port authority said on Friday that cargo volumes rose 4 percent in May, "
        "helped by a rebound in car exports. “We expect a busy summer,” director Kofi Amadu "
        "said. Café owners near the docks — long hit by the slowdown — welcomed the news.")


def _one(data: bytes, name: str = "a.txt") -> ingest.RawArticle:
    result = parse_article_bytes(data, name)
    assert not result.rejections, result.rejections
    assert len(result.articles) == 1
    return result.articles[0]


def test_rejection_reasons_match_the_schema() -> None:
    assert list(REJECTION_REASONS) == list(SCHEMA_REASONS)


# --- encodings ---------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "cp1252"])
def test_encodings_decode_to_the_same_text(encoding: str) -> None:
    assert decode_bytes(TEXT.encode(encoding)) == TEXT


def test_latin1_without_curly_quotes() -> None:
    text = "Déjà vu at the café: officials said naïve hopes had faded by the weekend."
    assert decode_bytes(text.encode("latin-1")) == text


def test_non_latin_legacy_encoding_is_detected() -> None:
    text = "Президент заявил, что переговоры с соседями продолжатся на следующей неделе."
    assert decode_bytes(text.encode("cp1251")) == text


def test_utf8_with_stray_windows_bytes_is_repaired() -> None:
    mixed = "“Quoted” text".encode() + b" and a stray \x92 apostrophe, \x81 odd byte."
    assert decode_bytes(mixed).startswith("“Quoted” text and a stray ’ apostrophe")


def test_mojibake_is_repaired_and_curly_quotes_kept() -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252", as browsers decode)

    broken = TEXT.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    assert "â€" in broken.decode("utf-8")
    assert decode_bytes(broken) == TEXT


def test_crlf_nfc_and_invisible_characters() -> None:
    decomposed = unicodedata.normalize("NFD", "Café\r\nsecond\u00a0line\u200b here\rthird")
    assert decode_bytes(decomposed.encode("utf-8")) == "Café\nsecond line here\nthird"


# --- formats -----------------------------------------------------------------------------------

def test_plain_text_is_read_as_is() -> None:
    art = _one(TEXT.encode(), "story.txt")
    assert (art.format, art.text, art.title, art.record) == ("txt", TEXT, None, 0)


def test_markdown_front_matter_heading_and_markup() -> None:
    data = (DOC_FIXTURES / "article.md").read_bytes()
    art = _one(data, "article.md")
    assert art.format == "markdown"
    assert art.title == "Library Reopens After Two-Year Renovation"
    assert (art.published, art.url, art.outlet) == (
        "2023-09-14", "https://example.org/library-reopens", "Valley Courier")
    lines = [ln for ln in art.text.split("\n") if ln]
    assert lines[0] == ("MILLBROOK — The town's central library reopened on Thursday after a "
                        "two-year renovation that cost 4.2 million dollars, officials said.")
    assert "A bigger children's wing" in lines
    assert "Opening hours grow to 60 a week" in lines  # list items stay separate lines
    assert not any(s in art.text for s in ("**", "](", "![", "> ", "# "))


def test_markdown_heading_without_front_matter_becomes_title() -> None:
    text, meta = markdown_to_text("# Storm Closes Schools\n\nSchools shut on *Monday*.\n")
    assert meta["title"] == "Storm Closes Schools"
    assert text.strip() == "Schools shut on Monday."


def test_html_main_text_and_metadata() -> None:
    art = _one((DOC_FIXTURES / "article.html").read_bytes(), "article.html")
    assert art.format == "html"
    assert art.title == "Drought forces water limits in three counties"
    assert (art.published, art.outlet) == ("2022-08-09", "The Plains Herald")
    assert art.url == "https://plainsherald.example/news/drought-limits"
    assert "driest summer since records began in 1895" in art.text
    assert "Farmers ask for exemptions" in art.text.split("\n")  # subheading kept
    for junk in ("Home", "Sport", "cookies", "All rights reserved", "Share this article"):
        assert junk not in art.text


def test_html_date_comes_from_metadata_not_from_dates_in_the_story() -> None:
    body = "<p>" + "The council voted on Tuesday, March 3, 2021, to approve the plan. " * 4 + "</p>"
    html = f"<html><head><title>Council backs plan</title></head><body>{body}</body></html>"
    assert _one(html.encode(), "p.html").published is None


def test_html_saved_with_a_txt_extension_is_still_extracted() -> None:
    art = _one((DOC_FIXTURES / "article.html").read_bytes(), "saved_page.txt")
    assert art.format == "html" and "<p>" not in art.text


def test_jsonl_records_good_bad_and_empty() -> None:
    result = parse_article_bytes((DOC_FIXTURES / "records.jsonl").read_bytes(), "records.jsonl")
    first, second = result.articles
    assert (first.record, first.title, first.outlet, first.published) == (
        0, "Rail Strike Called Off After Late-Night Deal", "Northern Wire", "2021-11-02")
    assert first.url == "https://example.net/rail" and "“This is a fair offer" in first.text
    assert (second.record, second.title, second.outlet, second.published) == (
        2, "Harbour Tunnel Opens to Traffic", "Coastal Times", "2020-03-18")
    reasons = {r.source: r.reason for r in result.rejections}
    assert reasons == {"records.jsonl/#1": "no_text", "records.jsonl/#3": "unreadable_json"}


def test_json_object_list_and_wrapped_list() -> None:
    record = {"title": "Dam Opens", "text": TEXT, "published": 1_600_000_000}
    assert _one(json.dumps(record).encode(), "one.json").published == "2020-09-13"
    two = parse_article_bytes(json.dumps([record, record]).encode(), "two.json")
    assert [a.record for a in two.articles] == [0, 1]
    wrapped = parse_article_bytes(json.dumps({"articles": [record]}).encode(), "w.json")
    assert len(wrapped.articles) == 1 and wrapped.articles[0].title == "Dam Opens"


def test_json_record_with_html_goes_through_the_extractor() -> None:
    html = (DOC_FIXTURES / "article.html").read_text(encoding="utf-8")
    art = _one(json.dumps({"html": html, "url": "https://x.example/a"}).encode(), "h.json")
    assert art.format == "json" and art.title.startswith("Drought forces")
    assert art.url == "https://x.example/a" and "<p>" not in art.text
    assert art.published == "2022-08-09"


def test_json_text_with_markup_is_extracted_too() -> None:
    body = "".join(f"<p>{s}.</p>" for s in TEXT.split(". "))
    art = _one(json.dumps({"title": "T", "text": body}).encode(), "m.json")
    assert "<p>" not in art.text and "cargo volumes rose 4 percent" in art.text


@pytest.mark.parametrize("value,expected", [
    ("2024-06-03T07:15:00Z", "2024-06-03"), ("June 3, 2024", "2024-06-03"),
    ("Mon, 03 Jun 2024 07:15:00 GMT", "2024-06-03"), ("3 June 2024 10:00 EDT", "2024-06-03"),
    ("Sun 2 Jun 2024 14.02 BST", "2024-06-02"), ("03.06.2024", "2024-06-03"),
    (1717398900, "2024-06-03"), ("1717398900000", "2024-06-03"),
    ("June 3", None), ("yesterday", None), ("", None), (None, None), ("not a date 12", None),
])
def test_iso_date_needs_a_year_and_never_guesses_from_today(value: object, expected) -> None:
    assert iso_date(value) == expected


# --- rejections --------------------------------------------------------------------------------

@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n\t \n", "empty"),
    ("bom_only.txt", b"\xef\xbb\xbf\n", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    ("nul.txt", b"some text\x00\x00\x01\x02 more", "binary"),
    ("report.pdf", b"%PDF-1.7 ...", "unsupported_extension"),
    ("noext", TEXT.encode(), "unsupported_extension"),
    ("broken.json", b'{"title": "x", "text": ', "unreadable_json"),
    ("scalar.json", b"42", "unreadable_json"),
    ("nothing.json", b"[]", "no_text"),
    ("notext.json", b'{"title": "Only a title"}', "no_text"),
    ("empty.html", b"<html><head><title>x</title></head><body></body></html>", "no_text"),
])
def test_bad_bytes_are_rejected_with_their_reason(name: str, data: bytes, reason: str) -> None:
    result = parse_article_bytes(data, name)
    assert not result.articles
    assert [r.reason for r in result.rejections] == [reason]
    assert result.rejections[0].source.startswith(name)
    assert result.rejections[0].detail


def test_too_large_is_checked_before_reading(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(TEXT.encode() * 10)
    result = read_inbox_file(tmp_path, "big.txt", max_bytes=100)
    assert [r.reason for r in result.rejections] == ["too_large"]
    assert read_inbox_file(tmp_path, "big.txt", max_bytes=10_000).articles


def test_symlink_outside_the_inbox_is_rejected(tmp_path: Path) -> None:
    inbox, outside = tmp_path / "inbox", tmp_path / "secret.txt"
    inbox.mkdir()
    outside.write_text(TEXT)
    (inbox / "link.txt").symlink_to(outside)
    (inbox / "inside.txt").write_text(TEXT)
    (inbox / "ok_link.txt").symlink_to(inbox / "inside.txt")
    assert [r.reason for r in read_inbox_file(inbox, "link.txt").rejections] == ["outside_inbox"]
    assert read_inbox_file(inbox, "ok_link.txt").articles


def test_vanished_and_unreadable_files(tmp_path: Path, monkeypatch) -> None:
    assert [r.reason for r in read_inbox_file(tmp_path, "gone.txt").rejections] == ["vanished"]
    (tmp_path / "folder").mkdir()
    (tmp_path / "dirlink.txt").symlink_to(tmp_path / "folder")
    assert [r.reason for r in read_inbox_file(tmp_path, "dirlink.txt").rejections] == [
        "unreadable"]
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    assert [r.reason for r in read_inbox_file(tmp_path, "loop.txt").rejections] == [
        "unreadable"]

    (tmp_path / "locked.txt").write_text(TEXT)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", denied)
    assert [r.reason for r in read_inbox_file(tmp_path, "locked.txt").rejections] == [
        "unreadable"]


def test_extractor_failure_is_a_rejection_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    def broken(html: str) -> dict:
        raise ValueError("parser exploded")

    monkeypatch.setattr(ingest, "html_to_article", broken)
    shutil.copy(DOC_FIXTURES / "article.html", tmp_path / "a.html")
    result = read_inbox_file(tmp_path, "a.html")
    assert [r.reason for r in result.rejections] == ["extraction_error"]
    assert "parser exploded" in result.rejections[0].detail


# --- listing -----------------------------------------------------------------------------------

def test_list_inbox_skips_partial_files_and_pipes_but_lists_links(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(TEXT)
    (tmp_path / "a.txt").write_text(TEXT)
    for partial in (".hidden.txt", "c.txt.part", "d.tmp", "e.txt~", "f.crdownload"):
        (tmp_path / partial).write_text(TEXT)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(TEXT)
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "dirlink").symlink_to(tmp_path / "sub")
    os.mkfifo(tmp_path / "pipe.txt")
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as fh:
        fh.write(TEXT.encode())  # a Latin-1 file name: not UTF-8, cannot go into a table
    assert list_inbox(tmp_path) == ["a.txt", "dirlink", "link.txt", "sub/b.txt"]
    assert is_partial_name("x.swp") and not is_partial_name("x.txt")


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=600), ext=st.sampled_from(
    [".txt", ".md", ".html", ".json", ".jsonl", ".bin"]))
def test_any_bytes_give_articles_or_rejections_never_an_exception(data: bytes, ext: str) -> None:
    result = parse_article_bytes(data, "x" + ext)
    assert result.articles or result.rejections
    for rejection in result.rejections:
        assert rejection.reason in REJECTION_REASONS
