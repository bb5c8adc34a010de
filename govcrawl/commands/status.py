"""`govcrawl status`: what was crawled, found, failed, and who is late or missing (govcrawl/status.py)."""
from __future__ import annotations

import json
import os
import sys
from datetime import date

from govcrawl.commands import open_database


def run(args) -> int:
    from govcrawl.status import status
    year = args.year or date.today().year - 1      # the newest year whose reports are due
    url, engine, Session = open_database(args.db, must_exist=True)
    try:
        with Session() as s:
            data = status(s, year, db_url=url)
    finally:
        engine.dispose()
    redis_url = getattr(args, "redis", None) or os.environ.get("GOVCRAWL_REDIS")
    if redis_url:                   # scale-out: the workers and the queue (govcrawl/scale)
        from govcrawl.commands.worker import redis_client
        from govcrawl.scale.overview import overview
        data["scale"] = overview(redis_client(redis_url))
    if args.format == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(as_text(data))
        if "scale" in data:
            from govcrawl.scale.overview import as_text as scale_text
            sys.stdout.write("\n" + scale_text(data["scale"]))
    return 0


def as_text(data: dict) -> str:
    out = ["PORTALS"]
    for p in data["portals"]:
        years = " ".join(f"{y}:{n}" for y, n in p["reports_per_year"].items()) or "no reports"
        last = p["last_run"]
        if last:
            crawl = (f"last crawl {last['started_at']} run {last['run_id']} {last['status']}: {last['requests']} req, "
                     f"{last['reports_new']} new, {last['reports_changed']} changed, {last['errors']} errors")
        else:
            crawl = "never crawled"
        out.append(f"  {p['code']} {p['name']} {p['url']}\n    {crawl}\n    reports per year: {years}")
    out.append("")
    out.append("RUNS (newest first)")
    for r in data["runs"]:
        out.append(f"  #{r['run_id']} {r['started_at']} {r['status']:<9} {r['duration_s'] or 0:>7.1f} s  "
                   f"portals {r['portals']}  req {r['requests']}  new {r['reports_new']}  changed "
                   f"{r['reports_changed']}  unchanged {r['reports_unchanged']}  errors {r['errors']}  "
                   f"{r['command']}" + (f"  (pid {r['pid']} on {r['host']}, last heartbeat {r['heartbeat_at']})"
                                          if r["status"] in ("running", "interrupted") and r.get("pid") else ""))
    out.append("")
    out.append("SCHEDULED")
    for job in data["scheduled"]:
        out.append(f"  {job['job']} next run {job['next_run'] or 'paused'} UTC")
    if not data["scheduled"]:
        out.append("  no scheduler jobs in this database (govcrawl schedule not started here)")
    reg = data["registry"]
    if reg["counts"]:
        out.append("")
        out.append("REGISTRY (govcrawl portals): " + ", ".join(f"{n} {k}" for k, n in sorted(reg["counts"].items())))
        for row in reg["attention"]:
            moved = f" (moved from {row['moved_from']})" if row["moved_from"] else ""
            out.append(f"  {row['status'].upper():<9} {row['code']} {row['name']} {row['url'] or '-'}{moved}  "
                       f"checked {row['verified_at'] or 'never'}: {row['why']}")
    c = data["compliance"]
    s = c["summary"]
    out.append("")
    out.append(f"COMPLIANCE for reports on {c['year']}: {s['on_time']} on time, {s['late']} late, "
               f"{s['unknown']} date unknown, {s['missing_agencies']} agencies missing, "
               f"{s['portals_without_report']} portals without any report")
    for row in c["published"]:
        mark = {"on_time": "ON TIME", "late": "LATE", "unknown": "UNKNOWN"}[row["timeliness"]]
        late = f" ({row['days_late']} days)" if row["days_late"] else ""
        out.append(f"  {mark:<8}{late} {row['agency']} [{row['kind']}] published {row['published'] or '?'} "
                   f"deadline {row['deadline']}  v{row['version']}  {row['url']}")
    for row in c["missing_agencies"]:
        out.append(f"  MISSING  {row['agency']} (reported on {', '.join(map(str, row['reported_on']))}) "
                   f"on {row['portal']}")
    for row in c["portals_without_report"]:
        out.append(f"  NO REPORT FOUND  {row['code']} {row['name']} {row['url']} "
                   f"(last crawl: {row['last_status'] or 'never'})")
    return "\n".join(out) + "\n"
