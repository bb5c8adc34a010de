"""The research panel: one row per report, one column per canonical key.

Generations share a column when metrics.csv gives them the same key: the State Council kept the
meaning of every row it kept (requests.*, review.*, litigation_*.*, active.<x>.decisions). Where the
2021 format changed a row, the columns stay apart (KEPT_APART says why), with one mapping: 2021
splits (六)其他处理 into three sub-rows whose sum is exactly the 2019 single row, so the panel
fills `requests.other.<col>` from them (DERIVED) when all three were read; never the reverse.
Unreadable or ambiguous cells are empty (null), never 0.
"""
from __future__ import annotations

from itertools import groupby
from typing import Iterator

import pyarrow as pa
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from govcrawl.db.models import FigureRow, Report
from govcrawl.export import columns as C
from govcrawl.export.filters import Filters
from govcrawl.extract.metrics import METRICS

COLUMNS_ = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")

# Panel column <- the keys whose sum it is, used only when the column itself was not printed.
DERIVED: dict[str, tuple[str, ...]] = {
    f"requests.other.{c}": tuple(f"requests.other.{sub}.{c}" for sub in ("no_correction", "no_fee_paid", "other"))
    for c in COLUMNS_
}

# Pairs that look alike across generations but do not count the same thing: separate columns.
KEPT_APART: list[tuple[str, str, str]] = [
    ("active.rules.issued", "active.rules.new_made",
     "2021 counts rules issued (制发) in the year; 2019 counts rules newly made (新制作), a different act and base."),
    ("active.rules.in_force", "active.rules.total_published",
     "2021: rules in force (现行有效); 2019: all rules ever published (对外公开总数量), including repealed ones."),
    ("active.normative_docs.issued", "active.normative_docs.new_made",
     "as for rules: 制发 (2021) is not 新制作 (2019)."),
    ("active.normative_docs.in_force", "active.normative_docs.total_published",
     "现行有效 (2021) is not 对外公开总数量 (2019)."),
    ("active.fees.amount", "active.fees.items_prev_year",
     "2021 reports the amount collected (万元); 2019 the number of fee items (项)."),
    ("review.total", "legacy.review.total",
     "the 2008-regulation table (legacy) has no 尚未审结 column and other categories; kept apart, side by side."),
    ("requests.new.total", "legacy.requests.received",
     "legacy 收到申请数 follows the 2008 regulation's definitions; not mapped onto table 三."),
]

REPORT_FIELDS = [c.field for c in C.PANEL_REPORT]


def panel_keys() -> list[str]:
    """Every canonical key once, in metrics.csv order: the panel's figure columns."""
    seen: dict[str, None] = {}
    for m in METRICS:
        seen.setdefault(m.key, None)
    return list(seen)


def panel_schema() -> pa.Schema:
    return pa.schema(REPORT_FIELDS + [(k, pa.float64()) for k in panel_keys()])


def panel_rows(session: Session, filters: Filters) -> tuple[pa.Schema, Iterator[tuple]]:
    q = filters.apply(
        select(*C.sources(C.PANEL_REPORT), FigureRow.key.label("figure_key"), FigureRow.value.label("figure_value"),
               FigureRow.status.label("figure_status"))
        .outerjoin(FigureRow, and_(FigureRow.report_id == Report.id, FigureRow.current.is_(True)))
    ).order_by(Report.id)
    return panel_schema(), _rows(C.stream(session, q), panel_keys())


def _rows(result, keys: list[str]) -> Iterator[tuple]:
    for _rid, group in groupby(result, key=lambda r: r.report_id):
        group = [r._mapping for r in group]      # one report's figures: a few hundred rows at most
        values: dict[str, float | int | None] = {}
        printed: set[str] = set()
        for r in group:
            if r["figure_key"] is None:
                continue
            printed.add(r["figure_key"])
            values[r["figure_key"]] = C.number(r["figure_value"]) if r["figure_status"] == "ok" else None
        for target, parts in DERIVED.items():
            if target not in printed and all(values.get(p) is not None for p in parts):
                values[target] = sum(values[p] for p in parts)
        yield C.values(C.PANEL_REPORT, group[0]) + tuple(values.get(k) for k in keys)
