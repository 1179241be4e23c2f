"""Cleaning decoded article text: boilerplate out, headline and dateline apart, article kept.

Rules describe how news pages are built (ad markers, share widgets, credits, donation pleas),
never particular articles. When unsure a line is kept: losing reporting is worse than
keeping a stray widget.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.core.text import count_words

CLEANER_VERSION = "1"

MIN_ARTICLE_WORDS = 40


@dataclass
class CleanedText:
    text: str
    title: str | None = None
    dateline: str | None = None
    removed: Counter[str] = field(default_factory=Counter)

    @property
    def n_words(self) -> int:
        return count_words(self.text)


_I = re.IGNORECASE
# Whole-line patterns, by reason. Each matches a line that is entirely boilerplate.
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("advertising", re.compile(r"^\s*(advertisement|advertising|sponsored( content)?|ad|"
                               r"story continues below( this)? (ad|advertisement)|"
                               r"continue reading below)\s*:?\s*$", _I)),
    ("share_widget", re.compile(r"^\s*(share( this)?( the)?( story| article| on \w+)?|"
                                r"add a comment|leave a (reply|comment)|comments?|"
                                r"\d+ comments?|(view|show|load) comments|print|email|tweet|"
                                r"copy link|link copied|follow us( on \w+)?|"
                                r"your email address will not be published.*|"
                                r"required fields are marked.*|post comment|"
                                r"(facebook|twitter|linkedin|whatsapp|reddit|x)"
                                r"(\s*[|·,/]\s*(facebook|twitter|linkedin|whatsapp|reddit|"
                                r"email|x))*)\s*\.?$", _I)),
    ("credit", re.compile(r"^\s*((photo|image|video|picture|illustration|graphic|file photo)"
                          r"( credit| source)?s?\s*[:/]\s*.{0,120}|"
                          r"\(?(getty images|ap photo|reuters|afp|shutterstock|epa)[^.]{0,80}\)?|"
                          r"image source,?.{0,80}|image caption,?.{0,200}|"
                          r"(photo|image)( by| courtesy of) .{0,80})\s*$", _I)),
    ("donation", re.compile(r"^\s*(support us.*|donate( now)?|make a donation|"
                            r"subscribe( now| today)?|subscribe to (our|the) .{0,60}|"
                            r"sign up (for|to) (our|the) .{0,60}newsletter.*|"
                            r"keep (independent )?journalism alive|"
                            r"become a (member|subscriber|supporter).*|"
                            r"your support makes a difference\.?)\s*$", _I)),
    ("byline", re.compile(r"^\s*(author|by [A-Z][\w.'’\-]+( [A-Z][\w.'’\-]+){0,3}"
                          r"( and [A-Z][\w.'’\-]+( [A-Z][\w.'’\-]+){0,3})?|"
                          r"written by .{0,60}|about the author)\s*$")),
    ("related_links", re.compile(r"^\s*(read more|related( articles| stories| coverage)?|"
                                 r"more from .{0,40}|recommended|most read|"
                                 r"see also|also read|trending( now)?)\s*:?.{0,0}$", _I)),
    ("notice", re.compile(r"^\s*(we use cookies.*|this (site|website) uses cookies.*|"
                          r"accept( all)? cookies|cookie (policy|settings)|"
                          r"all rights reserved.*|©.{0,80}|copyright \d{4}.{0,80})\s*$", _I)),
]

# A block plea ("Keep independent journalism alive" + paragraphs asking for money): once a
# donation heading is seen, following lines that ask for support are dropped too.
_PLEA_WORDS = re.compile(r"\b(donat\w*|contribution|support (us|our)|subscri\w+|paypal|"
                         r"patreon|independent journalism|keep .{0,20} (free|independent))\b", _I)

_DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-Z][A-Z.'’\-]+(?:[ ,]+[A-Z][A-Za-z.'’\-]+){0,3})"
    r"(?:\s*\([A-Za-z ]+\))?)\s*[—–-]{1,2}\s+(?=\S)"
)


def _looks_like_title(line: str, next_line: str | None) -> bool:
    """A first line that is short, has no final period and is followed by a blank or body."""
    stripped = line.strip()
    words = stripped.split()
    if not 3 <= len(words) <= 25 or stripped[-1:] in ".;:,":
        return False
    if stripped[-1:] in "”\"'’" and stripped.rstrip("”\"'’")[-1:] in ".!?,":
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised / len(words) >= 0.5 or next_line is None or not next_line.strip()


def clean_text(raw: str, title: str | None = None) -> CleanedText:
    """Clean one decoded article. `title` is a headline already known from metadata."""
    lines = [ln.strip() for ln in raw.split("\n")]
    removed: Counter[str] = Counter()
    kept: list[str] = []
    in_plea = False
    for line in lines:
        if not line:
            in_plea = False
            continue
        reason = next((r for r, rx in _LINE_RULES if rx.match(line)), None)
        if reason is None and in_plea and _PLEA_WORDS.search(line):
            reason = "donation"
        if reason:
            removed[reason] += 1
            in_plea = reason == "donation"
            continue
        kept.append(line)

    if kept and title and kept[0].strip().lower() == title.strip().lower():
        kept.pop(0)
        removed["title_repeat"] += 1
    elif kept and title is None:
        first_blank_after = len(lines) > 1 and not lines[1].strip() if lines else False
        nxt = kept[1] if len(kept) > 1 else None
        if _looks_like_title(kept[0], nxt) and (first_blank_after or kept[0].istitle()):
            title = kept.pop(0)

    dateline = None
    if kept:
        m = _DATELINE.match(kept[0])
        if m and m.group("dateline").split()[0].isupper():
            dateline = m.group("dateline").strip()
            kept[0] = kept[0][m.end():]
    return CleanedText(text="\n".join(kept), title=title, dateline=dateline, removed=removed)
