"""Exports round-trip: a database with reports, figures and checks chosen here, exported by the
real CLI in CSV, JSON Lines and Parquet, read back with pandas, on SQLite and on PostgreSQL.

The PostgreSQL database is created on 127.0.0.1:5432 for the test and dropped after; when
PostgreSQL is unreachable the test fails (it never skips).
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

from govcrawl.cli import main
from govcrawl.db.models import Blob, CheckRow, Document, FigureRow, Portal, Report
from govcrawl.db.session import open_db

REPO = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"

# The known database. published / timeliness are worked out by hand from formats.md:
# government (county) due 31 Mar of year+1, department 31 Jan, reports on years before 2019 31 Mar.
# fig: key -> (value, raw, status, table, row_label, col_label)
REPORTS = [
    dict(id=1, portal=1, url="http://www.laixi.gov.cn/nb/2020.html", agency="莱西市人民政府", level="county",
         region_code="370285", year=2020, format="2019", published=date(2021, 3, 20), checks_failed=0,
         timeliness="on_time", version=2,
         figures={"requests.new.total": ("12", "12", "ok", "3", "一、本年新收政府信息公开申请数量", "总计"),
                  "requests.new.natural_person": ("10", "10", "ok", "3", "一、本年新收政府信息公开申请数量", "自然人"),
                  "requests.new.commercial": ("2", " 2", "ok", "3", "一、本年新收政府信息公开申请数量", "商业企业"),
                  "requests.other.total": ("3", "3", "ok", "3", "(六)其他处理", "总计"),
                  "active.rules.new_made": ("4", "4", "ok", "2", "规章", "本年新制作数量"),
                  "active.procurement.amount": ("6846.176002", "6846.176002万元", "ok", "2", "政府集中采购", "采购总金额"),
                  "requests.granted.total": (None, "1O", "unreadable", "3", "(一)予以公开", "总计")},
         checks=[("balance.total", True, "")]),
    dict(id=2, portal=1, url="http://www.laixi.gov.cn/nb/2021.html", agency="莱西市人民政府", level="county",
         region_code="370285", year=2021, format="2021", published=date(2022, 4, 12), checks_failed=1,
         timeliness="late", version=1,
         figures={"requests.new.total": ("20", "20", "ok", "3", "一、本年新收政府信息公开申请数量", "总计"),
                  "requests.other.no_correction.total": ("1", "1", "ok", "3", "(六)其他处理 1.申请人无正当理由逾期不补正", "总计"),
                  "requests.other.no_fee_paid.total": ("0", "", "ok", "3", "(六)其他处理 2.申请人逾期未按收费通知", "总计"),
                  "requests.other.other.total": ("2", "2", "ok", "3", "(六)其他处理 3.其他", "总计"),
                  "active.rules.issued": ("5", "5", "ok", "2", "规章", "本年制发件数"),
                  "review.total": ("1", "1", "ok", "4", "行政复议", "总计")},
         checks=[("balance.total", False, "20 + 0 != 19 + 0"), ("row_total.requests.new", True, "")]),
    dict(id=3, portal=1, url="http://www.laixi.gov.cn/bm/czj/2021.html", agency="莱西市财政局", level="department",
         region_code="370285", year=2021, format="2021", published=date(2022, 1, 31), checks_failed=0,
         timeliness="on_time", version=1,
         figures={"requests.new.total": ("0", "", "ok", "3", "一、本年新收政府信息公开申请数量", "总计")},
         checks=[("balance.total", True, "")]),
    dict(id=4, portal=1, url="http://www.laixi.gov.cn/bm/jyj/2021.html", agency="莱西市教育和体育局", level="department",
         region_code="370285", year=2021, format="2021", published=date(2022, 2, 1), checks_failed=0,
         timeliness="late", version=1, figures={}, checks=[]),
    dict(id=5, portal=1, url="http://www.laixi.gov.cn/bm/jyj/2018.html", agency="莱西市教育和体育局", level="department",
         region_code="370285", year=2018, format="legacy", published=date(2019, 3, 31), checks_failed=0,
         timeliness="on_time", version=1,
         figures={"legacy.requests.received": ("7", "7", "ok", "0", "收到申请数", "统计数")}, checks=[]),
    dict(id=6, portal=1, url="http://www.laixi.gov.cn/xzjd/jsz/2022.html", agency="莱西市姜山镇", level="township",
         region_code="370285", year=2022, format="2021", published=None, checks_failed=0,
         timeliness=None, version=1, figures={}, checks=[]),
    dict(id=7, portal=2, url="http://www.shengsi.gov.cn/info/1005/1918.htm", agency="嵊泗县人民政府", level="county",
         region_code="330922", year=2021, format="2021", published=date(2022, 3, 31), checks_failed=0,
         timeliness="on_time", version=1,
         figures={"requests.new.total": ("3", "3", "ok", "3", "一、本年新收政府信息公开申请数量", "总计")},
         checks=[("balance.total", True, "")]),
]
# A superseded version of report 1: never exported.
OLD_FIGURE = dict(report_id=1, version=1, current=False, key="requests.new.total", value=Decimal(99), raw="99")


def seed(url: str) -> None:
    """Write REPORTS through the models into the database at url (schema by open_db/Alembic)."""
    engine, Session = open_db(url)
    with Session.begin() as s:
        s.add_all([Portal(id=1, code="370285", name="莱西市人民政府", url="http://www.laixi.gov.cn/", level="county",
                          entry_points=[]),
                   Portal(id=2, code="330922", name="嵊泗县人民政府", url="http://www.shengsi.gov.cn/", level="county",
                          entry_points=[])])
        s.flush()
        for r in REPORTS:
            s.add(Blob(sha256=f"{r['id']:064d}", size=1, data=b"x"))
            s.flush()
            s.add(Document(id=100 + r["id"], portal_id=r["portal"], url=r["url"], sha256=f"{r['id']:064d}"))
            s.flush()
            s.add(Report(id=r["id"], portal_id=r["portal"], url=r["url"], title=f"{r['agency']}{r['year']}年政府信息公开工作年度报告",
                         agency=r["agency"], region_code=r["region_code"], level=r["level"], year=r["year"],
                         format=r["format"], published=r["published"], checks_failed=r["checks_failed"],
                         unreadable=sum(1 for f in r["figures"].values() if f[2] != "ok"), version=r["version"],
                         sections={}, warnings=[]))
            s.flush()
            for key, (value, raw, status, table, row, col) in r["figures"].items():
                s.add(FigureRow(report_id=r["id"], version=r["version"], current=True, key=key,
                                value=None if value is None else Decimal(value), raw=raw, status=status,
                                table_no=table, row_label=row, col_label=col, source="html",
                                document_id=100 + r["id"]))
            for name, passed, detail in r["checks"]:
                s.add(CheckRow(report_id=r["id"], version=r["version"], current=True, check=name, passed=passed,
                               detail=detail))
        s.add(FigureRow(**OLD_FIGURE))
    engine.dispose()


@pytest.fixture
def pg_url():
    """A throwaway PostgreSQL database; connection errors propagate (fail, never skip)."""
    name = f"govcrawl_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'export.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    seed(url)
    return url


def export(db: str, what: str, fmt: str, path: Path, *extra: str) -> pd.DataFrame:
    assert main(["export", what, "--db", db, "--format", fmt, "-o", str(path), *extra]) == 0
    if fmt == "csv":
        return pd.read_csv(path, dtype={"region_code": str, "raw": str}, keep_default_na=False, na_values=[""])
    if fmt == "jsonl":
        return pd.read_json(path, lines=True, dtype={"region_code": str, "raw": str})
    return pd.read_parquet(path)


FORMATS = ["csv", "jsonl", "parquet"]


def expected_metrics() -> list[tuple]:
    out = []
    for r in REPORTS:
        for key, (value, raw, status, table, row, col) in r["figures"].items():
            out.append((r["id"], key, None if value is None else float(value), raw, status, table, row, col,
                        100 + r["id"], r["url"]))
    return sorted(out, key=lambda t: (t[0], t[1]))


def test_round_trip_all_formats(db_url, tmp_path):
    for fmt in FORMATS:
        reports = export(db_url, "reports", fmt, tmp_path / f"r.{fmt}")
        assert list(reports["report_id"]) == [r["id"] for r in REPORTS]
        for r, got in zip(REPORTS, reports.to_dict("records")):
            assert got["agency"] == r["agency"] and got["level"] == r["level"] and got["year"] == r["year"]
            assert str(got["region_code"]) == r["region_code"] and str(got["format"]) == r["format"]
            assert got["url"] == r["url"] and got["checks_failed"] == r["checks_failed"]
            published = got["published"] if isinstance(got["published"], str) else None
            assert published == (r["published"].isoformat() if r["published"] else None), (fmt, r["id"])
            timely = got["timeliness"] if isinstance(got["timeliness"], str) else None
            assert timely == r["timeliness"], (fmt, r["id"])

        metrics = export(db_url, "metrics", fmt, tmp_path / f"m.{fmt}")
        got = []
        for m in metrics.to_dict("records"):
            value = None if pd.isna(m["value"]) else float(m["value"])
            raw = "" if not isinstance(m["raw"], str) else m["raw"]
            got.append((m["report_id"], m["key"], value, raw, m["status"], str(m["table"]), m["row_label"],
                        m["col_label"], int(m["document_id"]), m["document_url"]))
        # No superseded figure (99), no loss: exactly the current figures, values equal to the cell.
        assert got == expected_metrics(), fmt

        checks = export(db_url, "checks", fmt, tmp_path / f"c.{fmt}")
        want = sorted((r["id"], n, p) for r in REPORTS for n, p, _ in r["checks"])
        assert sorted(zip(checks["report_id"], checks["check"], checks["passed"].astype(bool))) == want, fmt


def test_raw_text_kept_exactly(db_url, tmp_path):
    for fmt in FORMATS:
        m = export(db_url, "metrics", fmt, tmp_path / f"m.{fmt}")
        by_key = {(r, k): raw for r, k, raw in zip(m["report_id"], m["key"], m["raw"])}
        assert by_key[(1, "active.procurement.amount")] == "6846.176002万元"
        assert by_key[(1, "requests.new.commercial")] == " 2"
        blank = by_key[(3, "requests.new.total")]
        assert blank is None or blank == "" or (isinstance(blank, float) and pd.isna(blank))
        values = {(r, k): v for r, k, v in zip(m["report_id"], m["key"], m["value"])}
        assert values[(3, "requests.new.total")] == 0          # a blank cell is 0, not missing
        assert pd.isna(values[(1, "requests.granted.total")])  # unreadable: no number


@pytest.mark.parametrize("args,ids", [
    (["--year", "2021"], [2, 3, 4, 7]),
    (["--year", "2020", "--year", "2018"], [1, 5]),
    (["--region", "3309"], [7]),
    (["--report-format", "legacy"], [5]),
    (["--level", "department"], [3, 4, 5]),
    (["--checks", "failed"], [2]),
    (["--checks", "passed", "--region", "370285", "--year", "2021"], [3, 4]),
])
def test_filters(tmp_path, args, ids):
    db = f"sqlite:///{tmp_path / 'f.db'}"
    seed(db)
    for fmt in FORMATS:
        df = export(db, "reports", fmt, tmp_path / f"r.{fmt}", *args)
        assert list(df["report_id"]) == ids, (args, fmt)
    metrics = export(db, "metrics", "csv", tmp_path / "m.csv", *args)
    assert set(metrics["report_id"]) <= set(ids)


def test_empty_export_keeps_the_schema(tmp_path):
    db = f"sqlite:///{tmp_path / 'f.db'}"
    seed(db)
    df = export(db, "metrics", "parquet", tmp_path / "m.parquet", "--year", "1999")
    assert len(df) == 0 and "value" in df.columns and str(df["value"].dtype) == "float64"


def test_stdout_carries_only_data(tmp_path):
    db = f"sqlite:///{tmp_path / 'f.db'}"
    seed(db)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for fmt in FORMATS:
        proc = subprocess.run([sys.executable, "-c", "import sys; from govcrawl.cli import main; sys.exit(main())",
                               "export", "metrics", "--db", db, "--format", fmt, "-o", "-"],
                              capture_output=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr.decode()
        if fmt == "csv":
            df = pd.read_csv(io.BytesIO(proc.stdout))
        elif fmt == "jsonl":
            df = pd.DataFrame([json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()])
        else:
            df = pd.read_parquet(io.BytesIO(proc.stdout))
        assert len(df) == len(expected_metrics()), fmt


def test_unreachable_database_exits_2(tmp_path):
    assert main(["export", "reports", "--db", "postgresql://postgres@127.0.0.1:9/none", "-o", "-"]) == 2
    assert main(["export", "reports", "--db", f"sqlite:///{tmp_path / 'missing.db'}", "-o", "-"]) == 2
    assert not (tmp_path / "missing.db").exists()


def test_provenance_in_one_query(db_url):
    """The query documented in docs/data-dictionary.md leads from a figure to its document and cell."""
    from govcrawl.export.dictionary import PROVENANCE_SQL
    engine = create_engine(db_url)
    with engine.connect() as c:
        rows = c.execute(text(PROVENANCE_SQL), {"report_id": 1, "key": "active.procurement.amount"}).mappings().all()
        old = c.execute(text(PROVENANCE_SQL), {"report_id": 1, "key": "requests.new.total"}).mappings().all()
    engine.dispose()
    assert len(rows) == 1
    got = {k: rows[0][k] for k in ("report_id", "key", "raw", "document_url", "table_no", "row_label", "col_label")}
    assert got == {"report_id": 1, "key": "active.procurement.amount", "raw": "6846.176002万元",
                   "document_url": "http://www.laixi.gov.cn/nb/2020.html", "table_no": "2",
                   "row_label": "政府集中采购", "col_label": "采购总金额"}
    assert abs(float(rows[0]["value"]) - 6846.176002) < 1e-9
    assert [float(r["value"]) for r in old] == [12.0]     # the current version only, not the superseded 99


# --- The test web's reports (tests/web/truth.json and each report's truth file, read from the
# generated pages' declared inputs), stored through the models as a crawl would store them.
WEB = REPO / "tests" / "web"


def web_truth() -> list[dict]:
    index = json.loads((WEB / "truth.json").read_text(encoding="utf-8"))
    out = []
    for r in index["reports"]:
        truth = json.loads((WEB / "sites" / r["truth_path"]).read_text(encoding="utf-8"))
        out.append(dict(r, figures=truth["figures"], unreadable=truth.get("unreadable", [])))
    return out


def seed_web(url: str, reports: list[dict]) -> None:
    engine, Session = open_db(url)
    with Session.begin() as s:
        s.add(Blob(sha256="f" * 64, size=1, data=b"x"))
        s.flush()
        for i, r in enumerate(reports, start=1):
            s.add(Document(id=i, url=r["url"], sha256="f" * 64))
            s.flush()
            s.add(Report(id=i, url=r["url"], agency=r["agency"], region_code=r["region_code"], level=r["level"],
                         year=r["year"], format=r["format"],
                         published=date.fromisoformat(r["published"]) if r["published"] else None,
                         checks_failed=len(r["checks_failed"]), unreadable=len(r["unreadable"]), sections={},
                         warnings=[]))
            s.flush()
            for key, value in r["figures"].items():
                s.add(FigureRow(report_id=i, key=key, value=Decimal(value), raw=value, status="ok", document_id=i))
            for key in r["unreadable"]:
                if key not in r["figures"]:
                    s.add(FigureRow(report_id=i, key=key, value=None, raw="", status="unreadable", document_id=i))
            for check in r["checks_failed"]:
                s.add(CheckRow(report_id=i, check=check, passed=False, detail=""))
    engine.dispose()


def test_web_database_round_trip(request, tmp_path):
    reports = web_truth()
    assert len(reports) >= 40
    for backend in ("sqlite", "postgresql"):
        url = f"sqlite:///{tmp_path / 'web.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
        seed_web(url, reports)
        want = {(i, k): float(v) for i, r in enumerate(reports, 1) for k, v in r["figures"].items()}
        for fmt in FORMATS:
            got_reports = export(url, "reports", fmt, tmp_path / f"wr.{fmt}")
            assert list(got_reports["url"]) == [r["url"] for r in reports], (backend, fmt)
            assert list(got_reports["checks_failed"]) == [len(r["checks_failed"]) for r in reports]
            m = export(url, "metrics", fmt, tmp_path / f"wm.{fmt}")
            ok = m[m["status"] == "ok"]
            assert {(int(i), k): float(v) for i, k, v in zip(ok["report_id"], ok["key"], ok["value"])} == want, \
                (backend, fmt)
            panel = export(url, "panel", fmt, tmp_path / f"wp.{fmt}")
            assert list(panel["report_id"]) == list(range(1, len(reports) + 1)), (backend, fmt)
            rows = panel.to_dict("records")
            for (i, key), value in want.items():
                assert float(rows[i - 1][key]) == value, (backend, fmt, i, key)
