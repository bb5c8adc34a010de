"""`govcrawl extract FILE|URL`: one page or document in, facts/figures/checks out, nothing stored."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from govcrawl.cli import CannotRun
from govcrawl.documents.pool import extract_isolated, get_pool
from govcrawl.extract import ExtractionError
from govcrawl.extract.model import Extraction
from govcrawl.net.fetch import FetchError, fetch

EXIT_UNREADABLE = 1        # the input was there but could not be read (2 stays "could not run")


class Unreadable(Exception):
    """The page or document (or URL) could not be read: reason on stderr, exit 1."""


def fetch_url(url: str, allow_private: bool) -> tuple[bytes, str, str]:
    """Body, Content-Type and final URL; every redirect hop passes the guard."""
    from govcrawl import settings
    try:
        got = fetch(url, allow_private=allow_private,
                    allowed_networks=getattr(settings, "GOVCRAWL_ALLOWED_NETWORKS", []))
    except FetchError as exc:
        if exc.refusal is not None:
            raise CannotRun(exc.reason) from exc       # refused, nothing sent: needs --allow-private
        raise Unreadable(exc.reason) from exc
    return got.body, got.content_type, got.url


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
    try:
        ex, url = read(args.source, args.allow_private)
    except Unreadable as exc:
        print(f"govcrawl extract: cannot read {args.source}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(["report_id", "key", "value", "raw"])
        for k, fig in sorted(ex.figures.items()):
            w.writerow(["", k, _num(fig.value), fig.raw])
    else:
        json.dump(as_json(ex, url), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0


def read(src: str, allow_private: bool) -> tuple[Extraction, str | None]:
    """Read as the crawl reads (a pool worker under the same limits, the same refusals)."""
    get_pool(1)         # one input: one worker, started while the input is read or fetched
    if src.startswith(("http://", "https://")):
        data, ctype, url = fetch_url(src, allow_private)
        filename = urlsplit(url).path.rsplit("/", 1)[-1]
    else:
        path = Path(src)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CannotRun(f"cannot read {src}: {exc.strerror or exc}") from exc
        ctype, url, filename = "", None, path.name
    try:
        return extract_isolated(data, url=url, content_type=ctype or None, filename=filename), url
    except ExtractionError as exc:
        raise Unreadable(exc.reason) from exc
