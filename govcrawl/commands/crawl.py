"""`govcrawl crawl`: the same crawl as `scrapy crawl portals`, with the CLI's checks and progress."""
from __future__ import annotations

import os

from govcrawl import logs
from govcrawl.cli import CannotRun
from govcrawl.commands import open_database
from govcrawl.registry import PortalsFileError, load_portals


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


def run(args) -> int:
    try:
        load_portals(args.portals)
    except PortalsFileError as exc:
        raise CannotRun(str(exc)) from exc
    if args.budget is not None and args.budget < 1:
        raise CannotRun("--budget must be at least 1")
    db_url, engine, _ = open_database(args.db)
    engine.dispose()
    from scrapy.crawler import CrawlerProcess
    settings = crawl_settings(db_url, allow_private=args.allow_private, budget=args.budget, render=args.render,
                              progress=not args.quiet)
    # cli.main already sent logs to stderr (govcrawl.logs); the level goes on that handler, since
    # Scrapy gives its own loggers an explicit DEBUG level that a root logger level does not filter.
    logs.set_level("DEBUG" if getattr(args, "verbose", False) else settings.get("LOG_LEVEL", "INFO"))
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl("portals", portals=args.portals, full="1" if args.full else "",
                  recheck="1" if args.recheck else "")
    process.start()
    return 0
