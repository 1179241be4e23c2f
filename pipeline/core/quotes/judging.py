"""Judging spans: titles and scare quotes out, direct quotes and fragments in."""

from __future__ import annotations

from pipeline.core.quotes.model import _CLOSE_MARKS, _OPEN_MARKS, _is_cue, _words
from pipeline.core.quotes.speakers import word_before
from pipeline.core.text.lexicon import TITLE_SMALL_WORDS


def _title_like(quote: str) -> bool:
    """Title Case words with no sentence inside: a programme, book or film name."""
    words = quote.rstrip(".,!?").split(None, 10)  # 11 parts: more than ten words
    if len(words) < 2 or len(words) > 10:
        return False
    if any(w[-1] in ".!?" for w in words[:-1]):
        return False
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    if not content:
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in content) and words[0][0].isupper() or (
        words[0][0].isdigit() and all(w[0].isupper() for w in content[1:]) and len(content) > 1
    )


def _word_before(masked: str, local: int) -> str:
    return word_before(masked, local, 40)


def _fragment(lead: str, quote: str) -> bool:
    """True when the quotation is woven into the writer's sentence rather than standing alone."""
    lead = lead.rstrip()
    if not lead.strip("([{—–- "):
        return False
    last = lead[-1]
    if last == ":":
        return False
    if last == ",":
        toks = _words(lead[-90:])[-9:]
        return not (quote[:1].isupper() or any(_is_cue(t) for t in toks))
    return not (last in _OPEN_MARKS or last in _CLOSE_MARKS)


