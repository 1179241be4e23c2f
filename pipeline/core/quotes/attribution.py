"""Noun phrases around a cue: who a quote is attributed to, before or after it."""

from __future__ import annotations

import re

from pipeline.core.quotes.lexicon import (
    ACTION_CUES,
    BETWEEN_WORDS,
    CONNECTIVES,
    DETERMINERS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    INDEFINITE_WORDS,
    LABEL_WORDS,
    MEDIA_WORDS,
    NAME_PARTICLES,
    NEWS_BACKREFS,
    NOT_NAME_WORDS,
    NP_CONNECTORS,
    ORG_BACKREFS,
    PASSIVE_AUXILIARIES,
    PLATFORMS,
    PREPOSITIONS,
    PRONOUNS,
    QUOTING_VERBS,
    ROLE_NOUNS,
    TITLE_WORDS,
    WEAK_CUES,
)
from pipeline.core.quotes.model import (
    _MASK,
    _Attribution,
    _broad_cue,
    _cue_text,
    _is_cap,
    _is_cue,
    _is_word,
    _Masked,
)


def _np_backward(toks: list[tuple[str, int]], end: int) -> int | None:
    """Start index of the speaker noun phrase that ends at toks[end] (inclusive), or None."""
    if end < 0:
        return None
    tok = toks[end][0]
    low = tok.lower()
    if low in PRONOUNS:
        return end
    if not _is_word(tok):
        return None
    last_ok = _is_cap(tok) or low in ROLE_NOUNS or low in ORG_BACKREFS or low in NEWS_BACKREFS
    last_ok = last_ok or _joined_particle(tok)
    last_ok = last_ok or low in GROUP_NOUNS or low in TITLE_WORDS
    if not last_ok:
        # "one resident", "a local shopkeeper": an unnamed speaker after a determiner.
        for back in (1, 2, 3):
            k = end - back
            if k < 0 or not _is_word(toks[k][0]) or _is_cue(toks[k][0]):
                return None
            if toks[k][0].lower() in INDEFINITE_WORDS or toks[k][0].lower() in DETERMINERS:
                return k  # "one resident", "One friend" (sentence start), "a local shopkeeper"
            if _is_cap(toks[k][0]):
                return None
        return None
    start = end
    i = end - 1
    while i >= 0 and end - i < 9:
        t = toks[i][0]
        lt = t.lower()
        if not _is_word(t) or _is_cue(t):
            break
        if lt in DETERMINERS or (lt in INDEFINITE_WORDS and not _is_cap(t)):
            start = i
            break
        if _is_cap(t) or lt in ROLE_NOUNS or lt in TITLE_WORDS or lt in NP_CONNECTORS:
            start = i
            i -= 1
            continue
        if t.endswith(("’s", "'s", "s’", "s'")) and not _is_cap(t):  # "the company's spokesman"
            start = i
            i -= 1
            continue
        break
    # Trim connectors and sentence-initial function words off the front.
    if (
        start < end - 1 and toks[start][0].lower() in GROUP_NOUNS
        and toks[start + 1][0].lower() in ("at", "of", "for", "from")
    ):
        return start  # "Officials at Kelby Tower said": unnamed people, not the tower
    while start < end and (
        (toks[start][0].lower() in NP_CONNECTORS - {"the"}
         and not (toks[start][0] in NAME_PARTICLES and (
             _is_cap(toks[start + 1][0]) or toks[start + 1][0] in NAME_PARTICLES)))
        or (_is_cap(toks[start][0]) and toks[start][0].lower() in NOT_NAME_WORDS
            and toks[start][0].lower() not in DETERMINERS
            and toks[start][0].lower().rstrip(".") not in TITLE_WORDS)
    ):
        start += 1
    if toks[start][0].lower() in ("and",):
        return None
    return start


def _np_forward(toks: list[tuple[str, int]], begin: int) -> int | None:
    """End index (inclusive) of a speaker noun phrase that starts at toks[begin], or None."""
    if begin >= len(toks):
        return None
    tok = toks[begin][0]
    low = tok.lower()
    if low in ("he", "she", "they", "it"):
        return begin
    if not _is_word(tok):
        return None
    determiner = low in DETERMINERS
    before_name = begin + 1 < len(toks) and _is_cap(toks[begin + 1][0]) and tok.isalpha()
    name_at = begin
    if not before_name and _is_descriptor(tok):
        # "said council leader Ada Obi", "said harbour master Ada Obi"
        for k in range(begin + 1, min(begin + 4, len(toks))):
            if _is_cap(toks[k][0]):
                before_name = True
                name_at = k
                break
            if not (_is_descriptor(toks[k][0]) or toks[k][0].lower() in ROLE_NOUNS):
                break
    if not (determiner or _is_cap(tok) or low in ROLE_NOUNS or low in TITLE_WORDS
            or low in GROUP_NOUNS or before_name):
        return None
    end = begin
    i = begin + 1
    while i < len(toks) and i - begin < 9:
        t = toks[i][0]
        lt = t.lower()
        if i < name_at:
            i += 1  # the descriptor words before the name
            continue
        if not _is_word(t) or _is_cue(t):
            break
        if _joined_particle(t) and _is_cap(toks[end][0]):
            end = i  # "said Karim al-Masri"
            i += 1
            continue
        if t in NAME_PARTICLES and i + 1 < len(toks) and _is_cap(toks[end][0]) and (
            _is_cap(toks[i + 1][0]) or toks[i + 1][0] in NAME_PARTICLES
        ):
            i += 1  # "said Sigrid de Vries", "Jan van der Berg"
            continue
        if lt in ("of", "for", "at") and i + 1 < len(toks):
            nxt = toks[i + 1][0]
            if not (_is_cap(nxt) or nxt.lower() in DETERMINERS):
                break
            i += 1
            continue
        if lt == "and" and i + 1 < len(toks) and _is_cap(toks[i + 1][0]) and _is_cap(toks[end][0]):
            i += 1  # "Burton and Nick"
            continue
        if lt in ("in", "on", "to", "during", "after", "before", "when", "while", "as", "from",
                  "with", "who", "which", "that", "about", "adding", "noting", "and"):
            break
        if _is_cap(t) or lt in ROLE_NOUNS or lt in TITLE_WORDS or determiner:
            end = i
            i += 1
            continue
        break
    last = toks[end][0].lower()
    if toks[end][0].lower() in DETERMINERS:
        return None
    if not (_is_cap(toks[end][0]) or _joined_particle(toks[end][0]) or last in ROLE_NOUNS
            or last in ORG_BACKREFS
            or last in NEWS_BACKREFS or last in GROUP_NOUNS or last in TITLE_WORDS
            or determiner):
        return None
    return end


def _joined_particle(tok: str) -> bool:
    """`al-Assad`, `el-Sisi`: a name whose article is joined by a hyphen (lower case)."""
    head, dash, rest = tok.partition("-")
    return bool(dash) and head in NAME_PARTICLES and rest[:1].isupper()


def _is_descriptor(tok: str) -> bool:
    """A lower-case word that can stand before a name in an attribution ("press secretary
    Ada Obi said", "club chairman Ada Obi said"), not a connective or verb."""
    low = tok.lower()
    return (
        tok.isalpha() and tok.islower() and low not in PREPOSITIONS and low not in BETWEEN_WORDS
        and low not in CONNECTIVES and not _is_cue(tok)
    )




# Tokens between the closing mark and the cue: a plain attribution (`,” Obi said`), or one
# with long appositives (`,” Ada Obi, 54, the president of the Acme Carriers Association, a
# trade group, said`).
_PLAIN_REACH = 14
_APPOSITIVE_REACH = 32


def _skip_between(toks: list[tuple[str, int]], i: int) -> int:
    """Step back over "also", "later", "has" between a speaker and the cue, and over a party
    tag in brackets (`Rep. Ada Obi (D-Mo.) said`, `Ada Obi (R) said`)."""
    if i >= 2 and toks[i][0] == ")":
        k = i - 1
        while k > 0 and i - k <= 6 and toks[k][0] != "(":
            k -= 1
        if toks[k][0] == "(" and i - k <= 6:
            i = k - 1
    steps = 0
    while i >= 0 and steps < 3 and toks[i][0].lower() in BETWEEN_WORDS and not _is_cap(toks[i][0]):
        i -= 1
        steps += 1
    return i


def _surface(text: str, toks: list[tuple[str, int]], a: int, b: int) -> tuple[str, int]:
    start = toks[a][1]
    end = toks[b][1] + len(toks[b][0])
    return text[start:end], start


# Words right before a short fragment that make it a label ("the so-called “green levy”").
_LABEL_BEFORE = LABEL_WORDS - {"a", "an", "the"} | {"so-called"}
# An opinion round-up line: `Ada Obi, The Kelby Times: “…”` (a name, the outlet, a colon).
_NAME_OUTLET_COLON = re.compile(
    r"^((?:[A-Z][\w’'\-]*\.?[ \u00a0]){1,3}[A-Z][\w’'\-]+),[ \u00a0]+"
    r"((?:[Tt]he[ \u00a0]+)?(?:[A-Z][\w’'&\-]*[ \u00a0]){0,4}[A-Z][\w’'&\-]*):$"
)
_NAME_COLON = re.compile(r"^((?:[A-Z][\w’'\-]*\.?[ \u00a0]){0,3}[A-Z][\w’'\-]+):$")


def _according_to(text: str, toks: list[tuple[str, int]], begin: int) -> _Attribution:
    """ "according to Okafor", "according to a statement from the Harbour Authority"."""
    end = _np_forward(toks, begin)
    if end is None:
        return _Attribution()
    if (
        toks[end][0].lower() in DOCUMENT_NOUNS
        and end + 2 < len(toks)
        and toks[end + 1][0].lower() in ("from", "by", "of", "for")
    ):
        inner_end = _np_forward(toks, end + 2)
        if inner_end is not None and _is_cap(toks[inner_end][0]):
            mention, pos = _surface(text, toks, end + 2, inner_end)
            return _Attribution(mention, pos, "according to")
    mention, pos = _surface(text, toks, begin, end)
    return _Attribution(mention, pos, "according to")


def _attr_after(text: str, mp: _Masked, tail_start: int, tail_end: int) -> _Attribution:
    """Attribution in the clause right after a quotation (`,” Okafor said.`)."""
    toks = mp.window(tail_start, tail_end)
    first = 0
    while first < len(toks) and not _is_word(toks[first][0]):
        if toks[first][0].startswith(_MASK):
            return _Attribution()
        first += 1
    if first >= len(toks):
        return _Attribution()
    if toks[first][0].lower() == "according" and first + 1 < len(toks):
        if toks[first + 1][0].lower() == "to":
            return _according_to(text, toks, first + 2)
        return _Attribution()
    limit = min(len(toks), first + _APPOSITIVE_REACH)
    for c in range(first, limit):
        tok = toks[c][0]
        if tok.startswith(_MASK):
            break
        if not _is_cue(tok) and (c == first or _broad_cue(toks, c) is None):
            continue
        if c - first >= _PLAIN_REACH and toks[_skip_between(toks, c - 1)][0] != ",":
            continue  # far from the quote, only `Name, a long appositive, said` counts
        cue = _cue_text(toks, c)
        if c == first:  # `,” said spokesperson Lena Ortiz.`
            end = _np_forward(toks, c + 1)
            if end is None:
                return _Attribution()
            mention, pos = _surface(text, toks, c + 1, end)
            return _Attribution(mention, pos, cue)
        j = _skip_between(toks, c - 1)
        if j >= first and toks[j][0] == ",":
            # `,” Lena Ortiz, a spokeswoman for the ministry, said.`
            end = _np_forward(toks, first)
            if end is not None and end + 1 < j and toks[end + 1][0] == "," and (
                j - end < _APPOSITIVE_REACH
            ):
                inner = _np_forward(toks, end + 2)
                if (
                    inner == j - 1 and _is_cap(toks[end + 2][0])
                    and not any(_is_cap(t) for t, _ in toks[first : end + 1])
                ):
                    # `,” the union’s general secretary, Ada Obi, said.`: the name.
                    mention, pos = _surface(text, toks, end + 2, inner)
                    return _Attribution(mention, pos, cue)
                mention, pos = _surface(text, toks, first, end)
                return _Attribution(mention, pos, cue)
            return _Attribution()
        start = _np_backward(toks, j)
        if start is None:
            return _Attribution()
        leftover = start - first
        if leftover == 0 or (leftover <= 5 and toks[start - 1][0] == ",") or (
            leftover <= 3 and any(_is_cap(t) for t, _ in toks[start : j + 1])
            and all(_is_descriptor(t) for t, _ in toks[first:start])
        ):
            mention, pos = _surface(text, toks, start, j)
            return _Attribution(mention, pos, cue)
        return _Attribution()
    return _Attribution()




def _stronger_cue(toks: list[tuple[str, int]], c: int, cue: str | None) -> str | None:
    """A weak cue ("ordered", "called") gives way to a plain reporting verb earlier in the
    sentence: `told the radio that he had ordered a review “to …”` is reported by `told`."""
    if cue is None or cue.lower() not in ACTION_CUES:
        return cue  # "what she called “…”" keeps its verb
    for k in range(c - 1, -1, -1):
        if _is_cue(toks[k][0], strong_only=True):
            return toks[k][0]
    return cue


def _attr_before(text: str, mp: _Masked, lead_start: int, lead_end: int) -> _Attribution:
    """Attribution in the writer's words before a quotation (`Patel said: “`)."""
    toks = mp.window(lead_start, lead_end)
    nearest_cue: str | None = None
    for c in range(len(toks) - 1, -1, -1):
        tok = toks[c][0]
        if tok.lower() == "according" and c + 1 < len(toks) and toks[c + 1][0].lower() == "to":
            attr = _according_to(text, toks, c + 2)
            if attr.found:
                return attr
            continue
        if tok == "saying" and c >= 2 and toks[c - 1][0] == "as":
            through = _quoted_as_saying(text, toks, c - 1)
            if through is not None:
                return through
        if not _is_cue(tok):
            if not (c + 2 < len(toks) and ":" in (toks[c + 1][0], toks[c + 2][0])):
                continue
            broad_end = _broad_cue(toks, c)
            if broad_end is None or broad_end + 1 >= len(toks) or toks[broad_end + 1][0] != ":":
                continue  # a broad WordNet verb counts before a quote only as `chimed in: “`
        elif tok in WEAK_CUES and c > 0 and (
            toks[c - 1][0].lower() in DETERMINERS
            or (c > 1 and _is_cap(toks[c - 1][0]) and toks[c - 2][0].lower() in DETERMINERS)
        ):
            continue  # "the report", "his post", "in a Facebook post": nouns, not verbs
        if nearest_cue is None:
            nearest_cue = _cue_text(toks, c)
        j = _skip_between(toks, c - 1)
        if j >= 1 and toks[j][0] == ",":
            # "Anil Patel, who led the trial, said:" -> the name before the first comma;
            # "The shadow chancellor, Rachel Reeves, said" -> the name between the commas.
            k = j - 1
            while k > 0 and j - k < 16 and toks[k][0] not in (",", ";", ":"):
                k -= 1
            if k > 0 and toks[k][0] == ",":
                inner = _np_backward(toks, j - 1)
                named = (
                    inner is not None and toks[inner][0].lower() not in INDEFINITE_WORDS
                    and any(_is_cap(t) for t, _ in toks[inner:j])
                )
                # "The shadow chancellor, Ada Obi, said" -> the name between the commas;
                # "Ada Obi, an analyst at Acme, wrote" -> the name before them.
                # "Her husband, builder Ada Obi, chimed in:" -> a descriptor before the name.
                between_ok = inner is not None and all(
                    _is_descriptor(t) for t, _ in toks[k + 1 : inner]
                )
                j = j - 1 if between_ok and _is_cap(toks[j - 1][0]) and named else k - 1
        start = _np_backward(toks, j)
        if start is not None:
            mention, pos = _surface(text, toks, start, j)
            return _Attribution(mention, pos, _stronger_cue(toks, c, nearest_cue))
        end = _np_forward(toks, c + 1)
        if end is not None and (end + 1 >= len(toks) or toks[end + 1][0] in (",", ":")):
            mention, pos = _surface(text, toks, c + 1, end)
            return _Attribution(mention, pos, _stronger_cue(toks, c, nearest_cue))
    if nearest_cue is not None and not _is_cue(nearest_cue, strong_only=True):
        nearest_cue = None
    return _Attribution(cue=nearest_cue)






def _quoted_as_saying(text: str, toks: list[tuple[str, int]], as_at: int) -> _Attribution | None:
    """Speech reported through someone else: `State radio quoted Ada Obi as saying …`
    (speaker Ada Obi, cue `quoted`, venue State radio) and `Ada Obi was quoted as saying …`
    (cue `quoted`)."""
    q = as_at - 1
    if toks[q][0].lower() in QUOTING_VERBS and q >= 1 and (
        toks[q - 1][0].lower() in PASSIVE_AUXILIARIES
    ):
        start = _np_backward(toks, q - 2)
        if start is None:
            return None
        mention, pos = _surface(text, toks, start, q - 2)
        return _Attribution(mention, pos, toks[q][0])
    for k in range(as_at - 1, max(-1, as_at - 10), -1):
        if toks[k][0].lower() not in QUOTING_VERBS:
            continue
        if k + 1 >= as_at:
            return None
        start = _np_backward(toks, as_at - 1)
        if start is None or start <= k:
            return None
        mention, pos = _surface(text, toks, start, as_at - 1)
        attr = _Attribution(mention, pos, toks[k][0])
        if 0 < k <= 5:
            source, _src_pos = _surface(text, toks, 0, k - 1)
            if _media_source(source):
                attr.venue = source
        return attr
    return None


def _media_source(phrase: str) -> bool:
    """`State radio`, `the Kelby Ledger`, `BBN`: a source that reports others' words."""
    words = phrase.replace("’", "'").split()
    if not words:
        return False
    last = words[-1].lower()
    return (
        last in MEDIA_WORDS or last in NEWS_BACKREFS or phrase.lower() in PLATFORMS
        or any(len(w) >= 2 and w.isupper() and w.isalpha() for w in words)
    )


_DASH_OPEN = re.compile(r"[ \u00a0]*(?:—|–|--?)[ \u00a0]*(?=[A-Z])")


def _attr_dash(text: str, mp: _Masked, tail_start: int, tail_end: int) -> _Attribution:
    """A dash attribution after a quotation: `“…” — Ada Obi, who has fished here for 40
    years.` or `"…" -Ada Obi, chair of the club.` (a name, no cue)."""
    m = _DASH_OPEN.match(text, tail_start, tail_end)
    if m is None:
        return _Attribution()
    toks = mp.window(m.end(), tail_end)
    end = _np_forward(toks, 0)
    if end is None or not _is_cap(toks[0][0]) or not _is_cap(toks[end][0]):
        return _Attribution()
    if end + 1 < len(toks) and toks[end + 1][0] not in (",", ".", ";", "(", ")"):
        return _Attribution()
    mention, pos = _surface(text, toks, 0, end)
    return _Attribution(mention, pos)
