"""Resolving a mention to its speaker with the article's `DocumentIndex`.

A quote's attribution names its speaker in many ways ("Grace Okafor", "Okafor", "Ms. Okafor",
"the finance minister", "she", "the ministry"); `SpeakerResolver` answers: what is the
canonical name for this mention at this position? A wrong speaker is worse than none, so every
method returns None when the article does not settle the question. Resolved attributions are
added back to the index (`add_speaker`), so a later `he` can point at them.
"""

from __future__ import annotations

import bisect

from pipeline.core.quotes.lexicon import (
    FEMALE_MARKERS,
    FEMALE_NAMES,
    MALE_MARKERS,
    MALE_NAMES,
    NAME_PARTICLES,
    NEWS_WORDS,
    NON_PERSON_HEADS,
    ORG_WORDS,
    ROLE_NOUNS,
)
from pipeline.core.quotes.speaker_index import DocumentIndex
from pipeline.core.quotes.speakers import (
    _NAME_AGE,
    _UNNAMED_SUBJECT,
    Occurrence,
    _is_particle,
    _is_possessive,
    _is_title,
    _looks_like_name_token,
    _name_tokens_ok,
    _org_like,
    _person_of_org,
    _plain,
    _split_suffixes,
    _strip_possessive,
    at_sentence_start,
)


class SpeakerResolver:
    """Questions about one article's people and organisations, answered from its index."""

    def __init__(self, index: DocumentIndex) -> None:
        self.index = index
        self._canonical_cache: dict[str, str | None] = {}
        self._unnamed: list[int] | None = None  # sentence starts with an unnamed subject
        self._ages: list[tuple[int, int, str]] | None = None  # (pos, age, person): `Name, 24,`

    def has_name_token(self, token: str) -> bool:
        return token in self.index.by_token


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
        person = self.index.match_person(name, gender, pos)
        if person is not None:
            return person.name
        if len(name) == 1 and name[0] in self.index.by_token:
            return None  # the surname of several people: do not guess
        if len(name) > 1 and _plain(name[-1]) in NON_PERSON_HEADS and not (
            _plain(name[0]) in MALE_NAMES or _plain(name[0]) in FEMALE_NAMES
        ):
            return None  # `Halloway Tower said`: buildings, prizes and events do not speak
        return " ".join(name + suffix)

    def _fullest_org(self, phrase: str) -> str:
        """An organisation as named: the longest earlier form that ends like this one."""
        bare = phrase[4:] if phrase.lower().startswith("the ") else phrase
        best = phrase
        for _pos, name in self.index.orgs:
            plain = name[4:] if name.lower().startswith("the ") else name
            if plain.endswith(bare) and len(name) > len(best):
                best = name
        return best

    def resolve_role(self, words: list[str], pos: int) -> str | None:
        """ "the Treasury Secretary", "the president", "the ministry" -> the entity meant."""
        return self.index.resolve_role(words, pos)

    def resolve_pronoun(self, pronoun: str, pos: int) -> str | None:
        """Nearest earlier compatible subject outside quotations ("he" -> "Grace Okafor")."""
        p = pronoun.lower()
        if p not in ("he", "she", "they", "it"):
            return None
        want = {"he": "m", "she": "f"}.get(p)
        fallback: str | None = None
        i = bisect.bisect_left(self.index.occ_pos, pos) - 1
        seen = 0
        while i >= 0 and seen < 40:
            occ = self.index.occurrences[i]
            i -= 1
            seen += 1
            if not occ.subject:
                continue  # (occurrences are all outside quotations by construction)
            if p in ("he", "she"):
                if occ.kind != "person":
                    continue
                person = self.index.persons.get(occ.name)
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
            text = self.index.text
            self._unnamed = [
                m.start() for m in _UNNAMED_SUBJECT.finditer(text)
                if at_sentence_start(text, m.start()) and not self.index.inside_quote(m.start())
            ]
        i = bisect.bisect_left(self._unnamed, start)
        return i < len(self._unnamed) and self._unnamed[i] < end

    def people_aged(self, age: int, pos: int) -> str | None:
        """For `the 24-year-old` at `pos`: the one person named earlier with that age
        (`Lotte Brandsma, 24,`, `Lotte Brandsma (24)`); "" when the article gives earlier
        people ages but none is `age`, or two share it; None when it gives no ages at all."""
        if self._ages is None:
            self._ages = []
            for m in _NAME_AGE.finditer(self.index.text):
                if self.index.inside_quote(m.start()):
                    continue
                person = self.index.match_person([m.group(1)], before=m.start())
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
        i = bisect.bisect_left(self.index.occ_pos, pos) - 1
        while i >= 0 and self.index.occurrences[i].pos >= pos - reach:
            occ = self.index.occurrences[i]
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
        person = self.index.persons.get(name)
        if person is None and " " in name and not any(org == name for _p, org in self.index.orgs):
            tokens = name.split(" ")
            if 2 <= len(tokens) <= 5 and _name_tokens_ok(tokens):
                # `Hugh Hill, a doctor, said`: an attribution makes a person of a name the scan
                # took for a place, so a later `he added` finds him.
                self.index.register(tokens, pos, None, [])
                person = self.index.persons.get(name)
        if person is not None:
            occ = Occurrence(pos, end, "person", name, True, person.gender, True)
        elif any(org == name for _p, org in self.index.orgs):
            occ = Occurrence(pos, end, "org", name, True)
        else:
            return
        self.index.insert_occurrence(occ)

    def subjects_between(self, start: int, end: int) -> list[Occurrence]:
        """Subject-like mentions with `start <= pos < end`, in order."""
        i = bisect.bisect_left(self.index.occ_pos, start)
        j = bisect.bisect_left(self.index.occ_pos, end)
        return [o for o in self.index.occurrences[i:j] if o.subject]

    def nearest_subject(self, start: int, end: int) -> Occurrence | None:
        """The first subject-like mention between `start` and `end` (a sentence's subject)."""
        i = bisect.bisect_left(self.index.occ_pos, start)
        while i < len(self.index.occurrences) and self.index.occurrences[i].pos < end:
            occ = self.index.occurrences[i]
            if occ.subject:
                return occ
            i += 1
        return None
