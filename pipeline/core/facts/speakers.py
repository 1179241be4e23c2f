"""One name per person: "Varga", "Ms. Varga", "Helena Varga", "Helena M. Varga" → "Helena Varga".

From the corpus alone (no knowledge base):

* titles before a name are stripped and kept ("Treasury Secretary Tomas Ekdahl" → name "Tomas
  Ekdahl", title "Treasury Secretary"); middle initials and suffixes do not change the person
  ("Helena M. Varga" = "Helena Varga");
* full names are one person when their first and last words agree;
* a bare surname ("Ekdahl", "Mr. Ekdahl") is the full name when exactly one person with that
  surname is quoted in the same story; when the story quotes nobody of that surname by full
  name, when exactly one such person is quoted in the whole release; otherwise it stays as
  written (two Vances in one story stay apart);
* a speaker that is not a personal name ("the White House", "a spokesperson") stays as written.

The canonical name is the most frequent cleaned full form of the person's mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from pipeline.core.facts.lexicon import NAME_SUFFIXES, PRONOUNS, TITLE_WORDS
from pipeline.core.facts.wording import fold

SPEAKER_COLUMNS = ["speaker", "aliases", "titles", "n_quotes", "n_documents", "n_stories"]
_INITIAL = re.compile(r"^[A-Z]\.?$")
_NAME_WORD = re.compile(r"^[A-Z][\w'’\-.]*$|^(?:de|van|von|der|da|del|al|bin|la|le)$")


@dataclass(frozen=True)
class ParsedName:
    """A speaker string split into its titles and the words of the name (None: not a name)."""

    raw: str
    titles: str | None
    words: tuple[str, ...] | None

    @property
    def surname(self) -> str | None:
        return fold(self.words[-1]) if self.words else None

    @property
    def key(self) -> tuple[str, str] | None:
        """(first, last) folded, for full names; None for a bare surname or a non-name."""
        if not self.words or len(self.words) < 2:
            return None
        return fold(self.words[0]), fold(self.words[-1])

    @property
    def cleaned(self) -> str | None:
        return " ".join(self.words) if self.words else None


def parse_name(raw: str) -> ParsedName:
    """Titles off the front, initials and suffixes out: "Sen. Mary K. Ostrow Jr." → Mary Ostrow."""
    tokens = raw.replace("’", "'").split()
    last_title = -1
    for i, token in enumerate(tokens[:-1]):
        if token.lower().rstrip(".") in TITLE_WORDS:
            last_title = i
    titles = " ".join(tokens[: last_title + 1]) or None
    words = tokens[last_title + 1:]
    while words and words[-1].lower().rstrip(".,") in NAME_SUFFIXES:
        words = words[:-1]
    if len(words) > 2:
        words = [words[0], *[w for w in words[1:-1] if not _INITIAL.match(w)], words[-1]]
    words = [w.removesuffix("'s") for w in words]
    if not words or len(words) > 4 or not all(_NAME_WORD.match(w) for w in words):
        return ParsedName(raw, titles, None)
    if not words[0][0].isupper():
        return ParsedName(raw, titles, None)
    return ParsedName(raw, titles, tuple(words))


@dataclass
class _Person:
    forms: Counter[str] = field(default_factory=Counter)

    @property
    def name(self) -> str:
        return sorted(self.forms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def full_names_in_text(text: str, surname: str) -> set[str]:
    """Full names ending in `surname` the text writes inside a sentence ("... said Helena
    Varga", "Helena M. Varga") — never at a sentence start, where "Meanwhile Varga" would pass."""
    found: set[str] = set()
    pattern = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z]\.)?)\s+" + re.escape(surname) + r"\b")
    for m in pattern.finditer(text):
        before = text[: m.start()].rstrip()
        if not before or before[-1] in ".!?\"“”\n":
            continue
        name = parse_name(f"{m.group(1)} {surname}")
        if name.key is not None and fold(name.words[0]) not in TITLE_WORDS:
            found.add(name.cleaned)
    return found


def canonical_speakers(
    mentions: Iterable[tuple[str, Hashable]],
    story_texts: Mapping[Hashable, Iterable[str]] | None = None,
) -> dict[tuple[str, Hashable], str]:
    """(raw speaker, story) → canonical name, for every pair given (see the module docstring).

    `story_texts` (story → its documents' texts) lets a bare surname nobody is quoted under in
    full resolve to the one full name with that surname the story's articles write.
    """
    weight = Counter(mentions)
    pairs = sorted(weight, key=lambda p: (p[0], repr(p[1])))
    parsed = {raw: parse_name(raw) for raw, _ in pairs}
    quoted_in_full = {(story, parsed[raw].surname) for raw, story in pairs
                      if parsed[raw].key is not None}
    for raw, story in list(pairs):
        p = parsed[raw]
        if p.key is None and p.words and story_texts is not None and story is not None:
            if (story, p.surname) in quoted_in_full:
                continue
            written = set().union(*(full_names_in_text(t, p.words[-1])
                                    for t in story_texts.get(story, ())))
            for name in sorted(written):
                parsed[name] = parse_name(name)
                pairs.append((name, story))
                weight[(name, story)] += 0  # a target for the surname, not a quote
    people: dict[tuple[str, str], _Person] = {}
    in_story: dict[Hashable, dict[str, set[tuple[str, str]]]] = {}
    everywhere: dict[str, set[tuple[str, str]]] = {}
    for raw, story in pairs:
        p = parsed[raw]
        if p.key is None:
            continue
        people.setdefault(p.key, _Person()).forms[p.cleaned] += weight[(raw, story)] or 0
        in_story.setdefault(story, {}).setdefault(p.surname, set()).add(p.key)
        everywhere.setdefault(p.surname, set()).add(p.key)
    out: dict[tuple[str, Hashable], str] = {}
    for raw, story in pairs:
        if not weight[(raw, story)]:
            continue
        p = parsed[raw]
        key = p.key
        if key is None and p.words:  # a bare surname
            local = in_story.get(story, {}).get(p.surname, set())
            candidates = local or everywhere.get(p.surname, set())
            key = next(iter(candidates)) if len(candidates) == 1 else None
            if key is None:
                out[(raw, story)] = p.cleaned
                continue
        out[(raw, story)] = people[key].name if key is not None else raw.strip()
    return out


def _titles_of(rec: dict, parsed: ParsedName) -> set[str]:
    titles = {parsed.titles} if parsed.titles else set()
    mention = (rec.get("speaker_mention") or "").strip()
    if parsed.words is None or mention == rec["speaker"].strip():
        return titles  # not a personal name, or named exactly as the speaker
    words = {fold(w) for w in (parsed.words or ())}
    if mention and mention.lower() not in PRONOUNS and not words & {
            fold(w) for w in mention.split()}:
        titles.add(mention)
    return titles


def speakers_table(
    records: list[dict], canonical: Mapping[int, str], root: Mapping[str, str],
    story_of: Mapping[str, Hashable],
) -> pd.DataFrame:
    """The `speakers` table: each canonical speaker with aliases, titles and counts.

    `canonical` maps a record index to its canonical speaker (records without one are left out).
    """
    rows: dict[str, dict] = {}
    for i, name in canonical.items():
        rec = records[i]
        row = rows.setdefault(name, {"aliases": set(), "titles": set(), "n_quotes": 0,
                                     "docs": set(), "stories": set()})
        if rec["speaker"].strip() != name:
            row["aliases"].add(rec["speaker"].strip())
        row["titles"] |= _titles_of(rec, parse_name(rec["speaker"]))
        row["n_quotes"] += 1
        doc = root.get(rec["doc_id"], rec["doc_id"])
        row["docs"].add(doc)
        row["stories"].add(story_of.get(doc, doc))
    return pd.DataFrame([
        {"speaker": name, "aliases": sorted(r["aliases"]), "titles": sorted(r["titles"]),
         "n_quotes": r["n_quotes"], "n_documents": len(r["docs"]),
         "n_stories": len(r["stories"])}
        for name, r in sorted(rows.items())
    ], columns=SPEAKER_COLUMNS)
