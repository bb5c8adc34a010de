"""Every Redis key govcrawl uses, under one prefix, a crawl's keys under its own id."""
from __future__ import annotations

PREFIX = "govcrawl"

CRAWLS = f"{PREFIX}:crawls"                 # set of submitted crawl ids still open
WORKERS = f"{PREFIX}:workers"               # set of worker ids that registered (entries expire on their own)
DOCUMENT_JOBS = f"{PREFIX}:documents:jobs"  # list of document jobs (docqueue.py)


def worker(worker_id: str) -> str:
    return f"{PREFIX}:worker:{worker_id}"   # hash: host, pid, role, heartbeat, portals, crawl (expires)


def document_job(job_id: str) -> str:
    return f"{PREFIX}:documents:job:{job_id}"       # the job's bytes and meta until a worker takes them


def document_answer(job_id: str) -> str:
    return f"{PREFIX}:documents:answer:{job_id}"    # list the caller BLPOPs for the one answer


def host_tokens(host: str) -> str:
    return f"{PREFIX}:host:{host}:tokens"   # zset: request token -> expiry (politeness.py)


def host_next(host: str) -> str:
    return f"{PREFIX}:host:{host}:next"     # the earliest time the next request may start, in ms


class CrawlKeys:
    """The keys of one submitted crawl."""

    def __init__(self, crawl_id: str):
        base = f"{PREFIX}:crawl:{crawl_id}"
        self.id = crawl_id
        self.spec = f"{base}:spec"          # string: JSON crawl spec (portals rows, budget, allow_private, ...)
        self.pending = f"{base}:pending"    # list of portal urls not yet leased
        self.leases = f"{base}:leases"      # zset: portal url -> lease expiry (s since epoch)
        self.owner = f"{base}:owner"        # hash: portal url -> worker id holding the lease
        self.attempts = f"{base}:attempts"  # hash: portal url -> how many times it was leased
        self.done = f"{base}:done"          # set of portal urls crawled
        self.given_up = f"{base}:given_up"  # hash: portal url -> why it was given up
        self.state = f"{base}:state"        # hash: status (open|cancelled), lost (database lost), counters
        self.alive = f"{base}:alive"        # string with a TTL: the submitter is still waiting

    def all(self) -> list[str]:
        return [self.spec, self.pending, self.leases, self.owner, self.attempts, self.done, self.given_up,
                self.state, self.alive]
