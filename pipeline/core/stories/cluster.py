"""Stories: documents grouped into the event they report, incrementally and deterministically.

Each document's features (`features.document_features`) are weighted by rarity (scikit-learn's
TF-IDF over every original document, sublinear term frequency) and by kind (`FEATURE_WEIGHTS`:
names count three times an ordinary word). A new document is compared only with the stories
an inverted index of its rarest names, quotes and numbers points to (never with every story),
within `WINDOW_DAYS` of the story's dates when both are known. It joins the most similar
story when the cosine with the story's centroid reaches `MIN_SIMILARITY`, the cosine of the
names alone reaches `MIN_ENTITY_SIMILARITY` (so two earthquakes or two trials that share only
the vocabulary of their kind stay apart) and the cosine counting every word, also those no
other document has, reaches `MIN_FULL_SIMILARITY` (so two unrelated articles in a tiny corpus
do not meet on "US" and "China"); otherwise it founds a story.

Stability: documents already assigned keep their story (assignments are persisted), so an
unrelated arrival never moves them; a story's id is derived from its founding document and does
not change when later articles join. New documents of one run are taken in order of
publication date, then doc_id, never in file order. What can change: a story founded by a
document that arrived before the articles that would have linked it to an older story stays
separate (stories never merge later), and a full rebuild (a new stories code version) may group
documents differently from the incremental history.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from pipeline.core.stories.features import document_features, feature_keys
from pipeline.core.stories.lexicon import FEATURE_WEIGHTS
from pipeline.core.text.ids import stable_id

STORIES_VERSION = "1"
MIN_SIMILARITY = 0.4          # cosine of a document with a story's centroid to join it
MIN_ENTITY_SIMILARITY = 0.3   # ... and the cosine of their names alone
MIN_FULL_SIMILARITY = 0.2     # ... and the cosine counting words only one document has
WINDOW_DAYS = 10              # a story takes documents this many days before or after its dates
PROBE_KEYS = 12               # rarest names, quotes and numbers a new document probes
MAX_POSTING = 2000            # a key held by more documents is too common to find candidates
LABEL_WORDS = 16
KEY_TERMS = 6

STORY_COLUMNS = ["story_id", "label", "n_documents", "n_outlets", "first_published",
                 "last_published", "key_terms"]
DOCUMENT_STORY_COLUMNS = ["doc_id", "story_id"]
FEATURE_COLUMNS = ["doc_id", "features"]


@dataclass
class _Story:
    story_id: str
    members: list[int] = field(default_factory=list)
    centroid: dict[int, float] = field(default_factory=dict)
    norm2: float = 0.0
    entity_norm2: float = 0.0
    unique2: float = 0.0      # members' weight on words no other document has (see _Vectors)
    first: date | None = None
    last: date | None = None

    def add(self, index: int, vectors: _Vectors, when: date | None) -> None:
        self.members.append(index)
        cols, vals = vectors.rows[index]
        is_entity = vectors.is_entity
        self.unique2 += vectors.unique_mass[index]
        for c, v in zip(cols.tolist(), vals.tolist(), strict=True):
            old = self.centroid.get(c, 0.0)
            new = old + v
            self.centroid[c] = new
            delta = new * new - old * old
            self.norm2 += delta
            if is_entity[c]:
                self.entity_norm2 += delta
        if when is not None:
            self.first = when if self.first is None or when < self.first else self.first
            self.last = when if self.last is None or when > self.last else self.last

    def within_window(self, when: date | None) -> bool:
        if when is None or self.first is None or self.last is None:
            return True
        return (self.first - when).days <= WINDOW_DAYS and (when - self.last).days <= WINDOW_DAYS


@dataclass
class _Vectors:
    """Rarity-weighted document vectors.

    `rows` hold the features several documents share, normalised to length 1; what only one
    document has cannot link it to anything but still counts against similarity: `own_share` is
    the shared part's share of the document's full length and `unique_mass` the squared length
    of the rest on the row's scale. Without it, two unrelated articles in a tiny corpus would
    look alike on the few words they happen to share ("US", "China").
    """

    rows: list[tuple[np.ndarray, np.ndarray]]
    is_entity: np.ndarray
    vocabulary: list[str]
    doc_freq: np.ndarray
    own_share: np.ndarray
    unique_mass: np.ndarray


@dataclass
class StoriesResult:
    stories: pd.DataFrame
    document_stories: pd.DataFrame
    features: pd.DataFrame
    stats: dict[str, int]


def _date(value: object) -> date | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _roots(documents: pd.DataFrame) -> dict[str, str]:
    dup_of = {d: _text(u) for d, u in zip(documents["doc_id"], documents["duplicate_of"],
                                          strict=True)}
    roots: dict[str, str] = {}
    for doc in dup_of:
        seen, cur = {doc}, doc
        while dup_of.get(cur) and dup_of[cur] in dup_of and dup_of[cur] not in seen:
            cur = dup_of[cur]
            seen.add(cur)
        roots[doc] = cur
    return roots


def _passthrough(keys: list[str]) -> list[str]:
    return keys


def _vectors(feature_lists: list[list[str]]) -> _Vectors:
    """TF-IDF (sublinear tf, smooth idf) over every original document, weighted by kind."""
    n = len(feature_lists)
    if not any(feature_lists):  # nothing to compare: every document stands alone
        empty = (np.zeros(0, dtype=np.int32), np.zeros(0))
        return _Vectors([empty] * n, np.zeros(0, dtype=bool), [], np.zeros(0, dtype=int),
                        np.zeros(n), np.zeros(n))
    feature_lists = [feature_keys(fl) for fl in feature_lists]
    vectorizer = TfidfVectorizer(analyzer=_passthrough, sublinear_tf=True, norm=None)
    matrix = vectorizer.fit_transform(feature_lists).tocsr()
    vocabulary = vectorizer.get_feature_names_out().tolist()
    doc_freq = np.bincount(matrix.indices, minlength=len(vocabulary))
    kind_weight = np.array([FEATURE_WEIGHTS.get(f.split(":", 1)[0], 1.0) for f in vocabulary])
    matrix = matrix.multiply(kind_weight.reshape(1, -1)).tocsr()
    full2 = np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()
    shared = matrix.multiply((doc_freq > 1).astype(float).reshape(1, -1)).tocsr()
    shared.eliminate_zeros()
    shared2 = np.asarray(shared.multiply(shared).sum(axis=1)).ravel()
    norms = np.sqrt(shared2)
    safe = np.where(norms > 0, norms, 1.0)
    rows = []
    for i in range(n):
        lo, hi = shared.indptr[i], shared.indptr[i + 1]
        rows.append((shared.indices[lo:hi], shared.data[lo:hi] / safe[i]))
    own_share = np.where(full2 > 0, norms / np.sqrt(np.where(full2 > 0, full2, 1.0)), 0.0)
    unique_mass = (full2 - shared2) / (safe * safe)
    is_entity = np.array([f.startswith("e:") for f in vocabulary])
    return _Vectors(rows, is_entity, vocabulary, doc_freq, own_share, unique_mass)


def _similarity(i: int, vectors: _Vectors, story: _Story) -> tuple[float, float, float]:
    """(cosine of the shared features with the centroid, the same for the names alone, the
    cosine counting every feature: what neither has in common pulls it down)."""
    row, is_entity = vectors.rows[i], vectors.is_entity
    dot = ent_dot = ent_norm2 = 0.0
    for c, v in zip(row[0].tolist(), row[1].tolist(), strict=True):
        w = story.centroid.get(c, 0.0)
        dot += v * w
        if is_entity[c]:
            ent_dot += v * w
            ent_norm2 += v * v
    if story.norm2 <= 0:
        return 0.0, 0.0, 0.0
    cosine = dot / math.sqrt(story.norm2)
    full = dot * vectors.own_share[i] / math.sqrt(story.norm2 + story.unique2)
    if ent_norm2 <= 0 or story.entity_norm2 <= 0:
        return cosine, 0.0, full
    return cosine, ent_dot / math.sqrt(ent_norm2 * story.entity_norm2), full


def _index_keys(row: tuple[np.ndarray, np.ndarray], indexable: np.ndarray,
                doc_freq: np.ndarray) -> list[int]:
    """The document's shared names, quotes and numbers, rarest first (terms only describe the
    kind of news, so they never find candidates); keys in too many documents are left out."""
    cols = row[0][indexable[row[0]]]
    return cols[np.lexsort((cols, doc_freq[cols]))].tolist()


def _candidate_stories(keys: list[int], postings: Mapping[int, list[int]],
                       story_of_index: Mapping[int, str]) -> list[str]:
    """Stories holding the document's `PROBE_KEYS` rarest keys that some assigned document has."""
    found: set[str] = set()
    probed = 0
    for k in keys:
        holders = postings.get(k)
        if not holders:
            continue
        found.update(story_of_index[j] for j in holders)
        probed += 1
        if probed >= PROBE_KEYS:
            break
    return sorted(found)


def _label(members: list[dict]) -> str:
    """The headline of the earliest member with one; else its first sentence, cut at a word."""
    for rec in members:
        if rec["title"]:
            return " ".join(rec["title"].split())
    first = re.split(r"(?<=[.!?])\s+", " ".join(members[0]["text"].split()), maxsplit=1)[0]
    words = first.split()
    return first if len(words) <= LABEL_WORDS else " ".join(words[:LABEL_WORDS]) + " …"


def _key_terms(story: _Story, vocabulary: list[str], feature_lists: list[list[str]]
               ) -> list[str]:
    """The names that weigh most in the story, each shown as the fullest name holding it
    ("Marquand" → "Delia Marquand"), written as its documents most often write it."""
    surface_counts: Counter[tuple[str, str]] = Counter(
        (f.lower(), f[2:]) for j in story.members for f in feature_lists[j] if f.startswith("e:"))
    surfaces: dict[str, str] = {}
    for (key, surface), _ in sorted(surface_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        surfaces.setdefault(key, surface)
    names = [(w, vocabulary[c]) for c, w in story.centroid.items()
             if vocabulary[c].startswith("e:") and w > 0]
    full = sorted(((w, k) for w, k in names if " " in k), key=lambda t: (-t[0], t[1]))
    chosen: list[str] = []
    for _, key in sorted(names, key=lambda t: (-t[0], t[1])):
        if " " not in key:
            key = next((k for _, k in full if key[2:] in k[2:].split()), key)
        name = surfaces.get(key, key[2:])
        if name not in chosen:
            chosen.append(name)
        if len(chosen) >= KEY_TERMS:
            break
    return chosen


def find_stories(
    documents: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    stored_features: pd.DataFrame | None = None,
    previous_stories: pd.DataFrame | None = None,
) -> StoriesResult:
    """Assign every document a story, keeping `previous` assignments (doc_id → story_id).

    `documents` needs doc_id, text, duplicate_of and, when known, title, published, outlet.
    `stored_features` (doc_id, features) saves re-reading unchanged documents;
    `previous_stories` (the last stories table) gives the key terms of stories no new document
    was compared with, so their centroids are never rebuilt.
    """
    docs = documents.reindex(columns=["doc_id", "title", "text", "duplicate_of", "published",
                                      "outlet"]).astype(object)
    docs = docs.where(docs.notna(), None).sort_values("doc_id", kind="stable")
    records = docs.to_dict("records")
    for rec in records:
        rec["title"], rec["outlet"] = _text(rec["title"]), _text(rec["outlet"])
        rec["text"] = rec["text"] if isinstance(rec["text"], str) else ""
        rec["when"] = _date(rec["published"])
    roots = _roots(docs)
    originals = [r for r in records if roots[r["doc_id"]] == r["doc_id"]]
    known = {}
    if stored_features is not None and len(stored_features):
        known = {d: list(f) for d, f in zip(stored_features["doc_id"], stored_features["features"],
                                            strict=True)}
    feature_lists = [known.get(r["doc_id"]) or document_features(r["title"], r["text"])
                     for r in originals]
    stats = {"documents": len(records), "features_reused": sum(r["doc_id"] in known
                                                               for r in originals)}
    story_of: dict[str, str] = {}
    stories: dict[str, _Story] = {}
    key_terms_of: dict[str, list[str]] = {}
    vocabulary: list[str] = []
    if originals:
        vectors = _vectors(feature_lists)
        rows, vocabulary, doc_freq = vectors.rows, vectors.vocabulary, vectors.doc_freq
        indexable = np.array([not f.startswith("t:") for f in vocabulary], dtype=bool) & (
            doc_freq > 1) & (doc_freq <= MAX_POSTING)
        prior = {}
        if previous is not None and len(previous):
            prior = dict(zip(previous["doc_id"], previous["story_id"], strict=True))
        index_of = {r["doc_id"]: i for i, r in enumerate(originals)}
        postings: dict[int, list[int]] = {}
        story_of_index: dict[int, str] = {}
        pending: dict[str, list[int]] = {}  # stories of earlier runs: centroids built on demand
        for i in sorted(index_of[d] for d in prior if d in index_of):
            sid = prior[originals[i]["doc_id"]]
            pending.setdefault(sid, []).append(i)
            story_of[originals[i]["doc_id"]] = story_of_index[i] = sid
            for k in _index_keys(rows[i], indexable, doc_freq):
                postings.setdefault(k, []).append(i)

        def story(sid: str) -> _Story:
            if sid not in stories:
                built = stories[sid] = _Story(sid)
                for j in pending.pop(sid, []):
                    built.add(j, vectors, originals[j]["when"])
            return stories[sid]

        new = [i for i in range(len(originals)) if originals[i]["doc_id"] not in story_of]
        new.sort(key=lambda i: (originals[i]["published"] or "9999-99-99",
                                originals[i]["doc_id"]))
        compared = 0
        for i in new:
            rec = originals[i]
            keys = _index_keys(rows[i], indexable, doc_freq)
            candidates = _candidate_stories(keys, postings, story_of_index)
            best: tuple[float, str] | None = None
            for sid in candidates:
                candidate = story(sid)
                if not candidate.within_window(rec["when"]):
                    continue
                compared += 1
                cosine, entity_cosine, full = _similarity(i, vectors, candidate)
                joins = (cosine >= MIN_SIMILARITY and entity_cosine >= MIN_ENTITY_SIMILARITY
                         and full >= MIN_FULL_SIMILARITY)
                if joins and (best is None or (-cosine, sid) < (-best[0], best[1])):
                    best = (cosine, sid)
            sid = best[1] if best else stable_id("s", rec["doc_id"])
            story(sid).add(i, vectors, rec["when"])
            story_of[rec["doc_id"]] = story_of_index[i] = sid
            for k in keys:
                postings.setdefault(k, []).append(i)
        known_terms = {}
        if previous_stories is not None and len(previous_stories):
            known_terms = dict(zip(previous_stories["story_id"], previous_stories["key_terms"],
                                   strict=True))
        for sid in sorted(pending):  # stories no new document touched
            if sid in known_terms:
                key_terms_of[sid] = list(known_terms[sid])
            else:
                story(sid)
        stats.update(new_documents=len(new), candidates_compared=compared)
    for rec in records:
        story_of[rec["doc_id"]] = story_of.get(roots[rec["doc_id"]]) or stable_id(
            "s", roots[rec["doc_id"]])
    return StoriesResult(
        stories=_stories_frame(records, story_of, stories, vocabulary, feature_lists,
                               key_terms_of),
        document_stories=pd.DataFrame(
            [{"doc_id": r["doc_id"], "story_id": story_of[r["doc_id"]]} for r in records],
            columns=DOCUMENT_STORY_COLUMNS),
        features=pd.DataFrame({
            "doc_id": pd.Series([r["doc_id"] for r in originals], dtype=object),
            "features": pd.Series(feature_lists, dtype=object)}, columns=FEATURE_COLUMNS),
        stats=stats,
    )


def _stories_frame(records: list[dict], story_of: Mapping[str, str],
                   stories: Mapping[str, _Story], vocabulary: list[str],
                   feature_lists: list[list[str]], key_terms_of: Mapping[str, list[str]],
                   ) -> pd.DataFrame:
    members: dict[str, list[dict]] = {}
    for rec in records:
        members.setdefault(story_of[rec["doc_id"]], []).append(rec)
    rows = []
    for sid in sorted(members):
        recs = sorted(members[sid], key=lambda r: (r["published"] or "9999-99-99", r["doc_id"]))
        dates = sorted(r["published"] for r in recs if r["when"])
        story = stories.get(sid)
        rows.append({
            "story_id": sid, "label": _label(recs), "n_documents": len(recs),
            "n_outlets": len({r["outlet"] for r in recs if r["outlet"]}),
            "first_published": dates[0] if dates else None,
            "last_published": dates[-1] if dates else None,
            "key_terms": (_key_terms(story, vocabulary, feature_lists) if story
                          else key_terms_of.get(sid, [])),
        })
    return pd.DataFrame(rows, columns=STORY_COLUMNS)
