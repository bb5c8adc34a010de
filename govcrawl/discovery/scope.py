"""What belongs to a portal: its hosts, and on a shared host (Hunan/Jiangxi 集约化) its own path.

Several county sites can live on one host as /<site>/…; a crawl that stays on the host would
wander into the neighbours' reports. A portal is confined to its path when another portal of
the same file shares its host, or when its home is a directory below the root (`/site/`).
Documents are exempt: sites on a shared host often keep uploads in a common folder.
"""
from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from govcrawl.discovery.links import is_document_url


def site_prefix(url: str, shared_host: bool) -> str:
    """'/site/' when the portal is confined to that path, '' when the whole host is its own."""
    path = urlsplit(url).path or "/"
    directory = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    if directory == "/":
        return ""
    first = "/" + directory.strip("/").split("/")[0] + "/"
    if shared_host or path.endswith("/"):
        return first
    return ""


def prefixes_for(urls: list[str]) -> dict[str, str]:
    """portal url -> path prefix, for every portal of one portals file."""
    hosts = Counter(urlsplit(u).netloc.lower() for u in urls)
    return {u: site_prefix(u, hosts[urlsplit(u).netloc.lower()] > 1) for u in urls}


def in_scope(url: str, home_url: str, prefix: str) -> bool:
    """On the portal's home host, only paths under its prefix; other hosts are judged by host checks."""
    if not prefix:
        return True
    parts, home = urlsplit(url), urlsplit(home_url)
    if parts.netloc.lower() != home.netloc.lower():
        return True
    return (parts.path or "/").startswith(prefix) or is_document_url(url)
