"""Incremental facts: recompute only what new or removed mentions can change, with the same
facts, mentions and fact ids, byte for byte, as a full build of the same inputs.

What a fact depends on, and what is kept between runs to know when it changes:

* **Figure facts** merge and conflict only within one story, so a story's figure facts are a
  function of its own figure records, documents (duplicate roots, outlet names, texts) and
  nothing else (a note names each figure's root document, so the root's outlet name counts
  even when only its duplicate has figures). Each story's figure inputs are digested
  (`fact_state.figure_digest`); a story with the same digest keeps its stored figure facts.
* **Quote facts** are groups of quote units (one wording in one story) linked by candidate pairs
  from an inverted index of 3-word runs. Units of different stories link only through long
  wording (8+ words) and agreeing speakers, but the index is release-wide: a unit looks up
  its rarest runs (by count over the whole release), and runs held by more than 200 units are
  stock phrases, skipped everywhere. So besides each story's digest of its quote records
  (`fact_state.quote_digest`, with canonical speakers: the most common form of a name is
  release-wide) the count of every run is kept (`fact_keys`). A unit whose looked-up runs
  change when counts move (a run turning rare, common, or crossing the stock-phrase cap: a
  "flip") is treated as changed.

An incremental run then recomputes the region of the quote graph the changes can reach: the
stored groups that hold a changed story's mentions, a removed document's, or a changed unit's,
plus the stored groups of every unit that relates to a changed unit (same wording, fragment or
overlap). Inside the region every unit's pairs are looked up again in the new index (also
with units outside it); a unit outside the region keeps its links, so when a region unit joins
one, that unit's whole stored group joins the new group. Everything else is kept as stored;
fact ids follow the previous release as in a full build (`build.assign_fact_ids`), which is
why stored facts are only used when they are what the previous release published.

Example: a new article quotes a council leader's "we will reopen the ferry before the summer
season"; its story's units are new, the stored group of that utterance (and only it) is
recomputed, and the fact gains a document while the 500 other stories keep their facts.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pipeline.core.facts import blocking
from pipeline.core.facts.blocking import UnionFind
from pipeline.core.facts.build import (
    _FIGURE_FIELDS,
    FACT_COLUMNS,
    MENTION_COLUMNS,
    Prepared,
    figure_drafts,
    finish_drafts,
    prepare,
    quote_drafts,
    sorted_frames,
)
from pipeline.core.facts.quote_clusters import (
    QuoteUnit,
    cluster_quotes,
    probe_count,
    quote_units,
    relation,
    unit_shingles,
)

# Per story ("" for documents without one): digests of what its quote and figure facts read.
STATE_COLUMNS = ["story_id", "quote_digest", "figure_digest"]
# Per 3-word run of a quote unit (words joined by spaces): how many units hold it.
KEY_COLUMNS = ["key", "count"]

Shingle = tuple[str, ...]


@dataclass
class StoredFacts:
    """What the previous facts build wrote: facts, fact_mentions, fact_state, fact_keys."""

    facts: pd.DataFrame
    mentions: pd.DataFrame
    state: pd.DataFrame
    keys: pd.DataFrame


@dataclass
class FactsBuild:
    """A build's tables, and what it recomputed (`stats`)."""

    facts: pd.DataFrame
    mentions: pd.DataFrame
    speakers: pd.DataFrame
    state: pd.DataFrame
    keys: pd.DataFrame
    stats: dict[str, object] = field(default_factory=dict)


def _story_key(story: object) -> str:
    return story if isinstance(story, str) else ""


def _digests(lines: Iterable[tuple[str, str]]) -> dict[str, str]:
    """story → sha256 of its sorted lines."""
    by_story: dict[str, list[str]] = {}
    for story, line in lines:
        by_story.setdefault(story, []).append(line)
    return {s: hashlib.sha256("\n".join(sorted(got)).encode()).hexdigest()[:32]
            for s, got in by_story.items()}


def _text_hash(text: object) -> str:
    return hashlib.sha256(str(text).encode()).hexdigest()[:16] if isinstance(text, str) else ""


def story_digests(p: Prepared) -> tuple[dict[str, str], dict[str, str]]:
    """(story → quote digest, story → figure digest): everything each story's quote and
    figure facts are built from, so an equal digest means equal facts. Figure rows are hashed
    as stored (`pd.util.hash_pandas_object`, 64 bits a row), without building their records."""
    q = _digests((
        _story_key(r["story"]),
        "\x1f".join(str(x) for x in (r["quote_id"], r["doc_id"], p.root.get(r["doc_id"]),
                                     r["text"], r["speaker"], r["venue"])))
        for r in p.quote_recs)
    return q, _figure_digests(p)


def _figure_digests(p: Prepared) -> dict[str, str]:
    figures = p.figures
    if not len(figures):
        return {}
    rows = pd.util.hash_pandas_object(figures.reindex(columns=_FIGURE_FIELDS), index=False)
    docs = figures["doc_id"].tolist()
    by_story: dict[str, list[int]] = {}
    for doc, h in zip(docs, rows.tolist(), strict=True):
        by_story.setdefault(_story_key(p.story_of.get(doc)), []).append(h)
    doc_lines: dict[str, list[str]] = {}
    for d in sorted(set(docs)):
        # Conflict notes name each figure's root document (`find_conflicts`), which may have
        # no figures of its own (a duplicate's original): its name goes in, as the note reads it.
        root = p.root.get(d, d)
        doc_lines.setdefault(_story_key(p.story_of.get(d)), []).append("\x1f".join(
            [d, str(p.root.get(d)), str(p.names.get(d)), str(p.names.get(root, root)),
             _text_hash(p.texts.get(d))]))
    out = {}
    for story, hashes in by_story.items():
        h = hashlib.sha256(np.sort(np.array(hashes, dtype=np.uint64)).tobytes())
        h.update("\n".join(doc_lines.get(story, ())).encode())
        out[story] = h.hexdigest()[:32]
    return out


def _join(key: Shingle) -> str:
    return " ".join(key)


class _RunIndex:
    """The quote units' 3-word runs: counts, holders, and each unit's looked-up runs, exactly
    as `blocking.candidate_pairs` sees them (`probe_count` rarest usable runs, ties by repr)."""

    def __init__(self, units: list[QuoteUnit]) -> None:
        self.keys = [set(unit_shingles(u.tokens)) for u in units]
        self.freq: Counter[Shingle] = Counter()
        for ks in self.keys:
            self.freq.update(ks)
        self.holders: dict[Shingle, list[int]] = {}
        for u, ks in enumerate(self.keys):
            for k in ks:
                self.holders.setdefault(k, []).append(u)
        self._probes: dict[int, frozenset[Shingle]] = {}
        self._probers: dict[Shingle, list[int]] | None = None

    @staticmethod
    def usable(count: int) -> bool:
        return 1 < count <= blocking.MAX_POSTING

    def probes(self, u: int, count: Mapping[Shingle, int] | None = None) -> frozenset[Shingle]:
        """The runs unit `u` looks up, under the current counts or under `count` (overrides)."""
        if count is None and u in self._probes:
            return self._probes[u]
        freq = self.freq

        def n_of(k: Shingle) -> int:
            return count[k] if count is not None and k in count else freq[k]

        usable = [k for k in self.keys[u] if self.usable(n_of(k))]
        usable.sort(key=lambda k: (n_of(k), repr(k)))
        out = frozenset(usable[: probe_count(len(usable))])
        if count is None:
            self._probes[u] = out
        return out

    def pairs_of(self, u: int) -> set[int]:
        """Every unit that `candidate_pairs` pairs with `u`: through u's runs or theirs."""
        if self._probers is None:  # run → units that look it up, built once when first needed
            self._probers = {}
            for j in range(len(self.keys)):
                for k in self.probes(j):
                    self._probers.setdefault(k, []).append(j)
        out: set[int] = set()
        for k in self.probes(u):
            out.update(self.holders[k])
        for k in self.keys[u]:
            out.update(self._probers.get(k, ()))
        out.discard(u)
        return out


def _stored_is_usable(stored: StoredFacts | None, previous: dict[str, str]) -> bool:
    """Stored facts are kept only when they are what the previous release published (then a
    kept fact inherits its own id, uncontested, as in a full build) and the state is whole."""
    if stored is None or not previous or stored.state is None or stored.keys is None:
        return False
    if not (set(STATE_COLUMNS) <= set(stored.state.columns)
            and set(KEY_COLUMNS) <= set(stored.keys.columns)):
        return False
    m = stored.mentions
    return len(m) == len(previous) and dict(zip(m["mention_id"], m["fact_id"],
                                                strict=True)) == previous


def _state_frames(q_digest: dict[str, str], f_digest: dict[str, str],
                  index: _RunIndex) -> tuple[pd.DataFrame, pd.DataFrame]:
    stories = sorted(set(q_digest) | set(f_digest))
    state = pd.DataFrame({"story_id": stories,
                          "quote_digest": [q_digest.get(s, "") for s in stories],
                          "figure_digest": [f_digest.get(s, "") for s in stories]},
                         columns=STATE_COLUMNS)
    keys = sorted((_join(k), n) for k, n in index.freq.items())
    return state, pd.DataFrame({"key": [k for k, _ in keys], "count": [n for _, n in keys]},
                               columns=KEY_COLUMNS)


def build_facts_incremental(
    documents: pd.DataFrame,
    quotes: pd.DataFrame,
    figures: pd.DataFrame,
    previous_mentions: pd.DataFrame | None = None,
    doc_stories: Mapping[str, str | None] | None = None,
    stored: StoredFacts | None = None,
) -> FactsBuild:
    """Facts, fact_mentions, speakers and the state for the next run, recomputing only what
    changed since `stored` (see the module docstring). Without `stored`, or when it is not
    what `previous_mentions` (the latest release) published, everything is built; the output
    is the same either way, and the same as `build.build_facts`."""
    p = prepare(documents, quotes, figures, previous_mentions, doc_stories)
    units = quote_units(p.quote_recs)
    index = _RunIndex(units)
    q_digest, f_digest = story_digests(p)
    state, keys = _state_frames(q_digest, f_digest, index)
    if not _stored_is_usable(stored, p.previous):
        drafts = quote_drafts(p.quote_recs, cluster_quotes(p.quote_recs), p.root)
        drafts += figure_drafts(p.figure_records(), p.texts, p.root, p.names)
        facts, mentions = finish_drafts(drafts, p.previous, p.root, p.story_of)
        f_df, m_df = sorted_frames(pd.DataFrame(facts, columns=FACT_COLUMNS),
                                   pd.DataFrame(mentions, columns=MENTION_COLUMNS))
        stories = len(set(q_digest) | set(f_digest))
        return FactsBuild(f_df, m_df, p.speakers, state, keys, {
            "incremental": False, "stories": stories, "quote_stories_changed": stories,
            "figure_stories_changed": stories, "quote_units": len(units),
            "quote_units_recomputed": len(units), "mentions_recomputed": len(m_df),
            "mentions_kept": 0})
    assert stored is not None
    return _incremental(p, units, index, q_digest, f_digest, state, keys, stored)


def _incremental(p: Prepared, units: list[QuoteUnit], index: _RunIndex,
                 q_digest: dict[str, str], f_digest: dict[str, str], state: pd.DataFrame,
                 keys: pd.DataFrame, stored: StoredFacts) -> FactsBuild:
    old_q = dict(zip(stored.state["story_id"], stored.state["quote_digest"], strict=True))
    old_f = dict(zip(stored.state["story_id"], stored.state["figure_digest"], strict=True))
    quote_changed = {s for s in set(q_digest) | set(old_q)
                     if q_digest.get(s, "") != old_q.get(s, "")}
    figure_changed = {s for s in set(f_digest) | set(old_f)
                      if f_digest.get(s, "") != old_f.get(s, "")}

    kind_of = dict(zip(stored.facts["fact_id"], stored.facts["kind"], strict=True))
    m_fact = stored.mentions["fact_id"].to_numpy()
    m_id = stored.mentions["mention_id"].to_numpy()
    m_doc = stored.mentions["doc_id"].to_numpy()
    old_fact: dict[str, str] = {}          # quote mention → its stored fact
    fact_mentions: dict[str, list[str]] = {}
    region_facts: set[str] = set()         # stored quote facts to recompute
    for fid, mid, doc in zip(m_fact, m_id, m_doc, strict=True):
        if kind_of.get(fid) != "quote":
            continue
        old_fact[mid] = fid
        fact_mentions.setdefault(fid, []).append(mid)
        if doc not in p.story_of or _story_key(p.story_of[doc]) in quote_changed:
            region_facts.add(fid)

    record_of = {r["quote_id"]: i for i, r in enumerate(p.quote_recs)}
    unit_of = [0] * len(p.quote_recs)
    for u, unit in enumerate(units):
        for i in unit.members:
            unit_of[i] = u
    changed = {u for u, unit in enumerate(units)
               if _story_key(next(iter(unit.stories))) in quote_changed}

    # Units whose looked-up runs moved with the counts (a run turned rare or common, or
    # crossed the stock-phrase cap) pair differently: they count as changed.
    stored_count = dict(zip(stored.keys["key"], stored.keys["count"], strict=True))
    old_count = {}
    for k, n in index.freq.items():
        before = stored_count.get(_join(k), 0)
        if before != n:
            old_count[k] = int(before)
    moved = set()
    for k, before in old_count.items():
        if not (index.usable(before) or index.usable(index.freq[k])):
            continue
        for u in index.holders[k]:
            if u not in changed and u not in moved and (
                    index.probes(u) != index.probes(u, old_count)):
                moved.add(u)
    for u in moved:
        region_facts.add(old_fact[p.quote_recs[units[u].members[0]]["quote_id"]])
    changed |= moved

    def fact_of_unit(u: int) -> str | None:
        return old_fact.get(p.quote_recs[units[u].members[0]]["quote_id"])

    relations: dict[tuple[int, int], str | None] = {}

    def rel(a: int, b: int) -> str | None:
        key = (a, b) if a < b else (b, a)
        if key not in relations:
            relations[key] = relation(units[key[0]], units[key[1]])
        return relations[key]

    pairs: dict[int, set[int]] = {}
    for u in sorted(changed):
        pairs[u] = index.pairs_of(u)
        for v in pairs[u]:
            if v not in changed and rel(u, v) is not None:
                fid = fact_of_unit(v)
                if fid is not None:
                    region_facts.add(fid)

    region = set(changed)
    for fid in region_facts:
        for mid in fact_mentions.get(fid, ()):
            if mid in record_of:
                region.add(unit_of[record_of[mid]])

    # Union-find over region units, then one node per stored group outside the region that a
    # region unit links to (its group is unchanged inside and joins as a whole).
    order = sorted(region)
    node = {u: n for n, u in enumerate(order)}
    outside: dict[str, int] = {}
    links: list[tuple[int, int]] = []
    best: dict[int, tuple[tuple[int, int], int]] = {}

    def node_of(v: int) -> int:
        if v in node:
            return node[v]
        fid = fact_of_unit(v)
        assert fid is not None and fid not in region_facts
        return outside.setdefault(fid, len(order) + len(outside))

    for u in order:
        for v in sorted(pairs[u] if u in pairs else index.pairs_of(u)):
            r = rel(u, v)
            if r is None:
                continue
            if r == "same":
                links.append((node[u], node_of(v)))
                continue
            a, b = (u, v) if u < v else (v, u)
            child, parent = (a, b) if r == "a_in_b" else (b, a)
            if child != u:
                continue  # a child outside the region keeps its container
            score = (len(units[parent].tokens), -parent)
            if child not in best or score > best[child][0]:
                best[child] = (score, parent)
    for child, (_, parent) in sorted(best.items()):
        links.append((node[child], node_of(parent)))
    uf = UnionFind(len(order) + len(outside))
    for a, b in links:
        uf.union(a, b)
    outside_of: dict[int, list[str]] = {}
    for fid, n in outside.items():
        outside_of.setdefault(n, []).append(fid)
    groups: list[list[int]] = []
    for members in uf.groups():
        recs: list[int] = []
        for n in members:
            if n < len(order):
                recs.extend(units[order[n]].members)
            else:
                recs.extend(record_of[mid] for fid in outside_of[n]
                            for mid in fact_mentions[fid])
        if recs:
            groups.append(sorted(recs))
    dropped = region_facts | set(outside)

    figure_recs = p.figure_records({s or None for s in figure_changed})
    drafts = quote_drafts(p.quote_recs, groups, p.root)
    drafts += figure_drafts(figure_recs, p.texts, p.root, p.names)
    facts, mentions = finish_drafts(drafts, p.previous, p.root, p.story_of)

    f_story = stored.facts["story_id"].map(_story_key)
    is_figure = stored.facts["kind"] == "figure"
    drop = (is_figure & f_story.isin(figure_changed)) | (
        ~is_figure & stored.facts["fact_id"].isin(dropped))
    kept_f = stored.facts[~drop]
    kept_m = stored.mentions[stored.mentions["fact_id"].isin(set(kept_f["fact_id"]))]
    f_df, m_df = sorted_frames(
        pd.concat([kept_f.reindex(columns=FACT_COLUMNS),
                   pd.DataFrame(facts, columns=FACT_COLUMNS)], ignore_index=True),
        pd.concat([kept_m.reindex(columns=MENTION_COLUMNS),
                   pd.DataFrame(mentions, columns=MENTION_COLUMNS)], ignore_index=True))
    return FactsBuild(f_df, m_df, p.speakers, state, keys, {
        "incremental": True, "stories": len(set(q_digest) | set(f_digest)),
        "quote_stories_changed": len(quote_changed & set(q_digest)),
        "figure_stories_changed": len(figure_changed & set(f_digest)),
        "quote_units": len(units), "quote_units_recomputed": len(region),
        "quote_units_moved": len(moved), "quote_facts_merged_in": len(outside),
        "mentions_recomputed": len(mentions), "mentions_kept": len(kept_m)})

