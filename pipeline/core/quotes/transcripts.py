"""Transcript and Q&A turns: paragraphs that open with a speaker label are quotes of that
speaker even without quote marks.

    MARCHETTI: Minister, why did the contract go to them?      -> Delphine Marchetti
    MR. FENNIMORE: It went to the best bidder.                 -> Osric Fennimore
    Q: Were you ever frightened?                               -> (the interviewer: skipped)
    A: Once, in the storm of 2009.                             -> the person interviewed

A label counts only in an article that has at least two turns (a transcript, not one
`UPDATE:` line), at least one of them by a person the article introduced (or both `Q:` and
`A:`; `PROS:`/`CONS:` lists are not transcripts), and never when the paragraph holds quote
marks (those are handled as ordinary quotations). A named label is the person the article
introduced under that name (`MARCHETTI` -> `Delphine Marchetti`), or a full name as written
that speaks twice or more; anything else stays null. `A:` is the person the article
introduced before the first question (the only one, or the one it names most); otherwise null.
"""

from __future__ import annotations

import re

from pipeline.core.quotes.lexicon import TRANSCRIPT_NOT_SPEAKERS
from pipeline.core.quotes.model import Quote
from pipeline.core.quotes.speaker_resolver import SpeakerResolver

# `MARCHETTI:`, `MR. FENNIMORE:`, `DELPHINE MARCHETTI:`, `SEN. ODUYA:`, `Q:`, `A:`.
_TURN = re.compile(
    r"^[ \t]*((?:(?:MR|MRS|MS|DR|SEN|REP|GOV|GEN|PROF)\.?[ \u00a0])?"
    r"[A-Z][A-Z’'\-]+(?:[ \u00a0][A-Z][A-Z’'\-]+){0,2}|Q|A)[ \t]*:[ \t]+(\S.*?)[ \t]*$",
    re.M,
)
_TITLE_PREFIX = re.compile(r"^(?:MR|MRS|MS|DR|SEN|REP|GOV|GEN|PROF)\.?[ \u00a0]")
_MIN_TURNS = 2


def transcript_turns(
    text: str, paras: list[tuple[int, int]], quoted_paras: set[int], resolver: SpeakerResolver
) -> list[Quote]:
    """One Quote per labelled turn outside quote marks, in document order."""
    turns: list[tuple[str, int, int]] = []  # (label, start, end of the spoken words)
    for i, (p_start, p_end) in enumerate(paras):
        if i in quoted_paras or p_end - p_start < 4:
            continue
        m = _TURN.match(text, p_start, p_end)
        if m is None or m.end() != p_end:
            continue
        label = m.group(1)
        if label.replace("’", "'").lower() in TRANSCRIPT_NOT_SPEAKERS:
            continue
        turns.append((label, m.start(2), m.end(2)))
    if len(turns) < _MIN_TURNS:
        return []
    first_question = next((s for label, s, _e in turns if label in ("Q", "A")), None)
    spans = [(s, e) for _label, s, e in turns]
    interviewee = (
        _interviewee(resolver, first_question, spans) if first_question is not None else None
    )
    counts: dict[str, int] = {}
    for label, _s, _e in turns:
        counts[label] = counts.get(label, 0) + 1
    speakers = {
        label: _label_speaker(label, start, resolver, counts[label])
        for label, start, _e in turns if label not in ("Q", "A")
    }
    known = any(name in resolver.index.persons for name in speakers.values())
    if not known and not ({"Q", "A"} <= counts.keys()):
        return []  # `PROS:` / `CONS:` lines: labels, but nobody the article introduced
    quotes: list[Quote] = []
    for label, start, end in turns:
        if label == "Q":
            continue  # the interviewer, unnamed in a Q&A
        if label == "A":
            quotes.append(Quote(text[start:end], start, end, interviewee))
            continue
        label_start = text.rfind(label, 0, start)
        quotes.append(Quote(text[start:end], start, end, speakers[label], label,
                            speaker_start=label_start, speaker_end=label_start + len(label)))
    return quotes


def _label_speaker(label: str, pos: int, resolver: SpeakerResolver, turns: int) -> str | None:
    """`MR. FENNIMORE` -> the article's `Osric Fennimore`; an unknown label only when it is a
    full name that speaks at least twice (`DANA OBI:` twice -> `Dana Obi`), else null."""
    bare = _TITLE_PREFIX.sub("", label)
    words = [w.capitalize() if w.isupper() else w for w in bare.split()]
    words = ["-".join(p.capitalize() for p in w.split("-")) for w in words]
    name = " ".join(words)
    person = resolver.index.match_person(words, before=pos)
    if person is not None:
        return person.name
    if len(words) < 2 or turns < 2:
        return None  # a surname several people share, or a one-off label
    return name


def _interviewee(
    resolver: SpeakerResolver, first_question: int, turn_spans: list[tuple[int, int]]
) -> str | None:
    """The person the article introduced (full name) before its first question: the only
    one, or the one it mentions most often, strictly (`Okoye said…` after the Q&A)."""
    people = [
        p.name for p in resolver.index.persons.values()
        if p.first_pos < first_question and len(p.tokens) > 1
    ]
    if len(people) <= 1:
        return people[0] if people else None
    counts = {name: 0 for name in people}
    for occ in resolver.index.occurrences:
        if occ.name in counts and not any(s <= occ.pos < e for s, e in turn_spans):
            counts[occ.name] += 1  # mentions in the writer's words, not inside the answers
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    return ranked[0][0] if ranked[0][1] > ranked[1][1] else None
