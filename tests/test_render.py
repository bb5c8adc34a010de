"""Rendering in Chromium: JS-only portals of the test web crawled end to end with a real headless browser.

`govcrawl crawl` runs in a subprocess into a temporary SQLite database, as a user runs it. Needs
/usr/bin/chromium (apt-get install chromium): without it these tests fail, they do not skip.
"""
from __future__ import annotations

import asyncio
import os
import subprocess
from collections import Counter

import pytest
from sqlalchemy import create_engine, text

from govcrawl.render.browser import BrowserGuard, chromium_missing, DEFAULT_CHROMIUM
from govcrawl.render.detect import needs_render
from tests.test_end_to_end import ENV, GOVCRAWL, compare_with_truth, export
from tests.web.server import TestWeb

# The test web's portals whose reports plain HTTP cannot see, by family (tests/web/sites/*/site.json):
BROWSER_ONLY = {"epoint", "fetchlist"}     # an SPA whose body comes by POST; a list filled by fetch() from JSON
ENDPOINT = {"hanweb", "gkmlpt"}            # script-built lists whose data endpoint the crawler calls itself


def govcrawl(*args, env_extra=None, check=True) -> subprocess.CompletedProcess:
    proc = subprocess.run([*GOVCRAWL, *args], capture_output=True, text=True, errors="replace",
                          env=dict(ENV, **(env_extra or {})),
                          timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"govcrawl {' '.join(args)} exited {proc.returncode}\n{proc.stderr[-3000:]}")
    return proc


@pytest.fixture(scope="module")
def web():
    with TestWeb() as w:
        yield w


def sites_of(web, families) -> list[str]:
    return sorted(sid for sid, site in web.sites.items() if site["family"] in families)


def query(db: str, sql: str) -> list[tuple]:
    engine = create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(text(sql)).all()
    engine.dispose()
    return rows


def problems_on(web, db: str, sites: list[str]) -> list[str]:
    """compare_with_truth's differences that concern the given sites."""
    hosts = {f"//{h}/" for s in sites for h in web.sites[s]["hosts"]}
    return [p for p in compare_with_truth(web, db) if any(h in p for h in hosts)]


@pytest.fixture(scope="module")
def auto_crawl(web, tmp_path_factory):
    assert not chromium_missing(DEFAULT_CHROMIUM), "apt-get install chromium (needed by the render tests)"
    tmp = tmp_path_factory.mktemp("render-auto")
    portals = tmp / "portals.csv"
    web.write_portals_csv(portals)
    db = f"sqlite:///{tmp / 'auto.db'}"
    web.requests.clear()
    govcrawl("crawl", "--portals", str(portals), "--db", db, "--allow-private", "--render", "auto", "--quiet")
    return db, str(portals), list(web.requests)


def test_test_web_has_the_js_only_portals(web):
    assert len(sites_of(web, BROWSER_ONLY)) >= 2 and len(sites_of(web, ENDPOINT)) >= 2, \
        {s: x["family"] for s, x in web.sites.items()}
    for sid in sites_of(web, BROWSER_ONLY | ENDPOINT):
        assert [r for r in web.truth() if r["site"] == sid], f"{sid} has no report to find"


def test_auto_finds_and_extracts_every_report_of_the_browser_only_portals(web, auto_crawl):
    db, _, _ = auto_crawl
    problems = problems_on(web, db, sites_of(web, BROWSER_ONLY))
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems)


def test_auto_finds_and_extracts_every_report_of_the_endpoint_portals(web, auto_crawl):
    db, _, _ = auto_crawl
    problems = problems_on(web, db, sites_of(web, ENDPOINT))
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems)


def test_auto_uses_the_browser_for_under_ten_percent_of_requests(web, auto_crawl):
    db, _, _ = auto_crawl
    (pages, requests), = query(db, "SELECT SUM(browser_pages), SUM(requests) FROM crawl_run_portals")
    share = pages / requests
    print(f"\nbrowser pages {pages} of {requests} requests on the whole test web: {share:.1%}")
    assert pages > 0, "no page went through the browser"
    assert share < 0.10, f"{share:.1%} of requests went through the browser"
    by_portal = dict(query(db, "SELECT p.url, r.browser_pages FROM crawl_run_portals r "
                               "JOIN portals p ON p.id = r.portal_id"))
    plain_sites = [p["url"] for p in web.portals() if web.sites[p["site"]]["family"] not in BROWSER_ONLY | ENDPOINT]
    assert all(by_portal[u] == 0 for u in plain_sites), "a plain portal went through the browser"
    (stats,), = query(db, "SELECT stats FROM crawl_runs")
    assert "govcrawl/browser_rss_mb_max" in str(stats), "browser memory missing from the run's stats"


def test_portals_that_needed_the_browser_are_remembered_and_rendered_directly(web, auto_crawl, tmp_path):
    db, portals, _ = auto_crawl
    flagged = {web.alias(u) for (u,) in query(db, "SELECT url FROM portals WHERE needs_browser")}
    want = {f"http://{web.sites[s]['hosts'][0]}/" for s in sites_of(web, BROWSER_ONLY)}
    assert flagged == want
    # Next crawl (incremental): the learned listing of the fetch() portal goes to the browser at once,
    # so the server sees it requested once, not a plain fetch followed by a browser fetch.
    site = web.sites[sites_of(web, {"fetchlist"})[0]]
    home = f"http://{site['hosts'][0]}/"
    listing = web.served(home + "xxgk/ndbg/index.html")
    web.requests.clear()
    govcrawl("crawl", "--portals", portals, "--db", db, "--allow-private", "--render", "auto", "--quiet")
    gets = [s for m, u, s in web.requests if m == "GET" and u == listing]
    assert len(gets) == 1, gets
    rows = query(db, "SELECT r.browser_pages FROM crawl_run_portals r JOIN portals p ON p.id = r.portal_id "
                     f"WHERE r.run_id = (SELECT MAX(id) FROM crawl_runs) AND p.url = '{web.served(home)}'")
    assert rows and rows[0][0] >= 1


def test_render_never_finds_none_of_them_and_says_why(web, tmp_path):
    sites = sites_of(web, BROWSER_ONLY)
    portals = tmp_path / "portals.csv"
    web.write_portals_csv(portals, sites=sites)
    db = f"sqlite:///{tmp_path / 'never.db'}"
    web.requests.clear()
    govcrawl("crawl", "--portals", str(portals), "--db", db, "--allow-private", "--render", "never", "--quiet")
    assert export(db, "reports") == []
    errors = query(db, "SELECT kind, detail FROM crawl_errors")
    needs = [d for k, d in errors if k == "needs_browser"]
    assert needs and all("--render never" in d for d in needs), errors
    assert not [u for m, u, s in web.requests if "EpointWebBuilder" in u or "list.json" in u], \
        "a data request was made although nothing rendered"
    (pages,), = query(db, "SELECT SUM(browser_pages) FROM crawl_run_portals")
    assert pages == 0


def test_without_chromium_the_crawl_finishes_and_records_needs_browser(web, tmp_path):
    sites = sites_of(web, BROWSER_ONLY) + ["laixi"]
    portals = tmp_path / "portals.csv"
    web.write_portals_csv(portals, sites=sites)
    db = f"sqlite:///{tmp_path / 'nochrome.db'}"
    missing = str(tmp_path / "no-such-chromium")
    proc = govcrawl("crawl", "--portals", str(portals), "--db", db, "--allow-private", "--quiet",
                    env_extra={"GOVCRAWL_CHROMIUM": missing}, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    needs = [d for k, d in query(db, "SELECT kind, detail FROM crawl_errors") if k == "needs_browser"]
    assert needs and all(f"Chromium not found at {missing}" in d for d in needs), needs
    # plain portals are crawled as always
    urls = {web.alias(r["url"]) for r in export(db, "reports")}
    assert {r["url"] for r in web.truth() if r["site"] == "laixi"} <= urls


def test_needs_render_flags_the_shells_and_no_page_with_content(web):
    flagged = Counter()
    for sid, site in web.sites.items():
        for host in site["hosts"]:
            root = os.path.join(site["dir"], host)
            for dirpath, _, files in os.walk(root):
                for name in files:
                    path = os.path.join(dirpath, name)
                    with open(path, "rb") as fh:
                        head = fh.read()
                    if b"<html" not in head[:2000].lower():
                        continue
                    url = f"http://{host}/" + os.path.relpath(path, root).replace(os.sep, "/")
                    if needs_render(head.decode("utf-8", "replace"), url):
                        flagged[site["family"]] += 1
    assert flagged["epoint"] >= 1 and flagged["fetchlist"] >= 1, flagged
    assert set(flagged) <= BROWSER_ONLY | ENDPOINT, f"a page with its content was flagged: {flagged}"


def test_browser_guard_keeps_the_browser_on_the_portal_and_off_private_networks():
    hosts = frozenset({"127.0.0.9:8080"})
    loopback_only = BrowserGuard(allow_private=True, allowed_networks=["127.0.0.0/8"])
    check = lambda guard, url: asyncio.run(guard.refuses(url, hosts))   # noqa: E731
    assert check(loopback_only, "http://127.0.0.9:8080/rest/detail") == ""
    assert check(loopback_only, "http://10.1.1.8/oa/") == "offsite"
    assert check(loopback_only, "http://www.baidu.com/x.js") == "offsite"
    assert check(loopback_only, "ftp://127.0.0.9:8080/x") == "scheme"
    strict = BrowserGuard(allow_private=False, allowed_networks=[])
    assert check(strict, "http://127.0.0.9:8080/rest/detail") == "private"
    narrow = BrowserGuard(allow_private=True, allowed_networks=["127.0.0.1/32"])
    assert check(narrow, "http://127.0.0.9:8080/rest/detail") == "network"


def test_a_browser_page_that_timed_out_is_retried_like_a_download_that_timed_out():
    # Scrapy's RetryMiddleware built from govcrawl's settings retries Playwright's own timeout (the page
    # of a JavaScript portal was lost to one slow load on a loaded machine), as it does a download's.
    from playwright._impl._errors import TimeoutError as PageTimeout
    from scrapy.downloadermiddlewares.retry import RetryMiddleware
    from twisted.internet.error import TimeoutError as DownloadTimeout
    from govcrawl.runtime.process import crawl_settings
    mw = RetryMiddleware(crawl_settings("sqlite:///:memory:", progress=False))
    assert isinstance(PageTimeout("Page.goto: Timeout 20000ms exceeded."), mw.exceptions_to_retry)
    assert isinstance(DownloadTimeout(), mw.exceptions_to_retry)        # Scrapy's own list is kept
    assert not isinstance(ValueError(), mw.exceptions_to_retry)
