"""Pages that are not articles: privacy policies, terms, loan and casino spam, information
pages of a service, link lists.

A news article reports: people said, told, announced; it speaks of them in the third person.
A policy, a pitch or an information page speaks to the reader in its own voice ("we collect
your personal data", "apply now for a fast loan", "please call to book an appointment"), and a
link list has no sentences at all. Only a strong signal rejects a page: no more than one
reporting verb, the page's own voice throughout, and several distinct terms of one kind. A
borderline page (a short brief, a list-heavy explainer, a live blog, a report about a privacy
policy) stays a document: losing an article is worse than keeping a page.
"""

from __future__ import annotations

import re

from pipeline.core.documents.boilerplate import _TERMINAL, _looks_like_body
from pipeline.core.documents.lexicon import INFO_TERMS, PITCH_TERMS, POLICY_TERMS, REPORTING_VERBS

REASON = "not_an_article"
# At most this many reporting verbs: an article reports more than once.
MAX_REPORTING = 1
# Distinct terms of one kind (policy, pitch, information) that make the page that kind.
MIN_TERMS = 4
# First and second person ("we", "our", "you", "your") per 100 words: the page's own voice.
MIN_VOICE_PER_100 = 2.5
# A link list: this many lines at least, nearly all short and without sentence punctuation.
MIN_LINK_LINES = 8
LINK_SHARE = 0.8

_WORD = re.compile(r"[\w'’-]+")
_VOICE = re.compile(r"\b(?:we|our|us|you|your|yours)\b", re.IGNORECASE)


def _terms_rx(terms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_KINDS = (("policy language", _terms_rx(POLICY_TERMS)),
          ("sales pitch", _terms_rx(PITCH_TERMS)),
          ("information-page language", _terms_rx(INFO_TERMS)))
_REPORTING = _terms_rx(REPORTING_VERBS)


def non_article_evidence(text: str) -> str | None:
    """Why `text` (cleaned, one paragraph a line) is not an article, or None when it may be.

    "no reporting (0 reporting verbs in 212 words), the page's own voice (6.1 we/you per 100
    words), policy language: 'personal data', 'cookies', 'third parties', 'you agree'".
    """
    words = len(_WORD.findall(text))
    if not words:
        return None
    reporting = len(_REPORTING.findall(text))
    if reporting > MAX_REPORTING:
        return None
    lines = [ln for ln in text.split("\n") if ln.strip()]
    no_reporting = f"no reporting ({reporting} reporting verbs in {words} words)"
    short = [ln for ln in lines if len(ln.split()) <= 10 and ln.rstrip()[-1:] not in _TERMINAL]
    if (len(lines) >= MIN_LINK_LINES and len(short) >= LINK_SHARE * len(lines)
            and not any(_looks_like_body(ln) for ln in lines)):
        return (f"{no_reporting}, a link list: {len(short)} of {len(lines)} lines are short "
                f"items without sentence punctuation")
    voice = 100 * len(_VOICE.findall(text)) / words
    if voice < MIN_VOICE_PER_100:
        return None
    best: tuple[int, str, list[str]] | None = None
    for kind, rx in _KINDS:
        found: list[str] = []
        for m in rx.finditer(text):
            term = m.group(0).casefold()
            if term not in found:
                found.append(term)
        if len(found) >= MIN_TERMS and (best is None or len(found) > best[0]):
            best = (len(found), kind, found)
    if best is None:
        return None
    _, kind, found = best
    shown = ", ".join(f"'{t}'" for t in found[:6]) + (f" (+{len(found) - 6})"
                                                       if len(found) > 6 else "")
    return (f"{no_reporting}, the page's own voice ({voice:.1f} we/you per 100 words), "
            f"{kind}: {shown}")
