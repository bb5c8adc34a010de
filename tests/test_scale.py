"""Scale-out with real Redis and PostgreSQL (govcrawl/scale): workers crawl a submitted crawl into the
same database a one-process crawl makes; a worker killed with -9 loses and duplicates nothing; two
workers never put more concurrent requests on one host than the settings allow.

Redis: $GOVCRAWL_TEST_REDIS (scripts/test starts a throwaway one when 127.0.0.1:6379 does not answer).
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest
from sqlalchemy import create_engine, text

from govcrawl.registry import load_portals
from govcrawl.scale import crawls, registry, submit
from tests.loopback import LoopbackServer, bind_common_port, respond, serve, shutdown, write_portals_csv
from tests.test_end_to_end import compare_with_truth, export
from tests.web.server import TestWeb

REDIS = os.environ.get("GOVCRAWL_TEST_REDIS", "redis://127.0.0.1:6379/0")
ENV = dict(os.environ, GOVCRAWL_ENV="test")
GOVCRAWL = [sys.executable, "-m", "govcrawl"]
# HTML-only sites of the test web (no scans: OCR would make the test minutes long); ganzhou is three
# portals on one host.
SITES = ["ganzhou", "shengsi"]


@pytest.fixture(scope="module")
def redis_client():
    import redis
    r = redis.Redis.from_url(REDIS, decode_responses=True)
    try:
        r.ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis is not reachable at {REDIS}: {exc} (run scripts/test, which starts one)")
    return r


class SubsetWeb:
    """The test web seen through the sites under test only (compare_with_truth reads truth())."""

    def __init__(self, web: TestWeb, sites: list[str]):
        self.web, self.sites = web, sites

    def truth(self):
        return [r for r in self.web.truth() if r["site"] in self.sites]

    def case(self, row):
        return self.web.case(row)

    def alias(self, url):
        return self.web.alias(url)


@pytest.fixture(scope="module")
def scale_web():
    with TestWeb() as w:
        yield w


@pytest.fixture(scope="module")
def portals_file(scale_web, tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "portals.csv"
    scale_web.write_portals_csv(path, sites=SITES)
    return str(path)


@pytest.fixture(scope="module")
def one_process(scale_web, portals_file, tmp_path_factory):
    """The embedded default: one process, SQLite, no Redis. Its export is what workers must match."""
    db = f"sqlite:///{tmp_path_factory.mktemp('one') / 'govcrawl.db'}"
    run("crawl", "--portals", portals_file, "--db", db, "--allow-private", "--quiet")
    assert not compare_with_truth(SubsetWeb(scale_web, SITES), db)
    return snapshot(db)


def run(*args) -> subprocess.CompletedProcess:
    proc = subprocess.run([*GOVCRAWL, *args], capture_output=True, text=True, errors="replace", env=ENV, timeout=300)
    assert proc.returncode == 0, f"govcrawl {' '.join(args)} exited {proc.returncode}\n{proc.stderr[-3000:]}"
    return proc


def start_worker(db: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([*GOVCRAWL, "worker", "--redis", REDIS, "--db", db, *extra], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for w in workers:
        if w.poll() is None:
            w.send_signal(signal.SIGTERM)
    for w in workers:
        try:
            w.wait(timeout=60)
        except subprocess.TimeoutExpired:
            w.kill()
            w.wait()


def snapshot(db: str) -> dict:
    """What a crawl stored, by URL (ids differ between databases): reports and their figures."""
    reports = {r["url"]: {k: v for k, v in r.items() if k != "report_id"} for r in export(db, "reports")}
    url_of = {r["report_id"]: r["url"] for r in export(db, "reports")}
    figures: dict[str, dict] = {}
    for m in export(db, "metrics"):
        figures.setdefault(url_of[m["report_id"]], {})[m["key"]] = (m["value"], m["raw"])
    return {"reports": reports, "figures": figures}


def stored_once(db: str) -> list[str]:
    """Reports or current figures stored more than once, and portals run more than once per run."""
    engine = create_engine(db)
    with engine.connect() as conn:
        dup = [f"report {u} x{n}" for u, n in conn.execute(text(
            "SELECT url, COUNT(*) FROM reports GROUP BY url HAVING COUNT(*) > 1"))]
        dup += [f"figure {r}/{k} x{n}" for r, k, n in conn.execute(text(
            "SELECT report_id, key, COUNT(*) FROM figures WHERE current GROUP BY report_id, key HAVING COUNT(*) > 1"))]
        runs = conn.execute(text("SELECT COUNT(DISTINCT run_id) FROM crawl_run_portals")).scalar_one()
    engine.dispose()
    return dup + ([] if runs else ["no crawl run recorded"])


def runs_of(db: str) -> dict[int, int]:
    """crawl run id -> pid of the process that ran it."""
    engine = create_engine(db)
    with engine.connect() as conn:
        out = dict(conn.execute(text("SELECT id, pid FROM crawl_runs")).all())
    engine.dispose()
    return out


def test_three_workers_store_what_one_process_stores(one_process, portals_file, pg_url, redis_client):
    workers = [start_worker(pg_url, "--batch", "1") for _ in range(3)]
    try:
        run("crawl", "--portals", portals_file, "--redis", REDIS, "--db", pg_url, "--allow-private", "--quiet")
    finally:
        stop_workers(workers)
    got = snapshot(pg_url)
    assert got["reports"] == one_process["reports"]
    assert got["figures"] == one_process["figures"]
    assert not stored_once(pg_url)
    assert len(set(runs_of(pg_url).values())) >= 2, "the portals were not shared between workers"


def submit_and_wait_in_background(portals_file: str, db: str, r, lease_s: float):
    """Submit the portals file as `govcrawl crawl --redis` would, with this lease, and wait for it in a
    thread: (spec, the thread, {"code": exit status} once it ends)."""
    args = argparse.Namespace(budget=None, allow_private=True, render="auto", full=False, recheck=False)
    spec = submit.make_spec(load_portals(portals_file), db, args, lease_s=lease_s)
    crawls.submit(r, spec)
    result: dict = {}
    waiter = threading.Thread(target=lambda: result.update(code=submit.wait(r, spec, quiet=True, poll_s=0.5)))
    waiter.start()
    return spec, waiter, result


def test_kill_9_of_a_worker_loses_and_duplicates_nothing(one_process, portals_file, pg_url, redis_client):
    victim = start_worker(pg_url, "--batch", "2")
    spec, waiter, result = submit_and_wait_in_background(portals_file, pg_url, redis_client, lease_s=4.0)
    others: list[subprocess.Popen] = []
    try:
        child = wait_for_crawling_child(victim.pid, pg_url)
        victim.kill()                                   # kill -9 mid-crawl: its leases are no longer renewed
        victim.wait()
        others = [start_worker(pg_url, "--batch", "2") for _ in range(2)]     # they join late and take over
        waiter.join(timeout=240)
        assert not waiter.is_alive(), "the crawl did not finish after its worker was killed"
        assert result["code"] == 0
        assert not pid_alive(child), "the killed worker's crawl process outlived it"
    finally:
        stop_workers(others)
        if waiter.is_alive():
            crawls.close(redis_client, spec.crawl_id, "cancelled")
    attempts = redis_client.hgetall(f"govcrawl:crawl:{spec.crawl_id}:attempts")
    assert max(int(n) for n in attempts.values()) >= 2, "no portal was taken over from the killed worker"
    done = redis_client.smembers(f"govcrawl:crawl:{spec.crawl_id}:done")
    assert done == set(spec.portal_urls)
    assert recorded_portals(pg_url) >= done, "a portal marked done in Redis has no run row"
    got = snapshot(pg_url)
    assert got["reports"] == one_process["reports"]
    assert got["figures"] == one_process["figures"]
    assert not stored_once(pg_url)


def test_a_stopped_worker_gives_its_portals_back_at_once(one_process, portals_file, pg_url, redis_client):
    """SIGTERM (systemctl stop): the crawl process closes and hands back what it holds; with a lease of
    10 minutes, only that lets the late worker finish the crawl within the test."""
    victim = start_worker(pg_url, "--batch", "2")
    spec, waiter, result = submit_and_wait_in_background(portals_file, pg_url, redis_client, lease_s=600.0)
    other = None
    try:
        deadline = time.monotonic() + 60
        while not crawls.progress(redis_client, spec.crawl_id)["leased"] and time.monotonic() < deadline:
            time.sleep(0.05)
        victim.send_signal(signal.SIGTERM)      # as soon as it holds portals: it cannot have finished them all
        assert victim.wait(timeout=60) == 0
        prog = crawls.progress(redis_client, spec.crawl_id)
        assert prog["leased"] == 0, "the stopped worker kept leases"
        assert prog["done"] < prog["total"], "the worker finished before it was stopped: nothing was handed back"
        other = start_worker(pg_url, "--batch", "2")
        waiter.join(timeout=180)
        assert not waiter.is_alive(), "the portals of the stopped worker never came back"
        assert result["code"] == 0
    finally:
        stop_workers([other] if other else [])
        if waiter.is_alive():
            crawls.close(redis_client, spec.crawl_id, "cancelled")
    got = snapshot(pg_url)
    assert got["reports"] == one_process["reports"]
    assert got["figures"] == one_process["figures"]
    assert not stored_once(pg_url)


def recorded_portals(db: str, status: str = "ok") -> set[str]:
    """Portal URLs with a run row of that status, in any run."""
    engine = create_engine(db)
    with engine.connect() as conn:
        out = set(conn.execute(text("SELECT DISTINCT p.url FROM crawl_run_portals c JOIN portals p "
                                    "ON p.id = c.portal_id WHERE c.status = :s"), {"s": status}).scalars())
    engine.dispose()
    return out


def test_one_crawl_process_is_fed_every_lease_and_records_each_portal(portals_file, pg_url, redis_client):
    """With --batch 1 a worker holds one portal at a time; one Scrapy process crawls them all, taking the
    next lease as a portal settles (before: a new process, ≈ 3 s CPU, per lease)."""
    w = start_worker(pg_url, "--batch", "1")
    try:
        run("crawl", "--portals", portals_file, "--redis", REDIS, "--db", pg_url, "--allow-private", "--quiet")
    finally:
        stop_workers([w])
    urls = {e.url for e in load_portals(portals_file)}
    assert len(urls) >= 3
    assert len(runs_of(pg_url)) == 1, "a crawl process per lease: the worker's process was not fed"
    assert recorded_portals(pg_url) == urls
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        per_portal = conn.execute(text("SELECT COUNT(*), COUNT(DISTINCT portal_id) FROM crawl_run_portals")).one()
    engine.dispose()
    assert per_portal == (len(urls), len(urls)), "a portal recorded twice, or at close and as it ended"


def wait_for_crawling_child(worker_pid: int, db: str, timeout: float = 60) -> int:
    """The pid of the worker's crawl process, once that process has registered its run (it crawls)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = [p for p in child_pids(worker_pid) if p in runs_of(db).values()]
        if children:
            time.sleep(0.5)
            return children[0]
        time.sleep(0.2)
    raise AssertionError("the worker never started crawling")


def child_pids(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    if int(fh.read().rsplit(b")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return out


def pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


# -- politeness: one host, two portals on it, slow pages; the server counts requests in flight ---------
HOST = "127.0.42.1"
LINKS = 30
SLOW_S = 0.4
LIMIT = 8          # CONCURRENT_REQUESTS_PER_DOMAIN of govcrawl/settings/test.py


class CountingHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        srv = self.server
        with srv.lock:
            srv.in_flight += 1
            srv.peak = max(srv.peak, srv.in_flight)
        try:
            time.sleep(SLOW_S)
            prefix = self.path.split("/")[1]
            if self.path.endswith("/"):
                links = "".join(f'<li><a href="/{prefix}/r{i}.html">{2000 + i}年政府信息公开工作年度报告</a></li>'
                                for i in range(LINKS))
                body = f"<html><head><title>政府信息公开年报</title></head><body><ul>{links}</ul></body></html>"
            else:
                body = "<html><head><title>政府信息公开工作年度报告</title></head><body><p>本页暂无内容</p></body></html>"
            respond(self, 200, "text/html; charset=utf-8", [], body.encode())
        finally:
            with srv.lock:
                srv.in_flight -= 1


@pytest.fixture
def counting_host(tmp_path):
    def make(address):
        srv = LoopbackServer(address, CountingHandler)
        srv.lock, srv.in_flight, srv.peak = threading.Lock(), 0, 0
        return srv
    port, servers = bind_common_port([HOST], make)
    serve(servers)
    rows = [{"code": "430581", "name": "武冈市人民政府", "url": f"http://{HOST}:{port}/a/", "level": "county"},
            {"code": "430381", "name": "湘乡市人民政府", "url": f"http://{HOST}:{port}/b/", "level": "county"}]
    try:
        yield servers[0], rows
    finally:
        shutdown(servers)


def test_two_workers_never_exceed_a_hosts_concurrency(counting_host, pg_url, tmp_path, redis_client):
    srv, rows = counting_host
    # Control: two crawls without Redis, one portal each, do put more than LIMIT requests on the host
    # at once; so the measurement below can fail.
    procs = []
    for i, row in enumerate(rows):
        write_portals_csv(tmp_path / f"p{i}.csv", [row])
        procs.append(subprocess.Popen([*GOVCRAWL, "crawl", "--portals", str(tmp_path / f"p{i}.csv"), "--db",
                                       f"sqlite:///{tmp_path / f'c{i}.db'}", "--allow-private", "--quiet"],
                                      env=ENV, stderr=subprocess.DEVNULL))
    for p in procs:
        assert p.wait(timeout=120) == 0
    assert srv.peak > LIMIT, f"the control crawls never overlapped (peak {srv.peak}): the test cannot tell"

    srv.peak = 0
    write_portals_csv(tmp_path / "both.csv", rows)
    workers = [start_worker(pg_url, "--batch", "1") for _ in range(2)]
    try:
        run("crawl", "--portals", str(tmp_path / "both.csv"), "--redis", REDIS, "--db", pg_url, "--allow-private",
            "--quiet")
    finally:
        stop_workers(workers)
    assert len(set(runs_of(pg_url).values())) == 2, "the two portals should have been crawled by two processes"
    assert 0 < srv.peak <= LIMIT, f"{srv.peak} requests at once on one host; the settings allow {LIMIT}"


def test_registry_shows_live_workers_and_forgets_killed_ones(pg_url, redis_client):
    w = start_worker(pg_url)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(x["pid"] == w.pid for x in registry.workers(redis_client)):
            time.sleep(0.2)
        mine = [x for x in registry.workers(redis_client) if x["pid"] == w.pid]
        assert mine and mine[0]["role"] == "crawl" and mine[0]["host"]
        shown = run("status", "--db", pg_url, "--redis", REDIS).stdout
        assert f"crawl     {mine[0]['host']} pid {w.pid}" in shown.split("WORKERS", 1)[1]
    finally:
        stop_workers([w])
    assert not any(x["pid"] == w.pid for x in registry.workers(redis_client)), "a stopped worker stays listed"


def test_a_redis_that_does_not_answer_is_exit_2_with_the_reason(portals_file, tmp_path):
    proc = subprocess.run([*GOVCRAWL, "crawl", "--portals", portals_file, "--redis", "redis://127.0.0.1:1/0",
                           "--db", f"sqlite:///{tmp_path / 'x.db'}", "--allow-private"], env=ENV,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Redis at redis://127.0.0.1:1/0 does not answer" in proc.stderr and "Traceback" not in proc.stderr


def test_leases_shrink_to_share_the_tail_but_not_below_the_floor():
    from govcrawl.scale.worker import batch_size
    assert batch_size(1000, 4, 50) == 50           # the cap
    assert batch_size(100, 4, 50) == 13            # two rounds per lane
    assert batch_size(30, 8, 50) == 10             # more lanes do not mean more, smaller leases (process starts)
    assert batch_size(4, 8, 50) == 4               # never more than wait
    assert batch_size(30, 8, 2) == 2               # --batch N is the most, floor or not
