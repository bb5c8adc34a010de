"""The frontier: which wanted requests a portal's crawl may send, and with which validators.

`admit` is the one gate every request passes: seen once, within the budget, on the portal's hosts and
path, within the per-path query cap; conditional (If-None-Match / If-Modified-Since) when the page is
known, except where a rediscovery must read listings whole.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from govcrawl.crawl.state import PortalCrawl
from govcrawl.discovery import scope
from govcrawl.families.base import FamilyRequest
from govcrawl.net import host_allowed


@dataclass(frozen=True)
class Want:
    """A request the policy asks for; the frontier admits it or not."""
    url: str
    depth: int
    score: float
    role: str                         # seed | link | candidate | listing | report | attachment
    anchor: str = ""
    listing_url: str = ""
    listing_date: str = ""
    candidate: bool = False           # the answer goes to the classifier whatever it looks like
    family: FamilyRequest | None = None
    family_origin: str = ""           # the listing a family answer's reports belong to
    conditional: bool = True


@dataclass(frozen=True)
class CrawlOptions:
    strategy: str = "focused"         # focused | naive | naive_capped (bench/discovery.py's baselines)
    full: bool = False                # rediscover from the home page
    max_depth: int = 6
    prefixes: dict = field(default_factory=dict)    # portal url -> path prefix on a shared host

    @property
    def naive(self) -> bool:
        return self.strategy != "focused"


@dataclass(frozen=True)
class Admitted:
    url: str
    fragment: str
    method: str
    body: bytes
    headers: dict


def admit(state: PortalCrawl, want: Want, opts: CrawlOptions) -> Admitted | None:
    url, _, fragment = want.url.partition("#")
    fr = want.family
    method, body = (fr.method, fr.body) if fr else ("GET", b"")
    key = url if method == "GET" else f"{method} {url} {body!r}"
    if key in state.seen:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not host_allowed(parts.netloc, state.hosts):
        return None
    if not scope.in_scope(url, state.entry.url, opts.prefixes.get(state.entry.url, "")):
        return None
    if method == "GET" and opts.strategy != "naive" and not state.query_budget_ok(url):
        return None
    if not state.take_budget():
        return None
    state.claim(key)
    headers = dict(fr.headers) if fr else {}
    # full=1 is a rediscovery: listings are fetched whole (a 304 would end the walk at the home page);
    # reports and documents stay conditional.
    rediscover = opts.full and want.role in ("seed", "link", "listing")
    if want.conditional and not opts.naive and url in state.validators and not rediscover:
        etag, last_modified = state.validators[url]
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
    return Admitted(url=url, fragment=fragment, method=method, body=body, headers=headers)
