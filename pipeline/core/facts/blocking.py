"""Candidate pairs without comparing all pairs: an inverted index probed by each item's rarest keys.

Two mentions of the same utterance or measure share rare keys (a 3-word run of a quote, a
content word next to a figure). Each item probes the postings of its few rarest keys, so the
work per item is bounded by `probe` × `max_posting` and the whole join is linear in the number
of items for bounded cluster sizes. Keys seen in more than `max_posting` items (stock phrases
such as "i think we") carry no identity and are skipped. This is prefix filtering from
set-similarity joins; it suits containment (a fragment inside a longer quote), which MinHash
(an estimate of Jaccard similarity) does not: a short fragment has a low Jaccard similarity
to the long quote that contains it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence

# Keys held by more items than this are stock phrases: skipped, over the whole release.
MAX_POSTING = 200


class UnionFind:
    """Disjoint sets over 0..n-1; the smallest index is always the root, so results are stable."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            lo, hi = (ri, rj) if ri < rj else (rj, ri)
            self.parent[hi] = lo

    def groups(self) -> list[list[int]]:
        """Members of each set, sets ordered by their smallest member."""
        by_root: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            by_root.setdefault(self.find(i), []).append(i)
        return list(by_root.values())


def candidate_pairs(
    keys: Sequence[Iterable[Hashable]],
    probe: Callable[[int], int],
    max_posting: int | None = None,
    min_shared: int = 1,
) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, sharing at least `min_shared` of one item's `probe(n)` rarest keys.

    `probe(n)` says how many of an item's n distinct usable keys to probe; keys held by a
    single item or by more than `max_posting` (default `MAX_POSTING`) items are not usable.
    Sorted, without repeats.
    """
    if max_posting is None:
        max_posting = MAX_POSTING
    key_sets = [set(k) for k in keys]
    freq: Counter[Hashable] = Counter()
    for ks in key_sets:
        freq.update(ks)
    postings: dict[Hashable, list[int]] = {}
    for i, ks in enumerate(key_sets):
        for k in ks:
            if 1 < freq[k] <= max_posting:
                postings.setdefault(k, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for i, ks in enumerate(key_sets):
        usable = [k for k in ks if k in postings]
        if not usable:
            continue
        usable.sort(key=lambda k: (freq[k], repr(k)))
        hits: Counter[int] = Counter()
        for k in usable[: probe(len(usable))]:
            hits.update(postings[k])
        for j, n in hits.items():
            if j != i and n >= min_shared:
                pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def all_pairs(n: int) -> list[tuple[int, int]]:
    """Every pair of a small block: exact, and cheaper than indexing when n is tiny."""
    return [(i, j) for i in range(n) for j in range(i + 1, n)]
