"""The portal registry is data: a CSV file (code,name,url,level[,hosts,...]) as in interface.md."""
from __future__ import annotations

import csv
import hashlib
import io
import os
import sys
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from govcrawl.extract.regions import current_code, division


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
    # Report listings the user already knows (column `listings`, space-separated): seeded on every crawl
    # beside the home page or the learned entry points.
    listings: tuple[str, ...] = field(default=())

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc.lower()


def load_portals(path: str, strict: bool = False) -> list[PortalEntry]:
    """The usable portals of the file. Bad rows are named on stderr (once per file and process: the
    command and the spider both read it); `strict` refuses the file instead."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise PortalsFileError(f"cannot read portals file {path}: {exc.strerror or exc}") from exc
    entries, rejected = read_portals(raw, source=path)
    if rejected and strict:
        raise PortalsFileError(f"{len(rejected)} bad row(s), --strict refuses the file: " + "; ".join(rejected))
    key = (os.path.abspath(path), hashlib.sha256(raw).hexdigest())
    if rejected and key not in _reported:
        _reported.add(key)
        for problem in rejected:
            print(f"govcrawl: skipping portals row {problem}", file=sys.stderr, flush=True)
    return entries


_reported: set[tuple[str, str]] = set()


def parse_portals(raw: bytes, source: str = "<portals>") -> list[PortalEntry]:
    """The usable portals (bad rows left out; read_portals says which and why)."""
    return read_portals(raw, source)[0]


def read_portals(raw: bytes, source: str = "<portals>") -> tuple[list[PortalEntry], list[str]]:
    """(usable portals, one "FILE:LINE: why" per bad row). PortalsFileError when nothing is usable."""
    text = csv_text(raw, source)
    reader = csv.DictReader(io.StringIO(text))
    missing = {"code", "name", "url"} - set(reader.fieldnames or [])
    if missing:
        raise PortalsFileError(f"{source}: header lacks column(s) {', '.join(sorted(missing))}")
    portals, seen, rejected = [], set(), []
    for row in reader:
        lineno = reader.line_num        # the row's last physical line (a quoted field may span lines)
        url = (row.get("url") or "").strip()
        code = (row.get("code") or "").strip()
        if not url and not code and not (row.get("name") or "").strip():
            continue                          # blank line
        problem = row_problem(code, url)
        if problem:
            rejected.append(f"{source}:{lineno}: {problem}")
            continue
        if url in seen:
            continue
        seen.add(url)
        hosts = tuple(h.strip().lower() for h in (row.get("hosts") or "").split() if h.strip())
        listings = tuple(u for u in (row.get("listings") or "").split() if u.startswith(("http://", "https://")))
        # A renamed division's old code files its reports under today's code (孟津县 410322 -> 410308).
        portals.append(PortalEntry(code=current_code(code), name=(row.get("name") or "").strip(), url=url,
                                   level=(row.get("level") or "").strip(), extra_hosts=hosts, listings=listings))
    if not portals:
        raise PortalsFileError(f"{source}: no usable portal" + (": " + "; ".join(rejected) if rejected else " listed"))
    return portals, rejected


def csv_text(raw: bytes, source: str) -> str:
    """A CSV file's text: UTF-8 (with or without BOM) or GBK (Excel on Chinese Windows saves CSV as GBK)."""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise PortalsFileError(f"{source}: not UTF-8 or GBK text")


def row_problem(code: str, url: str) -> str:
    """Why a row cannot be crawled, or "". The code must be a known division: reports are filed under it."""
    if not url:
        return "no url"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"url {url!r} is not an http(s) URL"
    if not (len(code) == 6 and code.isdigit()):
        return f"code {code!r} is not a 6-digit division code"
    if division(code) is None:
        return f"code {code} is not a known division (govcrawl/data/divisions.csv)"
    return ""
