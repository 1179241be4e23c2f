"""Names: the rules for reading a capitalised phrase (person, title, role, organisation),
one spelling per name, and the `Person` and `Occurrence` records.

`speaker_index.DocumentIndex` uses them to read an article once; `speaker_resolver.
SpeakerResolver` to turn a mention into a canonical speaker name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from pipeline.core.quotes.lexicon import (
    ARTICLES,
    COMPANY_WORDS,
    CUE_WORDS,
    DESCRIPTOR_SUFFIXES,
    FEMALE_MARKERS,
    FEMALE_NAMES,
    GENERATIONAL_SUFFIXES,
    MALE_MARKERS,
    MALE_NAMES,
    MONTHS_AND_DAYS,
    NAME_PARTICLES,
    NEWS_WORDS,
    NON_PERSON_HEADS,
    ORG_WORDS,
    PLACE_WORDS,
    POSTNOMINALS,
    PREPOSITIONS,
    ROLE_MODIFIERS,
    SENTENCE_JUNK,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    WEAK_CUES,
)

_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_U = f"[{re.escape(_UPPER)}]"
_ABBR = "Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Maj|Adm|Det|Rev|Hon|St|Jr|Sr|Fr"
_NAME_TOKEN = rf"(?:(?:{_ABBR})\.|{_U}\.(?:{_U}\.)*+|{_U}[\w’'\-]*+)"
_CONNECT = (
    r"(?:of|for|the|de|da|di|del|della|dei|dos|das|do|du|van|von|der|den|ter|ten|zu|bin|ibn"
    r"|bint|al|el|la|le|y|&)"
)
# `al-Assad`, `el-Sisi`, `ad-Din`: an Arabic article joined to the name by a hyphen.
_JOINED_NAME = rf"(?:al|el|ad|as|an|at|ash|ar)[\-‑]{_U}[\w’'\-]*+"
_RUN = re.compile(
    rf"(?={_U})(?<![\w’'\-.]){_NAME_TOKEN}"
    rf"(?:[ \u00a0](?:{_CONNECT}[ \u00a0])*+(?:{_NAME_TOKEN}|{_JOINED_NAME}))*+"
)
_WORD_CHARS = re.compile(r"[\w’'\-]+$")


def word_before(text: str, pos: int, window: int = 30) -> str:
    """The word right before `pos` (spaces skipped), or "" when punctuation comes first."""
    chunk = text[max(0, pos - window) : pos]
    chunk = chunk[chunk.rfind("\n") + 1 :].rstrip()
    if not chunk:
        return ""
    parts = chunk.rsplit(None, 1)
    m = _WORD_CHARS.search(parts[-1])
    return m.group() if m else ""
_APPOSITIVE = re.compile(r",[ \u00a0]+(?:(?:a|an|the|its|their)[ \u00a0]+)?([^,.;:“”\"()\n]{1,80})")
_ROLE_COMMA = re.compile(
    r"(?=[Tt])\b[Tt]he[ \u00a0]+((?:[\w’'\-]+[ \u00a0]){0,3}?)([\w\-]+),[ \u00a0]$"
)
_CONJUNCT = re.compile(
    rf"\b(?:{'|'.join(sorted(PREPOSITIONS - {'and', 'or', 'nor'}))})[ \u00a0]+"
    r"(?:[A-Z][\w’'\-]*[ \u00a0]*)+,?$"
)
_POSSESSIVE_SUFFIXES = ("’s", "'s", "s’", "s'")
# Single capitalised function words that are never a name, even mid-sentence.
_JUNK_RUNS = frozenset(
    w.capitalize() for w in SENTENCE_JUNK
    if w not in {"he", "she", "it", "i", "we", "they", "you", "will", "may", "so", "do"}
)
# An age right after a name: `Lotte Brandsma, 24,` / `Lotte Brandsma (24)`.
_NAME_AGE = re.compile(r"([A-Z][\w’'\-]+)(?:,[ \u00a0]|[ \u00a0]\()(\d{1,3})(?:,|\))")
# A sentence whose subject is an unnamed person: `One cleaner, who…`, `A neighbour said`.
_UNNAMED_SUBJECT = re.compile(
    r"(?=[OA])\b(?:One|An?|Another)[ \u00a0](?:[a-z][\w\-]*[ \u00a0]){0,2}[a-z][\w\-]*"
    r"(?:,|[ \u00a0](?:who|said|says|told|added|asked|wrote)\b)"
)
_SPEECH_NOUN_AFTER = re.compile(r"[’']?s?[ \u00a0]+(\w+)")
_STRONG_CUES = CUE_WORDS - WEAK_CUES
_SENTENCE_OPENERS = set(".!?:;\n“‘\"(—")






@functools.lru_cache(maxsize=65536)
def _strip_possessive(token: str) -> str:
    for suffix in ("’s", "'s"):
        if token.endswith(suffix):
            return token[: -len(suffix)]
    if token.endswith(("s’", "s'")):
        return token[:-1]  # "the Joneses’" / "Reuters’"
    return token


def _is_possessive(token: str) -> bool:
    return token.endswith(_POSSESSIVE_SUFFIXES) and len(token) > 2


@functools.lru_cache(maxsize=65536)
def _plain(token: str) -> str:
    return token.rstrip(".").lower()


def at_sentence_start(text: str, pos: int) -> bool:
    """True when only spaces or closing marks separate `pos` from a sentence boundary."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i < 0:
        return True
    if text[i] in "”’\")»":
        # `.” He said` starts a sentence; `,” He said` does not.
        return i > 0 and text[i - 1] in ".!?"
    return text[i] in _SENTENCE_OPENERS


def _is_particle(token: str) -> bool:
    """`de`, `van`, `bin`, `al-Assad`: lower-case parts of a personal name."""
    return token in NAME_PARTICLES or (
        "-" in token and token.split("-", 1)[0] in NAME_PARTICLES and token[:1].islower()
    )


def _particles(tokens: list[str] | tuple[str, ...]) -> int:
    return sum(1 for t in tokens if t in NAME_PARTICLES)


def _name_tokens_ok(tokens: list[str] | tuple[str, ...]) -> bool:
    """Every token looks like part of a personal name: capitalised words, with particles
    (`de`, `van der`, `bin`) only between them and `al-Assad` style words after the first."""
    for i, t in enumerate(tokens):
        if t in NAME_PARTICLES:
            if i == 0 or i == len(tokens) - 1:
                return False
        elif _is_particle(t):
            if i == 0:
                return False
        elif not _looks_like_name_token(t) and not (
            i == 0 and len(tokens) > 1 and t == "Jan"  # `Jan van der Berg`; the month is `Jan 5`
        ):
            return False
    return True


@functools.lru_cache(maxsize=65536)
def _norm_token(token: str) -> str:
    """A name token in its one spelling (`O’Neill` -> `O'Neill`, `Smith–Jones` -> `Smith-Jones`)."""
    return normalise_name(token) if ("’" in token or "‘" in token or "–" in token
                                     or "‑" in token or "—" in token) else token


@functools.lru_cache(maxsize=16384)
def normalise_name(name: str) -> str:
    """One spelling per name: straight apostrophes, hyphens for dashes inside words, single
    spaces (`China’s Ministry` and `China's Ministry` are one speaker)."""
    if name.isascii() and "  " not in name:
        return name.strip()  # the common case: nothing to normalise
    name = name.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    name = _DASH_IN_WORD.sub("-", name)
    return " ".join(name.split())


_DASH_IN_WORD = re.compile(r"(?<=\w)[‐‑‒–—](?=\w)")


_SUFFIX_WORDS = POSTNOMINALS | GENERATIONAL_SUFFIXES


def _is_generational(token: str) -> bool:
    """`Jr.`, `Sr`, `II`, `III`: part of a name, written after it."""
    return token.rstrip(".,").lower() in GENERATIONAL_SUFFIXES and token[:1].isupper()


def _split_suffixes(name: list[str] | tuple[str, ...]) -> tuple[list[str], list[str]]:
    """A name without its post-nominal letters (`Ada Obi QC` -> `Ada Obi`), and apart from
    its generational suffix (`Ada Obi Jr.` -> (`Ada Obi`, `Jr.`)), which stays in the
    speaker's name but is not what a later `Obi` is matched on."""
    core = list(name)
    if len(core) < 2 or core[-1].rstrip(".").lower() not in _SUFFIX_WORDS:
        return core, []  # the common case
    while len(core) > 1 and core[-1].rstrip(".").lower() in POSTNOMINALS and (
        core[-1].rstrip(".").isupper()
    ):
        core.pop()
    suffix: list[str] = []
    while len(core) > 1 and _is_generational(core[-1]):
        suffix.insert(0, core.pop())
    return core, suffix


@functools.lru_cache(maxsize=65536)
def _is_title(token: str) -> bool:
    low = _plain(token)
    if low in TITLE_WORDS or (low.endswith("s") and low[:-1] in TITLE_WORDS):
        return True
    if "-" in low:  # "Mayor-elect", "ex-Minister", "Vice-President"
        return any(part in TITLE_WORDS or part in ("elect", "ex") for part in low.split("-"))
    return False


def _org_like(tokens: list[str]) -> bool:
    """"Ministry of Commerce", "Interior Ministry", "Fox News": an organisation's name."""
    if not tokens:
        return False
    if _plain(_strip_possessive(tokens[-1])) in ORG_WORDS:
        return True
    return any(
        _plain(t) in ORG_WORDS and _plain(tokens[i + 1]) in ("of", "for")
        for i, t in enumerate(tokens[:-1])
    )


@functools.lru_cache(maxsize=65536)
def _single_kind(token: str) -> str:
    """For a lone capitalised word: "other" (title or organisation: full treatment), "" (not
    a name), or the name itself without a possessive."""
    if _is_title(token) or _org_like([token]):
        return "other"
    core = _strip_possessive(token)
    if _looks_like_name_token(core) and _plain(core) not in PLACE_WORDS:
        return core
    return ""


@functools.lru_cache(maxsize=16384)
def _run_shape(
    tokens: tuple[str, ...],
) -> tuple[str, int, tuple[str, ...], str | None, tuple[str, bool] | None] | None:
    """What a capitalised phrase is, independent of where it stands: ("org", ...),
    ("role", ...) or ("person", offset of the name, name tokens, gender from the title,
    (role phrase, qualified?) from the title); None when it is none of these."""
    if _org_like(list(tokens)):
        return ("org", 0, (), None, None)
    title_end = -1
    for i, tok in enumerate(tokens[:-1]):
        if _is_title(tok) or (title_end == i - 1 and _plain(tok) in ("of", "for")):
            title_end = i
    title = tokens[: title_end + 1]
    name = tuple(t for t in (_strip_possessive(t) for t in tokens[title_end + 1 :]) if t)
    if name and all(_is_title(t) for t in name):
        return ("role", 0, (), None, None)
    core, suffix = _split_suffixes(name)
    name = tuple(core + suffix)
    if not core or len(core) - _particles(core) > 4 or not _name_tokens_ok(core):
        return None
    if any(_plain(t) in ("of", "for") or _plain(t) in PLACE_WORDS for t in name):
        return None
    if len(core) > 1 and _plain(core[-1]) in NON_PERSON_HEADS:
        return None  # `Halloway Tower`, `the Halloway Prize`
    offset = sum(len(t) + 1 for t in title)
    plain_title = [_plain(t) for t in title]
    gender = None
    if any(w in MALE_MARKERS for w in plain_title):
        gender = "m"
    elif any(w in FEMALE_MARKERS for w in plain_title):
        gender = "f"
    role = None
    head = [h for h in plain_title if h not in ("mr", "mrs", "ms", "dr", "mx")]
    head = [h[:-1] if h.endswith("s") and h[:-1] in TITLE_WORDS else h for h in head]
    head = [TITLE_ABBREVIATIONS.get(h, h) for h in head if h not in ROLE_MODIFIERS]
    if head:
        role = (" ".join(head), len(head) > 1)
    return ("person", offset, name, gender, role)


def _descriptor_first(tokens: list[str]) -> bool:
    """The first of three or more capitalised words describes the person rather than naming
    them: it is no known given name, and either a known given name follows or it has the
    shape of a job (Pharmacist, Librarian, Shopkeeper)."""
    first = _plain(tokens[0])
    if first in MALE_NAMES or first in FEMALE_NAMES or _is_title(tokens[0]):
        return False
    if any(_plain(t) in ("of", "for", "the") for t in tokens) or _org_like(tokens):
        return False
    second = _plain(tokens[1])
    return second in MALE_NAMES or second in FEMALE_NAMES or (
        first.endswith(DESCRIPTOR_SUFFIXES) and len(first) > 5
    )


def _person_of_org(tokens: list[str]) -> int | None:
    """Index of the "of" in "Dr Ada Obi of the Alpine Institute" when a titled or full personal
    name comes before it and an organisation after it; None otherwise."""
    for i, tok in enumerate(tokens):
        if tok != "of" or i < 2 or i + 1 >= len(tokens):
            continue
        head = tuple(tokens[:i])
        shape = _run_shape(head)
        if shape is None or shape[0] != "person" or _org_like(list(head)):
            return None
        if shape[1] == 0 and len(shape[2]) < 2:
            return None  # "Bank of …" style: a lone word is not a known name
        rest = [t for t in tokens[i + 1 :] if _plain(t) != "the"] or ["?"]
        if _org_like(rest) or _plain(_strip_possessive(rest[-1])) in NEWS_WORDS or (
            len(rest) >= 2 and _plain(rest[-1]) in COMPANY_WORDS
        ):
            return i
        return None
    return None


@functools.lru_cache(maxsize=65536)
def _looks_like_name_token(token: str) -> bool:
    core = _strip_possessive(token)
    if not core or not core[0].isupper() or any(ch.isdigit() for ch in core):
        return False
    if len(core) > 1 and core.replace(".", "").replace("-", "").isupper():
        return False  # an acronym (CBS, NATO) or shouting, not a personal name
    return _plain(core) not in MONTHS_AND_DAYS


@functools.lru_cache(maxsize=65536)
def _single_plan(token: str) -> tuple[str, str, bool]:
    """For a one-word run: whether it is a function word ("article" for `The`, "junk" for
    one dropped only at a sentence start, "" otherwise), `_single_kind`, and possessive."""
    plain = _plain(_strip_possessive(token))
    junk = ("article" if plain in ARTICLES else "junk") if plain in SENTENCE_JUNK else ""
    return junk, _single_kind(token), _is_possessive(token)


@dataclass(slots=True)
class Person:
    """A person the article names, with every role it gives them."""

    name: str
    tokens: tuple[str, ...]
    first_pos: int
    roles: list[tuple[str, bool]] = field(default_factory=list)  # (role phrase, qualified?)
    gender: str | None = None


@dataclass(slots=True)  # not frozen: a frozen dataclass is several times slower to create
class Occurrence:
    """A mention of a person or organisation outside quotations."""

    pos: int
    end: int
    kind: str  # "person" or "org"
    name: str
    subject: bool  # stands where a sentence subject stands (not after a preposition, not 's)
    gender: str | None = None
    introduced: bool = False  # a full name or a titled person, not a bare capitalised word
