"""`govcrawl status` and its queries (govcrawl/status.py) on a real SQLite database.

The reports below are made up with dates chosen around the deadlines of formats.md: departments
and townships 31 January of year+1, governments 31 March, everyone 31 March before 2019. The
expected verdicts are written by hand from those rules.
"""
import json
import os
import subprocess
import sys
from datetime import date, datetime, timezone

import pytest

from govcrawl.db.models import CrawlRun, CrawlRunPortal, Portal, Report
from govcrawl.db.session import open_db
from govcrawl.status import compliance, portals, runs

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UTC = timezone.utc


def seen(y, m, d):
    return datetime(y, m, d, 12, tzinfo=UTC)


@pytest.fixture()
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'status.db'}"
    engine, Session = open_db(url)
    with Session.begin() as s:
        a = Portal(code="370285", name="莱西市人民政府", url="http://a.example/", level="county", entry_points=["x"])
        b = Portal(code="411300", name="南阳市人民政府", url="http://b.example/", level="city", entry_points=[])
        c = Portal(code="530302", name="麒麟区人民政府", url="http://c.example/", level="county", entry_points=[])
        s.add_all([a, b, c])
        s.flush()
        rows = [
            # (portal, agency, level, year, published, first seen)
            (a, "莱西市财政局", "department", 2023, date(2024, 1, 31), seen(2024, 2, 1)),      # on the deadline day
            (a, "莱西市教育体育局", "department", 2023, date(2024, 2, 1), seen(2024, 2, 1)),   # 1 day late
            (a, "莱西市院上镇人民政府", "township", 2023, date(2024, 2, 10), seen(2024, 2, 10)),  # 10 days late
            (a, "莱西市人民政府", "county", 2023, date(2024, 3, 31), seen(2024, 4, 1)),        # on time
            (a, "莱西市民政局", "department", 2023, None, seen(2024, 1, 20)),                  # no date, seen early
            (a, "莱西市水务局", "department", 2023, None, seen(2024, 5, 1)),                   # no date, seen late
            (a, "莱西市姜山镇人民政府", "township", 2022, date(2023, 1, 5), seen(2023, 1, 6)),  # missing in 2023
            (a, "莱西市财政局", "department", 2018, date(2019, 3, 20), seen(2019, 3, 21)),     # 2008 rules: on time
            (a, "莱西市财政局", "department", 2022, date(2023, 1, 18), seen(2023, 1, 19)),
            (b, "南阳市人民政府", "city", 2023, date(2024, 4, 2), seen(2024, 4, 2)),            # 2 days late
            (b, "南阳市人民政府", "city", 2022, date(2023, 3, 30), seen(2023, 3, 30)),
            # c has no report for 2023 at all
            (c, "麒麟区人民政府", "county", 2022, date(2023, 3, 1), seen(2023, 3, 1)),
        ]
        for i, (p, agency, level, year, published, first) in enumerate(rows):
            s.add(Report(portal_id=p.id, url=f"{p.url}r{i}.html", title=f"{agency}{year}年政府信息公开工作年度报告",
                         agency=agency, level=level, year=year, published=published, region_code=p.code,
                         first_seen_at=first, version=2 if i == 0 else 1))
        r1 = CrawlRun(started_at=seen(2024, 2, 1), finished_at=datetime(2024, 2, 1, 12, 3, tzinfo=UTC),
                      status="finished", command="crawl portals=p.csv full=1 recheck=1")
        r2 = CrawlRun(started_at=seen(2024, 2, 2), finished_at=datetime(2024, 2, 2, 12, 0, 30, tzinfo=UTC),
                      status="finished", command="crawl portals=p.csv")
        s.add_all([r1, r2])
        s.flush()
        s.add_all([
            CrawlRunPortal(run_id=r1.id, portal_id=a.id, status="ok", requests=120, bytes=1000, reports_new=9),
            CrawlRunPortal(run_id=r1.id, portal_id=b.id, status="ok", requests=80, bytes=500, reports_new=2),
            CrawlRunPortal(run_id=r1.id, portal_id=c.id, status="down", requests=1, errors=1,
                           errors_by_kind={"refused": 1}),
            CrawlRunPortal(run_id=r2.id, portal_id=a.id, status="ok", requests=5, reports_unchanged=1),
            CrawlRunPortal(run_id=r2.id, portal_id=b.id, status="blocked", requests=1, errors=1,
                           errors_by_kind={"blocked": 1}),
        ])
        a.last_status, b.last_status, c.last_status = "ok", "blocked", "down"
    yield url, Session
    engine.dispose()


def by_agency(rows):
    return {r["agency"]: r for r in rows}


def test_compliance_on_time_late_unknown(db):
    _, Session = db
    with Session() as s:
        c = compliance(s, 2023)
    got = by_agency(c["published"])
    verdicts = {a: (r["timeliness"], r["basis"], r["days_late"]) for a, r in got.items()}
    assert verdicts == {
        "莱西市财政局": ("on_time", "published", 0),
        "莱西市教育体育局": ("late", "published", 1),
        "莱西市院上镇人民政府": ("late", "published", 10),
        "莱西市人民政府": ("on_time", "published", 0),
        "莱西市民政局": ("on_time", "first_seen", 0),
        "莱西市水务局": ("unknown", "none", 0),
        "南阳市人民政府": ("late", "published", 2),
    }
    assert got["莱西市财政局"]["deadline"] == "2024-01-31" and got["莱西市财政局"]["version"] == 2
    assert got["南阳市人民政府"]["deadline"] == "2024-03-31" and got["南阳市人民政府"]["kind"] == "government"
    assert [m["agency"] for m in c["missing_agencies"]] == ["莱西市姜山镇人民政府"]
    assert [p["code"] for p in c["portals_without_report"]] == ["530302"]
    assert c["summary"] == {"on_time": 3, "late": 3, "unknown": 1, "missing_agencies": 1, "portals_without_report": 1}


def test_pre_2019_reports_fall_under_31_march(db):
    _, Session = db
    with Session() as s:
        c = compliance(s, 2018)
    row = by_agency(c["published"])["莱西市财政局"]
    assert (row["deadline"], row["timeliness"]) == ("2019-03-31", "on_time")


def test_portals_and_run_history(db):
    _, Session = db
    with Session() as s:
        ps = {p["code"]: p for p in portals(s)}
        hist = runs(s)
    assert ps["370285"]["reports_per_year"] == {"2018": 1, "2022": 2, "2023": 6}
    assert ps["370285"]["last_run"]["requests"] == 5 and ps["370285"]["last_run"]["reports_unchanged"] == 1
    assert ps["411300"]["last_run"]["status"] == "blocked"
    assert ps["530302"]["last_run"]["status"] == "down"      # its newest run is the first one
    assert ps["530302"]["last_run"]["errors_by_kind"] == {"refused": 1}
    assert [r["command"] for r in hist] == ["crawl portals=p.csv", "crawl portals=p.csv full=1 recheck=1"]
    assert (hist[1]["portals"], hist[1]["requests"], hist[1]["reports_new"], hist[1]["errors"]) == (3, 201, 11, 1)
    assert hist[1]["duration_s"] == 180.0 and hist[0]["duration_s"] == 30.0


def run_cli(*args):
    env = dict(os.environ)
    env.pop("GOVCRAWL_DB", None)
    return subprocess.run([sys.executable, "-m", "govcrawl", "status", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60)


def test_cli_json_and_text(db):
    url, _ = db
    r = run_cli("--db", url, "--year", "2023", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    late = sorted(x["agency"] for x in data["compliance"]["published"] if x["timeliness"] == "late")
    assert late == ["南阳市人民政府", "莱西市教育体育局", "莱西市院上镇人民政府"]
    assert len(data["runs"]) == 2 and len(data["portals"]) == 3
    r = run_cli("--db", url, "--year", "2023")
    assert r.returncode == 0, r.stderr
    assert "LATE     (10 days) 莱西市院上镇人民政府 [township] published 2024-02-10 deadline 2024-01-31" in r.stdout
    assert "MISSING  莱西市姜山镇人民政府 (reported on 2022)" in r.stdout
    assert "NO REPORT FOUND  530302 麒麟区人民政府" in r.stdout
    assert "no scheduler jobs in this database" in r.stdout


def test_cli_unreachable_database_exits_2(tmp_path):
    r = run_cli("--db", f"sqlite:///{tmp_path}/no/such/dir/x.db")
    assert r.returncode == 2
    assert "no database at" in r.stderr and r.stdout == ""
