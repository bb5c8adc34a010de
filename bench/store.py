"""CPU of storing reports: govcrawl's bulk figure insert vs one ORM object per figure (the old way),
and on PostgreSQL COPY vs a Core executemany, the server's CPU counted too.

    .venv/bin/python bench/store.py [--reports 200] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Each way writes the same 200-figure reports into a fresh database in one run; the ratio is what counts.
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


def executemany_write(session, report, ex, document_id):
    """The figures as one Core executemany (govcrawl's way before COPY on PostgreSQL)."""
    rows = [{"report_id": report.id, "version": report.version, "current": True, "document_id": document_id,
             "key": f.key, "value": f.value, "status": "ok", "raw": f.raw, "table_no": f.table,
             "row_label": f.row_label, "col_label": f.col_label, "source": f.source} for f in ex.figures.values()]
    conn = session.connection()
    conn.execute(FigureRow.__table__.insert(), rows)
    conn.execute(CheckRow.__table__.insert(), [{"report_id": report.id, "version": report.version, "current": True,
                                                "check": c.check, "passed": c.passed, "detail": c.detail}
                                               for c in ex.checks])


def backend_cpu(pids: set[int]) -> float:
    """CPU seconds of PostgreSQL backends on this machine (utime + stime of /proc/PID/stat)."""
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                f = fh.read().rsplit(")", 1)[1].split()
            total += (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            pass
    return total


def run(db_url: str, n: int, server: bool = False) -> tuple[float, float]:
    """(client CPU, server CPU) of storing n reports."""
    engine, Session = open_db(db_url)
    pids: set[int] = set()
    if server:
        from sqlalchemy import event

        @event.listens_for(engine, "connect")
        def _pid(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("SELECT pg_backend_pid()")
            pids.add(cur.fetchone()[0])
        engine.dispose()
        engine.connect().close()
    s0 = backend_cpu(pids)
    t0 = time.process_time()
    for i in range(n):
        with Session.begin() as s:
            doc = store.record_document(s, None, store.Fetched(url=f"http://x/{i}.html", final_url="", status=200,
                                                               content_type="text/html", body=f"<p>{i}</p>".encode()))
            store.save_report(s, portal_id=None, url=f"http://x/{i}.html", extraction=reading(i),
                              sources=[(doc, "page", True)])
    cpu, server_cpu = time.process_time() - t0, backend_cpu(pids) - s0
    engine.dispose()
    return cpu, server_cpu


def pg_compare(admin_url: str, n: int) -> None:
    import uuid
    from sqlalchemy import create_engine, text
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    out = {}
    for name, write in (("COPY", store._write_figures), ("executemany", executemany_write)):
        db = f"govcrawl_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{db}"'))
        store._write_figures, saved = write, store._write_figures
        try:
            out[name] = run(admin_url.rsplit("/", 1)[0] + "/" + db, n, server=True)
        finally:
            store._write_figures = saved
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
    admin.dispose()
    per = lambda cpu: 1000 * cpu / n
    for name, (cl, sv) in out.items():
        print(f"PostgreSQL {name:<11}: client {per(cl):.1f} + server {per(sv):.1f} ms CPU/report")
    ratio = sum(out["executemany"]) / max(sum(out["COPY"]), 1e-9)
    print(f"PostgreSQL: executemany / COPY = {ratio:.1f}x (client + server)")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--reports", type=int, default=200)
    p.add_argument("--pg", default="", help="admin URL of a PostgreSQL server: also COPY vs executemany there")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bulk = run(f"sqlite:///{tmp}/bulk.db", args.reports)[0]
        store._write_figures, saved = orm_write, store._write_figures
        try:
            orm = run(f"sqlite:///{tmp}/orm.db", args.reports)[0]
        finally:
            store._write_figures = saved
    per = lambda cpu: 1000 * cpu / args.reports
    print(f"{args.reports} reports of {len(keys_for('2021'))} figures: ORM objects {per(orm):.1f} ms CPU/report, "
          f"bulk insert {per(bulk):.1f} ms CPU/report, ratio {orm / bulk:.1f}x")
    if args.pg:
        pg_compare(args.pg, args.reports)


if __name__ == "__main__":
    main()
