"""Anti-bot walls (portals.md): 瑞数, WZWS, 521 cookie pages. Not a CMS: a layer in front of any of them.

A wall is not a report and not the crawler's fault: the portal is recorded as blocked.
"""
from __future__ import annotations

import re


def challenge(status: int, headers, body: bytes) -> str:
    """Which wall answered ("" when none did)."""
    cookies = b" ".join(headers.getlist(b"Set-Cookie")) if hasattr(headers, "getlist") else b""
    head = body[:4000]
    if status == 412 and (b"$_ts" in head or re.search(rb"\w+80[ST]=", cookies)):
        return "瑞数 (412 + $_ts)"
    if b"wzws_cid" in cookies or b"wzws" in head[:2000] and status in (200, 302, 403):
        return "WZWS challenge"
    if status == 521 and b"document.cookie" in head:
        return "521 cookie challenge"
    return ""
