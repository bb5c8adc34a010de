"""Hanweb JCMS listings: records inside <script type="text/xml">, further pages by POST to dataproxy.jsp.

The column page embeds the first records and the parameters its jpage.js script would post
(columnid, unitid, webid, …) and usually totalRecord/perPage. The proxy answers with the same
<datastore><recordset><record><![CDATA[…]]> XML, so one parser reads both. The 信息公开目录 is a
second listing of the same sites: POST /module/xxgk/search.jsp, one category page at a time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlencode, urljoin

from govcrawl.discovery.links import Link, anchor_links, extract_links_fragment
from govcrawl.extract.decode import decode_page as decode
from govcrawl.families.base import Family, FamilyAnswer, FamilyRequest, Page

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


# -- the families ------------------------------------------------------------------------------------
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                "X-Requested-With": "XMLHttpRequest"}


def embedded_records(html: str, base_url: str) -> list[Link]:
    """The list entries a column page (or a proxy answer) carries as CDATA records."""
    out = []
    for m in RECORD_RE.finditer(html):
        for link in extract_links_fragment(m.group(1), base_url):
            out.append(Link(url=link.url, text=link.text, context=link.context, date=link.date, kind="record"))
    return out


def _proxy_request(base_url: str, jp: Jpage) -> FamilyRequest | None:
    nxt = next_post(base_url, jp)
    if nxt is None:
        return None
    url, body = nxt
    return FamilyRequest(url=url, family="hanweb", method="POST", body=body, state=jp, headers=FORM_HEADERS,
                         origin_is_page=True)


def _xxgk_request(base_url: str, xx: Xxgk, category: str, page: int, anchor: str = "") -> FamilyRequest:
    url, body, state = xxgk_post(base_url, xx, category, page)
    return FamilyRequest(url=url, family="hanweb_xxgk", method="POST", body=body, state=state,
                         headers=FORM_HEADERS, anchor=anchor, always=not anchor, origin_is_page=True)


class Hanweb(Family):
    name = "hanweb"
    containers = ("#zoom", "#Zoom")
    article_url = r"/art/20\d\d/\d+/\d+/art_"

    def detect(self, url, html):
        return is_hanweb_listing(html) or "/art/" in url and "art_" in url or "/col/col" in url

    def script_links(self, html, url):
        return embedded_records(html, url)

    def follow_ups(self, page: Page):
        jp = jpage_of(page.html)
        req = _proxy_request(page.url, jp) if jp is not None else None
        return [req] if req is not None else []

    def read_answer(self, request, url, body, content_type=""):
        if not isinstance(request.state, Jpage):
            return None
        text = decode(body, content_type)
        after = after_response(request.state, text)
        more = _proxy_request(url, after) if after is not None else None
        return FamilyAnswer(embedded_records(text, url), [more] if more else [])

    def render_reason(self, url, html, root, inline_script):
        low = html.lower()
        if ("<datastore" in low or "jpage" in inline_script.lower()) and "<record" not in low:
            return "hanweb jpage without records"
        return ""

    def expects(self, page, links, more):
        if is_hanweb_listing(page.html) and not any(l.kind == "record" for l in links) and not more:
            return "hanweb listing: no records and no jpage parameters"
        return ""


class HanwebCatalogue(Family):
    """Hanweb's 信息公开目录: categories posted to /module/xxgk/search.jsp by the page's own function."""
    name = "hanweb_xxgk"

    def detect(self, url, html):
        return XXGK_PATH in html

    def follow_ups(self, page: Page):
        xx = xxgk_of(page.html)
        if xx is None:
            return []
        return [_xxgk_request(page.url, xx, cat, 1, anchor=text or "?")
                for text, cat, n in xxgk_calls(page.html, xx.function) if n == 1]

    def read_answer(self, request, url, body, content_type=""):
        if not isinstance(request.state, Xxgk):
            return None
        text = decode(body, content_type)
        nxt = xxgk_next_page(request.state, text)
        more = [_xxgk_request(url, request.state, request.state.category, nxt)] if nxt else []
        return FamilyAnswer(anchor_links(text, url), more)

    def expects(self, page, links, more):
        if xxgk_of(page.html) is None and re.search(r"function\s+\w+\s*\([^)]*\)\s*\{[^{}]*" + re.escape(XXGK_PATH),
                                                      page.html):
            return "hanweb 信息公开目录: search function not understood"
        return ""
