"""`govcrawl reparse`: rebuild figures and checks from the stored raw documents; no request is sent.

A report is read exactly as the crawl reads it: all its sources (the page and its attachments, the
latest stored bytes of each) through pipelines.extract.read_candidate (pool workers, limits, best
source), then pipelines.validate.validate. A reading that differs from the stored one becomes a new
version (the old one stays, current=False); the same reading writes nothing.
"""
from __future__ import annotations

import logging

from sqlalchemy import select

from govcrawl.commands import open_database
from govcrawl.db.models import Document, Portal, Report, ReportSource
from govcrawl.db.store import Fetched, load_blob, replace_extraction
from govcrawl.items import ReportCandidate
from pipelines.extract import read_candidate
from pipelines.validate import validate

log = logging.getLogger(__name__)


def run(args) -> int:
    _url, engine, Session = open_database(args.db, must_exist=True)
    counts = {"changed": 0, "unchanged": 0, "failed": 0}
    with Session() as s:
        q = select(Report.id)
        if args.report:
            q = q.where(Report.id.in_(args.report))
        if args.year:
            q = q.where(Report.year == args.year)
        ids = list(s.scalars(q.order_by(Report.id)))
    for rid in ids:
        with Session.begin() as s:
            outcome = reparse_one(s, s.get(Report, rid))
        counts[outcome] += 1
    log.info("reparsed %d reports: %d changed (new version), %d unchanged, %d could not be read",
             len(ids), counts["changed"], counts["unchanged"], counts["failed"])
    engine.dispose()
    return 0


def sources_of(session, report: Report) -> list[tuple[Document, str]]:
    """(document, role) of the report, page first: the latest stored fetch of each URL, in link order."""
    rows = session.execute(select(ReportSource.role, Document)
                           .join(Document, ReportSource.document_id == Document.id)
                           .where(ReportSource.report_id == report.id).order_by(ReportSource.id)).all()
    latest: dict[str, tuple[Document, str]] = {}
    for role, doc in rows:
        if doc.url not in latest or doc.id > latest[doc.url][0].id:
            latest[doc.url] = (doc, role if doc.url not in latest else latest[doc.url][1])
    ordered = list(latest.values())
    return sorted(ordered, key=lambda dr: dr[1] != "page")     # stable: link order within each role


def reparse_one(session, report: Report) -> str:
    """'changed', 'unchanged' or 'failed' (nothing readable, or no longer a report: nothing written)."""
    docs = sources_of(session, report)
    if not docs:
        log.warning("report %s: no stored source", report.id)
        return "failed"
    try:
        fetched = [Fetched(url=d.url, final_url=d.final_url, status=d.status, content_type=d.content_type,
                           body=load_blob(session, d.sha256), encoding=d.encoding, etag=d.etag,
                           last_modified=d.last_modified, role=role) for d, role in docs]
    except KeyError as exc:
        log.warning("report %s: %s", report.id, exc)
        return "failed"
    portal = session.get(Portal, report.portal_id) if report.portal_id else None
    item = ReportCandidate(portal_url=portal.url if portal else "",
                           region_hint=(portal.code if portal else "") or report.region_code or "",
                           url=report.url, page=fetched[0], attachments=fetched[1:],
                           anchor_text=report.title or "")   # the listing's link text is not stored
    read_candidate(item)
    ex = item.extraction
    if ex is None or not ex.is_report:
        log.warning("report %s: %s; stored reading kept", report.id,
                    item.error or f"no longer read as a report ({ex.not_report_reason})")
        return "failed"
    ex.warnings.extend(validate(item))
    if not ex.facts.published:
        ex.facts.published = report.published         # came from the listing, which is not stored
    sources = [(d, role, i - 1 == item.best_source) for i, (d, role) in enumerate(docs)]
    return replace_extraction(session, report, ex, sources)
