"""Stories: documents grouped into the event they report, incrementally and deterministically.

Each document's features (`features.document_features`) are weighted by rarity (TF-IDF:
sublinear term frequency, smoothed inverse document frequency over every original document) and
by kind (`FEATURE_WEIGHTS`: names count three times an ordinary word). A new document is
compared only with the stories an inverted index of its rarest names, quotes and numbers points
to (never with every story), within `WINDOW_DAYS` of the story's dates when both are known. It
joins the most similar story when the cosine with the story's centroid reaches
`MIN_SIMILARITY`, the cosine of the names alone reaches `MIN_ENTITY_SIMILARITY` (so two
earthquakes or two trials that share only the vocabulary of their kind stay apart) and the
cosine counting every word, also those no other document has, reaches `MIN_FULL_SIMILARITY`
(so two unrelated articles in a tiny corpus do not meet on "US" and "China") and the article
is not about another event (`_other_event`: it is about a place or actor the story never is,
and not about the story's own, judged on central name words, so a shared country and agency do
not merge two quakes and a name written once in passing neither joins nor splits); otherwise
it founds a story.

Incremental: the story index (`INDEX_COLUMNS`: per story, each feature's summed weight and how
many members hold it) is kept between runs. Document frequencies are the sums of `holders`
over the index plus this run's documents, so nothing is refitted; a new document is weighted
with those frequencies and compared with the stored centroids of its candidate stories only.
A member's weights are frozen when it joins (idf drift, see docs/stories.md); a story is
re-weighted only when it loses a member.

Stability: documents already assigned keep their story, so an unrelated arrival never moves
them; a story's id is derived from its founding document and does not change when later
articles join. New documents of one run are taken in order of publication date, then doc_id,
never in file order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.core.stories.features import document_features, feature_keys
from pipeline.core.stories.lexicon import FEATURE_WEIGHTS
from pipeline.core.text.ids import stable_id

STORIES_VERSION = "3"
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
INDEX_COLUMNS = ["story_id", "feature", "weight", "holders"]
MEMBERS_FEATURE = "#members"  # the index row of a story whose `holders` counts its originals
_NO_DATE = "9999-99-99"


@dataclass
class StoriesResult:
    stories: pd.DataFrame
    document_stories: pd.DataFrame
    index: pd.DataFrame
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


def _roots(doc_ids: list[str], duplicate_of: list[object]) -> dict[str, str]:
    dup_of = {d: _text(u) for d, u in zip(doc_ids, duplicate_of, strict=True)}
    roots: dict[str, str] = {}
    for doc in dup_of:
        seen, cur = {doc}, doc
        while dup_of.get(cur) and dup_of[cur] in dup_of and dup_of[cur] not in seen:
            cur = dup_of[cur]
            seen.add(cur)
        roots[doc] = cur
    return roots


class _Codes:
    """Key -> code over the stored vocabulary without a Python dictionary of every key: the
    keys a run needs (its new documents' features) are looked up at once in the stored Arrow
    array (`prefetch`, one hash of the vocabulary in C++), then answered from a small
    dictionary, with the keys the run adds. One new article needs a few hundred keys of a
    vocabulary of 10^5-10^6."""

    def __init__(self, stored: pa.Array) -> None:
        self._stored = stored
        self._known: dict[str, int] = {}
        self._absent: set[str] = set()

    def prefetch(self, keys: Iterable[str]) -> None:
        todo = sorted({k for k in keys if k not in self._known and k not in self._absent})
        if not todo:
            return
        found = pc.index_in(pa.array(todo, type=pa.string()),
                            value_set=self._stored).to_pylist()
        for key, c in zip(todo, found, strict=True):
            if c is None:
                self._absent.add(key)
            else:
                self._known[key] = c

    def get(self, key: str, default: int | None = None) -> int | None:
        if key not in self._known and key not in self._absent:
            self.prefetch([key])
        return self._known.get(key, default)

    def __getitem__(self, key: str) -> int:
        c = self.get(key)
        if c is None:
            raise KeyError(key)
        return c

    def __setitem__(self, key: str, code: int) -> None:
        self._known[key] = code
        self._absent.discard(key)


class _Vocabulary:
    """Feature keys as integer codes, with their document frequency in this run's corpus: the
    stored index's `holders` summed per feature, plus the documents this run adds."""

    def __init__(self, stored: pa.Array, df: list[int]) -> None:
        self.keys: list[str] = stored.to_pylist()
        self.df = df
        self.code_of = _Codes(stored)
        # code -> is a name (`e:`), read on every comparison
        self.entity: list[bool] = pc.starts_with(stored, "e:").to_pylist()

    def code(self, key: str) -> int:
        c = self.code_of.get(key)
        if c is None:
            c = self.code_of[key] = len(self.keys)
            self.keys.append(key)
            self.df.append(0)
            self.entity.append(key.startswith("e:"))
        return c

    def indexable(self, c: int) -> bool:
        """Names, quotes and numbers that several but not too many documents hold; ordinary
        terms only describe the kind of news, so they never find candidates."""
        return 1 < self.df[c] <= MAX_POSTING and not self.keys[c].startswith(("t:", "c:", "l:"))

    def kind_weight(self, c: int) -> float:
        return FEATURE_WEIGHTS.get(self.keys[c].split(":", 1)[0], 1.0)


class _StoredIndex:
    """The index of earlier runs as arrays: per row a story code, a feature code, the summed
    weight and the members holding it; sorted views give a story's rows and a key's stories
    without building a dictionary per row. The table itself stays as it came (Arrow-backed
    strings): unchanged stories' rows are written back by slicing it, never rebuilt."""

    def __init__(self, index: pd.DataFrame | None) -> None:
        if index is None or not len(index):
            index = _empty_index()
        self._index = index.reset_index(drop=True)
        self._story_codes, story_uniques = pd.factorize(self._index["story_id"])
        self.story_names = np.asarray(story_uniques, dtype=object).tolist()
        self.story_code_of = {x: i for i, x in enumerate(self.story_names)}
        codes, uniques = pd.factorize(self._index["feature"])  # "#members" gets a code, df 0
        self._codes, self._uniques = codes.astype(np.int64), uniques
        members_at = np.flatnonzero(np.asarray(uniques == MEMBERS_FEATURE))
        self._is_count = (codes == members_at[0]) if len(members_at) else np.zeros(
            len(codes), dtype=bool)
        self._holders = self._index["holders"].to_numpy(dtype=np.int64)
        self.stored_members = {self.story_names[c]: int(h) for c, h in zip(
            self._story_codes[self._is_count].tolist(),
            self._holders[self._is_count].tolist(), strict=True)}

    def drop(self, drop: set[str]) -> None:
        """Set aside the rows of stories to rebuild, and view the rest (the stored index)."""
        index, story_codes, holders = self._index, self._story_codes, self._holders
        keep = np.ones(len(index), dtype=bool)
        if drop:
            keep = ~np.isin(story_codes, [self.story_code_of[x] for x in drop
                                          if x in self.story_code_of])
        self.dropped = int((~keep).sum())
        self.members = {x: h for x, h in self.stored_members.items() if x not in drop}
        self.frame = index if keep.all() else index[keep]
        self.frame_story_codes = story_codes[keep]
        rows = keep & ~self._is_count
        uniques = self._uniques
        self.codes = self._codes[rows]
        self.weights = index["weight"].to_numpy(dtype=float)[rows]
        self.holders = holders[rows]
        self.vocabulary = _Vocabulary(
            pa.array(np.asarray(uniques, dtype=object), type=pa.string()) if len(uniques)
            else pa.array([], type=pa.string()),
            np.bincount(self.codes, weights=self.holders,
                        minlength=len(uniques)).astype(np.int64).tolist())
        self.story_codes = story_codes[rows].astype(np.int64)
        self._by_story = np.argsort(self.story_codes, kind="stable")
        self._story_starts = np.searchsorted(self.story_codes[self._by_story],
                                             np.arange(len(self.story_names) + 1))
        self._by_code = np.argsort(self.codes, kind="stable")
        self._sorted_codes = self.codes[self._by_code]

    def rows_of(self, story_id: str) -> np.ndarray:
        s = self.story_code_of.get(story_id)
        if s is None:
            return np.zeros(0, dtype=np.int64)
        return self._by_story[self._story_starts[s]:self._story_starts[s + 1]]

    def stories_with(self, code: int) -> list[str]:
        if not len(self._sorted_codes):
            return []
        lo = np.searchsorted(self._sorted_codes, code, side="left")
        hi = np.searchsorted(self._sorted_codes, code, side="right")
        return [self.story_names[s] for s in self.story_codes[self._by_code[lo:hi]].tolist()]


@dataclass
class _Story:
    """A story's centroid (the sum of its members' unit vectors) and its squared lengths over
    the features several documents hold (`norm2`, `entity_norm2`) and over all (`full2`)."""

    story_id: str
    weights: dict[int, float] = field(default_factory=dict)
    holders: dict[int, int] = field(default_factory=dict)
    members: int = 0
    norm2: float = 0.0
    entity_norm2: float = 0.0
    full2: float = 0.0
    first: date | None = None
    last: date | None = None
    changed: bool = False

    def put(self, c: int, w: float, vocab: _Vocabulary) -> None:
        old = self.weights.get(c, 0.0)
        new = old + w
        self.weights[c] = new
        delta = new * new - old * old
        self.full2 += delta
        if vocab.df[c] > 1:
            self.norm2 += delta
            if vocab.entity[c]:
                self.entity_norm2 += delta

    def see(self, when: date | None) -> None:
        if when is not None:
            self.first = when if self.first is None or when < self.first else self.first
            self.last = when if self.last is None or when > self.last else self.last

    def within_window(self, when: date | None) -> bool:
        if when is None or self.first is None or self.last is None:
            return True
        return (self.first - when).days <= WINDOW_DAYS and (when - self.last).days <= WINDOW_DAYS


def _vector(keys: list[str], vocab: _Vocabulary, n_docs: int) -> dict[int, float]:
    """Sublinear tf × smoothed idf (ln((1 + n) / (1 + df)) + 1, as scikit-learn's
    `TfidfVectorizer(sublinear_tf=True)`) × kind weight, scaled to length 1."""
    vec: dict[int, float] = {}
    for key, tf in Counter(keys).items():
        c = vocab.code_of[key]
        idf = math.log((1 + n_docs) / (1 + vocab.df[c])) + 1.0
        vec[c] = (1.0 + math.log(tf)) * idf * vocab.kind_weight(c)
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {c: v / norm for c, v in vec.items()} if norm > 0 else vec


def _similarity(vec: dict[int, float], shared2: float, entity2: float, story: _Story,
                vocab: _Vocabulary) -> tuple[float, float, float]:
    """(cosine over the features several documents hold, the same for the names alone, the
    cosine counting every feature: what neither has in common pulls it down)."""
    if story.norm2 <= 0 or shared2 <= 0:
        return 0.0, 0.0, 0.0
    dot = ent_dot = 0.0
    weights, entity = story.weights, vocab.entity
    for c, v in vec.items():
        w = weights.get(c)
        if w is None:
            continue
        dot += v * w
        if entity[c]:
            ent_dot += v * w
    cosine = dot / math.sqrt(shared2 * story.norm2)
    full = dot / math.sqrt(story.full2) if story.full2 > 0 else 0.0
    if entity2 <= 0 or story.entity_norm2 <= 0:
        return cosine, 0.0, full
    return cosine, ent_dot / math.sqrt(entity2 * story.entity_norm2), full


def _other_event(vec: dict[int, float], story: _Story, vocab: _Vocabulary) -> bool:
    """The article is about a name the story never is, and not about the story's own names.

    What an article is about are its central name words (`c:`, `features.central_words`: those
    of its lead and those it writes twice or more); a story is about the central words of more
    than half its members (its defining words), and opens with the lead words (`l:`) of more
    than half of them. "A quake struck Tallis in Corvana ... rescuers in Tallis" is another
    event than the story whose members write "A quake struck Ostrava Nui in Corvana ... in
    Ostrava Nui", though both share the country, its agencies, the magnitude and the toll
    (which pass the cosines): Tallis is central to the article and the story never is about
    it, and Ostrava is not central to the article. A name written once in passing decides
    nothing on either side:

    * the article is about a name the story does not *know* (central to none of its members,
      nor mentioned by two or more and at least half of them: one member's "It came days after
      a similar quake in Tallis" does not make the story know Tallis). When the article's lead
      names two or more names, only those count: it says itself what the article is about, and
      an agency it writes twice is a detail; a lead naming a single name ("A quake struck
      Corvana") gives only the context, and the names written twice count;
    * the story's lead words must be central to the article, so the Tallis article's own
      "It came days after the quake in Ostrava Nui" does not make it about Ostrava Nui; the
      story's other defining words need only be named (a same-event report from another outlet
      may name the story's spokesman once, and be about a newly quoted official);
    * unless the story names every name the article is about and it does not know: a report
      whose lead names only the country ("A quake struck Corvana", then "near Ostrava Nui,
      where Ilka Marr led the rescue") is about Marr, whom the story names, and names Ostrava
      Nui once: each side names the other's names, one event.
    """
    members = max(1, story.members)
    keys, code_of, holders = vocab.keys, vocab.code_of, story.holders
    defining = [c for c, h in holders.items() if 2 * h > members and keys[c][:2] in ("c:", "l:")]
    if not defining:
        return False

    mine_keys = {keys[c] for c in vec}  # the article's keys: only these need a code

    def holding(key: str) -> int:
        return holders.get(code_of.get(key, -1), 0) if key in mine_keys else 0

    def known(word: str) -> bool:
        mentions = holding("e:" + word)
        return holding("c:" + word) >= 1 or (mentions >= 2 and 2 * mentions >= members)

    # A lead naming two or more names (place and country, actor and place) says itself what
    # the article is about; one naming a single name (only the country, only the company) says
    # the context, and what the article comes back to says the rest.
    mine = "l:" if sum(keys[c].startswith("l:") for c in vec) >= 2 else "c:"
    new = [keys[c][2:] for c in vec if keys[c].startswith(mine) and not known(keys[c][2:])]
    if not new:
        return False
    # The story names every name the article is about and it lacks: the two name each other's
    # names, one event seen from two sides; the story's lead words need then only be named.
    mutual = all("e:" + w in mine_keys and code_of.get("e:" + w) in story.weights for w in new)
    for c in defining:
        kind, word = keys[c][:2], keys[c][2:]
        if ("c:" if kind == "l:" and not mutual else "e:") + word not in mine_keys:
            return True
    return False


def _label(members: list[dict]) -> str:
    """The headline of the earliest member with one; else its first sentence, cut at a word."""
    for rec in members:
        if rec["title"]:
            return " ".join(rec["title"].split())
    first = re.split(r"(?<=[.!?])\s+", " ".join(members[0]["text"].split()), maxsplit=1)[0]
    words = first.split()
    return first if len(words) <= LABEL_WORDS else " ".join(words[:LABEL_WORDS]) + " …"


def _key_terms(weights: Mapping[str, float], raw_features: Iterable[list[str]]) -> list[str]:
    """The names that weigh most in the story, each shown as the fullest name holding it
    ("Marquand" → "Delia Marquand"), written as its documents most often write it."""
    surface_counts: Counter[tuple[str, str]] = Counter(
        (f.lower(), f[2:]) for fl in raw_features for f in fl if f.startswith("e:"))
    surfaces: dict[str, str] = {}
    for (key, surface), _ in sorted(surface_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        surfaces.setdefault(key, surface)
    names = [(w, k) for k, w in weights.items() if k.startswith("e:") and w > 0]
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


def _empty_index() -> pd.DataFrame:
    return pd.DataFrame({"story_id": pd.Series(dtype=object), "feature": pd.Series(dtype=object),
                         "weight": pd.Series(dtype=float), "holders": pd.Series(dtype=np.int64)})


def find_stories(
    documents: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    index: pd.DataFrame | None = None,
    previous_stories: pd.DataFrame | None = None,
) -> StoriesResult:
    """Assign every document a story, keeping `previous` assignments (doc_id → story_id).

    `documents` needs doc_id, text, duplicate_of and, when known, title, published, outlet.
    `index` (the `index` of the last result) holds the stored centroids and, summed, the
    document frequencies: with it only new documents are read and weighted, and only their
    candidate stories are loaded. `previous_stories` (the last stories table) gives the rows of
    stories whose members did not change. Without `index`, the previously assigned documents
    are re-read and their stories rebuilt in place (same assignments and ids).
    """
    docs = documents.reindex(columns=["doc_id", "title", "text", "duplicate_of", "published",
                                      "outlet"])
    if not docs["doc_id"].is_monotonic_increasing:
        docs = docs.sort_values("doc_id", kind="stable")
    doc_ids: list[str] = [str(d) for d in docs["doc_id"].tolist()]
    position = {d: i for i, d in enumerate(doc_ids)}
    title_col, text_col = docs["title"], docs["text"]

    def title_of(d: str) -> str | None:
        return _text(title_col.iat[position[d]])

    def text_of(d: str) -> str:
        text = text_col.iat[position[d]]
        return text if isinstance(text, str) else ""

    published, outlets = docs["published"].tolist(), docs["outlet"].tolist()
    roots = _roots(doc_ids, docs["duplicate_of"].tolist())
    originals = [d for d in doc_ids if roots[d] == d]

    def pub(d: str) -> str | None:
        p = published[position[d]]
        return p if isinstance(p, str) else None

    prior_all: dict[str, str] = {}
    if previous is not None and len(previous):
        prior_all = dict(zip(previous["doc_id"].tolist(), previous["story_id"].tolist(),
                             strict=True))
    prior = {d: prior_all[d] for d in originals if d in prior_all}
    members_prior: dict[str, list[str]] = {}
    for d, s in prior.items():
        members_prior.setdefault(s, []).append(d)
    # A story that lost a member (removed, or now a duplicate of another story's document) is
    # re-weighted from its remaining members; one the index does not hold is rebuilt.
    stored = _StoredIndex(index)
    stored_members = stored.stored_members
    lost = {s for d, s in prior_all.items()
            if d not in position or prior.get(roots[d]) != s}
    rebuild = {s for s, m in members_prior.items()
               if stored_members.get(s) != len(m) or s in lost}
    stored.drop(rebuild | (set(stored_members) - set(members_prior)))
    vocab = stored.vocabulary
    readd = sorted(d for s in rebuild for d in members_prior[s])
    new = sorted((d for d in originals if d not in prior),
                 key=lambda d: (pub(d) or _NO_DATE, d))
    raw: dict[str, list[str]] = {}

    def features_of(d: str) -> list[str]:
        if d not in raw:
            raw[d] = document_features(title_of(d), text_of(d))
        return raw[d]

    keys = {d: feature_keys(features_of(d)) for d in [*readd, *new]}
    vocab.code_of.prefetch(k for d in [*readd, *new] for k in keys[d])
    for d in [*readd, *new]:
        for k in set(keys[d]):
            vocab.df[vocab.code(k)] += 1
    n_docs = len(originals)

    stories: dict[str, _Story] = {}
    postings: dict[int, set[str]] = {}   # keys of stories this run added members to

    def story(sid: str) -> _Story:
        if sid not in stories:
            built = stories[sid] = _Story(sid, members=stored.members.get(sid, 0))
            rows = stored.rows_of(sid)
            for c, w, h in zip(stored.codes[rows].tolist(), stored.weights[rows].tolist(),
                               stored.holders[rows].tolist(), strict=True):
                built.put(c, w, vocab)
                built.holders[c] = h
            if len(rows):
                built.first, built.last = dates_of(sid)
        return stories[sid]

    spans: dict[str, tuple[date | None, date | None]] = {}

    def dates_of(sid: str) -> tuple[date | None, date | None]:
        """First and last publication date of a stored story's members."""
        if sid not in spans:
            dates = [w for d in members_prior.get(sid, []) if (w := _date(pub(d)))]
            spans[sid] = (min(dates), max(dates)) if dates else (None, None)
        return spans[sid]

    def within_window(sid: str, when: date | None) -> bool:
        """Checked before a stored story's centroid is loaded: most candidates found through a
        common number ("52-48") are another week's story."""
        if sid in stories:
            return stories[sid].within_window(when)
        return _Story(sid, first=dates_of(sid)[0], last=dates_of(sid)[1]).within_window(when)

    def add(sid: str, d: str, vec: dict[int, float]) -> None:
        target = story(sid)
        for c, w in vec.items():
            target.put(c, w, vocab)
            if c not in target.holders:
                target.holders[c] = 0
                if vocab.indexable(c):
                    postings.setdefault(c, set()).add(sid)
            target.holders[c] += 1
        target.members += 1
        target.changed = True
        target.see(_date(pub(d)))

    for d in readd:
        add(prior[d], d, _vector(keys[d], vocab, n_docs))
    used_ids = set(prior_all.values()) | set(stories)
    story_of: dict[str, str] = dict(prior)
    compared = 0
    for d in new:
        vec = _vector(keys[d], vocab, n_docs)
        shared2 = sum(v * v for c, v in vec.items() if vocab.df[c] > 1)
        entity2 = sum(v * v for c, v in vec.items() if vocab.df[c] > 1 and vocab.entity[c])
        probe = sorted((c for c in vec if vocab.indexable(c)),
                       key=lambda c: (vocab.df[c], vocab.keys[c]))
        found: set[str] = set()
        probed = 0
        for c in probe:
            holders = set(stored.stories_with(c)) | postings.get(c, set())
            if not holders:
                continue
            found |= holders
            probed += 1
            if probed >= PROBE_KEYS:
                break
        when = _date(pub(d))
        best: tuple[float, str] | None = None
        for sid in sorted(found):
            if not within_window(sid, when):
                continue
            candidate = story(sid)
            compared += 1
            cosine, entity_cosine, full = _similarity(vec, shared2, entity2, candidate, vocab)
            joins = (cosine >= MIN_SIMILARITY and entity_cosine >= MIN_ENTITY_SIMILARITY
                     and full >= MIN_FULL_SIMILARITY
                     and not _other_event(vec, candidate, vocab))
            if joins and (best is None or (-cosine, sid) < (-best[0], best[1])):
                best = (cosine, sid)
        if best is not None:
            sid = best[1]
        else:  # a new story; its founder's id, unless a story that lost its founder has it
            sid, n = stable_id("s", d), 1
            while sid in used_ids:
                sid, n = stable_id("s", d, n), n + 1
            used_ids.add(sid)
        add(sid, d, vec)
        story_of[d] = sid
    for d in doc_ids:
        story_of[d] = story_of[roots[d]]

    # Stories whose members changed get a new row; the others keep theirs.
    touched = {s for d, s in story_of.items() if prior_all.get(d) != s}
    touched |= {s for d, s in prior_all.items() if story_of.get(d) != s}
    touched |= rebuild
    kept_rows = pd.DataFrame(columns=STORY_COLUMNS)
    if previous_stories is not None and len(previous_stories):
        kept_rows = previous_stories.reindex(columns=STORY_COLUMNS)
    current = set(story_of.values())
    kept_rows = kept_rows[kept_rows["story_id"].isin(current - touched)]
    touched = (current - set(kept_rows["story_id"])) | (touched & current)
    members_of: dict[str, list[str]] = {s: [] for s in touched}
    for d in doc_ids:
        if story_of[d] in members_of:
            members_of[story_of[d]].append(d)
    rows = []
    for sid in sorted(touched):
        recs = sorted(members_of[sid], key=lambda d: (pub(d) or _NO_DATE, d))
        dates = sorted(p for d in recs if _date(p := pub(d)))
        built = story(sid)
        weights = {vocab.keys[c]: w for c, w in built.weights.items()}
        rows.append({
            "story_id": sid,
            "label": _label([{"title": title_of(d), "text": text_of(d)} for d in recs]),
            "n_documents": len(recs),
            "n_outlets": len({o for d in recs if (o := _text(outlets[position[d]]))}),
            "first_published": dates[0] if dates else None,
            "last_published": dates[-1] if dates else None,
            "key_terms": _key_terms(weights, (features_of(d) for d in recs if roots[d] == d)),
        })
    table = pd.concat([kept_rows, pd.DataFrame(rows, columns=STORY_COLUMNS)],
                      ignore_index=True) if rows else kept_rows
    table = table.sort_values("story_id", kind="stable").reset_index(drop=True)
    stats = {"documents": len(doc_ids), "new_documents": len(new),
             "rebuilt_documents": len(readd), "features_extracted": len(raw),
             "candidates_compared": compared, "stories_loaded": len(stories),
             "index_rows_dropped": stored.dropped}
    return StoriesResult(
        stories=table,
        document_stories=pd.DataFrame({"doc_id": pd.Series(doc_ids, dtype=object),
                                       "story_id": pd.Series([story_of[d] for d in doc_ids],
                                                             dtype=object)}),
        index=_index_frame(stored, stories),
        stats=stats,
    )


def _index_frame(stored: _StoredIndex, stories: Mapping[str, _Story]) -> pd.DataFrame:
    """The stored rows of unchanged stories as they were, then the changed stories' rows."""
    changed = sorted(x for x, st in stories.items() if st.changed)
    changed_codes = [stored.story_code_of[x] for x in changed if x in stored.story_code_of]
    unchanged = stored.frame[~np.isin(stored.frame_story_codes, changed_codes)]
    keys = stored.vocabulary.keys
    sid_col: list[str] = []
    feat_col: list[str] = []
    weight_col: list[float] = []
    holder_col: list[int] = []
    for sid in changed:
        st = stories[sid]
        for c in sorted(st.weights, key=keys.__getitem__):
            sid_col.append(sid)
            feat_col.append(keys[c])
            weight_col.append(st.weights[c])
            holder_col.append(st.holders[c])
        sid_col.append(sid)
        feat_col.append(MEMBERS_FEATURE)
        weight_col.append(0.0)
        holder_col.append(st.members)
    added = pd.DataFrame({"story_id": sid_col, "feature": feat_col,
                          "weight": pd.Series(weight_col, dtype=float),
                          "holders": pd.Series(holder_col, dtype=np.int64)})
    if not len(unchanged):
        return added.reset_index(drop=True) if len(added) else _empty_index()
    added = added.astype(unchanged.dtypes.to_dict())
    return pd.concat([unchanged, added], ignore_index=True)
