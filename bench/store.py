"""CPU of storing reports: govcrawl's bulk figure insert vs one ORM object per figure (the old way).

    .venv/bin/python bench/store.py [--reports 200] [--db sqlite:///…|postgresql://…]

Both write the same 200-figure reports into fresh databases in one run; the ratio is what counts.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from govcrawl.db import open_db  # noqa: E402
from govcrawl.db import store  # noqa: E402
from govcrawl.db.models import CheckRow, FigureRow  # noqa: E402
from govcrawl.extract.metrics import keys_for  # noqa: E402
from govcrawl.extract.model import CheckResult, Extraction, Facts, Figure  # noqa: E402


def reading(i: int) -> Extraction:
    figs = {k: Figure(k, Decimal(n % 17), str(n % 17), "3") for n, k in enumerate(keys_for("2021"))}
    return Extraction(facts=Facts(title=f"某县{i}年报", agency="某县人民政府", year=2023, format="2021"),
                      figures=figs, is_report=True, checks=[CheckResult(f"c{j}", True, "") for j in range(20)])


def orm_write(session, report, ex, document_id):
    """The old _write_figures: one ORM object per figure and check."""
    for fig in ex.figures.values():
        session.add(FigureRow(report_id=report.id, version=report.version, current=True, key=fig.key, value=fig.value,
                              status="ok", raw=fig.raw, table_no=fig.table, row_label=fig.row_label,
                              col_label=fig.col_label, source=fig.source, document_id=document_id))
    for c in ex.checks:
        session.add(CheckRow(report_id=report.id, version=report.version, current=True, check=c.check,
                             passed=c.passed, detail=c.detail))


def run(db_url: str, n: int) -> float:
    engine, Session = open_db(db_url)
    t0 = time.process_time()
    for i in range(n):
        with Session.begin() as s:
            doc = store.record_document(s, None, store.Fetched(url=f"http://x/{i}.html", final_url="", status=200,
                                                               content_type="text/html", body=f"<p>{i}</p>".encode()))
            store.save_report(s, portal_id=None, url=f"http://x/{i}.html", extraction=reading(i),
                              sources=[(doc, "page", True)])
    cpu = time.process_time() - t0
    engine.dispose()
    return cpu


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--reports", type=int, default=200)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bulk = run(f"sqlite:///{tmp}/bulk.db", args.reports)
        store._write_figures, saved = orm_write, store._write_figures
        try:
            orm = run(f"sqlite:///{tmp}/orm.db", args.reports)
        finally:
            store._write_figures = saved
    per = lambda cpu: 1000 * cpu / args.reports
    print(f"{args.reports} reports of {len(keys_for('2021'))} figures: ORM objects {per(orm):.1f} ms CPU/report, "
          f"bulk insert {per(bulk):.1f} ms CPU/report, ratio {orm / bulk:.1f}x")


if __name__ == "__main__":
    main()
