"""`govcrawl portals` over the registry web (tests/registryweb): a province's tree of portals on loopback.

From the province portal alone every government's and unit's portal is found and verified, none
wrong; the copy site and the spam clone are refused; moved portals are followed; the dead one is
down; the coverage figure is printed and shown on the coverage page. Then the yearly re-check, a
user's own CSV, and `portals write` -> `govcrawl crawl` end to end. The truth is the generator's plan.
"""
from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from govcrawl.db.models import RegistryEntry
from tests.registryweb import RegistryWeb
from tests.registryweb.pages import REPORT_YEAR, report_figures

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, GOVCRAWL_ENV="test")
SEEDS = (3, 4)      # 福建 (三明: 梅列区+三元区 -> 三元区 350404) and 河南 (洛阳: 偃师市 -> 偃师区 410307)


def govcrawl(*args, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govcrawl", *args], cwd=ROOT, env=ENV, capture_output=True,
                          text=True, errors="replace", timeout=timeout)


def listed(db: str, *args) -> list[dict]:
    r = govcrawl("portals", "list", "--db", db, *args)
    assert r.returncode == 0, r.stderr
    return list(csv.DictReader(io.StringIO(r.stdout)))


def entries(db: str) -> dict[tuple[str, str, str], RegistryEntry]:
    engine = create_engine(db)
    with Session(engine) as s:
        out = {(e.code, e.level, e.name): e for e in s.scalars(select(RegistryEntry))}
    engine.dispose()
    return out


@pytest.fixture(scope="module", params=SEEDS)
def discovered(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"registry{request.param}")
    with RegistryWeb(seed=request.param) as web:
        db = f"sqlite:///{tmp / 'registry.db'}"
        r = govcrawl("portals", "discover", "--start", web.start_url, "--db", db, "--allow-private")
        assert r.returncode == 0, r.stderr[-3000:]
        yield web, db, r, tmp


def test_every_government_and_unit_found_and_verified(discovered):
    web, db, _, _ = discovered
    rows = {(r["code"], r["level"], r["name"]): r for r in listed(db, "--province", web.plan.province.code)}
    for key, want in web.expected().items():
        assert key in rows, f"{key} not found"
        assert (rows[key]["status"], rows[key]["url"]) == (want["status"], want["url"]), key
    assert sum(1 for w in web.expected().values() if w["status"] == "verified") >= 20


def test_none_wrong_and_copy_and_clone_refused(discovered):
    web, db, _, _ = discovered
    want = web.expected()
    got = entries(db)
    assert set(got) == set(want), "a government recorded that the tree does not have, or one missing"
    urls = {e.url for e in got.values()}
    assert not urls & set(web.refused_urls())
    copy_of, clone_of = web.plan.copy_of, web.plan.clone_of
    copy_refused = got[(copy_of.code, copy_of.level, copy_of.name)].evidence["refused"]
    assert [(r["url"], r["status"]) for r in copy_refused] == [(web.refused_urls()[0], "mismatch")]
    assert web.plan.copy_code_of.code in copy_refused[0]["why"]         # the footer code names the other county
    clone_refused = got[(clone_of.code, clone_of.level, clone_of.name)].evidence["refused"]
    assert [(r["url"], r["status"]) for r in clone_refused] == [(web.refused_urls()[1], "clone")]


def test_moved_portals_followed(discovered):
    web, db, _, _ = discovered
    got = entries(db)
    moved = [s for s in web.plan.sites if s.old_host]
    assert {s.moved_by for s in moved} == {"redirect", "notice"}
    for s in moved:
        e = got[(s.code, s.level, s.name)]
        assert (e.status, e.url) == ("verified", web.url_of(s))
        assert e.evidence["moved_from"] == web.expected()[(s.code, s.level, s.name)]["moved_from"]
        assert f"{s.old_host}:{web.port}" in e.hosts and f"{s.host}:{web.port}" in e.hosts


def test_renamed_county_filed_under_todays_code(discovered):
    web, db, _, _ = discovered
    got = entries(db)
    renamed = [s for s in web.plan.sites if s.level == "county" and s.footer_code and s.footer_code[:6] != s.code]
    assert renamed, "the tree holds a county whose footer still carries its old code"
    for s in renamed:
        e = got[(s.code, s.level, s.name)]
        assert (e.status, e.site_code) == ("verified", s.footer_code)


def test_coverage_printed_and_on_the_coverage_page(discovered):
    web, db, r, tmp = discovered
    verified = sum(1 for (_, level, _), w in web.expected().items()
                   if level in ("city", "county") and w["status"] == "verified")
    total = web.plan.total_under
    pcode = web.plan.province.code
    assert r.stdout.strip() == (f"coverage: {verified}/{total} divisions under {pcode} have a verified portal "
                                f"({100.0 * verified / total:.1f}%)")
    page = tmp / "coverage.html"
    rep = govcrawl("report", "--db", db, "-o", str(page))
    assert rep.returncode == 0, rep.stderr
    html = page.read_text(encoding="utf-8")
    table = html[html.index('id="registry-coverage"'):]
    assert f'<td>{pcode}</td><td class="registry-verified">{verified}</td><td class="registry-total">{total}</td>' in table


def test_without_allow_private_nothing_is_fetched_or_recorded(tmp_path):
    with RegistryWeb(seed=3) as web:
        db = f"sqlite:///{tmp_path / 'r.db'}"
        r = govcrawl("portals", "discover", "--start", web.start_url, "--db", db)
        assert r.returncode == 1
        assert "refused" in r.stderr and "private" in r.stderr
        assert web.server.requests == []
    assert entries(db) == {}


def test_reverify_marks_the_dead_and_status_shows_them(tmp_path):
    with RegistryWeb(seed=3) as web:
        db = f"sqlite:///{tmp_path / 'r.db'}"
        assert govcrawl("portals", "discover", "--start", web.start_url, "--db", db, "--allow-private").returncode == 0
        alive = next(s for s in web.plan.sites if s.level == "county" and s.expect == "verified" and not s.old_host)
        web.break_site(alive.key)
        r = govcrawl("portals", "verify", "--db", db, "--allow-private")
        assert r.returncode == 0, r.stderr
        rows = {(x["code"], x["level"], x["name"]): x for x in listed(db)}
        assert rows[(alive.code, "county", alive.name)]["status"] == "down"
        assert rows[(alive.code, "county", alive.name)]["url"] == web.url_of(alive)       # kept: it may come back
        others = [k for k, w in web.expected().items() if w["status"] == "verified" and k[2] != alive.name]
        assert all(rows[k]["status"] == "verified" for k in others)
        st = govcrawl("status", "--db", db)
        assert st.returncode == 0, st.stderr
        lines = st.stdout.splitlines()
        assert any(line.strip().startswith(f"DOWN      {alive.code} {alive.name}") for line in lines)
        assert any(line.strip().startswith(f"DOWN      {web.plan.dead.code} {web.plan.dead.name}") for line in lines)
        for s in (s for s in web.plan.sites if s.old_host):
            assert any(f"{s.code} {s.name} {web.url_of(s)} (moved from http://{s.old_host}:{web.port}/)" in line
                       for line in lines)


def test_users_csv_is_never_overwritten_by_a_walk(tmp_path):
    with RegistryWeb(seed=3) as web:
        db = f"sqlite:///{tmp_path / 'r.db'}"
        county = next(s for s in web.plan.sites if s.level == "county" and s.expect == "verified" and not s.old_host)
        mine = web.url_of(county) + "index.html"            # the user's spelling of the same portal
        user_csv = tmp_path / "mine.csv"
        user_csv.write_bytes(f"code,name,url,level\n{county.code},{county.name},{mine},county\n".encode("gbk"))
        assert govcrawl("portals", "import", str(user_csv), "--db", db).returncode == 0
        assert govcrawl("portals", "discover", "--start", web.start_url, "--db", db, "--allow-private").returncode == 0
        row = {(x["code"], x["name"]): x for x in listed(db)}[(county.code, county.name)]
        assert (row["url"], row["found_by"]) == (mine, f"user:{user_csv}")
        assert govcrawl("portals", "verify", "--db", db, "--allow-private").returncode == 0
        row = {(x["code"], x["name"]): x for x in listed(db)}[(county.code, county.name)]
        assert (row["url"], row["status"], row["found_by"]) == (mine, "verified", f"user:{user_csv}")


def test_discover_list_then_crawl_the_verified_rows(tmp_path):
    """discover -> write --city -> govcrawl crawl: each county's report lands under its code, figures exact."""
    with RegistryWeb(seed=4) as web:
        db = f"sqlite:///{tmp_path / 'r.db'}"
        assert govcrawl("portals", "discover", "--start", web.start_url, "--db", db, "--allow-private").returncode == 0
        city = web.plan.province.children[0]
        portals = tmp_path / "portals.csv"
        w = govcrawl("portals", "write", "--city", city.code, "--db", db, "-o", str(portals))
        assert w.returncode == 0, w.stderr
        rows = list(csv.DictReader(portals.open(encoding="utf-8")))
        assert rows and {r["status"] for r in rows} == {"verified"}
        assert all(r["code"][:4] == city.code[:4] for r in rows)
        c = govcrawl("crawl", "--portals", str(portals), "--db", db, "--allow-private", "--quiet", timeout=600)
        assert c.returncode == 0, c.stderr[-3000:]
        counties = [s for s in city.children if s.expect == "verified"]
        engine = create_engine(db)
        with engine.connect() as conn:
            got = {code: (rid, year) for rid, code, year in conn.execute(
                text("SELECT id, region_code, year FROM reports WHERE level = 'county'"))}
            for s in counties:
                assert s.code in got, f"{s.name}: no report"
                rid, year = got[s.code]
                assert year == REPORT_YEAR
                figures = dict(conn.execute(text("SELECT key, value FROM figures WHERE report_id = :r AND current"),
                                            {"r": rid}).all())
                want = report_figures(s)
                assert float(figures["requests.new.total"]) == float(want["requests.new.total"])
                wrong = [k for k, v in want.items() if k in figures and figures[k] is not None
                         and float(figures[k]) != float(v)]
                assert wrong == []
        engine.dispose()
        assert not re.search(r"Traceback", c.stderr)
