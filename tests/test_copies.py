"""A page and its PDF/DOCX copies are one report, whichever the crawl met first (SQLite and PostgreSQL).

A listing may link a report page and, beside it, the page's own PDF: the PDF must end as a source of
the page's report, never as a second report of the same body and year.
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from govcrawl.db import open_db
from govcrawl.db.models import Document, FigureRow, Report, ReportSource
from govcrawl.db.store import Fetched, add_copy, copy_owner, fold_copies, record_document, save_report, upsert_portal
from govcrawl.extract.model import Extraction, Facts, Figure
from govcrawl.registry import PortalEntry

PAGE = "http://www.x.gov.cn/ndbg/2024/t20240120_1.html"
PDF = "http://www.x.gov.cn/ndbg/2024/P020240120.pdf"


def reading(year: int = 2023) -> Extraction:
    return Extraction(facts=Facts(title=f"某县{year}年政府信息公开工作年度报告", agency="某县人民政府", year=year,
                                  format="2021", region_code="370285", level="county"),
                      figures={"requests.new.total": Figure("requests.new.total", Decimal("7"), "7", "3")},
                      is_report=True)


def fetched(url: str, body: bytes, role: str = "page") -> Fetched:
    return Fetched(url=url, final_url=url, status=200, content_type="application/pdf" if url.endswith(".pdf")
                   else "text/html", body=body, role=role)


def store(Session, portal_id, url, sources, year=2023, copies=()):
    with Session.begin() as s:
        docs = [(record_document(s, portal_id, f), f.role, i == 0) for i, f in enumerate(sources)]
        save_report(s, portal_id=portal_id, url=url, extraction=reading(year), sources=docs)
        return fold_copies(s, url, list(copies))


def portal(Session) -> int:
    with Session.begin() as s:
        return upsert_portal(s, PortalEntry(code="370285", name="某县", url="http://www.x.gov.cn/")).id


def counts(Session):
    with Session() as s:
        reports = s.scalars(select(Report.url).order_by(Report.url)).all()
        sources = s.execute(select(Report.url, Document.url).join(ReportSource, ReportSource.report_id == Report.id)
                            .join(Document, Document.id == ReportSource.document_id)).all()
        orphans = s.scalar(select(func.count()).select_from(FigureRow)
                           .where(FigureRow.report_id.not_in(select(Report.id))))
    return reports, sorted(sources), orphans


def test_copy_stored_first_is_folded_into_the_page_report(db_url):
    engine, Session = open_db(db_url)
    pid = portal(Session)
    store(Session, pid, PDF, [fetched(PDF, b"%PDF-1.4 copy")])                  # the listing's direct link first
    folded = store(Session, pid, PAGE, [fetched(PAGE, b"<html>page</html>"), fetched(PDF, b"%PDF-1.4 copy",
                                                                                        "attachment")], copies=[PDF])
    assert folded == [PDF]
    reports, sources, orphans = counts(Session)
    assert reports == [PAGE] and orphans == 0
    assert sources == sorted([(PAGE, PAGE), (PAGE, PDF)])
    engine.dispose()


def test_copy_met_after_the_page_is_a_source_not_a_report(db_url):
    engine, Session = open_db(db_url)
    pid = portal(Session)
    store(Session, pid, PAGE, [fetched(PAGE, b"<html>page</html>"), fetched(PDF, b"%PDF-1.4 copy", "attachment")],
          copies=[PDF])
    with Session.begin() as s:
        owner = copy_owner(s, pid, PDF)
        assert owner is not None and owner.url == PAGE
        assert copy_owner(s, pid, PAGE) is None          # the page itself is nobody's copy
    reports, _, _ = counts(Session)
    assert reports == [PAGE]
    engine.dispose()


def test_copy_not_fetched_with_its_page_is_kept_as_a_source(db_url):
    """The page's attachment request was refused as already seen (the listing asked first): the copy's
    bytes arrive on their own and join the page's report."""
    engine, Session = open_db(db_url)
    pid = portal(Session)
    store(Session, pid, PAGE, [fetched(PAGE, b"<html>page</html>")], copies=[PDF])
    with Session.begin() as s:
        add_copy(s, pid, PAGE, fetched(PDF, b"%PDF-1.4 copy"))
    reports, sources, _ = counts(Session)
    assert reports == [PAGE] and (PAGE, PDF) in sources
    engine.dispose()


def test_a_linked_document_of_another_year_is_not_folded(db_url):
    engine, Session = open_db(db_url)
    pid = portal(Session)
    store(Session, pid, PDF, [fetched(PDF, b"%PDF-1.4 last year")], year=2022)
    assert store(Session, pid, PAGE, [fetched(PAGE, b"<html>page</html>")], copies=[PDF]) == []
    reports, _, _ = counts(Session)
    assert reports == sorted([PAGE, PDF])
    engine.dispose()
