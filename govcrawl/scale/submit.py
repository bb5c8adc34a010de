"""`govcrawl crawl --redis URL`: submit the crawl, wait for the workers to finish it, exit as a
one-process crawl would (0, or 3 when a worker's crawl lost the database).

The submitter holds the database's crawl lock for the whole crawl, so no other crawl of that
database starts meanwhile; the workers crawl on its behalf (worker.py) while it keeps the crawl
alive in Redis. When it goes away (Ctrl-C, kill), the crawl is abandoned and workers stop taking
its portals.
"""
from __future__ import annotations

import csv
import io
import sys
import time

from govcrawl import config
from govcrawl.registry import PortalEntry
from govcrawl.scale import crawls
from govcrawl.scale.keys import CrawlKeys
from govcrawl.runtime.process import EXIT_DATABASE_LOST
from govcrawl.scheduling.lock import database_key



def portals_csv(entries: list[PortalEntry]) -> str:
    """The usable rows as a portals file (bad rows were named and skipped by the submitter already)."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["code", "name", "url", "level", "hosts"])
    for e in entries:
        w.writerow([e.code, e.name, e.url, e.level, " ".join(e.extra_hosts)])
    return out.getvalue()


def make_spec(entries: list[PortalEntry], db_url: str, args, lease_s: float = config.SCALE_LEASE_S) -> crawls.CrawlSpec:
    return crawls.CrawlSpec(crawl_id=crawls.new_crawl_id(), database=database_key(db_url),
                            portals_csv=portals_csv(entries), portal_urls=tuple(e.url for e in entries),
                            budget=args.budget, allow_private=bool(args.allow_private),
                            render=getattr(args, "render", "auto"), full=bool(getattr(args, "full", False)),
                            recheck=bool(getattr(args, "recheck", False)), lease_s=lease_s)


def wait(r, spec: crawls.CrawlSpec, quiet: bool = False, poll_s: float = 1.0) -> int:
    """Keep the crawl alive until every portal is done (or given up), then close it; the exit status."""
    k = CrawlKeys(spec.crawl_id)
    last_line = 0.0
    status = "cancelled"
    try:
        while True:
            r.set(k.alive, "1", ex=int(config.SCALE_SUBMITTER_TTL_S))
            prog = crawls.progress(r, spec.crawl_id)
            if crawls.is_finished(prog):
                status = "lost" if prog["lost"] else "done"
                break
            if not quiet and time.monotonic() - last_line > 30:
                last_line = time.monotonic()
                print(f"govcrawl crawl: {prog['done']}/{prog['total']} portals done, {prog['leased']} in hand, "
                      f"{prog['pending']} waiting (crawl {spec.crawl_id})", file=sys.stderr, flush=True)
            time.sleep(poll_s)
    finally:
        crawls.close(r, spec.crawl_id, status)
    for url, why in sorted(prog["given_up"].items()):
        print(f"govcrawl crawl: portal {url} given up: {why}", file=sys.stderr)
    if prog["lost"]:
        print(f"govcrawl crawl: database lost by a worker's crawl; {prog['done']} of {prog['total']} portals "
              f"done (crawl {spec.crawl_id})", file=sys.stderr, flush=True)
        return EXIT_DATABASE_LOST
    if not quiet:
        print(f"govcrawl crawl: {prog['done']} of {prog['total']} portals done by the workers (crawl "
              f"{spec.crawl_id})", file=sys.stderr, flush=True)
    return 0
