"""The quality baseline: score floors and the digest of each fixture set they were measured on.

`tests/quality_baseline.json` is the one place the floors live, so lowering one is a visible
one-line diff in review; beside each floor set it records the sha256 of the fixture files, so
editing a gold file or an article without updating the digest fails
`tests/core/test_quality_baseline.py`. After a deliberate change, print the new digests with

    .venv/bin/python -m tests.quality

and copy them into the JSON in the same commit as the fixture change (with the scores before
and after in the message).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tests.paths import DEVDATA, ROOT

BASELINE = ROOT / "tests" / "quality_baseline.json"
# Where each fixture set's `dir` is relative to: the repository, or ../shared/devdata.
_BASES = {"repo": ROOT, "devdata": DEVDATA}


def load() -> dict[str, Any]:
    """The baseline as a dict: {set name: {"base", "dir", "glob", "sha256", "floors", ...}}."""
    return json.loads(BASELINE.read_text(encoding="utf-8"))["sets"]


def fixture_files(entry: dict[str, Any]) -> list[Path]:
    """The files of one fixture set, in name order (the digest does not depend on the disk)."""
    folder = _BASES[entry["base"]] / entry["dir"]
    return sorted(p for pattern in entry["globs"] for p in folder.glob(pattern) if p.is_file())


def digest(entry: dict[str, Any]) -> str:
    """sha256 over each file's name and sha256, so renaming, adding or editing a file shows."""
    h = hashlib.sha256()
    for path in fixture_files(entry):
        h.update(f"{path.name}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return h.hexdigest()


def available(entry: dict[str, Any]) -> bool:
    """The devdata sets sit beside the repository (../shared) and may be missing elsewhere."""
    return (_BASES[entry["base"]] / entry["dir"]).is_dir()


def floors(name: str) -> dict[str, Any]:
    """The floors of one fixture set."""
    return load()[name]["floors"]


if __name__ == "__main__":
    for set_name, set_entry in load().items():
        now = digest(set_entry) if available(set_entry) else "(missing)"
        mark = "" if now == set_entry["sha256"] else "   <- differs from the baseline"
        print(f"{set_name}: {now}{mark}")
