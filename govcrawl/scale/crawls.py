"""A submitted crawl in Redis: its spec, and lease-based ownership of its portals.

Every state change is one Lua script, so two workers can never lease the same portal and an
expired lease is taken back exactly once. Times are seconds since the epoch from the Redis
server (TIME), so workers on machines with skewed clocks agree on who expired.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from govcrawl import config
from govcrawl.scale.keys import CRAWLS, CrawlKeys


@dataclass(frozen=True)
class CrawlSpec:
    crawl_id: str
    database: str               # database_key of the crawl's database: a worker on another database stays out
    portals_csv: str            # the portals file's good rows, as a portals CSV (header included)
    portal_urls: tuple[str, ...]
    budget: int | None
    allow_private: bool
    render: str
    full: bool
    recheck: bool
    lease_s: float

    def to_json(self) -> str:
        return json.dumps({**self.__dict__, "portal_urls": list(self.portal_urls)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "CrawlSpec":
        d = json.loads(text)
        return cls(**dict(d, portal_urls=tuple(d["portal_urls"])))


# KEYS: pending leases owner attempts given_up  ARGV: worker, n, lease_s, max_attempts
# Expired leases first go back to the front of pending (or are given up after max_attempts), then
# up to n portals are leased to the worker.
_LEASE = """
local t = redis.call('TIME'); local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
for _, url in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do
  redis.call('ZREM', KEYS[2], url); redis.call('HDEL', KEYS[3], url)
  if tonumber(redis.call('HGET', KEYS[4], url) or '0') >= tonumber(ARGV[4]) then
    redis.call('HSET', KEYS[5], url, 'lease expired ' .. ARGV[4] .. ' times (its workers died)')
  else
    redis.call('LPUSH', KEYS[1], url)
  end
end
local got = {}
for i = 1, tonumber(ARGV[2]) do
  local url = redis.call('LPOP', KEYS[1])
  if not url then break end
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), url)
  redis.call('HSET', KEYS[3], url, ARGV[1])
  redis.call('HINCRBY', KEYS[4], url, 1)
  table.insert(got, url)
end
return got
"""

# KEYS: leases owner  ARGV: worker, lease_s, url...  -> the urls still held (a lost lease is not renewed)
_RENEW = """
local t = redis.call('TIME'); local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local held = {}
for i = 3, #ARGV do
  local url = ARGV[i]
  local exp = redis.call('ZSCORE', KEYS[1], url)
  if redis.call('HGET', KEYS[2], url) == ARGV[1] and exp and tonumber(exp) > now then
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), url); table.insert(held, url)
  end
end
return held
"""

# KEYS: leases owner done pending given_up  ARGV: worker, outcome (done|retry|give_up), reason, url...
_FINISH = """
local n = 0
for i = 4, #ARGV do
  local url = ARGV[i]
  if redis.call('HGET', KEYS[2], url) == ARGV[1] then
    redis.call('ZREM', KEYS[1], url); redis.call('HDEL', KEYS[2], url); n = n + 1
    if ARGV[2] == 'done' then redis.call('SADD', KEYS[3], url)
    elseif ARGV[2] == 'retry' then redis.call('RPUSH', KEYS[4], url)
    else redis.call('HSET', KEYS[5], url, ARGV[3]) end
  end
end
return n
"""


def new_crawl_id() -> str:
    return uuid.uuid4().hex[:12]


def submit(r, spec: CrawlSpec) -> CrawlKeys:
    k = CrawlKeys(spec.crawl_id)
    with r.pipeline() as p:
        p.set(k.spec, spec.to_json())
        p.delete(k.pending)
        if spec.portal_urls:
            p.rpush(k.pending, *spec.portal_urls)
        p.hset(k.state, mapping={"status": "open", "lost": 0})
        p.set(k.alive, "1", ex=int(config.SCALE_SUBMITTER_TTL_S))
        p.sadd(CRAWLS, spec.crawl_id)
        p.execute()
    return k


def load_spec(r, crawl_id: str) -> CrawlSpec | None:
    text = r.get(CrawlKeys(crawl_id).spec)
    return CrawlSpec.from_json(text) if text else None


def still_wanted(r, crawl_id: str) -> bool:
    """Open and its submitter still waiting (an abandoned crawl is not worked on: nobody holds its lock)."""
    k = CrawlKeys(crawl_id)
    return r.hget(k.state, "status") == "open" and bool(r.exists(k.alive))


def lease(r, crawl_id: str, worker_id: str, n: int, lease_s: float) -> list[str]:
    k = CrawlKeys(crawl_id)
    return list(r.eval(_LEASE, 5, k.pending, k.leases, k.owner, k.attempts, k.given_up,
                       worker_id, n, lease_s, config.SCALE_MAX_ATTEMPTS))


def renew(r, crawl_id: str, worker_id: str, urls: list[str], lease_s: float) -> list[str]:
    if not urls:
        return []
    k = CrawlKeys(crawl_id)
    return list(r.eval(_RENEW, 2, k.leases, k.owner, worker_id, lease_s, *urls))


def finish(r, crawl_id: str, worker_id: str, urls: list[str], outcome: str, reason: str = "") -> int:
    """done: crawled. retry: back to pending (its crawl process failed) unless it failed too often. A
    lease this worker lost (expired and taken over) is left to its new owner."""
    if not urls:
        return 0
    k = CrawlKeys(crawl_id)
    if outcome == "retry":
        attempts = {u: int(a or 0) for u, a in zip(urls, r.hmget(k.attempts, urls))}
        again = [u for u in urls if attempts[u] < config.SCALE_MAX_ATTEMPTS]
        given = [u for u in urls if u not in again]
        n = _finish(r, k, worker_id, again, "retry", reason)
        return n + _finish(r, k, worker_id, given, "give_up", f"{reason} ({config.SCALE_MAX_ATTEMPTS} attempts)")
    return _finish(r, k, worker_id, urls, outcome, reason)


def _finish(r, k: CrawlKeys, worker_id: str, urls: list[str], outcome: str, reason: str) -> int:
    if not urls:
        return 0
    return int(r.eval(_FINISH, 5, k.leases, k.owner, k.done, k.pending, k.given_up,
                      worker_id, outcome, reason, *urls))


def portals_in_hand(r, crawl_id: str, worker_id: str) -> list[str]:
    """The portals a worker's crawl processes hold (their lease ids are `<worker id>/<lane>`)."""
    mine = f"{worker_id}/"
    return sorted(u for u, owner in r.hgetall(CrawlKeys(crawl_id).owner).items() if owner.startswith(mine))


def mark_lost(r, crawl_id: str) -> None:
    """A worker's crawl process lost the database (exit 3): the whole crawl ends that way."""
    r.hset(CrawlKeys(crawl_id).state, "lost", 1)


def progress(r, crawl_id: str) -> dict:
    k = CrawlKeys(crawl_id)
    with r.pipeline() as p:
        p.scard(k.done).llen(k.pending).zcard(k.leases).hgetall(k.given_up).hgetall(k.state).get(k.spec)
        done, pending, leased, given_up, state, spec = p.execute()
    total = len(json.loads(spec)["portal_urls"]) if spec else 0
    return {"crawl": crawl_id, "total": total, "done": done, "pending": pending, "leased": leased,
            "given_up": given_up, "lost": state.get("lost") == "1", "status": state.get("status", "")}


def is_finished(prog: dict) -> bool:
    return prog["lost"] or (prog["pending"] == 0 and prog["leased"] == 0)


def close(r, crawl_id: str, status: str) -> None:
    """The submitter is done waiting: no more leases; the keys expire after a day for `status` to show."""
    k = CrawlKeys(crawl_id)
    r.hset(k.state, "status", status)
    r.srem(CRAWLS, crawl_id)
    for key in k.all():
        r.expire(key, 86400)


def open_crawls(r) -> list[str]:
    return sorted(r.smembers(CRAWLS))
