"""What `govcrawl status` shows: per portal, the run history, and who published on time, late or not at all.

Plain dicts (JSON-ready) built from the database; the command only formats them.
A report's lateness is judged by the date it says it was published (formats.md deadlines). When a
report prints no date, the day govcrawl first saw it proves "on time" if it is before the deadline,
and proves nothing otherwise.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timezone

from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from govcrawl.db.models import CrawlRun, CrawlRunPortal, Portal, RegistryEntry, Report
from govcrawl.export.timeliness import deadline
from govcrawl.runtime import liveness, outcomes

GOVERNMENT_LEVELS = ("province", "city", "county")
MISSING_WINDOW = 3          # years


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.isoformat(sep=" ", timespec="seconds") if isinstance(value, datetime) else value.isoformat()


def portals(session: Session) -> list[dict]:
    """Per portal: the last crawl and its result, and how many reports it has per year."""
    per_year: dict[int, dict[str, int]] = defaultdict(dict)
    for portal_id, year, n in session.execute(
            select(Report.portal_id, Report.year, func.count()).group_by(Report.portal_id, Report.year)):
        per_year[portal_id][str(year) if year is not None else "unknown"] = n
    out = []
    for p in session.scalars(select(Portal).order_by(Portal.code, Portal.url)):
        last = session.execute(
            select(CrawlRunPortal, CrawlRun).join(CrawlRun, CrawlRun.id == CrawlRunPortal.run_id)
            .where(CrawlRunPortal.portal_id == p.id).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
            .limit(1)).first()
        row = {"code": p.code, "name": p.name, "url": p.url, "level": p.level,
               "last_crawled_at": _iso(p.last_crawled_at), "last_status": p.last_status or None,
               "entry_points": len(p.entry_points or []), "blocked": p.blocked or None,
               "reports_per_year": dict(sorted(per_year.get(p.id, {}).items())), "last_run": None}
        if last is not None:
            rp, run = last
            row["last_run"] = {"run_id": run.id, "started_at": _iso(run.started_at), "status": rp.status,
                               "requests": rp.requests, "reports_new": rp.reports_new,
                               "reports_changed": rp.reports_changed, "reports_unchanged": rp.reports_unchanged,
                               "errors": rp.errors, "errors_by_kind": rp.errors_by_kind or {}}
        out.append(row)
    return out


def runs(session: Session, limit: int = 20, db_url: str | None = None) -> list[dict]:
    """The newest crawl runs with their totals over portals."""
    sums = [func.coalesce(func.sum(getattr(CrawlRunPortal, c)), 0).label(c)
            for c in ("requests", "bytes", "reports_new", "reports_changed", "reports_unchanged", "errors",
                      "browser_pages")]
    rows = session.execute(
        select(CrawlRun, func.count(CrawlRunPortal.id).label("portals"), *sums)
        .outerjoin(CrawlRunPortal, CrawlRunPortal.run_id == CrawlRun.id)
        .group_by(CrawlRun.id).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit))
    left = outcomes.pending(db_url) if db_url else {}
    out = []
    for run, n_portals, *totals in rows:
        duration = (run.finished_at - run.started_at).total_seconds() if run.finished_at and run.started_at else None
        out.append({"run_id": run.id, "started_at": _iso(run.started_at), "finished_at": _iso(run.finished_at),
                    "duration_s": round(duration, 1) if duration is not None else None,
                    "status": run_status(run, left), "command": run.command, "portals": n_portals,
                    "pid": run.pid, "host": run.host or None, "heartbeat_at": _iso(run.heartbeat_at),
                    **{c.name: int(v) for c, v in zip(sums, totals)}})
    return out


def run_status(run: CrawlRun, left: dict[int, dict]) -> str:
    """The stored status, except for a `running` run whose process is gone: the outcome it left
    (failed: it lost the database) or `interrupted`. The next crawl writes the same into the database."""
    if run.status == "running" and run.id in left:
        return left[run.id].get("status", "failed")
    return "interrupted" if liveness.process_gone(run) else run.status


def judge(published: date | None, first_seen: date | None, year: int, level: str) -> tuple[str, str]:
    """(timeliness, basis): 'on_time' | 'late' | 'unknown', judged on 'published' or 'first_seen'."""
    due = deadline(year, level)
    if published is not None:
        return ("on_time" if published <= due else "late"), "published"
    if first_seen is not None and first_seen <= due:
        return "on_time", "first_seen"
    return "unknown", "none"


def compliance(session: Session, year: int) -> dict:
    """Reports on `year`: who published (on time or late, by agency) and who has not been found.

    Missing: portals with no report on the year at all, and, on the other portals, agencies that
    reported on a nearby year (within MISSING_WINDOW) but not on this one: bodies get renamed and
    merged, so a name last seen ten years ago says little.
    """
    by_agency: dict[tuple[int | None, str], list[Report]] = defaultdict(list)
    for r in session.scalars(select(Report).where(Report.year == year)):
        by_agency[(r.portal_id, r.agency or r.title)].append(r)
    names = {p.id: p for p in session.scalars(select(Portal))}
    published = []
    for (portal_id, agency), reports in sorted(by_agency.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        # Several reports of one agency for one year (a page and a re-post): the earliest counts.
        first = min(reports, key=lambda r: (r.published or date.max, r.id))
        seen = min((r.first_seen_at for r in reports if r.first_seen_at), default=None)
        level = first.level or ""
        state, basis = judge(first.published, seen.date() if seen else None, year, level)
        due = deadline(year, level)
        published.append({
            "agency": agency, "level": level or None, "region_code": first.region_code,
            "portal": names[portal_id].url if portal_id in names else None,
            "kind": "government" if level in GOVERNMENT_LEVELS else (level or "unknown"),
            "published": _iso(first.published), "deadline": _iso(due), "timeliness": state, "basis": basis,
            "days_late": (first.published - due).days if state == "late" and basis == "published" else 0,
            "url": first.url, "version": first.version, "checks_failed": first.checks_failed,
        })
    have = {key for key in by_agency}
    portals_with = {pid for pid, _ in have}
    other_years: dict[tuple[int | None, str], set[int]] = defaultdict(set)
    for portal_id, agency, title, y in session.execute(
            select(Report.portal_id, Report.agency, Report.title, Report.year)
            .where(Report.year != year, Report.year.is_not(None))):
        other_years[(portal_id, agency or title)].add(y)
    missing_agencies = [{"agency": agency, "portal": names[pid].url if pid in names else None,
                         "reported_on": sorted(years)}
                        for (pid, agency), years in sorted(other_years.items(), key=lambda kv: (str(kv[0][0]), kv[0][1]))
                        if (pid, agency) not in have and pid in portals_with   # else: the portal list says it
                        and any(abs(y - year) <= MISSING_WINDOW for y in years)]
    missing_portals = [{"code": p.code, "name": p.name, "url": p.url, "last_status": p.last_status or None}
                       for p in sorted(names.values(), key=lambda p: (p.code, p.url)) if p.id not in portals_with]
    counts = defaultdict(int)
    for row in published:
        counts[row["timeliness"]] += 1
    return {"year": year, "published": published, "missing_agencies": missing_agencies,
            "portals_without_report": missing_portals,
            "summary": {"on_time": counts["on_time"], "late": counts["late"], "unknown": counts["unknown"],
                        "missing_agencies": len(missing_agencies), "portals_without_report": len(missing_portals)}}


def scheduled(session: Session) -> list[dict]:
    """The scheduler's jobs (`govcrawl schedule` keeps them in this database) and when they fire next."""
    if not inspect(session.get_bind()).has_table("apscheduler_jobs"):
        return []
    rows = session.execute(text("SELECT id, next_run_time FROM apscheduler_jobs ORDER BY next_run_time"))
    return [{"job": jid, "next_run": _iso(datetime.fromtimestamp(t, timezone.utc)) if t is not None else None}
            for jid, t in rows]


def registry(session: Session) -> dict:
    """The registry's portals by status, and the ones to look at: dead, blocked, moved (followed or not)."""
    counts: dict[str, int] = defaultdict(int)
    attention = []
    for e in session.scalars(select(RegistryEntry).order_by(RegistryEntry.code, RegistryEntry.level, RegistryEntry.name)):
        counts[e.status] += 1
        moved_from = (e.evidence or {}).get("moved_from", "")
        if e.status in ("down", "blocked", "moved", "refused") or moved_from:
            attention.append({"code": e.code, "name": e.name, "level": e.level, "status": e.status, "url": e.url,
                              "moved_from": moved_from, "why": (e.evidence or {}).get("why", ""),
                              "verified_at": _iso(e.verified_at)})
    return {"counts": dict(counts), "attention": attention}


def status(session: Session, year: int, run_limit: int = 20, db_url: str | None = None) -> dict:
    return {"portals": portals(session), "runs": runs(session, run_limit, db_url), "scheduled": scheduled(session),
            "compliance": compliance(session, year), "registry": registry(session)}
