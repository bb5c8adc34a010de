"""The scheduler against the test web.

1. A whole year on a fake clock: the test steps through 2024 day by day, asks the calendar which
   crawl is due (the same pure function the scheduler's job asks), and runs that crawl for real
   (the child process the scheduler starts, under the same lock) against the test web set to that
   day. Reports appear on the dates of the test web; one report is corrected on 10 May.
   To keep the test near a minute, a due day on which nothing changed on the web since the last
   real crawl is not crawled, except three spot checks that must find nothing new.
2. `govcrawl schedule` as a real process: job store tables, a recorded crawl, SIGTERM, exit 0;
   two schedulers on one database never crawl at once; a run missed while down runs once on start.
"""
import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from govcrawl.scheduling import calendar as cal
from govcrawl.scheduling.calendar import FULL, INCREMENTAL, ScheduleConfig
from govcrawl.scheduling.crawljob import command
from govcrawl.scheduling.lock import crawl_lock
from tests.web.server import TestWeb

ROOT = Path(__file__).resolve().parent.parent
SITES = ["laixi", "shengsi"]   # TRS with a department sub-site and townships; GBK pages with a lying header
CZJ_2023 = "http://www.laixi.gov.cn/zwgk/bm/czj/ndbg/202401/t20240126_6033.html"
FIX_DAY = date(2024, 5, 10)
SPOT_DAYS = {date(2024, 1, 15), date(2024, 5, 1), date(2024, 7, 1)}   # due days crawled though nothing changed
# Read from the row 一、本年新收政府信息公开申请数量 of the page: 40 natural persons, 43 in total.
ROW_BEFORE = "一、本年新收政府信息公开申请数量</td><td>40</td><td>1</td><td>1</td><td>0</td><td>1</td><td>0</td><td>43</td>"
ROW_AFTER = "一、本年新收政府信息公开申请数量</td><td>41</td><td>1</td><td>1</td><td>0</td><td>1</td><td>0</td><td>44</td>"


def child_env():
    env = dict(os.environ, GOVCRAWL_ENV="test", PYTHONPATH=str(ROOT))
    env.pop("GOVCRAWL_DB", None)
    return env


def write_portals(web: TestWeb, path: Path, sites) -> None:
    """The portals file, with each site's department sub-hosts (their own loopback addresses) listed."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "name", "url", "level", "hosts"])
        for row in web.portals(sites):
            site = web.sites[row["site"]]
            hosts = " ".join(f"{web.addr[h]}:{web.port}" for h in site["hosts"])
            w.writerow([row["code"], row["name"], row["url"], row["level"], hosts])


def days(start: date, end: date):
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


def db_rows(db_path: Path, sql: str, *params):
    con = sqlite3.connect(db_path, timeout=30)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=None)


def assert_no_overlap(db_path: Path) -> list:
    runs = db_rows(db_path, "SELECT id, started_at, finished_at, status FROM crawl_runs ORDER BY started_at")
    for a, b in zip(runs, runs[1:]):
        assert a[2] is not None, f"run {a[0]} never finished ({a[3]})"
        assert utc(a[2]) <= utc(b[1]), f"runs {a[0]} and {b[0]} overlap"
    return runs


# ---- 1. a year on a fake clock ---------------------------------------------------------------------

def test_a_year_of_the_publication_calendar(tmp_path):
    db_path = tmp_path / "year.db"
    db_url = f"sqlite:///{db_path}"
    portals = tmp_path / "portals.csv"
    cfg = ScheduleConfig(allow_private=True)
    with TestWeb(now="2024-01-01") as web:
        write_portals(web, portals, SITES)
        appears = {url: date.fromisoformat(d) for sid in SITES for url, d in web.sites[sid].get("appears", {}).items()}
        truth = [r for r in web.truth(include_unpublished=True) if r["site"] in SITES]
        original = (Path(web.sites["laixi"]["dir"]) / "www.laixi.gov.cn/zwgk/bm/czj/ndbg/202401/t20240126_6033.html").read_bytes()
        assert original.count(ROW_BEFORE.encode()) == 1

        found: dict[str, date] = {}
        crawls: list[tuple[date, str, int]] = []     # (day, mode, crawl run id)
        last_full, pending_new, pending_fix = None, False, False
        for day in days(date(2024, 1, 1), date(2024, 12, 31)):
            web.set_now(day)
            pending_new = pending_new or day in appears.values()
            if day == FIX_DAY:
                web.replace(CZJ_2023, original.replace(ROW_BEFORE.encode(), ROW_AFTER.encode()))
                pending_fix = True
            mode = cal.run_due(day, cfg, last_full)
            if mode is None:
                continue
            if not (mode == FULL or pending_new or day in SPOT_DAYS or (pending_fix and mode != INCREMENTAL)):
                continue
            with crawl_lock(db_url):
                r = subprocess.run(command(db_url, str(portals), mode, allow_private=True), cwd=ROOT,
                                   env=child_env(), capture_output=True, text=True, errors="replace", timeout=300)
            assert r.returncode == 0, r.stderr[-3000:]
            run_id = db_rows(db_path, "SELECT max(id) FROM crawl_runs")[0][0]
            crawls.append((day, mode, run_id))
            last_full = day if mode == FULL else last_full
            pending_new = False
            pending_fix = pending_fix and mode == INCREMENTAL
            for (url,) in db_rows(db_path, "SELECT url FROM reports"):
                found.setdefault(web.alias(url), day)

        print(f"year: {len(crawls)} real crawls: " + ", ".join(f"{d:%m-%d} {m}" for d, m, _ in crawls))
        assert len(crawls) < 25
        # every report on the web was found; those published in the busy season within a day
        missing = [r["url"] for r in truth if r["url"] not in found]
        assert not missing, f"never found: {missing}"
        for r in truth:
            appeared = appears.get(r["url"])
            if appeared is None or appeared < date(2024, 1, 1):
                assert found[r["url"]] == date(2024, 1, 1), r["url"]       # the first (full) crawl
            else:
                assert cal.season(appeared, cfg)[0] == "busy"
                assert found[r["url"]] - appeared <= timedelta(days=1), (r["url"], appeared, found[r["url"]])
        # the dates the 2023 reports appear on the test web, as its site.json gives them
        expect_2023 = {"zwgk/bm/czj/ndbg/202401/t20240126_6033.html": date(2024, 1, 26),
                       "zwgk/xzjd/jsz/xxgknb/202401/t20240130_6047.html": date(2024, 1, 30),
                       "zwgk/xzjd/ysz/xxgknb/202401/t20240131_6051.html": date(2024, 1, 31),
                       "xxgk/ndbg/202402/t20240210_881.html": date(2024, 2, 10),
                       "zwgk/zfxxgknb/202403/t20240329_6120.html": date(2024, 3, 29),
                       "info/1005/1918.htm": date(2024, 3, 15)}
        for tail, day in expect_2023.items():
            url = next(u for u in found if u.endswith(tail))
            assert found[url] in (day, day + timedelta(days=1)), url

        # the corrected report: version 2 from the first verify run after the fix, version 1 kept
        fix_run = next((day, mode, rid) for day, mode, rid in crawls if day >= FIX_DAY)
        assert fix_run[1] != INCREMENTAL and fix_run[0] - FIX_DAY <= timedelta(days=cfg.verify_every_days)
        served = web.served(CZJ_2023)
    rid, version = db_rows(db_path, "SELECT id, version FROM reports WHERE url = ?", served)[0]
    assert version == 2
    figs = {(v, k): (val, cur) for v, k, val, cur in db_rows(
        db_path, "SELECT version, key, value, \"current\" FROM figures WHERE report_id = ?", rid)}
    assert float(figs[(1, "requests.new.natural_person")][0]) == 40
    assert float(figs[(1, "requests.new.total")][0]) == 43
    assert float(figs[(2, "requests.new.natural_person")][0]) == 41
    assert float(figs[(2, "requests.new.total")][0]) == 44
    assert not any(cur for (v, _k), (_val, cur) in figs.items() if v == 1)
    assert all(cur for (v, _k), (_val, cur) in figs.items() if v == 2)
    assert db_rows(db_path, "SELECT sum(reports_changed) FROM crawl_run_portals WHERE run_id = ?", fix_run[2])[0][0] == 1

    # spot checks on an unchanged web: nothing new, nothing changed
    for day, _mode, run_id in crawls:
        if day in SPOT_DAYS:
            new, changed = db_rows(db_path, "SELECT sum(reports_new), sum(reports_changed) FROM crawl_run_portals "
                                            "WHERE run_id = ?", run_id)[0]
            assert (new, changed) == (0, 0), day
    # the yearly full rediscovery ran on its date; runs never overlapped
    assert [(d, m) for d, m, _ in crawls if m == FULL] == [(date(2024, 1, 1), FULL), (date(2024, 1, 10), FULL)]
    assert len(assert_no_overlap(db_path)) == len(crawls)

    # late reports flagged late by `govcrawl status`, judged by hand from the truth's publication dates
    late = {}
    for year in (2021, 2022, 2023):
        r = subprocess.run([sys.executable, "-m", "govcrawl", "status", "--db", db_url, "--year", str(year),
                            "--format", "json"], cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        rows = json.loads(r.stdout)["compliance"]["published"]
        late[year] = sorted(x["agency"] for x in rows if x["timeliness"] == "late")
        if year == 2023:
            on_time = sorted(x["agency"] for x in rows if x["timeliness"] == "on_time")
    assert late == {2021: ["莱西市人民政府"],               # 2022-04-12 > 31 March
                    2022: ["莱西市院上镇人民政府"],           # township, 2023-02-03 > 31 January
                    2023: ["嵊泗县财政局",                  # department, 2024-02-02 > 31 January
                           "莱西市教育体育局"]}              # department, 2024-02-10 > 31 January
    assert on_time == sorted(["莱西市人民政府", "莱西市财政局", "莱西市院上镇人民政府", "莱西市姜山镇人民政府",
                              "嵊泗县人民政府"])


# ---- 2. the scheduler process -------------------------------------------------------------------------

def start_scheduler(tmp_path: Path, db_url: str, portals: Path, config: str, name: str):
    cfg = tmp_path / f"{name}.toml"
    cfg.write_text(config)
    log = open(tmp_path / f"{name}.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "govcrawl", "schedule", "--db", db_url, "--portals", str(portals),
                             "--config", str(cfg)], cwd=ROOT, env=child_env(), stdout=log, stderr=subprocess.STDOUT)
    return proc, tmp_path / f"{name}.log"


def stop(proc) -> tuple[int, float]:
    t = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(timeout=30)
    return rc, time.monotonic() - t


def wait_for(predicate, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def finished_runs(db_path: Path) -> int:
    try:
        return db_rows(db_path, "SELECT count(*) FROM crawl_runs WHERE finished_at IS NOT NULL")[0][0]
    except sqlite3.OperationalError:        # tables not created yet
        return 0


FAST = "[scheduler]\ninterval_seconds = {every}\nstop_timeout_seconds = 10\n[crawl]\nallow_private = true\n"


@pytest.fixture()
def web_portals(tmp_path):
    with TestWeb() as web:
        portals = tmp_path / "portals.csv"
        write_portals(web, portals, SITES)
        yield portals


def test_scheduler_process_crawls_and_stops_on_sigterm(tmp_path, web_portals):
    db_path = tmp_path / "s.db"
    proc, log = start_scheduler(tmp_path, f"sqlite:///{db_path}", web_portals, FAST.format(every=2), "a")
    try:
        wait_for(lambda: finished_runs(db_path) >= 2, 90, "two crawl runs")
        tables = {t for (t,) in db_rows(db_path, "SELECT name FROM sqlite_master WHERE type='table'")}
        assert "apscheduler_jobs" in tables
        jobs = db_rows(db_path, "SELECT id, next_run_time FROM apscheduler_jobs")
        assert len(jobs) == 1 and jobs[0][0].startswith("crawl:")
        reports = db_rows(db_path, "SELECT count(*) FROM reports")[0][0]
        assert reports >= 5                              # 莱西 and its bodies: 12 reports 2019-2023
    finally:
        rc, took = stop(proc)
    assert rc == 0, log.read_text()[-3000:]
    print(f"SIGTERM to exit: {took:.2f} s")
    assert took < 10
    statuses = [s for (s,) in db_rows(db_path, "SELECT status FROM crawl_runs")]
    assert "running" not in statuses                    # a crawl cut by SIGTERM still records its end
    commands = [c for (c,) in db_rows(db_path, "SELECT command FROM crawl_runs ORDER BY id")]
    assert commands[0].endswith(" full=1 recheck=1")     # first crawl ever: full rediscovery
    assert "scheduler stopped" in log.read_text()
    st = subprocess.run([sys.executable, "-m", "govcrawl", "status", "--db", f"sqlite:///{db_path}", "--format", "json"],
                        cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=60)
    assert st.returncode == 0, st.stderr
    jobs = json.loads(st.stdout)["scheduled"]
    assert len(jobs) == 1 and jobs[0]["job"].startswith("crawl:") and jobs[0]["next_run"]


def test_two_schedulers_never_crawl_at_once(tmp_path, web_portals):
    db_path = tmp_path / "two.db"
    db_url = f"sqlite:///{db_path}"
    a, log_a = start_scheduler(tmp_path, db_url, web_portals, FAST.format(every=1), "a")
    b, log_b = start_scheduler(tmp_path, db_url, web_portals, FAST.format(every=1), "b")
    try:
        wait_for(lambda: finished_runs(db_path) >= 4, 120, "four crawl runs")
    finally:
        rc_a, _ = stop(a)
        rc_b, _ = stop(b)
    assert (rc_a, rc_b) == (0, 0)
    runs = assert_no_overlap(db_path)
    assert len(runs) >= 4
    logs = log_a.read_text() + log_b.read_text()
    assert "skipped: another crawl holds" in logs        # the lock, not luck, kept them apart


def test_missed_run_runs_once_on_start(tmp_path, web_portals):
    db_path = tmp_path / "m.db"
    db_url = f"sqlite:///{db_path}"
    proc, _ = start_scheduler(tmp_path, db_url, web_portals, FAST.format(every=2), "first")
    try:
        wait_for(lambda: finished_runs(db_path) >= 1, 90, "a first crawl")
    finally:
        assert stop(proc)[0] == 0
    before = finished_runs(db_path)
    (stored,) = db_rows(db_path, "SELECT next_run_time FROM apscheduler_jobs")[0]
    time.sleep(max(0.0, stored - time.time()) + 1.0)          # the stored fire time passes while it is down
    # Restart on the real calendar, with the day's run time twelve hours away: only the missed run can fire.
    run_at = (datetime.now(timezone.utc) + timedelta(hours=12)).astimezone(cal.ScheduleConfig().tz)
    config = (f'[calendar]\nrun_at = "{run_at:%H:%M}"\n[scheduler]\nmisfire_grace_seconds = 3600\n'
              "stop_timeout_seconds = 10\n[crawl]\nallow_private = true\n")
    proc, log = start_scheduler(tmp_path, db_url, web_portals, config, "second")
    try:
        wait_for(lambda: finished_runs(db_path) == before + 1, 60, "the missed run")
        time.sleep(4)
        assert finished_runs(db_path) == before + 1           # once, not once per missed interval
        (nxt,) = db_rows(db_path, "SELECT next_run_time FROM apscheduler_jobs")[0]
        assert nxt > time.time() + 3600                       # back on the calendar
    finally:
        rc, _ = stop(proc)
    assert rc == 0
    assert "was missed: running it now" in log.read_text()


# ---- 3. the crawl lock ------------------------------------------------------------------------------

def test_crawl_lock_file_excludes_a_second_holder_and_is_released(tmp_path):
    from govcrawl.scheduling.lock import Busy, lock_path
    url = f"sqlite:///{tmp_path / 'l.db'}"
    assert lock_path(url) == str(tmp_path / "l.db") + ".crawl.lock"
    with crawl_lock(url):
        with crawl_lock(url):         # the holder's own process (and its children) hold it already:
            pass                      # `govcrawl crawl` takes it, then its spider's recorder again
        # another process is refused
        probe = subprocess.run([sys.executable, "-c", "import sys; from govcrawl.scheduling.lock import crawl_lock, Busy\n"
                                f"try:\n with crawl_lock({url!r}): sys.exit(0)\nexcept Busy: sys.exit(3)"],
                               cwd=ROOT, env={k: v for k, v in child_env().items() if k != "GOVCRAWL_CRAWL_LOCK_HELD"},
                               timeout=60)
        assert probe.returncode == 3
    with crawl_lock(url):            # released on exit
        pass


def test_crawl_lock_postgresql_advisory(pg_url):
    from govcrawl.scheduling.lock import Busy
    url = pg_url                      # a fresh database; the test fails when PostgreSQL is missing
    with crawl_lock(url):
        probe = subprocess.run([sys.executable, "-c", "import sys; from govcrawl.scheduling.lock import crawl_lock, Busy\n"
                                f"try:\n with crawl_lock({url!r}): sys.exit(0)\n"
                                "except Busy as exc:\n print(exc); sys.exit(3)"],
                               cwd=ROOT, env={k: v for k, v in child_env().items() if k != "GOVCRAWL_CRAWL_LOCK_HELD"},
                               timeout=60, capture_output=True, text=True)
        assert probe.returncode == 3 and "advisory" in probe.stdout, (probe.returncode, probe.stdout, probe.stderr)
    with crawl_lock(url):
        pass
