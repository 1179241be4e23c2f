"""The cleaner: raw article text to title, dateline and the article's paragraphs."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.core.documents.authors import authors_from_byline, authors_from_foreign_byline

# Reading (ingest) changes what the cleaner sees, so its version is part of this one.
from pipeline.core.documents.boilerplate import (
    _DATELINE,
    _I,
    _PLEA_WORDS,
    _ROLE,
    _TERMINAL,
    _TIMESTAMP_LEAD,
    CleanedText,
    _headline_like,
    _key,
    _looks_like_body,
    _words,
    classify_line,
    strip_inline_chrome,
)
from pipeline.core.documents.lexicon import NOT_PLACES
from pipeline.core.documents.metadata import iso_date
from pipeline.core.documents.paragraphs import join_paragraphs
from pipeline.core.documents.structure import mark_page_chrome


def _link_like(line: str) -> bool:
    """A headline or topic in a link list: short, not a sentence of reporting."""
    return 1 <= _words(line) <= 25 and line[-1:] not in ".:;,”\"" and not _looks_like_body(line)


def _drop_blocks(lines: list[str], reasons: list[str | None]) -> None:
    """Extend removals over blocks: a plea's paragraphs, a link list's headlines.

    After a donation heading, following lines that ask for money go too; after a "Related" or
    "Read more" heading below the first paragraph, following short headline-like lines (the
    links) go too, up to 15.
    """
    # Above the article's first paragraph a "Latest" or "Related" label is page chrome; the
    # lines under it are the headline and standfirst, which `mark_page_chrome` sorts out.
    first_body = next((k for k, ln in enumerate(lines)
                       if reasons[k] is None and _looks_like_body(ln)), len(lines))
    i = 0
    while i < len(lines):
        reason = reasons[i]
        if reason == "donation":
            j = i + 1
            while j < len(lines) and reasons[j] in (None, "donation") and (
                reasons[j] == "donation" or _PLEA_WORDS.search(lines[j])
            ):
                reasons[j] = "donation"
                j += 1
            i = j
            continue
        if reason == "related_links" and _words(lines[i]) <= 6 and i > first_body:
            j = i + 1
            while (j < len(lines) and j - i <= 15 and reasons[j] in (None, "related_links")
                   and (reasons[j] == "related_links" or _link_like(lines[j]))):
                reasons[j] = "related_links"
                j += 1
            i = j
            continue
        i += 1


_CLOCK_HEADING = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s?(?:[ap]\.?m\.?|[A-Z]{2,4}))?$", re.IGNORECASE)


def _keep_timeline_dates(lines: list[str], reasons: list[str | None]) -> None:
    """A bare date or clock time between paragraphs of reporting is a timeline or live-blog
    heading, not a page stamp or a video's duration.

    Page stamps sit above the first or below the last paragraph, carry a label ("Updated")
    or sit among the byline and share bar; so a bare "May 2024" or "14:05" inside the story,
    between two lines that are not boilerplate, is kept. Every such heading is treated alike.
    """
    body = [i for i, ln in enumerate(lines) if _looks_like_body(ln)]
    if not body:
        return
    # A live blog: two or more bare times each heading a paragraph. Then every such time is
    # an entry's heading, the first one above the first paragraph too.
    entries = [i for i, ln in enumerate(lines[:-1])
               if _CLOCK_HEADING.match(ln) and _looks_like_body(lines[i + 1])]
    if len(entries) >= 2:
        for i in entries:
            reasons[i] = None
    for i, reason in enumerate(reasons):
        if not body[0] < i < body[-1] or reason not in ("timestamp", "embed"):
            continue
        clock = bool(_CLOCK_HEADING.match(lines[i]))
        date_only = (reason == "timestamp" and not _TIMESTAMP_LEAD.match(lines[i])
                     and not re.search(r"\d[:.]\d\d|\bago\b", lines[i]))
        neighbours_kept = reasons[i - 1] is None and reasons[i + 1] is None
        if (clock or date_only) and neighbours_kept:
            reasons[i] = None


_COMMENTS_HEADING = re.compile(
    r"^(?:[\d,]+ (?:comments?|responses?|replies)|comments?(?: \(\d+\))?|join the (?:conversation|"
    r"discussion)|leave a (?:reply|comment)(?: cancel reply)?|reader comments|discussion|"
    r"what (?:readers|you) (?:are saying|think)|(?:\d+ )?thoughts? on .{1,120})\s*:?$", _I)
_COMMENT_META = re.compile(
    r"^(?:.{1,60} (?:says|said|wrote|commented)\s*:|reply|log in to reply|report|"
    r"\d+ (?:likes?|upvotes?|points?)|.{0,40}\b(?:19|20)\d\d at \d{1,2}:\d{2}\s*(?:am|pm)?"
    r"|.{0,40}\b\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago)\.?$", _I)


def _drop_comment_section(lines: list[str], reasons: list[str | None]) -> None:
    """Readers' comments after the article: from a comments heading to the end, but only when
    comment bylines or reply links follow it (so a stray "Comments" link removes nothing)."""
    for i, line in enumerate(lines):
        if not _COMMENTS_HEADING.match(line) or i < len(lines) // 3:
            continue
        following = lines[i + 1 : i + 12]
        if sum(1 for ln in following if _COMMENT_META.match(ln)) >= 2:
            for j in range(i, len(lines)):
                reasons[j] = reasons[j] or "comments"
            return


_BIO = re.compile(
    r"^[A-Z][\w'’.\-]+(?: [A-Z][\w'’.\-]+){1,3} (?:is|was|has been) (?:an? |the )"
    r".{0,120}\b(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|"
    r"producer|photographer|intern|fellow|author)\b.{0,300}$")


def _title_matches(line: str, title: str) -> bool:
    a, b = _key(line), _key(title)
    return bool(a) and bool(b) and (a == b or (a.startswith(b) and len(a) - len(b) <= 40)
                        or (b.startswith(a) and len(b) - len(a) <= 40 and len(a) >= 20))


def _take_headline(kept: list[tuple[str, bool]]) -> str | None:
    """The first line as headline when it reads like one (see `_headline_like`).

    It must be title-cased and followed by a blank line, or come shortly before a real
    paragraph: at the top of an article, a line without end punctuation is the headline.
    """
    if not kept:
        return None
    first, blank_after = kept[0]
    if not _headline_like(first) or len(kept) < 2:
        return None
    words = first.split()
    capitalised = sum(1 for w in words if w[:1].isupper()) / len(words)
    if blank_after and capitalised >= 0.5:
        return first
    # A real paragraph right after it, or after a standfirst / author line.
    return first if any(_looks_like_body(p) for p, _ in kept[1:4]) else None




def _drop_author_lines(kept: list[tuple[str, bool]], removed: Counter[str]) -> list[str]:
    """Author boxes between the headline and the first paragraph: "Amira Haddad", "BBC News",
    "Helena Marsh Transport correspondent" (short, name-like or naming a newsroom role), also
    under a standfirst that opens the text. Returns the removed lines, top to bottom."""
    dropped: list[str] = []
    bodies = [i for i, (p, _) in enumerate(kept[:12]) if _looks_like_body(p)]
    first_body = bodies[0] if bodies else 0
    spans = [(0, first_body)]
    if first_body == 0 and len(bodies) > 1:
        spans.append((1, bodies[1]))  # a standfirst, then the author box, then the story
    for start, end in reversed(spans):
        for idx in range(end - 1, start - 1, -1):
            line = kept[idx][0]
            words = [w for w in line.split() if w.isalpha()]
            under_standfirst = start > 0  # only names and roles there, never a dated heading
            if (_words(line) <= 6 and line[-1:] not in _TERMINAL and words
                    and not (under_standfirst and any(ch.isdigit() for ch in line))
                    and (all(w[:1].isupper() for w in words) or _ROLE.search(line))):
                dropped.append(line)
                del kept[idx]
                removed["byline"] += 1
    return dropped[::-1]


def _top_bylines(lines: list[str], reasons: list[str | None]) -> list[str]:
    """Byline lines at the top of the article: above its second paragraph of reporting (a
    byline may sit under the standfirst), not "Reporting by …" credits at the bottom."""
    bodies = [i for i, ln in enumerate(lines) if reasons[i] is None and _looks_like_body(ln)]
    end = bodies[1] if len(bodies) > 1 else min(len(lines), 15)
    return [lines[i] for i in range(end) if reasons[i] == "byline"]


def _mark_foreign_bylines(lines: list[str], reasons: list[str | None],
                          title_known: bool) -> None:
    """Bylines in other languages at the top ("Por Juan Pérez", "Von Anna Schmidt"), marked
    `byline`. Above the second paragraph only, and never the first kept line when no title is
    known: that is the headline's place, and "Di Maio Resigns" opens like an Italian byline."""
    bodies = [i for i, ln in enumerate(lines) if reasons[i] is None and _looks_like_body(ln)]
    end = bodies[1] if len(bodies) > 1 else min(len(lines), 15)
    open_lines = [i for i in range(end) if reasons[i] is None]
    for k, i in enumerate(open_lines):
        if (k > 0 or title_known) and authors_from_foreign_byline(lines[i]):
            reasons[i] = "byline"


def _authors(lines: list[str]) -> list[str]:
    names: list[str] = []
    for line in lines:
        for name in authors_from_foreign_byline(line) or authors_from_byline(line):
            if name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return names


def _is_section_label(line: str) -> bool:
    """A one-to-three word kicker above a headline ("Politics", "World News", "OPINION")."""
    words = line.split()
    return 1 <= len(words) <= 3 and line[-1:] not in _TERMINAL and all(
        w[:1].isupper() for w in words if w.isalpha())


def _split_dateline(line: str) -> tuple[str | None, str]:
    m = _DATELINE.match(line)
    if not m:
        return None, line
    caps = m.group("caps")
    if caps is not None:
        first = caps.split()[0].strip(".'’-")
        labels = NOT_PLACES - {"NEW"}  # "NEW YORK" is a place, "NEW:" a label
        if (not first.isupper() or len(first) < 2 or caps in NOT_PLACES
                or any(w.strip(".'’-") in labels for w in caps.split())):
            return None, line
    rest = line[m.end():]
    if _words(rest) < 3:
        return None, line
    return m.group("dateline").strip(), rest


def _published_from(lines: list[tuple[str, str | None]]) -> str | None:
    """The first dated page stamp or byline near the top, as an ISO date."""
    for line, reason in lines[:12]:
        if reason in ("timestamp", "byline") and re.search(r"\b(1[89]|2\d)\d\d\b", line):
            text = re.sub(r"(?i)^(?:.*?\b(?:published|posted|updated|on)\b\s*:?\s*)", "", line)
            text = re.sub(r"(?i)^by .*?[|•·—–]\s*", "", text)
            found = iso_date(text)
            if found:
                return found
    return None


def clean_text(raw: str, title: str | None = None) -> CleanedText:
    """Clean one decoded article. `title` is a headline already known from metadata."""
    paragraphs = join_paragraphs(raw)
    inline: Counter[str] = Counter()
    for k, (paragraph, blank) in enumerate(paragraphs):
        stripped, family = strip_inline_chrome(paragraph)
        if family:
            paragraphs[k] = (stripped, blank)
            inline[family] += 1
    lines = [p for p, _ in paragraphs]
    reasons: list[str | None] = [classify_line(ln) for ln in lines]
    _keep_timeline_dates(lines, reasons)
    _drop_blocks(lines, reasons)
    _drop_comment_section(lines, reasons)
    _mark_foreign_bylines(lines, reasons, bool(title and title.strip()))
    dump_headline = mark_page_chrome(lines, reasons)
    removed: Counter[str] = Counter(inline)
    for r in reasons:
        if r:
            removed[r] += 1
    title = " ".join(title.split()) if title and title.strip() else None
    if title is None and dump_headline is not None:
        title = lines[dump_headline]
        reasons[dump_headline] = "headline"
    published = _published_from(list(zip(lines, reasons, strict=True)))
    byline_lines = _top_bylines(lines, reasons)
    kept = [(p, blank) for (p, blank), r in zip(paragraphs, reasons, strict=True) if r is None]

    # Author bios sit in the last lines; nothing after them is reporting either.
    for idx in range(len(kept) - 1, max(len(kept) - 4, 0) - 1, -1):
        if _BIO.match(kept[idx][0]) and _words(kept[idx][0]) <= 70:
            removed["byline"] += 1
            del kept[idx]

    if title:
        for idx in range(min(4, len(kept))):
            if _title_matches(kept[idx][0], title):
                del kept[idx]
                removed["title_repeat"] += 1
                if idx == 1 and _is_section_label(kept[0][0]):
                    del kept[0]
                    removed["section_label"] += 1
                break
    else:
        title = _take_headline(kept)
        if title is not None:
            kept.pop(0)
        elif len(kept) > 2 and _is_section_label(kept[0][0]):
            title = _take_headline(kept[1:])
            if title is not None:
                del kept[:2]
                removed["section_label"] += 1

    if title is not None:
        byline_lines += _drop_author_lines(kept, removed)
    text_lines = [p for p, _ in kept]
    dateline = None
    # The dateline opens the first paragraph, which may sit under a standfirst.
    for idx in range(min(2, len(text_lines))):
        dateline, text_lines[idx] = _split_dateline(text_lines[idx])
        if dateline is not None or _looks_like_body(text_lines[idx]):
            break
    return CleanedText(text="\n".join(text_lines), title=title, dateline=dateline,
                       removed=removed, published=published, authors=_authors(byline_lines))

