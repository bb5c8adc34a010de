"""The documents queue, caller's side: the same run() as the in-process Pool, served by
pre-started document workers (`govcrawl worker --documents`, docworker.py) on any machine.

A job is a Redis hash (meta, bytes, limits) plus its id on one list; the answer comes back on a
list of its own. The limits travel with the job and the document worker applies them exactly as
the local pool does (it runs the job in its own Pool). A job no worker answers in time is
unreadable with that reason, never a guess. Pickle over Redis: the Redis of a crawl is the
crawl's own (as trusted as its database), never a shared or public one.
"""
from __future__ import annotations

import pickle
import time
import uuid

from redis.exceptions import RedisError

from govcrawl import config
from govcrawl.documents.limits import UnreadableDocument
from govcrawl.scale import keys

ENV = "GOVCRAWL_DOCUMENTS_QUEUE"        # a Redis URL: documents of this process go to the queue
BLPOP_SLICE_S = 2


def encode_job(meta: dict, data: bytes, memory_mb: int, cpu_s: int, timeout_s: float) -> dict:
    return {"meta": pickle.dumps(meta, protocol=pickle.HIGHEST_PROTOCOL), "data": data,
            "limits": pickle.dumps((memory_mb, cpu_s, timeout_s))}


def decode_answer(raw: bytes | None, waited_s: float):
    if raw is None:
        raise UnreadableDocument(f"time limit: no document worker answered within {waited_s:g} s")
    answer = pickle.loads(raw)
    if "error" in answer:
        raise UnreadableDocument(answer["error"])
    return answer["ok"]


class QueuePool:
    def __init__(self, redis_url: str):
        import redis
        self.r = redis.Redis.from_url(redis_url)      # bytes in, bytes out

    def run(self, meta: dict, data: bytes, *, memory_mb: int, cpu_s: int, timeout_s: float):
        job_id = uuid.uuid4().hex
        wait_s = config.SCALE_DOCUMENT_QUEUE_WAIT_S + timeout_s
        job = keys.document_job(job_id)
        try:
            with self.r.pipeline() as p:
                p.hset(job, mapping=encode_job(meta, data, memory_mb, cpu_s, timeout_s))
                p.expire(job, int(config.SCALE_DOCUMENT_QUEUE_WAIT_S))   # not taken by then: nobody reads it late
                p.lpush(keys.DOCUMENT_JOBS, job_id)
                p.execute()
        except RedisError as exc:
            raise UnreadableDocument(f"documents queue unreachable: {type(exc).__name__}: {exc}"[:300]) from None
        got, deadline = None, time.monotonic() + wait_s
        try:
            while got is None and time.monotonic() < deadline:
                # short waits: the client's socket timeout (redis-py: 5 s) must not cut a long wait
                got = self.r.blpop([keys.document_answer(job_id)], timeout=BLPOP_SLICE_S)
            self.r.delete(job)
        except RedisError as exc:
            raise UnreadableDocument(f"documents queue lost: {type(exc).__name__}: {exc}"[:300]) from None
        return decode_answer(got[1] if got else None, wait_s)
