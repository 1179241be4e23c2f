"""Facts: every quote and figure mention grouped into the thing it states, across documents.

Quote mentions of one utterance merge across outlets' punctuation, spelling and cuts
(`quote_clusters`); figure mentions merge when they give the same value of the same
measure (`figure_clusters`). Both use blocking, never all pairs. Duplicated documents
count as their original. Fact ids stay stable across releases: a group inherits the id most of
its mentions had in the previous release. Given each document's story (`doc_stories`), figures
merge and conflict only within a story and short quotes join only within one; speakers are
canonical names per story (`speakers`). The model and its trade-offs: docs/facts.md.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from pipeline.core.facts.figure_clusters import (
    cluster_figures,
    figure_fact_fields,
    find_conflicts,
    sentence_dates,
)
from pipeline.core.facts.quote_clusters import (
    QuoteUnit,
    cluster_quotes,
    cross_story_keys,
    quote_fact_fields,
    quote_units,
    related_across_stories,
)
from pipeline.core.facts.speakers import canonical_speakers, speakers_table
from pipeline.core.text.ids import stable_id

FACTS_VERSION = "4"

FACT_COLUMNS = ["fact_id", "kind", "statement", "speaker", "value", "unit", "n_documents",
                "n_mentions", "doc_ids", "conflict", "conflict_note", "story_id"]
MENTION_COLUMNS = ["fact_id", "mention_id", "doc_id"]
# What the facts stage keeps between runs besides the facts: per story (null story: ""), a
# digest of everything its facts are built from and the long-quote keys that can link it to
# other stories (`quote_clusters.cross_story_keys`).
STATE_COLUMNS = ["story_id", "digest", "quote_keys"]

_QUOTE_FIELDS = ["quote_id", "doc_id", "text", "speaker", "venue", "speaker_mention"]
_FIGURE_FIELDS = ["figure_id", "doc_id", "surface", "start", "end", "kind", "value", "unit",
                  "qualifier", "measured", "date", "sentence", "role", "linked_figure_id",
                  "value_max"]


def _records(df: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as dicts; missing values (NaN, pd.NA, None, "") become None; absent columns too."""
    out = df.reindex(columns=columns).astype(object)
    out = out.where(out.notna(), None)
    records = out.to_dict("records")
    for rec in records:
        for key, value in rec.items():
            if isinstance(value, str) and not value.strip() and key not in ("text", "surface"):
                rec[key] = None
    return records


def document_roots(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id → the original it duplicates (following chains), or itself."""
    dup_of = {
        d: (dup if isinstance(dup, str) and dup else None)
        for d, dup in zip(documents["doc_id"], documents["duplicate_of"], strict=True)
    }
    roots: dict[str, str] = {}
    for doc in dup_of:
        seen, cur = {doc}, doc
        while dup_of.get(cur) and dup_of[cur] not in seen:
            cur = dup_of[cur]
            seen.add(cur)
        roots[doc] = cur
    return roots


def _source_names(documents: pd.DataFrame) -> dict[str, str]:
    """How a note names a document: its outlet when known, else its file."""
    names: dict[str, str] = {}
    for rec in _records(documents, ["doc_id", "outlet", "source"]):
        names[rec["doc_id"]] = rec["outlet"] or rec["source"] or rec["doc_id"]
    return names


def assign_fact_ids(
    groups: dict[Hashable, list[str]], previous: dict[str, str] | None
) -> dict[Hashable, str]:
    """Give each group (key → mention ids) a fact id, keeping ids from the previous release.

    A group inherits the previous fact id most of its mentions had; when two groups claim the
    same old id the larger keeps it. New groups get an id derived from their first mention.
    """
    previous = previous or {}
    claims: dict[str, list[tuple[int, Hashable]]] = {}
    for key, mentions in groups.items():
        olds = Counter(previous[m] for m in mentions if m in previous)
        if olds:
            old_id, n = sorted(olds.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            claims.setdefault(old_id, []).append((n, key))
    ids: dict[Hashable, str] = {}
    for old_id, claimants in claims.items():
        claimants.sort(key=lambda c: (-c[0], min(groups[c[1]])))
        ids[claimants[0][1]] = old_id
    used = set(ids.values()) | set(previous.values())
    for key, mentions in sorted(groups.items(), key=lambda kv: min(kv[1])):
        if key not in ids:
            candidate = stable_id("f", min(mentions))
            while candidate in used:
                candidate = stable_id("f", candidate)
            ids[key] = candidate
            used.add(candidate)
    return ids


def _story_lookup(documents: pd.DataFrame, root: Mapping[str, str],
                  doc_stories: Mapping[str, str | None] | None) -> dict[str, str | None]:
    """doc_id → story (a duplicate has its original's); without stories, one story for all."""
    if doc_stories is None:
        return {d: None for d in documents["doc_id"]}
    out: dict[str, str | None] = {}
    for d in documents["doc_id"]:
        story = doc_stories.get(root.get(d, d)) or doc_stories.get(d)
        out[d] = story if isinstance(story, str) and story else None
    return out


def canonicalise_speakers(quote_recs: list[dict], story_of: Mapping[str, str | None],
                          texts: Mapping[str, str] | None = None) -> dict[int, str]:
    """Each quote's speaker as the person's canonical name (per story); index → name."""
    pairs = [(r["speaker"], story_of.get(r["doc_id"])) for r in quote_recs if r["speaker"]]
    story_texts: dict[str | None, list[str]] = {}
    for doc, text in (texts or {}).items():
        if isinstance(text, str):
            story_texts.setdefault(story_of.get(doc), []).append(text)
    canonical = canonical_speakers(pairs, story_texts)
    out: dict[int, str] = {}
    for i, rec in enumerate(quote_recs):
        if rec["speaker"]:
            out[i] = canonical[(rec["speaker"], story_of.get(rec["doc_id"]))]
    return out


def build_speakers(
    documents: pd.DataFrame, quotes: pd.DataFrame,
    doc_stories: Mapping[str, str | None] | None = None,
) -> pd.DataFrame:
    """The `speakers` table: one row per canonical speaker (see `speakers`)."""
    root = document_roots(documents)
    story_of = _story_lookup(documents, root, doc_stories)
    recs = _records(quotes, _QUOTE_FIELDS)
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    canonical = canonicalise_speakers(recs, story_of, texts)
    return speakers_table(recs, canonical, root, story_of)


def _story_key(story: object) -> str:
    return story if isinstance(story, str) else ""


@dataclass
class StoredFacts:
    """The facts stage's previous output: facts, fact_mentions and the per-story state."""

    facts: pd.DataFrame
    mentions: pd.DataFrame
    state: pd.DataFrame


@dataclass
class FactsBuild:
    facts: pd.DataFrame
    mentions: pd.DataFrame
    state: pd.DataFrame
    stats: dict[str, object] = field(default_factory=dict)


def _digests(keys: Iterable[str], lines: Iterable[tuple[str, str]]) -> dict[str, str]:
    """story → sha256 of its sorted lines: changes whenever anything its facts read changes."""
    by_story: dict[str, list[str]] = {k: [] for k in keys}
    for story, line in lines:
        by_story.setdefault(story, []).append(line)
    out = {}
    for story, got in by_story.items():
        got.sort()
        out[story] = hashlib.sha256("\n".join(got).encode()).hexdigest()[:32]
    return out


def _stored_is_usable(stored: StoredFacts | None, previous: dict[str, str]) -> bool:
    """Stored facts can be kept only when they are what the latest release published (then
    every kept fact inherits its own id, uncontested) and their state is complete."""
    if stored is None or stored.state is None or not previous:
        return False
    if not set(STATE_COLUMNS) <= set(stored.state.columns) or stored.state["story_id"].isna().any():
        return False
    m = stored.mentions
    return len(m) == len(previous) and dict(zip(m["mention_id"], m["fact_id"],
                                                strict=True)) == previous


def build_facts_incremental(
    documents: pd.DataFrame,
    quotes: pd.DataFrame,
    figures: pd.DataFrame,
    previous_mentions: pd.DataFrame | None = None,
    doc_stories: Mapping[str, str | None] | None = None,
    stored: StoredFacts | None = None,
) -> FactsBuild:
    """Facts, fact_mentions and the per-story state, recomputing only the stories whose inputs
    changed since `stored` (and those linked to them by long shared quotes); every other fact
    is kept as stored. Without `stored` (or when it cannot be trusted) every story is built.
    Either way the result is the same: the groups of a story depend only on its own records
    and on the quotes that link it to other stories (see docs/facts.md, "Incremental").
    """
    root = document_roots(documents)
    story_of = _story_lookup(documents, root, doc_stories)
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    previous = (
        dict(zip(previous_mentions["mention_id"], previous_mentions["fact_id"], strict=True))
        if previous_mentions is not None and len(previous_mentions)
        else {}
    )
    quote_recs = _records(quotes, _QUOTE_FIELDS)
    figure_recs = _records(figures, _FIGURE_FIELDS)
    for rec in quote_recs:
        rec["text"] = rec["text"] or ""
        rec["story"] = story_of.get(rec["doc_id"])
    # Canonical names depend on the whole release (the most common form of a person, a bare
    # surname resolved release-wide), so they are computed every run; a story whose names
    # change is recomputed through its digest.
    for i, name in canonicalise_speakers(quote_recs, story_of, texts).items():
        quote_recs[i]["speaker"] = name
    for rec in figure_recs:
        rec["surface"] = rec["surface"] or ""
        rec["story"] = story_of.get(rec["doc_id"])
    names = _source_names(documents)

    doc_story = {d: _story_key(s) for d, s in story_of.items()}
    stories_now = set(doc_story.values())
    digest = _digests(stories_now, (
        *((doc_story[d], f"d|{d}|{root.get(d, d)}|{names.get(d)}") for d in doc_story),
        *((doc_story.get(r["doc_id"], ""), f"q|{r['quote_id']}|{r['doc_id']}|{r['speaker']}")
          for r in quote_recs),
        *((doc_story.get(r["doc_id"], ""), f"f|{r['figure_id']}|{r['doc_id']}")
          for r in figure_recs),
    ))
    quotes_of: dict[str, list[int]] = {}
    for i, rec in enumerate(quote_recs):
        quotes_of.setdefault(_story_key(rec["story"]), []).append(i)

    units_cache: dict[str, list[tuple[QuoteUnit, set[int]]]] = {}

    def long_units(story: str) -> list[tuple[QuoteUnit, set[int]]]:
        if story not in units_cache:
            recs = [quote_recs[i] for i in quotes_of.get(story, [])]
            units_cache[story] = [(u, keys) for u in quote_units(recs)
                                  if (keys := cross_story_keys(u.tokens))]
        return units_cache[story]

    usable = _stored_is_usable(stored, previous)
    if usable:
        assert stored is not None
        old_state = stored.state
        old_digest = dict(zip(old_state["story_id"], old_state["digest"], strict=True))
        dirty = {s for s in stories_now if old_digest.get(s) != digest[s]}
        dirty |= set(old_digest) - stories_now
        todo = _closure(dirty, stored, doc_story, long_units)
    else:
        todo = set(stories_now)

    drafts = _drafts(
        [quote_recs[i] for i in range(len(quote_recs))
         if _story_key(quote_recs[i]["story"]) in todo],
        [r for r in figure_recs if _story_key(r["story"]) in todo],
        root, texts, names,
    )
    ids = assign_fact_ids({k: [m for m, _ in d["mentions"]] for k, d in enumerate(drafts)},
                          previous)
    facts, mentions = [], []
    for k, draft in enumerate(drafts):
        doc_ids = sorted({root.get(d, d) for _, d in draft["mentions"]})
        notes = draft["notes"]
        stories = {story_of.get(d) for _, d in draft["mentions"]}
        facts.append({
            "fact_id": ids[k], "kind": draft["kind"], "statement": draft["statement"],
            "speaker": draft["speaker"], "value": draft["value"], "unit": draft["unit"],
            "n_documents": len(doc_ids), "n_mentions": len(draft["mentions"]),
            "doc_ids": doc_ids, "conflict": bool(notes),
            "conflict_note": "; ".join(notes) if notes else None,
            "story_id": next(iter(stories)) if len(stories) == 1 else None,
        })
        mentions.extend({"fact_id": ids[k], "mention_id": m, "doc_id": d}
                        for m, d in draft["mentions"])
    facts_df = pd.DataFrame(facts, columns=FACT_COLUMNS)
    mentions_df = pd.DataFrame(mentions, columns=MENTION_COLUMNS)
    state_rows = [{"story_id": s, "digest": digest[s],
                   "quote_keys": sorted(set().union(*(k for _, k in long_units(s))))}
                  for s in sorted(todo & stories_now)]
    state_df = pd.DataFrame(state_rows, columns=STATE_COLUMNS)
    kept_mentions = 0
    if usable and todo != stories_now:
        assert stored is not None
        keep_m = stored.mentions[~_touches(stored.mentions, todo, doc_story)]
        keep_ids = set(keep_m["fact_id"])
        keep_f = stored.facts[stored.facts["fact_id"].isin(keep_ids)]
        kept_mentions = len(keep_m)
        facts_df = pd.concat([keep_f.reindex(columns=FACT_COLUMNS), facts_df], ignore_index=True)
        mentions_df = pd.concat([keep_m.reindex(columns=MENTION_COLUMNS), mentions_df],
                                ignore_index=True)
        keep_s = stored.state[~stored.state["story_id"].isin(todo)
                              & stored.state["story_id"].isin(stories_now)]
        state_df = pd.concat([keep_s.reindex(columns=STATE_COLUMNS), state_df],
                             ignore_index=True)
    return FactsBuild(
        facts_df.sort_values("fact_id", kind="stable").reset_index(drop=True),
        mentions_df.sort_values(["fact_id", "mention_id"], kind="stable").reset_index(drop=True),
        state_df.sort_values("story_id", kind="stable").reset_index(drop=True),
        {"incremental": usable, "stories": len(stories_now),
         "stories_recomputed": len(todo & stories_now),
         "mentions_recomputed": len(mentions), "mentions_kept": kept_mentions},
    )


def _touches(mentions: pd.DataFrame, todo: set[str], doc_story: Mapping[str, str]) -> pd.Series:
    """Stored mentions whose fact must be rebuilt: of a story being recomputed, or of a document
    that is gone (its story is being recomputed too). A fact is dropped whole."""
    story = mentions["doc_id"].map(doc_story)
    hit = story.isna() | story.isin(todo)
    bad = set(mentions.loc[hit, "fact_id"])
    return mentions["fact_id"].isin(bad)


def _closure(dirty: set[str], stored: StoredFacts, doc_story: Mapping[str, str],
             long_units) -> set[str]:
    """The stories to recompute: the dirty ones, every story a stored fact joined to one of
    them (its groups may fall apart), and every story with a long quote that now relates to
    one of theirs (its groups may grow). Repeated until nothing is added."""
    linked: dict[str, set[str]] = {}
    multi = stored.facts.loc[stored.facts["story_id"].isna(), "fact_id"]
    if len(multi):
        m = stored.mentions[stored.mentions["fact_id"].isin(set(multi))]
        for _, docs in m.groupby("fact_id")["doc_id"]:
            group = {doc_story[d] for d in docs if d in doc_story}
            for s in group:
                linked.setdefault(s, set()).update(group)
    # A fact with a mention of a document that is gone falls apart wherever its other
    # documents are (the gone document's own story is dirty already).
    gone = ~stored.mentions["doc_id"].isin(doc_story.keys())
    hit = stored.mentions["fact_id"].isin(set(stored.mentions.loc[gone, "fact_id"]))
    dirty = dirty | {doc_story[d] for d in stored.mentions.loc[hit & ~gone, "doc_id"]}
    keys = stored.state.loc[:, ["story_id", "quote_keys"]].explode("quote_keys").dropna()
    todo = set(dirty)
    frontier = sorted(dirty)
    while frontier:
        story = frontier.pop()
        found = set(linked.get(story, ())) - todo
        mine = long_units(story)
        wanted = set().union(*(k for _, k in mine)) if mine else set()
        if wanted:
            near = keys[keys["quote_keys"].isin(wanted) & ~keys["story_id"].isin(todo | found)]
            for other in sorted(set(near["story_id"])):
                theirs = long_units(other)
                if any(ka & kb and related_across_stories(a, b)
                       for a, ka in mine for b, kb in theirs):
                    found.add(other)
        todo |= found
        frontier.extend(sorted(found))
    return todo


def _drafts(quote_recs: list[dict], figure_recs: list[dict], root: dict[str, str],
            texts: dict[str, str], names: dict[str, str]) -> list[dict]:
    """Fact drafts (fields and mentions, no ids) from the records of some closed set of stories."""
    drafts: list[dict] = []
    for group in cluster_quotes(quote_recs):
        recs = [quote_recs[i] for i in group]
        fields = quote_fact_fields(recs, root)
        drafts.append({
            "kind": "quote", "statement": fields["statement"], "speaker": fields["speaker"],
            "value": None, "unit": None, "notes": fields["notes"],
            "mentions": [(r["quote_id"], r["doc_id"]) for r in recs],
        })
    clusters = cluster_figures(figure_recs, texts)
    cluster_roots = [{root.get(figure_recs[i]["doc_id"], figure_recs[i]["doc_id"])
                      for i in c.members} for c in clusters]
    conflicts = find_conflicts(figure_recs, clusters, cluster_roots, names)
    dates = sentence_dates(figure_recs)
    for c, cluster in enumerate(clusters):
        fields = figure_fact_fields(figure_recs, cluster, dates)
        drafts.append({
            "kind": "figure", "statement": fields["statement"], "speaker": None,
            "value": fields["value"], "unit": fields["unit"],
            "notes": [conflicts[c]] if c in conflicts else [],
            "mentions": [(figure_recs[i]["figure_id"], figure_recs[i]["doc_id"])
                         for i in cluster.members],
        })
    return drafts


def build_facts(
    documents: pd.DataFrame,
    quotes: pd.DataFrame,
    figures: pd.DataFrame,
    previous_mentions: pd.DataFrame | None = None,
    doc_stories: Mapping[str, str | None] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(facts, fact_mentions) from every stored mention; see the module docstring.

    `doc_stories` maps doc_id → story_id; without it all documents count as one story.
    """
    built = build_facts_incremental(documents, quotes, figures, previous_mentions, doc_stories)
    return built.facts, built.mentions
