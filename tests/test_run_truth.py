"""A crawl tells the truth about how it ended (interface.md exit status of `govcrawl crawl`).

Real servers only: a throwaway PostgreSQL cluster stopped with `pg_ctl stop -m immediate` mid-crawl,
a SQLite file taken away mid-crawl, two crawls racing for one database, a crawl killed with -9, and
portals files with bad rows. Each crawl is a `govcrawl crawl` subprocess against the loopback test web.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.web.server import TestWeb

ROOT = Path(__file__).resolve().parent.parent
GOVCRAWL = [sys.executable, "-m", "govcrawl"]
ENV = dict(os.environ, GOVCRAWL_ENV="test")
ENV.pop("GOVCRAWL_DB", None)
SITES = ["laixi", "nanyang", "shengsi"]          # 30 reports, a few seconds of crawling
PG_BIN = Path("/usr/lib/postgresql/15/bin")


class SlowWeb(TestWeb):
    """The test web, each answer a little late: a crawl lasts long enough to be interrupted."""

    def __init__(self, delay: float):
        super().__init__()
        self.delay = delay

    def respond(self, req):
        time.sleep(self.delay)
        return super().respond(req)


@pytest.fixture(scope="module")
def slow_web():
    with SlowWeb(delay=0.25) as w:
        yield w


@pytest.fixture(scope="module")
def slower_web():
    """A crawl that must outlast two refused crawls and a Scrapy start-up (storing got fast)."""
    with SlowWeb(delay=1.0) as w:
        yield w


@pytest.fixture(scope="module")
def web():
    with TestWeb() as w:
        yield w


def portals_csv(web: TestWeb, path: Path, sites=SITES) -> str:
    web.write_portals_csv(path, sites=sites)
    return str(path)


def truth_urls(web: TestWeb, sites=SITES) -> set[str]:
    hosts = {h for sid in sites for h in web.sites[sid]["hosts"]}
    return {r["url"] for r in web.truth() if r["url"].split("/")[2] in hosts}


def stored_urls(web: TestWeb, db: str) -> set[str]:
    out = run("export", "reports", "--db", db, "--format", "csv", "-o", "-").stdout
    return {web.alias(r["url"]) for r in csv.DictReader(io.StringIO(out))}


def run(*args, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([*GOVCRAWL, *args], capture_output=True, text=True, errors="replace", env=ENV,
                          timeout=timeout, cwd=ROOT)


def start(*args) -> subprocess.Popen:
    return subprocess.Popen([*GOVCRAWL, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)


def finish(proc: subprocess.Popen, timeout=300) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err.decode("utf-8", "replace")


def scalar(db: str, sql: str):
    engine = create_engine(db, connect_args={"connect_timeout": 3} if db.startswith("postgresql") else {})
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        engine.dispose()


def wait_for(db: str, sql: str, at_least: int, proc: subprocess.Popen, timeout=180) -> int:
    """Poll until `sql` counts at least `at_least` (the crawl still running)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the crawl ended (exit {proc.returncode}) before the test could act"
        try:
            n = scalar(db, sql) or 0
        except Exception:
            n = 0                   # the database is not created yet
        if n >= at_least:
            return n
        time.sleep(0.05)
    raise AssertionError(f"{sql!r} never reached {at_least}")


def runs(db: str) -> list[tuple]:
    engine = create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, status, pid, host, started_at, finished_at FROM crawl_runs ORDER BY id"))
        out = [tuple(r) for r in rows]
    engine.dispose()
    return out


def status_runs(db: str) -> dict[int, str]:
    proc = run("status", "--db", db, "--format", "json")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return {r["run_id"]: r["status"] for r in json.loads(proc.stdout)["runs"]}


def assert_truthful_loss(rc: int, err: str, stored_before: int) -> None:
    assert rc == 3, f"exit {rc}, want 3 (database lost)\n{err[-3000:]}"
    lines = [l for l in err.splitlines() if l.strip()]
    summary = [l for l in lines if l.startswith("govcrawl crawl: database lost after")]
    assert len(summary) == 1, f"want one summary line, got {summary}\n{err[-3000:]}"
    assert lines[-1] == summary[0], f"the summary is not the last line:\n{err[-2000:]}"
    assert "failed" in summary[0] and "run " in summary[0]
    n_stored = int(summary[0].split("database lost after ")[1].split()[0])
    assert n_stored >= stored_before, summary[0]
    assert err.count("Traceback") <= 2, f"{err.count('Traceback')} tracebacks:\n{err[-3000:]}"
    noisy = [l for l in lines if "OperationalError" in l or "database lost" in l]
    assert len(noisy) <= 4, "a storm of database errors:\n" + "\n".join(noisy[:20])


# -- (a) PostgreSQL stops mid-crawl -----------------------------------------------------------------------

class Cluster:
    """A PostgreSQL cluster of this test's own (never the shared 5432 server)."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="govcrawl-pg-", dir="/tmp"))
        shutil.chown(self.dir, "postgres", "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        self._pg("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres")

    def _pg(self, tool: str, *args):
        r = subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / tool), *args],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, f"{tool} failed: {r.stdout}\n{r.stderr}"

    def start(self):
        self._pg("pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w", "start",
                 "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1")

    def stop(self, mode="immediate"):
        self._pg("pg_ctl", "-D", str(self.dir / "data"), "-m", mode, "-w", "stop")

    def remove(self):
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"),
                        "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster():
    c = Cluster()
    c.start()
    yield c
    c.remove()


def test_postgresql_lost_mid_crawl_exits_3_and_next_crawl_stores_everything(slow_web, cluster, tmp_path):
    portals = portals_csv(slow_web, tmp_path / "portals.csv")
    proc = start("crawl", "--portals", portals, "--db", cluster.url, "--allow-private", "--quiet")
    try:
        before = wait_for(cluster.url, "SELECT COUNT(*) FROM reports", 3, proc)
        cluster.stop("immediate")
        stopped = time.monotonic()
        rc, err = finish(proc, timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert time.monotonic() - stopped < 90, "the crawl went on long after its database was gone"
    assert_truthful_loss(rc, err, before)

    cluster.start()
    (run_id, status, pid, host, *_), = runs(cluster.url)
    assert pid == proc.pid and host == socket.gethostname()
    # Nobody could write `failed` while the server was down; status says it, the next crawl writes it.
    assert status_runs(cluster.url)[run_id] == "failed"
    again = run("crawl", "--portals", portals, "--db", cluster.url, "--allow-private", "--quiet")
    assert again.returncode == 0, again.stderr[-3000:]
    statuses = {r[0]: r[1] for r in runs(cluster.url)}
    assert statuses[run_id] == "failed", statuses
    assert statuses[max(statuses)] == "finished"
    missing = truth_urls(slow_web) - stored_urls(slow_web, cluster.url)
    assert not missing, f"the next crawl did not store {sorted(missing)}"


# -- (b) SQLite file taken away mid-crawl ----------------------------------------------------------------

def test_sqlite_file_gone_mid_crawl_exits_3_and_next_crawl_stores_everything(slow_web, tmp_path):
    db_file = tmp_path / "govcrawl.db"
    db = f"sqlite:///{db_file}"
    portals = portals_csv(slow_web, tmp_path / "portals.csv")
    proc = start("crawl", "--portals", portals, "--db", db, "--allow-private", "--quiet")
    try:
        before = wait_for(db, "SELECT COUNT(*) FROM reports", 3, proc)
        # As root no permission stops a write: the file goes away and a directory takes its name.
        os.rename(db_file, tmp_path / "aside.db")
        os.mkdir(db_file)
        rc, err = finish(proc, timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert_truthful_loss(rc, err, before)
    assert "written by the next crawl" in err.splitlines()[-1]

    os.rmdir(db_file)
    os.rename(tmp_path / "aside.db", db_file)
    (run_id, status, *_), = runs(db)
    assert status == "running"          # as the lost crawl left it
    assert status_runs(db)[run_id] == "failed"
    again = run("crawl", "--portals", portals, "--db", db, "--allow-private", "--quiet")
    assert again.returncode == 0, again.stderr[-3000:]
    statuses = {r[0]: r[1] for r in runs(db)}
    assert statuses[run_id] == "failed" and statuses[max(statuses)] == "finished", statuses
    missing = truth_urls(slow_web) - stored_urls(slow_web, db)
    assert not missing, f"the next crawl did not store {sorted(missing)}"


# -- (c) two crawls of one database ----------------------------------------------------------------------

def test_second_crawl_of_one_database_exits_4_or_waits(slower_web, db_url, tmp_path):
    slow_web = slower_web
    portals = portals_csv(slow_web, tmp_path / "portals.csv")
    first = start("crawl", "--portals", portals, "--db", db_url, "--allow-private", "--quiet")
    try:
        wait_for(db_url, "SELECT COUNT(*) FROM crawl_runs", 1, first)
        t = time.monotonic()
        small = portals_csv(slow_web, tmp_path / "small.csv", sites=["shengsi"])
        second = run("crawl", "--portals", small, "--db", db_url, "--allow-private", "--quiet", timeout=60)
        assert second.returncode == 4, f"exit {second.returncode}\n{second.stderr[-2000:]}"
        assert time.monotonic() - t < 30
        assert "another crawl" in second.stderr and "--wait" in second.stderr
        scrapy_way = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "portals", "-a", f"portals={small}",
                                     "-a", "allow_private=1", "-s", f"GOVCRAWL_DB={db_url}"],
                                    capture_output=True, text=True, errors="replace", env=ENV, cwd=ROOT, timeout=120)
        assert scrapy_way.returncode != 0 and "another crawl" in scrapy_way.stderr, scrapy_way.stderr[-2000:]
        assert first.poll() is None, "the first crawl ended too soon to test anything"
        waiting = start("crawl", "--portals", small, "--db", db_url, "--allow-private", "--quiet", "--wait")
        rc1, err1 = finish(first)
        rc3, err3 = finish(waiting)
    finally:
        for p in (first, locals().get("waiting")):
            if p is not None and p.poll() is None:
                p.kill()
    assert rc1 == 0, err1[-2000:]
    assert rc3 == 0, err3[-2000:]
    rows = runs(db_url)
    assert len(rows) == 2, rows         # the refused crawls recorded no run
    (_, s1, _, _, _, finished1), (_, s2, _, _, started2, _) = rows
    assert s1 == s2 == "finished"
    assert started2 >= finished1, "the --wait crawl ran while the first was still running"


# -- (d) a crawl killed with -9 ------------------------------------------------------------------------

def test_killed_crawl_shows_interrupted_and_next_crawl_marks_it(slow_web, sqlite_url, tmp_path):
    portals = portals_csv(slow_web, tmp_path / "portals.csv")
    proc = start("crawl", "--portals", portals, "--db", sqlite_url, "--allow-private", "--quiet")
    try:
        wait_for(sqlite_url, "SELECT COUNT(*) FROM reports", 2, proc)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
    (run_id, status, pid, host, started, _), = runs(sqlite_url)
    assert status == "running" and pid == proc.pid and host == socket.gethostname()
    assert status_runs(sqlite_url)[run_id] == "interrupted"
    shown = run("status", "--db", sqlite_url).stdout
    assert f"#{run_id} " in shown and "interrupted" in shown.split(f"#{run_id} ", 1)[1].splitlines()[0]

    again = run("crawl", "--portals", portals, "--db", sqlite_url, "--allow-private", "--quiet")
    assert again.returncode == 0, again.stderr[-3000:]
    statuses = {r[0]: r for r in runs(sqlite_url)}
    assert statuses[run_id][1] == "interrupted"
    finished_at = statuses[run_id][5]
    assert finished_at is not None and finished_at >= started
    missing = truth_urls(slow_web) - stored_urls(slow_web, sqlite_url)
    assert not missing, f"after the killed crawl, the next one did not store {sorted(missing)}"


def test_live_crawl_is_running_not_interrupted(slow_web, sqlite_url, tmp_path):
    portals = portals_csv(slow_web, tmp_path / "portals.csv", sites=["laixi"])
    proc = start("crawl", "--portals", portals, "--db", sqlite_url, "--allow-private", "--quiet")
    try:
        wait_for(sqlite_url, "SELECT COUNT(*) FROM crawl_runs", 1, proc)
        assert list(status_runs(sqlite_url).values()) == ["running"]
    finally:
        rc, err = finish(proc)
    assert rc == 0, err[-2000:]


# -- (e) portals files with bad rows ---------------------------------------------------------------------

def bad_rows_file(web: TestWeb, path: Path) -> str:
    web.write_portals_csv(path, sites=["laixi"])
    header, good = path.read_text(encoding="utf-8").splitlines()[:2]        # code,name,url,level,hosts
    path.write_text(f"{header}\n{good}\n"                                     # line 2: good
                    "370285,没有网址,,county,\n"                                # line 3: no url
                    "370285,FTP,ftp://127.0.0.1/,county,\n"                     # line 4: not http(s)
                    "37028,短代码,http://127.0.0.1:9/,county,\n"                # line 5: not 6 digits
                    "999999,无此区划,http://127.0.0.1:9/,county,\n",            # line 6: unknown code
                    encoding="utf-8")
    return str(path)


def test_bad_rows_are_named_and_good_rows_crawled(web, sqlite_url, tmp_path):
    portals = bad_rows_file(web, tmp_path / "portals.csv")
    proc = run("crawl", "--portals", portals, "--db", sqlite_url, "--allow-private", "--quiet")
    assert proc.returncode == 0, proc.stderr[-3000:]
    for line in (3, 4, 5, 6):
        assert f"portals.csv:{line}:" in proc.stderr, f"line {line} not reported:\n{proc.stderr[-2000:]}"
    assert "portals.csv:2:" not in proc.stderr
    assert proc.stderr.count("portals.csv:3:") == 1, "a bad row reported twice"
    assert stored_urls(web, sqlite_url) == truth_urls(web, ["laixi"])
    assert scalar(sqlite_url, "SELECT COUNT(*) FROM portals") == 1


def test_strict_refuses_a_file_with_bad_rows(web, sqlite_url, tmp_path):
    portals = bad_rows_file(web, tmp_path / "portals.csv")
    start_requests = len(web.requests)
    proc = run("crawl", "--portals", portals, "--db", sqlite_url, "--allow-private", "--quiet", "--strict")
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "portals.csv:3:" in proc.stderr and "portals.csv:6:" in proc.stderr
    assert len(web.requests) == start_requests
    only_bad = tmp_path / "bad.csv"
    only_bad.write_text("code,name,url\n370285,x,ftp://a/\n999999,y,http://127.0.0.1:9/\n", encoding="utf-8")
    proc = run("crawl", "--portals", str(only_bad), "--db", sqlite_url, "--allow-private", "--quiet")
    assert proc.returncode == 2 and "bad.csv:2:" in proc.stderr and "bad.csv:3:" in proc.stderr, proc.stderr


def test_scrapy_crawl_skips_bad_rows_too(web, sqlite_url, tmp_path):
    portals = bad_rows_file(web, tmp_path / "portals.csv")
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "portals", "-a", f"portals={portals}",
                           "-a", "allow_private=1", "-s", f"GOVCRAWL_DB={sqlite_url}"],
                          capture_output=True, text=True, errors="replace", env=ENV, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert all(f"portals.csv:{n}:" in proc.stderr for n in (3, 4, 5, 6)), proc.stderr[-2000:]
    assert stored_urls(web, sqlite_url) == truth_urls(web, ["laixi"])


# -- budget: the documented portal status reaches the database -----------------------------------------------

def test_budget_status_is_kept(web, sqlite_url, tmp_path):
    portals = portals_csv(web, tmp_path / "portals.csv", sites=["laixi"])
    proc = run("crawl", "--portals", portals, "--db", sqlite_url, "--allow-private", "--quiet", "--budget", "5")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert scalar(sqlite_url, "SELECT status FROM crawl_run_portals") == "budget"
    assert scalar(sqlite_url, "SELECT last_status FROM portals") == "budget"
