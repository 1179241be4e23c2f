"""Page dumps: news pages rendered to plain text with their chrome, cleaned, scored on shingles.

Each page is generated HTML in one of several outlet layouts (top navigation with title-case
section menus and labels such as "LIVE TV", breadcrumbs, kicker, headline, standfirst, byline,
page stamps, share bars, figures with captions and agency credits, in-article related links and
ad slots, embedded posts, "most read" lists, newsletter boxes, footers with link columns and a
copyright line). The article's paragraphs are the gold. The page is rendered to text the way a
browser copy or a crawler's text output renders it (one block a line, with or without blank
lines), then read as a `.txt` file and cleaned by the documents stage.

Reported: 4-word-shingle precision, recall and F1 of the documents text against the gold
paragraphs (micro-averaged over pages), the share of pages whose title is the headline, and the
same scores for the HTML itself through the HTML path, as a reference.

Run: nice .venv/bin/python -m bench.bench_page_dumps [--code DIR] [--label NAME]
(`--code` imports the pipeline from another checkout, to measure "before").
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
from pathlib import Path

N_PAGES = 120
SEED = 16

FIRST = ["Amara", "Tomasz", "Lucía", "Kenji", "Ingrid", "Rafael", "Noor", "Pieter", "Adaeze",
         "Mateo", "Sunita", "Olev", "Greta", "Idris", "Mireille", "Dmitri", "Hana", "Cormac",
         "Beatriz", "Yusuf", "Keiko", "Anders", "Fiona", "Omar"]
LAST = ["Okonkwo", "Lindqvist", "Ferreira", "Haddad", "Nakamura", "Brennan", "Castellanos",
        "Volkova", "Mbeki", "Sorensen", "Achterberg", "Quispe", "Delacroix", "Rahimi", "Oduya",
        "Kowalczyk", "Marchetti", "Thorsen"]
OUTLETS = ["The Valmora Herald", "Northbrook Daily", "Coastline News", "Metro Ledger",
           "The Eastern Courier", "Channel Nine News", "Riverside Post", "Union Tribune Online"]
AGENCIES = ["Getty Images", "AFP", "Reuters", "AP", "EPA", "Shutterstock", "Bloomberg"]
SECTIONS = ["World", "Politics", "Business", "Tech", "Science", "Health", "Sport", "Culture",
            "Opinion", "Climate", "Local", "Entertainment", "Travel", "Lifestyle", "Markets",
            "Education", "US", "Europe", "Asia", "Africa", "Video", "Podcasts", "Weather",
            "Real Estate", "Money", "Food", "Style", "Crime", "Elections 2026"]
LABELS = ["LIVE TV", "Watch Live", "Sign In", "Log In", "Subscribe", "Newsletters", "Edition",
          "Menu", "Search", "Audio", "Games", "Puzzles", "Shop", "Deals", "Careers", "Events"]
FOOTER = ["Terms of Use", "Privacy Policy", "Cookie Settings", "Contact Us", "About Us",
          "Advertise", "Accessibility", "Help Center", "Site Map", "Careers", "Corrections",
          "Newsletters", "Ethics Policy", "RSS Feeds", "Do Not Sell My Personal Information",
          "Licensing", "Work for Us", "Media Kit", "Archive", "Mobile Apps"]
PLACES = ["Valmora", "Ostrava Bay", "Kettering Falls", "San Aurelio", "Norrbrook", "Lake Tamsin",
          "Port Elwin", "Caldera Springs", "Hollin Ridge", "Marisco"]
TOPICS = ["fuel duty", "rail fares", "import tariffs", "housing grants", "water charges",
          "school meals", "bus routes", "hospital waiting lists", "flood defences", "bridge tolls"]
ORGS = ["the transport ministry", "the statistics office", "the port authority",
        "the regional council", "the central bank", "the teachers' union", "the energy regulator",
        "the health board", "the city water company"]
ROLES = ["finance minister", "chief executive", "spokeswoman", "mayor", "union leader",
         "health commissioner", "analyst", "council leader", "economist"]
VERBS = ["said", "told reporters", "said on Tuesday", "added", "wrote in a statement"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _headline(rng: random.Random, place: str, topic: str) -> str:
    forms = [f"{place} to overhaul {topic} after years of complaints",
             f"Why {place} is rethinking {topic}",
             f"{place} council votes to freeze {topic} for two years",
             f"Protests grow in {place} over plans for {topic}",
             f"{place} Unveils Sweeping Changes To {topic.title()}",
             f"What the {topic} shake-up means for families in {place}",
             f"{place} residents face higher {topic} as budget gap widens"]
    return rng.choice(forms)


def _sentence(rng: random.Random, place: str, topic: str) -> str:
    n, pct, year = rng.randint(2, 900), rng.randint(2, 60), rng.randint(2015, 2026)
    org, person, role = rng.choice(ORGS), _name(rng), rng.choice(ROLES)
    forms = [
        f"Officials in {place} said the changes to {topic} would take effect in {year}, "
        f"after a review found that {pct} percent of residents paid more than they should.",
        f"“We have listened to the people who use this every day,” {role} {person} "
        f"{rng.choice(VERBS)}, adding that the plan had been costed in detail.",
        f"According to figures from {org}, about {n:,} households were affected last year, "
        f"up from {max(1, n // 2):,} the year before.",
        f"Critics argue the proposal does too little, too late, and say {org} ignored "
        f"warnings from its own advisers for {rng.randint(2, 9)} years.",
        f"The cost of the programme is estimated at {rng.choice(['$', '€', '£'])}{n} million "
        f"over {rng.randint(2, 10)} years, a figure opposition members called optimistic.",
        f"{person}, who runs a small business near the harbour, said the uncertainty had "
        f"already cost her customers. “People are waiting to see what happens,” she said.",
        f"A consultation will run until the end of {rng.choice(['March', 'June', 'October'])}, "
        f"and {org} has promised to publish every response it receives.",
        f"The last comparable change, in {year - rng.randint(3, 12)}, was reversed within "
        f"months after a court ruled that {org} had not consulted properly.",
        f"In a statement, {org} said it was “confident the new arrangements are fair” and "
        f"that {pct}% of those surveyed supported them.",
        "Residents at a packed meeting on Monday night questioned why the plan had been "
        "drawn up without them, and several called for a vote before any decision.",
    ]
    return rng.choice(forms)


def _article(rng: random.Random) -> tuple[str, str, list[tuple[str, str]]]:
    """Headline, standfirst and the body blocks as (kind, text): p, h2, tweet, deal, time."""
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    head = _headline(rng, place, topic)
    stand = (f"The plan for {topic} in {place} has divided residents, businesses and "
             f"{rng.choice(ORGS)}.")
    blocks: list[tuple[str, str]] = []
    live = rng.random() < 0.15
    n_paras = rng.randint(5, 12)
    for i in range(n_paras):
        if live and i % 2 == 0:
            blocks.append(("time", f"{rng.randint(8, 21)}:{rng.choice(['05', '20', '42'])}"))
        elif i and rng.random() < 0.12:
            blocks.append(("h2", rng.choice([f"What happens next in {place}",
                                             "Who pays", "A long-running dispute",
                                             f"The view from {rng.choice(PLACES)}"])))
        text = " ".join(_sentence(rng, place, topic) for _ in range(rng.randint(1, 3)))
        blocks.append(("p", text))
    if rng.random() < 0.2:
        blocks.insert(rng.randint(2, len(blocks)), (
            "tweet", f"Tonight the council let down every family in {place}. We will keep "
                     f"fighting. — {_name(rng)} (@{rng.choice(LAST).lower()}{rng.randint(1, 99)})"
                     f" {rng.choice(['May', 'June'])} {rng.randint(1, 28)}, 2026"))
    if rng.random() < 0.15:
        blocks.append(("deal", f"The cheapest season ticket now costs "
                               f"£{rng.randint(300, 900)}, down from £{rng.randint(901, 1500)}."))
    return head, stand, blocks


def _links(items: list[str]) -> str:
    return "".join(f'<li><a href="/{i.lower().replace(" ", "-")}">{html.escape(i)}</a></li>'
                   for i in items)


# An outlet's own chrome, the same on each of its pages, in shapes the per-page rules do not
# know: a slogan under the name, its app and podcast promos, its postal address.
SLOGANS = ["Independent journalism for {place} since {year}", "The voice of {place}",
           "Your home for news across {place} and beyond", "Trusted local reporting every day"]
PROMOS = ["Get the {outlet} app for alerts on the stories that matter to you",
          "Listen to The {place} Briefing every weekday morning",
          "Catch up with our weekend magazine in print and online",
          "Our reporters answer your questions live on Thursdays"]


def outlet_template(rng: random.Random, outlet: str) -> dict[str, object]:
    """The chrome one outlet repeats on every page: its menus, labels, footer, slogan, promo
    and address (each page of the outlet still has its own article and related links)."""
    place = rng.choice(PLACES)
    return {"outlet": outlet, "nav": rng.sample(SECTIONS, rng.randint(6, 14)),
            "labels": rng.sample(LABELS, rng.randint(1, 4)),
            "footer": rng.sample(FOOTER, rng.randint(6, 12)),
            "sections": rng.sample(SECTIONS, rng.randint(4, 8)),
            "slogan": rng.choice(SLOGANS).format(place=place, year=rng.randint(1850, 1990)),
            "promo": rng.choice(PROMOS).format(outlet=outlet, place=place),
            "address": f"{rng.randint(2, 90)} {rng.choice(['Harbour', 'Mill', 'Station'])} "
                       f"Road, {place}"}


def page(rng: random.Random, template: dict | None = None) -> tuple[str, str, list[str]]:
    """One HTML page, its headline and its gold paragraphs; with `template`, in that outlet's
    fixed chrome (the random draws are the same either way)."""
    head, stand, blocks = _article(rng)
    outlet = rng.choice(OUTLETS)
    if template is not None:
        outlet = str(template["outlet"])
    author = _name(rng)
    agency = rng.choice(AGENCIES)
    others = [_headline(rng, rng.choice(PLACES), rng.choice(TOPICS)) for _ in range(8)]
    nav = rng.sample(SECTIONS, rng.randint(6, 14))
    labels = rng.sample(LABELS, rng.randint(1, 4))
    if template is not None:
        nav, labels = list(template["nav"]), list(template["labels"])
    h = ["<!doctype html><html><head>", f"<title>{html.escape(head)} | {outlet}</title>",
         f'<meta name="author" content="{author}"></head><body>',
         f"<header><div>{html.escape(outlet)}</div><nav><ul>{_links(labels[:1] + nav)}</ul></nav>"
         f"<ul>{_links(labels[1:])}</ul></header>"]
    if rng.random() < 0.5:
        h.append(f"<nav class=crumbs>Home &gt; {nav[0]} &gt; {nav[1]}</nav>")
    h.append("<main><article>")
    if rng.random() < 0.6:
        h.append(f"<div class=kicker>{nav[0]}</div>")
    h.append(f"<h1>{html.escape(head)}</h1>")
    gold: list[str] = []
    if rng.random() < 0.6:  # the standfirst is part of the article
        h.append(f"<p class=standfirst>{html.escape(stand)}</p>")
        gold.append(stand)
    byline = rng.choice([f"By {author}, {outlet}", f"By {author}", f"{author}",
                         f"{author}\n{rng.choice(['Political correspondent', 'Reporter'])}"])
    h.append("<div class=byline>" + "<br>".join(html.escape(b) for b in byline.split("\n"))
             + "</div>")
    stamp = rng.choice([f"Published {rng.randint(1, 12)}:{rng.randint(10, 59)} PM EDT, "
                        f"Tue June {rng.randint(1, 28)}, 2026",
                        f"Updated {rng.randint(1, 23)} hours ago",
                        f"June {rng.randint(1, 28)}, 2026", f"{rng.randint(2, 9)} min read"])
    h.append(f"<time>{stamp}</time>")
    if rng.random() < 0.7:
        h.append(f"<ul class=share>{_links(rng.sample(['Facebook', 'Twitter', 'Email', 'Share', 'Save', 'Print', 'Copy link'], 4))}</ul>")  # noqa: E501
    credit_name = _name(rng)
    caption = (f"Residents queue outside the town hall in {rng.choice(PLACES)} on "
               f"{rng.choice(['Monday', 'Friday'])}")
    credit = rng.choice([f" ({credit_name}/{agency})", f" | {agency}",
                         f" Photo: {credit_name}/{agency}", f" {credit_name} / {agency}",
                         f" (Image: {agency})"])
    fig = (f"<figure><img src=a.jpg><figcaption>{html.escape(caption + credit)}"
           "</figcaption></figure>")
    if rng.random() < 0.8:
        h.append(fig)
    for i, (kind, text) in enumerate(blocks):
        if kind == "p":
            h.append(f"<p>{html.escape(text)}</p>")
        elif kind == "h2":
            h.append(f"<h2>{html.escape(text)}</h2>")
        elif kind == "time":
            h.append(f"<h3>{text}</h3>")
        elif kind == "tweet":
            h.append(f"<blockquote class=tweet><p>{html.escape(text.split(' — ')[0])}</p>"
                     f"<a href=x>pic.twitter.com/{rng.randint(10**6, 10**7)}</a>"
                     f"<p>— {html.escape(text.split(' — ')[1])}</p></blockquote>")
            text = text.split(" — ")[0]
        elif kind == "deal":
            h.append(f"<p>{html.escape(text)}</p>")
        gold.append(text)
        if i == 2 and rng.random() < 0.5:
            h.append(rng.choice(["<div class=ad>Advertisement</div>",
                                 "<div>Advertisement Advertisement</div>",
                                 "<div>Story continues below advertisement</div>",
                                 "<div>Story Continued Below</div>",
                                 "<div>EMBED More News Videos</div>"]))
        if i == 4 and rng.random() < 0.5:
            h.append(rng.choice([f"<p><a href=x>Related: {html.escape(others[0])}</a></p>",
                                 f"<p><a href=x>{html.escape(others[0])}</a> Read more</p>",
                                 f"<aside><h4>Related</h4><ul>{_links(others[:3])}</ul></aside>",
                                 f"<p>READ MORE: {html.escape(others[0])}</p>"]))
    if rng.random() < 0.5:
        h.append(f"<p>Read or Share this story: https://www.example.com/story/{rng.randint(10**5, 10**6)}</p>")  # noqa: E501
    if rng.random() < 0.4:
        h.append(f"<div class=tags>Topics: {', '.join(nav[:3])}</div>")
    h.append("</article>")
    h.append(f"<aside><h3>{rng.choice(['Most Read', 'More from ' + outlet, 'Top Stories', 'Trending'])}"  # noqa: E501
             f"</h3><ol>{_links(others[3:3 + rng.randint(3, 5)])}</ol></aside>")
    if rng.random() < 0.5:
        h.append("<div class=newsletter><h3>Sign up for our morning briefing</h3>"
                 "<p>Get the day's top stories in your inbox.</p><button>Sign up</button></div>")
    footer = rng.sample(FOOTER, rng.randint(6, 12))
    sections = rng.sample(SECTIONS, rng.randint(4, 8))
    if template is not None:
        footer, sections = list(template["footer"]), list(template["sections"])
        h.insert(4, f"<div class=slogan>{html.escape(str(template['slogan']))}</div>")
        h.append(f"<div class=promo>{html.escape(str(template['promo']))}</div>")
        h.append(f"<address>{html.escape(str(template['address']))}</address>")
    h.append(f"</main><footer><ul>{_links(footer)}</ul><ul>{_links(sections)}</ul>"
             f"<p>© 2026 {html.escape(outlet)}. All rights reserved.</p></footer></body></html>")
    return "\n".join(h), head, gold


def page_heldout(rng: random.Random) -> tuple[str, str, list[str]]:
    """A second family of layouts, written after the cleaner's rules and never tuned on: menus
    as one separated line, a consent banner, share counts, numbered "most popular" lists,
    captions with "Image copyright", a joined "Posted … Updated …" stamp, an author bio,
    comment counts and an app promo."""
    head, stand, blocks = _article(rng)
    outlet = rng.choice(OUTLETS)
    author = _name(rng)
    others = [_headline(rng, rng.choice(PLACES), rng.choice(TOPICS)) for _ in range(6)]
    nav = rng.sample(SECTIONS, rng.randint(5, 10))
    h = ["<!doctype html><html><body>",
         "<div>We use cookies to improve your experience. By continuing you agree to our use "
         "of cookies.</div><div>Accept</div>",
         f"<div>{html.escape(outlet)}</div><div>{' | '.join(nav)}</div>",
         f"<div>{rng.choice(['Breaking News', 'Latest', 'Live'])}</div>",
         f"<h1>{html.escape(head)}</h1>"]
    gold: list[str] = []
    if rng.random() < 0.5:
        h.append(f"<p>{html.escape(stand)}</p>")
        gold.append(stand)
    h.append(f"<div>Posted: June {rng.randint(1, 9)}, 2026 Updated: June "
             f"{rng.randint(10, 28)}, 2026</div>")
    h.append(f"<div>{rng.choice([author, 'By ' + author + ' | ' + outlet])}</div>")
    h.append(f"<div>{rng.randint(2, 99)}{rng.choice(['', '.4K'])} Shares</div>")
    h.append(f"<div>Image copyright {rng.choice(AGENCIES)} Image caption A flooded street in "
             f"{rng.choice(PLACES)} last winter</div>")
    for i, (kind, text) in enumerate(blocks):
        tag = {"h2": "h2", "time": "h3"}.get(kind, "p")
        if kind == "tweet":
            text = text.split(" — ")[0]
        h.append(f"<{tag}>{html.escape(text)}</{tag}>")
        gold.append(text)
        if i == 3:
            h.append("<div>Advertisement</div>")
    if rng.random() < 0.6:
        h.append(f"<p>{html.escape(author)} is a reporter covering local government for "
                 f"{html.escape(outlet)}.</p>")
    h.append(f"<div>Comments ({rng.randint(1, 80)})</div>")
    h.append("<h3>Most Popular</h3><ol>" + "".join(
        f"<li>{k}. {html.escape(o)}</li>" for k, o in enumerate(others[:5], start=1)) + "</ol>")
    h.append("<div>Download our app</div><div>Follow us @" + outlet.split()[-1].lower()
             + "</div>")
    h.append(f"<div>{' · '.join(rng.sample(FOOTER, 6))}</div>"
             f"<div>Copyright 2026 {html.escape(outlet)}</div></body></html>")
    return "\n".join(h), head, gold


_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "figcaption", "header", "footer", "nav",
           "aside", "ul", "ol", "time", "blockquote", "article", "main", "button", "section",
           "title", "figure", "address"}


def render_text(page_html: str, blank_lines: bool) -> str:
    """The text of a page as a browser copy or a crawler's text dump shows it."""
    import lxml.html

    root = lxml.html.fromstring(page_html)
    for bad in root.xpath("//head"):
        bad.drop_tree()
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    def walk(el) -> None:
        block = el.tag in _BLOCKS
        if block:
            flush()
        if el.tag == "br":
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    return ("\n\n" if blank_lines else "\n").join(lines) + "\n"


def shingles(text: str, k: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}


def score(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for got, gold in pairs:
        g, s = shingles(gold), shingles(got)
        tp += len(g & s)
        fp += len(s - g)
        fn += len(g - s)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def time_ftfy(rounds: int = 3) -> None:
    """Seconds to read the HTML pages when ftfy repairs the whole raw page before extraction
    (the old path) and when it repairs only the extracted title and text (the new one); both
    in this run, interleaved page by page, so the machine's load falls on both alike."""
    import time

    from bench.machine import describe
    from pipeline.core.documents.decode import normalise_text
    from pipeline.core.documents.formats import html_to_article

    rng = random.Random(SEED)
    pages = [page(rng)[0] for _ in range(N_PAGES)]
    spent = {"ftfy on raw HTML, then extract": 0.0, "extract, then ftfy on title and text": 0.0,
             "ftfy on raw HTML alone": 0.0}
    same = 0
    for _ in range(rounds):
        for html_page in pages:
            t0 = time.perf_counter()
            fixed = normalise_text(html_page, repair=True)
            t1 = time.perf_counter()
            old = html_to_article(fixed)
            t2 = time.perf_counter()
            new = html_to_article(normalise_text(html_page, repair=False))
            t3 = time.perf_counter()
            spent["ftfy on raw HTML alone"] += t1 - t0
            spent["ftfy on raw HTML, then extract"] += t2 - t0
            spent["extract, then ftfy on title and text"] += t3 - t2
            same += (old["text"], old["title"]) == (new["text"], new["title"])
    print(f"# machine: {describe()}")
    for name, seconds in spent.items():
        print(f"ftfy timing, {N_PAGES} HTML pages x {rounds}: {name}: "
              f"{1000 * seconds / (rounds * N_PAGES):.1f} ms per page")
    print(f"ftfy timing: same title and text both ways on {same}/{rounds * N_PAGES} pages")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--code", type=Path, help="checkout to import the pipeline from")
    ap.add_argument("--label", default="current")
    ap.add_argument("--html", action="store_true", help="also score the HTML path")
    ap.add_argument("--heldout", action="store_true",
                    help="the second family of layouts, never tuned on")
    ap.add_argument("--ftfy", action="store_true",
                    help="time ftfy over the raw HTML against ftfy on the extracted text only")
    ap.add_argument("--outlets", action="store_true",
                    help="pages of 8 outlets, each with its own fixed chrome")
    ap.add_argument("--repeated", action="store_true",
                    help="also score the text after the outlet pass (repeated lines dropped)")
    args = ap.parse_args()
    if args.ftfy:
        time_ftfy()
        return
    if args.code:
        sys.path.insert(0, str(args.code.resolve()))
    from bench.machine import describe
    from pipeline.core.documents import clean_text, parse_article_bytes

    rng = random.Random(SEED)
    templates = [outlet_template(random.Random(f"{SEED}/{o}"), o) for o in OUTLETS]
    text_pairs, html_pairs = [], []
    dumps: list[tuple] = []  # (cleaned text, outlet, title, headline) of each text dump
    titles_ok = html_titles_ok = 0
    for i in range(N_PAGES):
        template = templates[i % len(templates)] if args.outlets else None
        page_html, head, gold = page_heldout(rng) if args.heldout else page(rng, template)
        found = re.search(r"<title>.*? \| (.*?)</title>", page_html)
        dumps.append(("", html.unescape(found.group(1)) if found else None, None, head))
        dump = render_text(page_html, blank_lines=i % 2 == 0)
        for name, data, pairs in ((f"p{i}.txt", dump, text_pairs),
                                  (f"p{i}.html", page_html, html_pairs)):
            if name.endswith(".html") and not args.html:
                continue
            got, title = "", None
            for art in parse_article_bytes(data.encode(), name).articles:
                cleaned = clean_text(art.text, art.title)
                got, title = cleaned.text, cleaned.title
            pairs.append((got, "\n".join(gold)))
            if name.endswith(".txt"):
                dumps[-1] = (got, dumps[-1][1], title, head)
            ok = title is not None and title.startswith(head)
            if name.endswith(".txt"):
                titles_ok += ok
            else:
                html_titles_ok += ok
    p, r, f = score(text_pairs)
    print(f"# machine: {describe()}")
    family = ("held-out layouts" if args.heldout else
              "outlet layouts" if args.outlets else "layouts")
    print(f"{args.label}: text dumps, {family} ({N_PAGES} pages): P {p:.3f} R {r:.3f} F1 {f:.3f}; "
          f"title = headline {titles_ok}/{N_PAGES}")
    if args.html:
        p, r, f = score(html_pairs)
        print(f"{args.label}: same pages as HTML: P {p:.3f} R {r:.3f} F1 {f:.3f}; "
              f"title = headline {html_titles_ok}/{N_PAGES}")
    if args.repeated:
        outlet_pass(dumps, [gold for _, gold in text_pairs], f"{args.label}: {family}")


def outlet_pass(dumps: list[tuple], golds: list[str], label: str) -> None:
    """Score the text dumps again after the outlet pass, and the precision of what it drops
    (a dropped line is right when it is not one of the page's gold paragraphs)."""
    from collections import Counter

    import pandas as pd

    from pipeline.core.documents import repeated

    docs = pd.DataFrame({"doc_id": [f"d{i:04d}" for i in range(len(dumps))],
                         "text": [d[0] for d in dumps], "outlet": [d[1] for d in dumps],
                         "title": [d[2] for d in dumps],
                         "url": [None] * len(dumps), "n_words": [0] * len(dumps)})
    after, _, n = repeated.drop_outlet_chrome(docs, None, None, repeated.RepeatRule())
    right = wrong = 0
    examples: Counter[str] = Counter()
    for before_text, after_text, gold in zip(docs["text"], after["text"], golds, strict=True):
        gone = Counter(before_text.split("\n")) - Counter(after_text.split("\n"))
        gold_lines = set(gold.split("\n"))
        for line, k in gone.items():
            if line in gold_lines:
                wrong += k
                examples[line] += k
            else:
                right += k
    p, r, f = score(list(zip(after["text"], golds, strict=True)))
    titles = sum(isinstance(t, str) and t.startswith(d[3])
                 for t, d in zip(after["title"], dumps, strict=True))
    print(f"{label} + outlet pass: P {p:.3f} R {r:.3f} F1 {f:.3f}; title = headline "
          f"{titles}/{len(dumps)}; lines dropped {n}, "
          f"of them not the article's {right}/{right + wrong}"
          + (f" (precision {right / (right + wrong):.3f})" if right + wrong else ""))
    for line, k in examples.most_common(5):
        print(f"  dropped gold line x{k}: {line[:80]}")


if __name__ == "__main__":
    main()
