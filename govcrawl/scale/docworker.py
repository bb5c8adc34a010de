"""`govcrawl worker --documents`: serve the documents queue with a pre-started local Pool.

One thread per pool worker takes jobs (BRPOP) and runs each through Pool.run with the limits that
came with it, so a document read here is read exactly as the crawl's own pool would read it.
"""
from __future__ import annotations

import logging
import pickle
import threading

from govcrawl import config
from govcrawl.documents.limits import UnreadableDocument
from govcrawl.documents.pool import Pool
from govcrawl.scale import keys, registry

log = logging.getLogger(__name__)
ANSWER_TTL_S = 120      # an answer nobody collects (its caller died) disappears


def answer_job(pool: Pool, job: dict) -> bytes:
    """One job -> the pickled answer, {"ok": result} or {"error": reason}."""
    memory_mb, cpu_s, timeout_s = pickle.loads(job[b"limits"])
    try:
        result = pool.run(pickle.loads(job[b"meta"]), job[b"data"], memory_mb=memory_mb, cpu_s=cpu_s,
                          timeout_s=timeout_s)
        out = {"ok": result}
    except UnreadableDocument as exc:
        out = {"error": exc.reason}
    return pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)


def _serve_one(r, pool: Pool, stop: threading.Event, served: list) -> None:
    while not stop.is_set():
        got = r.brpop([keys.DOCUMENT_JOBS], timeout=1)
        if not got:
            continue
        job_id = got[1].decode()
        job = r.hgetall(keys.document_job(job_id))
        r.delete(keys.document_job(job_id))
        if not job:
            continue            # its caller gave up waiting: the job expired
        raw = answer_job(pool, job)
        with r.pipeline() as p:
            p.rpush(keys.document_answer(job_id), raw).expire(keys.document_answer(job_id), ANSWER_TTL_S).execute()
        served.append(job_id)


def serve(redis_url: str, stop: threading.Event, size: int = config.EXTRACT_WORKERS) -> int:
    """Until `stop` is set; returns the number of jobs answered."""
    import redis
    r = redis.Redis.from_url(redis_url)
    text = redis.Redis.from_url(redis_url, decode_responses=True)
    worker_id = registry.new_worker_id()
    pool, served = Pool(size), []
    threads = [threading.Thread(target=_serve_one, args=(r, pool, stop, served), daemon=True) for _ in range(size)]
    for t in threads:
        t.start()
    log.info("documents worker %s: %d pool workers on %s", worker_id, size, keys.DOCUMENT_JOBS)
    try:
        while True:
            registry.beat(text, worker_id, "documents", portals=[f"{len(served)} jobs answered"])
            if stop.wait(config.SCALE_HEARTBEAT_S):
                break
    finally:
        registry.leave(text, worker_id)
        for t in threads:
            t.join(2)
        pool.close()
    return len(served)
