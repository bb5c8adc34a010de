"""Discovery on the whole test web: every report found, nothing else stored, facts right, cheap re-crawls.

Runs the real command (`govcrawl crawl --allow-private`) against the loopback test web into a
temporary SQLite database and compares with tests/web/truth.json (written from the generator's inputs).
"""
from __future__ import annotations

import datetime
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from tests.web.server import TestWeb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PER_PORTAL_RECRAWL = 5


def crawl(web, tmp_path, *extra):
    portals = tmp_path / "portals.csv"
    web.write_portals_csv(portals)
    env = dict(os.environ, GOVCRAWL_ENV="test")
    before = len(web.requests)
    r = subprocess.run([sys.executable, "-m", "govcrawl.cli", "crawl", "--portals", str(portals),
                        "--db", f"sqlite:///{tmp_path / 'db.sqlite'}", "--allow-private", "--quiet", *extra],
                       cwd=ROOT, env=env, capture_output=True)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")[-3000:]
    return len(web.requests) - before


def stored(web, tmp_path) -> dict[str, dict]:
    con = sqlite3.connect(tmp_path / "db.sqlite")
    con.row_factory = sqlite3.Row
    rows = con.execute("SELECT url, agency, level, region_code, year, published FROM reports").fetchall()
    con.close()
    return {web.alias(r["url"]): dict(r) for r in rows}


def last_run_requests(web, tmp_path) -> dict[str, int]:
    """Requests per portal (alias URL) in the latest crawl run, as the spider counted them."""
    con = sqlite3.connect(tmp_path / "db.sqlite")
    rows = con.execute("SELECT p.url, c.requests FROM crawl_run_portals c JOIN portals p ON p.id = c.portal_id "
                       "WHERE c.run_id = (SELECT max(id) FROM crawl_runs)").fetchall()
    con.close()
    return {web.alias(u): n for u, n in rows}


@pytest.fixture(scope="module")
def first_crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("discovery")
    with TestWeb(slow_seconds=0.2) as web:
        n = crawl(web, tmp)
        yield web, tmp, n


def test_every_report_found_and_nothing_else(first_crawl):
    web, tmp, _ = first_crawl
    got = set(stored(web, tmp))
    truth = {r["url"] for r in web.truth()}
    assert len(truth) >= 40
    assert sorted(truth - got) == [], "reports not found"
    assert sorted(got - truth) == [], "stored as reports but not reports"


def test_no_distractor_stored(first_crawl):
    web, tmp, _ = first_crawl
    got = set(stored(web, tmp))
    assert {d["url"] for d in web.distractors()} & got == set()


@pytest.mark.parametrize("fact", ["agency", "level", "region_code", "year", "published"])
def test_report_facts(first_crawl, fact):
    web, tmp, _ = first_crawl
    got = stored(web, tmp)
    wrong = {}
    for r in web.truth():
        if r["url"] in got and str(got[r["url"]][fact]) != str(r[fact]):
            wrong[r["url"]] = (got[r["url"]][fact], r[fact])
    assert wrong == {}


def test_second_crawl_of_unchanged_web_costs_a_handful_per_portal(first_crawl):
    web, tmp, _ = first_crawl
    crawl(web, tmp)
    per_portal = last_run_requests(web, tmp)
    assert len(per_portal) == len(web.portals())
    assert {u: n for u, n in per_portal.items() if n > PER_PORTAL_RECRAWL} == {}
    assert set(stored(web, tmp)) >= {r["url"] for r in web.truth()}


def test_recrawl_finds_new_reports_at_one_request_each(tmp_path):
    """Crawl the web as it stood on 2024-03-01, then as on 2024-04-15: the new reports cost about one request each."""
    with TestWeb(now="2024-03-01", slow_seconds=0.2) as web:
        crawl(web, tmp_path)
        old = {r["url"] for r in web.truth()}
        assert set(stored(web, tmp_path)) == old
        web.set_now("2024-04-15")
        new = {r["url"] for r in web.truth()} - old
        assert len(new) >= 3
        crawl(web, tmp_path)
        got = set(stored(web, tmp_path))
        assert got == old | new
        per_portal = last_run_requests(web, tmp_path)
        new_by_portal = {}
        for r in web.truth():
            if r["url"] in new:
                portal = next(p["url"] for p in web.portals() if p["site"] == r["site"])
                new_by_portal[web.alias(portal)] = new_by_portal.get(web.alias(portal), 0) + 1
        over = {}
        for portal, n in per_portal.items():
            allowed = PER_PORTAL_RECRAWL + 2 * new_by_portal.get(portal, 0)   # a report page and its PDF copy
            if n > allowed:
                over[portal] = (n, allowed)
        assert over == {}
