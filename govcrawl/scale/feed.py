"""A worker's crawl process, fed portals from Redis while it runs (scrapy-redis's RedisMixin).

One Scrapy process per worker lane lives as long as the submitted crawl has portals for it: the
RedisMixin reads the crawl's pending portals (here as leases, crawls.lease, never a bare LPOP, so a
dead process's portals come back) when the spider starts, whenever a portal it holds settles, and
when the spider goes idle. A portal has settled when no request of it is outstanding and no
candidate of it is in the pipelines: then its run row is written and its lease marked done, in that
order, so a portal marked done in Redis is a portal whose reports are stored.

The process renews its leases every min(SCALE_HEARTBEAT_S, lease / 3). A lease it loses (it stalled
past its expiry and another worker took the portal) is not crawled further here. When the process
closes (the crawl is over, cancelled, or its worker stops it), the portals it still holds go back to
pending. Before, every lease was a new process: ≈ 3–4 s CPU of start-up per 10–50 portals.
"""
from __future__ import annotations

import logging

from scrapy.exceptions import DontCloseSpider
from scrapy_redis.spiders import RedisMixin

from govcrawl import config
from govcrawl.crawl import policy
from govcrawl.scale import crawls
from govcrawl.scale.keys import CrawlKeys
from spiders.portals import PortalsSpider

log = logging.getLogger(__name__)


class FedPortalsSpider(RedisMixin, PortalsSpider):
    """The portals spider of a worker: its portals come from a submitted crawl's leases, not a file's rows
    (the file it is given is the whole crawl's, for the scopes that depend on every portal)."""

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup_feed(crawler)
        return spider

    def setup_feed(self, crawler) -> None:
        s = crawler.settings
        self.crawl_id, self.lease_id = s.get("GOVCRAWL_FEED_CRAWL"), s.get("GOVCRAWL_FEED_LEASE")
        if not self.crawl_id or not self.lease_id:
            raise ValueError("a fed crawl needs GOVCRAWL_FEED_CRAWL and GOVCRAWL_FEED_LEASE")
        self.redis_key = CrawlKeys(self.crawl_id).pending
        self.setup_redis(crawler)           # REDIS_URL: settings/base.py, the worker's Redis
        import redis
        self.r = redis.Redis.from_url(s.get("GOVCRAWL_REDIS"), decode_responses=True)
        self.fetch_data, self.count_size = self._lease, self.server.llen
        self.spec = crawls.load_spec(self.r, self.crawl_id)
        if self.spec is None:
            raise ValueError(f"crawl {self.crawl_id} is not in Redis")
        self.by_url = {e.url: e for e in self.entries}
        self.in_hand: set[str] = set()
        self.closing = False
        self.target = s.getint("GOVCRAWL_FEED_BATCH") or config.SCALE_PORTALS_PER_BATCH   # portals held at once
        self.crawl.on_settled.append(self._settled)
        from scrapy import signals
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    # -- RedisMixin's side: where portals come from --------------------------------------------
    def _lease(self, _key, n: int) -> list[str]:
        if n <= 0 or self.closing or not crawls.still_wanted(self.r, self.crawl_id):
            return []
        return crawls.lease(self.r, self.crawl_id, self.lease_id, n, self.spec.lease_s)

    def make_request_from_data(self, data):
        url = data.decode() if isinstance(data, bytes) else data
        entry = self.by_url.get(url)
        if entry is None:           # not in this crawl's file: cannot be crawled here (nor anywhere)
            crawls.finish(self.r, self.crawl_id, self.lease_id, [url], "give_up", "not a row of the crawl's portals file")
            return []
        self.in_hand.add(url)
        state = self.crawl.open_portal(entry)
        if state is None:
            return []           # the database is gone: the recorder is closing the spider
        out = [req for want in policy.seeds(state, self.crawl.recheck) if (req := self.request(state, want))]
        if state.outstanding == 0:
            self.crawl.portal_done(state)      # nothing to fetch: settles (and tops up) at once
        return out

    def top_up(self) -> None:
        """Lease up to `target` portals in hand; none once the engine is stopping (SIGTERM): a portal
        leased then would only be handed back."""
        engine = self.crawler.engine
        self.redis_batch_size = self.target - len(self.in_hand)
        if self.redis_batch_size > 0 and not self.closing and engine is not None and engine.running:
            self.schedule_next_requests()

    async def start(self):
        if not self.crawl.begin():
            return
        from twisted.internet.task import LoopingCall
        self._beat = LoopingCall(self._renew)
        self._beat.start(min(config.SCALE_HEARTBEAT_S, self.spec.lease_s / 3), now=False)
        self.redis_batch_size = self.target
        for req in self.next_requests():
            yield req

    def spider_idle(self):
        """Idle: take more; stay while portals of the crawl may still come (a dead worker's leases expire)."""
        self.top_up()
        if self.in_hand:
            raise DontCloseSpider
        if self.closing or self.crawl.recorder.lost or not crawls.still_wanted(self.r, self.crawl_id):
            return
        if crawls.is_finished(crawls.progress(self.r, self.crawl_id)):
            return
        raise DontCloseSpider

    # -- a portal's end ------------------------------------------------------------------------
    def _settled(self, state) -> None:
        url = state.entry.url
        if url not in self.in_hand:
            return
        if state.lease_lost:
            self.in_hand.discard(url)          # its new owner crawls it (again)
            return
        if not self.crawl.record_portal(state):
            return          # database gone: the crawl closes, and the lease goes back then
        crawls.finish(self.r, self.crawl_id, self.lease_id, [url], "done")
        self.in_hand.discard(url)
        self.top_up()

    def _renew(self) -> None:
        try:
            held = set(crawls.renew(self.r, self.crawl_id, self.lease_id, sorted(self.in_hand), self.spec.lease_s))
            wanted = crawls.still_wanted(self.r, self.crawl_id)
        except Exception as exc:     # Redis gone: nobody can tell what is whose; stop (stored work stays)
            log.error("fed crawl %s: Redis lost (%s): closing", self.crawl_id, exc)
            self._close("redis lost")
            return
        for url in self.in_hand - held:
            state = self.crawl.state_of(url)
            if state is not None and not state.lease_lost:
                state.lease_lost = True
                log.warning("fed crawl %s: lease of %s lost to another worker; no more of it here", self.crawl_id, url)
        if not wanted:
            self._close("cancelled")

    def _close(self, reason: str) -> None:
        if self.closing:
            return
        self.closing = True
        from scrapy.utils.defer import deferred_from_coro
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=reason))

    def _closed(self, spider, reason) -> None:
        self.closing = True
        if getattr(self, "_beat", None) is not None and self._beat.running:
            self._beat.stop()
        try:
            if self.crawl.recorder.lost:
                crawls.mark_lost(self.r, self.crawl_id)
            left = sorted(self.in_hand)
            if left:
                crawls.finish(self.r, self.crawl_id, self.lease_id, left, "retry",
                              f"its crawl process closed ({reason}) before finishing it")
        except Exception as exc:
            log.error("fed crawl %s: could not give back %d portals (%s); their leases expire", self.crawl_id,
                      len(self.in_hand), exc)
