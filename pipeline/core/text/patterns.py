"""Regex pieces built from word lists, so a rule's words stay data in a lexicon.

`one_of(("cost", "paid", "in height"))` is `(?:cost|paid|in\\s+height)`: each word escaped,
each space any run of white space, in the list's order (the first that matches wins).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def one_of(words: Iterable[str]) -> str:
    """A non-capturing alternation of literal words or phrases: `(?:a|b|c\\s+d)`."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"
