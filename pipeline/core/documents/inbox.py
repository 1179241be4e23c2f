"""The inbox: listing its files and reading one file into articles or a rejection."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from pipeline.core.documents.decode import decode_bytes, looks_binary
from pipeline.core.documents.formats import _HTML_START, html_to_article, markdown_to_text
from pipeline.core.documents.inputs import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_EXTENSIONS,
    RawArticle,
    ReadResult,
    RejectedInput,
    Rejection,
)
from pipeline.core.documents.json_records import _read_json
from pipeline.core.documents.metadata import record_fields
from pipeline.core.text.ids import sha256_bytes


def parse_article_bytes(data: bytes, source: str, sha: str | None = None) -> ReadResult:
    """Turn one file's bytes into articles or rejections, by its extension (and content)."""
    sha = sha or sha256_bytes(data)
    ext = Path(source).suffix.lower()
    result = ReadResult()
    try:
        if ext not in SUPPORTED_EXTENSIONS:
            raise RejectedInput("unsupported_extension", f"'{ext or '(none)'}' is not one of "
                                f"{', '.join(sorted(SUPPORTED_EXTENSIONS))}")
        if not data.strip():
            raise RejectedInput("empty", "the file has no content")
        if looks_binary(data):
            raise RejectedInput("binary", "the file is not text (binary signature, NUL or "
                                "control bytes)")
        # HTML is repaired (ftfy) after extraction, on its title and text only.
        text = decode_bytes(data, repair=ext not in (".html", ".htm", ".xhtml"))
        if not text.strip():
            raise RejectedInput("empty", "the file holds only whitespace or invisible characters")
        if ext in (".json", ".jsonl", ".ndjson"):
            return _read_json(text, source, sha, lines=ext != ".json")
        if ext in (".html", ".htm", ".xhtml") or _HTML_START.match(text):
            # (a .txt page that is really HTML was repaired whole: harmless, and rare)
            try:
                found = html_to_article(text)
            except Exception as exc:  # a parser failure rejects this file, not the run
                raise RejectedInput("extraction_error", f"HTML extraction failed: {exc!r}") from exc
            if not (found["text"] or "").strip():
                raise RejectedInput("no_text", "no article text found in the HTML")
            result.articles.append(RawArticle(source, sha, 0, "html", found["text"] or "",
                                              **record_fields(found)))
        elif ext in (".md", ".markdown"):
            body, meta = markdown_to_text(text)
            result.articles.append(RawArticle(source, sha, 0, "markdown", body,
                                              **record_fields(meta)))
        else:
            result.articles.append(RawArticle(source, sha, 0, "txt", text))
    except RejectedInput as exc:
        result.rejections.append(Rejection(source, sha, exc.reason, exc.detail))
    return result


def read_inbox_file(
    inbox: Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> ReadResult:
    """Read `inbox/source` safely: symlinks escaping the inbox, special files, size limit,
    files that vanish or cannot be opened. Never raises for a bad file."""
    path = inbox / source

    def reject(reason: str, detail: str, sha: str | None = None) -> ReadResult:
        return ReadResult(rejections=[Rejection(source, sha, reason, detail)])

    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(inbox.resolve()):
            return reject("outside_inbox", "a link to a file outside the inbox")
        st = real.stat()
        if not stat.S_ISREG(st.st_mode):
            return reject("unreadable", "not a regular file (directory, pipe, socket or device)")
        if st.st_size > max_bytes:
            return reject("too_large", f"{st.st_size} bytes is over the limit of {max_bytes}")
        with open(real, "rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may grow after the size check
        if len(data) > max_bytes:
            return reject("too_large", f"over the limit of {max_bytes} bytes while reading")
    except FileNotFoundError:
        return reject("vanished", "the file disappeared before it could be read")
    except (OSError, RuntimeError) as exc:  # permissions, symlink loops, I/O errors
        return reject("unreadable", f"{type(exc).__name__}: {exc}")
    sha = sha256_bytes(data)
    try:
        return parse_article_bytes(data, source, sha)
    except Exception as exc:  # last resort: one odd file never stops the run
        return reject("extraction_error", f"{type(exc).__name__}: {exc}", sha)


def list_inbox(inbox: Path, unreadable: list[Rejection] | None = None) -> list[str]:
    """Every candidate file below the inbox, relative and sorted; hidden and partial files skipped.

    Names starting with a dot and temporary suffixes (.part, .tmp, .crdownload, ~) are files
    still being written by another tool; they are picked up once renamed. Symlinks are listed
    (the reader rejects those pointing outside the inbox), including links to folders, which
    are not followed. Pipes, sockets and devices are not listed (opening a pipe blocks
    forever), nor are names that are not valid UTF-8, which no table can hold, nor entries of
    folders that cannot be listed or searched: when `unreadable` is given, each of those is
    appended to it as a rejection (the name escaped; a folder's name ends in "/").
    """
    found: list[str] = []
    if not inbox.is_dir():
        return found

    def shown(full: str) -> str:
        return os.path.relpath(full, inbox).encode("utf-8", "surrogateescape").decode(
            "utf-8", "backslashreplace")

    def reject(full: str, detail: str, folder: bool = False) -> None:
        logging.getLogger(__name__).warning("inbox entry %r left out: %s", full, detail)
        if unreadable is not None:
            name = shown(full)
            unreadable.append(Rejection(name + ("/" if folder and name != "." else ""), None,
                                        "unreadable", detail))

    def cannot_list(exc: OSError) -> None:
        # A folder that cannot be read (mode 000, no read permission, I/O error): its files
        # cannot even be named, so the folder itself is the rejection.
        reject(str(exc.filename or inbox), f"the folder cannot be listed "
               f"({exc.strerror or type(exc).__name__}); nothing inside it was read", True)

    for root, dirs, files in os.walk(inbox, onerror=cannot_list, followlinks=False):
        if not _can_search(root):
            # Names can be listed but not opened (read permission without search permission):
            # every entry is named as a rejection rather than failing one by one later.
            for name in sorted([*files, *dirs]):
                if not is_partial_name(name):
                    reject(os.path.join(root, name), "its folder has no search (x) permission, "
                           "so it cannot be opened", name in dirs)
            dirs[:] = []
            continue
        linked_dirs = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked_dirs)
        for name in [*files, *linked_dirs]:
            if is_partial_name(name):
                continue
            full = os.path.join(root, name)
            if _is_special(full):
                reject(full, "not a regular file (a pipe, socket or device)")
                continue
            if not _is_utf8_name(full):
                # Tables cannot hold this name (pyarrow refuses lone surrogates); listing it
                # would crash the run, so it is rejected under its escaped name.
                reject(full, "the file name is not valid UTF-8; rename it")
                continue
            found.append(str(Path(full).relative_to(inbox)))
    return sorted(found)


def _can_search(folder: str) -> bool:
    """Whether entries of `folder` can be opened (search permission); root always can."""
    return os.access(folder, os.X_OK)


def _is_utf8_name(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_special(path: str) -> bool:
    """A pipe, socket or device, directly or behind a symlink (reading one can block)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # vanished, dangling link or loop: listed, and the reader records why
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def is_partial_name(name: str) -> bool:
    """Files another tool is still writing (dot-files, editor swap files, downloads)."""
    lowered = name.lower()
    return (
        name.startswith(".")
        or name.endswith("~")
        or lowered.endswith((".part", ".tmp", ".crdownload", ".partial", ".swp"))
    )
