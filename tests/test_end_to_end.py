"""The whole product, as a user runs it: `govcrawl crawl` over the test web, `govcrawl export` out,
compared with the truth written beside every report. Runs on SQLite and on PostgreSQL.
"""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text

from tests.web.server import TestWeb

GOVCRAWL = [sys.executable, "-m", "govcrawl"]
ENV = dict(os.environ, GOVCRAWL_ENV="test")


def govcrawl(*args, check=True) -> subprocess.CompletedProcess:
    proc = subprocess.run([*GOVCRAWL, *args], capture_output=True, text=True, errors="replace", env=ENV, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"govcrawl {' '.join(args)} exited {proc.returncode}\n{proc.stderr[-3000:]}")
    return proc


def export(db: str, what: str) -> list[dict]:
    out = govcrawl("export", what, "--db", db, "--format", "csv", "-o", "-").stdout
    return list(csv.DictReader(io.StringIO(out)))


@pytest.fixture(scope="module")
def plain_web():
    # Its own web: other tests move the clock or replace pages on theirs.
    with TestWeb() as w:
        yield w


@pytest.fixture
def portals_file(plain_web, tmp_path):
    path = tmp_path / "portals.csv"
    plain_web.write_portals_csv(path)
    return str(path)


def compare_with_truth(web, db: str) -> list[str]:
    """Every difference between the exported database and the written truth, one line each."""
    truth = {r["url"]: r for r in web.truth()}
    reports = {web.alias(r["url"]): r for r in export(db, "reports")}
    problems = [f"missing report {u}" for u in sorted(truth.keys() - reports.keys())]
    problems += [f"stored a non-report {u}" for u in sorted(reports.keys() - truth.keys())]
    metrics, checks = defaultdict(dict), defaultdict(set)
    for m in export(db, "metrics"):
        metrics[m["report_id"]][m["key"]] = m
    for c in export(db, "checks"):
        if c["passed"] in ("False", "false", "0"):
            checks[c["report_id"]].add(c["check"])
    for url in sorted(truth.keys() & reports.keys()):
        row, case = reports[url], web.case(truth[url])
        for fact, want in case["facts"].items():
            got = row.get(fact) or None
            if str(want if want is not None else None) != str(got):
                problems.append(f"{url}: {fact} = {got!r}, truth {want!r}")
        got_figs = metrics[row["report_id"]]
        unreadable = set(case.get("unreadable", []))
        for key, want in case["figures"].items():
            if key in unreadable:
                continue
            fig = got_figs.get(key)
            if fig is None or fig["value"] == "":
                if case.get("scan") and fig is not None and fig["status"] in ("unreadable", "ambiguous"):
                    continue        # a scan: every figure exact or unreadable, never wrong
                problems.append(f"{url}: {key} missing, truth {want}")
            elif Decimal(fig["value"]) != Decimal(want):
                problems.append(f"{url}: {key} = {fig['value']} (raw {fig['raw']!r}), truth {want}")
        extra = sorted(k for k in got_figs if k not in case["figures"] and k not in unreadable)
        if extra:
            problems.append(f"{url}: figures not in the report: {extra[:5]}")
        for key in unreadable:
            if got_figs.get(key, {}).get("value", "") not in ("", None):
                problems.append(f"{url}: {key} should be unreadable, got {got_figs[key]['value']}")
        if checks[row["report_id"]] != set(case.get("checks_failed", [])):
            problems.append(f"{url}: failed checks {sorted(checks[row['report_id']])}, "
                            f"truth {sorted(case.get('checks_failed', []))}")
    return problems


def test_crawl_export_matches_truth_and_is_idempotent(plain_web, portals_file, db_url):
    govcrawl("crawl", "--portals", portals_file, "--db", db_url, "--allow-private", "--quiet")
    problems = compare_with_truth(plain_web, db_url)
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems)

    before = {t: n for t, n in _counts(db_url).items()}
    govcrawl("crawl", "--portals", portals_file, "--db", db_url, "--allow-private", "--quiet", "--full")
    after = _counts(db_url)
    for table in ("reports", "figures", "checks", "blobs", "report_sources"):
        assert after[table] == before[table], f"second crawl changed {table}: {before[table]} -> {after[table]}"
    assert after["crawl_runs"] == before["crawl_runs"] + 1


def _counts(db: str) -> dict[str, int]:
    engine = create_engine(db.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
                  for t in ("reports", "figures", "checks", "blobs", "report_sources", "crawl_runs", "documents")}
    engine.dispose()
    return counts


def test_without_allow_private_nothing_is_requested(plain_web, portals_file, sqlite_url):
    start = len(plain_web.requests)
    proc = govcrawl("crawl", "--portals", portals_file, "--db", sqlite_url, "--quiet")
    assert proc.returncode == 0
    assert len(plain_web.requests) == start, "a request reached the loopback web without --allow-private"
    assert export(sqlite_url, "reports") == []
    engine = create_engine(sqlite_url)
    with engine.connect() as conn:
        kinds = {k for (k,) in conn.execute(text("SELECT kind FROM crawl_errors"))}
    assert kinds == {"private"}, kinds


def test_failures_are_recorded_against_the_portal(plain_web, portals_file, sqlite_url):
    govcrawl("crawl", "--portals", portals_file, "--db", sqlite_url, "--allow-private", "--quiet")
    engine = create_engine(sqlite_url)
    with engine.connect() as conn:
        errors = conn.execute(text("SELECT p.url, e.kind, e.url FROM crawl_errors e JOIN portals p ON p.id = e.portal_id"))
        by_kind = defaultdict(set)
        for portal, kind, url in errors:
            by_kind[kind].add(plain_web.alias(url))
        statuses = dict(conn.execute(text("SELECT p.url, r.status FROM crawl_run_portals r "
                                          "JOIN portals p ON p.id = r.portal_id")).all())
    down = [p for p in plain_web.portals() if plain_web.sites[p["site"]].get("down")]
    assert down, "the test web must list a portal that is down"
    for p in down:
        assert statuses[p["url"]] == "down", statuses
    assert by_kind["http_404"], "dead links must be recorded"
    assert by_kind["not_html"] or by_kind["soft_404"], dict(by_kind)
    assert "blocked" in statuses.values(), statuses


def test_bad_arguments_exit_non_zero(tmp_path, sqlite_url):
    missing = govcrawl("crawl", "--portals", str(tmp_path / "nope.csv"), "--db", sqlite_url, check=False)
    assert missing.returncode == 2 and "cannot read portals file" in missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\n1,x\n", encoding="utf-8")
    assert govcrawl("crawl", "--portals", str(bad), "--db", sqlite_url, check=False).returncode == 2
    good = tmp_path / "good.csv"
    good.write_text("code,name,url\n370285,莱西市人民政府,http://127.0.0.1:9/\n", encoding="utf-8")
    unreachable = govcrawl("crawl", "--portals", str(good), "--db",
                           "postgresql+psycopg://nobody@127.0.0.1:1/none", check=False)
    assert unreachable.returncode == 2 and "cannot open database" in unreachable.stderr
    nodb = govcrawl("export", "reports", "--db", sqlite_url, "-o", "-", check=False)
    assert nodb.returncode == 2 and nodb.stdout == "", "export of a database that does not exist"


def test_scrapy_crawl_portals_reads_govcrawl_db_from_the_environment(plain_web, tmp_path):
    portals = tmp_path / "portals.csv"
    plain_web.write_portals_csv(portals, sites=["laixi"])
    db = f"sqlite:///{tmp_path / 'scrapy.db'}"
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "portals", "-a", f"portals={portals}",
                           "-a", "allow_private=1"], cwd=repo, capture_output=True, text=True, timeout=600,
                          env=dict(ENV, GOVCRAWL_DB=db))
    assert proc.returncode == 0, proc.stderr[-2000:]
    urls = {plain_web.alias(r["url"]) for r in export(db, "reports")}
    want = {r["url"] for r in plain_web.truth() if r["site"] == "laixi"}
    assert urls == want, (sorted(urls - want), sorted(want - urls))
