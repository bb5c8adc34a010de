"""The Family protocol: what one CMS family knows about its sites, in one module per family.

A family answers, for a page of one of its sites: is it mine (`detect`), which links do my scripts
write that an <a href> scan misses (`script_links`), which requests beyond the links does a listing
need (`follow_ups`: Hanweb's POST proxy, gkmlpt's JSON API), how to read their answers
(`read_answer`), why a page needs a browser (`render_reason`), where the article body sits
(`containers`), what its leaf articles look like (`article_url`), and what a listing of it must
yield (`expects`): a page the family claims that yields nothing is a `family_miss`, never silence.

Families are pure over decoded HTML and bytes; the crawl policy (govcrawl/crawl/policy.py) calls them
through govcrawl/families/registry.py, never by name.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from govcrawl.discovery.links import Link


@dataclass
class FamilyRequest:
    """A request a listing needs beyond its links; `state` lets the family read the answer and go on."""
    url: str
    family: str
    method: str = "GET"
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    state: object = None
    anchor: str = ""                 # the category link's text, when the request stands for one
    anchor_url: str = ""
    always: bool = True              # False: follow only when the anchor scores as a report column
    origin_is_page: bool = False     # its reports belong to the page that asked (Hanweb), not to the API URL


@dataclass
class FamilyAnswer:
    links: list[Link]
    more: list[FamilyRequest]


@dataclass(frozen=True)
class Page:
    """A fetched HTML page as families see it."""
    url: str
    html: str
    fragment: str = ""               # the #fragment of the requested URL (gkmlpt: the category)
    links: tuple[Link, ...] = ()     # its <a href> links


class Family:
    name = "generic"
    containers: tuple[str, ...] = ()      # CSS selectors of the article body, most specific first
    article_url: str = ""                 # regex (search) of this family's leaf article URLs

    @property
    def article_re(self) -> re.Pattern | None:
        return compiled(self.article_url)

    def detect(self, url: str, html: str) -> bool:
        return False

    def script_links(self, html: str, url: str) -> list[Link]:
        return []

    def follow_ups(self, page: Page) -> list[FamilyRequest]:
        return []

    def read_answer(self, request: FamilyRequest, url: str, body: bytes, content_type: str = "") -> FamilyAnswer | None:
        return None

    def answers(self, family: str, url: str) -> bool:
        """Is a response to `url`, requested for `family`, an answer this family reads?"""
        return family == self.name

    def render_reason(self, url: str, html: str, root, inline_script: str) -> str:
        return ""

    def expects(self, page: Page, links: list[Link], more: list[FamilyRequest]) -> str:
        """What is missing from a page this family claims ("" when it yielded what it should)."""
        return ""


@functools.lru_cache(maxsize=None)
def compiled(pattern: str) -> re.Pattern | None:
    return re.compile(pattern, re.I) if pattern else None
