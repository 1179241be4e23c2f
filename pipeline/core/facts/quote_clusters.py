"""Quote facts: mentions of one utterance, across outlets and quoting styles, become one group.

Model (see docs/facts.md): a fact is an utterance as the fullest quoting of it gives it. Mentions
join when, after normalisation, one's words are (almost) all found in order in the other:

* near-equal wording (>= 80 % of each side's words align) → same fact;
* a fragment (>= 80 % of the shorter aligns, the longer has more) → joins the single best
  quote containing it, never several, so a stock phrase cannot chain unrelated quotes;
* a shared run of >= 10 words → same fact (one outlet's quote overlaps another's: a split or
  a longer/shorter cut of one utterance).

Short quotes are easily said twice: below 8 words they only join when speakers are compatible,
below 4 words a fragment needs the same known speaker on both sides, below 3 words only exact
wording joins. Different sentences of one interview share no run of words, so they stay apart.

Stories (each record's `story`): quotes of documents in different stories join only when they
share at least 8 words in order and their speakers do not contradict each other; shorter
fragments ("at a later date", "I don't know") join only within one story.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from pipeline.core.facts.blocking import UnionFind, candidate_pairs
from pipeline.core.facts.wording import STOPWORDS, fold, quote_tokens

NEAR_EQUAL = 0.8        # share of each side's words that must align for "same wording"
SHORT_WORDS = 8         # below this, quotes also need compatible speakers
TINY_WORDS = 4          # below this, a fragment needs the same known speaker
MIN_WORDS = 3           # below this, only exact wording joins
OVERLAP_RUN = 10        # a shared run of this many words links two quotes
CROSS_STORY_WORDS = 8   # words in order two quotes of different stories must share
SHINGLE = 3


@dataclass
class QuoteUnit:
    """Mentions with identical normalised wording (and, when short, compatible speakers)."""

    tokens: tuple[str, ...]
    members: list[int] = field(default_factory=list)
    speakers: set[str] = field(default_factory=set)
    stories: set = field(default_factory=set)


@lru_cache(maxsize=100_000)
def name_key(name: str) -> tuple[str, ...]:
    """A name as comparable tokens: "NBC's Meet the Press" → (nbc, the, meet, press)."""
    words = [w for w in quote_tokens(fold(name).replace("'s ", " ")) if w != "s"]
    return tuple(words)


def _same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Equal, or one ends the other ("Okafor" and "Grace Okafor")."""
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_[-len(short):] == short


def speakers_compatible(a: set[str], b: set[str]) -> bool:
    """Unknown speakers agree with anyone; known ones must name the same person."""
    if not a or not b:
        return True
    return any(_same_name(name_key(x), name_key(y)) for x in a for y in b)


def _known_same_speaker(a: set[str], b: set[str]) -> bool:
    return bool(a) and bool(b) and speakers_compatible(a, b)


def _units(records: Sequence[dict]) -> list[QuoteUnit]:
    """Exact-wording units, one story each (`_relation` decides across stories). Short wordings
    split by speaker too: two people can say "no comment"."""
    by_tokens: dict[tuple, list[int]] = {}
    for i, rec in enumerate(records):
        tokens = quote_tokens(rec["text"]) or (fold(rec["text"]).strip(),)
        # Per story: across stories even identical wording needs speakers that agree.
        by_tokens.setdefault((tokens, rec.get("story")), []).append(i)
    units: list[QuoteUnit] = []
    for (tokens, _), members in by_tokens.items():
        stories = {records[i].get("story") for i in members}
        if len(tokens) >= SHORT_WORDS:
            speakers = {records[i]["speaker"] for i in members if records[i]["speaker"]}
            units.append(QuoteUnit(tokens, members, speakers, stories))
            continue
        by_speaker: dict[str, list[int]] = {}
        unknown: list[int] = []
        for i in members:
            speaker = records[i]["speaker"]
            if not speaker:
                unknown.append(i)
                continue
            home = next((s for s in by_speaker if _same_name(name_key(s), name_key(speaker))),
                        speaker)
            by_speaker.setdefault(home, []).append(i)
        if not by_speaker:
            units.append(QuoteUnit(tokens, unknown, set(), stories))
            continue
        largest = sorted(by_speaker, key=lambda s: (-len(by_speaker[s]), s))[0]
        by_speaker[largest].extend(unknown)
        for members_of in by_speaker.values():
            units.append(QuoteUnit(tokens, sorted(members_of),
                                   {records[i]["speaker"] for i in members_of
                                    if records[i]["speaker"]}, stories))
    return units


def _shingles(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    if len(tokens) < MIN_WORDS:
        return []
    grams = [tokens[i:i + SHINGLE] for i in range(len(tokens) - SHINGLE + 1)]
    # A run made only of function words ("i think that") identifies nothing.
    return [g for g in grams if any(w not in STOPWORDS for w in g)] or grams


@lru_cache(maxsize=200_000)
def _alignment(short: tuple[str, ...], long_: tuple[str, ...]) -> tuple[int, int]:
    """(words of `short` aligned in order with `long_`, longest shared run).

    A pure function of the two wordings, so it is cached: one statement repeated in many
    stories ("we will rebuild every school in the valley" in 100 stories) is one unit per
    story, and every pair of those units would otherwise be aligned again. Identical wordings
    align whole without difflib (the one block difflib finds, so the same numbers).
    """
    if short == long_:
        return len(short), len(short)
    blocks = SequenceMatcher(None, short, long_, autojunk=False).get_matching_blocks()
    min_block = 2 if len(short) >= 6 else 1
    matched = sum(b.size for b in blocks if b.size >= min_block)
    return matched, max((b.size for b in blocks), default=0)


def _relation(a: QuoteUnit, b: QuoteUnit) -> str | None:
    """'same', 'a_in_b', 'b_in_a' or None: how two wordings relate (see module docstring)."""
    swap = len(a.tokens) > len(b.tokens)
    short, long_ = (b, a) if swap else (a, b)
    n_short = len(short.tokens)
    if n_short < MIN_WORDS:
        return None
    matched, run = _alignment(short.tokens, long_.tokens)
    compatible = speakers_compatible(short.speakers, long_.speakers)
    if not short.stories & long_.stories and (matched < CROSS_STORY_WORDS or not compatible):
        return None  # different stories: only long, distinctive wording by one speaker joins
    if matched >= NEAR_EQUAL * n_short:
        if n_short < SHORT_WORDS and not compatible:
            return None
        if matched >= NEAR_EQUAL * len(long_.tokens):
            return "same"
        if n_short < TINY_WORDS and not _known_same_speaker(short.speakers, long_.speakers):
            return None
        return "b_in_a" if swap else "a_in_b"
    if run >= OVERLAP_RUN:
        return "same"
    return None


def probe_count(n: int) -> int:
    """How many of a quote's n usable 3-word runs (rarest first) it looks up."""
    return min(n, 2 + n // 4)


# The pieces `incremental` recomputes a part of the release with, exactly as below.
quote_units = _units
unit_shingles = _shingles
relation = _relation


def cluster_quotes(records: Sequence[dict]) -> list[list[int]]:
    """Group quote records (dicts with text and speaker) into facts; lists of record indices."""
    units = _units(records)
    shingles = [_shingles(u.tokens) for u in units]
    pairs = candidate_pairs(shingles, probe=probe_count)
    uf = UnionFind(len(units))
    best_parent: dict[int, tuple[tuple[int, int], int]] = {}
    for i, j in pairs:
        relation = _relation(units[i], units[j])
        if relation == "same":
            uf.union(i, j)
        elif relation is not None:
            child, parent = (i, j) if relation == "a_in_b" else (j, i)
            # The fullest container wins; ties go to the earliest unit (deterministic).
            score = (len(units[parent].tokens), -parent)
            if child not in best_parent or score > best_parent[child][0]:
                best_parent[child] = (score, parent)
    for child, (_, parent) in sorted(best_parent.items()):
        uf.union(child, parent)
    groups: list[list[int]] = []
    for unit_ids in uf.groups():
        groups.append(sorted(i for u in unit_ids for i in units[u].members))
    return groups


def _same_venue(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One venue's words include the other's: "Fox News" and "Fox News Sunday"."""
    sa, sb = set(a) - STOPWORDS, set(b) - STOPWORDS
    return bool(sa) and bool(sb) and (sa <= sb or sb <= sa)


def _grouped_names(
    names_by_doc: dict[str, set[str]],
    same: Callable[[tuple[str, ...], tuple[str, ...]], bool] = _same_name,
) -> list[tuple[str, int]]:
    """Names merged by `same` (the fullest form shown), each with its number of documents."""
    docs_of: dict[str, set[str]] = {}
    for doc, names in names_by_doc.items():
        for name in names:
            docs_of.setdefault(name, set()).add(doc)
    canon: dict[str, str] = {}
    homes: list[str] = []
    for name in sorted(docs_of, key=lambda n: (-len(name_key(n)), -len(docs_of[n]), n)):
        home = next((h for h in homes if same(name_key(h), name_key(name))), None)
        if home is None:
            homes.append(name)
        canon[name] = home or name
    docs_by_canon: dict[str, set[str]] = {}
    for name, docs in docs_of.items():
        docs_by_canon.setdefault(canon[name], set()).update(docs)
    return sorted(((n, len(d)) for n, d in docs_by_canon.items()), key=lambda kv: (-kv[1], kv[0]))


def _note(label: str, counted: list[tuple[str, int]]) -> str | None:
    if len(counted) < 2:
        return None
    return f"{label}: " + ", ".join(f"{name} ({n})" for name, n in counted)


def quote_fact_fields(group: Sequence[dict], root: Mapping[str, str]) -> dict:
    """Statement, speaker and conflict of one quote fact from its mention records."""
    statement = max((r["text"].strip() for r in group),
                    key=lambda t: (len(quote_tokens(t)), len(t), t))
    speakers: dict[str, set[str]] = {}
    venues: dict[str, set[str]] = {}
    for r in group:
        doc = root.get(r["doc_id"], r["doc_id"])
        if r["speaker"]:
            speakers.setdefault(doc, set()).add(r["speaker"])
        if r["venue"] and name_key(r["venue"]):
            venues.setdefault(doc, set()).add(r["venue"])
    speaker_counts = _grouped_names(speakers)
    venue_counts = _grouped_names(venues, _same_venue)
    notes = [n for n in (_note("speaker", speaker_counts), _note("venue", venue_counts)) if n]
    return {
        "statement": statement,
        "speaker": speaker_counts[0][0] if speaker_counts else None,
        "notes": notes,
    }
