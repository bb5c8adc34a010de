"""Which kind of document some bytes are: by magic bytes first, the name and Content-Type only to
break ties (a server that labels HTML as application/pdf is common, so labels never win over bytes)."""
from __future__ import annotations

import io
import zipfile

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")


def _zip_kind(data: bytes) -> str | None:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return None


def _ole_kind(data: bytes, hint: str) -> str:
    # OLE2 directory entries are UTF-16 names; a Word file has "WordDocument", a workbook "Workbook"/"Book".
    head = data[: 1 << 20]
    if "WordDocument".encode("utf-16-le") in head:
        return "doc"
    if "Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head:
        return "xls"
    return "xls" if ("xls" in hint or "excel" in hint) else "doc"


def sniff_kind(data: bytes, filename: str | None = None, content_type: str | None = None) -> str | None:
    """'pdf', 'docx', 'doc', 'xlsx', 'xls', 'image', or None (HTML, text, unknown)."""
    hint = f"{filename or ''} {content_type or ''}".lower()
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind:
            return kind
        # a truncated zip has no central directory: trust the label for the container's kind
        if ".docx" in hint or "wordprocessingml" in hint:
            return "docx"
        if ".xlsx" in hint or "spreadsheetml" in hint:
            return "xlsx"
        return None
    if head.startswith(_OLE):
        return _ole_kind(data, hint)
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    return None
