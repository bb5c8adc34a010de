"""Crawl-run bookkeeping in the database. (The terminal display is govcrawl/progress.py.)"""
from __future__ import annotations

import logging
import os
from datetime import datetime, timezone

from sqlalchemy import or_, select

from govcrawl.crawl.state import PortalCrawl
from govcrawl.db import store
from govcrawl.db.models import CrawlRun, CrawlRunPortal, Document, PageState, Portal, Report
from govcrawl.progress import Progress  # noqa: F401  (the spider's runlog.Progress)
from govcrawl.runtime import liveness, outcomes

log = logging.getLogger(__name__)


def start_run(Session, command: str, db_url: str | None = None) -> int:
    """A new `running` run owned by this process; runs whose process is gone are closed first.

    Called under the crawl lock, so no other crawl of this database is running now.
    """
    now = datetime.now(timezone.utc)
    with Session.begin() as s:
        closed = close_stale_runs(s, db_url, now)
        run = CrawlRun(command=command, status="running", pid=os.getpid(), host=liveness.this_host(),
                       started_at=now, heartbeat_at=now)
        s.add(run)
        s.flush()
        run_id = run.id
    if db_url and closed:
        outcomes.forget(db_url, closed)
    return run_id


def close_stale_runs(s, db_url: str | None, now: datetime) -> list[int]:
    """Mark gone runs: `failed` when their process left that outcome (it lost the database),
    else `interrupted` (killed, crashed, machine off). Returns the run ids taken from the journal."""
    left = outcomes.pending(db_url) if db_url else {}
    taken = []
    for run in s.scalars(select(CrawlRun).where(CrawlRun.status == "running")):
        if run.id in left:
            o = left[run.id]
            run.status, run.stats = o.get("status", "failed"), dict(run.stats or {}, **o.get("stats", {}))
            run.finished_at = datetime.fromisoformat(o["finished_at"]) if o.get("finished_at") else now
            taken.append(run.id)
        elif liveness.process_gone(run, now):
            run.status, run.finished_at = "interrupted", liveness.last_sign_of_life(run) or now
            log.warning("run %s (pid %s on %s) was left running by a process that is gone: marked interrupted",
                        run.id, run.pid, run.host or "?")
    return taken + [rid for rid in left if rid not in taken]    # outcomes of runs no longer running: done


def heartbeat(Session, run_id: int) -> None:
    with Session.begin() as s:
        run = s.get(CrawlRun, run_id)
        if run is not None:
            run.heartbeat_at = datetime.now(timezone.utc)


def prepare_portal(Session, entry, budget: int, full: bool) -> PortalCrawl:
    """Register the portal and load what earlier crawls learned about it."""
    with Session.begin() as s:
        portal = store.upsert_portal(s, entry)
        state = PortalCrawl(entry=entry, portal_id=portal.id, hosts=PortalCrawl.hosts_for(entry), budget=budget)
        state.old_entry_points = list(portal.entry_points or [])
        state.incremental = bool(state.old_entry_points) and not full
        state.known_reports = set(s.scalars(select(Report.url).where(Report.portal_id == portal.id)))
        # a report behind a redirect is known by the URL listings link to, as well as by where it lives
        state.known_reports |= set(s.scalars(
            select(Document.url).where(Document.portal_id == portal.id, Document.final_url != Document.url,
                                       Document.final_url.in_(select(Report.url).where(Report.portal_id == portal.id)))))
        # Validators only of pages seen by a crawl of this portal that completed (last_crawled_at):
        # a listing fetched by a crawl that then lost its database or was killed would answer 304
        # and hide the reports that crawl never stored.
        trusted = PageState.url.in_(select(Report.url).where(Report.portal_id == portal.id))
        if portal.last_crawled_at is not None:
            trusted = or_(trusted, PageState.last_fetched_at <= portal.last_crawled_at)
        for url, etag, lm in s.execute(select(PageState.url, PageState.etag, PageState.last_modified)
                                       .where(PageState.portal_id == portal.id, trusted)):
            if etag or lm:
                state.validators[url] = (etag, lm)
    return state


def finish_run(Session, run_id: int, states: list[PortalCrawl], stats: dict, status: str = "finished") -> None:
    """Close the run with its per-portal counts (of the portals not recorded as they ended). A `failed`
    run (it could not store everything it fetched) teaches the portals nothing: no entry points, no
    last_crawled_at, so the next crawl fetches again what this one lost."""
    with Session.begin() as s:
        run = s.get(CrawlRun, run_id)
        run.finished_at = datetime.now(timezone.utc)
        run.status = status
        run.heartbeat_at = run.finished_at
        run.stats = {k: v for k, v in stats.items() if isinstance(v, (int, float, str))}
        for st in states:
            if not st.recorded:
                _record_portal(s, run_id, st, status, run.finished_at)


def record_portals(Session, run_id: int, states: list[PortalCrawl]) -> bool:
    """The run rows of portals crawled to their end while the run goes on (a worker's fed crawl)."""
    with Session.begin() as s:
        now = datetime.now(timezone.utc)
        for st in states:
            _record_portal(s, run_id, st, "finished", now)
    return True


def _record_portal(s, run_id: int, st: PortalCrawl, status: str, now: datetime) -> None:
    c = st.counters
    portal = s.get(Portal, st.portal_id)
    # st.status is set by the spider when it knows better: down, blocked, budget
    result = st.status or ("errors" if c.errors and not (c.reports_new + c.reports_changed + c.reports_unchanged)
                           else "ok")
    s.add(CrawlRunPortal(run_id=run_id, portal_id=st.portal_id, status=result, requests=c.requests,
                         bytes=c.bytes, reports_new=c.reports_new, reports_changed=c.reports_changed,
                         reports_unchanged=c.reports_unchanged, errors=c.errors,
                         browser_pages=c.browser_pages, errors_by_kind=dict(c.errors_by_kind)))
    if status == "failed":
        return
    portal.last_status = result
    if status == "finished" or st.done:     # a portal cut short (shutdown) was not crawled whole
        portal.last_crawled_at = now
    if st.entry_points:
        # A full crawl replaces what was learned; an incremental one only adds.
        keep = [] if not st.incremental else list(portal.entry_points or [])
        portal.entry_points = sorted(set(keep) | st.entry_points)
    if st.status == "blocked":
        portal.blocked = portal.blocked or "anti-bot challenge"
