"""Plain-text page dumps: the page's chrome goes by its shape and place, the article stays.

One test per boilerplate family of text dumps and per kept-text case (issue 16), on invented
snippets.
"""

from __future__ import annotations

import pytest

from pipeline.core.documents import classify_line, clean_text
from pipeline.core.documents.structure import is_title_cased, mark_page_chrome

P1 = ("The harbour board in Tessaly approved a new fee schedule on Thursday after months of "
      "argument over who should pay for dredging the western channel.")
P2 = ("“Nobody wanted this, but the channel silts up every winter,” board chair Odile Varga "
      "said, adding that the fees would be reviewed in two years.")
P3 = ("Fishing crews said the increase of about 14 percent would cost a small boat roughly "
      "900 euros a season, and their association asked for a phased start.")
HEAD = "Tessaly harbour board approves dredging fees after long dispute"
BODY = "\n".join([P1, P2, P3])


def test_top_menu_labels_and_outlet_name_go_and_the_headline_is_found() -> None:
    raw = "\n".join(["Tessaly Gazette", "LIVE TV", "Home", "Harbours", "Local Politics",
                     "Weather", "Sign In", HEAD, P1, P2, P3])
    cleaned = clean_text(raw)
    assert cleaned.title == HEAD
    assert cleaned.text == BODY
    assert cleaned.removed["navigation"] + cleaned.removed["notice"] >= 6


def test_the_title_of_a_dump_is_not_a_menu_label_or_a_footer_link() -> None:
    raw = "\n".join(["Terms of Use", "LIVE TV", HEAD, "By Odile Varga", P1, P2, P3])
    assert clean_text(raw).title == HEAD


def test_footer_link_columns_after_the_last_paragraph_go() -> None:
    raw = "\n".join([HEAD, P1, P2, P3, "Do Not Sell My Personal Information", "Work for Us",
                     "Help Centre", "Harbours", "Weather"])
    cleaned = clean_text(raw)
    assert cleaned.text == BODY and cleaned.removed["navigation"] == 5


def test_a_section_menu_between_paragraphs_goes() -> None:
    raw = "\n".join([HEAD, P1, "World", "Business", "Sport", "Culture", "Travel", P2, P3])
    assert clean_text(raw).text == BODY


def test_lines_repeating_the_headline_go() -> None:
    raw = "\n".join(["Menu", "Search", HEAD, P1, P2, HEAD, P3])
    cleaned = clean_text(raw)
    assert cleaned.text == BODY and cleaned.removed["title_repeat"] == 1


def test_author_box_under_a_standfirst_goes() -> None:
    stand = "Fishing crews say the new charges will push some boats out of the port for good."
    raw = "\n".join([HEAD, stand, "Odile Varga", "Harbours correspondent", P1, P2, P3])
    cleaned = clean_text(raw)
    assert cleaned.title == HEAD
    assert cleaned.text == "\n".join([stand, P1, P2, P3])


@pytest.mark.parametrize("line,reason", [
    ("Fishing boats moored at the western quay on Monday (Piotr Salas/Coastwire)", "credit"),
    ("Fishing boats moored at the western quay on Monday | Getty Images", "credit"),
    ("Image copyright Coastwire Image caption Boats at the western quay", "credit"),
    ("Harbour board approves dredging fees Read more", "related_links"),
    ("Related Harbour fees: what boat owners need to know", "related_links"),
    ("Read or Share this story: https://news.example.org/story/12345", "related_links"),
    ("Story Continued Below", "advertising"),
    ("Advertisement Advertisement", "advertising"),
    ("EMBED More News Videos", "embed"),
    ("Posted: June 3, 2026 Updated: June 4, 2026", "timestamp"),
    ("12.4K Shares", "share_widget"),
])
def test_dump_boilerplate_shapes(line: str, reason: str) -> None:
    assert classify_line(line) == reason


@pytest.mark.parametrize("line", [
    "Related costs, including legal fees, could reach 2 million euros, the board said.",
    "Read more about the fees in the board's own report, the chair told members.",
    "The cheapest season permit now costs €300, down from €450, and sign-ups open Monday.",
    "Updated figures on Monday showed 3,000 boats were affected.",
])
def test_reporting_with_those_words_is_kept(line: str) -> None:
    assert classify_line(line) is None


def test_tweet_text_is_kept_only_its_picture_link_goes() -> None:
    tweet = "The harbour is ours, not the board's. We will keep fighting."
    raw = "\n".join([HEAD, P1, tweet, "pic.twitter.com/AbC123xyz", P2, P3])
    cleaned = clean_text(raw)
    assert cleaned.text == "\n".join([P1, tweet, P2, P3])
    assert cleaned.removed["embed"] == 1


def test_a_deal_line_with_a_price_is_kept() -> None:
    deal = "Members can sign up for the winter berth deal at €120 a month until March."
    raw = "\n".join([HEAD, P1, deal, P2, P3])
    assert clean_text(raw).text == "\n".join([P1, deal, P2, P3])


def test_live_blog_time_headings_are_all_kept() -> None:
    raw = "\n".join([HEAD, "Updated 14:20 BST", "09:05", P1, "11:40", P2, "13:15", P3])
    cleaned = clean_text(raw)
    assert cleaned.title == HEAD
    assert cleaned.text == "\n".join(["09:05", P1, "11:40", P2, "13:15", P3])


def test_a_single_time_between_paragraphs_is_kept_and_a_stamp_is_not() -> None:
    raw = "\n".join([HEAD, "By Odile Varga", "June 3, 2026", P1, "June 2024", P2, P3])
    cleaned = clean_text(raw)
    assert cleaned.text == "\n".join([P1, "June 2024", P2, P3])


def test_isolated_subheadings_stay_when_unsure() -> None:
    raw = "\n".join([HEAD, P1, "Who pays for the dredging", P2, "A phased start", P3])
    assert clean_text(raw).text == "\n".join([P1, "Who pays for the dredging", P2,
                                              "A phased start", P3])


def test_mark_page_chrome_leaves_plain_articles_alone() -> None:
    lines = [P1, P2, P3]
    reasons: list[str | None] = [None, None, None]
    assert mark_page_chrome(lines, reasons) is None and reasons == [None, None, None]


@pytest.mark.parametrize("line,expected", [
    ("Terms of Use", True), ("LIVE TV", True), ("Elections 2026", True),
    ("Who pays for the dredging", False)])
def test_title_case(line: str, expected: bool) -> None:
    assert is_title_cased(line) is expected


def test_tweet_text_on_the_line_of_its_link_keeps_the_text_only() -> None:
    tweet = ("The harbour is ours, not the board's. We will keep fighting. "
             "pic.twitter.com/AbC123xyz — Noor Haddad (@noorh21) June 3, 2026")
    cleaned = clean_text("\n".join([HEAD, P1, tweet, P2, P3]))
    assert cleaned.text == "\n".join(
        [P1, "The harbour is ours, not the board's. We will keep fighting.", P2, P3])
    assert cleaned.removed["embed"] == 1


def test_a_deal_line_that_opens_with_sign_up_is_kept() -> None:
    deal = "Sign up for the winter berth plan at €120 a month, down from €150, until March."
    assert clean_text("\n".join([HEAD, P1, deal, P2, P3])).text == "\n".join([P1, deal, P2, P3])


def test_a_deal_line_loses_only_its_sign_up_sentence() -> None:
    deal = ("The season ticket now costs £540, down from £610. "
            "Sign up for our deals newsletter.")
    cleaned = clean_text("\n".join([HEAD, P1, deal, P2, P3]))
    assert cleaned.text == "\n".join([P1, "The season ticket now costs £540, down from £610.",
                                      P2, P3])
    assert cleaned.removed["donation"] == 1


def test_the_outlets_own_sign_up_line_still_goes() -> None:
    cleaned = clean_text("\n".join([HEAD, P1, "Sign up for our newsletter", P2, P3]))
    assert cleaned.text == "\n".join([P1, P2, P3])
