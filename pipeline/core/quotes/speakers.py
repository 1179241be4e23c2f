"""Who is who in one article: people, their roles, organisations, and how mentions resolve.

A quote's attribution names its speaker in many ways ("Grace Okafor", "Okafor", "Ms. Okafor",
"the finance minister", "she", "the ministry"). This module reads the whole article once,
collects the capitalised name phrases outside and inside quotations, and answers: what is the
canonical name for this mention at this position? A wrong speaker is worse than none, so every
resolver returns None when the article does not settle the question.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from pipeline.core.quotes.lexicon import (
    CUE_WORDS,
    FEMALE_MARKERS,
    FEMALE_NAMES,
    GENERATIONAL_SUFFIXES,
    MALE_MARKERS,
    MALE_NAMES,
    MONTHS_AND_DAYS,
    NAME_PARTICLES,
    NEWS_BACKREFS,
    NEWS_WORDS,
    NON_PERSON_HEADS,
    ORG_BACKREFS,
    ORG_WORDS,
    PLACE_WORDS,
    POSTNOMINALS,
    PREPOSITIONS,
    ROLE_NOUNS,
    SENTENCE_JUNK,
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
_SUBJECT_OK = frozenset({
    "but", "while", "when", "as", "because", "although", "though", "so", "then", "yet",
    "where", "if", "once", "unless", "whereas", "and",
})
_ARTICLES = frozenset({"the", "a", "an"})
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


# Verbs that may come before their speaker ("…,” said Okafor) without taking an object.
INVERTING_CUES = frozenset({
    "said", "says", "added", "adds", "wrote", "writes", "explained", "noted", "continued",
    "insisted", "insists", "recalled", "replied", "remarked", "observed", "stated", "concluded",
    "argued", "acknowledged", "conceded", "cautioned", "quipped", "joked", "countered",
    "responded", "declared", "explains", "notes", "continues",
})
SPEECH_NOUNS = frozenset({
    "comments", "comment", "remarks", "remark", "statement", "words", "message", "response",
    "testimony", "interview", "speech", "post", "tweet", "letter", "warning", "argument",
    "assessment", "prediction", "view", "views", "answer", "reply", "announcement", "address",
})


# Abbreviated titles and the role they name ("Sen. Roe" is "the senator").
_TITLE_ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
    "prof": "professor", "lt": "lieutenant", "capt": "captain", "sgt": "sergeant",
    "col": "colonel", "adm": "admiral", "det": "detective", "maj": "major", "rev": "reverend",
}
# Words that qualify a role without changing who holds it ("the former president").
_ROLE_MODIFIERS = frozenset({
    "former", "ex", "then", "current", "new", "outgoing", "incoming", "acting", "interim",
    "late", "longtime", "veteran", "embattled", "newly", "elected",
})
# "the company said" can refer back to "Acme Holdings Ltd." whatever its head word.
_COMPANY_REFS = frozenset({
    "company", "firm", "group", "giant", "retailer", "carmaker", "automaker", "manufacturer",
    "lender", "insurer", "airline", "carrier", "startup", "corporation", "conglomerate",
})
_COMPANY_WORDS = frozenset({
    "inc", "corp", "corporation", "co", "company", "ltd", "llc", "plc", "group", "holdings",
    "airlines", "airways", "motors", "technologies", "industries", "bank", "partners",
    "pharmaceuticals", "laboratories", "labs", "systems", "securities", "capital", "books",
    "chemicals", "communications", "electronics", "enterprises", "estates", "foods",
    "insurance", "investments", "logistics", "mining", "properties", "publishers",
    "publishing", "resources", "solutions", "telecom", "trading", "ventures",
})


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
        return None  # `Trump Tower`, `the Halloway Prize`
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
    head = [_TITLE_ABBREVIATIONS.get(h, h) for h in head if h not in _ROLE_MODIFIERS]
    if head:
        role = (" ".join(head), len(head) > 1)
    return ("person", offset, name, gender, role)


_DESCRIPTOR_SUFFIXES = ("ist", "ian", "ant", "ent", "man", "woman", "er", "or")


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
        first.endswith(_DESCRIPTOR_SUFFIXES) and len(first) > 5
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
            len(rest) >= 2 and _plain(rest[-1]) in _COMPANY_WORDS
        ):
            return i
        return None
    return None


def _subheading_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of short lines without final punctuation: section headings."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        s = line.strip().rstrip("”\"’'»)]")
        if s and s[-1] not in ".!?…:;," and len(s.split()) <= 15:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


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
    junk = ("article" if plain in _ARTICLES else "junk") if plain in SENTENCE_JUNK else ""
    return junk, _single_kind(token), _is_possessive(token)


@dataclass(slots=True)
class _Pending:
    """A name phrase seen while scanning, resolved once every full name is known."""

    pos: int
    length: int
    name: list[str]
    titled: bool
    possessive: bool
    gender: str | None
    roles: list[tuple[str, bool]]
    role_words: list[str] = field(default_factory=list)  # a bare role ("Treasury Secretary")


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


@dataclass
class DocumentIndex:
    """Names, roles and mentions of one article."""

    text: str
    quoted: list[tuple[int, int]]  # sorted (start, end) of quotation spans
    persons: dict[str, Person] = field(default_factory=dict)
    by_token: dict[str, list[Person]] = field(default_factory=dict)
    orgs: list[tuple[int, str]] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    _canonical_cache: dict[str, str | None] = field(default_factory=dict)
    _occ_pos: list[int] = field(default_factory=list)
    _quote_starts: list[int] = field(default_factory=list)
    _unnamed: list[int] | None = None  # sentence starts with an unnamed person as subject
    _ages: list[tuple[int, int, str]] | None = None  # (pos, age, person) from `Name, 24,`

    @classmethod
    def build(cls, text: str, quoted: list[tuple[int, int]]) -> DocumentIndex:
        index = cls(text, sorted(quoted))
        index._quote_starts = [s for s, _ in index.quoted]
        index._scan()
        return index

    # ---- building -------------------------------------------------------------------------

    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and pos < self.quoted[i][1]

    def _scan(self) -> None:
        pending: list[_Pending] = []
        singles: list[tuple[int, str, bool]] = []
        text = self.text
        headings = _subheading_spans(text)
        heading_starts = [h[0] for h in headings]
        for m in _RUN.finditer(text):
            run = m.group()
            if run in _JUNK_RUNS:
                continue  # "The", "But", "In" alone: the commonest capitalised words
            pos = m.start()
            h = bisect.bisect_right(heading_starts, pos) - 1
            if h >= 0 and pos < headings[h][1]:
                continue  # section headings are Title Case: not names
            if " " not in run and "\u00a0" not in run:
                # One capitalised word, most runs ("Monday", "Lisbon", "Okafor"): the same
                # steps as below for a one-token run, with what depends only on the word
                # looked up once per word.
                junk, kind, possessive = _single_plan(run)
                if junk and (at_sentence_start(text, pos) or junk == "article"):
                    continue
                if kind != "other":
                    # Kept cheaply; whether it is a known person is decided later.
                    if kind:
                        singles.append((pos, kind, possessive))
                    continue
                self._segment(pending, pos, [run], possessive)
                continue
            tokens = run.replace("\u00a0", " ").split(" ")
            had_the = False
            if _plain(_strip_possessive(tokens[0])) in SENTENCE_JUNK:
                # Sentence-initial function words are not part of a name ("When Xi arrived");
                # mid-sentence only articles are dropped (a capital "He" there is a surname).
                starts_sentence = at_sentence_start(text, pos)
                drop = SENTENCE_JUNK if starts_sentence else _ARTICLES
                while tokens and _plain(_strip_possessive(tokens[0])) in drop:
                    had_the = _plain(tokens[0]) == "the"
                    pos += len(tokens[0]) + 1
                    tokens = tokens[1:]
                if not tokens:
                    continue
            if len(tokens) >= 3 and _descriptor_first(tokens) and at_sentence_start(text, pos):
                # "Pharmacist Ada Obi said…": a capitalised job or description opening
                # the sentence, not a first name.
                pos += len(tokens[0]) + 1
                tokens = tokens[1:]
            if had_the and _plain(_strip_possessive(tokens[-1])) in NEWS_WORDS:
                self._add_org(pos - 4, "The " + _strip_possessive(" ".join(tokens)), as_is=True)
                continue
            if len(tokens) == 1 and _single_kind(tokens[0]) != "other":
                # Most capitalised words stand alone ("Monday", "Lisbon", "Okafor"): keep them
                # cheaply and decide later whether they are a known person.
                core = _single_kind(tokens[0])
                if core:
                    singles.append((pos, core, _is_possessive(tokens[0])))
                continue
            split = _person_of_org(tokens)
            if split is not None:
                # "Professor Ada Obi of the University of Acme": a person, then where they
                # work (never one long organisation name).
                person, org = tokens[:split], tokens[split + 1 :]
                self._segment(pending, pos, person, False)
                org_pos = pos + len(" ".join(tokens[: split + 1])) + 1
                self._add_org(org_pos, _strip_possessive(" ".join(org)))
                continue
            # Split at a possessive: "China’s Ministry of Commerce" is an organisation;
            # "Okafor’s comments" is a possessive mention of a person.
            poss_at = next((i for i, t in enumerate(tokens[:-1]) if _is_possessive(t)), None)
            if poss_at is not None:
                rest = tokens[poss_at + 1 :]
                if _org_like(rest):
                    self._add_org(pos, " ".join(tokens))
                    continue
                owner = tokens[: poss_at + 1]
                self._segment(pending, pos, owner, True)
                rest_pos = pos + len(" ".join(owner)) + 1
                self._segment(pending, rest_pos, rest, False)
                continue
            self._segment(pending, pos, tokens, _is_possessive(tokens[-1]))
        self._resolve_pending(pending, singles)

    def _is_place(self, token: str, positions: list[int]) -> bool:
        """A name written after a locative preposition anywhere ("in Lisbon") is a place."""
        return any(
            word_before(self.text, pos, 12) in ("in", "from", "into", "across", "throughout")
            for pos in positions
        )

    def _add_org(self, pos: int, name: str, as_is: bool = False) -> None:
        name = name.strip()
        if not as_is and pos >= 4 and self.text[pos - 4 : pos].lower() == "the ":
            name = "the " + name
            pos -= 4
        self.orgs.append((pos, name))
        if not self.inside_quote(pos):
            subject = self._subject_like(pos, name.split(" ")[-1])
            end = pos + len(name)
            self.occurrences.append(Occurrence(pos, end, "org", name, subject))

    def _segment(
        self, pending: list[_Pending], pos: int, tokens: list[str], possessive: bool
    ) -> None:
        if not tokens:
            return
        shape = _run_shape(tuple(tokens))
        if shape is None:
            return
        kind, offset, name, title_gender, title_role = shape
        if kind == "org":
            self._add_org(pos, _strip_possessive(" ".join(tokens)))
            return
        if kind == "role":
            # "the Treasury Secretary seemed…": a role standing for a person.
            pending.append(_Pending(pos, len(" ".join(tokens)), [], False, possessive, None, [],
                                    [_plain(t) for t in tokens]))
            return
        name_pos = pos + offset
        before = word_before(self.text, pos).lower()
        gender = title_gender
        if gender is None and before:
            gender = "m" if before in MALE_MARKERS else "f" if before in FEMALE_MARKERS else None
        roles: list[tuple[str, bool]] = [title_role] if title_role else []
        if before in ROLE_NOUNS:
            roles.append((before, True))
        m = _ROLE_COMMA.search(self.text, max(0, pos - 70), pos)
        if m and m.group(2).lower() in ROLE_NOUNS:
            # "The agriculture minister, Ada Obi, said": the role written before the name.
            qualifier = (m.group(1) or "").lower().split()
            roles.append((" ".join(qualifier + [m.group(2).lower()]), bool(qualifier)))
        length = len(" ".join(name))
        roles.extend(self._appositive_roles(name_pos + length))
        pending.append(_Pending(name_pos, length, list(name), offset > 0, possessive, gender,
                                roles))

    def _appositive_roles(self, end: int) -> list[tuple[str, bool]]:
        """Roles from ", a spokeswoman for the ministry," right after a name."""
        m = _APPOSITIVE.match(self.text, end, min(len(self.text), end + 90))
        if not m:
            return []
        words = m.group(1).split()
        for i, w in enumerate(words[:5]):
            lw = w.lower().strip("’'")
            if lw in ROLE_NOUNS:
                phrase = " ".join(x.lower() for x in words[: i + 1])
                return [(phrase, i > 0)]
        return []

    def _resolve_pending(
        self, pending: list[_Pending], singles: list[tuple[int, str, bool]]
    ) -> None:
        # Full names (two tokens or more) first, so short forms can expand to them.
        for p in pending:
            if len(p.name) >= 2:
                self._register(p.name, p.pos, p.gender, p.roles)
        for p in pending:
            if len(p.name) == 1:
                person = self.match_person(p.name)
                if person is None and p.titled:
                    self._register(p.name, p.pos, p.gender, p.roles)
                elif person is not None:
                    person.roles.extend(p.roles)
                    if p.gender and not person.gender:
                        person.gender = p.gender
        # A bare capitalised word is a person when a reporting verb stands next to it
        # ("Okafor said") and it is never written as a place ("in Okafor").
        positions: dict[str, list[int]] = {}
        for pos, token, _poss in singles:
            positions.setdefault(token, []).append(pos)
        for pos, token, _poss in singles:
            if token in self.by_token or token in self.places:
                continue
            if self._near_cue(pos, len(token)):
                if self._is_place(token, positions[token]):
                    self.places.add(token)
                else:
                    self._register([token], pos, None, [])
        known = [
            _Pending(pos, len(token), [token], False, poss, None, [])
            for pos, token, poss in singles
            if token in self.by_token
        ]
        for p in pending + known:
            if self.inside_quote(p.pos):
                continue
            if p.role_words:
                role_holder = self.resolve_role(p.role_words, p.pos)
                person = self.persons.get(role_holder) if role_holder else None
            else:
                person = self.match_person(p.name, before=p.pos)
            if person is None:
                continue
            subject = self._subject_like(p.pos, "") and (
                not p.possessive or self._speech_noun_after(p.pos + p.length)
            )
            self.occurrences.append(
                Occurrence(p.pos, p.pos + p.length, "person", person.name, subject,
                           person.gender, len(person.tokens) > 1 or bool(person.roles))
            )
        self.occurrences.sort(key=lambda o: o.pos)
        self._occ_pos = [o.pos for o in self.occurrences]

    def _register(
        self, name: list[str], pos: int, gender: str | None, roles: list[tuple[str, bool]]
    ) -> None:
        core, suffix = _split_suffixes([_norm_token(t) for t in name])
        key = " ".join(core + suffix)
        name = core
        person = self.persons.get(key)
        if person is None:
            person = Person(key, tuple(name), pos)
            if len(name) > 1:
                first = name[0].lower()
                if first in MALE_NAMES:
                    person.gender = "m"
                elif first in FEMALE_NAMES:
                    person.gender = "f"
            self.persons[key] = person
            for tok in name:
                self.by_token.setdefault(tok, []).append(person)
        person.roles.extend(roles)
        if gender and not person.gender:
            person.gender = gender

    def _near_cue(self, pos: int, length: int) -> bool:
        """A bare surname next to a reporting verb ("Okafor said", "said Okafor") is a person."""
        after = self.text[pos + length : pos + length + 30].split()
        before = word_before(self.text, pos).lower()
        nxt = [w.strip(",.;:").lower() for w in after[:2]]
        strong = _STRONG_CUES
        return bool(
            (nxt and nxt[0] in strong)
            or (len(nxt) > 1 and nxt[1] in strong and nxt[0] in ("also", "later", "has"))
            or before in INVERTING_CUES
        )

    def _speech_noun_after(self, end: int) -> bool:
        """ "Okafor’s remarks suggest…": a possessive that still names who spoke."""
        m = _SPEECH_NOUN_AFTER.match(self.text[end : end + 30])
        return bool(m and m.group(1).lower() in SPEECH_NOUNS)

    def _subject_like(self, pos: int, last_token: str) -> bool:
        before = self.text[max(0, pos - 30) : pos].rstrip()
        if not before or before[-1] in ".!?:;,—–(\n“”\"’":
            return True
        raw = word_before(before, len(before))
        if not raw:
            return True
        word = raw.lower()
        if word in PREPOSITIONS and word != "and":
            return False
        if word == "and" and _CONJUNCT.search(before[: len(before) - 3].rstrip()):
            return False  # "the towns of Aton and Bel Rock": a list after a preposition
        if raw.isalpha() and raw.islower() and word not in CUE_WORDS:
            # "In Ormsby, resident Ada Obi said…": a lower-case descriptor right after a
            # clause break still leaves the name in subject position.
            rest = before[: len(before) - len(raw)].rstrip()
            if not rest or rest[-1] in ".!?:;,—–(\n“”\"’":
                return True
        return word in _SUBJECT_OK or word in CUE_WORDS or word in ROLE_NOUNS or (
            word in TITLE_WORDS
        ) or not word.isalpha() or raw[0].isupper()

    # ---- resolving ------------------------------------------------------------------------

    def match_person(
        self, name: list[str] | tuple[str, ...], gender: str | None = None,
        before: int | None = None,
    ) -> Person | None:
        """The fullest person whose name ends with (or, failing that, starts with) `name`;
        None when two different people fit equally well ("Voss" with two Vosses), unless
        only one of them was introduced before position `before` (`Oakenfold said` before
        the article names her husband Declan Oakenfold)."""
        if not name:
            return None
        name = [_norm_token(t) for t in name]
        n = len(name)
        target = tuple(name)
        for position in ("end", "start"):
            if position == "start" and n > 1:
                break
            found = [
                p for p in self.by_token.get(name[-1 if position == "end" else 0], [])
                if (p.tokens[-n:] if position == "end" else p.tokens[:n]) == target
            ]
            if gender:
                found = [p for p in found if p.gender in (None, gender)] or found
            if not found:
                continue
            longest = max(len(p.tokens) for p in found)
            best = [p for p in found if len(p.tokens) == longest]
            if len(best) > 1 and before is not None:
                best = [p for p in best if p.first_pos < before] or best
            if len(best) > 1:
                return None
            return best[0]
        return self.persons.get(" ".join(name))

    def has_name_token(self, token: str) -> bool:
        return token in self.by_token

    def canonical_name(self, phrase: str, pos: int | None = None) -> str | None:
        """Canonical speaker for a capitalised mention ("Finance Minister Okafor") found at
        `pos` (which only matters when two people share the name)."""
        if phrase in self._canonical_cache:
            name = self._canonical_cache[phrase]
        else:
            name = self._canonical_name(phrase)
            self._canonical_cache[phrase] = name
        if name is None and pos is not None:
            return self._canonical_name(phrase, pos)
        return name

    def _canonical_name(self, phrase: str, pos: int | None = None) -> str | None:
        tokens = [t for t in phrase.replace("\u00a0", " ").split(" ") if t]
        while tokens and _plain(tokens[0]) in ("the", "a", "an"):
            tokens = tokens[1:]
        if not tokens:
            return None
        poss_at = next((i for i, t in enumerate(tokens[:-1]) if _is_possessive(t)), None)
        if poss_at is not None:
            # "Grace Okafor’s office": the owner's canonical name and what they own.
            owner = self.canonical_name(" ".join(tokens[: poss_at + 1]))
            head = " ".join(tokens[poss_at + 1 :])
            rest = tokens[poss_at + 1 :]
            if _org_like(tokens[: poss_at + 1]) or (_org_like(rest) and rest[0][0].isupper()):
                return self._fullest_org(phrase.strip())  # "China’s Foreign Ministry"
            if owner is None or _plain(tokens[-1]) in ROLE_NOUNS:
                return None  # "Okafor’s spokesman": an unnamed person
            mark = "’" if "’" in tokens[poss_at] else "'"
            return f"{owner}{mark}s {head}"
        split = _person_of_org(tokens)
        if split is not None:
            tokens = tokens[:split]  # "Det Ada Obi of Acme Police" is Ada Obi
        last = _plain(_strip_possessive(tokens[-1]))
        if last in ORG_WORDS or last in NEWS_WORDS and len(tokens) > 1:
            return self._fullest_org(phrase.strip())
        title_end = -1
        for i, tok in enumerate(tokens[:-1]):
            if _is_title(tok) or (title_end == i - 1 and _plain(tok) in ("of", "for")):
                title_end = i
        gender = None
        title_words = {_plain(t) for t in tokens[: title_end + 1]}
        if title_words & MALE_MARKERS:
            gender = "m"
        elif title_words & FEMALE_MARKERS:
            gender = "f"
        name, suffix = _split_suffixes([_strip_possessive(t) for t in tokens[title_end + 1 :]])
        if not name or not all(
            _looks_like_name_token(t) or t.isupper() or (i > 0 and _is_particle(t))
            or (0 < i < len(name) - 1 and t in NAME_PARTICLES) or (i == 0 and t in NAME_PARTICLES
                                                                    and len(name) > 1)
            for i, t in enumerate(name)
        ):
            return None
        person = self.match_person(name, gender, pos)
        if person is not None:
            return person.name
        if len(name) == 1 and name[0] in self.by_token:
            return None  # the surname of several people: do not guess
        if len(name) > 1 and _plain(name[-1]) in NON_PERSON_HEADS and not (
            _plain(name[0]) in MALE_NAMES or _plain(name[0]) in FEMALE_NAMES
        ):
            return None  # `Trump Tower said`: buildings, prizes and events do not speak
        return " ".join(name + suffix)

    def _fullest_org(self, phrase: str) -> str:
        """An organisation as named: the longest earlier form that ends like this one."""
        bare = phrase[4:] if phrase.lower().startswith("the ") else phrase
        best = phrase
        for _pos, name in self.orgs:
            plain = name[4:] if name.lower().startswith("the ") else name
            if plain.endswith(bare) and len(name) > len(best):
                best = name
        return best

    def resolve_role(self, words: list[str], pos: int) -> str | None:
        """ "the Treasury Secretary", "the president", "the ministry" -> the entity meant."""
        words = [w.lower().strip("’'.") for w in words if w.lower() not in ("the", "a", "an")]
        words = [_TITLE_ABBREVIATIONS.get(w, w) for w in words if w not in _ROLE_MODIFIERS]
        if not words:
            return None
        head = words[-1]
        if head in NEWS_BACKREFS:
            org = self._nearest_org(pos, news=True)
            if org is not None:
                return org
        if head in ORG_BACKREFS:
            return self._nearest_org(pos, word=head)
        if head not in ROLE_NOUNS:
            return None
        phrase = " ".join(words)
        scored: dict[str, tuple[int, int, int]] = {}
        for person in self.persons.values():
            best = 0
            count = 0
            for role, qualified in person.roles:
                role_words = role.split()
                if not role_words or role_words[-1] != head:
                    continue
                if role == phrase:
                    score = 3 if not qualified or len(words) > 1 else 2
                elif all(w in role_words for w in words):
                    score = 1
                else:
                    continue
                if score > best:
                    best, count = score, 0
                if score == best:
                    count += 1
            if best:
                scored[person.name] = (best, count, -person.first_pos)
        if not scored:
            return None
        ranked = sorted(scored.items(), key=lambda kv: kv[1], reverse=True)
        if len(ranked) > 1 and ranked[0][1][:2] == ranked[1][1][:2]:
            return None  # two people share that role equally: do not guess
        return ranked[0][0]

    def _nearest_org(self, pos: int, word: str | None = None, news: bool = False) -> str | None:
        for org_pos, name in reversed(self.orgs):
            if org_pos >= pos:
                continue
            lowered = name.lower().replace("’", " ").replace("'", " ").replace(".", "").split()
            if word is not None and word in lowered:
                return name
            if word in _COMPANY_REFS and any(w in _COMPANY_WORDS for w in lowered):
                return name
            if news and any(w in NEWS_WORDS for w in lowered):
                return name
        return None

    def resolve_pronoun(self, pronoun: str, pos: int) -> str | None:
        """Nearest earlier compatible subject outside quotations ("he" -> "Grace Okafor")."""
        p = pronoun.lower()
        if p not in ("he", "she", "they", "it"):
            return None
        want = {"he": "m", "she": "f"}.get(p)
        fallback: str | None = None
        i = bisect.bisect_left(self._occ_pos, pos) - 1
        seen = 0
        while i >= 0 and seen < 40:
            occ = self.occurrences[i]
            i -= 1
            seen += 1
            if not occ.subject:
                continue  # (occurrences are all outside quotations by construction)
            if p in ("he", "she"):
                if occ.kind != "person":
                    continue
                person = self.persons.get(occ.name)
                gender = occ.gender or (person.gender if person is not None else None)
                if gender and want and gender != want:
                    continue
                if not occ.introduced:
                    # A bare capitalised word ("Burton", but also "China") is used only when
                    # no properly introduced person comes before.
                    fallback = fallback or occ.name
                    continue
                if self._unnamed_person_between(occ.end, pos):
                    return None  # `One cleaner, who asked not to be named, said…, she said`
                if person is not None and person.gender is None and want:
                    # The article's own evidence: once `she said` points at Alex Morrow,
                    # a later `he` skips her.
                    person.gender = want
                return occ.name
            return occ.name if occ.kind == "org" else None
        return fallback

    def _unnamed_person_between(self, start: int, end: int) -> bool:
        """An unnamed person opens a sentence between an antecedent and a pronoun (`One
        resident said…`, `A neighbour, who asked not to be named, …`): the pronoun is theirs."""
        if self._unnamed is None:
            self._unnamed = [
                m.start() for m in _UNNAMED_SUBJECT.finditer(self.text)
                if at_sentence_start(self.text, m.start()) and not self.inside_quote(m.start())
            ]
        i = bisect.bisect_left(self._unnamed, start)
        return i < len(self._unnamed) and self._unnamed[i] < end

    def people_aged(self, age: int, pos: int) -> str | None:
        """For `the 24-year-old` at `pos`: the one person named earlier with that age
        (`Lotte Brandsma, 24,`, `Lotte Brandsma (24)`); "" when the article gives earlier
        people ages but none is `age`, or two share it; None when it gives no ages at all."""
        if self._ages is None:
            self._ages = []
            for m in _NAME_AGE.finditer(self.text):
                if self.inside_quote(m.start()):
                    continue
                person = self.match_person([m.group(1)], before=m.start())
                if person is not None:
                    self._ages.append((m.start(), int(m.group(2)), person.name))
        earlier = [(a, name) for p, a, name in self._ages if p < pos]
        if not earlier:
            return None
        names = {name for a, name in earlier if a == age}
        return names.pop() if len(names) == 1 else ""

    def nearest_person_before(self, pos: int, reach: int, gender: str | None) -> str | None:
        """The introduced person who was last a subject within `reach` characters before
        `pos`, when their gender does not contradict `gender`."""
        i = bisect.bisect_left(self._occ_pos, pos) - 1
        while i >= 0 and self.occurrences[i].pos >= pos - reach:
            occ = self.occurrences[i]
            i -= 1
            if not occ.subject:
                continue
            if occ.kind != "person" or not occ.introduced:
                return None  # the nearest subject is not a known person: do not guess
            if gender and occ.gender and occ.gender != gender:
                return None
            return occ.name
        return None

    def add_speaker(self, pos: int, end: int, name: str) -> None:
        """Record a resolved attribution ("the governor said" -> Peter Mwangi) as a subject
        mention, so a later "he" can point back to it."""
        person = self.persons.get(name)
        if person is None and " " in name and not any(org == name for _p, org in self.orgs):
            tokens = name.split(" ")
            if 2 <= len(tokens) <= 5 and _name_tokens_ok(tokens):
                # `Hugh Hill, a doctor, said`: an attribution makes a person of a name the scan
                # took for a place, so a later `he added` finds him.
                self._register(tokens, pos, None, [])
                person = self.persons.get(name)
        if person is not None:
            occ = Occurrence(pos, end, "person", name, True, person.gender, True)
        elif any(org == name for _p, org in self.orgs):
            occ = Occurrence(pos, end, "org", name, True)
        else:
            return
        i = bisect.bisect_left(self._occ_pos, pos)
        self._occ_pos.insert(i, pos)
        self.occurrences.insert(i, occ)

    def subjects_between(self, start: int, end: int) -> list[Occurrence]:
        """Subject-like mentions with `start <= pos < end`, in order."""
        i = bisect.bisect_left(self._occ_pos, start)
        j = bisect.bisect_left(self._occ_pos, end)
        return [o for o in self.occurrences[i:j] if o.subject]

    def nearest_subject(self, start: int, end: int) -> Occurrence | None:
        """The first subject-like mention between `start` and `end` (a sentence's subject)."""
        i = bisect.bisect_left(self._occ_pos, start)
        while i < len(self.occurrences) and self.occurrences[i].pos < end:
            occ = self.occurrences[i]
            if occ.subject:
                return occ
            i += 1
        return None
