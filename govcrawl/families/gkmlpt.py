"""Guangdong gkmlpt (政府信息公开目录平台): the listing is a JSON API the page's script calls.

Page `/gkmlpt/annualreport#2629` (the fragment is the category) embeds the site's SID; the list
comes from `/gkmlpt/api/all/<catId>?page=N&sid=<SID>` as {"articles": [...], "total": N}.
"""
from __future__ import annotations

import json
import math
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from govcrawl.discovery.links import Link, find_date
from govcrawl.families.base import Family, FamilyAnswer, FamilyRequest, Page

SID_RE = re.compile(r"""\bSID\b["']?\s*[:=]\s*["']?([\w-]+)""")
DEFAULT_CAT_RE = re.compile(r"""\bDEFAULT_CAT\b["']?\s*[:=]\s*["']?(\d+)""")
API_RE = re.compile(r"/gkmlpt/api/all/(\d+)")
CHINA = timezone(timedelta(hours=8))


def is_gkmlpt_page(url: str) -> bool:
    return "/gkmlpt/" in urlsplit(url).path and not is_api(url)


def is_api(url: str) -> bool:
    return bool(API_RE.search(urlsplit(url).path))


def sid_of(html: str) -> str:
    m = SID_RE.search(html)
    return m.group(1) if m else ""


def default_category(html: str) -> str:
    m = DEFAULT_CAT_RE.search(html)
    return m.group(1) if m else ""


def api_url(page_url: str, cat_id: str, sid: str, page: int = 1) -> str:
    return urljoin(page_url, f"/gkmlpt/api/all/{cat_id}") + "?" + urlencode({"page": page, "sid": sid})


def _date(value) -> str:
    if isinstance(value, (int, float)) and value > 0:
        secs = value / 1000 if value > 1e11 else value          # seconds or milliseconds
        return datetime.fromtimestamp(secs, CHINA).strftime("%Y-%m-%d")
    return find_date(str(value or ""))


def parse_api(url: str, body: bytes) -> tuple[list[Link], str | None]:
    """Links to the articles of one API page, and the next page's URL (None on the last)."""
    try:
        data = json.loads(body.decode("utf-8-sig", "replace"))
    except ValueError:
        return [], None
    if not isinstance(data, dict):
        return [], None
    articles = data.get("articles") or []
    links = []
    for a in articles:
        if not isinstance(a, dict) or not a.get("url"):
            continue
        when = next((_date(a[k]) for k in ("date", "first_publish_time", "publish_time", "created_at") if a.get(k)), "")
        links.append(Link(url=urljoin(url, a["url"]), text=str(a.get("title") or ""), date=when, kind="record"))
    parts = urlsplit(url)
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    page = int(q.get("page") or 1)
    total = data.get("total")
    size = next((data[k] for k in ("page_size", "pageSize", "per_page", "size") if isinstance(data.get(k), int)),
                len(articles))
    if not articles or len(articles) < size:
        return links, None                    # a short page is the last one
    if isinstance(total, int) and page >= math.ceil(total / size):
        return links, None
    q["page"] = str(page + 1)
    return links, parts._replace(query=urlencode(q)).geturl()


def categories(links) -> list[tuple[Link, str]]:
    """Links to gkmlpt pages whose fragment names a category: (link, catId)."""
    out = []
    for link in links:
        base, _, frag = link.url.partition("#")
        if frag.isdigit() and is_gkmlpt_page(base):
            out.append((link, frag))
    return out


class Gkmlpt(Family):
    name = "gkmlpt"
    article_url = r"/post_\d+\.html$"

    def detect(self, url, html):
        return is_gkmlpt_page(url) or is_api(url)

    def follow_ups(self, page: Page):
        if not is_gkmlpt_page(page.url):
            return []
        sid = sid_of(page.html)
        # The annual-report page lists only report categories; elsewhere a category must score as one.
        all_on_page = "annualreport" in page.url
        wanted: dict[str, tuple[str, str]] = {}
        if page.fragment.isdigit():
            wanted[page.fragment] = ("", "")
        # Categories linked from this page (one URL, many #fragments: the crawl sees the URL once).
        for link, cat in categories(page.links):
            wanted.setdefault(cat, ("", "") if all_on_page else (link.text or "?", link.url))
        if not wanted and all_on_page and default_category(page.html):
            wanted[default_category(page.html)] = ("", "")    # the page opens on its own category
        if not sid:
            return []
        return [FamilyRequest(url=api_url(page.url, cat, sid), family=self.name, anchor=text, anchor_url=link_url,
                              always=not text) for cat, (text, link_url) in wanted.items()]

    def answers(self, family, url):
        return family == self.name or (not family and is_api(url))

    def read_answer(self, request, url, body, content_type=""):
        links, nxt = parse_api(url, body)
        return FamilyAnswer(links, [FamilyRequest(url=nxt, family=self.name)] if nxt else [])

    def render_reason(self, url, html, root, inline_script):
        if "/gkmlpt/" in url.lower() and "post_" not in html and ("sid" in inline_script.lower()
                                                                  or "/gkmlpt/api/" in html):
            return "gkmlpt shell"
        return ""

    def expects(self, page, links, more):
        if is_gkmlpt_page(page.url) and "annualreport" in page.url and not more and not sid_of(page.html):
            return "gkmlpt report page without SID"
        return ""
