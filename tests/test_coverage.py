"""The coverage page, rendered from a database written here and opened in a real headless Chromium.

The database (values chosen for this test; deadlines from formats.md: government 31 March of
year+1, department/township 31 January; "today" is fixed at 2023-03-01, so 2022 government
reports are not yet due):

  portal 莱西市人民政府 370285
    2020 county      published 2021-03-20  on time                requests.new.total 12
    2021 county      published 2022-04-12  late,    2 failed checks requests.new.total 20
    2021 department  published 2022-01-10  on time, 1 failed check
    2021 department  published 2022-02-15  late
    2022 township    no date
  portal 嵊泗县人民政府 330922
    2020 -- nothing: the government's report is missing
    2021 county      published 2022-03-31  on time                requests.new.total 3
    2022 county      published 2023-02-01  on time                requests.new.total 50
  portal 南阳市人民政府 411300: no report at all (2020, 2021 missing; 2022 not yet due)
  a superseded (current=false) failed check row_total.requests.granted that must not be counted.
"""
from __future__ import annotations

import struct
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import sync_playwright

from govcrawl.cli import main
from govcrawl.db.models import Blob, CheckRow, Document, FigureRow, Portal, Report
from govcrawl.db.session import open_db
from govcrawl.export.coverage import gather, render

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
TODAY = date(2023, 3, 1)

PORTALS = [(1, "370285", "莱西市人民政府"), (2, "330922", "嵊泗县人民政府"), (3, "411300", "南阳市人民政府")]
# (id, portal, agency, level, year, published, failed checks, requests.new.total)
REPORTS = [
    (1, 1, "莱西市人民政府", "county", 2020, date(2021, 3, 20), [], 12),
    (2, 1, "莱西市人民政府", "county", 2021, date(2022, 4, 12), ["balance.total", "outcomes.total"], 20),
    (3, 1, "莱西市财政局", "department", 2021, date(2022, 1, 10), ["balance.total"], None),
    (4, 1, "莱西市教育和体育局", "department", 2021, date(2022, 2, 15), [], None),
    (5, 1, "莱西市姜山镇", "township", 2022, None, [], None),
    (6, 2, "嵊泗县人民政府", "county", 2021, date(2022, 3, 31), [], 3),
    (7, 2, "嵊泗县人民政府", "county", 2022, date(2023, 2, 1), [], 50),
]
REGION = {1: "370285", 2: "330922", 3: "411300"}

# code, year -> (status colour, {count kind: n}); kinds not listed must be absent (0).
EXPECTED_CELLS = {
    ("370285", 2020): ("on_time", {"on_time": 1}),
    ("370285", 2021): ("failed", {"on_time": 1, "late": 2, "failed": 2}),
    ("370285", 2022): ("not_due", {"undated": 1}),
    ("330922", 2020): ("missing", {"missing": 1}),
    ("330922", 2021): ("on_time", {"on_time": 1}),
    ("330922", 2022): ("on_time", {"on_time": 1}),
    ("411300", 2020): ("missing", {"missing": 1}),
    ("411300", 2021): ("missing", {"missing": 1}),
    ("411300", 2022): ("not_due", {}),
}
EXPECTED_TOTALS = {"on_time": 4, "late": 2, "undated": 1, "missing": 3, "failed": 2}


def seed(url: str) -> None:
    engine, Session = open_db(url)
    with Session.begin() as s:
        for pid, code, name in PORTALS:
            s.add(Portal(id=pid, code=code, name=name, url=f"http://portal{pid}.example.gov.cn/", level="county",
                         entry_points=[]))
        s.add(Blob(sha256="0" * 64, size=1, data=b"x"))
        s.flush()
        s.add(Document(id=1, url="http://portal1.example.gov.cn/nb.html", sha256="0" * 64))
        s.flush()
        for rid, pid, agency, level, year, published, failed, new_total in REPORTS:
            s.add(Report(id=rid, portal_id=pid, url=f"http://portal{pid}.example.gov.cn/{rid}.html", agency=agency,
                         region_code=REGION[pid], level=level, year=year, format="2021", published=published,
                         checks_failed=len(failed), sections={}, warnings=[]))
            s.flush()
            for check in failed:
                s.add(CheckRow(report_id=rid, version=1, current=True, check=check, passed=False, detail=""))
            s.add(CheckRow(report_id=rid, version=1, current=True, check="row_total.requests.new", passed=True))
            if new_total is not None:
                s.add(FigureRow(report_id=rid, version=1, current=True, key="requests.new.total",
                                value=Decimal(new_total), raw=str(new_total), status="ok", table_no="3",
                                document_id=1))
        s.add(CheckRow(report_id=6, version=0, current=False, check="row_total.requests.granted", passed=False))
    engine.dispose()


@pytest.fixture
def page_path(tmp_path):
    url = f"sqlite:///{tmp_path / 'cov.db'}"
    seed(url)
    _engine, Session = open_db(url)
    with Session() as session:
        html = render(gather(session, today=TODAY))
    _engine.dispose()
    path = tmp_path / "coverage.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_page_is_self_contained(page_path):
    html = page_path.read_text(encoding="utf-8")
    for needle in ("http:", "https:", "//", "<script", "<link", "@import", "url("):
        assert needle not in html, needle


def test_page_in_headless_chromium(page_path, tmp_path):
    blocked: list[str] = []

    def guard(route):
        if route.request.url.startswith(("file://", "data:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 800})
            page.route("**/*", guard)
            page.goto(page_path.as_uri())
            shot = tmp_path / "coverage.png"
            page.screenshot(path=str(shot), full_page=True)

            for (code, year), (status, counts) in EXPECTED_CELLS.items():
                cell = page.locator(f'td.cell[data-code="{code}"][data-year="{year}"]')
                assert cell.count() == 1, (code, year)
                assert cell.get_attribute("data-status") == status, (code, year)
                for kind in ("on_time", "late", "undated", "missing", "failed"):
                    span = cell.locator(f"span.n-{kind}")
                    if kind in counts:
                        assert span.inner_text() == str(counts[kind]), (code, year, kind)
                    else:
                        assert span.count() == 0, (code, year, kind)
            for kind, n in EXPECTED_TOTALS.items():
                assert page.locator(f"#total-{kind}").inner_text() == str(n), kind

            grid = page.locator("#coverage-grid rect")
            assert grid.count() == len(EXPECTED_CELLS)
            assert page.locator('#coverage-grid rect[data-status="missing"]').count() == 3

            checks = page.locator("#failing-checks tr").all_inner_texts()[1:]
            assert [c.split("\t") for c in checks] == [["balance.total", "2"], ["outcomes.total", "1"]]

            changes = [r.split("\t") for r in page.locator("#changes tr").all_inner_texts()[1:]]
            assert changes[0][:5] == ["嵊泗县人民政府", "requests.new.total", "2021→2022", "3", "50"]
            assert changes[1][:5] == ["莱西市人民政府", "requests.new.total", "2020→2021", "12", "20"]
            assert len(changes) == 2
        finally:
            browser.close()
    assert blocked == []
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width == 1100 and height >= 600 and len(png) > 20_000


def test_report_command_writes_the_page(tmp_path):
    url = f"sqlite:///{tmp_path / 'cov.db'}"
    seed(url)
    out = tmp_path / "coverage.html"
    assert main(["report", "--db", url, "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert 'data-code="411300" data-year="2021" data-status="missing"' in html
    assert main(["report", "--db", f"sqlite:///{tmp_path / 'nope.db'}", "-o", str(out)]) == 2
