"""NetGuardMiddleware: govcrawl.net.guard applied to every request of a crawl.

Runs as the first downloader middleware, so redirects (which come back through the middleware
chain) are checked too. Without --allow-private nothing reaches a private address, whatever a
page links to. GOVCRAWL_ALLOWED_NETWORKS narrows further (the test settings allow only loopback).
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads

from govcrawl.net.guard import Refusal, check_ips, check_url, networks, resolve

log = logging.getLogger(__name__)


class RefusedAddress(IgnoreRequest):
    """The request was refused before any byte was sent."""


class NetGuardMiddleware:
    def __init__(self, allow_private: bool, allowed_networks: list[str], stats):
        self.allow_private = allow_private
        self.allowed = networks(allowed_networks)
        self.stats = stats
        self._cache: dict[str, list] = {}

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(s.getbool("GOVCRAWL_ALLOW_PRIVATE"), s.getlist("GOVCRAWL_ALLOWED_NETWORKS"), crawler.stats)

    async def process_request(self, request, spider=None):
        refusal = check_url(request.url, request.meta.get("portal_hosts"))
        if refusal is None:
            host = urlsplit(request.url).hostname
            refusal = check_ips(host, await self._resolve(host), allow_private=self.allow_private,
                                allowed_networks=self.allowed)
        if refusal is not None:
            self._refuse(request, refusal)
        return None

    async def _resolve(self, host: str) -> list:
        if host not in self._cache:
            # off the reactor thread: getaddrinfo blocks
            self._cache[host] = await maybe_deferred_to_future(threads.deferToThread(resolve, host))
        return self._cache[host]

    def _refuse(self, request, refusal: Refusal):
        if self.stats is not None:
            self.stats.inc_value(f"netguard/refused/{refusal.kind}")
        log.debug("refused %s: %s", request.url, refusal.detail)
        raise RefusedAddress(str(refusal))
