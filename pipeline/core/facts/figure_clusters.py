"""Figure facts: mentions of the same number about the same thing, and values that disagree.

A figure fact is one value of one measure. Mentions are blocked by (kind, unit, value) so only
equal numbers are ever compared; inside a block two mentions join when there is positive
evidence they measure the same thing: overlapping `measured` phrases, content words near the
number, or another number stated in the same sentence (145 % said next to 30 % in two outlets is
strong evidence both speak of the same tariff). Disjoint `measured` phrases keep them apart.

A from/to change pair that the extractor links (`linked_figure_id`) is one unit and becomes one
fact; a lone mention of either level joins that pair's fact when it measures the same thing.

Stories: mentions merge only within one story (each record's `story`), so the same number in
two unrelated events ("a vote of 52", "three officials") is never one fact, and conflicts are
only looked for between facts of one story.

Conflicts: two facts with different values, the same measure (stricter evidence than merging)
and no document stating both are flagged. Each keeps its own fact and its own sources, and both
carry the same note listing every value with its sources; a value allowed by the other's
qualifier ("about 300", "over 250") is no conflict.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.core.facts.blocking import UnionFind, all_pairs, candidate_pairs
from pipeline.core.facts.wording import STOPWORDS, canonical_word, content_stems, fold, stem

NEAR_WORDS = 6            # content words either side of a figure that describe it
NEAR_WEIGHT, FAR_WEIGHT = 1.0, 0.5
CO_NUMBER_WEIGHT = 2.0    # another number in the same sentence
MERGE_EVIDENCE = 2.0      # evidence needed to merge two mentions of the same value
CONFLICT_EVIDENCE = 3.0   # evidence needed to call two different values the same measure
CONFLICT_SHARE = 0.4      # ... and the share of the smaller context it must cover
SMALL_BLOCK = 40          # blocks up to this size compare all pairs
ROLE_ORDER = {"from": 0, "to": 1, "by": 2}
APPROXIMATE = {"about", "nearly", "around", "almost", "roughly", "approximately", "some"}
LOWER_BOUND = {"over", "more than", "at least", "above", "exceeding"}
UPPER_BOUND = {"under", "up to", "at most", "less than", "below", "fewer than"}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=200_000)
def _word_stem(word: str) -> str | None:
    folded = canonical_word(fold(word))
    if folded in STOPWORDS or folded.isdigit() or len(folded) < 2:
        return None
    return stem(folded)


@lru_cache(maxsize=50_000)
def _sentence_words(sentence: str) -> tuple[tuple[int, int, str | None], ...]:
    return tuple((m.start(), m.end(), _word_stem(m.group())) for m in _WORD.finditer(sentence))


def value_key(rec: dict) -> str:
    """Equal numbers compare equal whatever their float noise; dates compare by ISO date."""
    if rec["value"] is None:
        return "date:" + (rec["date"] or " ".join(fold(rec["surface"]).split()))
    if rec.get("value_max") is not None:  # a range is its own value: "18 to 25%" is not 18%
        return f"{float(rec['value']):.10g}..{float(rec['value_max']):.10g}"
    return f"{float(rec['value']):.10g}"


def number_token(rec: dict) -> str:
    return f"#{rec['kind']}|{rec['unit'] or ''}|{value_key(rec)}"


def _offset_in_sentence(rec: dict, text: str | None) -> int:
    """Where the figure starts inside its sentence, found through the document text."""
    sentence, start = rec["sentence"] or "", rec["start"]
    if text and sentence and start is not None:
        lo = max(0, int(rec["end"]) - len(sentence))
        s0 = text.find(sentence, lo, int(start) + len(sentence))
        if 0 <= s0 <= start:
            return int(start) - s0
    return sentence.find(rec["surface"])


@dataclass
class Profile:
    """What a mention, unit or cluster says about the measure: words, nearby numbers, values."""

    context: dict[str, float] = field(default_factory=dict)
    co_numbers: set[str] = field(default_factory=set)
    measured: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)

    def absorb(self, other: Profile) -> None:
        for token, weight in other.context.items():
            if weight > self.context.get(token, 0.0):
                self.context[token] = weight
        self.co_numbers |= other.co_numbers
        self.measured |= other.measured
        self.values |= other.values

    def settle(self) -> None:
        """A unit's own values are not evidence of a neighbour."""
        self.co_numbers -= self.values

    def blocking_keys(self) -> list[str]:
        near = [t for t, w in self.context.items() if w >= NEAR_WEIGHT]
        return near + sorted(self.co_numbers) + ["m:" + m for m in sorted(self.measured)]


def mention_profile(rec: dict, text: str | None, sentence_numbers: set[str]) -> Profile:
    sentence = rec["sentence"] or ""
    offset = _offset_in_sentence(rec, text)
    words = _sentence_words(sentence)
    if offset < 0:
        left, right = [], [s for _, _, s in words if s]
    else:
        stop = offset + len(rec["surface"])
        left = [s for _, e, s in words if s and e <= offset]
        right = [s for b, _, s in words if s and b >= stop]
    context: dict[str, float] = {}
    near = set(left[-NEAR_WORDS:]) | set(right[:NEAR_WORDS])
    for token in left + right:
        context[token] = NEAR_WEIGHT if token in near else FAR_WEIGHT
    own = number_token(rec)
    return Profile(context=context, co_numbers=sentence_numbers - {own},
                   measured=set(content_stems(rec["measured"])) if rec["measured"] else set(),
                   values={own})


def _shared_weight(a: Profile, b: Profile) -> float:
    small, big = (a.context, b.context) if len(a.context) <= len(b.context) else (b.context,
                                                                                  a.context)
    return sum(min(w, big[t]) for t, w in small.items() if t in big)


def _measured_overlap(a: Profile, b: Profile) -> float | None:
    if not a.measured or not b.measured:
        return None
    return len(a.measured & b.measured) / min(len(a.measured), len(b.measured))


def same_measure(a: Profile, b: Profile) -> bool:
    """Positive evidence that two mentions of one value are about the same thing.

    Disjoint `measured` phrases ("students" / "deaths") double the evidence needed rather than
    forbid the merge: outlets name one measure with synonyms ("duties", "levies", "rates").
    Two units that share several values (the same from/to change) count each extra shared value
    as a neighbouring number.
    """
    overlap = _measured_overlap(a, b)
    if overlap is not None and overlap >= 0.5:
        return True
    needed = 2 * MERGE_EVIDENCE if overlap == 0 else MERGE_EVIDENCE
    numbers = len(a.co_numbers & b.co_numbers) + len(a.co_numbers & b.values) + len(
        b.co_numbers & a.values) + max(0, len(a.values & b.values) - 1)
    return _shared_weight(a, b) + CO_NUMBER_WEIGHT * numbers >= needed


def conflicting_measure(a: Profile, b: Profile) -> bool:
    """Stricter evidence for different values of one measure: a wrong conflict misleads."""
    shared = _shared_weight(a, b)
    if a.measured and b.measured:
        common = len(a.measured & b.measured)
        if common < 0.5 * max(len(a.measured), len(b.measured)):
            return False  # "tariffs" alone does not make "tariffs on steel" the same measure
    near_a = {t for t, w in a.context.items() if w >= NEAR_WEIGHT}
    near_b = {t for t, w in b.context.items() if w >= NEAR_WEIGHT}
    smaller = min(len(near_a), len(near_b))
    return (shared >= CONFLICT_EVIDENCE and smaller > 0
            and len(near_a & near_b) / smaller >= CONFLICT_SHARE)


@dataclass
class FigureUnit:
    """One figure, or the figures of a linked change (from/to/by) in one document."""

    members: list[int]
    signature: tuple
    profile: Profile
    is_change: bool
    story: object = None


def _units(records: Sequence[dict], texts: dict[str, str]) -> list[FigureUnit]:
    index = {r["figure_id"]: i for i, r in enumerate(records)}
    links = UnionFind(len(records))
    numbers_in_sentence: dict[tuple[str, str], set[str]] = {}
    for i, r in enumerate(records):
        numbers_in_sentence.setdefault((r["doc_id"], r["sentence"] or ""), set()).add(
            number_token(r))
        j = index.get(r["linked_figure_id"] or "")
        if j is not None and records[j]["doc_id"] == r["doc_id"]:
            links.union(i, j)
    units: list[FigureUnit] = []
    for members in links.groups():
        profile = Profile()
        for i in members:
            r = records[i]
            profile.absorb(mention_profile(r, texts.get(r["doc_id"]),
                                           numbers_in_sentence[(r["doc_id"], r["sentence"] or "")]))
        profile.settle()
        if len(members) == 1:
            r = records[members[0]]
            signature: tuple = ((r["kind"], r["unit"] or "", value_key(r)),)
        else:
            signature = tuple(sorted({
                (ROLE_ORDER.get(records[i]["role"] or "", 3), records[i]["kind"],
                 records[i]["unit"] or "", value_key(records[i])) for i in members}))
        units.append(FigureUnit(members, signature, profile, len(members) > 1,
                                records[members[0]].get("story")))
    return units


def _cluster_block(units: list[FigureUnit], block: list[int], uf: UnionFind) -> None:
    if len(block) <= SMALL_BLOCK:
        pairs = all_pairs(len(block))
    else:
        pairs = candidate_pairs([units[u].profile.blocking_keys() for u in block],
                                probe=lambda n: min(n, 6))
    for a, b in pairs:
        ua, ub = block[a], block[b]
        if uf.find(ua) == uf.find(ub):
            continue  # already one fact through other mentions: the check would change nothing
        if same_measure(units[ua].profile, units[ub].profile):
            uf.union(ua, ub)


@dataclass
class FigureCluster:
    members: list[int]
    profile: Profile
    is_change: bool
    story: object = None


def _combine(parts: Sequence[FigureUnit | FigureCluster]) -> FigureCluster:
    """One cluster from units or clusters grouped together: members and evidence pooled."""
    profile = Profile()
    for part in parts:
        profile.absorb(part.profile)
    profile.settle()
    return FigureCluster(sorted(i for part in parts for i in part.members), profile,
                         any(part.is_change for part in parts), parts[0].story)


def cluster_figures(records: Sequence[dict], texts: dict[str, str]) -> list[FigureCluster]:
    """Group figure records into facts (see module docstring); clusters of record indices."""
    units = _units(records, texts)
    blocks: dict[tuple, list[int]] = {}
    for u, unit in enumerate(units):
        blocks.setdefault((repr(unit.story), unit.signature), []).append(u)
    uf = UnionFind(len(units))
    for block in blocks.values():
        _cluster_block(units, block, uf)
    clusters = [_combine([units[u] for u in unit_ids]) for unit_ids in uf.groups()]
    return _attach_levels_to_changes(clusters)


def _attach_levels_to_changes(clusters: list[FigureCluster]) -> list[FigureCluster]:
    """A lone "145%" joins the "from 145% to 30%" fact when it measures the same thing."""
    changes_by_value: dict[tuple[str, str], list[int]] = {}
    for c, cluster in enumerate(clusters):
        if cluster.is_change:
            for value in cluster.profile.values:
                changes_by_value.setdefault((repr(cluster.story), value), []).append(c)
    if not changes_by_value:
        return clusters
    uf = UnionFind(len(clusters))
    for c, cluster in enumerate(clusters):
        if cluster.is_change:
            continue
        (value,) = cluster.profile.values
        options = []
        for target in changes_by_value.get((repr(cluster.story), value), []):
            target_profile = clusters[target].profile
            if same_measure(cluster.profile, target_profile):
                options.append((-_shared_weight(cluster.profile, target_profile), target))
        if options:
            uf.union(c, min(options)[1])
    return [_combine([clusters[c] for c in group]) for group in uf.groups()]


def _majority(values: list[str]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]


def _consistent(a: tuple[float, set[str]], b: tuple[float, set[str]]) -> bool:
    """True when one value's qualifier allows the other ("about 300" and 310)."""
    for (value, qualifiers), other in ((a, b[0]), (b, a[0])):
        for q in qualifiers:
            if q in APPROXIMATE and abs(other - value) <= 0.1 * abs(value):
                return True
            # A bound allows values near it: "over 250" and 300, not "over 100" and 10,000.
            if q in LOWER_BOUND and value <= other <= 2 * value:
                return True
            if q in UPPER_BOUND and value / 2 <= other <= value:
                return True
    return False


def find_conflicts(
    records: Sequence[dict],
    clusters: list[FigureCluster],
    roots: list[set[str]],
    source_name: dict[str, str],
) -> dict[int, str]:
    """Cluster index → note, for clusters whose measure another cluster gives a different value."""
    eligible = [c for c, cl in enumerate(clusters) if not cl.is_change]
    keys = []
    for c in eligible:
        first = records[clusters[c].members[0]]
        scope = f"{clusters[c].story!r}|{first['kind']}|{first['unit'] or ''}|"
        if first["kind"] in ("date", "year") and not clusters[c].profile.measured:
            keys.append([])  # dates and years in passing are too common to compare by context
            continue
        words = [k for k in clusters[c].profile.blocking_keys() if not k.startswith("#")]
        keys.append([scope + k for k in words])
    rivals: dict[int, set[int]] = {}
    for a, b in candidate_pairs(keys, probe=lambda n: n, max_posting=50, min_shared=2):
        ca, cb = clusters[eligible[a]], clusters[eligible[b]]
        if ca.profile.values & cb.profile.values or roots[eligible[a]] & roots[eligible[b]]:
            continue
        ra, rb = records[ca.members[0]], records[cb.members[0]]
        if ra["value"] is not None and rb["value"] is not None and _consistent(
            (ra["value"], {records[i]["qualifier"] for i in ca.members} - {None}),
            (rb["value"], {records[i]["qualifier"] for i in cb.members} - {None}),
        ):
            continue
        if conflicting_measure(ca.profile, cb.profile):
            rivals.setdefault(eligible[a], set()).add(eligible[b])
            rivals.setdefault(eligible[b], set()).add(eligible[a])
    # Each fact lists itself and its direct rivals only: no chaining through a third value.
    notes: dict[int, str] = {}
    for c, others in rivals.items():
        parts = []
        for g in sorted({c} | others):
            label = _majority([records[i]["surface"].strip() for i in clusters[g].members]) or "?"
            names = sorted({source_name.get(d, d) for d in roots[g]})
            shown = ", ".join(names[:4]) + (f", +{len(names) - 4} more" if len(names) > 4 else "")
            parts.append((-len(roots[g]), label, f"{label} ({len(roots[g])}: {shown})"))
        notes[c] = "value: " + ", ".join(p[2] for p in sorted(parts))
    return notes


MAX_CLAUSE_WORDS = 20     # a statement without `measured` is the clause of the figure, up to this
_CLAUSE_BREAK = re.compile(r"\s*[;:()\u2014\u2013]\s*|\s+-\s+")


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def figure_clause(sentence: str, surface: str) -> str:
    """The clause of `sentence` that holds the figure, whole: never a window cut mid-phrase.

    Cut at semicolons, colons, dashes and brackets, then, while still longer than
    `MAX_CLAUSE_WORDS`, at commas (keeping the comma pieces next to the figure's that fit).
    "The two unions agreed June 3 following talks in Tarnow, Poland, to end the strike"
    → "The two unions agreed June 3 following talks in Tarnow".
    """
    sentence = " ".join(sentence.split())
    at = sentence.find(surface)
    if at < 0:
        return sentence.strip(" ,;:.")
    start = 0
    end = len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at + len(surface):
            end = min(end, m.start())
    clause = sentence[start:end]
    if len(clause.split()) > MAX_CLAUSE_WORDS:
        pieces = clause.split(", ")
        offset, home = 0, 0
        for k, piece in enumerate(pieces):
            if offset <= at - start < offset + len(piece) + 2:
                home = k
            offset += len(piece) + 2
        lo = hi = home
        words = len(pieces[home].split())
        while True:
            grew = False
            if hi + 1 < len(pieces) and words + len(pieces[hi + 1].split()) <= MAX_CLAUSE_WORDS:
                hi += 1
                words += len(pieces[hi].split())
                grew = True
            if lo > 0 and words + len(pieces[lo - 1].split()) <= MAX_CLAUSE_WORDS:
                lo -= 1
                words += len(pieces[lo].split())
                grew = True
            if not grew:
                break
        clause = ", ".join(pieces[lo:hi + 1])
    return clause.strip(" ,;:.\"\u201c\u201d")


def _change_text(by_role: dict[str, list[dict]]) -> str:
    """ "30% (from 145%)", "by 5% (from 20%)", "to 25%": the reported change, new value first."""
    surface = {role: _majority([r["surface"].strip() for r in rs]) for role, rs in by_role.items()
               if rs}
    if "to" in surface:
        main, extras = surface["to"], [f"{role} {surface[role]}" for role in ("from", "by")
                                       if role in surface]
    elif "by" in surface:
        main, extras = f"by {surface['by']}", [f"from {surface['from']}"] if "from" in surface \
            else []
    else:
        main, extras = f"from {surface['from']}", []
    return f"{main} ({', '.join(extras)})" if extras else main


def sentence_dates(records: Sequence[dict]) -> dict[tuple[str, str], str]:
    """(doc_id, sentence) → the first date written in that sentence ("May 12"), to say when."""
    out: dict[tuple[str, str], str] = {}
    for r in sorted(records, key=lambda r: (r["doc_id"], r["start"] or 0)):
        if r["kind"] == "date" and r["sentence"]:
            out.setdefault((r["doc_id"], r["sentence"]), r["surface"].strip())
    return out


def _when(recs: Sequence[dict], dates: dict[tuple[str, str], str]) -> str | None:
    """The date most mentions' sentences give, when at least half of them give one."""
    found = [dates.get((r["doc_id"], r["sentence"] or "")) for r in recs]
    known = [d for d in found if d]
    if not known or 2 * len(known) < len(recs):
        return None
    return _majority(known)


def figure_fact_fields(records: Sequence[dict], cluster: FigureCluster,
                       dates: dict[tuple[str, str], str] | None = None) -> dict:
    """Statement, value and unit of one figure fact.

    The statement is built from the parts: what is measured, the value with its qualifier and
    the change, and the date its sentences give, e.g. "US tariffs on Chinese goods: 30% (from
    145%), May 12", "Chinese students in US universities: over 300,000". Without `measured`, it
    is the figure's clause, whole.
    """
    recs = [records[i] for i in cluster.members]
    if cluster.is_change:
        by_role = {role: [r for r in recs if r["role"] == role] for role in ROLE_ORDER}
        label = _change_text(by_role) if any(by_role.values()) else ""
        if not label:  # linked without roles: list the values in order of appearance
            surfaces: dict[str, list[str]] = {}
            for r in sorted(recs, key=lambda r: (r["doc_id"], r["start"] or 0)):
                surfaces.setdefault(value_key(r), []).append(r["surface"].strip())
            label = " / ".join(_majority(v) or "?" for v in surfaces.values())
        main = by_role["to"] or by_role["by"] or recs
    else:
        main = recs
        label = _majority([r["surface"].strip() for r in recs]) or recs[0]["surface"].strip()
        qualifiers = [r["qualifier"] for r in recs if r["qualifier"]]
        if 2 * len(qualifiers) >= len(recs):
            qualifier = _majority(qualifiers)
            if not fold(label).startswith(fold(qualifier or "")):
                label = f"{qualifier} {label}"
    value_of = Counter(value_key(r) for r in main)
    top = sorted(value_of.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    chosen = [r for r in main if value_key(r) == top]
    measured = _majority([" ".join(r["measured"].split()) for r in recs if r["measured"]])
    if measured:
        statement = f"{_sentence_case(measured)}: {label}"
        when = _when(recs, dates or {}) if recs[0]["kind"] not in ("date", "year") else None
        if when and when not in statement:
            statement += f", {when}"
    else:
        surface = _majority([r["surface"] for r in chosen])
        rep = min((r for r in chosen if r["surface"] == surface), key=lambda r: r["figure_id"])
        statement = _sentence_case(figure_clause(rep["sentence"] or "", rep["surface"].strip())
                                   ) or label
    return {"statement": statement, "value": chosen[0]["value"], "unit": chosen[0]["unit"]}
