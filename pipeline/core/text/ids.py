"""Content-derived identifiers: the same inputs give the same ids on every machine."""

from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id: `prefix` + 16 hex chars of sha256 over the parts.

    Parts are joined with a unit separator so ("ab", "c") and ("a", "bc") differ.
    """
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
