"""The project's own fault web (tests/faults/): one `govcrawl crawl` over healthy and hostile portals,
then one test per fault class: what must survive (every real report, exact figures from the truth the
generator wrote) and what must be recorded (crawl_errors kind/url/portal_id/run_id, run portal status).

Tests marked "contract" are behaviour being built (redirect chains, failure rows); see tests/faults/README.md.
"""
from __future__ import annotations

import glob
import os
import re
import signal
import time
from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests.faults.crawl import crawl, export, rows, start_crawl
from tests.faults.small import SmallWeb
from tests.faults.web import FaultWeb

BUDGET = 200
MB = 1024 * 1024
KIND = re.compile(r"^[a-z][a-z0-9_]{1,39}$")      # a kind an operator can group by, not a sentence


@pytest.fixture(scope="module")
def fc(tmp_path_factory):
    """The fault web crawled once: web, db, result, reports by url, figures by url, errors, statuses."""
    tmp = tmp_path_factory.mktemp("faults")
    with FaultWeb() as web:
        web.write_portals_csv(tmp / "portals.csv")
        db = f"sqlite:///{tmp / 'faults.db'}"
        result = crawl(str(tmp / "portals.csv"), db, "--budget", str(BUDGET))
        assert result.returncode == 0, result.stderr[-3000:]
        reports = {r["url"]: r for r in export(db, "reports")}
        figures: dict[str, dict[str, str]] = {}
        by_id = {r["report_id"]: u for u, r in reports.items()}
        for m in export(db, "metrics"):
            figures.setdefault(by_id[m["report_id"]], {})[m["key"]] = m["value"]
        (run_id,) = rows(db, "SELECT id FROM crawl_runs")[0]
        pid = {url: i for i, url in rows(db, "SELECT id, url FROM portals")}
        errors = rows(db, "SELECT p.url, e.kind, e.url, e.detail, e.run_id FROM crawl_errors e "
                          "LEFT JOIN portals p ON p.id = e.portal_id")
        status = dict(rows(db, "SELECT p.url, r.status FROM crawl_run_portals r JOIN portals p ON p.id = r.portal_id"))
        yield SimpleNamespace(web=web, db=db, db_path=str(tmp / "faults.db"), result=result, reports=reports,
                              figures=figures, run_id=run_id, portal_ids=pid, errors=errors, status=status,
                              urls=web.fault_urls)


def errors_of(fc, key: str, url: str | None = None) -> list[tuple[str, str, str]]:
    """(kind, url, detail) recorded against portal `key` in this run (optionally at one url)."""
    portal = fc.web.portals[key].url
    return [(k, u, d) for p, k, u, d, run in fc.errors if p == portal and run == fc.run_id and (url is None or u == url)]


def assert_reports_exact(fc, key: str) -> None:
    """Every truth report of the portal stored, at its final URL, with every figure exact; nothing else stored."""
    p = fc.web.portals[key]
    host = f"//{p.host}/"
    stored = {u for u in fc.reports if host in u or any(f"//{fc.web.server.host(a)}/" in u for a in p.aliases)}
    want = {r.url for r in p.reports}
    assert stored == want, f"{key}: missing {sorted(want - stored)}, extra {sorted(stored - want)}"
    for rep in p.reports:
        row, case = fc.reports[rep.url], rep.case
        assert (row["year"], row["format"]) == (str(case["facts"]["year"]), case["facts"]["format"]), rep.url
        got = fc.figures.get(rep.url, {})
        wrong = {k: (got.get(k), v) for k, v in case["figures"].items()
                 if got.get(k) in (None, "") or Decimal(got[k]) != Decimal(v)}
        assert not wrong, f"{rep.url}: {len(wrong)} figures differ (got, truth): {dict(list(wrong.items())[:5])}"
        assert set(got) <= set(case["figures"]), f"{rep.url}: figures not in the report {sorted(set(got) - set(case['figures']))[:5]}"


def db_bytes(fc) -> bytes:
    data = b""
    for path in glob.glob(fc.db_path + "*"):          # the file and any -wal / -journal beside it
        with open(path, "rb") as fh:
            data += fh.read()
    return data


# ---- classes that pass today (each would fail if its handling broke) --------------------------------------
def test_healthy_portals_every_report_exact_and_no_errors(fc):
    for key in ("healthy", "healthy2"):
        assert_reports_exact(fc, key)
        assert errors_of(fc, key) == [], errors_of(fc, key)
        assert fc.status[fc.web.portals[key].url] == "ok"
    run = rows(fc.db, "SELECT status FROM crawl_runs WHERE id = :i", i=fc.run_id)
    assert run == [("finished",)], run
    print(f"fault crawl: {fc.result.seconds:.0f} s, peak RSS tree {fc.result.peak_rss // MB} MB, "
          f"crawler {fc.result.peak_crawler // MB} MB, {len(fc.reports)} reports")


def test_every_error_row_names_its_run_and_portal(fc):
    assert fc.errors, "the fault web must leave crawl_errors rows"
    assert all(p is not None and run == fc.run_id for p, _k, _u, _d, run in fc.errors), \
        [e for e in fc.errors if e[0] is None or e[4] != fc.run_id][:5]


def test_portal_down_refused(fc):
    p = fc.web.portals["down"]
    assert fc.status[p.url] == "down"
    assert ("refused", p.url) in [(k, u) for k, u, _ in errors_of(fc, "down")], errors_of(fc, "down")


def test_hang_times_out_and_crawl_finishes(fc):
    assert_reports_exact(fc, "hang")
    assert [k for k, _, _ in errors_of(fc, "hang", fc.urls["hang"]["hang"])] == ["timeout"], errors_of(fc, "hang")
    assert fc.result.seconds < 240, "a hanging page held the crawl"


def test_connection_dropped_mid_response(fc):
    assert_reports_exact(fc, "drop")
    kinds = [k for k, _, _ in errors_of(fc, "drop", fc.urls["drop"]["drop"])]
    assert len(kinds) == 1 and KIND.match(kinds[0].lower()), kinds


def test_5xx_then_success_is_retried_and_stored(fc):
    assert_reports_exact(fc, "retry")
    assert fc.web.retry_route.calls["n"] >= 2, "the 503 was not retried"
    assert errors_of(fc, "retry", fc.urls["retry"]["retry"]) == []


def test_permanent_5xx_recorded(fc):
    assert [k for k, _, _ in errors_of(fc, "retry", fc.urls["retry"]["perm_5xx"])] == ["http_500"]


def test_soft_404_each_recorded(fc):
    assert_reports_exact(fc, "soft404")
    for year in (2019, 2020, 2021):
        url = fc.urls["soft404"][f"soft404_{year}"]
        assert [k for k, _, _ in errors_of(fc, "soft404", url)] == ["soft_404"], (url, errors_of(fc, "soft404"))


def test_drip_fed_within_timeout_stored_beyond_recorded(fc):
    assert_reports_exact(fc, "drip")       # the slow-within one is in the truth, the too-slow one is not
    assert fc.urls["drip"]["drip_ok"] in fc.reports
    assert [k for k, _, _ in errors_of(fc, "drip", fc.urls["drip"]["drip_slow"])] == ["timeout"]


def test_huge_page_refused_without_holding_it(fc):
    assert_reports_exact(fc, "huge")
    for what in ("huge_stream", "huge_declared"):
        kinds = [k for k, _, _ in errors_of(fc, "huge", fc.urls["huge"][what])]
        assert len(kinds) == 1, (what, errors_of(fc, "huge"))
    assert fc.result.peak_crawler < 600 * MB, f"crawler peaked at {fc.result.peak_crawler // MB} MB"


def test_gzip_and_deflate_bombs_refused_memory_bounded(fc):
    assert_reports_exact(fc, "gzip")
    for what in ("gz_bomb", "df_bomb"):
        kinds = [k for k, _, _ in errors_of(fc, "gzip", fc.urls["gzip"][what])]
        assert len(kinds) == 1, (what, errors_of(fc, "gzip"))
        assert KIND.match(kinds[0]), f"{what}: kind {kinds[0]!r} is not a kind (a message cut at its first colon)"
    assert fc.result.peak_crawler < 600 * MB, f"crawler peaked at {fc.result.peak_crawler // MB} MB"


def test_pdf_and_docx_bombs_cost_nothing_but_themselves(fc):
    assert_reports_exact(fc, "docbomb")      # the page with bomb copies still gives its report
    for what in ("pdf_alone", "docx_alone"):
        assert errors_of(fc, "docbomb", fc.urls["docbomb"][what]), (what, errors_of(fc, "docbomb"))
    # Parsers run in rlimited children; the tree may spend up to their limit, never inflate the bomb whole twice.
    assert fc.result.peak_rss < 3 * 1024 * MB, f"crawler tree peaked at {fc.result.peak_rss // MB} MB"


def test_spider_traps_hit_budget_real_reports_found(fc):
    assert_reports_exact(fc, "trap")
    served = fc.web.server.requests_to(fc.web.portals["trap"].ip)
    assert len(served) <= BUDGET + 10, f"{len(served)} requests against a budget of {BUDGET}"
    assert sum("/calendar.html" in path for _, _, path, _ in served) <= 30, "the calendar trap was walked"


def test_encodings_gbk_gb18030_bom(fc):
    assert_reports_exact(fc, "encodings")


def test_xxe_reads_no_file_and_fetches_nothing(fc):
    assert_reports_exact(fc, "xxe")
    assert fc.web.xxe_token.encode() not in db_bytes(fc), "the XXE marker file's contents reached the database"
    assert fc.web.offsite_requests() == [], fc.web.offsite_requests()


def test_path_traversal_stays_on_the_portal(fc):
    assert_reports_exact(fc, "traversal")
    p = fc.web.portals["traversal"]
    pid = fc.portal_ids[p.url]
    urls = [u for (u,) in rows(fc.db, "SELECT url FROM documents WHERE portal_id = :p UNION "
                                      "SELECT url FROM page_states WHERE portal_id = :p UNION "
                                      "SELECT url FROM crawl_errors WHERE portal_id = :p", p=pid)]
    assert urls and all(u.startswith(f"http://{p.host}/") for u in urls), [u for u in urls if p.host not in u]
    with open("/etc/passwd", "rb") as fh:
        first = fh.readline().strip()
    assert first not in db_bytes(fc), "a line of the real /etc/passwd reached the database"


# ---- contract: redirects (being built) ----------------------------------------------------------------------
def test_contract_reports_behind_redirects_stored_at_final_url(fc):
    assert_reports_exact(fc, "redirects")
    assert fc.status[fc.web.portals["redirects"].url] == "ok"


def test_contract_redirect_chain_recorded(fc):
    docs = {final: (url, chain) for url, final, chain in
            rows(fc.db, "SELECT url, final_url, redirect_chain FROM documents")}
    import json
    for final, hops in fc.web.hops.items():
        assert final in docs, f"no document with final_url {final}"
        chain = json.loads(docs[final][1]) if isinstance(docs[final][1], str) else docs[final][1]
        assert [u for _, u in chain] == [u for _, u in hops], (final, chain)
        for (got, _), (want, _) in zip(chain, hops):
            # an HTTP hop keeps its status; a meta refresh or script hop may name itself instead of 200
            assert got == want or (want == 200 and isinstance(got, str)), (final, chain)


def test_contract_redirect_loop_recorded(fc):
    kinds = {k for k, u, d in errors_of(fc, "redirects") if "/loop/" in u}
    assert kinds == {"redirect_loop"}, errors_of(fc, "redirects")


def test_contract_redirect_limit_recorded(fc):
    kinds = {k for k, u, d in errors_of(fc, "redirects") if "/hop/" in u}
    assert kinds == {"redirect_limit"}, [e for e in errors_of(fc, "redirects") if "/hop/" in e[1]]


def test_contract_offsite_redirect_recorded_nothing_fetched(fc):
    rec = [(k, u) for k, u, _ in errors_of(fc, "redirects") if k == "offsite"]
    assert rec and all(u in (fc.urls["redirects"]["offsite"], fc.urls["redirects"]["offsite_target"]) for _, u in rec), \
        errors_of(fc, "redirects")
    assert fc.web.offsite_requests() == [], "a request reached the off-portal server"


# ---- contract: failure rows (being built) ---------------------------------------------------------------
def test_contract_failed_attachments_recorded_with_cause(fc):
    assert_reports_exact(fc, "failrows")
    got = {u: d for k, u, d in errors_of(fc, "failrows") if k == "attachment"}
    assert "500" in got.get(fc.urls["failrows"]["attachment_500"], ""), errors_of(fc, "failrows")
    bombs = {u: d for k, u, d in errors_of(fc, "docbomb") if k == "attachment"}
    for what in ("pdf_attachment", "docx_attachment"):
        detail = bombs.get(fc.urls["docbomb"][what], "")
        assert re.search(r"bomb|memory|limit|size", detail), (what, errors_of(fc, "docbomb"))


def test_contract_mistyped_recorded(fc):
    for what in ("mistyped_pdf", "mistyped_ctype"):
        url = fc.urls["failrows"][what]
        assert "mistyped" in [k for k, _, _ in errors_of(fc, "failrows", url)], (what, errors_of(fc, "failrows", url))


def test_contract_not_report_recorded(fc):
    url = fc.urls["failrows"]["not_report"]
    assert [k for k, _, _ in errors_of(fc, "failrows", url)] == ["not_report"], errors_of(fc, "failrows")


def test_contract_budget_recorded(fc):
    p = fc.web.portals["trap"]
    assert fc.status[p.url] == "budget", fc.status[p.url]
    assert [k for k, _, _ in errors_of(fc, "trap") if k == "budget"] == ["budget"], errors_of(fc, "trap")


# ---- classes with their own crawl ---------------------------------------------------------------------------
def _stored(db: str) -> dict[str, int]:
    return {t: rows(db, f"SELECT COUNT(*) FROM {t}")[0][0]
            for t in ("reports", "figures", "checks", "blobs", "documents", "report_sources")}


def _assert_small_exact(web: SmallWeb, db: str) -> None:
    truth = {r.url: r for r in web.reports()}
    stored = {u: n for u, n in rows(db, "SELECT url, COUNT(*) FROM reports GROUP BY url")}
    assert stored == {u: 1 for u in truth}, (sorted(set(truth) - set(stored)), sorted(set(stored) - set(truth)))
    figs = rows(db, "SELECT r.url, f.key, f.value, COUNT(*) FROM figures f JOIN reports r ON r.id = f.report_id "
                    "WHERE f.current GROUP BY r.url, f.key")
    assert all(n == 1 for *_, n in figs), "a figure stored twice"
    got = {(u, k): v for u, k, v, _ in figs}
    for url, rep in truth.items():
        for k, v in rep.case["figures"].items():
            assert got.get((url, k)) is not None and Decimal(str(got[(url, k)])) == Decimal(v), (url, k, got.get((url, k)), v)
    assert rows(db, "SELECT COUNT(*) - COUNT(DISTINCT url) FROM documents")[0][0] == 0, "a document stored twice"


def test_same_crawl_twice_same_counts(tmp_path):
    with SmallWeb("127.0.12", portals=2, reports=3) as web:
        web.write_portals_csv(tmp_path / "p.csv")
        db = f"sqlite:///{tmp_path / 'twice.db'}"
        first = crawl(str(tmp_path / "p.csv"), db)
        assert first.returncode == 0, first.stderr[-2000:]
        before = _stored(db)
        second = crawl(str(tmp_path / "p.csv"), db)
        assert second.returncode == 0, second.stderr[-2000:]
        assert _stored(db) == before, (before, _stored(db))
        _assert_small_exact(web, db)
        assert rows(db, "SELECT COUNT(*), COUNT(DISTINCT status) FROM crawl_runs WHERE status = 'finished'") == [(2, 1)]


def test_kill_9_mid_crawl_then_recrawl_loses_and_duplicates_nothing(tmp_path):
    with SmallWeb("127.0.11", portals=2, reports=5, delay=1.2) as web:
        web.write_portals_csv(tmp_path / "p.csv")
        path = tmp_path / "killed.db"
        db = f"sqlite:///{path}"
        m = start_crawl(str(tmp_path / "p.csv"), db)
        stored, deadline = 0, time.monotonic() + 120
        while time.monotonic() < deadline and m.proc.poll() is None:
            try:
                stored = rows(db, "SELECT COUNT(*) FROM reports")[0][0] if path.exists() else 0
            except Exception:        # the schema is still being created
                stored = 0
            if stored:
                break
            time.sleep(0.05)
        assert m.proc.poll() is None, "the crawl ended before it could be killed (make the web slower)"
        os.killpg(m.proc.pid, signal.SIGKILL)        # the crawler and its document workers, no goodbye
        m.wait(30)
        assert 0 < stored < len(web.reports()), stored
        again = crawl(str(tmp_path / "p.csv"), db)
        assert again.returncode == 0, again.stderr[-2000:]
        _assert_small_exact(web, db)
        assert rows(db, "SELECT status FROM crawl_runs ORDER BY id DESC LIMIT 1") == [("finished",)]
