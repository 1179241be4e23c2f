"""Inbox entries that cannot be read become rejections naming them: never a crash, never silence.
And the source of a JSON record can never be the name of a file.

Root ignores permissions, so the permission cases are simulated where chmod has no effect
(`os.access` tells), and tried for real otherwise.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.core.documents import inbox as inbox_module
from pipeline.core.documents import list_inbox
from pipeline.core.documents.inputs import Rejection, file_of_source, record_source
from pipeline.stages import run_all
from pipeline.store import DataStore

MAX = 5 * 1024 * 1024
ARTICLE = (
    "Councillors in the hill town of Brackenholt voted on Thursday to reopen the old library, "
    "closed since 2019, after residents raised 48,000 pounds for repairs.\n"
    "“It belongs to everyone here,” said librarian Tova Rennick, who has worked in the town "
    "for twenty years and led the campaign to save the building.\n"
    "The council will spend a further 12,000 pounds on heating, and the doors open again in "
    "the spring with longer hours on Saturdays for families and students.\n"
)


def folder_tree(inbox: Path) -> None:
    for name in ("open", "locked", "blind"):
        (inbox / name).mkdir()
    (inbox / "open" / "kept.txt").write_text(ARTICLE, encoding="utf-8")
    (inbox / "locked" / "hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (inbox / "blind" / "unsearchable.txt").write_text(ARTICLE, encoding="utf-8")


def simulate_permissions(monkeypatch: pytest.MonkeyPatch, inbox: Path) -> None:
    """`locked` cannot be listed (mode 000), `blind` cannot be searched (mode 644)."""
    real_scandir = os.scandir

    def scandir(path=".", *args):
        # an open folder's descriptor (shutil.rmtree lists by fd) is never the locked folder
        if not isinstance(path, int) and Path(os.fsdecode(path)).name == "locked":
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(inbox_module, "_can_search", lambda folder: Path(folder).name != "blind")


EXPECTED = [
    Rejection("blind/unsearchable.txt", None, "unreadable",
              "its folder has no search (x) permission, so it cannot be opened"),
    Rejection("locked/", None, "unreadable",
              "the folder cannot be listed (Permission denied); nothing inside it was read"),
]


def simulated_inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An inbox holding the folder tree, with its permissions simulated."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    folder_tree(inbox)
    simulate_permissions(monkeypatch, inbox)
    return inbox


def test_unlistable_and_unsearchable_folders_are_rejections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = simulated_inbox(tmp_path, monkeypatch)
    unreadable: list[Rejection] = []
    assert list_inbox(inbox, unreadable) == ["open/kept.txt"]
    assert sorted(unreadable, key=lambda r: r.source) == EXPECTED


def test_a_run_over_unreadable_folders_publishes_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = simulated_inbox(tmp_path, monkeypatch)
    store = DataStore(tmp_path / "data", inbox)
    result = run_all(store, MAX, log=lambda m: None)
    docs = store.read_release_table(result.version, "documents")
    rej = store.read_release_table(result.version, "rejections")
    assert list(docs["source"]) == ["open/kept.txt"]
    assert [(r.source, r.reason) for r in rej.itertuples()] == [
        ("blind/unsearchable.txt", "unreadable"), ("locked/", "unreadable")]


def test_real_permissions_when_not_root(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    folder_tree(inbox)
    (inbox / "locked").chmod(0)
    (inbox / "blind").chmod(0o644)
    try:
        if os.access(inbox / "locked", os.R_OK) or os.access(inbox / "blind", os.X_OK):
            pytest.skip("running as root: permissions are not enforced (simulated above)")
        unreadable: list[Rejection] = []
        assert list_inbox(inbox, unreadable) == ["open/kept.txt"]
        assert sorted(unreadable, key=lambda r: r.source) == EXPECTED
    finally:
        (inbox / "locked").chmod(0o755)
        (inbox / "blind").chmod(0o755)


def test_record_sources_are_paths_below_their_file() -> None:
    assert record_source("feeds/wire.jsonl", 3) == "feeds/wire.jsonl/#3"
    assert file_of_source("feeds/wire.jsonl/#3") == "feeds/wire.jsonl"
    assert file_of_source("feeds/wire.jsonl#3") == "feeds/wire.jsonl#3"  # a file's own name
    assert file_of_source("notes/#draft.txt") == "notes/#draft.txt"


def test_a_file_named_like_a_record_does_not_hide_the_record(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "rec.jsonl").write_text(
        json.dumps({"title": "only a title"}) + "\n"
        + json.dumps({"title": "Library", "text": ARTICLE}) + "\n", encoding="utf-8")
    (inbox / "rec.jsonl#0").write_text(ARTICLE, encoding="utf-8")
    store = DataStore(tmp_path / "data", inbox)
    result = run_all(store, MAX, log=lambda m: None)
    rej = store.read_release_table(result.version, "rejections")
    docs = store.read_release_table(result.version, "documents")
    assert sorted(zip(rej["source"], rej["reason"], strict=True)) == [
        ("rec.jsonl#0", "unsupported_extension"), ("rec.jsonl/#0", "no_text")]
    assert list(docs["source"]) == ["rec.jsonl/#1"]
    # the second run reuses both rejections (each is traced back to its own file)
    messages: list[str] = []
    run_all(store, MAX, log=messages.append)
    assert "documents: 0 files to read, 2 unchanged files reused" in messages
