"""The per-article index of people, roles, organisations and their mentions.

`DocumentIndex.build` reads the whole article once: every capitalised name phrase outside and
inside quotations becomes a person (full names, titles, roles, gender hints), an organisation,
or nothing (places, headings, function words), and every mention outside quotations is kept
with whether it stands in subject position (`Okafor said`, not `with Okafor`).
`speaker_resolver.SpeakerResolver` queries it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from pipeline.core.quotes.lexicon import (
    ARTICLES,
    COMPANY_REFS,
    COMPANY_WORDS,
    CUE_WORDS,
    FEMALE_MARKERS,
    FEMALE_NAMES,
    INVERTING_CUES,
    MALE_MARKERS,
    MALE_NAMES,
    NEWS_BACKREFS,
    NEWS_WORDS,
    ORG_BACKREFS,
    PREPOSITIONS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    SENTENCE_JUNK,
    SPEECH_NOUNS,
    SUBJECT_OPENERS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
)
from pipeline.core.quotes.speakers import (
    _APPOSITIVE,
    _CONJUNCT,
    _JUNK_RUNS,
    _ROLE_COMMA,
    _RUN,
    _SPEECH_NOUN_AFTER,
    _STRONG_CUES,
    Occurrence,
    Person,
    _descriptor_first,
    _is_possessive,
    _norm_token,
    _org_like,
    _person_of_org,
    _plain,
    _run_shape,
    _single_kind,
    _single_plan,
    _split_suffixes,
    _strip_possessive,
    at_sentence_start,
    word_before,
)
from pipeline.core.text.headings import subheading_spans


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


@dataclass
class DocumentIndex:
    """Names, roles and mentions of one article, read once by `build`; `SpeakerResolver`
    answers questions about them."""

    text: str
    quoted: list[tuple[int, int]]  # sorted (start, end) of quotation spans
    persons: dict[str, Person] = field(default_factory=dict)
    by_token: dict[str, list[Person]] = field(default_factory=dict)
    orgs: list[tuple[int, str]] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    occ_pos: list[int] = field(default_factory=list)  # positions of `occurrences`
    _quote_starts: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, quoted: list[tuple[int, int]]) -> DocumentIndex:
        index = cls(text, sorted(quoted))
        index._quote_starts = [s for s, _ in index.quoted]
        index._scan()
        return index

    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and pos < self.quoted[i][1]

    def _scan(self) -> None:
        pending: list[_Pending] = []
        singles: list[tuple[int, str, bool]] = []
        text = self.text
        headings = subheading_spans(text)
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
                drop = SENTENCE_JUNK if starts_sentence else ARTICLES
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
                self.register(p.name, p.pos, p.gender, p.roles)
        for p in pending:
            if len(p.name) == 1:
                person = self.match_person(p.name)
                if person is None and p.titled:
                    self.register(p.name, p.pos, p.gender, p.roles)
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
                    self.register([token], pos, None, [])
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
        self.occ_pos = [o.pos for o in self.occurrences]

    def register(
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
        return word in SUBJECT_OPENERS or word in CUE_WORDS or word in ROLE_NOUNS or (
            word in TITLE_WORDS
        ) or not word.isalpha() or raw[0].isupper()

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

    def insert_occurrence(self, occ: Occurrence) -> None:
        """Add a mention found after the build (a resolved attribution), in position order."""
        i = bisect.bisect_left(self.occ_pos, occ.pos)
        self.occ_pos.insert(i, occ.pos)
        self.occurrences.insert(i, occ)

    def resolve_role(self, words: list[str], pos: int) -> str | None:
        """ "the Treasury Secretary", "the president", "the ministry" -> the entity meant."""
        words = [w.lower().strip("’'.") for w in words if w.lower() not in ("the", "a", "an")]
        words = [TITLE_ABBREVIATIONS.get(w, w) for w in words if w not in ROLE_MODIFIERS]
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
            if word in COMPANY_REFS and any(w in COMPANY_WORDS for w in lowered):
                return name
            if news and any(w in NEWS_WORDS for w in lowered):
                return name
        return None
