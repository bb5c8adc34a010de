"""One spec per export column: its name, Parquet type, where its value comes from, what it means.

The spec drives the export's select (queries.py), its Parquet schema, its row tuples and the data
dictionary (dictionary.py), so a new column is one line here. A column reads a database column
(`source`) or is derived from the row's other values (`derive`, given the row by column name).
Dates are written YYYY-MM-DD; stored Numerics as plain numbers (12, not 12.000000).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Callable, Iterator

import pyarrow as pa
from sqlalchemy import Select
from sqlalchemy.orm import Session

from govcrawl.db.models import CheckRow, Document, FigureRow, Report
from govcrawl.export.timeliness import deadline, timeliness

BATCH = 5000


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    meaning: str
    source: object = None                          # a SQLAlchemy column
    derive: Callable[[dict], object] | None = None  # from the row's values by name
    convert: Callable[[object], object] | None = None   # the source's value as written (default: _plain)

    @property
    def field(self) -> tuple[str, pa.DataType]:
        return (self.name, self.type)


def number(value) -> float | int | None:
    """A stored Numeric as the plain number a reader expects: 12, not Decimal('12.000000')."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return int(value) if float(value).is_integer() else float(value)


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return number(value)
    return value


def _deadline(r: dict) -> str | None:
    due = deadline(r["year"], r["level"])
    return due.isoformat() if due else None


def _timeliness(r: dict) -> str | None:
    return timeliness(r["published"], r["year"], r["level"])


def _on_time(r: dict) -> bool | None:
    t = _timeliness(r)
    return None if t is None else t == "on_time"


S, I, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
REPORTS = (
    Column("report_id", I, "reports.id", Report.id),
    Column("url", S, "reports.url", Report.url),
    Column("region_code", S, "reports.region_code", Report.region_code),
    Column("agency", S, "reports.agency", Report.agency),
    Column("level", S, "reports.level", Report.level),
    Column("year", I, "reports.year (year reported on)", Report.year),
    Column("format", S, "2021, 2019 or legacy", Report.format),
    Column("published", S, "reports.published as YYYY-MM-DD, or empty", Report.published),
    Column("title", S, "reports.title", Report.title),
    Column("checks_failed", I, "failed checks of the current version", Report.checks_failed),
    Column("unreadable", I, "figures that could not be read", Report.unreadable),
    Column("version", I, "reports.version", Report.version),
    Column("deadline", S, "publication deadline, YYYY-MM-DD (see Deadlines)", derive=_deadline),
    Column("timeliness", S, "on_time, late, or empty when the publication date is unknown", derive=_timeliness),
)
METRICS = (
    Column("report_id", I, "figures.report_id", FigureRow.report_id),
    Column("key", S, "figures.key", FigureRow.key),
    Column("value", F, "figures.value (a blank cell is 0; empty when unreadable)", FigureRow.value, convert=number),
    Column("raw", S, "figures.raw, the cell text as printed", FigureRow.raw),
    Column("status", S, "figures.status", FigureRow.status),
    Column("table", S, "figures.table_no", FigureRow.table_no),
    Column("row_label", S, "figures.row_label", FigureRow.row_label),
    Column("col_label", S, "figures.col_label", FigureRow.col_label),
    Column("source", S, "figures.source", FigureRow.source),
    Column("document_id", I, "figures.document_id", FigureRow.document_id),
    Column("document_url", S, "documents.url of figures.document_id", Document.url),
)
CHECKS = (
    Column("report_id", I, "checks.report_id", CheckRow.report_id),
    Column("check", S, "checks.check", CheckRow.check),
    Column("passed", B, "checks.passed", CheckRow.passed),
    Column("detail", S, "checks.detail", CheckRow.detail),
)
# The panel's report columns; its figure columns are the canonical keys (panel.py).
PANEL_REPORT = (
    REPORTS[0], REPORTS[2], REPORTS[3], REPORTS[4], REPORTS[5], REPORTS[7], REPORTS[12], REPORTS[13],
    Column("on_time", B, "true / false / empty, the same as timeliness", derive=_on_time),
    REPORTS[6], REPORTS[9], REPORTS[10], REPORTS[1],
)
EXPORTS = {"reports": REPORTS, "metrics": METRICS, "checks": CHECKS}


def schema(columns) -> pa.Schema:
    return pa.schema([c.field for c in columns])


def sources(columns) -> list:
    """The database columns a select must read, labelled by export name."""
    return [c.source.label(c.name) for c in columns if c.source is not None]


def values(columns, row: dict) -> tuple:
    """One output tuple: each column's value, derived ones from the raw row."""
    return tuple(c.derive(row) if c.derive else (c.convert or _plain)(row[c.name]) for c in columns)


def stream(session: Session, q: Select) -> Iterator:
    """Rows from a server-side cursor: memory does not grow with the export."""
    return session.execute(q.execution_options(yield_per=BATCH, stream_results=True))
