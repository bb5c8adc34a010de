"""Refuse requests to private, loopback and link-local addresses, and to hosts outside the portal.

Runs as the first downloader middleware, so redirects (which come back through the middleware
chain) are checked too. Without --allow-private nothing reaches a private address, whatever a
page links to. GOVCRAWL_ALLOWED_NETWORKS narrows further (the test settings allow only loopback).
"""
from __future__ import annotations

import ipaddress
import logging
import socket
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads

log = logging.getLogger(__name__)


class RefusedAddress(IgnoreRequest):
    """The request was refused before any byte was sent."""


def is_private(ip: ipaddress._BaseAddress) -> bool:
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
            or ip.is_multicast or ip.is_unspecified)


def host_allowed(host: str, portal_hosts: frozenset[str] | None) -> bool:
    """A request stays on the portal: its own hosts, or sub-hosts of its registered domain."""
    if portal_hosts is None:
        return True
    host = host.lower()
    if host in portal_hosts:
        return True
    name = host.split(":")[0]
    for allowed in portal_hosts:
        base = allowed.split(":")[0]
        if base.startswith("www."):
            base = base[4:]
        if _is_ip(base):
            continue
        if name == base or name.endswith("." + base):
            return True
    return False


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


class NetGuardMiddleware:
    def __init__(self, allow_private: bool, allowed_networks: list[str], stats):
        self.allow_private = allow_private
        self.allowed = [ipaddress.ip_network(n) for n in allowed_networks]
        self.stats = stats
        self._cache: dict[str, list] = {}

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(s.getbool("GOVCRAWL_ALLOW_PRIVATE"), s.getlist("GOVCRAWL_ALLOWED_NETWORKS"), crawler.stats)

    async def process_request(self, request, spider=None):
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            self._refuse(request, "scheme", f"not an http(s) URL: {request.url}")
        if not host_allowed(parts.netloc, request.meta.get("portal_hosts")):
            self._refuse(request, "offsite", f"outside the portal: {parts.netloc}")
        for ip in await self._resolve(parts.hostname):
            if self.allowed and not any(ip in net for net in self.allowed):
                self._refuse(request, "network", f"{parts.hostname} -> {ip} is outside {self.allowed}")
            if is_private(ip) and not self.allow_private:
                self._refuse(request, "private", f"{parts.hostname} -> {ip} is a private address "
                             "(use --allow-private to crawl a local test web)")
        return None

    async def _resolve(self, host: str) -> list:
        if host in self._cache:
            return self._cache[host]
        try:
            ips = [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            try:
                infos = await maybe_deferred_to_future(threads.deferToThread(socket.getaddrinfo, host, None))
                ips = sorted({ipaddress.ip_address(i[4][0].split("%")[0]) for i in infos}, key=str)
            except OSError:
                ips = []       # unresolvable: let the downloader fail and record the DNS error
        self._cache[host] = ips
        return ips

    def _refuse(self, request, kind: str, detail: str):
        if self.stats is not None:
            self.stats.inc_value(f"netguard/refused/{kind}")
        log.debug("refused %s: %s", request.url, detail)
        raise RefusedAddress(f"{kind}: {detail}")
