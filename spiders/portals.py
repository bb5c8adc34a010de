"""`scrapy crawl portals -a portals=FILE`: a focused, best-first crawl of every portal in the file.

Per portal: start at the learned report listings (or the home page the first time), follow links
in order of how likely they lead to reports, within the portal's own hosts and a request budget,
and yield every report candidate with the bytes of its page and attachments. Whether a candidate
is really a report is decided by the pipelines (extraction + classifier), not here.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError

from govcrawl import runlog
from govcrawl.crawlstate import PortalCrawl
from govcrawl.db import resolve_db_url, store
from govcrawl.db.store import Fetched
from govcrawl.discovery import families, pages, scope
from govcrawl.discovery.entrypoints import EntryPoints, newest_published, should_turn_page
from govcrawl.discovery.links import extract_links, is_document_url
from govcrawl.discovery.scoring import (FOLLOW_THRESHOLD, is_pagination, is_report_link, link_score,
                                        looks_like_report_title)
from govcrawl.items import ReportCandidate
from govcrawl.netguard import host_allowed
from govcrawl.registry import load_portals
from govcrawl.runtime import offline  # noqa: F401  (no public-suffix download)
from govcrawl.render import Renderer
from govcrawl.runtime.recorder import Recorder

log = logging.getLogger(__name__)
# Twisted/Scrapy exception names -> the error kinds operators read in crawl_errors
NAMED_FAILURES = {"DownloadCancelledError": "too_large",      # Scrapy cancels a body above DOWNLOAD_MAXSIZE
                  "ResponseDataLossError": "dropped", "ResponseNeverReceived": "dropped",
                  "ConnectionLost": "dropped", "ConnectionDone": "dropped"}
KIND_PREFIX = re.compile(r"^([a-z][a-z0-9_]{1,39}): ")
MAX_ATTACHMENTS = 5


class PortalsSpider(scrapy.Spider):
    name = "portals"

    def __init__(self, portals: str | None = None, budget=None, full=None, recheck=None, strategy="focused", *args,
                 **kwargs):
        super().__init__(*args, **kwargs)
        if not portals:
            raise ValueError("usage: scrapy crawl portals -a portals=FILE")
        self.entries = load_portals(portals)
        self.portals_path = portals
        self.budget_arg, self.full = budget, str(full or "").lower() in ("1", "true", "yes")
        # recheck=1 (the scheduler's verify runs): conditional GET of every known report URL too,
        # so a report corrected in place is re-extracted and versioned.
        self.recheck = str(recheck or "").lower() in ("1", "true", "yes")
        self.states: dict[str, PortalCrawl] = {}
        # strategy=naive: the benchmark's baseline, breadth-first over every same-host link (bench/discovery.py);
        # naive_capped: the same with the focused crawl's cap on ?query variants per path (calendar traps)
        self.strategy = strategy if strategy in ("focused", "naive", "naive_capped") else "focused"
        self.naive = self.strategy != "focused"
        self.prefixes = scope.prefixes_for([e.url for e in self.entries])
        self.entry_found: dict[str, EntryPoints] = {}
        self.newest_known: dict[str, str] = {}      # portal -> newest known report's published date

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        allow_private = str(kwargs.pop("allow_private", "")).lower() in ("1", "true", "yes")
        if allow_private:
            crawler.settings.set("GOVCRAWL_ALLOW_PRIVATE", True, priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        s = crawler.settings
        spider.budget = int(spider.budget_arg or s.getint("GOVCRAWL_BUDGET"))
        spider.max_depth = s.getint("GOVCRAWL_MAX_DEPTH")
        spider.db_url = resolve_db_url(s.get("GOVCRAWL_DB"))
        # The crawl lock (Busy if another crawl has this database), every database write, noticing it is gone.
        spider.recorder = Recorder(crawler, spider.db_url)
        spider.progress = runlog.Progress(len(spider.entries), s.getbool("GOVCRAWL_PROGRESS"))
        spider.render = Renderer(spider, crawler)     # installs the browser handler when it can be used
        crawler.signals.connect(spider._on_reached_downloader, signal=signals.request_reached_downloader)
        crawler.signals.connect(spider._on_response, signal=signals.response_received)
        crawler.signals.connect(spider._on_closed, signal=signals.spider_closed)
        return spider

    # -- start ---------------------------------------------------------------------------------
    async def start(self):
        self.run_id = self.recorder.start_run(f"crawl portals={self.portals_path}"
                                              + (" full=1" if self.full else "") + (" recheck=1" if self.recheck else ""))
        for entry in self.entries if self.run_id is not None else ():
            state = self.recorder.call(runlog.prepare_portal, entry, self.budget, self.full)
            if state is None:
                return          # the database is gone: the recorder is closing the spider
            self.states[entry.url] = state
            self.entry_found[entry.url] = EntryPoints()
            if state.incremental:
                self.newest_known[entry.url] = self.recorder.call(newest_published, state.portal_id) or ""
            if self.naive:
                state.incremental = False
            seeds = state.old_entry_points if state.incremental else [entry.url]
            for url in seeds:
                req = self._request(state, url, depth=0, score=100, role="seed")
                if req is not None:
                    yield req
            for url in sorted(state.known_reports) if self.recheck else ():
                req = self._request(state, url, depth=1, score=90, role="report", meta={"candidate": True})
                if req is not None:
                    yield req
            if state.outstanding == 0:
                self._portal_done(state)

    def _request(self, state: PortalCrawl, url: str, *, depth: int, score: float, role: str,
                 callback=None, meta=None, conditional: bool = True) -> scrapy.Request | None:
        url, _, fragment = url.partition("#")
        method, body = (meta or {}).get("method", "GET"), (meta or {}).get("body", b"")
        key = url if method == "GET" else f"{method} {url} {body!r}"
        if key in state.seen:
            return None
        if state.scheduled >= state.budget:
            state.over_budget += 1          # recorded once per portal when it is done (kind `budget`)
            return None
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not host_allowed(parts.netloc, state.hosts):
            return None
        if not scope.in_scope(url, state.entry.url, self.prefixes.get(state.entry.url, "")):
            return None
        if method == "GET" and self.strategy != "naive" and not state.query_budget_ok(url):
            return None
        state.seen.add(key)
        state.scheduled += 1
        state.outstanding += 1
        headers = dict((meta or {}).get("headers") or {})
        # full=1 is a rediscovery: listings are fetched whole (a 304 would end the walk at the home page);
        # reports and documents stay conditional.
        rediscover = self.full and role in ("seed", "link", "listing")
        if conditional and not self.naive and url in state.validators and not rediscover:
            etag, lm = state.validators[url]
            if etag:
                headers["If-None-Match"] = etag
            if lm:
                headers["If-Modified-Since"] = lm
        m = {"portal": state.entry.url, "portal_hosts": state.hosts, "depth": depth, "role": role,
             "fragment": fragment}
        m.update({k: v for k, v in (meta or {}).items() if k not in ("method", "body", "headers")})
        if self.naive:
            score, m["candidate"] = -depth, True       # breadth-first; every page goes to the classifier
        m.update(self.render.direct_meta(state, url, role))
        if m.get("playwright"):
            headers = {}            # a 304 means nothing to a browser
        return scrapy.Request(url, method=method, body=body or None, callback=callback or self.parse_page,
                              errback=self.on_error, meta=m, headers=headers, priority=int(score), dont_filter=True)

    # -- pages -----------------------------------------------------------------------------------
    def parse_page(self, response):
        state = self.states[response.meta["portal"]]
        try:
            yield from self._parse_page(state, response)
        finally:
            self._answered(state)

    def _parse_page(self, state: PortalCrawl, response):
        meta, status = response.meta, response.status
        role = meta.get("role", "")
        if meta.get("redirect_urls") and not self._arrived(state, response):
            return
        if 300 <= status < 400 and status != 304:
            self._error(state, response.url, f"http_{status}", "redirect without a usable Location")
            return
        if status == 304:
            self._remember(state, response, kind=role)
            if response.url in state.known_reports:
                state.counters.reports_unchanged += 1
            return
        blocked = pages.challenge(response.status, response.headers, response.body)
        if blocked:
            state.status = "blocked"
            self._error(state, response.url, "blocked", blocked)
            return
        if status >= 400:
            if role == "seed" and meta.get("depth") == 0 and response.url.rstrip("/") == state.entry.url.rstrip("/"):
                state.status = "down"
            self._error(state, response.url, f"http_{status}", "")
            return
        answer = None if self.naive else \
            families.read_api(meta.get("family", ""), response.url, response.body, meta.get("family_state"))
        if answer is not None:          # a Hanweb proxy or gkmlpt API answer: a listing without a page
            self._remember(state, response, kind="listing")
            yield from self._follow(state, response, answer.links, FOLLOW_THRESHOLD, more=answer.more)
            return
        kind = pages.content_kind(response.headers.get(b"Content-Type", b"").decode("latin-1"), response.body,
                                  response.url)
        anchor = meta.get("anchor", "")
        if kind == "html" and pages.claims_document(response.headers.get(b"Content-Type", b"").decode("latin-1"),
                                                    response.url):
            # An HTML page served as .pdf/.doc or with a document's type: often an error page. Read as HTML.
            self._error(state, response.url, "mistyped", "served as a document, bytes are HTML")
        if kind != "html":
            if meta.get("candidate") or looks_like_report_title(anchor):
                yield self._candidate(state, response, fetched_from(response), anchor)
            else:
                self._error(state, response.url, "not_html", kind)
            return
        # Not response.text: Scrapy trusts the header, and portals send GBK under ISO-8859-1 or UTF-8 headers.
        html = pages.decode(response.body, response.headers.get(b"Content-Type", b"").decode("latin-1"))
        if pages.soft_404(html):
            self._error(state, response.url, "soft_404", "")
            return
        # A family adapter reads Hanweb/gkmlpt listings without a browser; only other empty pages are rendered.
        more = [] if self.naive else families.follow_ups(html, response.url, meta.get("fragment", ""))
        rendered = None if more else self.render.after_fetch(state, response, html)   # came back empty: ask the browser
        if rendered is not None:
            yield rendered
            return
        title = pages.page_title(html)
        self._remember(state, response, kind="listing")
        links = extract_links(html, response.url)
        if self.naive:
            yield self._candidate(state, response, fetched_from(response), anchor)
            yield from self._follow(state, response, links, float("-inf"))
            return
        if looks_like_report_title(title) or looks_like_report_title(anchor):
            yield from self._report_page(state, response, links, anchor)
            # from a report page only other reports and report columns; never its own copies (PDF/DOCX of
            # the same report: sources of this report, not reports of their own)
            copies = set(self._attachments_of(state, links))
            yield from self._follow(state, response, [l for l in links if l.url not in copies], 80, more=more,
                                    listing=False)
        else:
            yield from self._follow(state, response, links, FOLLOW_THRESHOLD, more=more)

    def _follow(self, state: PortalCrawl, response, links, follow_min: float, more=(), listing: bool = True):
        """Request the links worth following; `more` are the family requests (Hanweb POST, gkmlpt API)."""
        depth = response.meta.get("depth", 0) + 1
        # Past the depth limit only a listing's own reports, pages and family answers are followed:
        # a column first reached by a long detour must still yield every report it lists.
        too_deep = depth > self.max_depth and not self.naive
        origin = response.meta.get("family_origin") or response.url    # the listing a family answer belongs to
        reports = [l for l in links if is_report_link(l.text)]
        if listing:
            self.entry_found[state.entry.url].saw_listing(origin, [l.url.split("#", 1)[0] for l in reports])
            if not reports and link_score(response.meta.get("anchor", ""), response.url) >= 70:
                self.entry_found[state.entry.url].saw_empty_column(origin)
        if state.incremental:
            # From a learned listing only what is new; its other pages only when they can hold something new.
            # (a page fetched by an earlier crawl, e.g. a distractor or a document's wrapper, is not new)
            new = [l for l in reports if all(l.url.split("#", 1)[0] not in known for known in
                                             (state.known_reports, state.seen, state.validators))]
            turn_page = should_turn_page(new, reports, [l.date for l in links if l.date],
                                         self.newest_known.get(state.entry.url, ""))
            links = new + ([l for l in links if is_pagination(l.kind, l.text)] if turn_page else [])
            more = more if turn_page else ()
        for link in links:
            if not self.naive:
                if is_document_url(link.url) and not looks_like_report_title(link.text):
                    continue
                if link.url in state.known_reports and state.incremental:
                    continue        # known reports are rechecked by the scheduler's verify runs, not here
            score = link_score(link.text, link.url, link.kind)
            if score < follow_min:
                continue
            candidate = looks_like_report_title(link.text)
            if too_deep and not (candidate or is_pagination(link.kind, link.text)):
                continue
            req = self._request(state, link.url, depth=depth, score=score, role="candidate" if candidate else "link",
                                meta={"anchor": link.text, "listing_url": origin, "listing_date": link.date,
                                      "candidate": candidate})
            if req is not None:
                yield req
        for fr in more:
            req = self._request(state, fr.url, depth=depth, score=60, role="listing",
                                meta={"method": fr.method, "body": fr.body, "headers": fr.headers,
                                      "family": fr.family, "family_state": fr.state,
                                      # a Hanweb answer's reports belong to the column page; gkmlpt's to its API
                                      "family_origin": origin if fr.family.startswith("hanweb") else ""})
            if req is not None:
                yield req

    def _report_page(self, state, response, links, anchor):
        """Fetch the page's documents one after another, then yield one candidate with all of them."""
        docs = self._attachments_of(state, links)
        html = pages.decode(response.body, response.headers.get(b"Content-Type", b"").decode("latin-1"))
        if docs and pages.attachment_wrapper(html):
            # "详见附件": the page only wraps the document, so the report is the document itself.
            req = self._request(state, docs[0], depth=99, score=95, role="candidate",
                                meta={"anchor": anchor or pages.page_title(html), "candidate": True,
                                      "listing_url": response.meta.get("listing_url", response.url),
                                      "listing_date": response.meta.get("listing_date") or pages.page_date(html)})
            if req is not None:
                self.entry_found[state.entry.url].saw_report(docs[0], response.meta.get("listing_url", response.url))
                yield req
            return
        item = self._candidate(state, response, fetched_from(response), anchor)
        yield from self._next_attachment(state, item, docs)

    @staticmethod
    def _attachments_of(state, links) -> list[str]:
        docs = [l.url for l in links if is_document_url(l.url) and host_allowed(urlsplit(l.url).netloc, state.hosts)]
        return list(dict.fromkeys(docs))[:MAX_ATTACHMENTS]

    def _next_attachment(self, state, item: ReportCandidate, pending: list[str]):
        while pending:
            url = pending.pop(0)
            req = self._request(state, url, depth=99, score=90, role="attachment", callback=self.parse_attachment,
                                meta={"item": item, "pending": pending}, conditional=False)
            if req is not None:
                yield req
                return
        yield item

    def parse_attachment(self, response):
        state = self.states[response.meta["portal"]]
        item = response.meta["item"]
        try:
            if response.status < 300:
                item.attachments.append(fetched_from(response, role="attachment"))
            else:
                self._error(state, response.url, "attachment", f"http_{response.status}: attachment of {item.url}")
            yield from self._next_attachment(state, item, response.meta["pending"])
        finally:
            self._answered(state)

    def _candidate(self, state, response, fetched: Fetched, anchor: str) -> ReportCandidate:
        return ReportCandidate(portal_url=state.entry.url, region_hint=state.entry.code, url=response.url,
                               page=fetched, anchor_text=anchor, listing_url=response.meta.get("listing_url", ""),
                               listing_date=response.meta.get("listing_date", ""))

    def _arrived(self, state: PortalCrawl, response) -> bool:
        """A redirected response: process it once, under its final URL, only when that stays in scope."""
        final = response.url.split("#", 1)[0]
        if not scope.in_scope(final, state.entry.url, self.prefixes.get(state.entry.url, "")):
            self._error(state, response.meta["redirect_urls"][0], "offsite", f"redirected out of scope to {final}")
            return False
        if final in state.seen:
            return False        # its own request (scheduled or already answered) reads it
        state.seen.add(final)
        return True

    # -- errors and bookkeeping ----------------------------------------------------------------
    def on_error(self, failure):
        request = failure.request
        state = self.states[request.meta["portal"]]
        try:
            kind = _error_kind(failure)
            if kind == "refused" and request.meta.get("depth") == 0:
                state.status = "down"
            item = request.meta.get("item")
            if item is None:
                self._error(state, request.url, kind, str(failure.value)[:500])
            else:                   # an attachment failed: recorded as such, and the report still goes on
                self._error(state, request.url, "attachment", f"{kind}: attachment of {item.url}: "
                            + str(failure.value)[:400])
                yield from self._next_attachment(state, item, request.meta["pending"])
        finally:
            self._answered(state)

    def _error(self, state: PortalCrawl, url: str, kind: str, detail: str) -> None:
        state.error(kind)
        self.progress.errors += 1
        self.recorder.write(lambda s: store.record_error(s, run_id=self.run_id, portal_id=state.portal_id, url=url,
                                                         kind=kind, detail=detail))

    def _remember(self, state, response, kind: str) -> None:
        self.recorder.write(lambda s: store.remember_page(
            s, portal_id=state.portal_id, url=response.url, kind=kind, status=response.status,
            etag=response.headers.get(b"ETag", b"").decode("latin-1"),
            last_modified=response.headers.get(b"Last-Modified", b"").decode("latin-1"),
            digest=store.sha256(response.body)))

    def _answered(self, state: PortalCrawl) -> None:
        state.outstanding -= 1
        if state.outstanding <= 0:
            self._portal_done(state)

    def _portal_done(self, state: PortalCrawl) -> None:
        if not state.done:
            state.done = True
            if state.over_budget:
                state.status = state.status or "budget"
                self._error(state, state.entry.url, "budget",
                            f"budget of {state.budget} requests spent; {state.over_budget} more links not followed")
            self.render.portal_done(state)
            self.progress.done += 1
            self.progress.tick(force=True)

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
            if self.strategy == "focused":
                state.entry_points |= self.entry_found[url].best(state.known_reports, url)
        self.render.close(list(self.states.values()))
        self.recorder.finish(list(self.states.values()), self.crawler.stats.get_stats(), reason)
        self.progress.close(list(self.states.values()))     # stops the display, prints the summary


def fetched_from(response, role: str = "page") -> Fetched:
    """`url` is what was asked for, `final_url` where the bytes came from, with the hops between."""
    h = response.headers
    hops = response.meta.get("redirect_urls") or []
    reasons = response.meta.get("redirect_reasons") or []
    chain = [[reasons[i] if i < len(reasons) else "", u] for i, u in enumerate(hops)]
    return Fetched(url=hops[0] if hops else response.url, final_url=response.url, redirect_chain=chain,
                   status=response.status,
                   content_type=h.get(b"Content-Type", b"").decode("latin-1"), body=response.body,
                   encoding=getattr(response, "encoding", "") or "", etag=h.get(b"ETag", b"").decode("latin-1"),
                   last_modified=h.get(b"Last-Modified", b"").decode("latin-1"), role=role)


def _error_kind(failure) -> str:
    name = type(failure.value).__name__
    browser_error = str(failure.value)[:200] if name == "Error" else ""     # Playwright: net::ERR_… in the text
    if failure.check(DNSLookupError) or "DNSLookup" in name or "ERR_NAME_NOT_RESOLVED" in browser_error:
        return "dns"
    if failure.check(ConnectionRefusedError) or "ConnectionRefused" in name or "ERR_CONNECTION_REFUSED" in browser_error:
        return "refused"
    if failure.check(TimeoutError, TCPTimedOutError) or "Timeout" in name:
        return "timeout"
    if name in NAMED_FAILURES:
        return NAMED_FAILURES[name]
    if failure.check(IgnoreRequest):
        # Ours say "kind: detail" (netguard, redirects); Scrapy's own are sentences.
        text = str(failure.value)
        m = KIND_PREFIX.match(text)
        if m:
            return m.group(1)
        if "larger than" in text or "max size" in text.lower():
            return "too_large"          # a decompression bomb or an oversize body, refused while streaming
        if "redirect" in text.lower():
            return "redirect_limit"
        return "ignored"
    return type(failure.value).__name__[:40]
