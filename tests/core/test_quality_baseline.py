"""Each fixture set still has the digest recorded beside its floors in tests/quality_baseline.json:
editing an article or a gold file must come with a visible baseline change."""

from __future__ import annotations

import pytest

from tests import quality

SETS = quality.load()


@pytest.mark.parametrize("name", sorted(SETS))
def test_fixture_digest_matches_the_baseline(name: str) -> None:
    entry = SETS[name]
    if not quality.available(entry):
        pytest.skip(f"{entry['base']}/{entry['dir']} is not here")
    assert quality.fixture_files(entry), f"no fixture files for {name}"
    assert quality.digest(entry) == entry["sha256"], (
        f"the {name} fixtures changed: check the floors, then record the new digest "
        "(.venv/bin/python -m tests.quality) in tests/quality_baseline.json")


def test_digest_sees_an_edit_and_a_new_file(tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(quality._BASES, "tmp", tmp_path)
    entry = {"base": "tmp", "dir": ".", "globs": ["*.txt"]}
    (tmp_path / "a.txt").write_text("“We are ready,” she said.")
    first = quality.digest(entry)
    (tmp_path / "a.txt").write_text("“We are ready,” he said.")
    edited = quality.digest(entry)
    (tmp_path / "b.txt").write_text("")
    added = quality.digest(entry)
    (tmp_path / "c.json").write_text("{}")  # outside the globs
    assert len({first, edited, added}) == 3
    assert quality.digest(entry) == added
