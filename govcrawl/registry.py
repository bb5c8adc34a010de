"""The portal registry is data: a CSV file (code,name,url,level[,hosts,...]) as in interface.md."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from urllib.parse import urlsplit


class PortalsFileError(ValueError):
    """The portals file cannot be used at all; the crawl must not start."""


@dataclass(frozen=True)
class PortalEntry:
    code: str
    name: str
    url: str
    level: str = ""
    # Extra hosts that belong to this portal (department sub-sites on other names). The home
    # page's host and its registered domain's sub-hosts are always included.
    extra_hosts: tuple[str, ...] = field(default=())

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc.lower()


def load_portals(path: str) -> list[PortalEntry]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise PortalsFileError(f"cannot read portals file {path}: {exc.strerror or exc}") from exc
    return parse_portals(raw, source=path)


def parse_portals(raw: bytes, source: str = "<portals>") -> list[PortalEntry]:
    text = None
    for enc in ("utf-8-sig", "gb18030"):     # Excel on Chinese Windows saves CSV as GBK
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise PortalsFileError(f"{source}: not UTF-8 or GBK text")
    reader = csv.DictReader(io.StringIO(text))
    missing = {"code", "name", "url"} - set(reader.fieldnames or [])
    if missing:
        raise PortalsFileError(f"{source}: header lacks column(s) {', '.join(sorted(missing))}")
    portals, seen = [], set()
    for lineno, row in enumerate(reader, start=2):
        url = (row.get("url") or "").strip()
        code = (row.get("code") or "").strip()
        if not url and not code:
            continue                          # blank line
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PortalsFileError(f"{source}:{lineno}: url {url!r} is not an http(s) URL")
        if url in seen:
            continue
        seen.add(url)
        hosts = tuple(h.strip().lower() for h in (row.get("hosts") or "").split() if h.strip())
        portals.append(PortalEntry(code=code, name=(row.get("name") or "").strip(), url=url,
                                   level=(row.get("level") or "").strip(), extra_hosts=hosts))
    if not portals:
        raise PortalsFileError(f"{source}: no portals listed")
    return portals
