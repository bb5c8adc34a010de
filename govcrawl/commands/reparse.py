"""`govcrawl reparse`: rebuild figures and checks from the stored raw documents; no request is sent."""
from __future__ import annotations

import logging

from sqlalchemy import select

from govcrawl.commands import open_database
from govcrawl.db.models import Document, Report, ReportSource
from govcrawl.db.store import load_blob, replace_extraction
from govcrawl.extract import ExtractionError, extract

log = logging.getLogger(__name__)


def run(args) -> int:
    _url, engine, Session = open_database(args.db, must_exist=True)
    done = failed = 0
    with Session() as s:
        q = select(Report.id)
        if args.report:
            q = q.where(Report.id.in_(args.report))
        if args.year:
            q = q.where(Report.year == args.year)
        ids = list(s.scalars(q.order_by(Report.id)))
    for rid in ids:
        with Session.begin() as s:
            report = s.get(Report, rid)
            src = s.execute(select(Document).join(ReportSource, ReportSource.document_id == Document.id)
                            .where(ReportSource.report_id == rid)
                            .order_by(ReportSource.best.desc(), ReportSource.id)).scalars().first()
            if src is None:
                failed += 1
                continue
            try:
                ex = extract(load_blob(s, src.sha256), url=src.url, content_type=src.content_type or None,
                             region_hint=report.region_code or None)
            except (ExtractionError, KeyError) as exc:
                log.warning("report %s: %s", rid, exc)
                failed += 1
                continue
            if not ex.facts.published:
                ex.facts.published = report.published
            replace_extraction(s, report, ex, src.id)
            done += 1
    log.info("reparsed %d reports, %d could not be read", done, failed)
    engine.dispose()
    return 0
