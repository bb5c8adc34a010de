"""Rendering in Chromium (scrapy-playwright), only for the pages and portals that need it.

`--render auto` (default): a page is fetched over plain HTTP first; when `needs_render` finds it came
back without its content, it is fetched again through the browser, in one browser context per portal
(closed when the portal is done). A portal that needed the browser is remembered (Portal.needs_browser)
and its listing pages are rendered directly on the next crawl. `never`: no browser; such pages are
recorded as errors of kind 'needs_browser'. `always`: every HTML page goes through the browser.
Without Chromium the crawl runs as with `never`, with a message saying why.
"""
from __future__ import annotations

import asyncio
import logging

from govcrawl.discovery.links import anchor_links, is_document_url
from govcrawl.render import memory
from govcrawl.render.browser import (browser_meta, chromium_missing, chromium_path, playwright_settings,
                                     GUARD)
from govcrawl.render.detect import needs_render

__all__ = ["Renderer", "needs_render", "configure"]
log = logging.getLogger(__name__)
MODES = ("auto", "never", "always")
SAMPLE_EVERY = 20                    # browser pages between two memory samples
DIRECT = {"links": 0, "cells": 0, "text": 0}     # baseline of a page rendered without a plain fetch first
# meta that belongs to one download, not to the request we re-send through the browser
_DROP_META = ("download_", "redirect_", "retry", "_", "playwright", "depth_")


def configure(settings) -> tuple[str, str]:
    """Install the browser download handler when rendering is wanted and possible.

    Returns (mode, why_unavailable); why_unavailable is "" when pages can be rendered.
    Must run before the crawler's settings freeze (the spider's from_crawler does it).
    """
    mode = (settings.get("GOVCRAWL_RENDER") or "auto").lower()
    if mode not in MODES:
        raise ValueError(f"GOVCRAWL_RENDER={mode!r}: expected one of {MODES}")
    if mode == "never":
        return mode, "rendering is off (--render never)"
    path = chromium_path(settings)
    missing = chromium_missing(path)
    if missing:
        log.warning("%s: pages that need a browser will be recorded as needs_browser", missing)
        return mode, missing
    pw = playwright_settings(path, settings.getint("GOVCRAWL_BROWSER_PAGES", 4),
                             settings.getint("GOVCRAWL_BROWSER_PAGES_PER_CONTEXT", 2),
                             settings.getdict("DOWNLOAD_SLOTS"))
    for key, value in pw.items():
        settings.set(key, value, priority="spider")
    GUARD.__init__(settings.getbool("GOVCRAWL_ALLOW_PRIVATE"), settings.getlist("GOVCRAWL_ALLOWED_NETWORKS"))
    return mode, ""


class Renderer:
    """The spider's view of the browser: when to use it, how to ask for it, what it cost."""

    def __init__(self, crawl, crawler):
        self.crawl, self.crawler = crawl, crawler      # the CrawlContext: errors and database writes
        self.mode, self.unavailable = configure(crawler.settings)
        self.usable = not self.unavailable
        self.needs: set[int] = set()          # portals that needed the browser in this crawl
        self._remembered: dict[int, bool] = {}
        self._pages = 0
        self.series: list[str] = []
        self._warned_always = False

    # -- deciding ---------------------------------------------------------------------------------
    def direct_meta(self, state, url: str, role: str) -> dict:
        """Meta that sends a new request straight to the browser ({} for plain HTTP)."""
        if not self.usable or role == "attachment" or is_document_url(url):
            return {}
        if self.mode == "always":
            return browser_meta(_context(state), DIRECT, "--render always")
        if role == "seed" and self.remembered(state):
            return browser_meta(_context(state), DIRECT, "portal needed the browser before")
        return {}

    def after_fetch(self, state, response, html: str):
        """A browser request for a page that came back empty over plain HTTP, else None (parse it as is).

        Asked only for pages without family requests: a family's data endpoint (Hanweb proxy, gkmlpt
        API) is cheaper than a browser."""
        meta = response.meta
        if meta.get("role") == "attachment":
            return None
        if meta.get("playwright"):
            if meta.get("render_reason", "").startswith(("empty", "spa", "epoint", "gkmlpt", "hanweb")):
                still = needs_render(html, response.url)
                if still:
                    self.crawl.error(state, response.url, "render_empty", f"after rendering: {still}")
            return None
        reason = "--render always" if self.mode == "always" else needs_render(html, response.url)
        if not reason:
            return None
        if self.mode != "always":
            self._mark(state)
        if not self.usable:
            if self.mode == "always":
                if not self._warned_always:
                    log.warning("--render always: %s; crawling without a browser", self.unavailable)
                    self._warned_always = True
                return None
            self.crawl.error(state, response.url, "needs_browser", f"{reason}; {self.unavailable}")
            return None
        if not state.take_budget():
            self.crawl.error(state, response.url, "needs_browser", f"{reason}; request budget spent")
            return None
        keep = {k: v for k, v in meta.items() if not k.startswith(_DROP_META)}
        keep.update(browser_meta(_context(state), _baseline(html, response.url), reason))
        return response.request.replace(url=response.url, headers={}, meta=keep, dont_filter=True)

    def remembered(self, state) -> bool:
        if state.portal_id not in self._remembered:
            from govcrawl.db.models import Portal

            def needs_browser(Session):
                with Session() as s:
                    portal = s.get(Portal, state.portal_id)
                    return bool(portal is not None and portal.needs_browser)
            # through the recorder: a lost database costs this answer (False), not a traceback per portal
            self._remembered[state.portal_id] = bool(self.crawl.recorder.call(needs_browser))
        return self._remembered[state.portal_id]

    def _mark(self, state) -> None:
        self.needs.add(state.portal_id)

    # -- bookkeeping ------------------------------------------------------------------------------
    def on_request(self, state, request) -> None:
        """A request reached the downloader: count browser pages, sample memory now and then."""
        if not request.meta.get("playwright"):
            return
        state.counters.browser_pages += 1
        self._pages += 1
        self.crawler.stats.inc_value("govcrawl/browser_pages")
        if self._pages % SAMPLE_EVERY == 0:
            self.sample_memory()

    def sample_memory(self) -> dict:
        m = memory.sample()
        stats = self.crawler.stats
        if m["processes"]:
            stats.set_value("govcrawl/browser_rss_mb", m["rss_mb"])
            stats.set_value("govcrawl/browser_pss_mb", m["pss_mb"])
            stats.max_value("govcrawl/browser_rss_mb_max", m["rss_mb"])
            stats.max_value("govcrawl/browser_pss_mb_max", m["pss_mb"])
            contexts = list(self._contexts().values())
            open_pages = sum(len(w.context.pages) for w in contexts)
            self.series.append(f"{self._pages}:{m['rss_mb']:.0f}/{m['pss_mb']:.0f}/{m['processes']}"
                               f"/{len(contexts)}/{open_pages}")
            # pages:rss/pss in MB/processes/contexts/open pages, the last 50 samples: enough to see a leak
            stats.set_value("govcrawl/browser_memory_series", " ".join(self.series[-50:]))
            log.info("browser pages %d: chromium rss %.0f MB, pss %.0f MB (%d processes)", self._pages,
                     m["rss_mb"], m["pss_mb"], m["processes"])
        return m

    def portal_done(self, state) -> None:
        """Close the portal's browser context and remember that it needed the browser."""
        self._close_context(_context(state))
        if state.portal_id in self.needs and not self._remembered.get(state.portal_id):
            from govcrawl.db.models import Portal

            def mark(s):
                portal = s.get(Portal, state.portal_id)
                if portal is not None:
                    portal.needs_browser = True
            self.crawl.recorder.write(mark)
            self._remembered[state.portal_id] = True

    def _contexts(self) -> dict:
        """scrapy-playwright's open contexts by name (its handler keeps them; no public API)."""
        if not self.usable or self.crawler.engine is None:
            return {}
        handler = getattr(self.crawler.engine.downloader.handlers, "_handlers", {}).get("http")
        return getattr(handler, "context_wrappers", {})

    def _close_context(self, name: str) -> None:
        wrapper = self._contexts().get(name)
        if wrapper is not None:
            self.crawler.stats.inc_value("govcrawl/browser_contexts_closed")
            asyncio.ensure_future(_close_quietly(wrapper.context))

    def close(self, states) -> None:
        """At the end of the crawl: the last memory sample and the share of browser requests."""
        if self._pages:
            self.sample_memory()
        stats = self.crawler.stats
        total = sum(s.counters.requests for s in states)
        pages = sum(s.counters.browser_pages for s in states)
        stats.set_value("govcrawl/browser_pages", pages)
        stats.set_value("govcrawl/browser_share", round(pages / total, 4) if total else 0.0)
        stats.set_value("govcrawl/render_mode", self.mode)
        if self.unavailable:
            stats.set_value("govcrawl/browser_unavailable", self.unavailable)


def _context(state) -> str:
    return f"portal-{state.portal_id}"


def _baseline(html: str, url: str) -> dict:
    """What plain HTTP saw, so the browser waits until there is more."""
    import lxml.html
    try:
        root = lxml.html.fromstring(html)
        cells = len(root.xpath("//td"))
        words = " ".join(root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")).split()
        text = len(" ".join(words))
    except (lxml.etree.ParserError, ValueError):
        cells = text = 0
    links = len(anchor_links(html, url))
    return {"links": links, "cells": cells, "text": text}


async def _close_quietly(context) -> None:
    try:
        await context.close()
    except Exception as exc:          # already closed with the browser: nothing left to free
        log.debug("closing browser context: %s", exc)
