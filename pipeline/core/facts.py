"""Facts: every quote and figure mention grouped into the thing it states, across documents.

First version: quotes group by their normalised wording, figures by kind, value, unit and what
they measure. Later work (issue 6) adds fuzzy matching, containment and value conflicts.
Fact ids stay stable across releases by inheriting the id a group's mentions had before.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable

import pandas as pd

from pipeline.core.ids import stable_id

FACTS_VERSION = "1"

FACT_COLUMNS = ["fact_id", "kind", "statement", "speaker", "value", "unit", "n_documents",
                "n_mentions", "doc_ids", "conflict", "conflict_note"]
MENTION_COLUMNS = ["fact_id", "mention_id", "doc_id"]


def _norm_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'")))


def _counts_note(label: str, values: list[str]) -> str | None:
    counts = Counter(v for v in values if v)
    if len(counts) < 2:
        return None
    parts = ", ".join(f"{v} ({n})" for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{label}: {parts}"


def _majority(values: list[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts with missing values as None (pandas gives NaN for missing strings)."""
    return df.astype(object).where(df.notna(), None).to_dict("records")


def quote_group_key(row: pd.Series) -> Hashable:
    return ("quote", _norm_words(row["text"]))


def figure_group_key(row: pd.Series) -> Hashable:
    measured = _norm_words(row["measured"]) if isinstance(row["measured"], str) else ""
    return ("figure", row["kind"], row["value"], row["unit"], measured, row.get("date"))


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
    used = set(ids.values())
    for key, mentions in groups.items():
        if key not in ids:
            candidate = stable_id("f", min(mentions))
            while candidate in used:
                candidate = stable_id("f", candidate)
            ids[key] = candidate
            used.add(candidate)
    return ids


def build_facts(
    documents: pd.DataFrame,
    quotes: pd.DataFrame,
    figures: pd.DataFrame,
    previous_mentions: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(facts, fact_mentions) from every stored mention; see the module docstring."""
    root = {
        d: (dup if isinstance(dup, str) and dup else d)
        for d, dup in zip(documents["doc_id"], documents["duplicate_of"], strict=True)
    }
    previous = (
        dict(zip(previous_mentions["mention_id"], previous_mentions["fact_id"], strict=True))
        if previous_mentions is not None and len(previous_mentions)
        else {}
    )
    groups: dict[Hashable, list[str]] = {}
    rows_by_mention: dict[str, dict] = {}
    for table, id_col, key_fn in (
        (quotes, "quote_id", quote_group_key),
        (figures, "figure_id", figure_group_key),
    ):
        for rec in _records(table):
            key = key_fn(rec)
            groups.setdefault(key, []).append(rec[id_col])
            rows_by_mention[rec[id_col]] = rec
    ids = assign_fact_ids(groups, previous)

    facts, mentions = [], []
    for key, mention_ids in groups.items():
        recs = [rows_by_mention[m] for m in sorted(mention_ids)]
        fact_id = ids[key]
        doc_ids = sorted({root.get(r["doc_id"], r["doc_id"]) for r in recs})
        if key[0] == "quote":
            statement = max((r["text"] for r in recs), key=lambda t: (len(t), t))
            speaker = _majority([r["speaker"] for r in recs])
            notes = [n for n in (
                _counts_note("speaker", [r["speaker"] for r in recs]),
                _counts_note("venue", [r["venue"] for r in recs]),
            ) if n]
            value = unit = None
        else:
            first = recs[0]
            measured = _majority([r["measured"] for r in recs])
            statement = first["surface"] + (f" ({measured})" if measured else "")
            speaker, value, unit, notes = None, first["value"], first["unit"], []
        facts.append({
            "fact_id": fact_id, "kind": key[0], "statement": statement, "speaker": speaker,
            "value": value, "unit": unit, "n_documents": len(doc_ids), "n_mentions": len(recs),
            "doc_ids": doc_ids, "conflict": bool(notes),
            "conflict_note": "; ".join(notes) if notes else None,
        })
        mentions.extend({"fact_id": fact_id, "mention_id": r.get("quote_id") or r["figure_id"],
                         "doc_id": r["doc_id"]} for r in recs)
    facts_df = pd.DataFrame(facts, columns=FACT_COLUMNS)
    mentions_df = pd.DataFrame(mentions, columns=MENTION_COLUMNS)
    return (
        facts_df.sort_values("fact_id", kind="stable").reset_index(drop=True),
        mentions_df.sort_values(["fact_id", "mention_id"], kind="stable").reset_index(drop=True),
    )
