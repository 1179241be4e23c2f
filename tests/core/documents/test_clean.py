"""Cleaning: each boilerplate family goes, reporting stays, headline and dateline come apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.documents import (
    MIN_ARTICLE_WORDS,
    classify_line,
    clean_text,
    is_subheading,
    join_paragraphs,
)
from tests.paths import FIXTURES, SEEDS

DOC_FIXTURES = FIXTURES / "documents"
SEEDS = SEEDS

BODY = (
    "The regional council approved a new budget on Tuesday after a long debate over road "
    "repairs, school meals and the cost of running the harbour ferry through the winter.\n"
    "“We did what we could with what we had,” council leader Mirela Stanic said after the vote.\n"
    "Opposition members said the plan left too little for flood defences along the river."
)

# One or more lines of each family, as news sites write them (invented names throughout).
FAMILIES: dict[str, list[str]] = {
    "advertising": [
        "Advertisement", "ADVERTISEMENT", "Sponsored", "Sponsored Content",
        "Story continues below advertisement", "Continue reading the main story",
        "Story continues", "Supported by", "SKIP ADVERTISEMENT",
        "Advertisement - Scroll to continue", "Ad Feedback", "Paid content",
    ],
    "share_widget": [
        "Share the Story", "Share this article", "Add a comment", "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Facebook Twitter LinkedIn Email", "Copy link", "Link copied!", "12 Comments",
        "View comments", "Follow us on Instagram", "Listen to this article · 4 min",
        "5 min read", "Print", "Share on WhatsApp (opens in new window)", "Share full article",
        "Read 1,204 comments", "Reuse this content", "You must be logged in to post a comment.",
    ],
    "credit": [
        "Photo: Rui Tanaka", "Photograph: Leonie Varga/Northwind Press", "(Getty Images)",
        "Image source, Getty Images", "Image caption, Crowds gathered outside the hall",
        "Credit: Olu Mbeki for The Courier", "Photo by Ana Kruse on Unsplash",
        "Commuters wait at a bus stop in the rain. (AP Photo/Dana Whitcombe, File)",
        "Firefighters work at the scene on Monday. Photo: Jens Holm",
        "Video: Residents describe the flooding", "Getty Images",
        "Credit...Ana Kruse for The Courier", "AP Photo/Dana Whitcombe",
    ],
    "donation": [
        "Support us", "Subscribe to our newsletter", "Subscribe now",
        "Keep Independent Journalism Alive", "Donate now", "Become a member today",
        "Sign up for our daily briefing newsletter",
        "Support independent journalism with a monthly gift.",
        "You've read 3 of 5 free articles this month.", "Already a subscriber? Log in",
        "Thank you for reading. Please consider making a donation to support our reporting.",
    ],
    "byline": [
        "By Marta Ellison", "By MARTA ELLISON and JOEL OKONKWO, Associated Press",
        "By Lina Okafor | June 3, 2024", "Author", "About the author",
        "Reporting by Lena Park; Editing by Tom Hale", "Staff Writer",
        "(Reporting by Lena Park in Oslo; Editing by Tom Hale)",
        "Associated Press writer Ivo Mendes contributed to this report.",
        "Contact the reporter at lpark@example.com",
    ],
    "related_links": [
        "Read more", "READ MORE: Harbor City bus fares to rise in autumn",
        "Related: Council race heats up", "Related Stories", "You may also like",
        "Most Read", "See also", "https://example.com/news/story-123",
        "Explore more on these topics", "CLICK HERE TO GET THE COURIER APP",
    ],
    "notice": [
        "We use cookies to improve your experience on our site.",
        "By continuing to use this site you agree to our cookie policy.",
        "© 2024 Harbor City Ledger. All rights reserved.", "Skip to main content",
        "Please enable JavaScript to view this content.", "Home > World > Asia",
        "This article was originally published by The Plains Herald.",
        "This material may not be published, broadcast, rewritten or redistributed.",
    ],
    "timestamp": [
        "Published June 3, 2024 7:15 a.m. EDT", "Updated: 12:04 PM ET, Tue June 4, 2024",
        "June 3, 2024", "Sun 2 Jun 2024 14.02 BST", "3 hours ago",
        "First published on Sun 2 Jun 2024 09.00 BST",
    ],
    "tags": ["Tags: ferries, transit, city council", "Topics: Politics"],
    "embed": ["View this post on Instagram", "A post shared by Harbor Ledger (@harborledger)",
              "pic.twitter.com/AbC123xyz"],
    "separator": ["* * *", "———"],
}

# Reporting that mentions the same words; none of it may be dropped.
REPORTING = [
    "Credit card debt rose 5 percent last year, the central bank said on Friday.",
    "The bakery sold cookies to raise money, and residents agreed it was a good experience.",
    "By Tuesday, Congress must act or the programme will lapse, officials warned.",
    "Subscribers to the streaming service rose to 2 million last year.",
    "Support for the measure fell to 40 percent in the latest poll.",
    "Updated figures released on Tuesday showed 5 percent growth in exports.",
    "Photos of the damage spread quickly on social media after the storm hit the coast.",
    "Share prices fell 3 percent on Monday as investors weighed the results.",
    "Donated funds rose to $3 million, the charity said in a statement.",
    "Reporting by The Ledger found that the agency knew about the fault in 2019.",
    "Related costs, including legal fees, could reach $10 million, the audit said.",
    "The newsletter, first published in 1990, reported that sales had fallen.",
    "Copyright lawsuits against software firms have multiplied this year.",
    "Comments from the minister drew criticism from farmers’ unions on Monday.",
    "“Read the report,” she told reporters. “The numbers speak for themselves.”",
    "Home prices in the capital rose 8 percent over the year to March.",
    "Readers wrote in to complain, and the paper issued a correction.",
    "The Associated Press reported that 14 people were injured in the blast.",
    "Sign-ups for the scheme reached 12,000 in its first week.",
]


@pytest.mark.parametrize("reason,line", [(r, ln) for r, lines in FAMILIES.items()
                                         for ln in lines])
def test_each_boilerplate_family_is_removed_with_its_reason(reason: str, line: str) -> None:
    assert classify_line(line) == reason
    # Mid-article, except page stamps: a bare date between paragraphs is a timeline heading.
    raw = (line + "\n" + BODY if reason == "timestamp"
           else BODY + "\n" + line + "\n" + BODY.split("\n")[-1] + " Again.")
    cleaned = clean_text(raw)
    assert line not in cleaned.text.split("\n")
    assert cleaned.removed[reason] >= 1


@pytest.mark.parametrize("line", REPORTING)
def test_reporting_that_mentions_boilerplate_words_is_kept(line: str) -> None:
    assert classify_line(line) is None
    cleaned = clean_text(BODY + "\n" + line)
    assert cleaned.text.split("\n")[-1] == line


def test_fixture_article_keeps_reporting_drops_everything_else() -> None:
    raw = (DOC_FIXTURES / "boilerplate_article.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert cleaned.title == "Harbor City Council Approves Ferry Expansion After Long Debate"
    assert cleaned.dateline == "HARBOR CITY"
    assert cleaned.published == "2024-06-03"
    lines = cleaned.text.split("\n")
    assert lines[0].startswith("The city council voted 7-2 on Tuesday")
    assert "What the plan changes" in lines  # a subheading stays as its own line
    assert any(ln.startswith("“We have waited long enough") for ln in lines)
    assert lines[-1].startswith("The transit department expects ridership")
    assert len(lines) == 7
    for family in ("advertising", "share_widget", "credit", "donation", "byline",
                   "related_links", "notice", "timestamp", "tags"):
        assert cleaned.removed[family] >= 1, family
    assert cleaned.title not in cleaned.text


def test_output_has_one_paragraph_per_line_and_keeps_typography() -> None:
    raw = "\n\n\n  First  paragraph “quoted” — with a dash.  \n\n\nSecond paragraph’s end.\n\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "First paragraph “quoted” — with a dash.\nSecond paragraph’s end."


def test_hard_wrapped_text_is_rejoined_into_paragraphs() -> None:
    raw = (DOC_FIXTURES / "wrapped_article.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert cleaned.title == "Orchard Growers Brace for a Thin Harvest"
    lines = cleaned.text.split("\n")
    assert len(lines) == 4
    assert lines[1].startswith('"We lost about half the crop') and lines[1].endswith(
        'like it."')


def test_line_breaks_inside_a_paragraph_and_list_bullets() -> None:
    raw = ("Opponents said the plan was too costly\nand would raise taxes, they said.\n"
           "- Roads get more money\n- schools get a meals programme\n• Parks stay open")
    assert [p for p, _ in join_paragraphs(raw)] == [
        "Opponents said the plan was too costly and would raise taxes, they said.",
        "Roads get more money", "schools get a meals programme", "Parks stay open"]


def test_short_lines_in_a_paragraph_per_line_text_are_not_joined() -> None:
    paragraphs = join_paragraphs("Short one.\nAnother short line\nThird.")
    assert [p for p, _ in paragraphs] == ["Short one.", "Another short line", "Third."]


def test_known_title_is_not_repeated_in_the_text() -> None:
    cleaned = clean_text("Mayor Vows Faster Buses\n" + BODY, "Mayor vows faster buses")
    assert cleaned.title == "Mayor vows faster buses"
    assert not cleaned.text.startswith("Mayor")
    assert cleaned.removed["title_repeat"] == 1


def test_first_line_is_a_headline_only_when_it_reads_like_one() -> None:
    assert clean_text("Mayor Vows Faster Buses\n\n" + BODY).title == "Mayor Vows Faster Buses"
    assert clean_text("Ferry fares to rise as fuel costs bite\n\n" + BODY).title is not None
    assert clean_text(BODY).title is None  # a first paragraph of reporting is not a title
    dek = "Officials signal a deal is close, proposing new talks to break the deadlock.\n\n"
    assert clean_text(dek + BODY).title is None  # a standfirst sentence stays in the text


def test_section_label_above_the_headline_goes() -> None:
    cleaned = clean_text("Politics\nCouncil Passes Budget After Long Debate\n\n" + BODY)
    assert cleaned.title == "Council Passes Budget After Long Debate"
    assert cleaned.text == BODY and cleaned.removed["section_label"] == 1
    known = clean_text("World News\nCouncil passes budget\n" + BODY, "Council passes budget")
    assert known.text == BODY


@pytest.mark.parametrize("line,dateline", [
    ("(Reuters) - Stocks rose on Tuesday as investors cheered strong results.", "(Reuters)"),
    ("WASHINGTON — The agency said on Monday that it would review the rules.", "WASHINGTON"),
    ("NEW YORK, May 3 (Reuters) - Stocks rose on Tuesday as investors cheered results.",
     "NEW YORK, May 3 (Reuters)"),
    ("KYIV, Ukraine — Officials said power had been restored to most of the city.",
     "KYIV, Ukraine"),
    ("NEW DELHI: The government announced new rules for ride-hailing firms.", "NEW DELHI"),
    ("Beijing (AFP) -- Exports rose for a third month in a row, customs data showed.",
     "Beijing (AFP)"),
    ("Nairobi, June 2 (Xinhua) -- Kenya's central bank held its key rate steady.",
     "Nairobi, June 2 (Xinhua)"),
])
def test_leading_dateline_moves_to_its_own_field(line: str, dateline: str) -> None:
    cleaned = clean_text(line + "\n" + BODY)
    assert cleaned.dateline == dateline
    assert not cleaned.text.startswith(dateline)
    assert cleaned.text.split("\n")[0][0].isupper()


def test_dateline_under_a_standfirst() -> None:
    raw = ("Ferry Fares to Rise\n\nOperators blame fuel costs as prices climb for a second year\n"
           "HARBOR CITY — Ferry fares will rise 8 percent from July, the operator said on Monday.\n"
           + BODY)
    cleaned = clean_text(raw)
    assert (cleaned.title, cleaned.dateline) == ("Ferry Fares to Rise", "HARBOR CITY")
    assert cleaned.text.split("\n")[1].startswith("Ferry fares will rise 8 percent")


@pytest.mark.parametrize("line", [
    "BREAKING: The agency said on Monday that it would review the rules.",
    "BREAKING NEWS — The agency said on Monday that it would review the rules.",
    "President Ana Lisboa — who took office in March — said the plan would go ahead.",
    "NATO allies met on Tuesday to discuss the budget for the coming year.",
])
def test_no_dateline_where_there_is_none(line: str) -> None:
    assert clean_text(line + "\n" + BODY).dateline is None


def test_donation_block_goes_as_a_whole() -> None:
    plea = ("Keep Local Reporting Alive\n"
            "Our newsroom depends on readers like you. If you value our journalism, please "
            "consider supporting us with a contribution of any size.\n"
            "Support us via PayPal")
    cleaned = clean_text(BODY + "\n" + plea)
    assert cleaned.text == BODY
    assert cleaned.removed["donation"] == 3


def test_related_link_list_goes_but_following_reporting_stays() -> None:
    links = "Related Stories\nBridge repairs delayed again\nCouncil race heats up in District 4"
    after = ("The transit department expects ridership to climb by a third within two years, "
             "a forecast that opponents called optimistic.")
    cleaned = clean_text(BODY + "\n" + links + "\n" + after)
    assert cleaned.text == BODY + "\n" + after


def test_subheadings_stay_as_their_own_lines() -> None:
    cleaned = clean_text(BODY + "\nWhat Happens Next\n" + BODY)
    assert "What Happens Next" in cleaned.text.split("\n")
    assert is_subheading("What Happens Next")
    assert not is_subheading(BODY.split("\n")[0])


def test_a_bare_date_inside_the_story_is_a_timeline_heading_and_stays() -> None:
    cleaned = clean_text("June 3, 2024\n" + BODY + "\nMay 2024\n" + BODY + "\n3 hours ago")
    assert cleaned.text == BODY + "\nMay 2024\n" + BODY
    assert cleaned.removed["timestamp"] == 2


def test_readers_comments_after_the_article_go() -> None:
    comments = ("3 Comments\nDana Flores says:\nJune 4, 2024 at 9:12 am\n"
                "This plan will cost us 40 percent more in taxes, mark my words.\nReply\n"
                "Sam Ito says:\nJune 4, 2024 at 10:03 am\n“Nonsense,” I say. The council is right.")
    cleaned = clean_text(BODY + "\n" + BODY + "\n" + comments)
    assert cleaned.text == BODY + "\n" + BODY
    assert cleaned.removed["comments"] >= 4
    stray = clean_text(BODY + "\nComments\n" + BODY)  # a lone link, no comment bylines
    assert stray.text == BODY + "\n" + BODY


def test_author_bio_at_the_end_goes() -> None:
    bio = "Lena Park is a senior correspondent covering energy and climate for the Courier."
    cleaned = clean_text(BODY + "\n" + bio)
    assert cleaned.text == BODY
    assert cleaned.removed["byline"] == 1


def test_cleaning_is_deterministic_and_idempotent() -> None:
    raw = (DOC_FIXTURES / "boilerplate_article.txt").read_text(encoding="utf-8")
    once = clean_text(raw)
    assert clean_text(raw) == once
    again = clean_text(once.text, once.title)
    assert again.text == once.text


# --- page dumps in the styles of different kinds of outlet (hand-written, invented) ----------

STYLES = {  # file: (title, dateline, published, first words of the text, paragraphs kept)
    "ap.txt": ("Senate passes bill to expand veterans' health benefits", "WASHINGTON (AP)", None,
               "The Senate on Tuesday passed", 4),
    "bbc.txt": ("Floods: Hundreds evacuated as river bursts its banks", None, None,
                "Hundreds of people have been evacuated", 4),
    "guardian.txt": ("Ministers face revolt over plan to cut rural bus subsidies", None,
                     "2024-06-02", "Backbenchers warn the 15% cut", 5),
    "newsletter.txt": ("Why the port strike matters for your grocery bill", None, None,
                       "Dockworkers at the country's two largest ports", 3),
    "wordpress.txt": ("Local bakery celebrates 50 years on Main Street", None, "2024-06-03",
                      "The Crumb & Crust bakery marked", 4),
}


@pytest.mark.parametrize("name", sorted(STYLES))
def test_page_dumps_of_different_outlet_styles(name: str) -> None:
    title, dateline, published, start, n_paragraphs = STYLES[name]
    cleaned = clean_text((DOC_FIXTURES / "styles" / name).read_text(encoding="utf-8"))
    assert (cleaned.title, cleaned.dateline, cleaned.published) == (title, dateline, published)
    lines = cleaned.text.split("\n")
    assert lines[0].startswith(start)
    assert len(lines) == n_paragraphs, lines
    assert all(_looks_like_reporting(ln) for ln in lines), lines


def _looks_like_reporting(line: str) -> bool:
    return len(line.split()) >= 10


# --- the seeds: families gone, reporting kept ------------------------------------------------

_BOILERPLATE = re.compile(
    r"^(advertisement|share the story|add a comment|leave a reply|author|photo:.*)$|"
    r"email address will not be published|support us|paypal|donation|"
    r"independent journalism alive", re.IGNORECASE)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seeds_lose_boilerplate_and_keep_every_paragraph_of_reporting(seed: Path) -> None:
    raw = seed.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    kept = cleaned.text.split("\n")
    assert cleaned.n_words >= MIN_ARTICLE_WORDS
    for line in kept:
        assert not _BOILERPLATE.search(line), line
    reporting = [ln.strip() for ln in raw.split("\n") if len(ln.split()) >= 8
                 and not _BOILERPLATE.search(ln) and ln.strip() != cleaned.title]
    for line in reporting:  # a dateline may be cut off the front, hence endswith
        assert any(line.endswith(k) for k in kept), f"reporting lost: {line[:80]}"


def test_seed_headline_becomes_the_title() -> None:
    seed = next(SEEDS.glob("001_*.txt"))
    raw = seed.read_text(encoding="utf-8")
    first = raw.split("\n")[0].strip()
    cleaned = clean_text(raw)
    assert cleaned.title == first
    assert first not in cleaned.text


# --- properties --------------------------------------------------------------------------------

_PIECES = [*"abcXYZ .,:;!?-—–“”\"'’()|/@#*_\n\r\t0123456789", "By ", "Photo: ", "Share",
           "Advertisement", "WASHINGTON — ", "Read more", "\n\n", "  ", "Élan", "naïve"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=200).map("".join)


@settings(max_examples=200, deadline=None)
@given(raw=_TEXT, title=st.one_of(st.none(), st.text(max_size=40)))
def test_cleaning_never_crashes_and_keeps_the_line_contract(raw: str, title: str | None) -> None:
    cleaned = clean_text(raw, title)
    assert "\n\n" not in cleaned.text and "\r" not in cleaned.text
    for line in cleaned.text.split("\n") if cleaned.text else []:
        assert line and line == line.strip()
    words_in = set(re.findall(r"\w+", raw))
    assert set(re.findall(r"\w+", cleaned.text)) <= words_in  # nothing invented
    assert sum(cleaned.removed.values()) >= 0
