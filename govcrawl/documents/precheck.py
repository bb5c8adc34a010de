"""Refusals decided from the bytes alone, before any parser (and before a pool worker) sees them.

- bytes that are neither a document we read nor text (empty, an executable, random bytes, a zip
  that is no DOCX/XLSX) are unreadable, not "a page that is not a report";
- a big HTML page is counted first: a report has hundreds of cells, and a page of a million tiny
  elements costs gigabytes to parse (a 38 MB page of <td>s took 1.9 GB in lxml and the grid code).
  A page that is one 38 MB run of text is cheap (0.5 s, 96 MB measured): no refusal for that.
The hard guarantee is the pool worker's memory and time limit; this only spares the work.
"""
from __future__ import annotations

from govcrawl import config

_MAGIC = (  # formats a portal may serve by mistake that we do not read
    (b"\x7fELF", "an ELF executable"), (b"MZ", "a Windows executable"), (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "an empty zip archive"), (b"\x1f\x8b", "gzip data"), (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"), (b"BZh", "bzip2 data"), (b"\xfd7zXZ", "xz data"),
    (b"ID3", "an MP3 file"), (b"OggS", "an Ogg file"),
    (b"FLV", "a Flash video"), (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# C0 controls other than tab, LF, FF, CR and ESC (ISO-2022 text uses ESC): text has almost none.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def not_text(data: bytes) -> str | None:
    """Why bytes that no document parser claimed are not a page either (None: treat as HTML/text)."""
    if not data:
        return "empty: 0 bytes"
    if data.startswith(_UTF16_BOMS) or _textlike(data):
        return None
    what = next((what for magic, what in _MAGIC if data.startswith(magic)), "binary data")
    return f"not a page or document: {what} ({len(data)} bytes)"


def _textlike(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head:
        return False
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls <= len(head) // 200        # at most 0.5 %: stray form feeds, a broken byte


def html_too_big(data: bytes) -> str | None:
    """Why a page is refused before parsing (None: parse it under the worker's limits).
    bytes.count only: a regex over 38 MB builds millions of match objects (and took 6 s)."""
    if len(data) <= config.HTML_PRECHECK_BYTES:
        return None
    tags = data.count(b"<")
    if tags > config.HTML_MAX_TAGS:
        return f"too complex: {tags} HTML tags in {len(data)} bytes (limit {config.HTML_MAX_TAGS})"
    cells = sum(data.count(t) for t in (b"<td", b"<TD", b"<Td", b"<th", b"<TH", b"<Th"))
    if cells > config.HTML_MAX_CELLS:
        return f"too complex: {cells} table cells in {len(data)} bytes (limit {config.HTML_MAX_CELLS})"
    return None
