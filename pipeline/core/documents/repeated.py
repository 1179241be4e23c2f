"""Lines an outlet repeats on many of its pages are its chrome, not any article's.

A page dump keeps what the per-page rules cannot know is chrome: an outlet's slogan under its
name ("Independent news for the Valmora coast since 1887"), its own promos ("Get the Northbrook
Daily app"), a fixed footer address. Each such line is on most pages of that outlet, while
an article's paragraphs are on one page. So the stage keeps, per document, the fingerprints of
its *candidate* lines (short or unpunctuated lines with no quotation; never a sentence of
reporting), counts in how many documents of each outlet (and of the whole corpus) each
fingerprint appears, and drops from a document the candidate lines that are frequent enough.

Determinism: the counts are taken over every current document (earlier runs' and this run's)
before any document of the run is cleaned, so a document's text does not depend on the order
its files arrive in. Fingerprints are of the text before this pass, so what a run drops never
changes later counts. Documents of earlier runs are not cleaned again (their quotes and figures
are keyed by `doc_id` and by character offsets into that text); see docs/documents.md.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from pipeline.core.documents.boilerplate import MIN_ARTICLE_WORDS, _headline_like, _looks_like_body
from pipeline.core.text.spans import count_words

LINE_COLUMNS = ["doc_id", "outlet", "line_hash"]
# Longer lines are kept whatever their count: a repeated 40-word line is a disclaimer at most.
MAX_CANDIDATE_WORDS = 30
_QUOTES = re.compile(r"[“”\"«»„‘]")
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = ".!?…"


@dataclass(frozen=True)
class RepeatRule:
    """A line is an outlet's chrome when at least `min_docs` documents of the outlet hold it
    and they are at least `min_share` of the outlet's documents; the same test over the whole
    corpus catches chrome shared by documents without an outlet."""

    min_docs: int = 5
    min_share: float = 0.25


def outlet_key(outlet: object, url: object) -> str | None:
    """The outlet a document's lines are counted under: its outlet metadata, else the host of
    its URL ("https://www.valmora-herald.example/x" → "valmora-herald.example"), else None."""
    if isinstance(outlet, str) and outlet.strip():
        return " ".join(outlet.split()).casefold()
    if isinstance(url, str) and url.strip():
        host = (urlsplit(url.strip()).hostname or "").casefold()
        host = host[4:] if host.startswith("www.") else host
        return host or None
    return None


def is_candidate(line: str) -> bool:
    """A line that could be chrome: at most 30 words, no quotation marks, and not a sentence
    of reporting (8+ words ending in sentence punctuation), so "“We will appeal,” she said."
    and "About 4,000 homes lost power on Monday, the utility said." are never candidates, while
    "Get the Northbrook Daily app" and "14 Harbour Road, Valmora" are. When unsure, keep."""
    if len(line) > 12 * MAX_CANDIDATE_WORDS:
        return False
    n = len(line.split())  # words as spaces part them: cheap, and a bound is all it needs
    if n == 0 or n > MAX_CANDIDATE_WORDS or _QUOTES.search(line):
        return False
    return not (n >= 8 and line.rstrip()[-1:] in _SENTENCE_END)


def line_hash(line: str) -> int:
    """Fingerprint of a line with case, spacing and the digits of numbers ignored, so
    "Comments (12)" and "Comments (80)" are one line; a signed 64-bit integer."""
    norm = _DIGITS.sub("0", " ".join(line.split()).casefold())
    return int.from_bytes(hashlib.blake2b(norm.encode(), digest_size=8).digest(), "little",
                          signed=True)


def _hashes(lines: list[str]) -> list[int | None]:
    """Each line's fingerprint, None for a line that is not a candidate."""
    return [line_hash(ln) if is_candidate(ln) else None for ln in lines]


def line_rows(documents: pd.DataFrame, hashed: list[list[int | None]] | None = None
              ) -> pd.DataFrame:
    """(doc_id, outlet, line_hash) for each distinct candidate line of each document, its
    title included (a page dump's title may be the outlet's slogan, taken for a headline).
    `hashed` gives the fingerprints of each document's text lines when already made."""
    ids, outlets, hashes = [], [], []
    for k, (doc_id, title, text, outlet, url) in enumerate(zip(
            documents["doc_id"], documents["title"], documents["text"], documents["outlet"],
            documents["url"], strict=True)):
        key = outlet_key(outlet, url)
        own = hashed[k] if hashed is not None else _hashes(str(text).split("\n"))
        if isinstance(title, str) and is_candidate(title):
            own = [*own, line_hash(title)]
        for h in sorted({h for h in own if h is not None}):
            ids.append(doc_id)
            outlets.append(key)
            hashes.append(h)
    return pd.DataFrame({"doc_id": pd.Series(ids, dtype=object),
                         "outlet": pd.Series(outlets, dtype=object),
                         "line_hash": pd.Series(hashes, dtype="int64")})


def repeated_lines(rows: pd.DataFrame, outlets: pd.Series, rule: RepeatRule
                   ) -> tuple[set[tuple[str, int]], set[int]]:
    """The chrome fingerprints: per outlet ((outlet, hash) pairs) and corpus-wide (hashes).

    `rows` are the line rows of every current document; `outlets` the outlet key of every
    current document (None for none), which gives each outlet's size."""
    sizes = outlets.dropna().value_counts()
    total = len(outlets)
    per_outlet: set[tuple[str, int]] = set()
    corpus: set[int] = set()
    if rows.empty:
        return per_outlet, corpus
    known = rows.dropna(subset=["outlet"])
    if not known.empty:
        counts = known.groupby(["outlet", "line_hash"], sort=False).size()
        counts = counts[counts >= rule.min_docs]
        if len(counts):
            need = sizes.reindex(counts.index.get_level_values(0)).to_numpy() * rule.min_share
            per_outlet = set(counts.index[counts.to_numpy() >= need])
    counts = rows.groupby("line_hash", sort=False).size()
    counts = counts[(counts >= rule.min_docs) & (counts >= rule.min_share * total)]
    corpus = set(counts.index)
    return per_outlet, corpus


def drop_repeated(text: str, outlet: str | None, per_outlet: set[tuple[str, int]],
                  corpus: set[int], hashes: list[int | None] | None = None) -> tuple[str, int]:
    """`text` without its chrome lines, and how many went. A line between two paragraphs of
    reporting stays: there it is a subheading ("What happens next"), which an outlet may use
    on many pages. A text that would fall under MIN_ARTICLE_WORDS is left whole (when unsure,
    keep). `hashes` are the lines' fingerprints when already made."""
    lines = text.split("\n")
    hashes = hashes if hashes is not None else _hashes(lines)
    gone = [h is not None and (h in corpus or (outlet is not None and (outlet, h) in per_outlet))
            for h in hashes]
    if not any(gone):
        return text, 0
    kept = [ln for k, ln in enumerate(lines) if not gone[k] or (
        0 < k < len(lines) - 1 and _looks_like_body(lines[k - 1])
        and _looks_like_body(lines[k + 1]))]
    if len(kept) == len(lines):
        return text, 0
    out = "\n".join(kept)
    if count_words(out) < MIN_ARTICLE_WORDS:
        return text, 0
    return out, len(lines) - len(kept)


def drop_outlet_chrome(new_docs: pd.DataFrame, known_rows: pd.DataFrame | None,
                       known_outlets: pd.Series | None, rule: RepeatRule
                       ) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Clean this run's documents of their outlets' repeated lines.

    `known_rows` and `known_outlets` describe the documents kept from earlier runs (their line
    rows and outlet keys). Returns the new documents with `text` and `n_words` updated, their
    line rows (to store), and the number of lines dropped."""
    hashed = [_hashes(str(text).split("\n")) for text in new_docs["text"]]
    new_rows = line_rows(new_docs, hashed)
    new_outlets = pd.Series([outlet_key(o, u) for o, u in zip(
        new_docs["outlet"], new_docs["url"], strict=True)], dtype=object)
    rows = pd.concat([df for df in (known_rows, new_rows) if df is not None and not df.empty]
                     or [new_rows], ignore_index=True)
    outlets = pd.concat([s for s in (known_outlets, new_outlets) if s is not None],
                        ignore_index=True)
    per_outlet, corpus = repeated_lines(rows, outlets, rule)
    if not per_outlet and not corpus:
        return new_docs, new_rows, 0
    texts, titles, n_words, n_dropped = [], [], [], 0
    for title, text, words, outlet, hashes in zip(
            new_docs["title"], new_docs["text"], new_docs["n_words"], new_outlets, hashed,
            strict=True):
        cleaned, n = drop_repeated(str(text), outlet, per_outlet, corpus, hashes)
        title, cleaned, n_title = _retitle(title, cleaned, outlet, per_outlet, corpus)
        texts.append(cleaned)
        titles.append(title)
        n_words.append(words if cleaned == text else count_words(cleaned))
        n_dropped += n + n_title
    out = new_docs.assign(title=titles, text=texts, n_words=n_words)
    return out, new_rows, n_dropped


def _retitle(title: object, text: str, outlet: str | None, per_outlet: set[tuple[str, int]],
             corpus: set[int]) -> tuple[object, str, int]:
    """A title that is the outlet's chrome ("The voice of Valmora", a slogan a page dump put
    above the headline) gives way to the headline-shaped first line of the text, which leaves
    the text; with no such line the title is unknown (None)."""
    if not isinstance(title, str) or not is_candidate(title):
        return title, text, 0
    h = line_hash(title)
    if h not in corpus and (outlet is None or (outlet, h) not in per_outlet):
        return title, text, 0
    lines = text.split("\n")
    first = lines[0] if lines else ""
    if len(lines) > 1 and _headline_like(first) and not _looks_like_body(first):
        rest = "\n".join(lines[1:])
        if count_words(rest) >= MIN_ARTICLE_WORDS:
            return first, rest, 1
    return None, text, 1
