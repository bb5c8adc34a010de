"""Politeness across workers: a downloader middleware that holds a per-host token in Redis while a
request is on the wire, so a host never has more than CONCURRENT_REQUESTS_PER_DOMAIN requests open
nor two starts closer than DOWNLOAD_DELAY, however many workers (processes, machines) crawl it.

Scrapy's own per-slot limits still apply inside each worker; this guard adds the shared limit on
top. Tokens carry an expiry (DOWNLOAD_TIMEOUT + SCALE_TOKEN_GRACE_S), so a worker killed mid-request
frees its tokens by itself. Enabled only in a worker's crawl processes (the setting GOVCRAWL_REDIS, from
the environment variable GOVCRAWL_WORKER_REDIS that `govcrawl worker` sets): a one-process crawl never
depends on Redis, even where GOVCRAWL_REDIS is in the environment for `govcrawl status`.
"""
from __future__ import annotations

import asyncio
import uuid
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

from govcrawl import config
from govcrawl.scale import keys

# KEYS: tokens next  ARGV: token, limit, delay_ms, ttl_ms -> 0 (acquired) or ms to wait before asking again
_ACQUIRE = """
local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -1 end
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < nxt then return nxt - now end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
redis.call('SET', KEYS[2], now + tonumber(ARGV[3]), 'PX', tonumber(ARGV[3]) + tonumber(ARGV[4]))
return 0
"""
META = "govcrawl_host_token"


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def wait_seconds(answer: int) -> float:
    """Redis's answer -> how long to sleep: full house polls, a delay sleeps until the host's next start."""
    return config.SCALE_POLITENESS_POLL_S if answer < 0 else max(answer / 1000.0, 0.0)


class HostTokens:
    """acquire/release of one host's tokens (sync redis client; one round trip each)."""

    def __init__(self, redis_client, limit: int, delay_s: float, ttl_s: float):
        if limit < 1:
            raise ValueError("a host needs at least one concurrent request")
        self.r, self.limit, self.delay_ms, self.ttl_ms = redis_client, limit, int(delay_s * 1000), int(ttl_s * 1000)
        self._acquire = self.r.register_script(_ACQUIRE)

    def try_acquire(self, host: str, token: str) -> int:
        return int(self._acquire(keys=[keys.host_tokens(host), keys.host_next(host)],
                                 args=[token, self.limit, self.delay_ms, self.ttl_ms]))

    async def acquire(self, host: str) -> str:
        token = uuid.uuid4().hex
        while True:
            answer = self.try_acquire(host, token)
            if answer == 0:
                return token
            await asyncio.sleep(wait_seconds(answer))

    def release(self, host: str, token: str) -> None:
        self.r.zrem(keys.host_tokens(host), token)


class SharedPolitenessMiddleware:
    def __init__(self, tokens: HostTokens):
        self.tokens = tokens

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        url = s.get("GOVCRAWL_REDIS")
        if not url:
            raise NotConfigured()      # one process: Scrapy's own slots are the whole story (and no log line)
        import redis
        limit = s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") or s.getint("CONCURRENT_REQUESTS")
        ttl = s.getfloat("DOWNLOAD_TIMEOUT") + config.SCALE_TOKEN_GRACE_S
        return cls(HostTokens(redis.Redis.from_url(url, decode_responses=True), limit,
                              s.getfloat("DOWNLOAD_DELAY"), ttl))

    async def process_request(self, request, spider=None):
        host = host_of(request.url)
        if host and META not in request.meta:
            request.meta[META] = (host, await self.tokens.acquire(host))
        return None

    def _release(self, request) -> None:
        held = request.meta.pop(META, None)
        if held:
            self.tokens.release(*held)

    def process_response(self, request, response, spider=None):
        self._release(request)
        return response

    def process_exception(self, request, exception, spider=None):
        self._release(request)
        return None
