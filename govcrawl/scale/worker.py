"""`govcrawl worker`: take part in submitted crawls until stopped.

Loop: find an open crawl of this worker's database that still has portals, and start the ordinary
`govcrawl crawl` in a child process fed by that crawl (its own Scrapy reactor and document pool):
the child leases portals from Redis as it has room, renews its leases, and marks each portal done
once it is stored (feed.py); it ends when the crawl has nothing left. The worker keeps the registry's
heartbeat, gives back what a crashed child held, and stops its child on SIGTERM. The child dies
with its worker (setpriv --pdeathsig KILL), so a kill -9'd worker leaves no orphan crawling
portals that another worker is about to take over.

The child crawls under the submitter's crawl lock: the worker marks it held for its children
(scheduling/lock.py HELD_ENV) only for a crawl submitted on the same database.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import threading
import time

from govcrawl import config
from govcrawl.scale import crawls, registry
from govcrawl.scale.docqueue import ENV as DOCUMENTS_QUEUE_ENV
from govcrawl.scale.keys import CrawlKeys
from govcrawl.runtime.process import EXIT_DATABASE_LOST
from govcrawl.scheduling.lock import HELD_ENV, database_key

log = logging.getLogger(__name__)


def child_command(spec: crawls.CrawlSpec, portals_path: str, db_url: str) -> list[str]:
    cmd = [sys.executable, "-m", "govcrawl", "crawl", "--portals", portals_path, "--db", db_url, "--quiet",
           "--render", spec.render]
    if spec.allow_private:
        cmd.append("--allow-private")
    if spec.budget:
        cmd += ["--budget", str(spec.budget)]
    if spec.full:
        cmd.append("--full")
    if spec.recheck:
        cmd.append("--recheck")
    return ["setpriv", "--pdeathsig", "KILL", "--", *cmd]


def child_env(db_url: str, redis_url: str, documents_queue: bool) -> dict:
    env = dict(os.environ, GOVCRAWL_WORKER_REDIS=redis_url)      # turns on the shared politeness (settings)
    env[HELD_ENV] = f"{database_key(db_url)}:{os.getpid()}"      # the submitter holds the lock for this crawl
    if documents_queue:
        env[DOCUMENTS_QUEUE_ENV] = redis_url
    else:
        env.pop(DOCUMENTS_QUEUE_ENV, None)
    return env


def outcome_of(code: int) -> tuple[str, str]:
    """A child's exit status -> what becomes of its portals."""
    if code == 0:
        return "done", ""
    if code == EXIT_DATABASE_LOST:
        return "retry", "the crawl lost its database"
    return "retry", f"crawl process exited with {code}"


def batch_size(pending: int, workers: int, most: int, least: int = config.SCALE_MIN_BATCH) -> int:
    """Portals to lease at once: at least two rounds per worker, so a late or faster one gets work, but
    never fewer than `least` while that many wait: every lease costs a new crawl process (≈ 4 s CPU of
    imports and start-up), and without a floor more workers meant smaller leases, so more of them."""
    share = -(-pending // (2 * max(workers, 1)))
    return max(1, min(most, pending, max(share, least)))


class Worker:
    def __init__(self, redis_url: str, db_url: str, batch: int = config.SCALE_PORTALS_PER_BATCH,
                 lanes: int = config.SCALE_LANES_PER_WORKER):
        import redis
        self.redis_url, self.db_url, self.batch, self.lanes = redis_url, db_url, batch, max(1, lanes)
        self.r = redis.Redis.from_url(redis_url, decode_responses=True)
        self.id = registry.new_worker_id()
        self.database = database_key(db_url)

    def next_crawl(self) -> crawls.CrawlSpec | None:
        for cid in crawls.open_crawls(self.r):
            spec = crawls.load_spec(self.r, cid)
            if spec and spec.database == self.database and crawls.still_wanted(self.r, cid):
                return spec
        return None

    def lease_size(self, spec: crawls.CrawlSpec) -> int:
        """Up to `batch` portals, but a share small enough that every live worker's lanes get some."""
        pending = crawls.progress(self.r, spec.crawl_id)["pending"]
        crawlers = sum(1 for w in registry.workers(self.r) if w["role"] == "crawl") or 1
        return batch_size(pending, crawlers * self.lanes, self.batch)

    def beat(self, crawl_id: str = "") -> None:
        in_hand = crawls.portals_in_hand(self.r, crawl_id, self.id) if crawl_id else []
        registry.beat(self.r, self.id, "crawl", crawl_id, in_hand)

    def run(self, stop: threading.Event) -> int:
        """`lanes` crawl processes at a time: the next batch starts while the last one waits on its slowest portal."""
        log.info("worker %s on %s, %d lanes", self.id, self.redis_url, self.lanes)
        lanes = [threading.Thread(target=self._lane, args=(i, stop), daemon=True) for i in range(self.lanes)]
        try:
            for i, lane in enumerate(lanes):
                lane.start()
                if i + 1 < len(lanes):
                    stop.wait(1.0)     # staggered: the first lane's batch is leased before the second asks
            while any(lane.is_alive() for lane in lanes):
                for lane in lanes:
                    lane.join(timeout=1.0)
        finally:
            registry.leave(self.r, self.id)
        return 0 if stop.is_set() else 1       # every lane died (Redis gone: its traceback is above)

    def _lane(self, lane: int, stop: threading.Event) -> None:
        while not stop.is_set():
            self.beat()
            spec = self.next_crawl()
            if spec is None or crawls.is_finished(crawls.progress(self.r, spec.crawl_id)):
                stop.wait(1.0)
                continue
            self.crawl(spec, lane, stop)

    def lease_id(self, lane: int) -> str:
        return f"{self.id}/{lane}"

    def crawl(self, spec: crawls.CrawlSpec, lane: int, stop: threading.Event) -> None:
        """One crawl process for this lane, fed leases of the crawl until it has none left (feed.py)."""
        with tempfile.NamedTemporaryFile("w", suffix=".csv", prefix="govcrawl-crawl-", delete=False,
                                         encoding="utf-8") as fh:
            fh.write(spec.portals_csv)          # the whole crawl's rows: the process leases which it crawls
        lease_id = self.lease_id(lane)
        try:
            env = child_env(self.db_url, self.redis_url, registry.has_document_workers(self.r))
            env.update(GOVCRAWL_FEED_CRAWL=spec.crawl_id, GOVCRAWL_FEED_LEASE=lease_id,
                       GOVCRAWL_FEED_BATCH=str(self.lease_size(spec)))
            child = subprocess.Popen(child_command(spec, fh.name, self.db_url), env=env)
            stopping = self._watch(spec, child, stop)
        finally:
            os.unlink(fh.name)
        if child.returncode == EXIT_DATABASE_LOST:
            crawls.mark_lost(self.r, spec.crawl_id)
        if child.returncode != 0 or stopping:
            # A process that closed gives back what it holds itself; one that crashed cannot: done here.
            outcome, reason = outcome_of(child.returncode)
            if outcome == "done":
                outcome, reason = "retry", "its worker was stopped"
            held = [u for u, owner in self.r.hgetall(CrawlKeys(spec.crawl_id).owner).items() if owner == lease_id]
            crawls.finish(self.r, spec.crawl_id, lease_id, held, outcome, reason)

    def _watch(self, spec, child, stop) -> bool:
        """Keep the registry's heartbeat (and portals in hand) while the child crawls, and stop it as soon
        as the worker is told to; True if it was stopped."""
        every = min(config.SCALE_HEARTBEAT_S, spec.lease_s / 3)
        stopping, beat_at = False, time.monotonic() + every
        while True:
            try:
                child.wait(timeout=0.5)
                return stopping
            except subprocess.TimeoutExpired:
                pass
            if stop.is_set() and not stopping:
                stopping = True
                child.terminate()       # Scrapy closes gracefully: the run is recorded, the rest goes back to pending
            if time.monotonic() >= beat_at:
                self.beat(spec.crawl_id)
                beat_at = time.monotonic() + every
