"""`scrapy crawl portals -a portals=FILE`: a focused, best-first crawl of every portal in the file.

The spider only turns Scrapy responses into the crawl policy's terms and its decisions back into
requests: what to follow is govcrawl/crawl/policy.py's, which requests may go govcrawl/crawl/frontier.py's,
bookkeeping and database writes govcrawl/runtime/context.py's. Whether a candidate is really a report
is decided by the pipelines (extraction + classifier), not here.
"""
from __future__ import annotations

import scrapy

from govcrawl.crawl import frontier, policy
from govcrawl.crawl.state import PortalCrawl
from govcrawl.items import ReportCandidate
from govcrawl.registry import load_portals
from govcrawl.runtime import offline  # noqa: F401  (no public-suffix download)
from govcrawl.runtime.context import CrawlContext
from govcrawl.runtime.responses import fetch_of, fetched_from

TRUE = ("1", "true", "yes")


class PortalsSpider(scrapy.Spider):
    name = "portals"

    def __init__(self, portals: str | None = None, budget=None, full=None, recheck=None, strategy="focused", *args,
                 **kwargs):
        super().__init__(*args, **kwargs)
        if not portals:
            raise ValueError("usage: scrapy crawl portals -a portals=FILE")
        self.portals_path, self.entries = portals, load_portals(portals)
        # strategy=naive: the benchmark's baseline, breadth-first over every same-host link (bench/discovery.py);
        # naive_capped: the same with the focused crawl's cap on ?query variants per path (calendar traps)
        self.args = dict(budget=budget, full=str(full or "").lower() in TRUE,
                         # recheck=1 (the scheduler's verify runs): conditional GET of every known report too
                         recheck=str(recheck or "").lower() in TRUE,
                         strategy=strategy if strategy in ("focused", "naive", "naive_capped") else "focused")

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        if str(kwargs.pop("allow_private", "")).lower() in TRUE:
            crawler.settings.set("GOVCRAWL_ALLOW_PRIVATE", True, priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        a = spider.args
        command = (f"crawl portals={spider.portals_path}" + (" full=1" if a["full"] else "")
                   + (" recheck=1" if a["recheck"] else ""))
        spider.crawl = CrawlContext(crawler, spider.entries, command=command, **a)
        return spider

    async def start(self):
        if not self.crawl.begin():
            return
        for entry in self.entries:
            state = self.crawl.open_portal(entry)
            if state is None:
                return          # the database is gone: the recorder is closing the spider
            for want in policy.seeds(state, self.crawl.recheck):
                req = self.request(state, want)
                if req is not None:
                    yield req
            if state.outstanding == 0:
                self.crawl.portal_done(state)

    def request(self, state: PortalCrawl, want: frontier.Want, callback=None, meta=None) -> scrapy.Request | None:
        if state.lease_lost:         # a worker's crawl whose lease on the portal expired: its new owner crawls it
            return None
        ok = frontier.admit(state, want, self.crawl.opts)
        if ok is None:
            return None
        naive = self.crawl.opts.naive      # breadth-first; every page goes to the classifier
        m = {"portal": state.entry.url, "portal_hosts": state.hosts, "want": want, "fragment": ok.fragment,
             "depth": want.depth, "role": want.role, **(meta or {})}
        m.update(self.crawl.render.direct_meta(state, ok.url, want.role))
        headers = {} if m.get("playwright") else ok.headers      # a 304 means nothing to a browser
        return scrapy.Request(ok.url, method=ok.method, body=ok.body or None, callback=callback or self.parse_page,
                              errback=self.on_error, meta=m, headers=headers, dont_filter=True,
                              priority=int(-want.depth if naive else want.score))

    def parse_page(self, response):
        state = self.crawl.state_of(response.meta["portal"])
        try:
            yield from self._page(state, response)
        finally:
            self.crawl.answered(state)

    def _page(self, state: PortalCrawl, response):
        if response.meta.get("redirect_urls") and not self.crawl.arrived(state, response):
            return
        fetch = fetch_of(response, naive=self.crawl.opts.naive)
        d = policy.decide(fetch, state, self.crawl.opts)
        if d.html is not None and not d.more:
            rendered = self.crawl.render.after_fetch(state, response, d.html)   # came back empty: the browser
            if rendered is not None:
                yield rendered
                return
        self.crawl.apply(state, response, d)
        if d.candidate:
            item = ReportCandidate(portal_url=state.entry.url, region_hint=state.entry.code, url=response.url,
                                   page=fetched_from(response), anchor_text=fetch.anchor,
                                   listing_url=fetch.listing_url, listing_date=d.listing_date or fetch.listing_date,
                                   copies=list(d.attachments))
            yield from self._next_attachment(state, item, list(d.attachments))
        for want in d.wants:
            req = self.request(state, want)
            if req is not None:
                yield req

    def _next_attachment(self, state, item: ReportCandidate, pending: list[str]):
        """A report page's copies, fetched one after another; then the candidate goes on with all of them."""
        while pending:
            want = frontier.Want(url=pending.pop(0), depth=99, score=90, role="attachment", conditional=False)
            req = self.request(state, want, callback=self.parse_attachment, meta={"item": item, "pending": pending})
            if req is not None:
                yield req
                return
        self.crawl.candidate_started(state)    # a portal settles once its candidates are through the pipelines
        yield item

    def parse_attachment(self, response):
        state, item = self.crawl.state_of(response.meta["portal"]), response.meta["item"]
        try:
            if response.status < 300:
                item.attachments.append(fetched_from(response, role="attachment"))
            else:
                self.crawl.error(state, response.url, "attachment", f"http_{response.status}: attachment of {item.url}")
            yield from self._next_attachment(state, item, response.meta["pending"])
        finally:
            self.crawl.answered(state)

    def on_error(self, failure):
        request = failure.request
        state = self.crawl.state_of(request.meta["portal"])
        try:
            item = self.crawl.failed(state, request, failure)
            if item is not None:    # an attachment failed: recorded as such, and the report still goes on
                yield from self._next_attachment(state, item, request.meta["pending"])
        finally:
            self.crawl.answered(state)
