"""Who takes part: each worker keeps a Redis hash (host, pid, role, heartbeat, portals in hand) that
expires when its heartbeats stop, so a kill -9'd worker drops out of `govcrawl status` on its own."""
from __future__ import annotations

import os
import socket
import time
import uuid

from govcrawl import config
from govcrawl.scale import keys


def new_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def beat(r, worker_id: str, role: str, crawl_id: str = "", portals: list[str] = ()) -> None:
    key = keys.worker(worker_id)
    with r.pipeline() as p:
        p.hset(key, mapping={"host": socket.gethostname(), "pid": os.getpid(), "role": role,
                             "heartbeat": f"{time.time():.3f}", "crawl": crawl_id, "portals": "\n".join(portals)})
        p.expire(key, int(3 * config.SCALE_HEARTBEAT_S) + 1)
        p.sadd(keys.WORKERS, worker_id)
        p.execute()


def leave(r, worker_id: str) -> None:
    r.delete(keys.worker(worker_id))
    r.srem(keys.WORKERS, worker_id)


def workers(r) -> list[dict]:
    """Live workers, oldest id first; ids whose hash expired are forgotten here."""
    out = []
    for wid in sorted(r.smembers(keys.WORKERS)):
        h = r.hgetall(keys.worker(wid))
        if not h:
            r.srem(keys.WORKERS, wid)
            continue
        out.append({"id": wid, "host": h.get("host", ""), "pid": int(h.get("pid") or 0), "role": h.get("role", ""),
                    "heartbeat": float(h.get("heartbeat") or 0), "crawl": h.get("crawl", ""),
                    "portals": [p for p in h.get("portals", "").split("\n") if p]})
    return out


def has_document_workers(r) -> bool:
    return any(w["role"] == "documents" for w in workers(r))
