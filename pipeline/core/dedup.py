"""Finding duplicate documents: exact copies and near-copies (syndication, re-crawls)."""

from __future__ import annotations

import re
from collections.abc import Sequence

DEDUP_VERSION = "1"


def normalise_for_dedup(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def find_duplicates(docs: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Map doc_id → doc_id of the earliest document it duplicates.

    `docs` is (doc_id, text) in precedence order: the first of a group is the original.
    """
    first_by_text: dict[str, str] = {}
    duplicates: dict[str, str] = {}
    for doc_id, text in docs:
        key = normalise_for_dedup(text)
        if key in first_by_text:
            duplicates[doc_id] = first_by_text[key]
        else:
            first_by_text[key] = doc_id
    return duplicates
