"""The rows of each export, as streamed tuples. Columns per interface.md (more may be added)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from govcrawl.db.models import CheckRow, FigureRow, Report

REPORT_COLUMNS = ["report_id", "url", "region_code", "agency", "level", "year", "format", "published", "title",
                  "checks_failed", "unreadable", "version"]
METRIC_COLUMNS = ["report_id", "key", "value", "raw", "status", "table", "row_label", "col_label", "source",
                  "document_id"]
CHECK_COLUMNS = ["report_id", "check", "passed", "detail"]
BATCH = 5000


@dataclass
class Filters:
    years: list[int] | None = None
    region_prefix: str | None = None
    report_format: str | None = None
    level: str | None = None
    checks: str | None = None          # passed | failed

    def apply(self, q: Select) -> Select:
        if self.years:
            q = q.where(Report.year.in_(self.years))
        if self.region_prefix:
            q = q.where(Report.region_code.startswith(self.region_prefix))
        if self.report_format:
            q = q.where(Report.format == self.report_format)
        if self.level:
            q = q.where(Report.level == self.level)
        if self.checks == "passed":
            q = q.where(Report.checks_failed == 0)
        elif self.checks == "failed":
            q = q.where(Report.checks_failed > 0)
        return q


def rows(session: Session, what: str, filters: Filters) -> tuple[list[str], Iterator[tuple]]:
    if what == "reports":
        q = filters.apply(select(Report.id, Report.url, Report.region_code, Report.agency, Report.level, Report.year,
                                 Report.format, Report.published, Report.title, Report.checks_failed,
                                 Report.unreadable, Report.version)).order_by(Report.id)
        return REPORT_COLUMNS, _stream(session, q, _report_row)
    if what == "metrics":
        q = filters.apply(select(FigureRow.report_id, FigureRow.key, FigureRow.value, FigureRow.raw, FigureRow.status,
                                 FigureRow.table_no, FigureRow.row_label, FigureRow.col_label, FigureRow.source,
                                 FigureRow.document_id)
                          .join(Report, Report.id == FigureRow.report_id)
                          .where(FigureRow.current.is_(True))).order_by(FigureRow.report_id, FigureRow.key)
        return METRIC_COLUMNS, _stream(session, q, _metric_row)
    if what == "checks":
        q = filters.apply(select(CheckRow.report_id, CheckRow.check, CheckRow.passed, CheckRow.detail)
                          .join(Report, Report.id == CheckRow.report_id)
                          .where(CheckRow.current.is_(True))).order_by(CheckRow.report_id, CheckRow.check)
        return CHECK_COLUMNS, _stream(session, q, tuple)
    if what == "panel":
        from govcrawl.export.panel import panel_rows
        return panel_rows(session, filters)
    raise ValueError(what)


def _stream(session: Session, q: Select, shape) -> Iterator[tuple]:
    result = session.execute(q.execution_options(yield_per=BATCH, stream_results=True))
    for row in result:
        yield shape(row)


def _report_row(r) -> tuple:
    r = tuple(r)
    return r[:7] + (r[7].isoformat() if r[7] else None,) + r[8:]


def _metric_row(r) -> tuple:
    r = tuple(r)
    value = r[2]
    if value is not None:
        value = int(value) if value == value.to_integral_value() else float(value)
    return (r[0], r[1], value) + r[3:]
