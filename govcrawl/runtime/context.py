"""One crawl's state and bookkeeping, shared by the spider, the pipelines and the renderer.

`CrawlContext.of(crawler)` is how every part of a crawl reaches it (pipelines and extensions through
their `from_crawler`); nobody reaches into the spider. It holds the per-portal states, the options,
the Recorder (every database write), the progress display and the Renderer, and applies the policy's
decisions: errors, remembered pages, learned listings, portal status, a portal's end.
"""
from __future__ import annotations

import weakref

from scrapy import signals

from govcrawl import config, runlog
from govcrawl.crawl.frontier import CrawlOptions
from govcrawl.crawl.policy import Decision
from govcrawl.crawl.state import PortalCrawl
from govcrawl.db import resolve_db_url, store
from govcrawl.discovery import scope
from govcrawl.discovery.entrypoints import newest_published
from govcrawl.registry import PortalEntry
from govcrawl.render import Renderer
from govcrawl.runtime.recorder import Recorder
from govcrawl.runtime.responses import error_kind

_CONTEXTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


class CrawlContext:
    def __init__(self, crawler, entries: list[PortalEntry], *, command: str, budget: int | None, full: bool,
                 recheck: bool, strategy: str):
        s = crawler.settings
        self.crawler, self.entries, self.command, self.recheck = crawler, entries, command, recheck
        self.budget = int(budget or s.getint("GOVCRAWL_BUDGET"))
        self.opts = CrawlOptions(strategy=strategy, full=full, max_depth=s.getint("GOVCRAWL_MAX_DEPTH"),
                                 prefixes=scope.prefixes_for([e.url for e in entries]))
        self.states: dict[str, PortalCrawl] = {}
        self.run_id: int | None = None
        # Called with a portal once it has settled: no request outstanding, no candidate in the pipelines
        # (a fed crawl records it and gives its lease back then: govcrawl/scale/feed.py).
        self.on_settled: list = []
        self._page_states: list[dict] = []      # remembered pages not yet written (flush_pages)
        # The crawl lock (Busy if another crawl has this database), every database write, noticing it is gone.
        self.recorder = Recorder(crawler, resolve_db_url(s.get("GOVCRAWL_DB")))
        self.progress = runlog.Progress(len(entries), s.getbool("GOVCRAWL_PROGRESS"))
        self.render = Renderer(self, crawler)     # installs the browser handler when it can be used
        crawler.signals.connect(self._on_reached_downloader, signal=signals.request_reached_downloader)
        crawler.signals.connect(self._on_response, signal=signals.response_received)
        crawler.signals.connect(self._on_closed, signal=signals.spider_closed)
        for end in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self._on_candidate_end, signal=end)
        _CONTEXTS[crawler] = self

    @staticmethod
    def of(crawler) -> "CrawlContext | None":
        return _CONTEXTS.get(crawler)

    def state_of(self, portal_url: str) -> PortalCrawl | None:
        return self.states.get(portal_url)

    # -- starting ------------------------------------------------------------------------------
    def begin(self) -> bool:
        self.run_id = self.recorder.start_run(self.command)
        return self.run_id is not None

    def open_portal(self, entry: PortalEntry) -> PortalCrawl | None:
        """The portal's state for this crawl (None when the database is gone)."""
        state = self.recorder.call(runlog.prepare_portal, entry, self.budget, self.opts.full)
        if state is None:
            return None
        if state.incremental:
            state.newest_known = self.recorder.call(newest_published, state.portal_id) or ""
        if self.opts.naive:
            state.incremental = False
        self.states[entry.url] = state
        return state

    # -- applying decisions ----------------------------------------------------------------------
    def apply(self, state: PortalCrawl, response, d: Decision) -> None:
        """Everything a decision says besides the requests it wants."""
        if d.status:
            state.status = d.status
        for url, kind, detail in d.errors:
            self.error(state, url, kind, detail)
        if d.remember:
            self.remember(state, response, d.remember)
        if d.unchanged_report:
            state.counters.reports_unchanged += 1
        if d.listing is not None:
            state.learned.saw_listing(*d.listing)
        if d.empty_column:
            state.learned.saw_empty_column(d.empty_column)
        if d.report_via is not None:
            state.learned.saw_report(*d.report_via)
        if d.family:
            state.families[d.family] += 1

    def arrived(self, state: PortalCrawl, response) -> bool:
        """A redirected response: process it once, under its final URL, only when that stays in scope."""
        final = response.url.split("#", 1)[0]
        if not scope.in_scope(final, state.entry.url, self.opts.prefixes.get(state.entry.url, "")):
            self.error(state, response.meta["redirect_urls"][0], "offsite", f"redirected out of scope to {final}")
            return False
        return state.claim(final)       # False: its own request (scheduled or already answered) reads it

    def failed(self, state: PortalCrawl, request, failure):
        """Record a request that got no response; returns the report candidate whose attachment it was."""
        kind, item = error_kind(failure), request.meta.get("item")
        if kind == "refused" and request.meta.get("depth") == 0:
            state.status = "down"
        if item is None:
            self.error(state, request.url, kind, str(failure.value)[:500])
        else:
            self.error(state, request.url, "attachment", f"{kind}: attachment of {item.url}: " + str(failure.value)[:400])
        return item

    def error(self, state: PortalCrawl, url: str, kind: str, detail: str) -> None:
        state.error(kind)
        self.progress.errors += 1
        self.recorder.write(lambda s: store.record_error(s, run_id=self.run_id, portal_id=state.portal_id, url=url,
                                                         kind=kind, detail=detail))

    def remember(self, state: PortalCrawl, response, kind: str) -> None:
        h = response.headers
        self._page_states.append(dict(
            portal_id=state.portal_id, url=response.url, kind=kind, status=response.status,
            etag=h.get(b"ETag", b"").decode("latin-1"), last_modified=h.get(b"Last-Modified", b"").decode("latin-1"),
            digest=store.sha256(response.body)))
        if len(self._page_states) >= config.CRAWL_PAGE_STATES_BATCH:
            self.flush_pages()

    def flush_pages(self) -> None:
        """Write the remembered pages in one transaction (a transaction each cost ≈ 5 ms of CPU). Before a
        portal's run row: its validators are trusted only when fetched before its last_crawled_at."""
        rows, self._page_states = self._page_states, []
        if rows:
            self.recorder.write(lambda s: [store.remember_page(s, **row) for row in rows])

    def answered(self, state: PortalCrawl) -> None:
        state.outstanding -= 1
        if state.outstanding <= 0:
            self.portal_done(state)

    def candidate_started(self, state: PortalCrawl) -> None:
        state.items_open += 1

    def _on_candidate_end(self, item, **_):
        state = self.states.get(getattr(item, "portal_url", None))
        if state is not None:
            state.items_open -= 1
            self._settle(state)

    def _settle(self, state: PortalCrawl) -> None:
        if state.done and state.items_open <= 0 and not state.recorded:
            for fn in self.on_settled:
                fn(state)

    def record_portal(self, state: PortalCrawl) -> bool:
        """Write a settled portal's run row now (a fed crawl's portals end one by one); False: database gone."""
        if not self.opts.naive:
            state.entry_points |= state.learned.best(state.known_reports, state.entry.url)
        self.flush_pages()
        ok = self.recorder.call(runlog.record_portals, self.run_id, [state]) is not None
        state.recorded = ok
        return ok

    def portal_done(self, state: PortalCrawl) -> None:
        if state.done:
            return
        state.done = True
        if state.over_budget:
            state.status = state.status or "budget"
            self.error(state, state.entry.url, "budget",
                       f"budget of {state.budget} requests spent; {state.over_budget} more links not followed")
        if state.families:
            family = max(state.families, key=lambda f: (f != "generic", state.families[f]))
            self.recorder.write(lambda s: store.set_portal_family(s, state.portal_id, family))
        self.render.portal_done(state)
        self.flush_pages()
        self.progress.done += 1
        self.progress.tick(force=True)
        self._settle(state)

    # -- signals ---------------------------------------------------------------------------------
    def _on_reached_downloader(self, request, spider):
        state = self.states.get(request.meta.get("portal"))
        if state is not None:
            state.counters.requests += 1
            self.render.on_request(state, request)
            self.progress.pages += 1
            self.progress.tick()

    def _on_response(self, response, request, spider):
        state = self.states.get(request.meta.get("portal"))
        if state is not None:
            state.counters.bytes += len(response.body)

    def _on_closed(self, spider, reason):
        for url, state in self.states.items():     # learned entry points: the listings stored reports came from
            if not self.opts.naive and not state.recorded:
                state.entry_points |= state.learned.best(state.known_reports, url)
        self.render.close(list(self.states.values()))
        self.flush_pages()
        self.recorder.finish(list(self.states.values()), self.crawler.stats.get_stats(), reason)
        self.progress.close(list(self.states.values()))     # stops the display, prints the summary
