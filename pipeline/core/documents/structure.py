"""Page-dump structure: which lines of a text copied from a web page are its chrome.

A page saved as text (a browser copy, a crawler's text output) keeps the page's menus, section
lists, labels, footers and link lists as lines. They are recognised by their shape and place,
not by their words, in the spirit of jusText's paragraph classes:

* a *sentence* line is prose (12+ words ending in sentence punctuation): the article's body;
* a *short* line has at most a few words and no sentence punctuation: a menu item, label,
  link or heading;
* runs of short lines above the headline, after the last sentence of the article, or four and
  more title-cased ones in a row anywhere are navigation;
* the headline of a dump is the headline-shaped line nearest above the first sentence (past
  author lines, stamps and captions), not the first short line ("LIVE TV" is a menu label).

When unsure a line is kept: an isolated short line between paragraphs is a subheading or a
live-blog time heading, and stays.
"""

from __future__ import annotations

from pipeline.core.documents.boilerplate import (
    _ROLE,
    _TERMINAL,
    _headline_like,
    _key,
    _looks_like_body,
    _words,
)
from pipeline.core.text.lexicon import TITLE_SMALL_WORDS

MENU_REASON = "navigation"

# A menu item or label: this many words at most, no sentence punctuation at its end.
MAX_MENU_WORDS = 5
# Title-cased short lines in a row that make a menu even between paragraphs.
MIN_MIDDLE_MENU_RUN = 4
# Short lines in a row after the article's last sentence that make a footer or link list,
# and how many words a footer link may have ("Do Not Sell My Personal Information").
MIN_BOTTOM_RUN = 2
MAX_FOOTER_WORDS = 8
# Lines above the first sentence searched for the headline.
HEADLINE_WINDOW = 12


def is_short_line(line: str, max_words: int = MAX_MENU_WORDS) -> bool:
    """A menu item, label or link text: a few words and no sentence punctuation at the end."""
    return 0 < _words(line) <= max_words and line.rstrip()[-1:] not in _TERMINAL


def is_title_cased(line: str) -> bool:
    """Every word capitalised except small words ("Terms of Use", "LIVE TV", "US Politics")."""
    words = [w for w in line.split() if any(ch.isalpha() for ch in w)]
    if not words:
        return True  # "2026", "|": no words to be lower-case
    return all(w[:1].isupper() or w[:1].isdigit() or w.casefold() in TITLE_SMALL_WORDS
               for w in words)


def _author_like(line: str) -> bool:
    """A name or a newsroom role under a headline: "Amira Haddad", "BBC News",
    "Helena Marsh Transport correspondent"."""
    if line.rstrip()[-1:] in ".!?":
        return False
    n = _words(line)
    return (n <= 3 and is_title_cased(line)) or (n <= 6 and bool(_ROLE.search(line)))


def find_dump_headline(lines: list[str], reasons: list[str | None]) -> int | None:
    """Index of the headline of a page dump, or None when the top is not a page's top.

    Scanning up from the first sentence of the article: rule-removed lines, author-like lines
    and one standfirst are passed; the first headline-shaped line (4+ words, no closing
    period) is the headline. Only used when short lines sit above it, i.e. the page has chrome.
    """
    first = next((i for i, ln in enumerate(lines) if reasons[i] is None and _looks_like_body(ln)),
                 None)
    if first is None or first == 0:
        return None
    passed_standfirst = False
    for i in range(first - 1, max(first - 1 - HEADLINE_WINDOW, -1), -1):
        line = lines[i]
        if reasons[i] is not None:
            continue
        if _author_like(line):
            continue
        if _headline_like(line) and _words(line) >= 4:
            return _above_standfirst(lines, reasons, i)
        if not passed_standfirst and line.rstrip()[-1:] in _TERMINAL and _words(line) >= 5:
            passed_standfirst = True
            continue
        return None
    return None


def _above_standfirst(lines: list[str], reasons: list[str | None], i: int) -> int:
    """The headline when line `i` is an unpunctuated standfirst under it.

    "Ferry Fares to Rise" / "Operators blame fuel costs as prices climb for a second year":
    the line above is the headline when it is headline-shaped and shorter, and `i` is not
    title-cased itself.
    """
    above = next((k for k in range(i - 1, -1, -1) if reasons[k] is None), None)
    if above is None or is_title_cased(lines[i]):
        return i
    upper = lines[above]
    if _headline_like(upper) and _words(upper) >= 3 and _words(upper) < _words(lines[i]):
        return above
    return i


def mark_page_chrome(lines: list[str], reasons: list[str | None]) -> int | None:
    """Mark navigation lines of a page dump in `reasons` (in place); return the headline index.

    Above the headline: short lines (menus, labels, the outlet's name) go. After the last
    sentence of the article: runs of short lines (footers, link lists) go. Anywhere: runs of
    four or more title-cased short lines (a section menu) go. Lines repeating the headline go.
    """
    n = len(lines)
    open_lines = [i for i in range(n) if reasons[i] is None]
    if not open_lines:
        return None
    head = find_dump_headline(lines, reasons)
    if head is not None:
        for i in range(head):
            if reasons[i] is None and (is_short_line(lines[i]) or _headline_like(lines[i])):
                reasons[i] = MENU_REASON
        kicker = head - 1
        if (kicker >= 0 and reasons[kicker] == MENU_REASON and _words(lines[kicker]) <= 3
                and is_title_cased(lines[kicker])):
            reasons[kicker] = "section_label"  # "Politics" right above the headline
        head_key = _key(lines[head])
        for i in range(head + 1, n):
            if reasons[i] is None and _key(lines[i]) == head_key:
                reasons[i] = "title_repeat"
    body = [i for i in open_lines if _looks_like_body(lines[i])]
    last = body[-1] if body else None
    # Runs of short lines.
    i = 0
    while i < n:
        below_article = last is not None and i > last
        limit = MAX_FOOTER_WORDS if below_article else MAX_MENU_WORDS
        if reasons[i] is not None or not is_short_line(lines[i], limit):
            i += 1
            continue
        j = i
        run: list[int] = []
        while j < n and (reasons[j] is not None or is_short_line(lines[j], limit)):
            if reasons[j] is None:
                run.append(j)
            j += 1
        titled = sum(1 for k in run if is_title_cased(lines[k]))
        if (below_article and len(run) >= MIN_BOTTOM_RUN) or (
                len(run) >= MIN_MIDDLE_MENU_RUN and titled >= len(run) - 1):
            for k in run:
                reasons[k] = MENU_REASON
        i = j
    return head
