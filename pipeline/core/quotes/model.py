"""Quotes as extracted, and the tokens and masked paragraphs attribution works on."""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass

from pipeline.core.quotes.lexicon import (
    BETWEEN_WORDS,
    BROAD_CUE_EXCLUDED,
    CLAUSE_AFTER_CUE,
    COMMUNICATION_PHRASALS,
    COMMUNICATION_VERB_FORMS,
    CUE_WORDS,
    NOT_BROAD_CUES,
    SPEECH_PARTICLES,
    WEAK_CUES,
)
from pipeline.core.quotes.marks import (
    QuoteSpan,
)

# 10: one list of the small words inside a title (text/lexicon.TITLE_SMALL_WORDS; "per" and
# "via" added to quotes')
QUOTES_VERSION = "10"


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
    # Offsets of `speaker_mention` in the document (null when there is none), so a reader can
    # highlight the source: text[speaker_start:speaker_end] == speaker_mention.
    speaker_start: int | None = None
    speaker_end: int | None = None



# The lookaheads only skip work (spaces; the two capitalised branches for lower-case words).
_TOKEN = re.compile(
    r"(?=\S)(?:(?=[A-Z])(?:(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|Hon|St|Jr|Sr)\.)"
    r"|\w[\w’'\-.&]*\w[’']?|\w[’']?|[^\w\s])"
)
# A run of .!?… is tried from its start only: a match from inside the run also matches from its
# start, so the matches are the same, and 40 KB of dots costs 0.001 s instead of 14 s.
_SENTENCE_BREAK = re.compile(r"(?<![.!?…])[.!?…]+[\"”’'»)]*\s+(?=[\"“‘'«(]?[A-Z0-9_À-Þ])")
_OPEN_MARKS = "“\"„«»‘‹‚'"
_CLOSE_MARKS = "”\"“»«’›‘'"
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


def _words(s: str) -> list[str]:
    """The tokens of `s` without their offsets (`_tokens` as strings, at half the cost)."""
    return _TOKEN.findall(s)


_second = operator.itemgetter(1)


class _Masked:
    """A masked paragraph; `window` tokenises only the stretch it is asked for, or the whole
    paragraph once when a window covers most of it (then later windows are slices)."""

    __slots__ = ("s", "base", "_toks", "_pos")

    def __init__(self, s: str, base: int) -> None:
        self.s = s
        self.base = base
        self._toks: list[tuple[str, int]] | None = None
        self._pos: list[int] = []

    def window(self, start: int, end: int) -> list[tuple[str, int]]:
        """Tokens (absolute offsets) that start in [start, end), as tokenising the whole
        paragraph would give them. No token holds a space, so the scan may begin after the
        last space before `start` and stop at the first space after `end` (a tail window
        such as `,” Okafor said.` is a few tokens, not the paragraph's hundred)."""
        s, base = self.s, self.base
        if self._toks is None and 2 * (end - start) >= len(s):
            self._toks = _tokens(s, base)
            self._pos = list(map(_second, self._toks))
        if self._toks is not None:
            i = bisect.bisect_left(self._pos, start)
            return self._toks[i : bisect.bisect_left(self._pos, end, i)]
        lo = max(start - base, 0)
        hi = min(end - base, len(s))
        if lo >= hi:
            return []
        b = s.rfind(" ", 0, lo) + 1
        e = s.find(" ", hi)
        if e < 0:
            e = len(s)
        toks = [(m.group(), base + m.start()) for m in _TOKEN.finditer(s, b, e)]
        i, j = 0, len(toks)
        while i < j and toks[i][1] < start:
            i += 1
        while j > i and toks[j - 1][1] >= end:
            j -= 1
        return toks[i:j]


def _is_word(tok: str) -> bool:
    return tok[0].isalnum() and not tok.startswith(_MASK)


def _is_cap(tok: str) -> bool:
    return tok[0].isupper()


_STRONG_CUES = CUE_WORDS - WEAK_CUES


def _is_cue(tok: str, strong_only: bool = False) -> bool:
    """A reporting verb as written in running text (lower case: "Said" opens no attribution)."""
    return tok in (_STRONG_CUES if strong_only else CUE_WORDS)






_BROAD_OR_PHRASAL = CUE_WORDS | COMMUNICATION_VERB_FORMS | frozenset(COMMUNICATION_PHRASALS)


def _broad_cue(toks: list[tuple[str, int]], c: int) -> int | None:
    """Index of the last token of a reporting verb at toks[c] from the broad WordNet list
    (`scoffed`, `interjected`, `chimed in`), when the verb closes its clause the way an
    attribution does (`,” Obi scoffed.`, `,” she snapped when asked`): the next word is
    punctuation, a preposition or an adverb, never an object (`,” Obi cancelled the talks`)."""
    tok = toks[c][0]
    if tok not in _BROAD_OR_PHRASAL:
        return None  # the common case, one set lookup
    if not tok.islower() or tok.endswith("ing") or tok in NOT_BROAD_CUES or tok in BETWEEN_WORDS:
        return None
    particle = _has_particle(toks, c)
    if tok not in CUE_WORDS and not particle and (
        tok not in COMMUNICATION_VERB_FORMS or tok in BROAD_CUE_EXCLUDED
    ):
        return None
    last = c + 1 if particle else c
    if last + 1 >= len(toks):
        return last
    after = toks[last + 1][0]
    if after.startswith(_MASK) or after.lower() in CLAUSE_AFTER_CUE or (
        after.endswith("ly") and after.islower()
    ):
        return last
    return None


def _cue_text(toks: list[tuple[str, int]], c: int) -> str:
    """The cue as written: one verb, or a verb and its particle (`shot back`)."""
    tok = toks[c][0]
    return f"{tok} {toks[c + 1][0]}" if _has_particle(toks, c) else tok


def _has_particle(toks: list[tuple[str, int]], c: int) -> bool:
    """The verb at toks[c] takes a particle that ends the clause (`chimed in:`, `shot back.`);
    `wrote in a post` has a preposition, not a particle."""
    if c + 1 >= len(toks):
        return False
    tok = toks[c][0]
    if tok not in COMMUNICATION_PHRASALS and tok not in SPEECH_PARTICLES:
        return False
    nxt = toks[c + 1][0].lower()
    if nxt not in COMMUNICATION_PHRASALS.get(tok, ()) and nxt not in SPEECH_PARTICLES.get(tok, ()):
        return False
    return c + 2 >= len(toks) or not _is_word_token(toks[c + 2][0]) or (
        toks[c + 2][0].endswith("ly") and toks[c + 2][0].islower()
    )


def _is_word_token(tok: str) -> bool:
    return tok[0].isalnum() and not tok.startswith(_MASK)
