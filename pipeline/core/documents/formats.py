"""Formats: plain text, Markdown and HTML (main text via trafilatura) to text and metadata."""

from __future__ import annotations

import bisect
import re

from pipeline.core.documents.decode import normalise_text

_HTML_START = re.compile(r"^\s*(<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_HTML_FRAGMENT = re.compile(r"<(p|br|div|h[1-6]|article|section|span|li|a)\b[^>]*>",
                            re.IGNORECASE)


def html_to_article(html: str) -> dict[str, str | None]:
    """Main text and metadata (title, date, url, sitename) of an HTML page, via trafilatura.

    trafilatura returns one paragraph per line and drops navigation, footers, share bars
    and most captions; its date comes from page metadata or the URL, never from the story's
    text or today's clock.
    """
    import trafilatura

    if not _HTML_START.match(html):
        html = f"<html><body><article>{html}</article></body></html>"
    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=False,
        with_metadata=True,
        deduplicate=False,
        # Dates from the page's metadata and URL only: a date mentioned in the story is not
        # when it was published.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    data = {} if doc is None else (doc.as_dict() if hasattr(doc, "as_dict") else dict(doc))
    text = data.get("text") or ""
    fallback = _readability_text(html, text)
    if fallback is not None:
        text = fallback
    if not text.strip():
        return {"text": ""}
    title = data.get("title")
    return {
        "text": normalise_text(text),
        "title": normalise_text(title) if isinstance(title, str) else title,
        "date": data.get("date"),
        "url": data.get("url"),
        "outlet": data.get("sitename"),
        "authors": data.get("author"),  # "Jane Doe; John Roe" from the page's metadata
    }


# trafilatura's text is "much shorter" than the page's prose below this share of its words.
FALLBACK_SHARE = 0.5
_PROSE_MIN_WORDS = 12
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd")


def _prose_words(root: object) -> int:
    """Words in the page's sentence-like paragraphs (12+ words): its main text, roughly."""
    total = 0
    for el in root.iter("p"):  # type: ignore[attr-defined]
        n = len(" ".join(el.itertext()).split())
        if n >= _PROSE_MIN_WORDS:
            total += n
    return total


def _readability_text(html: str, extracted: str) -> str | None:
    """readability-lxml's main text when trafilatura's is empty or much shorter than the
    page's prose (an article wrapped in `<aside>` or `<footer>` by its theme, which
    trafilatura drops as page furniture); None to keep trafilatura's.

    Only tried then, so a normal page costs one more parse, not a second extraction.
    """
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    prose = _prose_words(root)
    have = len(extracted.split())
    if prose == 0 or have >= FALLBACK_SHARE * prose:
        return None
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
        main = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability's own failures keep trafilatura's result
        return None
    lines = []
    for el in main.iter(*_BLOCK_TAGS):
        if any(a.tag in _BLOCK_TAGS for a in el.iterancestors()):
            continue  # a paragraph inside a list item is in the item's text
        line = " ".join(" ".join(el.itertext()).split())
        if line:
            lines.append(line)
    text = "\n".join(lines)
    return text if len(text.split()) > have else None


_MD_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(---|\.\.\.)\n", re.DOTALL)
# Bracket and parenthesis parts exclude their own opening character (a URL may hold one level
# of balanced parentheses): each opener then scans only to the next one, so "[a]([a]([a](..."
# is linear instead of rescanning the rest of the line from every "[".
_MD_URL_PART = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]" + _MD_URL_PART)
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]" + _MD_URL_PART)
_MD_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_MD_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
# Emphasis is stripped in linear time. One regex `(\*\*|__)(?=\S)(.+?)(?<=\S)\1` rescans the
# rest of the line from every opener that has no closer ("**a **a **a ..."): quadratic.
_MD_STRONG_CLOSER = {mark: re.compile(rf"(?<=\S)(?={re.escape(mark)})") for mark in ("**", "__")}
# A single-character span cannot contain its delimiter, so each opener scans to the next one
# only: linear as it stands.
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|"
                          r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_LIST = re.compile(r"^\s{0,3}([-*+]|\d{1,3}[.)])\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def _emphasis(m: re.Match[str]) -> str:
    return m.group(1) or m.group(2) or ""


def _strip_strong(line: str, mark: str) -> str:
    """`**bold**` / `__bold__` to `bold`, leftmost opener to the nearest closer, in one pass.

    An opener is the mark followed by a non-space; a closer is the mark after a non-space at
    least one character later. When an opener has no closer, no later opener has one either,
    so the scan stops instead of rescanning the line ("**a **a **a ..." stays as it is).
    """
    if mark not in line:
        return line
    closers = [m.start() for m in _MD_STRONG_CLOSER[mark].finditer(line)]
    out: list[str] = []
    pos = 0
    while True:
        start = line.find(mark, pos)
        while start != -1 and (start + 2 >= len(line) or line[start + 2].isspace()):
            start = line.find(mark, start + 1)
        if start == -1:
            break
        k = bisect.bisect_left(closers, start + 3)
        if k == len(closers):
            break
        end = closers[k]
        out.append(line[pos:start])
        out.append(line[start + 2:end])
        pos = end + 2
    out.append(line[pos:])
    return "".join(out)


def strip_emphasis(line: str) -> str:
    """Markdown emphasis markers removed, their words kept: `**a** _b_ *c*` → `a b c`."""
    for mark in ("**", "__"):
        line = _strip_strong(line, mark)
    return _MD_EMPHASIS.sub(_emphasis, line)


def markdown_to_text(md: str) -> tuple[str, dict[str, str]]:
    """Markdown to plain lines, plus any YAML front-matter fields (title, date, url...).

    Markup goes (emphasis, links keep their words, images go, list and quote markers go);
    a top-level heading before any body text is the headline (meta "title" unless the front
    matter has one); other headings stay as subheading lines. Paragraph joining is left to
    the cleaner.
    """
    meta: dict[str, str] = {}
    m = _MD_FRONT_MATTER.match(md)
    if m:
        for line in m.group(1).split("\n"):
            key, sep, value = line.partition(":")
            if sep and value.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
        md = md[m.end():]
    lines = md.split("\n")
    out: list[str] = []
    joinable: list[bool] = []  # whether a following soft-broken line may join this one
    in_code = False
    for i, line in enumerate(lines):
        if line.strip().startswith(("```", "~~~")):
            in_code = not in_code
            out.append("")
            joinable.append(False)
            continue
        if in_code or _MD_LINK_DEF.match(line) or _MD_RULE.match(line):
            out.append("")
            joinable.append(False)
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and _MD_SETEXT.match(nxt) and not _MD_LIST.match(line):
            level = "#" if nxt.strip().startswith("=") else "##"
            line = f"{level} {line.strip()}"
        elif _MD_SETEXT.match(line) and out and not joinable[-1]:
            continue
        heading = _MD_HEADING.match(line)
        is_item = False
        if heading:
            line = heading.group(2)
        else:
            while _MD_QUOTE.match(line):
                line = _MD_QUOTE.sub("", line, count=1)
            is_item = bool(_MD_LIST.match(line))
            line = _MD_LIST.sub("", line)
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_REF_LINK.sub(r"\1", line)
        line = strip_emphasis(line)
        line = _MD_HTML_TAG.sub("", line)
        line = re.sub(r"\\([^\w\s])", r"\1", line)  # backslash escapes
        line = " ".join(line.split())
        if heading and len(heading.group(1)) == 1 and not any(o.strip() for o in out):
            meta.setdefault("title", line)
            if meta["title"] == line:
                continue
        if not line:
            out.append("")
            joinable.append(False)
        elif out and out[-1] and joinable[-1] and not heading and not is_item:
            out[-1] = f"{out[-1]} {line}"  # a soft line break inside a paragraph
        else:
            out.append(line)
            joinable.append(not heading)
        if heading:
            out.append("")  # a heading ends its block even without a blank line after it
            joinable.append(False)
    return "\n".join(out), meta


