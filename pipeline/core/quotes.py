"""Quotation extraction: the quoted words, who said them, the cue verb and where.

First version: paired quote marks within a paragraph, attribution looked for right after or
right before the quote. Later work (issue 4) handles the harder conventions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTES_VERSION = "1"


@dataclass(frozen=True)
class Quote:
    text: str  # the quoted words without the enclosing marks
    start: int  # offset of `text` in the document
    end: int
    speaker: str | None = None
    speaker_mention: str | None = None
    cue: str | None = None
    venue: str | None = None
    is_fragment: bool = False


CUE_VERBS = (
    "said|says|say|told|tells|added|adds|wrote|writes|tweeted|posted|stated|states|noted|notes|"
    "explained|explains|remarked|argued|argues|warned|warns|insisted|insists|responded|replied|"
    "asked|asks|acknowledged|confirmed|declared|announced|continued|recalled|suggested|"
    "emphasized|emphasised|stressed|claimed|conceded|admitted|agreed|observed|concluded|"
    "maintained|predicted|testified|cautioned|urged|vowed"
)
_NAME = r"(?:[A-Z][\w’'\-]+(?:\s+(?:[A-Z][\w’'\-]+|de|van|von|bin|al))*)"
_MENTION = rf"(?:he|she|they|{_NAME}|the [a-z]+(?: [a-z]+)?)"
_AFTER = re.compile(
    rf"^\s*(?:(?P<m1>{_MENTION})\s+(?P<c1>{CUE_VERBS})|(?P<c2>{CUE_VERBS})\s+(?P<m2>{_MENTION}))\b"
)
_BEFORE = re.compile(rf"(?P<m>{_MENTION})\s+(?P<c>{CUE_VERBS})\s*[:,]?\s*$")
_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}


def _find_quoted(text: str) -> list[tuple[int, int]]:
    """Spans (inside the marks) of double-quoted passages, closed at the paragraph's end."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _PAIRS:
            close = _PAIRS[ch]
            j = i + 1
            while j < n and text[j] != close and text[j] != "\n":
                j += 1
            spans.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return spans


def extract_quotes(text: str) -> list[Quote]:
    """All quotations in cleaned article text, in document order."""
    quotes: list[Quote] = []
    for start, end in _find_quoted(text):
        inner = text[start:end]
        stripped = inner.strip().rstrip(",")
        if not stripped:
            continue
        s = start + (len(inner) - len(inner.lstrip()))
        e = s + len(stripped)
        words = len(stripped.split())
        after = _AFTER.match(text[end + 1 : end + 120])
        before = _BEFORE.search(text[max(0, start - 120) : start - 1])
        mention = cue = None
        if after:
            mention = after.group("m1") or after.group("m2")
            cue = after.group("c1") or after.group("c2")
        elif before:
            mention, cue = before.group("m"), before.group("c")
        if words <= 2 and cue is None:
            continue  # scare quotes and titles
        line_start = text.rfind("\n", 0, start) + 1
        lead = text[line_start : start - 1].strip()
        is_fragment = bool(lead) and not lead.endswith((":", ",")) and cue is None
        speaker = None
        if mention and mention.lower() not in ("he", "she", "they") and mention[0].isupper():
            speaker = mention
        quotes.append(Quote(text[s:e], s, e, speaker, mention, cue, None, is_fragment))
    return quotes
