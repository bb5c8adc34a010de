"""The browser side: scrapy-playwright settings, the in-browser net guard, and the wait for late content.

Everything a rendered page loads itself (scripts, fetch()/XHR, frames) passes `abort_request`, which
applies the rule of govcrawl.net.guard to the browser's own sub-requests: the portal's hosts only,
allowed networks only, no private address without --allow-private; images, fonts and media never.
"""
from __future__ import annotations

import asyncio
import logging
import os
from urllib.parse import urlsplit

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from scrapy_playwright.page import PageMethod

from govcrawl.net.guard import check_ips, check_url, networks, resolve

log = logging.getLogger(__name__)

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
BLOCKED_TYPES = frozenset({"image", "font", "media", "websocket", "eventsource", "manifest", "texttrack"})
HANDLER = "govcrawl.render.browser.LazyPlaywrightHandler"
NAVIGATION_TIMEOUT_MS = 20000
SETTLE_MAX_MS = 8000        # how long a page may take to fetch its content after `load`


class LazyPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler, but Playwright's driver starts at the first browser request instead of
    when the engine starts: most crawl processes (a worker's lease of plain portals) never render, and
    each handler (one for http, one for https) started its own node driver, ≈ 1.5 s CPU a process."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self._launch_once, self._launched = asyncio.Lock(), False

    async def _maybe_launch_in_thread(self) -> None:     # the engine_started hook: nothing to start yet
        return None

    async def _download_request(self, request, spider=None):
        if not self._launched:
            async with self._launch_once:       # the first browser requests wait for one start
                if not self._launched:
                    await self._launch()
                    self._launched = True
        return await super()._download_request(request, spider)


def chromium_path(settings) -> str:
    return settings.get("GOVCRAWL_CHROMIUM") or os.environ.get("GOVCRAWL_CHROMIUM") or DEFAULT_CHROMIUM


def chromium_missing(path: str) -> str:
    """Why Chromium cannot be used ("" when it can)."""
    if not os.path.isfile(path):
        return f"Chromium not found at {path} (apt-get install chromium, or set GOVCRAWL_CHROMIUM)"
    if not os.access(path, os.X_OK):
        return f"Chromium at {path} is not executable"
    return ""


BROWSER_SLOT = "govcrawl-browser"


def playwright_settings(path: str, max_pages: int, pages_per_context: int, slots: dict) -> dict:
    """Open pages are bounded by one download slot that every browser request uses (max_pages at once),
    not by PLAYWRIGHT_MAX_CONTEXTS: a request waiting for a free context would hold a downloader slot
    while the portals owning the contexts wait for slots to finish: a deadlock once portals outnumber
    contexts. Contexts are closed when their portal is done, so their number follows the portals in flight."""
    return {
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "DOWNLOAD_SLOTS": dict(slots, **{BROWSER_SLOT: {"concurrency": max_pages, "delay": 0}}),
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": path, "headless": True, "args": CHROMIUM_ARGS},
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": pages_per_context,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": NAVIGATION_TIMEOUT_MS,
        "PLAYWRIGHT_ABORT_REQUEST": abort_request,
    }


class BrowserGuard:
    """What the browser may contact; one per crawl process (set by configure, read by abort_request).
    The rule is govcrawl.net.guard's; only the resolution (async, cached) is the browser's own."""

    def __init__(self, allow_private: bool, allowed_networks: list[str]):
        self.allow_private = allow_private
        self.allowed = networks(allowed_networks)
        self.page_hosts: dict = {}           # playwright Page -> portal hosts, set before navigation
        self._ips: dict[str, list] = {}

    async def refuses(self, url: str, hosts) -> str:
        """"" when the browser may load `url`, else the kind of refusal."""
        if urlsplit(url).scheme in ("data", "blob", "about"):
            return ""
        refusal = check_url(url, hosts)
        if refusal is None:
            host = urlsplit(url).hostname
            refusal = check_ips(host, await self._resolve(host), allow_private=self.allow_private,
                                allowed_networks=self.allowed)
        return refusal.kind if refusal else ""

    async def _resolve(self, host: str) -> list:
        if host not in self._ips:
            self._ips[host] = await asyncio.get_running_loop().run_in_executor(None, resolve, host)
        return self._ips[host]


GUARD = BrowserGuard(False, [])


async def abort_request(playwright_request) -> bool:
    """PLAYWRIGHT_ABORT_REQUEST: True aborts. Fails closed: a request of an unknown page is aborted."""
    if playwright_request.resource_type in BLOCKED_TYPES:
        return True
    try:
        hosts = GUARD.page_hosts[playwright_request.frame.page]
    except Exception:         # no frame (service worker) or a page we did not set up
        return True
    why = await GUARD.refuses(playwright_request.url, hosts)
    if why:
        log.debug("browser refused %s: %s", playwright_request.url, why)
    return bool(why)


async def init_page(page, request) -> None:
    """playwright_page_init_callback: tie the page to its portal's hosts before it navigates."""
    GUARD.page_hosts[page] = request.meta.get("portal_hosts") or frozenset()
    page.on("close", lambda p: GUARD.page_hosts.pop(p, None))


# Polled in the page: true once links/cells/text have grown past what plain HTTP saw and stayed put for
# 300 ms, or when SETTLE_MAX_MS has passed (then the page is taken as it is).
_SETTLED_JS = """(b) => {
  const now = Date.now(); const s = window.__gcSettle = window.__gcSettle || {t0: now, sig: '', since: now};
  const n = document.querySelectorAll('a[href]').length, c = document.querySelectorAll('td').length;
  const t = document.body ? document.body.innerText.length : 0;
  const sig = n + '/' + c + '/' + t;
  if (sig !== s.sig) { s.sig = sig; s.since = now; }
  const grown = n > b.links || c > b.cells || t > b.text + 200;
  return (grown && now - s.since >= 300) || now - s.t0 >= b.max;
}"""


async def settle(page, baseline: dict) -> None:
    """Wait for content fetched after `load`; never raises, a slow page is taken as it is."""
    try:
        await page.wait_for_load_state("networkidle", timeout=SETTLE_MAX_MS)
    except Exception as exc:
        log.debug("networkidle not reached on %s: %s", page.url, exc)
    try:
        await page.evaluate("() => { delete window.__gcSettle; }")
        await page.wait_for_function(_SETTLED_JS, arg=dict(baseline, max=SETTLE_MAX_MS), polling=100,
                                     timeout=SETTLE_MAX_MS + 2000)
    except Exception as exc:
        log.debug("content did not settle on %s: %s", page.url, exc)


# Script-driven pagers (下一页 with href="javascript:load(2)" or an onclick): the crawler cannot follow
# them, so the browser clicks through and keeps the links of every page it saw.
MAX_SCRIPT_PAGES = 30
_LINKS_JS = """() => Array.from(document.querySelectorAll('a[href]')).filter(a => /^https?:/.test(a.href))
  .map(a => [a.href, (a.innerText || a.title || '').trim(), ((a.parentElement || a).innerText || '').trim().slice(0, 200)])"""
_MARK_NEXT_JS = """() => {
  for (const el of document.querySelectorAll('[data-gc-next]')) el.removeAttribute('data-gc-next');
  const re = /^(下一页|下页|后页|next|>|›|»)$/i;
  for (const el of document.querySelectorAll('a, button, span, li, input[type=button]')) {
    const t = (el.innerText || el.value || '').trim();
    if (!re.test(t)) continue;
    const h = (el.getAttribute('href') || '').trim();
    const scripted = h === '' || h === '#' || h.toLowerCase().startsWith('javascript') || el.onclick;
    if (!scripted || el.closest('[disabled], .disabled')) continue;
    el.setAttribute('data-gc-next', '1'); return true;
  }
  return false;
}"""
_KEEP_JS = """(rows) => {
  const have = new Set(Array.from(document.querySelectorAll('a[href]')).map(a => a.href));
  const box = document.createElement('ul'); box.id = 'govcrawl-script-pages';
  for (const [href, text, context] of rows) {
    if (have.has(href)) continue; have.add(href);
    const li = document.createElement('li'), a = document.createElement('a');
    a.href = href; a.textContent = text; li.appendChild(a); li.appendChild(document.createTextNode(' ' + context));
    box.appendChild(li);
  }
  document.body.appendChild(box);
}"""


async def settle_and_page(page, baseline: dict) -> None:
    """settle(), then click through a script-driven pager, keeping every page's links in the DOM."""
    await settle(page, baseline)
    rows: dict[str, list] = {}
    try:
        for _ in range(MAX_SCRIPT_PAGES):
            for href, text, context in await page.evaluate(_LINKS_JS):
                rows.setdefault(href, [href, text, context])
            if not await page.evaluate(_MARK_NEXT_JS):
                break
            before = await page.evaluate("() => document.body.innerText")
            await page.click("[data-gc-next]", timeout=3000)
            try:
                await page.wait_for_function("(b) => document.body.innerText !== b", arg=before, timeout=5000)
            except Exception:
                break           # the click changed nothing: last page
            await settle(page, {"links": 0, "cells": 0, "text": 0})
        if rows:
            await page.evaluate(_KEEP_JS, list(rows.values()))
    except Exception as exc:
        log.debug("script pager on %s: %s", page.url, exc)


def browser_meta(context: str, baseline: dict, reason: str) -> dict:
    """Request meta that sends a request through Chromium in the portal's own context."""
    return {"playwright": True, "playwright_include_page": False, "playwright_context": context,
            "download_slot": BROWSER_SLOT,
            "playwright_page_init_callback": init_page,
            "playwright_page_methods": [PageMethod(settle_and_page, baseline)],
            "playwright_page_goto_kwargs": {"wait_until": "load"},
            "render_reason": reason}
