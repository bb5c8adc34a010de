"""Verify one portal: fetch its home page through the address guard, follow a move, judge the footer.

status: verified (the footer code or the name is the government's), mismatch (another
government's site: a copy), clone (spam copy, or a host off .gov.cn), unverified (nothing on the
page says whose it is), moved (a notice names a new address that could not be verified), down
(no answer, an error status), blocked (an anti-bot wall: 412/521/WZWS), refused (the guard would
not send the request). A portal that redirects to a new domain, or whose page is a notice naming
the new address, is followed: the verdict is the new address's, with `moved_from` kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from govcrawl import config
from govcrawl.extract.decode import decode_page as decode
from govcrawl.families.antibot import challenge
from govcrawl.discovery.redirects import page_redirect
from govcrawl.net.fetch import FetchError, fetch
from govcrawl.registry.identity import Identity, judge, read_identity, whose
from govcrawl.registry.names import Target, government_name

BLOCKING_STATUSES = (403, 412, 521)


@dataclass
class Check:
    url: str                       # the portal's address now (the new one after a move)
    status: str
    why: str
    how: str = ""
    target: Target | None = None   # whose site it was checked as (found from the page for a start portal)
    identity: Identity = field(default_factory=Identity)
    moved_from: str = ""           # the address asked for, when the portal lives elsewhere now
    hops: list[str] = field(default_factory=list)   # addresses passed through (3xx, refresh, notices)
    body: bytes = b""
    content_type: str = ""

    @property
    def hosts(self) -> list[str]:
        """Every host of the portal: a moved portal's old host still serves old links to reports."""
        out = []
        for u in [self.url, self.moved_from, *self.hops]:
            h = urlsplit(u).netloc.lower()
            if h and h not in out:
                out.append(h)
        return out


def check_portal(url: str, target: Target | None, *, allow_private: bool, allowed_networks=()) -> Check:
    """Verify `url` as `target`'s portal; with target None, as whichever government the page names.
    `allowed_networks` narrows the guard further, as GOVCRAWL_ALLOWED_NETWORKS does for the crawl."""
    asked, hops = url, []
    for _ in range(config.REGISTRY_MOVED_HOPS + config.MAX_REDIRECTS):
        try:
            got = fetch(url, allow_private=allow_private, allowed_networks=allowed_networks,
                        max_bytes=config.REGISTRY_MAX_PAGE_BYTES,
                        timeout=config.REGISTRY_FETCH_TIMEOUT_S)
        except FetchError as exc:
            status = ("refused" if exc.refusal else "blocked" if exc.status in BLOCKING_STATUSES else "down")
            return Check(url, status, exc.reason, target=target, hops=hops, moved_from=_moved(asked, url))
        hops += [u for _, u in got.chain]
        html = decode(got.body, got.content_type)
        wall = challenge(200, {}, got.body)
        if wall:
            return Check(got.url, "blocked", wall, target=target, hops=hops, moved_from=_moved(asked, got.url))
        onward = page_redirect(html, got.url)
        if onward and onward not in hops:
            hops.append(got.url)
            url = onward
            continue
        identity = read_identity(html, got.url)
        who = target or _whose(identity)
        if who is None:
            return Check(got.url, "unverified", "the page names no government", identity=identity, hops=hops,
                         body=got.body, content_type=got.content_type)
        verdict = judge(identity, who, got.url, allow_private=allow_private)
        if verdict.status == "moved" and len(hops) < config.REGISTRY_MOVED_HOPS + config.MAX_REDIRECTS \
                and identity.moved_to not in hops:
            hops.append(got.url)
            url = identity.moved_to
            continue
        return Check(got.url, verdict.status, verdict.why, verdict.how, who, identity, _moved(asked, got.url),
                     hops, got.body, got.content_type)
    return Check(url, "moved", f"gave up after {len(hops)} moves from {asked}", target=target, hops=hops,
                 moved_from=asked)


def _moved(asked: str, now: str) -> str:
    return asked if urlsplit(asked).netloc.lower() != urlsplit(now).netloc.lower() else ""


def _whose(identity: Identity) -> Target | None:
    d = whose(identity)
    return Target(d.code, government_name(d), d.level) if d is not None else None
