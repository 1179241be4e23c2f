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

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import pandas as pd

from pipeline.core.facts.figure_clusters import (
    cluster_figures,
    figure_fact_fields,
    find_conflicts,
    sentence_dates,
)
from pipeline.core.facts.quote_clusters import cluster_quotes, quote_fact_fields
from pipeline.core.facts.speakers import canonical_speakers, speakers_table
from pipeline.core.text.ids import stable_id

FACTS_VERSION = "3"

FACT_COLUMNS = ["fact_id", "kind", "statement", "speaker", "value", "unit", "n_documents",
                "n_mentions", "doc_ids", "conflict", "conflict_note", "story_id"]
MENTION_COLUMNS = ["fact_id", "mention_id", "doc_id"]

_QUOTE_FIELDS = ["quote_id", "doc_id", "text", "speaker", "venue", "speaker_mention"]
_FIGURE_FIELDS = ["figure_id", "doc_id", "surface", "start", "end", "kind", "value", "unit",
                  "qualifier", "measured", "date", "sentence", "role", "linked_figure_id",
                  "value_max"]


def _column_values(df: pd.DataFrame, column: str) -> list:
    """A column as Python values, missing ones (NaN, pd.NA, None; blank strings outside the
    span columns "text" and "surface") as None; an absent column is all None."""
    if column not in df.columns:
        return [None] * len(df)
    col = df[column]
    values = col.astype(object).where(col.notna(), None).tolist()
    if column in ("text", "surface"):
        return values
    return [None if isinstance(v, str) and not v.strip() else v for v in values]


def _records(df: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as dicts; missing values (NaN, pd.NA, None, "") become None; absent columns too.
    Built column by column (a row-wise `to_dict` of Arrow-backed strings is several times
    slower: 500,000 mentions)."""
    cols = [_column_values(df, c) for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*cols, strict=True)]


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
    """The `speakers` table: one row per canonical speaker (see `speakers`), as a facts
    build makes it (`prepare`)."""
    return prepare(documents, quotes, pd.DataFrame(columns=_FIGURE_FIELDS), None,
                   doc_stories).speakers


@dataclass
class Prepared:
    """The records every facts build starts from: mentions as dicts with their story and
    canonical speaker, duplicate roots, texts, the previous release's mention → fact ids."""

    root: dict[str, str]
    story_of: dict[str, str | None]
    texts: dict[str, str]
    previous: dict[str, str]
    quote_recs: list[dict]
    figures: pd.DataFrame
    names: dict[str, str]
    speakers: pd.DataFrame

    def figure_records(self, stories: set[str | None] | None = None) -> list[dict]:
        """Figure records (in table order) of the documents of `stories`, or of all."""
        figures = self.figures
        if stories is not None:
            figures = figures[figures["doc_id"].map(self.story_of).isin(stories)]
        recs = _records(figures, _FIGURE_FIELDS)
        for rec in recs:
            rec["surface"] = rec["surface"] or ""
            rec["story"] = self.story_of.get(rec["doc_id"])
        return recs


def prepare(
    documents: pd.DataFrame,
    quotes: pd.DataFrame,
    figures: pd.DataFrame,
    previous_mentions: pd.DataFrame | None = None,
    doc_stories: Mapping[str, str | None] | None = None,
) -> Prepared:
    """Records with stories and canonical speakers, and the `speakers` table from the same
    canonical names (one canonicalisation for both)."""
    root = document_roots(documents)
    story_of = _story_lookup(documents, root, doc_stories)
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    previous = (
        dict(zip(previous_mentions["mention_id"], previous_mentions["fact_id"], strict=True))
        if previous_mentions is not None and len(previous_mentions)
        else {}
    )
    quote_recs = _records(quotes, _QUOTE_FIELDS)
    for rec in quote_recs:
        rec["text"] = rec["text"] or ""
        rec["story"] = story_of.get(rec["doc_id"])
    canonical = canonicalise_speakers(quote_recs, story_of, texts)
    as_written = [{"speaker": r["speaker"], "speaker_mention": r["speaker_mention"],
                   "doc_id": r["doc_id"]} for r in quote_recs]
    speakers = speakers_table(as_written, canonical, root, story_of)
    for i, name in canonical.items():
        quote_recs[i]["speaker"] = name
    return Prepared(root, story_of, texts, previous, quote_recs, figures,
                    _source_names(documents), speakers)


def quote_drafts(quote_recs: list[dict], groups: list[list[int]],
                 root: Mapping[str, str]) -> list[dict]:
    """A fact draft (fields and mentions, no id yet) per group of quote record indices."""
    drafts: list[dict] = []
    for group in groups:
        recs = [quote_recs[i] for i in group]
        fields = quote_fact_fields(recs, root)
        drafts.append({
            "kind": "quote", "statement": fields["statement"], "speaker": fields["speaker"],
            "value": None, "unit": None, "notes": fields["notes"],
            "mentions": [(r["quote_id"], r["doc_id"]) for r in recs],
        })
    return drafts


def figure_drafts(figure_recs: list[dict], texts: dict[str, str], root: Mapping[str, str],
                  names: dict[str, str]) -> list[dict]:
    """Fact drafts of figure records (whole stories: figures merge and conflict only within
    one, so any set of whole stories gives each story's drafts as a full build would)."""
    drafts: list[dict] = []
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


def finish_drafts(drafts: list[dict], previous: dict[str, str], root: Mapping[str, str],
                  story_of: Mapping[str, str | None]) -> tuple[list[dict], list[dict]]:
    """Fact rows and mention rows of drafts, with ids kept from the previous release."""
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
    return facts, mentions


def sorted_frames(facts: pd.DataFrame, mentions: pd.DataFrame
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Facts by fact_id, mentions by (fact_id, mention_id): the stored order."""
    return (
        facts.sort_values("fact_id", kind="stable").reset_index(drop=True),
        mentions.sort_values(["fact_id", "mention_id"], kind="stable").reset_index(drop=True),
    )


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
    p = prepare(documents, quotes, figures, previous_mentions, doc_stories)
    drafts = quote_drafts(p.quote_recs, cluster_quotes(p.quote_recs), p.root)
    drafts += figure_drafts(p.figure_records(), p.texts, p.root, p.names)
    facts, mentions = finish_drafts(drafts, p.previous, p.root, p.story_of)
    return sorted_frames(pd.DataFrame(facts, columns=FACT_COLUMNS),
                         pd.DataFrame(mentions, columns=MENTION_COLUMNS))
