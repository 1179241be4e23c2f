"""Paragraphs: joining hard-wrapped lines and bullets into the paragraphs a writer meant."""

from __future__ import annotations

import re

# Reading (ingest) changes what the cleaner sees, so its version is part of this one.
from pipeline.core.documents.boilerplate import _TERMINAL


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None when it is not hard-wrapped.

    Hard-wrapped text has blank lines between paragraphs and several consecutive lines that
    fill up to nearly the same width (typically 60 to 100 characters).
    """
    lengths = [len(ln) for ln in lines if ln.strip()]
    if len(lengths) < 3 or not any(not ln.strip() for ln in lines):
        return None
    width = max(lengths)
    if width > 120:
        return None
    continued = sum(1 for a, b in zip(lines, lines[1:], strict=False)
                    if a.strip() and b.strip() and len(a) >= width - 25)
    return width if continued >= 2 else None


_BULLET = re.compile(r"^\s*[-*•▪●◦·]\s+(?=\S)")


def join_paragraphs(raw: str) -> list[tuple[str, bool]]:
    """Lines of the article, one paragraph each, with whether a blank line followed.

    A hard-wrapped paragraph is re-joined where the wrapper broke it: a line was broken
    when the next line's first word would not have fitted after it. A line that starts in
    lower case after one without end punctuation continues it (a <br> inside a paragraph).
    List bullets are dropped; each item stays its own line.
    """
    lines = [ln.rstrip() for ln in raw.split("\n")]
    width = _wrap_width(lines)
    out: list[tuple[str, bool]] = []
    # The paragraph being built, as parts: joining with "+" per line is quadratic in the
    # number of lines of one paragraph.
    current: list[str] = []
    for i, line in enumerate(lines):
        is_item = bool(_BULLET.match(line))
        text = " ".join(_BULLET.sub("", line).split())
        if not text:
            if current:
                out.append(("".join(current), True))
                current = []
            elif out:
                out[-1] = (out[-1][0], True)
            continue
        if current and not is_item:
            first_word = text.split()[0]
            prev_raw = lines[i - 1]
            indented = line[:1] in " \t" and prev_raw[:1] not in " \t"
            wrapped = (width is not None and not indented
                       and len(prev_raw.strip()) + 1 + len(first_word) > width - 2)
            continued = text[:1].islower() and current[-1][-1:] not in _TERMINAL
            if wrapped or continued:
                joiner = "" if current[-1].endswith("-") and text[:1].islower() else " "
                current.append(joiner + text)
                continue
        if current:
            out.append(("".join(current), False))
        current = [text]
    if current:
        out.append(("".join(current), False))
    return out


