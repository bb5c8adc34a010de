"""Hanweb JCMS listings: records inside <script type="text/xml">, further pages by POST to dataproxy.jsp.

The column page embeds the first records and the parameters its jpage.js script would post
(columnid, unitid, webid, …) and usually totalRecord/perPage. The proxy answers with the same
<datastore><recordset><record><![CDATA[…]]> XML, so one parser reads both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlencode, urljoin

PROXY_PATH = "/module/web/jpage/dataproxy.jsp"
RECORD_RE = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
DATASTORE_RE = re.compile(r"<datastore>", re.I)
# The jpage parameters appear as query strings (nextgroup href), JS object keys or assignments.
POST_PARAMS = ("col", "appid", "webid", "path", "columnid", "sourcecontenttype", "unitid", "webname",
               "permissiontype")
_CANON = {"sourcecontenttype": "sourceContentType"}
_DEFAULTS = {"col": "1", "appid": "1", "path": "/", "sourceContentType": "1", "permissiontype": "0"}
GROUP_PAGES = 3                      # jpage asks for three pages of records at a time


def _param(text: str, name: str) -> str:
    m = re.search(r"(?<![\w.])" + name + r"""\s*["']?\s*[:=]\s*["']?([^"'&,;\s}<>)\]]*)""", text, re.I)
    return unquote(m.group(1)) if m else ""     # the nextgroup href carries them URL-encoded


def _int_param(text: str, *names: str) -> int:
    for name in names:
        v = _param(text, name)
        if v.isdigit():
            return int(v)
    return 0


@dataclass
class Jpage:
    params: dict = field(default_factory=dict)    # form fields of the POST
    total: int = 0                                 # 0: unknown
    per_page: int = 15
    shown: int = 0                                 # records already in hand (embedded, or fetched)


def is_hanweb_listing(html: str) -> bool:
    return bool(DATASTORE_RE.search(html)) and "text/xml" in html


def jpage_of(html: str) -> Jpage | None:
    """The POST parameters and counts of a column page, or None when it has no jpage list."""
    if not is_hanweb_listing(html):
        return None
    params = {}
    for name in POST_PARAMS:
        value = _param(html, name)
        if value:
            params[_CANON.get(name, name)] = value
    if "columnid" not in params:
        return None                  # without a column the proxy cannot answer
    for k, v in _DEFAULTS.items():
        params.setdefault(k, v)
    total = _int_param(html, "totalRecord", "totalrecord")
    per_page = _int_param(html, "perPage", "perpage") or 15
    return Jpage(params=params, total=total, per_page=per_page, shown=len(RECORD_RE.findall(html)))


def next_post(base_url: str, jp: Jpage) -> tuple[str, bytes] | None:
    """(url, form body) of the POST for the records after those in hand; None when all are in hand."""
    start = jp.shown + 1
    if jp.total and start > jp.total:
        return None
    end = jp.total if jp.total else start + GROUP_PAGES * jp.per_page - 1
    url = urljoin(base_url, PROXY_PATH) + "?" + urlencode({"startrecord": start, "endrecord": end,
                                                            "perpage": jp.per_page})
    return url, urlencode(jp.params).encode("utf-8")


def after_response(jp: Jpage, xml: str) -> Jpage | None:
    """The state after a proxy answer: None when it brought nothing (the list is exhausted)."""
    n = len(RECORD_RE.findall(xml))
    if n == 0:
        return None
    total = _int_param(xml, "totalrecord") or jp.total
    return Jpage(params=jp.params, total=total, per_page=jp.per_page, shown=jp.shown + n)
