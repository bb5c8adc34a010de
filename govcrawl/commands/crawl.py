"""`govcrawl crawl`: the same crawl as `scrapy crawl portals`, with the CLI's checks, lock and exit status."""
from __future__ import annotations

import os
import sys

from govcrawl import logs
from govcrawl.cli import CannotRun
from govcrawl.commands import open_database
from govcrawl.registry import PortalsFileError, load_portals
from govcrawl.scheduling.lock import Busy, crawl_lock


def crawl_settings(db_url: str, *, allow_private=False, budget=None, render="auto", progress=True):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govcrawl.settings")
    from scrapy.utils.project import get_project_settings
    settings = get_project_settings()
    settings.set("GOVCRAWL_DB", db_url, priority="cmdline")
    settings.set("GOVCRAWL_ALLOW_PRIVATE", allow_private, priority="cmdline")
    settings.set("GOVCRAWL_RENDER", render, priority="cmdline")
    settings.set("GOVCRAWL_PROGRESS", progress, priority="cmdline")
    if budget:
        settings.set("GOVCRAWL_BUDGET", budget, priority="cmdline")
    return settings


EXIT_DATABASE_LOST = 3     # interface.md: ran, but could not store everything it fetched
EXIT_BUSY = 4              # interface.md: another crawl of the same database is running


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
    from scrapy.crawler import CrawlerProcess
    settings = crawl_settings(db_url, allow_private=args.allow_private, budget=args.budget, render=args.render,
                              progress=not args.quiet)
    # cli.main already sent logs to stderr (govcrawl.logs); the level goes on that handler, since
    # Scrapy gives its own loggers an explicit DEBUG level that a root logger level does not filter.
    logs.set_level("DEBUG" if getattr(args, "verbose", False) else settings.get("LOG_LEVEL", "INFO"))
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("portals")
    process.crawl(crawler, portals=args.portals, full="1" if args.full else "",
                  recheck="1" if args.recheck else "")
    process.start()
    return exit_status(crawler)


def exit_status(crawler) -> int:
    """0, or 3 with the one-line summary when the crawl lost its database (the Recorder knows)."""
    recorder = getattr(crawler.spider, "recorder", None)
    if recorder is None:
        raise CannotRun("the crawl could not start (see the log above)")
    if recorder.lost:
        print(f"govcrawl crawl: {recorder.summary_text()}", file=sys.stderr, flush=True)
        return EXIT_DATABASE_LOST
    return 0
