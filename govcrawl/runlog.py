"""Crawl-run bookkeeping in the database. (The terminal display is govcrawl/progress.py.)"""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from sqlalchemy import select

from govcrawl.crawlstate import PortalCrawl
from govcrawl.db import store
from govcrawl.db.models import CrawlRun, CrawlRunPortal, PageState, Portal, Report
from govcrawl.progress import Progress  # noqa: F401  (the spider's runlog.Progress)

log = logging.getLogger(__name__)


def start_run(Session, command: str) -> int:
    with Session.begin() as s:
        run = CrawlRun(command=command, status="running")
        s.add(run)
        s.flush()
        return run.id


def prepare_portal(Session, entry, budget: int, full: bool) -> PortalCrawl:
    """Register the portal and load what earlier crawls learned about it."""
    with Session.begin() as s:
        portal = store.upsert_portal(s, entry)
        state = PortalCrawl(entry=entry, portal_id=portal.id, hosts=PortalCrawl.hosts_for(entry), budget=budget)
        state.old_entry_points = list(portal.entry_points or [])
        state.incremental = bool(state.old_entry_points) and not full
        state.known_reports = set(s.scalars(select(Report.url).where(Report.portal_id == portal.id)))
        for url, etag, lm in s.execute(select(PageState.url, PageState.etag, PageState.last_modified)
                                       .where(PageState.portal_id == portal.id)):
            if etag or lm:
                state.validators[url] = (etag, lm)
    return state


def finish_run(Session, run_id: int, states: list[PortalCrawl], stats: dict, status: str = "finished") -> None:
    with Session.begin() as s:
        run = s.get(CrawlRun, run_id)
        run.finished_at = datetime.now(timezone.utc)
        run.status = status
        run.stats = {k: v for k, v in stats.items() if isinstance(v, (int, float, str))}
        for st in states:
            c = st.counters
            portal = s.get(Portal, st.portal_id)
            result = st.status or ("errors" if c.errors and not (c.reports_new + c.reports_changed + c.reports_unchanged)
                                   else "ok")
            s.add(CrawlRunPortal(run_id=run_id, portal_id=st.portal_id, status=result, requests=c.requests,
                                 bytes=c.bytes, reports_new=c.reports_new, reports_changed=c.reports_changed,
                                 reports_unchanged=c.reports_unchanged, errors=c.errors,
                                 browser_pages=c.browser_pages, errors_by_kind=dict(c.errors_by_kind)))
            portal.last_crawled_at, portal.last_status = run.finished_at, result
            if st.entry_points:
                # A full crawl replaces what was learned; an incremental one only adds.
                keep = [] if not st.incremental else list(portal.entry_points or [])
                portal.entry_points = sorted(set(keep) | st.entry_points)
            if st.status == "blocked":
                portal.blocked = portal.blocked or "anti-bot challenge"
