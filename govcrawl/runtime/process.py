"""Running one crawl in this process: its settings, the Scrapy process, and its exit status.

`govcrawl crawl`, the scheduler's crawl job and the scale-out workers all run a crawl through here, so
the exit codes of interface.md are decided in one place.
"""
from __future__ import annotations

import os
import sys

EXIT_CANNOT_RUN = 2        # interface.md: could not run at all
EXIT_DATABASE_LOST = 3     # ran, but could not store everything it fetched
EXIT_BUSY = 4              # another crawl of the same database is running


class CrawlNotStarted(Exception):
    """The crawl never got going (its log says why): exit 2."""


def crawl_settings(db_url: str, *, allow_private=False, budget=None, render="auto", progress=True):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govcrawl.settings")
    from scrapy.utils.project import get_project_settings     # after the settings module is named
    settings = get_project_settings()
    settings.set("GOVCRAWL_DB", db_url, priority="cmdline")
    settings.set("GOVCRAWL_ALLOW_PRIVATE", allow_private, priority="cmdline")
    settings.set("GOVCRAWL_RENDER", render, priority="cmdline")
    settings.set("GOVCRAWL_PROGRESS", progress, priority="cmdline")
    if budget:
        settings.set("GOVCRAWL_BUDGET", budget, priority="cmdline")
    return settings


def run_crawl(settings, portals: str, *, full: bool = False, recheck: bool = False,
              install_root_handler: bool = False) -> int:
    """Crawl the portals file to the end; 0 or EXIT_DATABASE_LOST (raises CrawlNotStarted)."""
    from scrapy.crawler import CrawlerProcess      # Twisted's reactor is installed on import: only when crawling
    settings.set("LOG_INSTALL_ROOT_HANDLER", install_root_handler, priority="cmdline")
    process = CrawlerProcess(settings)
    if settings.get("GOVCRAWL_FEED_CRAWL"):       # a worker's crawl process: portals come from Redis leases
        from govcrawl.scale.feed import FedPortalsSpider
        crawler = process.create_crawler(FedPortalsSpider)
    else:
        crawler = process.create_crawler("portals")
    process.crawl(crawler, portals=portals, full="1" if full else "", recheck="1" if recheck else "")
    process.start()
    return exit_status(crawler)


def exit_status(crawler) -> int:
    """0, or 3 with the one-line summary when the crawl lost its database (the Recorder knows)."""
    from govcrawl.runtime.context import CrawlContext
    crawl = CrawlContext.of(crawler)
    if crawl is None:
        raise CrawlNotStarted("the crawl could not start (see the log above)")
    if crawl.recorder.lost:
        print(f"govcrawl crawl: {crawl.recorder.summary_text()}", file=sys.stderr, flush=True)
        return EXIT_DATABASE_LOST
    return 0
