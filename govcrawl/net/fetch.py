"""One guarded GET for `govcrawl extract URL`: every hop of a redirect chain passes govcrawl.net.guard,
and the connection goes to the address that was checked (no second lookup a DNS answer could change).
"""
from __future__ import annotations

import http.client
import socket
import ssl
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from govcrawl import config
from govcrawl.net.guard import Refusal, check_ips, check_url, resolve

REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(Exception):
    """The URL could not be fetched; `refusal` is set when the guard refused a hop, `status` when the
    server answered with an error status (412/521: an anti-bot wall, not a dead site)."""

    def __init__(self, reason: str, refusal: Refusal | None = None, status: int = 0):
        super().__init__(reason)
        self.reason, self.refusal, self.status = reason, refusal, status


@dataclass
class Fetched:
    body: bytes
    content_type: str
    url: str                                          # the final URL, after redirects
    chain: list[tuple[int, str]] = field(default_factory=list)   # (status, url) of each redirect hop


class _Pinned(http.client.HTTPConnection):
    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self):
        self.sock = socket.create_connection((str(self._ip), self.port), self.timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self):
        sock = socket.create_connection((str(self._ip), self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(url: str, *, allow_private: bool = False, allowed_networks=(), max_hops: int = config.MAX_REDIRECTS,
          max_bytes: int = config.MAX_DOWNLOAD_BYTES, timeout: float = config.DOWNLOAD_TIMEOUT_S) -> Fetched:
    chain: list[tuple[int, str]] = []
    seen = set()
    while True:
        if url in seen:
            raise FetchError(f"redirect loop: {url} again after {len(chain)} hops")
        seen.add(url)
        refusal = check_url(url)
        host = urlsplit(url).hostname or ""
        ips = resolve(host) if refusal is None else []
        if refusal is None and not ips:
            raise FetchError(f"cannot resolve {host}")
        refusal = refusal or check_ips(host, ips, allow_private=allow_private, allowed_networks=allowed_networks)
        if refusal is not None:
            where = f" (redirected from {chain[0][1]})" if chain else ""
            raise FetchError(f"refused {url}{where}: {refusal}", refusal)
        status, headers, body = _get(url, ips[0], max_bytes, timeout)
        if status in REDIRECTS and headers.get("Location"):
            if len(chain) >= max_hops:
                raise FetchError(f"too many redirects: more than {max_hops} from {chain[0][1]}")
            chain.append((status, url))
            url = urljoin(url, headers["Location"].strip())
            continue
        if status != 200:
            raise FetchError(f"HTTP {status} from {url}", status=status)
        return Fetched(body, headers.get("Content-Type", ""), url, chain)


def _get(url: str, ip, max_bytes: int, timeout: float):
    parts = urlsplit(url)
    tls = parts.scheme == "https"
    conn = (_PinnedTLS if tls else _Pinned)(parts.hostname, parts.port or (443 if tls else 80), ip, timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        conn.request("GET", path, headers={"User-Agent": config.USER_AGENT, "Accept": "*/*",
                                           "Accept-Encoding": "identity", "Connection": "close"})
        resp = conn.getresponse()
        body = b"" if resp.status in REDIRECTS else resp.read(max_bytes + 1)
        if len(body) > max_bytes:
            raise FetchError(f"over-size: {url} is larger than {max_bytes} bytes")
        return resp.status, resp.headers, body
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(f"cannot fetch {url}: {exc}") from exc
    finally:
        conn.close()
