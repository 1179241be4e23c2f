"""The words a lexicon module writes in each of its lists, as written (before any set drops a
repeat): a word written twice in one list is one rule read twice, or a list edited in two
places, and a set hides it."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path


def _written(node: ast.AST) -> list[str] | None:
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split" and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)):
        return node.func.value.value.split()
    if isinstance(node, ast.Tuple | ast.List | ast.Set) and node.elts and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return [e.value for e in node.elts]
    return None


def repeated_words(path: Path) -> dict[str, list[str]]:
    """List name → the words it writes more than once."""
    out: dict[str, list[str]] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)):
            continue
        for sub in ast.walk(node.value):
            words = _written(sub)
            twice = sorted(w for w, n in Counter(words or ()).items() if n > 1)
            if twice:
                out.setdefault(node.targets[0].id, []).extend(twice)
    return out
