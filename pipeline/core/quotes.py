"""Quotation extraction: the quoted words, who said them, the reporting verb and where.

How it works, per article:

1. `quote_marks.find_quote_spans` pairs quote marks paragraph by paragraph (nested single
   quotes stay inside, unbalanced marks close at the paragraph end, multi-paragraph quotations
   are chained).
2. Each paragraph with quotations is "masked": the words inside quotation marks become
   underscores (same length), so sentence splitting and attribution parsing only ever see the
   writer's own words.
3. Each span is judged: programme/book titles and one-or-two-word scare quotes are dropped;
   the rest is a direct quotation or a fragment woven into the writer's sentence.
4. Attribution is read after the quote (`,” Okafor said.`, `,” said spokesperson Lena Ortiz.`)
   or before it (`Patel said: “`), then borrowed from a neighbour when the quote has none:
   the other half of a split quote, the previous quote of the paragraph, the paragraph before
   a continuation, a paragraph ending in a colon.
5. `speakers.DocumentIndex` turns the mention into a canonical name ("he" -> "Grace Okafor",
   "the finance minister" -> "Grace Okafor", "the ministry" -> "the Interior Ministry").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from pipeline.core.quote_lexicon import (
    BETWEEN_WORDS,
    CUE_WORDS,
    LABEL_WORDS,
    MEDIA_WORDS,
    MONTHS_AND_DAYS,
    NEWS_BACKREFS,
    NOT_NAME_WORDS,
    ORG_BACKREFS,
    ORG_WORDS,
    PLATFORMS,
    PREPOSITIONS,
    ROLE_NOUNS,
    TITLE_CONTEXT,
    TITLE_SMALL_WORDS,
    TITLE_WORDS,
    WEAK_CUES,
)
from pipeline.core.quote_marks import QuoteSpan, find_quote_spans, paragraphs
from pipeline.core.speakers import DocumentIndex, at_sentence_start, word_before

QUOTES_VERSION = "6"


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


# Kept for callers that imported the old pattern string.
CUE_VERBS = "|".join(sorted(CUE_WORDS))

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|Hon|St|Jr|Sr)\."
    r"|\w[\w’'\-.&]*\w[’']?|\w[’']?|[^\w\s]"
)
_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"”’'»)]*\s+(?=[\"“‘'«(]?[A-Z0-9_À-Þ])")
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt",
    "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "u.s", "u.k", "u.n", "e.u", "d.c",
    "a.m", "p.m", "dept", "mt", "ft", "rev", "hon", "maj", "adm", "det", "fr", "jan", "feb",
    "aug", "sept", "oct", "nov", "dec", "approx", "est", "messrs",
})
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our"})
# Words opening an unnamed speaker ("one resident", "another official"): never resolved.
_INDEFINITE = frozenset({
    "a", "an", "one", "another", "some", "several", "many", "two", "three", "four", "other",
    "most", "few", "numerous", "dozens", "hundreds",
})
_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you"})
_NP_CONNECTORS = frozenset({
    "of", "for", "at", "the", "de", "da", "di", "del", "van", "von", "der", "den", "bin", "al",
    "and", "la", "le", "du", "y",
})
_GROUP_NOUNS = frozenset({
    "officials", "analysts", "experts", "critics", "supporters", "residents", "people",
    "sources", "witnesses", "protesters", "investors", "economists", "diplomats", "lawmakers",
    "researchers", "scientists", "doctors", "police", "authorities", "observers", "aides",
    "organizers", "organisers", "activists", "officers", "prosecutors", "spokespeople",
    "executives", "leaders", "members", "students", "workers", "voters", "fans", "others",
    "some", "many", "several", "both", "all", "most",
})
_OPEN_MARKS = "“\"„«»‘‹‚'"
_CLOSE_MARKS = "”\"“»«’›‘'"
_FINAL_PUNCT = ".!?…:;"
_MASK = "_"
# How far from the quote marks an attribution is looked for (characters).
_TAIL_WINDOW = 160
# Prose never packs more than 60 quotations into a paragraph at under 20 characters each;
# such a paragraph is a run of quote marks (markup, noise) and is skipped.
_DENSE_SPANS = 60
_MIN_CHARS_PER_SPAN = 20
_LEAD_WINDOW = 240


@dataclass(slots=True)
class _Attribution:
    mention: str | None = None
    mention_pos: int = -1
    cue: str | None = None
    speaker: str | None = None
    venue: str | None = None

    @property
    def found(self) -> bool:
        return self.mention is not None or self.cue is not None


@dataclass(slots=True)
class _Candidate:
    span: QuoteSpan
    text: str
    words: int
    sentence_start: int  # absolute offset of the writer's sentence holding the open mark
    lead: str  # masked text from the sentence start to the open mark
    fragment: bool
    attribution: _Attribution
    whole_paragraph: bool


def _tokens(s: str, offset: int) -> list[tuple[str, int]]:
    """(token, absolute start) pairs of a short piece of masked text."""
    return [(m.group(), offset + m.start()) for m in _TOKEN.finditer(s)]


class _Masked:
    """A masked paragraph, tokenised once on first use (windows are slices of it)."""

    __slots__ = ("s", "base", "_toks", "_pos")

    def __init__(self, s: str, base: int) -> None:
        self.s = s
        self.base = base
        self._toks: list[tuple[str, int]] | None = None
        self._pos: list[int] = []

    def window(self, start: int, end: int) -> list[tuple[str, int]]:
        """Tokens (absolute offsets) that start in [start, end)."""
        if self._toks is None:
            self._toks = _tokens(self.s, self.base)
            self._pos = [p for _, p in self._toks]
        i = bisect.bisect_left(self._pos, start)
        j = bisect.bisect_left(self._pos, end, i)
        return self._toks[i:j]


def _is_word(tok: str) -> bool:
    return tok[0].isalnum() and not tok.startswith(_MASK)


def _is_cap(tok: str) -> bool:
    return tok[0].isupper()


_STRONG_CUES = CUE_WORDS - WEAK_CUES


def _is_cue(tok: str, strong_only: bool = False) -> bool:
    """A reporting verb as written in running text (lower case: "Said" opens no attribution)."""
    return tok in (_STRONG_CUES if strong_only else CUE_WORDS)


# ---- masking and sentences ------------------------------------------------------------------


def _mask_paragraph(text: str, p_start: int, p_end: int, spans: list[QuoteSpan]) -> str:
    """The paragraph with every quoted word replaced by underscores (offsets unchanged)."""
    parts: list[str] = []
    pos = p_start
    for sp in spans:
        parts.append(text[pos : sp.start])
        inner = text[sp.start : sp.end]
        keep_final = inner[-1] in ".!?…"
        body_len = len(inner) - (1 if keep_final else 0)
        parts.append(_MASK * body_len)
        if keep_final:
            parts.append(inner[-1])
        pos = sp.end
    parts.append(text[pos:p_end])
    return "".join(parts)


def _sentence_starts(masked: str) -> list[int]:
    """Offsets (within the paragraph) where a writer's sentence starts."""
    starts = [0]
    for m in _SENTENCE_BREAK.finditer(masked):
        before = masked[max(0, m.start() - 12) : m.start()]
        word = re.search(r"([\w.]+)$", before)
        if masked[m.start()] == "." and word:
            w = word.group(1).lower()
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
        starts.append(m.end())
    return starts


# ---- noun phrases around a cue --------------------------------------------------------------


def _np_backward(toks: list[tuple[str, int]], end: int) -> int | None:
    """Start index of the speaker noun phrase that ends at toks[end] (inclusive), or None."""
    if end < 0:
        return None
    tok = toks[end][0]
    low = tok.lower()
    if low in _PRONOUNS:
        return end
    if not _is_word(tok):
        return None
    last_ok = _is_cap(tok) or low in ROLE_NOUNS or low in ORG_BACKREFS or low in NEWS_BACKREFS
    last_ok = last_ok or low in _GROUP_NOUNS or low in TITLE_WORDS
    if not last_ok:
        # "one resident", "a local shopkeeper": an unnamed speaker after a determiner.
        for back in (1, 2, 3):
            k = end - back
            if k < 0 or not _is_word(toks[k][0]) or _is_cue(toks[k][0]):
                return None
            if toks[k][0].lower() in _INDEFINITE or toks[k][0].lower() in _DETERMINERS:
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
        if lt in _DETERMINERS or (lt in _INDEFINITE and not _is_cap(t)):
            start = i
            break
        if _is_cap(t) or lt in ROLE_NOUNS or lt in TITLE_WORDS or lt in _NP_CONNECTORS:
            start = i
            i -= 1
            continue
        if t.endswith(("’s", "'s", "s’", "s'")) and not _is_cap(t):  # "the company's spokesman"
            start = i
            i -= 1
            continue
        break
    # Trim connectors and sentence-initial function words off the front.
    while start < end and (
        toks[start][0].lower() in _NP_CONNECTORS - {"the"}
        or (_is_cap(toks[start][0]) and toks[start][0].lower() in NOT_NAME_WORDS
            and toks[start][0].lower() not in _DETERMINERS
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
    determiner = low in _DETERMINERS
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
            or low in _GROUP_NOUNS or before_name):
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
        if lt in ("of", "for", "at") and i + 1 < len(toks):
            nxt = toks[i + 1][0]
            if not (_is_cap(nxt) or nxt.lower() in _DETERMINERS):
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
    if toks[end][0].lower() in _DETERMINERS:
        return None
    if not (_is_cap(toks[end][0]) or last in ROLE_NOUNS or last in ORG_BACKREFS
            or last in NEWS_BACKREFS or last in _GROUP_NOUNS or last in TITLE_WORDS
            or determiner):
        return None
    return end


def _is_descriptor(tok: str) -> bool:
    """A lower-case word that can stand before a name in an attribution ("press secretary
    Ada Obi said", "club chairman Ada Obi said"), not a connective or verb."""
    low = tok.lower()
    return (
        tok.isalpha() and tok.islower() and low not in PREPOSITIONS and low not in BETWEEN_WORDS
        and low not in _CONNECTIVES and not _is_cue(tok)
    )


_CONNECTIVES = frozenset({
    "and", "but", "or", "so", "as", "then", "while", "when", "because", "if", "that", "which",
    "who", "where", "yet", "not", "is", "was", "are", "were", "be", "been",
})


def _skip_between(toks: list[tuple[str, int]], i: int) -> int:
    """Step back over "also", "later", "has" between a speaker and the cue."""
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
_NAME_COLON = re.compile(r"^((?:[A-Z][\w’'\-]*\.?[ \u00a0]){0,3}[A-Z][\w’'\-]+):$")
_DOCUMENT_NOUNS = frozenset({
    "statement", "report", "letter", "filing", "post", "release", "memo", "transcript",
    "translation", "spokesperson", "spokesman", "spokeswoman", "representative", "source",
})


def _according_to(text: str, toks: list[tuple[str, int]], begin: int) -> _Attribution:
    """ "according to Okafor", "according to a statement from the Harbour Authority"."""
    end = _np_forward(toks, begin)
    if end is None:
        return _Attribution()
    if (
        toks[end][0].lower() in _DOCUMENT_NOUNS
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
    limit = min(len(toks), first + 14)
    for c in range(first, limit):
        tok = toks[c][0]
        if tok.startswith(_MASK):
            break
        if not _is_cue(tok):
            continue
        if c == first:  # `,” said spokesperson Lena Ortiz.`
            end = _np_forward(toks, c + 1)
            if end is None:
                return _Attribution()
            mention, pos = _surface(text, toks, c + 1, end)
            return _Attribution(mention, pos, tok)
        j = _skip_between(toks, c - 1)
        if j >= first and toks[j][0] == ",":
            # `,” Lena Ortiz, a spokeswoman for the ministry, said.`
            end = _np_forward(toks, first)
            if end is not None and end + 1 < j and toks[end + 1][0] == "," and j - end < 16:
                inner = _np_forward(toks, end + 2)
                if (
                    inner == j - 1 and _is_cap(toks[end + 2][0])
                    and not any(_is_cap(t) for t, _ in toks[first : end + 1])
                ):
                    # `,” the union’s general secretary, Ada Obi, said.`: the name.
                    mention, pos = _surface(text, toks, end + 2, inner)
                    return _Attribution(mention, pos, tok)
                mention, pos = _surface(text, toks, first, end)
                return _Attribution(mention, pos, tok)
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
            return _Attribution(mention, pos, tok)
        return _Attribution()
    return _Attribution()


# Weak cues that name an action rather than speech ("ordered a review", "began").
_ACTION_CUES = frozenset({
    "order", "ordered", "orders", "ordering", "put", "puts", "begin", "began", "begins",
    "beginning", "charge", "charged", "charges", "estimate", "estimated", "estimates",
    "forecast", "forecasts", "signal", "signals", "signaled", "signalled", "continue",
    "continues", "continued", "state", "states",
})


def _stronger_cue(toks: list[tuple[str, int]], c: int, cue: str | None) -> str | None:
    """A weak cue ("ordered", "called") gives way to a plain reporting verb earlier in the
    sentence: `told the radio that he had ordered a review “to …”` is reported by `told`."""
    if cue is None or cue.lower() not in _ACTION_CUES:
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
        if not _is_cue(tok) or (
            tok in WEAK_CUES and c > 0 and toks[c - 1][0].lower() in _DETERMINERS
        ):
            continue  # "the report", "his post": nouns, not reporting verbs
        if nearest_cue is None:
            nearest_cue = tok
        j = _skip_between(toks, c - 1)
        if j >= 1 and toks[j][0] == ",":
            # "Anil Patel, who led the trial, said:" -> the name before the first comma;
            # "The shadow chancellor, Rachel Reeves, said" -> the name between the commas.
            k = j - 1
            while k > 0 and j - k < 16 and toks[k][0] not in (",", ";", ":"):
                k -= 1
            if k > 0 and toks[k][0] == ",":
                inner = _np_backward(toks, j - 1)
                named = inner is not None and toks[inner][0].lower() not in _INDEFINITE and any(
                    _is_cap(t) for t, _ in toks[inner:j]
                )
                # "The shadow chancellor, Ada Obi, said" -> the name between the commas;
                # "Ada Obi, an analyst at Acme, wrote" -> the name before them.
                j = j - 1 if inner == k + 1 and _is_cap(toks[j - 1][0]) and named else k - 1
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


# ---- venues ---------------------------------------------------------------------------------

_CAP_NP = r"(?:[A-Z][\w’'.&\-]*|[A-Z]{2,})(?:[ \u00a0](?:[A-Z][\w’'.&\-]*|of|the|and|&))*+"
_PROGRAMME = r"(?:[ \u00a0]*[“\"]([^”\"\n]{1,60})[”\"])?"
_VENUE_TOLD = re.compile(
    rf"\b(?:told|telling|tells)[ \u00a0]+(?:the[ \u00a0]+)?({_CAP_NP}){_PROGRAMME}"
)
_VENUE_ON = re.compile(
    r"\b(?i:on|in an interview on|in an interview with|an interview with|"
    r"in a post on|in a message on|in remarks on|in an appearance on|an appearance on|"
    r"interview with|appearing on|speaking on|speaking to|speaking with|posted on|wrote on|"
    r"written on|said on|broadcast on|aired on)"
    rf"[ \u00a0]+(?:(?:the|his|her|their|its|a)[ \u00a0]+)?({_CAP_NP}){_PROGRAMME}"
)
_VENUE_HINT = re.compile(
    r"\b(?:told|tells|telling|on|interview|via|through|in an?|[Ss]peaking|appearing)\b"
)
_VENUE_IN_POST = re.compile(
    rf"\bin[ \u00a0]+an?[ \u00a0]+({_CAP_NP})[ \u00a0]+"
    r"(?:post|video|message|tweet|interview|broadcast|op-ed|column|podcast|livestream|story)\b"
)
_VENUE_SOCIAL = re.compile(
    r"\b(?:on|via|through|told|telling)[ \u00a0]+(?:(?:his|her|their|its|the)[ \u00a0]+)?"
    r"(social media|social-media|(?:national|state|public|local) (?:television|TV|radio)|"
    r"television|radio)\b"
)


_TRAILING_CONNECTOR = re.compile(r"(?:[ \u00a0]+(?:of|the|and|&))+$")


def _is_media(name: str, programme: str | None, index: DocumentIndex | None) -> bool:
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
        return index is None or index.match_person(name.split()) is None
    return False


def _venue(text: str, start: int, end: int, index: DocumentIndex | None) -> str | None:
    """Where the words were said, from the attribution or the writer's sentence around it."""
    chunk = text[start:end]
    if not _VENUE_HINT.search(chunk):
        return None
    for rx in (_VENUE_TOLD, _VENUE_ON, _VENUE_IN_POST):
        for m in rx.finditer(chunk):
            name = _TRAILING_CONNECTOR.sub("", m.group(1).strip().rstrip(".,"))
            programme = m.group(2) if rx.groups > 1 else None
            if name.lower() in ("x",) or name.lower() in PLATFORMS:
                return name
            if not _is_media(name, programme, index):
                continue
            if programme:
                return f"{name} {programme.strip().rstrip('.,')}"
            return name
    m = _VENUE_SOCIAL.search(chunk)
    if m:
        return m.group(1)
    return None


# ---- judging spans --------------------------------------------------------------------------


def _title_like(quote: str) -> bool:
    """Title Case words with no sentence inside: a programme, book or film name."""
    words = quote.rstrip(".,!?").split()
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


def _is_subheading(line: str) -> bool:
    """A short line without final punctuation: a section heading, never a quotation."""
    s = line.rstrip().rstrip("”\"’'»)]")
    if not s or s[-1] in _FINAL_PUNCT or s[-1] == ",":
        return False
    return len(s) < 200 and len(s.split()) <= 15


def _fragment(lead: str, quote: str) -> bool:
    """True when the quotation is woven into the writer's sentence rather than standing alone."""
    lead = lead.rstrip()
    if not lead.strip("([{—–- "):
        return False
    last = lead[-1]
    if last == ":":
        return False
    if last == ",":
        toks = [t for t, _ in _tokens(lead[-90:], 0)][-9:]
        return not (quote[:1].isupper() or any(_is_cue(t) for t in toks))
    return not (last in _OPEN_MARKS or last in _CLOSE_MARKS)


# ---- speaker resolution ---------------------------------------------------------------------


def _speaker(mention: str, pos: int, text: str, index: DocumentIndex) -> str | None:
    """Canonical speaker for the words of a mention found at `pos`."""
    words = mention.split()
    low = [w.lower() for w in words]
    if len(words) == 1 and low[0] in _PRONOUNS:
        if words[0][0].isupper() and index.has_name_token(words[0]) and not at_sentence_start(
            text, pos
        ):
            return index.canonical_name(words[0])  # "He" the surname, not the pronoun
        return index.resolve_pronoun(low[0], pos)
    if low[0] in _INDEFINITE or (low[-1] in _GROUP_NOUNS and not words[-1][0].isupper()):
        return None  # "one resident", "officials"; not "Ada Obi of Acme Police"

    if low[0] in ("the", "its", "his", "her", "their", "our") and not any(
        w[0].isupper() for w in words[1:]
    ):
        return (
            index.resolve_role(words[1:], pos) or _epithet(low, pos, index)
            or _described_org(words, low)
        )
    if " and " in mention and low[0] not in ("the",):
        parts = [index.canonical_name(p) for p in mention.split(" and ")]
        if all(parts):
            return " and ".join(p for p in parts if p)
        return None
    if not any(w[0].isupper() for w in words):
        return index.resolve_role(words, pos)  # "union", "students’ union", "ministry"
    # Lower-case role words before a name: "spokesperson Lena Ortiz", "economist Ada Obi".
    k = 0
    while k < len(words) - 1 and not words[k][0].isupper():
        k += 1
    name_words = words[k:]
    if low[-1] in ORG_WORDS and low[0] == "the":
        return index.canonical_name(mention)
    if low[0] == "the" and low[-1] in ROLE_NOUNS:
        return index.resolve_role(words[1:], pos)
    return index.canonical_name(" ".join(name_words))


_AGE_EPITHET = re.compile(r"^\d{1,3}-year-old$")
_KIN_EPITHET = re.compile(r"^(\w+)-of-(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)$")
_KIN_GENDER = {
    "dad": "m", "father": "m", "grandfather": "m", "grandad": "m", "granddad": "m",
    "mum": "f", "mom": "f", "mother": "f", "grandmother": "f", "gran": "f", "grandma": "f",
}
_RELATIONAL_NOUNS = frozenset({
    "colleague", "friend", "neighbour", "neighbor", "partner", "wife", "husband", "boyfriend",
    "girlfriend", "classmate", "teammate", "employee", "student", "pupil", "client", "patient",
    "member", "resident", "aide", "associate", "roommate", "flatmate", "boss",
})
_EPITHET_REACH = 400  # characters back to the person an epithet describes


def _epithet(low: list[str], pos: int, index: DocumentIndex) -> str | None:
    """ "the 52-year-old", "the dad-of-three", "the retired teacher": a description of the
    person the writer has just introduced, never of someone new. Only these shapes count, and
    only when that person was the subject within the last paragraph or so."""
    words = low[1:]
    if not words:
        return None
    gender = None
    if any(_AGE_EPITHET.match(w) for w in words):
        pass
    elif (m := _KIN_EPITHET.match(words[-1])) is not None:
        gender = _KIN_GENDER.get(m.group(1))
    elif words[0] in ("retired", "former") and len(words) == 2 and (
        words[1] not in ROLE_NOUNS and words[1] not in _RELATIONAL_NOUNS
    ):
        pass  # "the retired headteacher"; "the former colleague" is somebody else
    else:
        return None
    occ = index.nearest_person_before(pos, _EPITHET_REACH, gender)
    return occ


def _described_org(words: list[str], low: list[str]) -> str | None:
    """ "the health workers’ union", "the city council": an organisation described rather
    than named, and named nowhere earlier, is its own best name. A bare "the union" is not."""
    if low[0] != "the" or len(words) < 3 or len(words) > 5:
        return None
    if low[-1] not in ORG_BACKREFS or low[-1] in _COMPANY_BACKREFS:
        return None
    return " ".join(["the", *words[1:]])


_COMPANY_BACKREFS = frozenset({"company", "firm", "group", "giant", "startup"})


def _resolve(attr: _Attribution, text: str, index: DocumentIndex) -> _Attribution:
    if attr.mention is not None and attr.speaker is None:
        attr.speaker = _speaker(attr.mention, attr.mention_pos, text, index)
        if attr.speaker is not None and attr.mention_pos >= 0:
            index.add_speaker(attr.mention_pos, attr.mention_pos + len(attr.mention), attr.speaker)
    return attr


def _subject_attribution(
    text: str, mp: _Masked, sent_start: int, open_mark: int, index: DocumentIndex
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
    occ = index.nearest_subject(sent_start, open_mark)
    if occ is not None and (best is None or occ.pos < best.mention_pos):
        return _Attribution(text[occ.pos : occ.end], occ.pos, speaker=occ.name)
    return best or _Attribution()


# ---- the extractor --------------------------------------------------------------------------


def extract_quotes(text: str) -> list[Quote]:
    """All quotations in cleaned article text, in document order."""
    spans = find_quote_spans(text)
    if not spans:
        return []
    paras = paragraphs(text)
    index = DocumentIndex.build(text, [(s.start, s.end) for s in spans])
    by_para: dict[int, list[QuoteSpan]] = {}
    for sp in spans:
        by_para.setdefault(sp.para, []).append(sp)

    candidates: list[_Candidate] = []
    kept: dict[int, _Candidate] = {}  # id(span) -> candidate
    para_info: dict[int, tuple[_Masked, list[int]]] = {}
    for para, para_spans in by_para.items():
        p_start, p_end = paras[para]
        line = text[p_start:p_end]
        n_spans = len(para_spans)
        if _is_subheading(line) or (
            n_spans > _DENSE_SPANS and p_end - p_start < _MIN_CHARS_PER_SPAN * n_spans
        ):
            continue  # a heading, or a run of quote marks that is noise rather than prose
        masked = _mask_paragraph(text, p_start, p_end, para_spans)
        starts = _sentence_starts(masked)
        mp = _Masked(masked, p_start)
        para_info[para] = (mp, starts)
        for k, sp in enumerate(para_spans):
            cand = _judge(text, mp, starts, p_start, p_end, para_spans, k, index)
            if cand is not None:
                candidates.append(cand)
                kept[id(sp)] = cand

    _inherit(candidates, kept, text, paras, para_info, index)

    quotes: list[Quote] = []
    for cand in candidates:
        attr = cand.attribution
        if cand.words <= 2 and (not attr.found or attr.speaker is None):
            continue  # one or two words that nobody is named as saying: a scare quote
        quotes.append(
            Quote(cand.text, cand.span.start, cand.span.end, attr.speaker, attr.mention, attr.cue,
                  attr.venue, cand.fragment)
        )
    return quotes


_NAMING_VERBS = frozenset({"call", "called", "calls", "calling"}) | LABEL_WORDS


def _ends_sentence(text: str, sp: QuoteSpan, p_end: int) -> bool:
    """The quotation closes the writer's sentence (`… was “deeply ashamed”.`)."""
    if sp.close_mark is None:
        return True
    if text[sp.end - 1] in ".!?":
        return True
    after = text[sp.close_mark + 1 : min(p_end, sp.close_mark + 3)].lstrip(")”’\"'")
    return not after or after[0] in ".!?"


def _judge(
    text: str,
    mp: _Masked,
    starts: list[int],
    p_start: int,
    p_end: int,
    para_spans: list[QuoteSpan],
    k: int,
    index: DocumentIndex,
) -> _Candidate | None:
    """Decide whether one span is a quotation and read its own attribution."""
    masked = mp.s
    sp = para_spans[k]
    quote = text[sp.start : sp.end]
    words = len(quote.split())
    open_local = sp.open_mark - p_start
    sent_local = starts[bisect.bisect_right(starts, open_local) - 1]
    # Only a bounded window of the writer's sentence is read, so a giant paragraph without
    # sentence breaks stays linear.
    lead = masked[max(sent_local, open_local - _LEAD_WINDOW) : open_local]
    before_word = _word_before(masked, open_local)
    low_before = before_word.lower()
    possessive_before = before_word.endswith(("’s", "'s", "’", "'")) and bool(before_word)
    if sp.continues is not None:
        lead = ""
    fragment = _fragment(lead, quote)
    lead_clean = lead.rstrip()
    rest = p_end - sp.close_mark - 1 if sp.close_mark is not None else 0
    whole = not lead_clean and (
        sp.close_mark is None
        or (rest <= 4 and not masked[sp.close_mark - p_start + 1 :].strip(" .,"))
    )

    if possessive_before and (words <= 5 or _title_like(quote)):
        return None  # NBC’s “Meet the Press”, the mayor’s “clean streets” plan
    if fragment and words <= 5 and low_before in _LABEL_BEFORE:
        return None

    # Attribution after the quote, up to the end of the writer's sentence.
    attr = _Attribution()
    if sp.close_mark is not None:
        close_local = sp.close_mark - p_start
        nxt = bisect.bisect_right(starts, close_local)
        tail_end_local = starts[nxt] if nxt < len(starts) else p_end - p_start
        tail_end = min(p_start + tail_end_local, sp.close_mark + 1 + _TAIL_WINDOW)
        attr = _attr_after(text, mp, sp.close_mark + 1, tail_end)
        if attr.found and fragment and not quote.rstrip().endswith((",", ".", "!", "?", "—")):
            # `“dragging its feet” on the permit and warned…`: a cue later in the writer's sentence
            # belongs to that sentence, not to this fragment.
            after = masked[close_local + 1 : close_local + 3].lstrip()
            if after[:1].isalpha() and after[:1].islower():
                attr = _Attribution()
    if not attr.found and lead_clean:
        lead_from = max(p_start + sent_local, sp.open_mark - _LEAD_WINDOW)
        attr = _attr_before(text, mp, lead_from, sp.open_mark)
        if attr.mention is None and fragment:
            subj = _subject_attribution(text, mp, lead_from, sp.open_mark, index)
            if subj.mention is not None:
                subj.cue = attr.cue
                attr = subj
        if not fragment and attr.mention is None:
            attr = _Attribution()
            m = _NAME_COLON.match(lead_clean)
            name = index.canonical_name(m.group(1)) if m else None
            if m and name in index.persons:  # transcript style: `Okafor: “We will rebuild.”`
                attr = _Attribution(m.group(1), p_start + sent_local + m.start(1), speaker=name)

    title = _title_like(quote)
    if title and (fragment or low_before in TITLE_CONTEXT or possessive_before or not attr.found):
        return None
    if words <= 2:
        if fragment and (low_before in LABEL_WORDS or not attr.cue or attr.mention is None):
            return None
        near = [t for t, _ in _tokens(lead[-60:], 0)][-6:]
        if fragment and not any(_is_cue(t, strong_only=True) for t in near) and not (
            _ends_sentence(text, sp, p_end) and low_before not in _NAMING_VERBS
            and attr.cue is not None and attr.cue.lower() not in _NAMING_VERBS
        ):
            # `a drive to “open” markets`: a scare quote, whoever the subject. A short
            # fragment that ends the reported sentence (`said he was “deeply ashamed”.`)
            # is still speech, unless it names a term (`called it “reckless”.`).
            return None
        if not fragment and attr.cue is None and not (
            quote[0].isupper() and quote[-1] in ".!?,"
        ):
            return None  # "Absolutely." may still borrow its speaker; "Enough" may not
    if not attr.found and sp.close_mark is not None and quote[-1] not in ".!?,;:—–-":
        after = masked[sp.close_mark - p_start + 1 : sp.close_mark - p_start + 3].lstrip()
        if after[:1].isalpha() and after[:1].islower():
            return None  # `“Enough is enough” has become the slogan`: named, not quoted
    _resolve(attr, text, index)
    if attr.found:
        scope_start = max(p_start + sent_local, sp.open_mark - _LEAD_WINDOW)
        scope_end = p_end
        if sp.close_mark is not None:
            close_local = sp.close_mark - p_start
            nxt = bisect.bisect_right(starts, close_local)
            scope_end = p_start + (starts[nxt] if nxt < len(starts) else p_end - p_start)
        after_close = (sp.close_mark or sp.end) + 1
        scope_end = min(scope_end, after_close + _TAIL_WINDOW)
        attr.venue = _venue(text, scope_start, sp.open_mark, index) or _venue(
            text, after_close, scope_end, index
        )
        sent_abs = p_start + sent_local
        if attr.venue is None and attr.speaker is not None and sent_abs > p_start:
            # `She defended the plan on national radio. “…,” she said.`: the venue of the
            # writer's sentence just before, when its subject is the quote's speaker.
            prev_from = max(p_start, sent_abs - _LEAD_WINDOW)
            occ = index.nearest_subject(prev_from, sent_abs)
            if occ is not None and occ.name == attr.speaker:
                attr.venue = _venue(text, prev_from, sent_abs, index)
    return _Candidate(sp, quote, words, p_start + sent_local, lead, fragment, attr, whole)


def _inherit(
    candidates: list[_Candidate],
    kept: dict[int, _Candidate],
    text: str,
    paras: list[tuple[int, int]],
    para_info: dict[int, tuple[_Masked, list[int]]],
    index: DocumentIndex,
) -> None:
    """Give unattributed quotations the attribution their neighbours make clear."""
    # Multi-paragraph quotations share one attribution, wherever in the chain it stands.
    for cand in candidates:
        chain = [cand]
        sp = cand.span
        while sp.continues is not None and id(sp.continues) in kept:
            sp = sp.continues
            chain.append(kept[id(sp)])
        if len(chain) > 1:
            source = next((c.attribution for c in chain if c.attribution.found), None)
            if source is not None:
                for c in chain:
                    if not c.attribution.found:
                        c.attribution = replace(source)
    # Backwards too: an attribution at the end of a chain applies to its first paragraphs.
    for cand in reversed(candidates):
        sp = cand.span
        if sp.continues is not None and id(sp.continues) in kept and cand.attribution.found:
            prev = kept[id(sp.continues)]
            if not prev.attribution.found:
                prev.attribution = replace(cand.attribution)

    previous: _Candidate | None = None
    for cand in candidates:
        attr = cand.attribution
        if not attr.found and not cand.fragment and previous is not None:
            same_para = previous.span.para == cand.span.para
            adjacent = previous.span.para == cand.span.para - 1
            near = same_para or (adjacent and cand.whole_paragraph) or (
                cand.span.continues is not None
            )
            usable = previous.attribution.speaker is not None or (
                same_para and previous.attribution.found
            )
            between = _narrative_subject(previous, cand, index) if same_para else None
            if between is not None:
                # `“A,” Okafor said. Mensah disagreed. “B.”`: B is Mensah's.
                cand.attribution = between
            elif near and usable:
                cand.attribution = replace(previous.attribution)
        if not cand.attribution.found and not cand.fragment:
            got = _from_context(cand, text, paras, para_info, index)
            if got is not None:
                cand.attribution = got
        previous = cand


def _narrative_subject(
    previous: _Candidate, cand: _Candidate, index: DocumentIndex
) -> _Attribution | None:
    """A person who opens a writer's sentence between two quotes of one paragraph, when that
    person is not the previous quote's speaker."""
    prev_end = previous.span.close_mark if previous.span.close_mark is not None else None
    if prev_end is None or cand.sentence_start <= prev_end or cand.lead.strip():
        return None
    start = max(prev_end, cand.sentence_start - _LEAD_WINDOW)
    found = None
    for occ in index.subjects_between(start, cand.span.open_mark):
        if occ.kind == "person" and at_sentence_start(index.text, occ.pos):
            found = occ
    if found is None or found.name == previous.attribution.speaker:
        return None
    return _Attribution(index.text[found.pos : found.end], found.pos, speaker=found.name)


def _from_context(
    cand: _Candidate,
    text: str,
    paras: list[tuple[int, int]],
    para_info: dict[int, tuple[_Masked, list[int]]],
    index: DocumentIndex,
) -> _Attribution | None:
    """A speaker named by the writer's sentence just before an unattributed quotation."""
    para = cand.span.para
    p_start, _p_end = paras[para]
    if cand.sentence_start > p_start:
        mp, starts = para_info[para]
        masked = mp.s
        local = cand.sentence_start - p_start
        prev_start = starts[max(0, bisect.bisect_left(starts, local) - 1)]
        prev_start = max(prev_start, local - _LEAD_WINDOW)
        sentence = masked[prev_start:local]
        if _MASK * 3 not in sentence:
            attr = _attr_before(text, mp, p_start + prev_start, cand.sentence_start)
            if attr.mention is not None and attr.cue is not None:
                return _resolve(attr, text, index)
        return None
    if not cand.whole_paragraph:
        return None
    # The paragraph before: "Okafor said:" or a sentence with a speaker and a cue.
    j = para - 1
    while j >= 0 and not text[paras[j][0] : paras[j][1]].strip():
        j -= 1
    if j < 0:
        return None
    q_start, q_end = paras[j]
    prev_line = text[q_start:q_end].rstrip()
    if not prev_line or _is_subheading(prev_line):
        return None
    if j in para_info:
        mp, starts = para_info[j]
    else:
        mp = _Masked(text[q_start:q_end], q_start)
        starts = _sentence_starts(mp.s)
    last_start = max(starts[-1] if starts else 0, q_end - q_start - _LEAD_WINDOW)
    attr = _attr_before(text, mp, q_start + last_start, q_end)
    if attr.mention is not None and (attr.cue is not None or prev_line.endswith(":")):
        return _resolve(attr, text, index)
    if prev_line.endswith(":"):
        occ = index.nearest_subject(q_start + last_start, q_end)
        if occ is not None:
            return _Attribution(text[occ.pos : occ.end], occ.pos, None, occ.name)
    return None
