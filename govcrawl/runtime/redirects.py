"""Redirects followed as a browser would, refused as a careful crawler must.

Scrapy's RedirectMiddleware follows 301/302/303/307/308; the hop goes back through the scheduler and
every downloader middleware, so the address guard (govcrawl.netguard, first in the chain) checks
each hop against the portal's hosts and the private ranges. Here we add what Scrapy lacks: a loop
is refused as a loop (not after eight wasted hops), the hop limit has its own name, and pages whose
only content is a meta refresh or a one-line `location.href=` script are followed too (Scrapy's
MetaRefreshMiddleware is switched off in the settings so there is one rule for both).

Refusals raise RedirectRefused("redirect_loop: …" / "redirect_limit: …"): the spider's errback
records the text before the colon as the error kind.
"""
from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import BaseRedirectMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest

from govcrawl.extract.decode import decode_page as decode
from govcrawl.families.antibot import challenge
from govcrawl.discovery.redirects import page_redirect


class RedirectRefused(IgnoreRequest):
    """A redirect that is not followed: a loop, or too many hops."""


def _key(url: str) -> str:
    return url.split("#", 1)[0].rstrip("/")


class _Checked:
    max_redirect_times: int

    def _redirect(self, redirected, request, reason):
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if _key(redirected.url) in {_key(u) for u in chain}:
            raise RedirectRefused(f"redirect_loop: {' -> '.join(chain + [redirected.url])[:900]}")
        if len(chain) > self.max_redirect_times:
            raise RedirectRefused(f"redirect_limit: more than {self.max_redirect_times} hops from {chain[0]}")
        return super()._redirect(redirected, request, reason)


class GuardedRedirectMiddleware(_Checked, RedirectMiddleware):
    """HTTP 3xx with a Location."""


class PageRedirectMiddleware(_Checked, BaseRedirectMiddleware):
    """A small 200 page whose only content is a meta refresh or a `location.href=` script."""

    enabled_setting = "REDIRECT_ENABLED"

    def process_response(self, request, response, spider=None):
        if request.meta.get("dont_redirect") or request.method == "HEAD" or response.status != 200 \
                or request.meta.get("playwright"):
            return response
        body = response.body
        if len(body) > 20_000 or b"<" not in body[:2000] or not (b"refresh" in body.lower() or b"location" in body):
            return response
        if challenge(response.status, response.headers, body):
            return response         # an anti-bot wall's script is not a redirect: the spider records it as blocked
        text = decode(body, response.headers.get(b"Content-Type", b"").decode("latin-1"))
        target = page_redirect(text, response.url)
        if not target:
            return response
        redirected = self._redirect_request_using_get(request, response, target)
        reason = "meta refresh" if "http-equiv" in text.lower() and "refresh" in text.lower() else "script"
        return self._redirect(redirected, request, reason)     # refreshing to itself is a loop of one
