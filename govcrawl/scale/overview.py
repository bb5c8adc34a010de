"""What `govcrawl status --redis` shows of the scale-out: live workers, open crawls, the documents queue."""
from __future__ import annotations

import time

from govcrawl.scale import crawls, keys, registry


def overview(r) -> dict:
    now = time.time()
    workers = [dict(w, heartbeat_age_s=round(now - w["heartbeat"], 1)) for w in registry.workers(r)]
    return {"workers": workers,
            "crawls": [crawls.progress(r, cid) for cid in crawls.open_crawls(r)],
            "documents_queue": r.llen(keys.DOCUMENT_JOBS)}


def as_text(data: dict) -> str:
    out = ["WORKERS"]
    for w in data["workers"]:
        hand = f"{len(w['portals'])} portals in hand" if w["role"] == "crawl" else ", ".join(w["portals"])
        out.append(f"  {w['role']:<9} {w['host']} pid {w['pid']}  heartbeat {w['heartbeat_age_s']:.0f} s ago  "
                   f"{hand}" + (f"  (crawl {w['crawl']})" if w["crawl"] else ""))
        if w["role"] == "crawl":
            out += [f"      {p}" for p in w["portals"]]
    if not data["workers"]:
        out.append("  no live worker")
    out.append("SUBMITTED CRAWLS")
    for c in data["crawls"]:
        out.append(f"  {c['crawl']}: {c['done']}/{c['total']} portals done, {c['leased']} in hand, {c['pending']} "
                   f"waiting, {len(c['given_up'])} given up" + ("  DATABASE LOST" if c["lost"] else ""))
    if not data["crawls"]:
        out.append("  none open")
    out.append(f"DOCUMENTS QUEUE: {data['documents_queue']} job(s) waiting")
    return "\n".join(out) + "\n"
