"""Every CMS family, one line each, named families first and the generic fallback last.

The crawl policy, the renderer and the HTML cleaner ask here; none of them names a family.
"""
from __future__ import annotations

import re

from govcrawl.discovery.links import Link, anchor_links
from govcrawl.families.ahzwgk import AnhuiPublic
from govcrawl.families.base import Family, FamilyAnswer, FamilyRequest, Page
from govcrawl.families.epoint import Epoint
from govcrawl.families.generic import Generic
from govcrawl.families.gkmlpt import Gkmlpt
from govcrawl.families.hanweb import Hanweb, HanwebCatalogue
from govcrawl.families.jiyue import Jiyue
from govcrawl.families.trs import Trs

FAMILIES: tuple[Family, ...] = (
    Trs(),
    Hanweb(),
    HanwebCatalogue(),
    Gkmlpt(),
    AnhuiPublic(),
    Jiyue(),
    Epoint(),
    Generic(),
)
# Where an article's body sits: each family's containers, most specific (named families) first.
CONTAINERS: tuple[str, ...] = tuple(dict.fromkeys(sel for f in FAMILIES for sel in f.containers))
# Leaf article URLs of any family: worth a request only when the anchor reads as a report's title.
ARTICLE_URL = re.compile("|".join(f"(?:{f.article_url})" for f in FAMILIES if f.article_url), re.I)


def claimants(url: str, html: str) -> list[Family]:
    """The families that claim the page, named ones first; generic, which claims every page, last."""
    return [f for f in FAMILIES if f.detect(url, html)]


def page_links(html: str, url: str) -> list[Link]:
    """A page's <a href> links and those its family's scripts write (TRS pagers, Hanweb records)."""
    links = anchor_links(html, url)
    for f in FAMILIES:
        links += f.script_links(html, url)
    return links


def follow_ups(page: Page) -> list[FamilyRequest]:
    """The requests a listing needs beyond its links, from every family that has some for it."""
    return [req for f in FAMILIES for req in f.follow_ups(page)]


def read_answer(request: FamilyRequest, url: str, body: bytes, content_type: str = "") -> FamilyAnswer | None:
    """A family request's answer: links and further requests; None when no family reads it."""
    for f in FAMILIES:
        if f.answers(request.family, url):
            return f.read_answer(request, url, body, content_type)
    return None


def misses(claimed: list[Family], page: Page, links: list[Link], more: list[FamilyRequest]) -> list[str]:
    """What the families that claim this page expected to find on it and did not."""
    return [f"{f.name}: {why}" for f in claimed for why in [f.expects(page, links, more)] if why]
