"""The panel (export and SQL view), the deadlines behind on_time, and the data dictionary.

Deadlines are worked out by hand from formats.md; the database is tests/test_export.py's REPORTS.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

from govcrawl.export.timeliness import deadline, timeliness
from tests.test_export import REPORTS, export, pg_url, seed  # noqa: F401  (pg_url is a fixture)

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("year,level,due", [
    (2021, "department", date(2022, 1, 31)),
    (2021, "township", date(2022, 1, 31)),
    (2021, "county", date(2022, 3, 31)),
    (2019, "city", date(2020, 3, 31)),
    (2019, "department", date(2020, 1, 31)),
    (2018, "department", date(2019, 3, 31)),     # 2008 regulation: 31 March for everyone
    (2015, "township", date(2016, 3, 31)),
])
def test_deadline(year, level, due):
    assert deadline(year, level) == due


def test_timeliness_boundaries():
    assert timeliness(date(2022, 1, 31), 2021, "department") == "on_time"
    assert timeliness(date(2022, 2, 1), 2021, "department") == "late"
    assert timeliness(date(2022, 3, 31), 2021, "county") == "on_time"
    assert timeliness(date(2022, 4, 1), 2021, "county") == "late"
    assert timeliness(None, 2021, "county") is None
    assert timeliness(date(2022, 1, 1), None, "county") is None


@pytest.fixture
def sqlite_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'panel.db'}"
    seed(url)
    return url


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_panel_one_row_per_report(sqlite_db, tmp_path, fmt):
    df = export(sqlite_db, "panel", fmt, tmp_path / f"p.{fmt}")
    assert list(df["report_id"]) == [r["id"] for r in REPORTS]
    by_id = df.set_index("report_id")
    for r in REPORTS:
        got = by_id.loc[r["id"], "timeliness"]
        assert (got if isinstance(got, str) else None) == r["timeliness"], (fmt, r["id"])
    # printed figures
    assert by_id.loc[1, "requests.new.total"] == 12 and by_id.loc[2, "requests.new.total"] == 20
    assert by_id.loc[1, "active.procurement.amount"] == pytest.approx(6846.176002)
    assert by_id.loc[3, "requests.new.total"] == 0                       # blank cell = 0
    assert pd.isna(by_id.loc[1, "requests.granted.total"])               # unreadable stays empty
    # the generations' look-alikes stay in their own columns
    assert by_id.loc[1, "active.rules.new_made"] == 4 and pd.isna(by_id.loc[1, "active.rules.issued"])
    assert by_id.loc[2, "active.rules.issued"] == 5 and pd.isna(by_id.loc[2, "active.rules.new_made"])
    # (六)其他处理: printed single row in 2019 (3); 2021 sub-rows 1 + 0 + 2 = 3
    assert by_id.loc[1, "requests.other.total"] == 3 and by_id.loc[2, "requests.other.total"] == 3
    assert pd.isna(by_id.loc[3, "requests.other.total"])                 # nothing printed, nothing derived
    assert by_id.loc[5, "legacy.requests.received"] == 7 and pd.isna(by_id.loc[5, "requests.new.total"])


def test_panel_does_not_derive_from_an_unreadable_part(sqlite_db, tmp_path):
    engine = create_engine(sqlite_db)
    with engine.begin() as c:
        c.execute(text("UPDATE figures SET value = NULL, status = 'unreadable' "
                       "WHERE report_id = 2 AND key = 'requests.other.no_fee_paid.total'"))
    engine.dispose()
    df = export(sqlite_db, "panel", "csv", tmp_path / "p.csv").set_index("report_id")
    assert pd.isna(df.loc[2, "requests.other.total"])


def test_panel_filters(sqlite_db, tmp_path):
    df = export(sqlite_db, "panel", "parquet", tmp_path / "p.parquet", "--level", "department", "--year", "2021")
    assert list(df["report_id"]) == [3, 4]
    assert list(df["on_time"]) == [True, False]


def _check_view(url: str) -> None:
    engine = create_engine(url)
    with engine.connect() as c:
        rows = c.execute(text("SELECT * FROM report_panel ORDER BY report_id")).mappings().all()
    engine.dispose()
    assert [r["report_id"] for r in rows] == [r["id"] for r in REPORTS]
    want_on_time = {"on_time": 1, "late": 0, None: None}
    for r, got in zip(REPORTS, rows):
        assert got["on_time"] == want_on_time[r["timeliness"]], r["id"]
        assert got["published"] == (r["published"].isoformat() if r["published"] else None)
    by_id = {r["report_id"]: r for r in rows}
    assert by_id[1]["deadline"] == "2021-03-31" and by_id[3]["deadline"] == "2022-01-31"
    assert by_id[5]["deadline"] == "2019-03-31"
    assert float(by_id[1]["requests_new_total"]) == 12 and float(by_id[7]["requests_new_total"]) == 3
    assert float(by_id[1]["requests_other_total"]) == 3 and by_id[2]["requests_other_total"] is None
    assert by_id[1]["requests_granted_total"] is None                  # unreadable
    assert float(by_id[2]["review_total"]) == 1 and by_id[4]["requests_new_total"] is None


def test_view_on_sqlite(sqlite_db):
    _check_view(sqlite_db)


def test_view_on_postgresql(pg_url):  # noqa: F811
    seed(pg_url)
    _check_view(pg_url)


def test_dictionary_is_up_to_date():
    from govcrawl.export.dictionary import build
    committed = (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == build(), "docs/data-dictionary.md is stale: run .venv/bin/python scripts/build_dictionary.py"


def test_dictionary_covers_every_table_column_and_key():
    from govcrawl.db.models import Base
    from govcrawl.extract.metrics import METRICS
    doc = (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    for table in Base.metadata.tables.values():
        section = doc.split(f"### `{table.name}`", 1)[1].split("\n### ", 1)[0]
        for col in table.columns:
            assert f"| `{col.name}` |" in section, f"{table.name}.{col.name}"
    for m in METRICS:
        assert f"| `{m.key}` |" in doc, m.key
    assert "| `active.rules.issued` | `active.rules.new_made` |" in doc     # kept apart, and says so
