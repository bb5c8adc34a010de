"""Bytes of an HTML page -> text, whatever its header, <meta> and BOM claim.

Chinese portals declare gb2312 and send GBK (or GB18030), declare nothing in the header, or declare
UTF-8 in the header over a GBK page. GBK bytes are almost never valid UTF-8, so a page that decodes
cleanly as UTF-8 is UTF-8; otherwise the declared charsets are tried, with every GB name read as
GB18030 (a superset, so characters outside GB2312 such as 珺 or 镕 survive).
"""
from __future__ import annotations

import codecs
import re

_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "ms936", "euc-cn", "csgb2312"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def normalize(name: str | None) -> str | None:
    """Python codec name for a declared charset; GB names -> gb18030; unknown -> None."""
    if not name:
        return None
    name = name.strip().strip("'\"").lower()
    if name in _GB:
        return "gb18030"
    if name in ("utf8", "utf-8"):
        return "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charsets(data: bytes, content_type: str | None = None) -> dict[str, str | None]:
    """What the BOM, the HTTP header and the page's <meta> say (None when silent)."""
    bom = next((enc for mark, enc in _BOMS if data.startswith(mark)), None)
    header = None
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        header = m.group(1) if m else None
    m = _META_CHARSET.search(data[:8192])
    meta = m.group(1).decode("ascii", "replace") if m else None
    return {"bom": bom, "header": header, "meta": meta}


def _clean(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


WESTERN = {"iso-8859-1", "latin-1", "latin1", "cp1252", "windows-1252", "ascii", "us-ascii", "iso8859-1"}


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding) of an HTML page; the BOM is dropped from the text."""
    said = declared_charsets(data, content_type)
    if said["bom"]:
        enc = said["bom"]
        body = data[len(codecs.BOM_UTF8):] if enc == "utf-8" else data[2:]
        text = _clean(body, enc)
        if text is not None:
            return text, enc
    declared = [normalize(said["header"]), normalize(said["meta"])]
    # Valid UTF-8 with non-ASCII bytes in it is UTF-8, whatever was declared.
    if any(b > 0x7F for b in data):
        text = _clean(data, "utf-8")
        if text is not None:
            return text, "utf-8"
    # ISO-8859-1 (the HTTP default that servers send without thinking) decodes any bytes "cleanly",
    # so a western single-byte declaration only counts after the page's own meta and GB18030.
    western = [e for e in declared if e and e.replace("_", "-") in WESTERN]
    for enc in [e for e in declared if e and e not in western] + ["gb18030"] + western:
        text = _clean(data, enc)
        if text is not None:
            return text, enc
    # Nothing decodes cleanly (a truncated page, a stray byte): take the candidate that loses least.
    best = min(((data.decode(e, "replace"), e) for e in [e for e in declared if e] + ["gb18030", "utf-8"]),
               key=lambda te: te[0].count("\ufffd"))
    return best


LATIN1_HEADER = re.compile(r"charset\s*=\s*[\"']?(iso-?8859-1|latin-?1|us-ascii|ascii)\b", re.I)


def decode_page(body: bytes, content_type: str | None = None) -> str:
    """Page text whatever its header claims (GBK pages behind an ISO-8859-1 or UTF-8 header)."""
    if content_type and LATIN1_HEADER.search(content_type):
        content_type = None    # servlet containers say ISO-8859-1 by default: the page's <meta> knows better
    return decode_html(body, content_type)[0]
