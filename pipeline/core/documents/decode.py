"""Bytes to text: encodings, BOMs, binary signatures, mojibake, Unicode normalisation."""

from __future__ import annotations

import codecs
import re
import unicodedata

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures of common binary formats that crawlers and people drop by mistake.
_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
    b"\x7fELF", b"MZ", b"RIFF", b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf", b"OggS", b"fLaC", b"ID3",
    b"SQLite format 3", b"PAR1", b"\x00\x00\x00\x18ftyp", b"\x00\x00\x00\x20ftyp",
)

# Invisible characters that only get in the way of matching; removed outright.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACE_LIKE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 variant of BOM-less data whose every other byte is NUL (ASCII-heavy)."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """Known binary signatures, NUL bytes outside UTF-16/32, or mostly control bytes."""
    if data.startswith(tuple(b for b, _ in _BOMS)) or _utf16_without_bom(data):
        return False
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and control / len(head) > 0.05


def _legacy_decode(data: bytes) -> str:
    """Non-UTF-8 bytes: Windows-1252 for Latin-script text, else charset-normalizer's guess.

    charset-normalizer alone misreads short Western text (it guesses cp775 or cp1250 for a
    paragraph of English with curly quotes), so Windows-1252 is tried first and kept unless
    the result is mostly accented letters, which is what Cyrillic or Greek bytes look like
    in it. ftfy's "sloppy" Windows-1252 maps its five undefined bytes like Latin-1 does, as
    browsers do, so it never fails; UTF-8 pieces mixed in come out as mojibake, which
    `normalise_text` repairs.
    """
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    western = data.decode("sloppy-windows-1252")
    letters = [c for c in western if c.isalpha()]
    accented = sum(1 for c in letters if ord(c) > 127)
    if not letters or accented / len(letters) < 0.3:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else western


def normalise_text(text: str, repair: bool = True) -> str:
    """Line ends to \\n, mojibake repaired, NFC; curly quotes and dashes kept.

    ftfy fixes text that was encoded in one charset and decoded in another ("â€œ" → "“");
    it is told not to straighten quotes. Odd spaces become plain spaces and invisible
    characters (zero-width, soft hyphen, stray BOMs) are dropped. `repair=False` skips ftfy:
    raw HTML is repaired after extraction, on its title and text only (ftfy over a whole
    page costs more than extracting it, and the markup needs no repair).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if repair:
        import ftfy

        text = ftfy.fix_text(
            text,
            uncurl_quotes=False,
            fix_character_width=False,
            fix_line_breaks=True,
            normalization="NFC",
        )
    text = text.translate(_INVISIBLE)
    text = _SPACE_LIKE.sub(" ", text).replace("\u2028", "\n").replace("\u2029", "\n")
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes, repair: bool = True) -> str:
    """Bytes of unknown encoding to normalised text (`repair`: mojibake fixed by ftfy).

    BOMs decide first (UTF-8/UTF-16/UTF-32); then BOM-less UTF-16; then strict UTF-8; then
    Windows-1252 or charset-normalizer's guess (see `_legacy_decode`).
    """
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            break
    if text is None and (variant := _utf16_without_bom(data)):
        text = data.decode(variant, errors="replace")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _legacy_decode(data)
    return normalise_text(text, repair)


