"""May govcrawl send a request to this URL? One rule for the crawl (Scrapy middleware), the browser's
own sub-requests and `govcrawl extract URL`:

- http(s) only; on the portal's hosts when portal_hosts is given (sub-hosts of its domain too);
- every address the host resolves to inside allowed_networks when that is non-empty (the test
  settings allow only loopback);
- no private, loopback, link-local, reserved or multicast address without allow_private.

check_url and check_ips are pure; check() resolves the name too (blocking). An unresolvable host
is not refused here: the fetch then fails with the DNS error, which is what gets recorded.
"""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urlsplit

IP = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Refusal:
    kind: str        # scheme | offsite | network | private
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


def is_private(ip: IP) -> bool:
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


def networks(allowed: Iterable) -> list:
    return [n if isinstance(n, (ipaddress.IPv4Network, ipaddress.IPv6Network)) else ipaddress.ip_network(n)
            for n in allowed or ()]


def check_url(url: str, portal_hosts: frozenset[str] | None = None) -> Refusal | None:
    """The checks that need no resolution: scheme and host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Refusal("scheme", f"not an http(s) URL: {url}")
    if not host_allowed(parts.netloc, portal_hosts):
        return Refusal("offsite", f"outside the portal: {parts.netloc}")
    return None


def check_ips(host: str, ips: Iterable[IP], *, allow_private: bool, allowed_networks=()) -> Refusal | None:
    """The checks on the addresses `host` resolved to: every one must pass."""
    allowed = networks(allowed_networks)
    for ip in ips:
        if allowed and not any(ip in net for net in allowed):
            return Refusal("network", f"{host} -> {ip} is outside {[str(n) for n in allowed]}")
        if is_private(ip) and not allow_private:
            return Refusal("private", f"{host} -> {ip} is a private address "
                                      "(use --allow-private to crawl a local test web)")
    return None


def resolve(host: str) -> list[IP]:
    """Every address of `host` (an IP literal is itself); [] when the name does not resolve."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return sorted({ipaddress.ip_address(i[4][0].split("%")[0]) for i in infos}, key=str)


def check(url: str, *, allow_private: bool, allowed_networks=(), portal_hosts: frozenset[str] | None = None,
          ips: Iterable[IP] | None = None) -> Refusal | None:
    """None when `url` may be requested, else why not. Resolves the host unless `ips` is given."""
    refusal = check_url(url, portal_hosts)
    if refusal is not None:
        return refusal
    host = urlsplit(url).hostname
    return check_ips(host, resolve(host) if ips is None else ips,
                     allow_private=allow_private, allowed_networks=allowed_networks)
