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
TOTAL_TAG_RE = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.I)
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
    m = TOTAL_TAG_RE.search(xml)
    total = int(m.group(1)) if m else jp.total
    return Jpage(params=jp.params, total=total, per_page=jp.per_page, shown=jp.shown + n)


# -- 信息公开目录: POST /module/xxgk/search.jsp, one category page at a time ------------------------------
XXGK_PATH = "/module/xxgk/search.jsp"
_XXGK_FN = re.compile(r"function\s+(\w+)\s*\(\s*(\w+)\s*,\s*(\w+)\s*\)\s*\{[^{}]*?" + re.escape(XXGK_PATH)
                      + r"""['"]\s*,\s*\{([^{}]*)\}""", re.S)
_FIELD = re.compile(r"""(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|(\w+))""")
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Xxgk:
    function: str                  # the page's JS function that posts (xxgkSearch)
    fields: dict                   # form fields; CATEGORY / PAGE mark the function's two arguments
    category: str = ""
    page: int = 1


CATEGORY, PAGE = "\0category", "\0page"


def xxgk_of(html: str) -> Xxgk | None:
    """The 信息公开目录 search a page posts from its script, or None."""
    m = _XXGK_FN.search(html)
    if not m:
        return None
    fn, arg_cat, arg_page, obj = m.groups()
    fields = {}
    for key, q1, q2, ident in _FIELD.findall(obj):
        if ident:
            fields[key] = CATEGORY if ident == arg_cat else PAGE if ident == arg_page else ident
        else:
            fields[key] = q1 or q2
    if CATEGORY not in fields.values() or PAGE not in fields.values():
        return None
    return Xxgk(function=fn, fields=fields)


def xxgk_calls(html: str, function: str) -> list[tuple[str, str, int]]:
    """(anchor text, category, page) of every link whose onclick calls the search function."""
    call = re.compile(re.escape(function) + r"""\(\s*['"]([^'"]*)['"]\s*,\s*(\d+)\s*\)""")
    out = []
    for attrs, inner in _ANCHOR.findall(html):
        m = call.search(attrs)
        if m:
            out.append((" ".join(_TAG.sub(" ", inner).split()), m.group(1), int(m.group(2))))
    return out


def xxgk_post(base_url: str, x: Xxgk, category: str, page: int) -> tuple[str, bytes, Xxgk]:
    form = {k: (category if v == CATEGORY else str(page) if v == PAGE else v) for k, v in x.fields.items()}
    return (urljoin(base_url, XXGK_PATH), urlencode(form).encode("utf-8"),
            Xxgk(function=x.function, fields=x.fields, category=category, page=page))


def xxgk_next_page(x: Xxgk, answer_html: str) -> int | None:
    """The next page of the same category when the answer's pager offers one."""
    pages = [p for _, cat, p in xxgk_calls(answer_html, x.function) if cat == x.category and p > x.page]
    return min(pages) if pages else None
