"""One run over good articles mixed with one of each bad input: the run succeeds, the good ones
are published, and every bad one is in `rejections` with its reason. Nothing is skipped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.core.documents import inbox as ingest
from pipeline.core.documents import json_records
from pipeline.core.documents.inputs import file_of_source
from pipeline.stages import run_all
from pipeline.store import DataStore
from tests.paths import FIXTURES

DOC_FIXTURES = FIXTURES / "documents"
MAX_BYTES = 5 * 1024 * 1024

ENCODED = (
    "Council Delays Vote on Stadium Funding\n\n"
    "The city council postponed a vote on public funding for a new stadium on Thursday after "
    "residents packed the chamber to object to the 90 million dollar plan. “This is not the "
    "moment,” said councillor Renée Duchamp, who asked for an independent review of the costs. "
    "Supporters said the delay could push the club to look at sites in neighbouring towns.\n"
)

EXPECTED_REJECTIONS = {
    "empty.txt": "empty",
    "picture.txt": "binary",
    "huge.txt": "too_large",
    "slides.pptx": "unsupported_extension",
    "broken.json": "unreadable_json",
    "title_only.json/#0": "no_text",
    "teaser.txt": "too_short",
    "escape.txt": "outside_inbox",
    "vanishing.txt": "vanished",
    "folder_link.txt": "unreadable",
    "crash.html": "extraction_error",
    "records.jsonl/#1": "no_text",
    "records.jsonl/#3": "unreadable_json",
}
GOOD = {"boilerplate_article.txt", "wrapped_article.txt", "article.md", "article.html",
        "records.jsonl/#0", "records.jsonl/#2", "utf16.txt", "windows1252.txt", "copy/article.md",
        "nested/records.json/#0"}


@pytest.fixture
def battery(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for f in DOC_FIXTURES.iterdir():
        if f.is_file():
            shutil.copy(f, inbox / f.name)
    (inbox / "copy").mkdir()
    shutil.copy(DOC_FIXTURES / "article.md", inbox / "copy" / "article.md")  # an exact duplicate
    (inbox / "utf16.txt").write_bytes(ENCODED.encode("utf-16"))
    (inbox / "windows1252.txt").write_bytes(
        ENCODED.replace("Council Delays", "Club Reacts As Council Delays").encode("cp1252")
        + b"\r\nSupporters will meet again next week to discuss what to do.\r\n")
    (inbox / "nested").mkdir()
    (inbox / "nested" / "records.json").write_text(json.dumps({"articles": [{
        "title": "Ferry Operator Adds Night Crossings", "outlet": "Island Post",
        "date": "2019-07-01", "text": ENCODED.replace("stadium", "ferry terminal")}]}))

    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (inbox / "huge.txt").write_bytes(b"word " * (MAX_BYTES // 5 + 1))
    (inbox / "slides.pptx").write_bytes(b"PK\x03\x04 not really slides")
    (inbox / "broken.json").write_text('{"title": "Half a record", "text": "The council')
    (inbox / "title_only.json").write_text('{"title": "A headline and nothing else"}')
    (inbox / "teaser.txt").write_text("Advertisement\nCouncil delays stadium vote.\nRead more\n")
    (tmp_path / "outside.txt").write_text(ENCODED)
    (inbox / "escape.txt").symlink_to(tmp_path / "outside.txt")
    (inbox / "vanishing.txt").write_text(ENCODED)
    (inbox / "empty_folder").mkdir()
    (inbox / "folder_link.txt").symlink_to(inbox / "empty_folder")
    (inbox / "crash.html").write_text("<html><body><p>crash marker</p></body></html>")
    (inbox / "being_written.txt.part").write_text(ENCODED)  # picked up once renamed
    return inbox


def test_bad_inputs_are_rejected_and_the_good_ones_published(
    battery: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_extract = ingest.html_to_article

    def extract(html: str) -> dict:
        if "crash marker" in html:
            raise RuntimeError("extractor crashed on this page")
        return real_extract(html)

    # HTML pages (inbox) and JSON records with html (json_records) both call the extractor.
    monkeypatch.setattr(ingest, "html_to_article", extract)
    monkeypatch.setattr(json_records, "html_to_article", extract)

    def log(message: str) -> None:
        if message.startswith("inbox:"):  # listed, then gone before the documents stage
            (battery / "vanishing.txt").unlink(missing_ok=True)

    store = DataStore(tmp_path / "data", battery, lock_timeout_s=30)
    result = run_all(store, max_file_bytes=MAX_BYTES, log=log)
    assert result.published

    documents = store.read_release_table(result.version, "documents")
    rejections = store.read_release_table(result.version, "rejections")
    rejected = dict(zip(rejections["source"], rejections["reason"], strict=True))
    for source, reason in EXPECTED_REJECTIONS.items():
        assert rejected.get(source) == reason, (source, sorted(rejected.items()))
    assert rejected == EXPECTED_REJECTIONS
    assert set(documents["source"]) == GOOD

    # Nothing skipped: every listed file is a document or a rejection (by file).
    files = {file_of_source(s) for s in [*documents["source"], *rejected]}
    listed = set(ingest.list_inbox(battery)) | {"vanishing.txt"}
    assert listed == files
    assert "being_written.txt.part" not in files

    by_source = documents.set_index("source")
    copy = by_source.loc["copy/article.md"]
    assert copy["duplicate_of"] == by_source.loc["article.md", "doc_id"]
    # Near-copies of one story: the dated record is the earliest, the others point at it.
    dated = by_source.loc["nested/records.json/#0", "doc_id"]
    assert by_source.loc["utf16.txt", "duplicate_of"] == dated
    assert by_source.loc["windows1252.txt", "duplicate_of"] == dated
    assert by_source["duplicate_of"].notna().sum() == 3
    assert by_source.loc["article.html", "published"] == "2022-08-09"
    assert by_source.loc["nested/records.json/#0", "outlet"] == "Island Post"
    assert "“This is not the moment,”" in by_source.loc["utf16.txt", "text"]
    assert "Renée" in by_source.loc["windows1252.txt", "text"]
    assert by_source.loc["utf16.txt", "title"] == "Council Delays Vote on Stadium Funding"
    for text in documents["text"]:
        assert "\n\n" not in text and "\r" not in text


def test_a_second_run_reuses_everything_and_publishes_nothing_new(
    battery: Path, tmp_path: Path
) -> None:
    (battery / "crash.html").unlink()
    store = DataStore(tmp_path / "data", battery, lock_timeout_s=30)
    first = run_all(store, max_file_bytes=MAX_BYTES)
    second = run_all(store, max_file_bytes=MAX_BYTES)
    assert first.published and not second.published
    assert second.version == first.version
