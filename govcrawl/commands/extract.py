"""`govcrawl extract FILE|URL`: one page or document in, facts/figures/checks out, nothing stored."""
from __future__ import annotations

import csv
import ipaddress
import json
import socket
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from govcrawl.cli import CannotRun
from govcrawl.extract import ExtractionError, extract
from govcrawl.extract.model import Extraction
from govcrawl.netguard import is_private

MAX_BYTES = 40 * 1024 * 1024


def fetch(url: str, allow_private: bool) -> tuple[bytes, str, str]:
    host = urlsplit(url).hostname or ""
    try:
        addrs = {ipaddress.ip_address(i[4][0].split("%")[0]) for i in socket.getaddrinfo(host, None)}
    except OSError as exc:
        raise CannotRun(f"cannot resolve {host}: {exc}") from exc
    if not allow_private and any(is_private(a) for a in addrs):
        raise CannotRun(f"{host} is a private or loopback address (use --allow-private)")
    req = urllib.request.Request(url, headers={"User-Agent": "govcrawl/0.1"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise CannotRun(f"{url}: larger than {MAX_BYTES} bytes")
            return body, resp.headers.get("Content-Type", ""), resp.geturl()
    except OSError as exc:
        raise CannotRun(f"cannot fetch {url}: {exc}") from exc


def as_json(ex: Extraction, url: str | None) -> dict:
    f = ex.facts
    return {
        "report": {"url": url, "region_code": f.region_code, "agency": f.agency, "level": f.level, "year": f.year,
                   "format": f.format, "published": f.published.isoformat() if f.published else None,
                   "title": f.title, "checks_failed": ex.checks_failed, "is_report": ex.is_report},
        "metrics": {k: _num(fig.value) for k, fig in sorted(ex.figures.items())},
        "raw": {k: fig.raw for k, fig in sorted(ex.figures.items())},
        "checks": [{"check": c.check, "passed": c.passed, "detail": c.detail} for c in ex.checks],
        "unreadable": sorted(ex.unreadable),
        "warnings": ex.warnings,
    }


def _num(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def run(args) -> int:
    src = args.source
    if src.startswith(("http://", "https://")):
        data, ctype, url = fetch(src, args.allow_private)
        filename = urlsplit(url).path.rsplit("/", 1)[-1]
    else:
        path = Path(src)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CannotRun(f"cannot read {src}: {exc.strerror or exc}") from exc
        ctype, url, filename = "", None, path.name
    try:
        ex = extract(data, url=url, content_type=ctype or None, filename=filename)
    except ExtractionError as exc:
        raise CannotRun(f"cannot read {src}: {exc}") from exc
    if args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(["report_id", "key", "value", "raw"])
        for k, fig in sorted(ex.figures.items()):
            w.writerow(["", k, _num(fig.value), fig.raw])
    else:
        json.dump(as_json(ex, url), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0
