"""The release report as a reader sees it: rendered by headless Chromium (Debian's `chromium`,
`make test-browser` installs it), with a screenshot in the test's output and assertions on the
rendered DOM. Skipped with a message when chromium is not installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.report import write_reports
from pipeline.stages import run_all
from pipeline.store import DataStore
from tests.paths import FIXTURES, seed_inbox
from tests.pipeline.test_report import Page

CHROMIUM = os.environ.get("NEWSFACTS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--enable-logging=stderr", "--v=0"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                       reason=f"chromium not found at {CHROMIUM}: `make test-browser` installs "
                              "it (apt-get install chromium)"),
]


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args,
                          page.as_uri()], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataStore, Page, str, Path]:
    root = tmp_path_factory.mktemp("browser")
    inbox = seed_inbox(root / "inbox")
    store = DataStore(root / "data", inbox)
    run_all(store, 5 * 1024 * 1024)
    shutil.copy(FIXTURES / "extra_article.txt", inbox / "more.txt")
    for i, seed in enumerate(sorted(inbox.glob("*.txt"))[:2]):  # dated: the timeline has bars
        text = seed.read_text(encoding="utf-8")
        (inbox / f"dated_{i}.json").write_text(json.dumps(
            {"title": text.split("\n", 1)[0], "text": text, "published": f"2026-11-0{i + 2}"}))
    run_all(store, 5 * 1024 * 1024)
    write_reports(store)
    page = store.data_dir / "reports" / "latest.html"
    dom = chromium(page, root / "profile", "--dump-dom")
    shot = root / "latest.png"
    chromium(page, root / "profile", f"--screenshot={shot}", "--window-size=1280,3000",
             "--hide-scrollbars")
    print(f"\nscreenshot of the rendered report: {shot}")
    return store, Page(dom.stdout), dom.stderr, shot


def test_the_browser_renders_every_section(rendered) -> None:
    _, page, _, _ = rendered
    titles = [t for _, t in page.headings]
    assert titles[:2] == ["newsfacts release v2", "Changes since v1"]
    assert "Timeline" in titles and page.tables["timeline"]
    for section in ("Timeline", "Stories", "Who is quoted", "Where sources disagree",
                    "Facts and their sources"):
        assert section in titles
    assert any(tag == "svg" and a.get("class") == "timeline" for tag, a in page.tags)


def test_stories_with_their_facts_and_a_timeline_each(rendered) -> None:
    store, page, _, _ = rendered
    stories = store.read_release_table("v2", "stories")
    divs = [a["id"] for tag, a in page.tags if tag == "div" and a.get("class") == "story"]
    assert sorted(divs) == sorted(stories["story_id"])
    assert set(stories["label"]) <= {t for h, t in page.headings if h == "h3"}
    svgs = [a for tag, a in page.tags if tag == "svg"]
    assert len(svgs) >= 1 + stories["first_published"].notna().sum()  # the page's, one a story


def test_conflicts_show_both_sides(rendered) -> None:
    store, page, _, _ = rendered
    facts = store.read_release_table("v2", "facts")
    sides = page.tables["sides"]
    assert len(sides) == int(facts["conflict"].sum()) > 0
    assert max(len(table) - 1 for table in sides) >= 2  # a header row, then two sides or more
    assert all(row[1] for table in sides for row in table[1:])  # each side names its sources


def test_facts_list_their_sources_and_no_errors_in_the_console(rendered) -> None:
    store, page, console, shot = rendered
    assert page.tables["sources"] and all(len(t) > 1 for t in page.tables["sources"])
    assert "Uncaught" not in console and ":ERROR:CONSOLE" not in console, console[-3000:]
    assert not any(tag == "script" for tag, _ in page.tags)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
