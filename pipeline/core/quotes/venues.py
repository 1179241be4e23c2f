"""Venues: where something was said (a statement, an interview, a post on a platform)."""

from __future__ import annotations

import re

from pipeline.core.quotes.lexicon import (
    MEDIA_WORDS,
    MONTHS_AND_DAYS,
    NEWS_BACKREFS,
    PLATFORMS,
)
from pipeline.core.quotes.speaker_resolver import SpeakerResolver

_CAP_NP = r"(?:[A-Z][\w’'.&\-]*|[A-Z]{2,})(?:[ \u00a0](?:[A-Z][\w’'.&\-]*|of|the|and|&))*+"
_PROGRAMME = r"(?:[ \u00a0]*[“\"]([^”\"\n]{1,60})[”\"])?"
# `told the broadcaster VRT`, `told the newspaper Dagbladet`: a media noun before the name.
_MEDIA_NOUN = rf"(?:(?:{'|'.join(sorted(NEWS_BACKREFS))})[ \u00a0]+)?"
# Each pattern opens with a lookahead on the letters its matches can start with: the engine
# then rejects most positions with one character test instead of trying every alternative
# (the venue patterns ran about twice as fast on the bench corpus, same matches).
_VENUE_TOLD = re.compile(
    rf"(?=t)\b(?:told|telling|tells)[ \u00a0]+(?:the[ \u00a0]+)?{_MEDIA_NOUN}"
    rf"({_CAP_NP}){_PROGRAMME}"
)
_VENUE_ON = re.compile(
    r"(?=(?i:[oiaspwb]))\b(?i:on|in an interview on|in an interview with|an interview with|"
    r"in a post on|in a message on|in remarks on|in an appearance on|an appearance on|"
    r"interview with|appearing on|speaking on|speaking to|speaking with|posted on|wrote on|"
    r"written on|said on|broadcast on|aired on|writing in|wrote in|in)"
    rf"[ \u00a0]+(?:(?:the|his|her|their|its|a)[ \u00a0]+)?({_CAP_NP}){_PROGRAMME}"
)
_VENUE_HINT = re.compile(
    r"(?=[toivSsa])\b"
    r"(?:told|tells|telling|on|interview|via|through|in an?|[Ss]peaking|appearing)\b"
)
_VENUE_IN_POST = re.compile(
    rf"(?=i)\bin[ \u00a0]+an?[ \u00a0]+({_CAP_NP})[ \u00a0]+"
    r"(?:post|video|message|tweet|interview|broadcast|op-ed|column|podcast|livestream|story)\b"
)
_VENUE_SOCIAL = re.compile(
    r"(?=[ovt])\b(?:on|via|through|told|telling)"
    r"[ \u00a0]+(?:(?:his|her|their|its|the)[ \u00a0]+)?"
    r"(social media|social-media|(?:national|state|public|local) (?:television|TV|radio)|"
    r"television|radio)\b"
)


_TRAILING_CONNECTOR = re.compile(r"(?:[ \u00a0]+(?:of|the|and|&))+$")


def _is_media(name: str, programme: str | None, resolver: SpeakerResolver | None) -> bool:
    words = name.replace("’", " ").replace("'", " ").split()
    if not words:
        return False
    if programme:
        return True
    if name.lower() in PLATFORMS:
        return True
    if len(words) == 1 and words[0].lower() in MONTHS_AND_DAYS:
        return False  # "on Sunday"
    if any(w.lower() in MEDIA_WORDS for w in words[1:]) or words[-1].lower() in MEDIA_WORDS:
        return True  # "the Morning Star", "the Sunday Courier"
    if words[0].lower() in MONTHS_AND_DAYS:
        return False
    if any(len(w) >= 2 and w.isupper() and w.isalpha() for w in words):
        return resolver is None or resolver.index.match_person(name.split()) is None
    return False


def _venue(text: str, start: int, end: int, resolver: SpeakerResolver | None) -> str | None:
    """Where the words were said, from the attribution or the writer's sentence around it."""
    chunk = text[start:end]
    if not _VENUE_HINT.search(chunk):
        return None
    told = "told" in chunk or "tel" in chunk  # every _VENUE_TOLD match holds one of these
    for rx in (_VENUE_TOLD, _VENUE_ON, _VENUE_IN_POST) if told else (_VENUE_ON, _VENUE_IN_POST):
        for m in rx.finditer(chunk):
            name = _TRAILING_CONNECTOR.sub("", m.group(1).strip().rstrip(".,"))
            programme = m.group(2) if rx.groups > 1 else None
            if name.lower() in ("x",) or name.lower() in PLATFORMS:
                return name
            if not _is_media(name, programme, resolver):
                continue
            if programme:
                return f"{name} {programme.strip().rstrip('.,')}"
            return name
    m = _VENUE_SOCIAL.search(chunk) if (
        "social" in chunk or "television" in chunk or "TV" in chunk or "radio" in chunk
    ) else None
    if m:
        return m.group(1)
    return None


