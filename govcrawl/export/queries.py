"""The rows of each export, as streamed tuples, and the Parquet schema of each.

Columns per interface.md (more may be added, none removed). Rows come from a server-side cursor
(`yield_per` + `stream_results`), so memory does not grow with the number of rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

import pyarrow as pa
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from govcrawl.db.models import CheckRow, Document, FigureRow, Report
from govcrawl.export.timeliness import deadline, timeliness

BATCH = 5000

REPORT_SCHEMA = pa.schema([
    ("report_id", pa.int64()), ("url", pa.string()), ("region_code", pa.string()), ("agency", pa.string()),
    ("level", pa.string()), ("year", pa.int64()), ("format", pa.string()), ("published", pa.string()),
    ("title", pa.string()), ("checks_failed", pa.int64()), ("unreadable", pa.int64()), ("version", pa.int64()),
    ("deadline", pa.string()), ("timeliness", pa.string()),
])
# document_url, table, row_label, col_label: the provenance of the figure (docs/data-dictionary.md).
METRIC_SCHEMA = pa.schema([
    ("report_id", pa.int64()), ("key", pa.string()), ("value", pa.float64()), ("raw", pa.string()),
    ("status", pa.string()), ("table", pa.string()), ("row_label", pa.string()), ("col_label", pa.string()),
    ("source", pa.string()), ("document_id", pa.int64()), ("document_url", pa.string()),
])
CHECK_SCHEMA = pa.schema([
    ("report_id", pa.int64()), ("check", pa.string()), ("passed", pa.bool_()), ("detail", pa.string()),
])


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
            q = q.where(Report.region_code.startswith(self.region_prefix, autoescape=True))
        if self.report_format:
            q = q.where(Report.format == self.report_format)
        if self.level:
            q = q.where(Report.level == self.level)
        if self.checks == "passed":
            q = q.where(Report.checks_failed == 0)
        elif self.checks == "failed":
            q = q.where(Report.checks_failed > 0)
        return q


def number(value) -> float | int | None:
    """A stored Numeric as the plain number a reader expects: 12, not Decimal('12.000000')."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return int(value) if float(value).is_integer() else float(value)


def rows(session: Session, what: str, filters: Filters) -> tuple[pa.Schema, Iterator[tuple]]:
    if what == "reports":
        q = filters.apply(select(Report.id, Report.url, Report.region_code, Report.agency, Report.level, Report.year,
                                 Report.format, Report.published, Report.title, Report.checks_failed,
                                 Report.unreadable, Report.version)).order_by(Report.id)
        return REPORT_SCHEMA, (_report_row(r) for r in stream(session, q))
    if what == "metrics":
        q = filters.apply(select(FigureRow.report_id, FigureRow.key, FigureRow.value, FigureRow.raw, FigureRow.status,
                                 FigureRow.table_no, FigureRow.row_label, FigureRow.col_label, FigureRow.source,
                                 FigureRow.document_id, Document.url)
                          .join(Report, Report.id == FigureRow.report_id)
                          .outerjoin(Document, Document.id == FigureRow.document_id)
                          .where(FigureRow.current.is_(True))).order_by(FigureRow.report_id, FigureRow.key)
        return METRIC_SCHEMA, (r[:2] + (number(r[2]),) + tuple(r[3:]) for r in stream(session, q))
    if what == "checks":
        q = filters.apply(select(CheckRow.report_id, CheckRow.check, CheckRow.passed, CheckRow.detail)
                          .join(Report, Report.id == CheckRow.report_id)
                          .where(CheckRow.current.is_(True))).order_by(CheckRow.report_id, CheckRow.check)
        return CHECK_SCHEMA, (tuple(r) for r in stream(session, q))
    if what == "panel":
        from govcrawl.export.panel import panel_rows
        return panel_rows(session, filters)
    raise ValueError(what)


def stream(session: Session, q: Select):
    return session.execute(q.execution_options(yield_per=BATCH, stream_results=True))


def _report_row(r) -> tuple:
    r = tuple(r)
    rid, url, region, agency, level, year, fmt, published = r[:8]
    due = deadline(year, level)
    return (rid, url, region, agency, level, year, fmt, published.isoformat() if published else None) + r[8:] + \
        (due.isoformat() if due else None, timeliness(published, year, level))
