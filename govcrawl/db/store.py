"""Writing to the database. Every write is idempotent: the same crawl twice leaves one copy.

A report is keyed by its URL. When the source bytes it was read from change, the report gets a
new version: old figures and checks stay with current=False, so nothing stored is ever lost.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from govcrawl.extract.model import Extraction
from govcrawl.registry import PortalEntry

from .models import Blob, CheckRow, CrawlError, Document, FigureRow, PageState, Portal, Report, ReportSource


def now() -> datetime:
    return datetime.now(timezone.utc)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upsert_portal(session: Session, entry: PortalEntry) -> Portal:
    portal = session.scalar(select(Portal).where(Portal.url == entry.url))
    if portal is None:
        portal = Portal(code=entry.code, name=entry.name, url=entry.url, level=entry.level, entry_points=[])
        session.add(portal)
    else:
        portal.code, portal.name = entry.code or portal.code, entry.name or portal.name
        portal.level = entry.level or portal.level
    session.flush()
    return portal


def store_blob(session: Session, data: bytes) -> str:
    digest = sha256(data)
    # ask for the key only: session.get would read the stored bytes back just to see they are there
    if session.scalar(select(Blob.sha256).where(Blob.sha256 == digest)) is None:
        session.connection().execute(Blob.__table__.insert(), [{"sha256": digest, "size": len(data), "data": data}])
    return digest


def load_blob(session: Session, digest: str) -> bytes:
    blob = session.get(Blob, digest)
    if blob is None:
        raise KeyError(f"blob {digest} is not in the archive")
    return bytes(blob.data)


@dataclass
class Fetched:
    """A fetched page or document, as the spider hands it to the pipelines."""
    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    encoding: str = ""
    etag: str = ""
    last_modified: str = ""
    role: str = "page"          # page | attachment
    redirect_chain: list = field(default_factory=list)   # [[status or reason, url], ...] hops before final_url

    def __repr__(self) -> str:      # never the body: items carrying it get logged
        return f"<Fetched {self.status} {self.url} {self.content_type or '?'} {len(self.body)} bytes>"


def record_document(session: Session, portal_id: int | None, f: Fetched) -> Document:
    digest = store_blob(session, f.body)
    doc = session.scalar(select(Document).where(Document.url == f.url, Document.sha256 == digest))
    if doc is None:
        doc = Document(portal_id=portal_id, url=f.url, sha256=digest, size=len(f.body))
        session.add(doc)
    doc.final_url, doc.status, doc.content_type = f.final_url, f.status, f.content_type[:200]
    doc.redirect_chain = f.redirect_chain
    doc.encoding, doc.etag, doc.last_modified = f.encoding, f.etag[:300], f.last_modified[:100]
    doc.fetched_at = now()
    session.flush()
    return doc


def save_report(session: Session, *, portal_id: int | None, url: str, extraction: Extraction,
                sources: list[tuple[Document, str, bool]]) -> str:
    """Store one report with its figures and checks. Returns 'new', 'changed' or 'unchanged'."""
    best = next((d for d, _role, is_best in sources if is_best), sources[0][0])
    content_hash = best.sha256
    report = session.scalar(select(Report).where(Report.url == url))
    if report is not None and report.content_sha256 == content_hash:
        _link_sources(session, report, sources)
        return "unchanged"
    if report is not None and _same_reading(session, report, extraction):
        # New bytes, same figures (a visit counter, a re-styled page): no new version.
        report.content_sha256 = content_hash
        _link_sources(session, report, sources)
        return "unchanged"
    outcome = "new"
    if report is None:
        # sources=[]: a new report has none yet, so linking them needs no query for them
        report = Report(url=url, portal_id=portal_id, version=1, first_seen_at=now(), sources=[])
        session.add(report)
        session.flush()
    else:
        outcome = "changed"
        session.execute(update(FigureRow).where(FigureRow.report_id == report.id).values(current=False))
        session.execute(update(CheckRow).where(CheckRow.report_id == report.id).values(current=False))
        report.version += 1
    _fill_report(report, extraction, content_hash)
    _link_sources(session, report, sources)
    _write_figures(session, report, extraction, best.id)
    session.flush()
    return outcome


def _same_reading(session: Session, report: Report, ex: Extraction) -> bool:
    """Do the current figures and checks of `report` equal what `ex` read?"""
    rows = session.execute(select(FigureRow.key, FigureRow.value, FigureRow.raw, FigureRow.status)
                           .where(FigureRow.report_id == report.id, FigureRow.current.is_(True))).all()
    stored = {k: (None if v is None else Decimal(v).normalize(), raw, st) for k, v, raw, st in rows}
    new = {k: (Decimal(f.value).normalize(), f.raw, "ok") for k, f in ex.figures.items()}
    ambiguous = set(ex.ambiguous)
    for k in ex.unreadable:
        new.setdefault(k, (None, "", "ambiguous" if k in ambiguous else "unreadable"))
    if stored != new:
        return False
    checks = dict(session.execute(select(CheckRow.check, CheckRow.passed)
                                  .where(CheckRow.report_id == report.id, CheckRow.current.is_(True))).all())
    f = ex.facts
    return (checks == {c.check: c.passed for c in ex.checks} and report.year == f.year
            and report.agency == f.agency and report.format == f.format)


def replace_extraction(session: Session, report: Report, extraction: Extraction,
                       sources: list[tuple[Document, str, bool]]) -> str:
    """Re-extraction from stored bytes (reparse). Like a re-crawl: the same reading writes nothing
    ('unchanged'); a different one becomes a new version ('changed') and the old figures and checks
    stay with current=False, so a reparse never loses what was stored."""
    if _same_reading(session, report, extraction):
        return "unchanged"
    best = next((d for d, _role, is_best in sources if is_best), sources[0][0])
    session.execute(update(FigureRow).where(FigureRow.report_id == report.id).values(current=False))
    session.execute(update(CheckRow).where(CheckRow.report_id == report.id).values(current=False))
    report.version += 1
    _fill_report(report, extraction, best.sha256)
    _link_sources(session, report, sources)
    _write_figures(session, report, extraction, best.id)
    session.flush()
    return "changed"


def _fill_report(report: Report, ex: Extraction, content_hash: str) -> None:
    f = ex.facts
    report.title, report.agency, report.region_code = f.title, f.agency, f.region_code
    report.level, report.year, report.format, report.published = f.level, f.year, f.format, f.published
    report.full_text, report.sections, report.warnings = ex.text, dict(ex.sections), list(ex.warnings)
    report.checks_failed, report.unreadable = ex.checks_failed, len(ex.unreadable)
    report.content_sha256, report.updated_at = content_hash, now()


def _link_sources(session: Session, report: Report, sources) -> None:
    existing = {s.document_id: s for s in report.sources}
    for doc, role, is_best in sources:
        if doc.id in existing:
            existing[doc.id].best = is_best
        else:
            session.add(ReportSource(report_id=report.id, document_id=doc.id, role=role, best=is_best))
    session.flush()


_FIGURE_COLUMNS = ("report_id", "version", "current", "document_id", "key", "value", "status", "raw", "table_no",
                   "row_label", "col_label", "source")
_CHECK_COLUMNS = ("report_id", "version", "current", "check", "passed", "detail")


def _write_figures(session: Session, report: Report, ex: Extraction, document_id: int) -> None:
    """A report's ~200 figures and its checks in two bulk writes on the session's connection: COPY on
    PostgreSQL (psycopg), a Core executemany elsewhere. An ORM object per cell, and even the ORM's
    bulk insert, cost more CPU than reading the page; on PostgreSQL COPY halves both the client's and
    the server's CPU of an executemany (bench/store.py --db postgresql://…)."""
    ambiguous = set(ex.ambiguous)
    base = (report.id, report.version, True, document_id)
    rows = [base + (fig.key, fig.value, "ok", fig.raw, fig.table, fig.row_label, fig.col_label, fig.source)
            for fig in ex.figures.values()]
    rows += [base + (key, None, "ambiguous" if key in ambiguous else "unreadable", "", "", "", "", "")
             for key in dict.fromkeys(ex.unreadable) if key not in ex.figures]
    checks = [(report.id, report.version, True, c.check, c.passed, c.detail) for c in ex.checks]
    conn = session.connection()
    _bulk_insert(conn, FigureRow.__table__, _FIGURE_COLUMNS, rows)
    _bulk_insert(conn, CheckRow.__table__, _CHECK_COLUMNS, checks)


def _bulk_insert(conn, table, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    driver = conn.connection.driver_connection if conn.dialect.name == "postgresql" else None
    if driver is not None and type(driver).__module__.split(".")[0] == "psycopg":     # psycopg 3, not psycopg2
        names = ", ".join(f'"{c}"' for c in columns)
        with driver.cursor() as cursor, cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as cp:
            for row in rows:
                cp.write_row(row)
        return
    conn.execute(table.insert(), [dict(zip(columns, row)) for row in rows])


def record_error(session: Session, *, run_id: int | None, portal_id: int | None, url: str,
                 kind: str, detail: str = "") -> None:
    # Core, not an ORM object: a crawl writes one of these for most pages it fetches
    session.connection().execute(CrawlError.__table__.insert(), [
        {"run_id": run_id, "portal_id": portal_id, "url": url[:2000], "kind": kind[:40], "detail": detail}])


def remember_page(session: Session, *, portal_id: int | None, url: str, kind: str, status: int,
                  etag: str = "", last_modified: str = "", digest: str = "") -> None:
    """The page's validators and digest for the next crawl's conditional GET (Core: once a page)."""
    t, conn = PageState.__table__, session.connection()
    values = {"last_status": status, "last_fetched_at": now()}
    if kind:
        values["kind"] = kind
    if status != 304:
        values.update(etag=etag[:300], last_modified=last_modified[:100], sha256=digest)
    found = conn.execute(select(t.c.id).where(t.c.url == url)).scalar()
    if found is None:
        conn.execute(t.insert(), [{"url": url, "portal_id": portal_id, "kind": "", **values}])
    else:
        conn.execute(t.update().where(t.c.id == found).values(**values))


def set_portal_family(session: Session, portal_id: int, family: str) -> None:
    """The CMS family that claimed most of the portal's pages in its last crawl."""
    portal = session.get(Portal, portal_id)
    if portal is not None and family:
        portal.family = family[:40]


# -- a page and its copies are one report ------------------------------------------------------------
def copy_owner(session: Session, portal_id: int | None, url: str) -> Report | None:
    """The stored report (of this portal) that has `url` among its sources as an attachment: the report
    a listing's direct link to that document is a copy of."""
    return session.scalar(select(Report).join(ReportSource, ReportSource.report_id == Report.id)
                          .join(Document, Document.id == ReportSource.document_id)
                          .where(Report.portal_id == portal_id, ReportSource.role == "attachment",
                                 Report.url != url, (Document.url == url) | (Document.final_url == url))
                          .limit(1))


def add_copy(session: Session, portal_id: int | None, report_url: str, copy: Fetched) -> None:
    """Keep a copy's bytes as a source (attachment) of the report it copies."""
    owner = session.scalar(select(Report).where(Report.url == report_url))
    if owner is not None:
        _link_sources(session, owner, [(record_document(session, portal_id, copy), "attachment", False)])


def fold_copies(session: Session, report_url: str, copies: list[str]) -> list[str]:
    """Reports stored from a page's own copies (a listing linked the PDF directly, before or after the
    page): their documents become sources of the page's report and the duplicate report goes. Only a
    copy of the same year is folded. Returns the URLs folded."""
    owner = session.scalar(select(Report).where(Report.url == report_url))
    folded = []
    for url in copies:
        dup = session.scalar(select(Report).where(Report.url == url))
        if owner is None or dup is None or dup.id == owner.id or dup.portal_id != owner.portal_id \
                or (dup.year is not None and owner.year is not None and dup.year != owner.year):
            continue
        _link_sources(session, owner, [(src.document, "attachment", False) for src in dup.sources])
        # its figures and checks were read from the copy, which the owner's reading already weighed
        session.execute(delete(FigureRow).where(FigureRow.report_id == dup.id))
        session.execute(delete(CheckRow).where(CheckRow.report_id == dup.id))
        session.delete(dup)
        folded.append(url)
    session.flush()
    return folded
