"""`govcrawl worker` (take part in submitted crawls, or serve the documents queue) and the
submitting side of `govcrawl crawl --redis` (govcrawl/scale)."""
from __future__ import annotations

import signal
import sys
import threading

from govcrawl import config
from govcrawl.cli import CannotRun
from govcrawl.commands import open_database
from govcrawl.registry import load_portals


def redis_client(url: str):
    import redis
    try:
        r = redis.Redis.from_url(url, decode_responses=True, socket_connect_timeout=5)
        r.ping()
    except (redis.RedisError, ValueError) as exc:
        raise CannotRun(f"Redis at {url} does not answer: {exc}") from exc
    return r


def submit_and_wait(args, db_url: str) -> int:
    import redis
    from govcrawl.runtime.process import EXIT_DATABASE_LOST
    from govcrawl.scale import crawls, submit
    r = redis_client(args.redis)
    spec = submit.make_spec(load_portals(args.portals), db_url, args)
    try:
        crawls.submit(r, spec)
    except redis.RedisError as exc:
        raise CannotRun(f"could not submit to Redis at {args.redis}: {exc}") from exc
    try:
        return submit.wait(r, spec, quiet=args.quiet)
    except redis.RedisError as exc:
        # Submitted and partly crawled: what was stored stays, the rest is crawled again by the next crawl.
        print(f"govcrawl crawl: lost Redis at {args.redis} mid-crawl ({exc}); crawl {spec.crawl_id} "
              "abandoned, its workers stop", file=sys.stderr, flush=True)
        return EXIT_DATABASE_LOST


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def run(args) -> int:
    redis_client(args.redis)
    stop = _stop_on_signals()
    if args.documents:
        from govcrawl.scale import docworker
        docworker.serve(args.redis, stop, size=args.processes or config.EXTRACT_WORKERS)
        return 0
    from govcrawl.scale.worker import Worker
    db_url, engine, _ = open_database(args.db)
    engine.dispose()
    return Worker(args.redis, db_url, batch=args.batch or config.SCALE_PORTALS_PER_BATCH,
                  lanes=args.lanes or config.SCALE_LANES_PER_WORKER).run(stop)
