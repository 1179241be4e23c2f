"""Is this line a subheading: the one rule documents, quotes and the speaker index share.

An article keeps its section headings as lines of their own ("Where the money went",
"What happens next"). Cleaning leaves them in the text; quotes neither take a quotation from
one nor let one name the speaker of the paragraph after it, and the speaker index does not
take the capitalised words of a heading for names.
"""

from __future__ import annotations

# Closing marks that may end a heading without being its punctuation: `Q&A: "Why now"`.
_CLOSING_MARKS = "”\"’'»)]"
# A line whose last character (closing marks aside) is one of these is prose, not a heading.
_SENTENCE_END = ".!?…:;,"
MAX_HEADING_WORDS = 15
# Fifteen words of 200 characters or more are not a heading: a link dump, a run-on label.
MAX_HEADING_CHARS = 200


def is_subheading(line: str) -> bool:
    """A short line whose last character, closing marks aside, is no sentence punctuation.

    `Where the money went` and `Q&A: "Why now"` are headings; `She said it was over.` and a
    hard-wrapped line ending in a comma are not.
    """
    s = line.rstrip().rstrip(_CLOSING_MARKS)
    return (bool(s.strip()) and s[-1] not in _SENTENCE_END and len(s.split()) <= MAX_HEADING_WORDS
            and len(s) < MAX_HEADING_CHARS)


def subheading_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every subheading line of `text`, in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if is_subheading(line):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans
