"""Anhui 政务公开 platform (every 安徽 county and department): /public/column/<organId>?…&catId=<cat>.

The column page is a frame; its list comes from a label call the page's script makes,
GET /site/label/8888?IsAjax=1&dataType=html&labelName=publicInfoList&siteId=…&organId=…&catId=…&pageIndex=1,
which answers an HTML fragment of links (/public/<organId>/<id>.html) and the page count
(`pageCount:3` in the pager script, or 共3页). The label URL is requested directly: no browser.
"""
from __future__ import annotations

import html as htmllib
import re
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from govcrawl.discovery.links import anchor_links
from govcrawl.extract.decode import decode_page
from govcrawl.families.base import Family, FamilyAnswer, FamilyRequest, Page

LABEL_RE = re.compile(r"""(?:https?://[^"'\s]+)?/site/label/\d+\?[^"'\s<>]*labelName=publicInfoList[^"'\s<>]*""")
PAGE_COUNT_RE = re.compile(r"""pageCount["']?\s*[:=]\s*["']?(\d+)|共\s*(\d+)\s*页""")
MAX_PAGES = 100


def label_urls(html: str, base_url: str) -> list[str]:
    """The publicInfoList label calls a column page makes, first page each, one per category."""
    out: dict[str, str] = {}
    for m in LABEL_RE.finditer(html):
        url = urljoin(base_url, htmllib.unescape(m.group(0)))
        q = parse_qs(urlsplit(url).query)
        out.setdefault((q.get("catId") or q.get("catIds") or [""])[0], with_page(url, 1))
    return list(out.values())


def with_page(url: str, page: int) -> str:
    parts = urlsplit(url)
    q = [(k, v) for k, v in _pairs(parts.query) if k != "pageIndex"] + [("pageIndex", str(page))]
    return parts._replace(query=urlencode(q)).geturl()


def _pairs(query: str) -> list[tuple[str, str]]:
    return [(k, v[0]) for k, v in parse_qs(query, keep_blank_values=True).items()]


def page_count(text: str) -> int:
    m = PAGE_COUNT_RE.search(text)
    return int(m.group(1) or m.group(2)) if m else 0


def page_index(url: str) -> int:
    v = (parse_qs(urlsplit(url).query).get("pageIndex") or ["1"])[0]
    return int(v) if v.isdigit() else 1


class AnhuiPublic(Family):
    name = "ahzwgk"
    containers = (".j-fontContent", ".wzcon")
    article_url = r"/public/\d+/\d+\.html$"

    def detect(self, url, html):
        return "/public/column/" in url or "labelName=publicInfoList" in html

    def follow_ups(self, page: Page):
        return [FamilyRequest(url=u, family=self.name, headers={"X-Requested-With": "XMLHttpRequest"})
                for u in label_urls(page.html, page.url)]

    def read_answer(self, request, url, body, content_type=""):
        text = decode_page(body, content_type)
        links = anchor_links(text, url)
        n, total = page_index(url), page_count(text)
        more = []
        if links and n < min(total, MAX_PAGES):
            more.append(FamilyRequest(url=with_page(url, n + 1), family=self.name, headers=request.headers))
        return FamilyAnswer(links, more)

    def expects(self, page, links, more):
        if "publicInfoList" in page.html and not more:
            return "ahzwgk column: publicInfoList label call not understood"
        return ""
