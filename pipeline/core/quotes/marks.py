"""Find quoted passages: which quote marks open and close, paragraph by paragraph.

The scan only visits quote-mark characters (found by one regex pass), so it is linear in the
text and cannot backtrack. Conventions handled:

- curly “…”, straight "…", low-high „…“ / „…”, guillemets «…» and »…«;
- single ‘…’ nested inside a double quotation stays part of it; a top-level ‘…’ (or a straight
  '…', as crawlers write British copy) counts as a quotation only when it opens at a word
  boundary and closes before a non-letter, so apostrophes (don’t, the students’ visas, ’90s,
  'em) are never taken as quotes;
- a missing closing mark (“We won, said Ada. “Next…”) is restored where the attribution
  starts;
- an unclosed mark closes at the end of its paragraph, never later;
- a paragraph whose last quotation stays open continues into the next paragraph when that one
  opens with a quote mark (multi-paragraph quotations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.core.quotes.lexicon import (
    CUE_WORDS,
    ELISIONS,
    WEAK_CUES,
)

_MARKS = re.compile(r"[\"“”„«»‘’‹›‚']")
_DOUBLE_OPENERS = {"“": "”", "„": "“”", "«": "»", "»": "«", '"': '"'}
_SINGLE_OPENERS = {"‘": "’", "‹": "›", "‚": "‘’", "'": "'"}
# A single-quoted passage closes within this many characters, or was never one.
_SINGLE_REACH = 2000
# Marks that only ever open a quotation, wherever they stand.
_ALWAYS_OPEN = {"“", "„", "«"}
# Characters after which a mark may open a quotation.
_OPEN_BEFORE = set(" \t\u00a0([{—–-/:;,") | {"\n"}


_CLAUSE_END = re.compile(r"[,!?](?=[ \u00a0])")
_STRONG_CUES = CUE_WORDS - WEAK_CUES


@dataclass(slots=True)
class QuoteSpan:
    """One quotation inside one paragraph: `start`/`end` bound the words inside the marks."""

    open_mark: int  # offset of the opening mark (or of the paragraph start for a carried quote)
    start: int
    end: int
    close_mark: int | None  # offset of the closing mark; None when closed by the paragraph end
    para: int  # paragraph index
    single: bool = False  # opened with a single quote mark
    continues: QuoteSpan | None = None  # the span of the previous paragraph this one continues


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, including empty ones (index = paragraph number)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_here(text: str, pos: int, para_start: int) -> bool:
    """A mark at `pos` may open a quotation: at the paragraph start or after a space/dash."""
    if pos == para_start:
        return True
    before = text[pos - 1]
    return before in _OPEN_BEFORE or before in "“\"«„‘"


def _single_closes(text: str, pos: int, para_end: int) -> bool:
    """’ at `pos` ends a single-quoted passage rather than being an apostrophe."""
    nxt = text[pos + 1] if pos + 1 < para_end else " "
    return not nxt.isalnum()


def _attribution_cut(text: str, begin: int, end: int) -> int | None:
    """Offset just after the comma of `, said Ada Obi.` / `, she said.` inside text[begin:end],
    where a closing mark is missing; None when no attribution follows a comma there."""
    for m in _CLAUSE_END.finditer(text, begin, end):
        words = text[m.end() : min(end, m.end() + 60)].split()[:5]
        if any(w.strip(".,;:").lower() in _STRONG_CUES for w in words):
            return m.start() + 1
    return None


def _elision(text: str, pos: int, para_end: int) -> bool:
    """A straight ' that starts a clipped word ('em, 'til) rather than a quotation."""
    end = pos + 1
    while end < para_end and end - pos < 8 and text[end].isalpha():
        end += 1
    return text[pos + 1 : end].lower() in ELISIONS


def _clearly_closes(text: str, pos: int, para_end: int) -> bool:
    """’ right after punctuation, or right before it: the end of a quotation."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < para_end else "."
    return before in ",.!?…;:" or after in ",.!?…;:)"


def find_quote_spans(
    text: str, paras: list[tuple[int, int]] | None = None
) -> list[QuoteSpan]:
    """Every quotation span in document order, closed at the paragraph end when unbalanced
    (`paras`: `paragraphs(text)`, when the caller has it already)."""
    marks_by_para: dict[int, list[int]] = {}
    if paras is None:
        paras = paragraphs(text)
    # Map each mark to its paragraph with one forward walk (marks come in order).
    para_idx = 0
    for m in _MARKS.finditer(text):
        pos = m.start()
        while paras[para_idx][1] < pos:
            para_idx += 1
        marks_by_para.setdefault(para_idx, []).append(pos)

    spans: list[QuoteSpan] = []
    previous_open: QuoteSpan | None = None  # last span of the previous paragraph, if unclosed
    previous_para = -2
    for idx in sorted(marks_by_para):
        p_start, p_end = paras[idx]
        marks = marks_by_para[idx]
        carried: QuoteSpan | None = None
        if previous_open is not None and previous_para == idx - 1:
            close = _closes_carried_line(text, marks[0], p_start, p_end)
            if close:
                # One sentence per line: `"We are done.` / `We go home," said Ada Obi.`: the
                # quotation of the line before ends at this line's closing mark.
                start, end = _trim(text, p_start, marks[0])
                if end > start:
                    carried = QuoteSpan(p_start, start, end, marks[0], idx,
                                        continues=previous_open)
                marks = marks[1:]
        para_spans = _scan_paragraph(text, marks, p_start, p_end, idx) if marks else []
        if carried is not None:
            para_spans.insert(0, carried)
        if para_spans and previous_open is not None and previous_para == idx - 1 and (
            carried is None
        ):
            first = para_spans[0]
            lead_start, _ = _trim(text, p_start, p_end)
            if first.open_mark == lead_start:
                first.continues = previous_open
        last = para_spans[-1] if para_spans else None
        previous_open = last if last is not None and last.close_mark is None else None
        previous_para = idx
        spans.extend(para_spans)
    return spans


def _closes_carried_line(text: str, pos: int, p_start: int, p_end: int) -> bool:
    """The first mark of a line closes a quotation the line before left open: a closing
    mark after a word or punctuation, no opening mark before it, and an attribution right
    after it (`We go home," said Ada Obi.`, `… now,” she said`)."""
    ch = text[pos]
    if ch not in "”\"" or pos == p_start or text[pos - 1].isspace():
        return False
    if ch == '"' and pos + 1 < p_end and text[pos + 1].isalnum():
        return False  # `the "reform` opens
    words = text[pos + 1 : min(p_end, pos + 60)].split()[:4]
    return any(w.strip(".,;:").lower() in _STRONG_CUES for w in words)


def _next_curly(text: str, marks: list[int], j: int) -> str | None:
    """The next curly double mark after marks[j] in the paragraph, if any."""
    for m in marks[j + 1 :]:
        if text[m] in "“”":
            return text[m]
    return None


def _scan_paragraph(
    text: str, marks: list[int], p_start: int, p_end: int, para: int
) -> list[QuoteSpan]:
    """Pair up the marks of one paragraph."""
    spans: list[QuoteSpan] = []
    i, n = 0, len(marks)
    while i < n:
        pos = marks[i]
        ch = text[pos]
        if ch in _DOUBLE_OPENERS and (ch in _ALWAYS_OPEN or _opens_here(text, pos, p_start)):
            if ch == '"' and (pos + 1 >= p_end or text[pos + 1].isspace()):
                i += 1  # a straight mark followed by a space closes nothing we opened
                continue
            closers = _DOUBLE_OPENERS[ch]
            depth = 0
            j = i + 1
            close_at: int | None = None
            reopened: int | None = None
            straight_depth = 0  # straight "…" nested inside a curly quotation
            while j < n:
                c = text[marks[j]]
                if ch == '"' and c in "“”":
                    if c == "“":
                        if not any(text[m] == '"' for m in marks[j + 1 :]):
                            break  # a stray straight mark before a curly quotation
                        depth += 1
                    elif depth:
                        depth -= 1
                    else:
                        close_at = j  # mixed marks: "…” closes with a curly mark
                        break
                    j += 1
                    continue
                if ch == "“" and c == '"':
                    q = marks[j]
                    if _opens_here(text, q, p_start) and q + 1 < p_end and not (
                        text[q + 1].isspace() or text[q + 1] in ",.;:!?"
                    ):
                        straight_depth += 1
                    elif straight_depth:
                        straight_depth -= 1
                    elif depth == 0 and _next_curly(text, marks, j) != "”":
                        close_at = j  # mixed marks: “…" closes with a straight mark
                        break
                    j += 1
                    continue
                if ch != '"' and c == ch and ch not in closers:
                    if depth == 0 and ch != "»":
                        cut = _attribution_cut(text, pos + 1, marks[j])
                        if cut is not None:
                            # “We won, said Ada Obi. “Next…”: the writer forgot a closing
                            # mark; the quotation ends where the attribution starts.
                            start, end = _trim(text, pos + 1, cut)
                            if end > start:
                                spans.append(QuoteSpan(pos, start, end, end - 1, para))
                            reopened = j
                            break
                    depth += 1  # a nested opener of the same kind
                elif c in closers:
                    if depth == 0:
                        close_at = j
                        break
                    depth -= 1
                j += 1
            if reopened is not None:
                i = reopened
                continue
            if close_at is None and ch == '"' and j < n and text[marks[j]] == "“":
                i += 1  # the stray mark opens nothing; the curly quotation is read as usual
                continue
            if close_at is None:
                start, end = _trim(text, pos + 1, p_end)
                if end > start:
                    spans.append(QuoteSpan(pos, start, end, None, para))
                break
            close_pos = marks[close_at]
            start, end = _trim(text, pos + 1, close_pos)
            if end > start:
                spans.append(QuoteSpan(pos, start, end, close_pos, para))
            i = close_at + 1
            continue
        if ch in _SINGLE_OPENERS and _opens_here(text, pos, p_start):
            nxt = text[pos + 1] if pos + 1 < p_end else " "
            if nxt.isspace() or nxt.isdigit():
                i += 1  # ‘90s, or a stray mark
                continue
            if ch == "'" and _elision(text, pos, p_end):
                i += 1  # 'em, 'til: an apostrophe
                continue
            closers = _SINGLE_OPENERS[ch]
            j = i + 1
            close_at = None
            first_plain: int | None = None
            while j < n and marks[j] - pos < _SINGLE_REACH:
                c = text[marks[j]]
                closes = c in closers and _single_closes(text, marks[j], p_end)
                if (c in _DOUBLE_OPENERS and c != "»" or c in _SINGLE_OPENERS) and not closes:
                    break  # another quotation starts: stop looking
                if closes:
                    if _clearly_closes(text, marks[j], p_end):
                        close_at = j
                        break
                    # "the students’ union": maybe a plural possessive; a later, clearer
                    # closing mark wins.
                    if first_plain is None:
                        first_plain = j
                j += 1
            if close_at is None:
                close_at = first_plain
            if close_at is None:
                i += 1
                continue
            close_pos = marks[close_at]
            start, end = _trim(text, pos + 1, close_pos)
            if end > start:
                spans.append(QuoteSpan(pos, start, end, close_pos, para, single=True))
            i = close_at + 1
            continue
        i += 1
    return spans
