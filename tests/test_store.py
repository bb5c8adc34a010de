"""Idempotent, versioned writes, on SQLite and PostgreSQL."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from govcrawl.db import open_db
from govcrawl.db.models import FigureRow, Report
from govcrawl.db.store import Fetched, record_document, save_report
from govcrawl.extract.model import CheckResult, Extraction, Facts, Figure


def reading(new_total: str) -> Extraction:
    figs = {"requests.new.total": Figure("requests.new.total", Decimal(new_total), new_total, "3"),
            "review.total": Figure("review.total", Decimal("0"), "", "4")}
    return Extraction(facts=Facts(title="莱西市2023年政府信息公开工作年度报告", agency="莱西市人民政府", year=2023,
                                  format="2021", region_code="370285", level="county"),
                      figures=figs, unreadable=["review.upheld"], is_report=True,
                      checks=[CheckResult("group_total.review", True, "0=0")])


def save(Session, body: bytes, ex: Extraction) -> str:
    with Session.begin() as s:
        doc = record_document(s, None, Fetched(url="http://x.gov.cn/a.html", final_url="", status=200,
                                               content_type="text/html", body=body))
        return save_report(s, portal_id=None, url="http://x.gov.cn/a.html", extraction=ex, sources=[(doc, "page", True)])


def test_versions(db_url):
    engine, Session = open_db(db_url)
    assert save(Session, b"<html>v1</html>", reading("76")) == "new"
    assert save(Session, b"<html>v1</html>", reading("76")) == "unchanged"
    # The visit counter changed, the figures did not: no new version.
    assert save(Session, b"<html>v1 visits 1234</html>", reading("76")) == "unchanged"
    assert save(Session, b"<html>v2</html>", reading("78")) == "changed"
    with Session() as s:
        (report,) = s.scalars(select(Report)).all()
        assert report.version == 2
        rows = s.execute(select(FigureRow.version, FigureRow.current, FigureRow.value, FigureRow.status)
                         .where(FigureRow.key.in_(["requests.new.total", "review.upheld"]))
                         .order_by(FigureRow.version, FigureRow.key)).all()
    assert [(v, c, None if val is None else int(val), st) for v, c, val, st in rows] == [
        (1, False, 76, "ok"), (1, False, None, "unreadable"), (2, True, 78, "ok"), (2, True, None, "unreadable")]
    engine.dispose()
