"""Speaker resolution: borrowing attributions from neighbours and naming the speaker."""

from __future__ import annotations

import re

from pipeline.core.quotes.attribution import (
    _surface,
)
from pipeline.core.quotes.lexicon import (
    COMPANY_BACKREFS,
    GROUP_NOUNS,
    INDEFINITE_WORDS,
    KIN_GENDER,
    ORG_BACKREFS,
    ORG_WORDS,
    PRONOUNS,
    RELATIONAL_NOUNS,
    ROLE_NOUNS,
)
from pipeline.core.quotes.model import (
    _Attribution,
    _is_cap,
    _is_word,
    _Masked,
)
from pipeline.core.quotes.speaker_resolver import (
    SpeakerResolver,
)
from pipeline.core.quotes.speakers import (
    at_sentence_start,
)


def _speaker(mention: str, pos: int, text: str, resolver: SpeakerResolver) -> str | None:
    """Canonical speaker for the words of a mention found at `pos`."""
    words = mention.split()
    low = [w.lower() for w in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        if words[0][0].isupper() and resolver.has_name_token(words[0]) and not at_sentence_start(
            text, pos
        ):
            return resolver.canonical_name(words[0])  # "He" the surname, not the pronoun
        return resolver.resolve_pronoun(low[0], pos)
    if low[0] in INDEFINITE_WORDS or (low[-1] in GROUP_NOUNS and not words[-1][0].isupper()):
        return None  # "one resident", "officials"; not "Ada Obi of Acme Police"
    if low[0] in GROUP_NOUNS and len(low) > 1 and low[1] in ("at", "of", "for", "from"):
        return None  # "Officials at Kelby Tower", "residents of Lower Ambry"

    if low[0] in ("the", "its", "his", "her", "their", "our") and not any(
        w[0].isupper() for w in words[1:]
    ):
        return (
            resolver.resolve_role(words[1:], pos) or _epithet(low, pos, resolver)
            or _described_org(words, low)
        )
    if " and " in mention and low[0] not in ("the",):
        parts = [resolver.canonical_name(p) for p in mention.split(" and ")]
        if all(parts):
            return " and ".join(p for p in parts if p)
        return None
    if not any(w[0].isupper() for w in words):
        return resolver.resolve_role(words, pos)  # "union", "students’ union", "ministry"
    # Lower-case role words before a name: "spokesperson Lena Ortiz", "economist Ada Obi".
    k = 0
    while k < len(words) - 1 and not words[k][0].isupper():
        k += 1
    name_words = words[k:]
    if low[-1] in ORG_WORDS and low[0] == "the":
        return resolver.canonical_name(mention)
    if low[0] == "the" and low[-1] in ROLE_NOUNS:
        return resolver.resolve_role(words[1:], pos)
    return resolver.canonical_name(" ".join(name_words), pos)


_AGE_EPITHET = re.compile(r"^\d{1,3}-year-old$")
_KIN_EPITHET = re.compile(r"^(\w+)-of-(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)$")
_EPITHET_REACH = 400  # characters back to the person an epithet describes


def _epithet(low: list[str], pos: int, resolver: SpeakerResolver) -> str | None:
    """ "the 52-year-old", "the dad-of-three", "the retired teacher": a description of the
    person the writer has just introduced, never of someone new. Only these shapes count, and
    only when that person was the subject within the last paragraph or so."""
    words = low[1:]
    if not words:
        return None
    gender = None
    age_word = next((w for w in words if _AGE_EPITHET.match(w)), None)
    if age_word is not None:
        by_age = resolver.people_aged(int(age_word.split("-", 1)[0]), pos)
        if by_age is not None:
            return by_age or None  # "" when the ages the article gives are all different
    elif (m := _KIN_EPITHET.match(words[-1])) is not None:
        gender = KIN_GENDER.get(m.group(1))
    elif words[0] in ("retired", "former") and len(words) == 2 and (
        words[1] not in ROLE_NOUNS and words[1] not in RELATIONAL_NOUNS
    ):
        pass  # "the retired headteacher"; "the former colleague" is somebody else
    else:
        return None
    occ = resolver.nearest_person_before(pos, _EPITHET_REACH, gender)
    return occ


def _described_org(words: list[str], low: list[str]) -> str | None:
    """ "the health workers’ union", "the city council": an organisation described rather
    than named, and named nowhere earlier, is its own best name. A bare "the union" is not."""
    if low[0] != "the" or len(words) < 3 or len(words) > 5:
        return None
    if low[-1] not in ORG_BACKREFS or low[-1] in COMPANY_BACKREFS:
        return None
    return " ".join(["the", *words[1:]])




def _resolve(attr: _Attribution, text: str, resolver: SpeakerResolver) -> _Attribution:
    if attr.mention is not None and attr.speaker is None:
        attr.speaker = _speaker(attr.mention, attr.mention_pos, text, resolver)
        if attr.speaker is not None and attr.mention_pos >= 0:
            end = attr.mention_pos + len(attr.mention)
            resolver.add_speaker(attr.mention_pos, end, attr.speaker)
    return attr


def _subject_attribution(
    text: str, mp: _Masked, sent_start: int, open_mark: int, resolver: SpeakerResolver
) -> _Attribution:
    """The sentence's subject as speaker of a fragment (`He accused them of “…”`)."""
    toks = mp.window(sent_start, open_mark)
    best: _Attribution | None = None
    for i, (tok, pos) in enumerate(toks[:-1]):
        low = tok.lower()
        nxt = toks[i + 1][0]
        opens_clause = i == 0 or toks[i - 1][0] in (",", "—", "–") or (
            toks[i - 1][0].lower() in ("and", "but", "that")
        )
        if low in ("he", "she", "they") and nxt[0].islower() and _is_word(nxt) and opens_clause:
            best = _Attribution(tok, pos)
            break
        if low == "the" and opens_clause:
            # "The county government rejected…": the first role or organisation noun within
            # a few words, followed by a lower-case word (its verb).
            for k in range(i + 1, min(i + 5, len(toks) - 1)):
                word = toks[k][0]
                if not _is_word(word):
                    break
                head = word.lower()
                if head in ROLE_NOUNS or head in ORG_BACKREFS:
                    verb = toks[k + 1][0]
                    if _is_word(verb) and verb[0].islower():
                        best = _Attribution(*_surface(text, toks, i, k))
                    break
            if best is not None:
                break
        if _is_cap(tok):
            break  # a capitalised subject: the document index knows it better
    occ = resolver.nearest_subject(sent_start, open_mark)
    if occ is not None and (best is None or occ.pos < best.mention_pos):
        return _Attribution(text[occ.pos : occ.end], occ.pos, speaker=occ.name)
    return best or _Attribution()


