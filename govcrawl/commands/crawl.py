"""`govcrawl crawl`: the same crawl as `scrapy crawl portals`, with the CLI's checks, lock and exit status."""
from __future__ import annotations

import sys

from govcrawl import logs
from govcrawl.cli import CannotRun
from govcrawl.commands import open_database
from govcrawl.registry import PortalsFileError, load_portals
from govcrawl.runtime.process import EXIT_BUSY, CrawlNotStarted, crawl_settings, run_crawl
from govcrawl.scheduling.lock import Busy, crawl_lock


def run(args) -> int:
    try:
        load_portals(args.portals, strict=getattr(args, "strict", False))   # bad rows: reported (or refused)
    except PortalsFileError as exc:
        raise CannotRun(str(exc)) from exc
    if args.budget is not None and args.budget < 1:
        raise CannotRun("--budget must be at least 1")
    db_url, engine, _ = open_database(args.db)
    engine.dispose()
    try:
        # One crawl per database (the scheduler's lock); the spider finds it held by this process.
        with crawl_lock(db_url, wait=getattr(args, "wait", False)):
            if getattr(args, "redis", None):
                from govcrawl.commands.worker import submit_and_wait     # workers crawl it (govcrawl/scale)
                return submit_and_wait(args, db_url)
            return _crawl(args, db_url)
    except Busy as exc:
        print(f"govcrawl crawl: {exc}; not started (--wait waits for it)", file=sys.stderr)
        return EXIT_BUSY


def _crawl(args, db_url: str) -> int:
    settings = crawl_settings(db_url, allow_private=args.allow_private, budget=args.budget, render=args.render,
                              progress=not args.quiet)
    # cli.main already sent logs to stderr (govcrawl.logs); the level goes on that handler, since
    # Scrapy gives its own loggers an explicit DEBUG level that a root logger level does not filter.
    logs.set_level("DEBUG" if getattr(args, "verbose", False) else settings.get("LOG_LEVEL", "INFO"))
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    try:
        return run_crawl(settings, args.portals, full=args.full, recheck=args.recheck)
    except CrawlNotStarted as exc:
        raise CannotRun(str(exc)) from exc
