"""Finding duplicate documents: exact copies and near-copies (syndication, re-crawls).

Each document gets a fingerprint once (`fingerprint`): a digest of its normalised text for
exact copies, its shingle count, and a datasketch MinHash of its word 5-grams for near-copies.
Fingerprints are bytes so the caller can cache them between runs; only new documents are
fingerprinted. Candidates come from datasketch's MinHashLSH (banded buckets, never all pairs)
and are confirmed on the estimated resemblance (Jaccard) or containment of their shingles.
Groups of (near-)copies are the connected components of confirmed pairs; every member but
the earliest points at the earliest.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

DEDUP_VERSION = "2"

NUM_PERM = 128
SHINGLE_WORDS = 5
SCHEME = "affine32"
SEED = 1
# LSH finds pairs whose resemblance is likely above this; confirmation is stricter.
LSH_THRESHOLD = 0.5
# Confirmed near-copy: resemblance (Jaccard of shingle sets) at least this ...
MIN_RESEMBLANCE = 0.7
# ... or the smaller document's shingles almost all inside the larger one (a trimmed copy).
MIN_CONTAINMENT = 0.9
# LSH bands held in memory at once (the index is rebuilt per group of bands).
BANDS_PER_PASS = 5

_DIGEST_BYTES = 16
_HEADER = struct.Struct("<16sI")  # text digest, shingle count
SIGNATURE_BYTES = _HEADER.size + NUM_PERM * 4
_TOKEN = re.compile(r"\w+", re.UNICODE)


def normalise_for_dedup(text: str) -> str:
    """Lower-case words only: punctuation, quote style and spacing do not make a new text."""
    return " ".join(_TOKEN.findall(text.casefold()))


def shingles(text: str) -> set[bytes]:
    """Word 5-grams of the normalised text (the whole text for very short ones)."""
    words = normalise_for_dedup(text).split()
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode()
            for i in range(len(words) - SHINGLE_WORDS + 1)}


@dataclass(frozen=True)
class Fingerprint:
    digest: bytes
    n_shingles: int
    hashvalues: np.ndarray  # uint32, NUM_PERM long


def fingerprint(text: str) -> bytes:
    """The cacheable fingerprint of one document's cleaned text."""
    from datasketch import MinHash

    grams = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    if grams:
        mh.update_batch(sorted(grams))
    digest = hashlib.blake2b(normalise_for_dedup(text).encode(),
                             digest_size=_DIGEST_BYTES).digest()
    values = np.asarray(mh.hashvalues, dtype=np.uint64)
    if values.max(initial=0) > np.iinfo(np.uint32).max:
        raise ValueError("MinHash values do not fit 32 bits; the scheme changed")
    return _HEADER.pack(digest, len(grams)) + values.astype("<u4").tobytes()


def parse_fingerprint(data: bytes) -> Fingerprint:
    if len(data) != SIGNATURE_BYTES:
        raise ValueError(f"a fingerprint has {SIGNATURE_BYTES} bytes, not {len(data)}")
    digest, n = _HEADER.unpack_from(data)
    values = np.frombuffer(data, dtype="<u4", offset=_HEADER.size)
    return Fingerprint(digest, n, values)


def is_valid_fingerprint(data: object) -> bool:
    return isinstance(data, bytes | bytearray) and len(data) == SIGNATURE_BYTES


def similar(a: Fingerprint, b: Fingerprint) -> bool:
    """Same text, or near-copies by estimated resemblance or containment."""
    if a.digest == b.digest:
        return True
    if not a.n_shingles or not b.n_shingles:
        return False
    resemblance = float(np.mean(a.hashvalues == b.hashvalues))
    if resemblance >= MIN_RESEMBLANCE:
        return True
    shared = resemblance / (1 + resemblance) * (a.n_shingles + b.n_shingles)
    return shared / min(a.n_shingles, b.n_shingles) >= MIN_CONTAINMENT


class _Groups:
    """Union-find whose root is always the member earliest in precedence order."""

    def __init__(self, rank: Mapping[str, int]) -> None:
        self.rank = rank
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:
            x, self.parent[x] = self.parent.get(x, x), root
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.rank[rb] < self.rank[ra]:
            ra, rb = rb, ra
        self.parent[rb] = ra


def find_duplicates(
    ordered_ids: Sequence[str], fingerprints: Mapping[str, bytes]
) -> dict[str, str]:
    """Map doc_id → doc_id of the earliest document of its group of (near-)copies.

    `ordered_ids` are all documents, earliest first; `fingerprints` holds each one's
    fingerprint. Work grows with the number of documents times the LSH bands, never with
    the number of pairs.
    """
    from datasketch import LeanMinHash, MinHashLSH

    rank = {doc_id: i for i, doc_id in enumerate(ordered_ids)}
    parsed = {doc_id: parse_fingerprint(fingerprints[doc_id]) for doc_id in ordered_ids}
    groups = _Groups(rank)

    first_with_digest: dict[bytes, str] = {}
    for doc_id in ordered_ids:
        digest = parsed[doc_id].digest
        if digest in first_with_digest:
            groups.union(first_with_digest[digest], doc_id)
        else:
            first_with_digest[digest] = doc_id

    # One entry per distinct text: exact copies are already grouped. The bands are indexed a
    # few at a time so memory stays bounded at a million documents; a pair is a candidate when
    # any band matches, exactly as with all bands in one index.
    distinct = [d for d in first_with_digest.values() if parsed[d].n_shingles]
    probe = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)  # datasketch picks b, r
    bands, rows = probe.b, probe.r
    for first_band in range(0, bands, BANDS_PER_PASS):
        n_bands = min(BANDS_PER_PASS, bands - first_band)
        lo, hi = first_band * rows, (first_band + n_bands) * rows
        lsh = MinHashLSH(num_perm=hi - lo, params=(n_bands, rows), hashfunc=_band_key)
        sketches = {
            doc_id: LeanMinHash(seed=SEED, hashvalues=parsed[doc_id].hashvalues[lo:hi],
                                scheme=SCHEME)
            for doc_id in distinct
        }
        with lsh.insertion_session() as session:
            for doc_id, sketch in sketches.items():
                session.insert(doc_id, sketch, check_duplication=False)
        for doc_id, sketch in sketches.items():
            for other in lsh.query(sketch):
                if (rank[other] > rank[doc_id] and groups.find(other) != groups.find(doc_id)
                        and similar(parsed[doc_id], parsed[other])):
                    groups.union(doc_id, other)
        del lsh, sketches

    duplicates: dict[str, str] = {}
    for doc_id in ordered_ids:
        root = groups.find(doc_id)
        if root != doc_id:
            duplicates[doc_id] = root
    return duplicates


def _band_key(band: bytes) -> bytes:
    """A short, stable key for one LSH band (keeps the index small in memory)."""
    return hashlib.blake2b(band, digest_size=8).digest()
