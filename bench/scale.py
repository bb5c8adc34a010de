"""Scale-out bench (issue 14): a simulated national web of generated portals (tests/portalgen), each on
its own loopback address, every response delayed 100-500 ms; crawled by one process and by 1, 2 and 4
`govcrawl worker`s (each pinned to a core with taskset) through Redis into PostgreSQL.

    python bench/scale.py profile --portals 50            # cProfile of the one-process crawl: where the CPU goes
    python bench/scale.py run --portals 1000 --workers 1,2,4
    python bench/scale.py run --portals 300 --workers 0   # the one-process crawl (and its re-crawl) only

Prints, per configuration: wall time, CPU of the crawl (the process tree: crawler, document pool, workers'
children; plus, for workers, the PostgreSQL backends serving their database and Redis), reports stored,
requests, requests/s per core, CPU per report, peak RSS of the largest process of the tree, and apart
from all that the CPU the bench's own web server burnt meanwhile (it shares the cores: a crawl that
looks slow next to a busy server was starved, not slow). Each configuration is crawled twice: the
first crawl, then a re-crawl of the same database (learned listings, conditional GETs). Ratios are
against 1 worker (and the one-process crawl) of the same run. At the end: a national projection
(3,200 portals at 300 ms latency on one 2-core machine) from the measured rates. Needs Redis
($GOVCRAWL_TEST_REDIS or 127.0.0.1:6379) and PostgreSQL ($GOVCRAWL_TEST_PG) for the workers; the
one-process crawl uses SQLite.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import pstats
import random
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import create_engine, text  # noqa: E402

from tests.loopback import respond  # noqa: E402
from tests.portalgen.server import MultiServer, _Handler  # noqa: E402
from tests.portalgen.web import PortalWeb  # noqa: E402

GOVCRAWL = [sys.executable, "-m", "govcrawl"]
ENV = dict(os.environ, GOVCRAWL_ENV="test")
REDIS = os.environ.get("GOVCRAWL_TEST_REDIS", "redis://127.0.0.1:6379/0")
PG_ADMIN = os.environ.get("GOVCRAWL_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
SERVER_THREADS = 256        # responses sleep: enough threads that latency, not the server, sets the pace


class _ValidatingHandler(_Handler):
    """The generated web's handler, plus an ETag on every 200 and a 304 to a matching If-None-Match, as
    nginx does for static pages: a re-crawl's conditional GETs then cost what they cost on real portals."""

    def _serve(self):
        srv, u = self.server, urlsplit(self.path)
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        try:
            status, ctype, data, headers = srv.app(self.connection.getsockname()[0], self.command, u.path or "/",
                                                   u.query, body)
        except Exception as exc:  # a generator bug must show as a 500, not hang the crawl
            status, ctype, data, headers = 500, "text/plain", f"internal error: {exc!r}".encode(), []
        if status == 200 and self.command == "GET":
            etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
            headers = list(headers) + [("ETag", etag)]
            if self.headers.get("If-None-Match") == etag:
                status, data = 304, b""
        respond(self, status, ctype, headers, data)

    do_GET = do_POST = do_HEAD = _serve


class _ValidatingServer(MultiServer):
    def _handle(self, conn, peer):
        try:
            _ValidatingHandler(conn, peer, self)
        except Exception:
            pass
        finally:
            conn.close()


def slow_web(n: int, seed: int, latency: tuple[float, float], families: set[str] | None,
             validators: bool = True) -> PortalWeb:
    """PortalWeb with every response delayed by a uniform latency (a server of our own around its routes)."""
    web = PortalWeb(seed=seed, portals=n)
    lo, hi = latency
    rnd = random.Random(seed)

    def app(host, method, path, query, body):
        time.sleep(rnd.uniform(lo, hi))
        return web.routes.respond(host, method, path, query, body)
    hosts = [h for p in web.plan for h in [p.host] + p.extra_hosts]
    web.server = (_ValidatingServer if validators else MultiServer)(hosts, app, workers=SERVER_THREADS)
    web.start()
    web.bench_rows = [r for r in web.portals() if families is None or r["family"] in families]
    return web


def write_portals(web: PortalWeb, path: str) -> int:
    from tests.loopback import write_portals_csv
    write_portals_csv(path, web.bench_rows)
    return len(web.bench_rows)


def pg_database() -> str:
    name = f"govcrawl_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def drop_database(db: str) -> None:
    name = db.rsplit("/", 1)[1]
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def stored(db: str, since_run: int = 0) -> tuple[int, int, int]:
    """(reports, requests of the runs after `since_run`, the last run's id) the crawl recorded. A run is
    one crawl process: last id - since_run is how many the configuration started."""
    engine = create_engine(db)
    with engine.connect() as conn:
        reports = conn.execute(text("SELECT COUNT(*) FROM reports")).scalar_one()
        requests = conn.execute(text("SELECT COALESCE(SUM(requests), 0) FROM crawl_run_portals WHERE run_id > :r"),
                                {"r": since_run}).scalar_one()
        last = conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM crawl_runs")).scalar_one()
    engine.dispose()
    return reports, requests, last


def _proc_cpu(pid: str) -> float:
    """utime + stime of a process, seconds (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        return 0.0


class Meter:
    """CPU spent outside the crawl's own process tree while it runs: this bench process (the web
    server's threads), the PostgreSQL backends of one database (their process title names it; sampled
    every second, a backend's last second before it exits may be missed) and the Redis server."""

    def __init__(self, database: str = ""):
        self.database = database.encode()
        self.backends: dict[str, tuple[float, float]] = {}       # pid -> (CPU at first sight, last CPU)
        self.redis = [p for p in os.listdir("/proc") if p.isdigit() and self._comm(p) == b"redis-server"]
        self._stop = threading.Event()

    @staticmethod
    def _comm(pid: str) -> bytes:
        try:
            with open(f"/proc/{pid}/comm", "rb") as fh:
                return fh.read().strip()
        except OSError:
            return b""

    def _sample(self) -> None:
        for pid in os.listdir("/proc"):
            if not pid.isdigit() or self._comm(pid) != b"postgres":
                continue
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    title = fh.read()
            except OSError:
                continue
            if self.database and self.database in title:
                cpu = _proc_cpu(pid)
                first, last = self.backends.get(pid, (self._before.get(pid, 0.0), 0.0))
                self.backends[pid] = (first, max(cpu, last))

    def _loop(self) -> None:
        while not self._stop.wait(1.0):
            self._sample()

    def __enter__(self):
        ru = resource.getrusage(resource.RUSAGE_SELF)
        self._self0 = ru.ru_utime + ru.ru_stime
        self._redis0 = sum(_proc_cpu(p) for p in self.redis)
        self._before: dict[str, float] = {}
        if self.database:
            self._sample()      # backends there before count from now on, later ones whole
            self._before = {pid: last for pid, (_, last) in self.backends.items()}
            self.backends = {}
            threading.Thread(target=self._loop, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self.database:
            self._sample()
        ru = resource.getrusage(resource.RUSAGE_SELF)
        self.web = ru.ru_utime + ru.ru_stime - self._self0
        self.redis_cpu = sum(_proc_cpu(p) for p in self.redis) - self._redis0
        self.pg = sum(last - first for first, last in self.backends.values())


def wait_rusage(proc: subprocess.Popen, own: list | None = None) -> tuple[float, float]:
    """(CPU s, peak RSS MB) of a finished child and the descendants it waited for. `own` (a list) gets
    the child's own CPU without its descendants (sampled every 0.5 s: the last half second is missed)."""
    if own is not None:
        own.append(0.0)
        # WNOWAIT: look without reaping, so wait4 below still gets the rusage
        while os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
            own[-1] = max(own[-1], _proc_cpu(str(proc.pid)))
            time.sleep(0.5)
    _, _, ru = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def one_process(portals: str, tmp: str, core: str, recrawl: bool) -> list[dict]:
    db, rows, last = f"sqlite:///{tmp}/one.db", [], 0
    for name in ["one process"] + (["  re-crawl"] if recrawl else []):
        t0 = time.monotonic()
        with Meter() as m:
            p = subprocess.Popen(["taskset", "-c", core, *GOVCRAWL, "crawl", "--portals", portals, "--db", db,
                                  "--allow-private", "--quiet"], env=ENV, stderr=subprocess.DEVNULL)
            own: list[float] = []
            cpu, rss = wait_rusage(p, own)
        wall = time.monotonic() - t0
        reports, requests, now = stored(db, last)
        runs, last = now - last, now
        rows.append({"config": name, "runs": runs, "cores": 1, "wall": wall, "cpu": cpu, "rss": [rss], "reports": reports,
                     "requests": requests, "web": m.web, "first": not rows, "crawler": own[0]})
    return rows


def workers(portals: str, n: int, cores: list[str], recrawl: bool) -> list[dict]:
    db, rows, last = pg_database(), [], 0
    name = f"{n} worker{'s' if n > 1 else ''}"
    for label in [name] + (["  re-crawl"] if recrawl else []):
        with Meter(db.rsplit("/", 1)[1]) as m:
            # started inside the meter: a worker's own database connections are its crawl's cost too
            procs = [subprocess.Popen(["taskset", "-c", cores[i % len(cores)], *GOVCRAWL, "worker", "--redis",
                                       REDIS, "--db", db], env=ENV, stderr=subprocess.DEVNULL) for i in range(n)]
            t0 = time.monotonic()
            sub = subprocess.run([*GOVCRAWL, "crawl", "--portals", portals, "--redis", REDIS, "--db", db,
                                  "--allow-private", "--quiet"], env=ENV, capture_output=True, text=True)
            wall = time.monotonic() - t0
            for p in procs:
                p.send_signal(signal.SIGTERM)
            usage = [wait_rusage(p) for p in procs]
        reports, requests, now = stored(db, last)
        runs, last = now - last, now
        rows.append({"config": label, "runs": runs, "workers": n, "cores": min(n, len(set(cores))), "wall": wall,
                     "cpu": sum(c for c, _ in usage) + m.pg + m.redis_cpu, "pg": m.pg + m.redis_cpu,
                     "rss": [r for _, r in usage], "reports": reports, "requests": requests, "web": m.web,
                     "exit": sub.returncode, "first": not rows})
    drop_database(db)
    return rows


def table(rows: list[dict]) -> str:
    """Speed is against the same crawl (first or re-crawl) of 1 worker, else of the one process."""
    def base(r):
        same = [b for b in rows if b["first"] == r["first"]]
        return next((b for b in same if b.get("workers") == 1), same[0])
    out = [f"{'config':<12} {'wall s':>7} {'CPU s':>7} {'of it DB':>8} {'reports':>7} {'requests':>8} "
           f"{'req/s/core':>10} {'ms CPU/report':>13} {'of it crawler':>13} {'ms CPU/req':>10} {'RSS MB':>6} {'speed':>6} "
           f"{'web CPU s':>9}"]
    for r in rows:
        per_core = r["requests"] / r["wall"] / r["cores"] if r["wall"] else 0
        per_report = 1000 * r["cpu"] / r["reports"] if r["reports"] else float("nan")
        per_request = 1000 * r["cpu"] / r["requests"] if r["requests"] else float("nan")
        out.append(f"{r['config']:<12} {r['wall']:>7.1f} {r['cpu']:>7.1f} {r.get('pg', 0):>8.1f} {r['reports']:>7} "
                   f"{r['requests']:>8} {per_core:>10.1f} {per_report:>13.0f} "
                   f"{(1000 * r['crawler'] / r['reports']) if r.get('crawler') and r['reports'] else float('nan'):>13.0f} "
                   f"{per_request:>10.1f} "
                   f"{max(r['rss']):>6.0f} {base(r)['wall'] / r['wall']:>5.2f}x {r['web']:>9.1f}")
    return "\n".join(out)


NATIONAL_PORTALS, NATIONAL_LATENCY_S, MACHINE_CORES = 3200, 0.3, 2


def startup_cpu(tmp: str) -> float:
    """CPU of a crawl process that has nothing to crawl (one portal that refuses): imports, database,
    document pool, browser driver. Every crawl process of a worker's lane pays it once."""
    path = f"{tmp}/nothing.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("code,name,url,level\n370285,nothing,http://127.0.0.1:9/,county\n")
    p = subprocess.Popen([*GOVCRAWL, "crawl", "--portals", path, "--db", f"sqlite:///{tmp}/nothing.db",
                          "--allow-private", "--quiet"], env=ENV, stderr=subprocess.DEVNULL)
    return wait_rusage(p)[0]


def projection(rows: list[dict], portals: int, latency_s: float, in_flight: int, startup: float) -> str:
    """A national crawl from the measured rates: the larger of what the CPU needs (on MACHINE_CORES cores)
    and what the latency allows (requests x latency / requests in flight), and the measured wall rate
    scaled by portals and latency (pessimistic on a shared machine). The CPU of crawl processes' start-ups
    is not scaled with the portals: a worker's lane starts one process per crawl, fed leases while it runs
    (govcrawl/scale/feed.py), however many portals the crawl has."""
    from govcrawl import config
    out = [f"national projection: {NATIONAL_PORTALS} portals, {NATIONAL_LATENCY_S * 1000:.0f} ms latency, "
           f"one {MACHINE_CORES}-core machine ({in_flight} requests in flight); a crawl process starts with "
           f"{startup:.1f} s CPU"]
    scale = NATIONAL_PORTALS / portals
    for r in rows:
        if not r["reports"] or (r.get("workers", MACHINE_CORES) != MACHINE_CORES):
            continue        # the one process, and 2 workers on the 2 cores
        requests = r["requests"] * scale
        national_runs = r["workers"] * config.SCALE_LANES_PER_WORKER if r.get("workers") else 1
        work = max(r["cpu"] - r["runs"] * startup, 0.0)
        cpu_h = (work * scale + national_runs * startup) / MACHINE_CORES / 3600
        latency_h = requests * NATIONAL_LATENCY_S / in_flight / 3600
        wall_h = r["wall"] * scale * (r["cores"] / MACHINE_CORES) * (NATIONAL_LATENCY_S / latency_s) / 3600
        goal = 2.0 if r["first"] else 10 / 60
        est = max(cpu_h, latency_h)
        name = ("first crawl" if r["first"] else "re-crawl") + " from " + (
            r["config"].strip() if r["first"] else next(b["config"] for b in rows[:rows.index(r)][::-1] if b["first"]))
        out.append(f"  {name:<28} {requests:>9,.0f} requests, {r['runs']:>3} processes here, {national_runs} national: "
                   f"CPU-bound {cpu_h * 60:.0f} min, latency-bound {latency_h * 60:.0f} min -> {est * 60:.0f} min "
                   f"(goal {goal * 60:.0f} min: {'met' if est <= goal else 'NOT met'}); measured wall rate "
                   f"scaled: {wall_h * 60:.0f} min")
    return "\n".join(out)


def cmd_run(a) -> None:
    web = slow_web(a.portals, a.seed, (a.latency_min, a.latency_max), None, a.validators)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            portals = f"{tmp}/portals.csv"
            n = write_portals(web, portals)
            print(f"{n} portals on {len({r['url'].split('/')[2] for r in web.bench_rows})} loopback addresses, "
                  f"latency {a.latency_min}-{a.latency_max} s", flush=True)
            rows = one_process(portals, tmp, "0", a.recrawl)
            print(table(rows), flush=True)
            for k in [k for k in a.workers if k > 0]:
                rows += workers(portals, k, ["0", "1"], a.recrawl)
                print(table(rows), flush=True)
            from govcrawl import config
            from govcrawl.settings import test as test_settings
            lanes = config.SCALE_LANES_PER_WORKER
            print(projection(rows, n, (a.latency_min + a.latency_max) / 2,
                             MACHINE_CORES * lanes * test_settings.CONCURRENT_REQUESTS, startup_cpu(tmp)), flush=True)
    finally:
        web.stop()


def cmd_profile(a) -> None:
    """The one-process crawl under cProfile (the crawler's own process; the pool's CPU is counted apart)."""
    web = slow_web(a.portals, a.seed, (0.0, 0.0), {"plain"} if a.plain else None)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            portals, prof, db = f"{tmp}/portals.csv", f"{tmp}/crawl.prof", f"sqlite:///{tmp}/p.db"
            n = write_portals(web, portals)
            t0 = time.monotonic()
            meter = Meter().__enter__()
            # CPU time (process_time), not wall time: the crawl waits on the network most of the time
            code = ("import cProfile, sys, time; from govcrawl.cli import main; p = cProfile.Profile(time.process_time); "
                    f"p.runcall(main, sys.argv[1:]); p.dump_stats({prof!r})")
            p = subprocess.Popen([sys.executable, "-c", code, "crawl", "--portals", portals, "--db", db,
                                  "--allow-private", "--quiet"], env=ENV, stderr=subprocess.DEVNULL)
            cpu_tree, rss = wait_rusage(p)
            meter.__exit__()
            wall = time.monotonic() - t0
            reports, requests, _ = stored(db)
            if a.save:
                import shutil
                shutil.copy(prof, a.save)
            stats = pstats.Stats(prof)
            crawler_cpu = stats.total_tt
            print(f"{n} portals, {reports} reports, {requests} requests, wall {wall:.1f} s")
            print(f"CPU: whole tree {cpu_tree:.1f} s = {1000 * cpu_tree / max(reports, 1):.0f} ms/report; crawler "
                  f"process (profiled, with cProfile's overhead) {crawler_cpu:.1f} s; document pool and other "
                  f"children {cpu_tree - crawler_cpu:.1f} s; peak RSS {rss:.0f} MB; web server (not counted) {meter.web:.1f} s")
            stats.sort_stats("tottime").print_stats(a.top)
            stats.sort_stats("cumulative").print_stats(a.top)
    finally:
        web.stop()


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--portals", type=int, default=1000)
    r.add_argument("--workers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2, 4])
    r.add_argument("--latency-min", type=float, default=0.1)
    r.add_argument("--latency-max", type=float, default=0.5)
    r.add_argument("--seed", type=int, default=7)
    r.add_argument("--no-recrawl", dest="recrawl", action="store_false", help="first crawls only")
    r.add_argument("--no-validators", dest="validators", action="store_false",
                   help="the web sends no ETag and never 304 (the re-crawl refetches everything)")
    p = sub.add_parser("profile")
    p.add_argument("--portals", type=int, default=50, help="generated portals (all families)")
    p.add_argument("--plain", action="store_true", help="crawl only the plain-family portals among them")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--save", default="", help="keep the profile in this file (pstats)")
    p.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    {"run": cmd_run, "profile": cmd_profile}[a.cmd](a)


if __name__ == "__main__":
    main()
