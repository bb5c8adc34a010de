"""The rows of each export, as streamed tuples, and the Parquet schema of each.

Columns per interface.md (more may be added, none removed), each one spec in columns.py. Rows come
from a server-side cursor (`yield_per` + `stream_results`), so memory does not grow with the rows.
"""
from __future__ import annotations

from typing import Iterator

import pyarrow as pa
from sqlalchemy import select
from sqlalchemy.orm import Session

from govcrawl.db.models import CheckRow, Document, FigureRow, Report
from govcrawl.export import columns as C
from govcrawl.export.filters import Filters
from govcrawl.export.panel import panel_rows

__all__ = ["Filters", "rows"]


def rows(session: Session, what: str, filters: Filters) -> tuple[pa.Schema, Iterator[tuple]]:
    if what == "panel":
        return panel_rows(session, filters)
    cols = C.EXPORTS[what]       # KeyError: not an export
    if what == "reports":
        q = select(*C.sources(cols)).order_by(Report.id)
    elif what == "metrics":
        q = (select(*C.sources(cols)).join(Report, Report.id == FigureRow.report_id)
             .outerjoin(Document, Document.id == FigureRow.document_id)
             .where(FigureRow.current.is_(True)).order_by(FigureRow.report_id, FigureRow.key))
    else:
        q = (select(*C.sources(cols)).join(Report, Report.id == CheckRow.report_id)
             .where(CheckRow.current.is_(True)).order_by(CheckRow.report_id, CheckRow.check))
    # reports: deadline and timeliness are derived from year, level and the raw published date
    return C.schema(cols), (C.values(cols, r._mapping) for r in C.stream(session, filters.apply(q)))
