"""Family adapters: requests a listing needs beyond its <a href> links, and reading their answers.

Hanweb: the column's further records (dataproxy.jsp) and the 信息公开目录 search (xxgk/search.jsp),
both POSTs built from the page's own script; gkmlpt: the JSON list API with the page's SID.

`follow_ups(html, url, fragment)` inspects a fetched HTML page; `read_api(url, body, state)` reads
an answer to one of those requests. Both return what the spider should do next: links to score
and follow, and further family requests (POST or GET) carrying their state in `meta`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from govcrawl.discovery import gkmlpt, hanweb
from govcrawl.discovery.links import Link, extract_links
from govcrawl.discovery.pages import decode
from govcrawl.discovery.scoring import link_score

CATEGORY_MIN_SCORE = 50


@dataclass
class FamilyRequest:
    url: str
    family: str                      # hanweb | hanweb_xxgk | gkmlpt
    method: str = "GET"
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    state: object = None             # what the adapter needs to read the answer and go on

    @property
    def key(self) -> str:
        return f"{self.method} {self.url} {self.body.decode('utf-8', 'replace')}"


@dataclass
class FamilyAnswer:
    links: list[Link]
    more: list[FamilyRequest]


def _hanweb_post(base_url: str, jp: hanweb.Jpage) -> FamilyRequest | None:
    nxt = hanweb.next_post(base_url, jp)
    if nxt is None:
        return None
    url, body = nxt
    return FamilyRequest(url=url, family="hanweb", method="POST", body=body, state=jp,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                                  "X-Requested-With": "XMLHttpRequest"})


def _xxgk_post(base_url: str, xx: hanweb.Xxgk, category: str, page: int) -> FamilyRequest:
    url, body, state = hanweb.xxgk_post(base_url, xx, category, page)
    return FamilyRequest(url=url, family="hanweb_xxgk", method="POST", body=body, state=state,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                                  "X-Requested-With": "XMLHttpRequest"})


def follow_ups(html: str, url: str, fragment: str = "", links: list[Link] | None = None) -> list[FamilyRequest]:
    """Family requests a listing page needs: Hanweb's next records, gkmlpt's JSON list."""
    out = []
    jp = hanweb.jpage_of(html)
    if jp is not None:
        req = _hanweb_post(url, jp)
        if req is not None:
            out.append(req)
    xx = hanweb.xxgk_of(html)
    if xx is not None:
        for text, cat, page in hanweb.xxgk_calls(html, xx.function):
            if page == 1 and link_score(text, "") >= CATEGORY_MIN_SCORE:
                out.append(_xxgk_post(url, xx, cat, 1))
    if gkmlpt.is_gkmlpt_page(url):
        sid = gkmlpt.sid_of(html)
        cats = [fragment] if fragment.isdigit() else []
        # Categories linked from this page (one URL, many #fragments: the spider sees the URL once).
        all_on_page = "annualreport" in url
        for link, cat in gkmlpt_categories(links if links is not None else extract_links(html, url)):
            if cat not in cats and (all_on_page or link_score(link.text, link.url) >= CATEGORY_MIN_SCORE):
                cats.append(cat)
        if not cats and all_on_page and gkmlpt.default_category(html):
            cats.append(gkmlpt.default_category(html))     # the annual-report page opens on its own category
        if sid and cats:
            out += [FamilyRequest(url=gkmlpt.api_url(url, c, sid), family="gkmlpt") for c in cats]
    return out


def gkmlpt_categories(links: list[Link]) -> list[tuple[Link, str]]:
    """Links to gkmlpt pages whose fragment names a category: (link, catId)."""
    out = []
    for link in links:
        base, _, frag = link.url.partition("#")
        if frag.isdigit() and gkmlpt.is_gkmlpt_page(base):
            out.append((link, frag))
    return out


def read_api(family: str, url: str, body: bytes, state=None, content_type: str = "") -> FamilyAnswer | None:
    """Links and further requests from a family request's answer; None when `url` is no such answer."""
    if family == "gkmlpt" or (not family and gkmlpt.is_api(url)):
        links, nxt = gkmlpt.parse_api(url, body)
        return FamilyAnswer(links, [FamilyRequest(url=nxt, family="gkmlpt")] if nxt else [])
    if family == "hanweb" and isinstance(state, hanweb.Jpage):
        text = decode(body, content_type)
        links = extract_links(text, url)
        after = hanweb.after_response(state, text)
        more = _hanweb_post(url, after) if after is not None else None
        return FamilyAnswer(links, [more] if more else [])
    if family == "hanweb_xxgk" and isinstance(state, hanweb.Xxgk):
        text = decode(body, content_type)
        nxt = hanweb.xxgk_next_page(state, text)
        more = [_xxgk_post(url, state, state.category, nxt)] if nxt else []
        return FamilyAnswer(extract_links(text, url), more)
    return None
