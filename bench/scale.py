"""Scale-out bench (issue 14): a simulated national web of generated portals (tests/portalgen), each on
its own loopback address, every response delayed 100-500 ms; crawled by one process and by 1, 2 and 4
`govcrawl worker`s (each pinned to a core with taskset) through Redis into PostgreSQL.

    python bench/scale.py profile --portals 50            # cProfile of the one-process crawl: where the CPU goes
    python bench/scale.py run --portals 1000 --workers 1,2,4

Prints, per configuration: wall time, CPU (the process tree: crawler, document pool, workers' children),
reports stored, requests, requests/s per core, CPU per report, peak RSS of the largest process of the
tree. Ratios are against the one-process crawl of the same run. Needs Redis ($GOVCRAWL_TEST_REDIS or
127.0.0.1:6379) and PostgreSQL ($GOVCRAWL_TEST_PG) for the workers; the one-process crawl uses SQLite.
"""
from __future__ import annotations

import argparse
import os
import pstats
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import create_engine, text  # noqa: E402

from tests.portalgen.server import MultiServer  # noqa: E402
from tests.portalgen.web import PortalWeb  # noqa: E402

GOVCRAWL = [sys.executable, "-m", "govcrawl"]
ENV = dict(os.environ, GOVCRAWL_ENV="test")
REDIS = os.environ.get("GOVCRAWL_TEST_REDIS", "redis://127.0.0.1:6379/0")
PG_ADMIN = os.environ.get("GOVCRAWL_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
SERVER_THREADS = 256        # responses sleep: enough threads that latency, not the server, sets the pace


def slow_web(n: int, seed: int, latency: tuple[float, float], families: set[str] | None) -> PortalWeb:
    """PortalWeb with every response delayed by a uniform latency (a server of our own around its routes)."""
    web = PortalWeb(seed=seed, portals=n)
    lo, hi = latency
    rnd = random.Random(seed)

    def app(host, method, path, query, body):
        time.sleep(rnd.uniform(lo, hi))
        return web.routes.respond(host, method, path, query, body)
    hosts = [h for p in web.plan for h in [p.host] + p.extra_hosts]
    web.server = MultiServer(hosts, app, workers=SERVER_THREADS)
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


def stored(db: str) -> tuple[int, int]:
    """(reports, requests) the crawl recorded."""
    engine = create_engine(db)
    with engine.connect() as conn:
        reports = conn.execute(text("SELECT COUNT(*) FROM reports")).scalar_one()
        requests = conn.execute(text("SELECT COALESCE(SUM(requests), 0) FROM crawl_run_portals")).scalar_one()
    engine.dispose()
    return reports, requests


def wait_rusage(proc: subprocess.Popen) -> tuple[float, float]:
    """(CPU s, peak RSS MB) of a finished child and the descendants it waited for."""
    _, _, ru = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def one_process(portals: str, tmp: str, core: str) -> dict:
    db = f"sqlite:///{tmp}/one.db"
    t0 = time.monotonic()
    p = subprocess.Popen(["taskset", "-c", core, *GOVCRAWL, "crawl", "--portals", portals, "--db", db,
                          "--allow-private", "--quiet"], env=ENV, stderr=subprocess.DEVNULL)
    cpu, rss = wait_rusage(p)
    wall = time.monotonic() - t0
    reports, requests = stored(db)
    return {"config": "one process", "cores": 1, "wall": wall, "cpu": cpu, "rss": [rss], "reports": reports,
            "requests": requests}


def workers(portals: str, n: int, cores: list[str]) -> dict:
    db = pg_database()
    procs = [subprocess.Popen(["taskset", "-c", cores[i % len(cores)], *GOVCRAWL, "worker", "--redis", REDIS,
                               "--db", db], env=ENV, stderr=subprocess.DEVNULL) for i in range(n)]
    t0 = time.monotonic()
    sub = subprocess.run([*GOVCRAWL, "crawl", "--portals", portals, "--redis", REDIS, "--db", db,
                          "--allow-private", "--quiet"], env=ENV, capture_output=True, text=True)
    wall = time.monotonic() - t0
    for p in procs:
        p.send_signal(signal.SIGTERM)
    usage = [wait_rusage(p) for p in procs]
    reports, requests = stored(db)
    return {"config": f"{n} worker{'s' if n > 1 else ''}", "cores": min(n, len(set(cores))), "wall": wall,
            "cpu": sum(c for c, _ in usage), "rss": [r for _, r in usage], "reports": reports,
            "requests": requests, "exit": sub.returncode}


def table(rows: list[dict]) -> str:
    base = rows[0]
    out = [f"{'config':<12} {'wall s':>8} {'CPU s':>8} {'reports':>8} {'requests':>9} {'req/s/core':>10} "
           f"{'ms CPU/report':>13} {'peak RSS MB':>14} {'speed vs one':>12}"]
    for r in rows:
        per_core = r["requests"] / r["wall"] / r["cores"] if r["wall"] else 0
        per_report = 1000 * r["cpu"] / r["reports"] if r["reports"] else float("nan")
        out.append(f"{r['config']:<12} {r['wall']:>8.1f} {r['cpu']:>8.1f} {r['reports']:>8} {r['requests']:>9} "
                   f"{per_core:>10.1f} {per_report:>13.0f} {max(r['rss']):>14.0f} "
                   f"{base['wall'] / r['wall']:>11.2f}x")
    return "\n".join(out)


def cmd_run(a) -> None:
    web = slow_web(a.portals, a.seed, (a.latency_min, a.latency_max), None)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            portals = f"{tmp}/portals.csv"
            n = write_portals(web, portals)
            print(f"{n} portals on {len({r['url'].split('/')[2] for r in web.bench_rows})} loopback addresses, "
                  f"latency {a.latency_min}-{a.latency_max} s", flush=True)
            rows = [one_process(portals, tmp, "0")]
            print(table(rows), flush=True)
            for k in a.workers:
                rows.append(workers(portals, k, ["0", "1"]))
                print(table(rows), flush=True)
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
            # CPU time (process_time), not wall time: the crawl waits on the network most of the time
            code = ("import cProfile, sys, time; from govcrawl.cli import main; p = cProfile.Profile(time.process_time); "
                    f"p.runcall(main, sys.argv[1:]); p.dump_stats({prof!r})")
            p = subprocess.Popen([sys.executable, "-c", code, "crawl", "--portals", portals, "--db", db,
                                  "--allow-private", "--quiet"], env=ENV, stderr=subprocess.DEVNULL)
            cpu_tree, rss = wait_rusage(p)
            wall = time.monotonic() - t0
            reports, requests = stored(db)
            stats = pstats.Stats(prof)
            crawler_cpu = stats.total_tt
            print(f"{n} portals, {reports} reports, {requests} requests, wall {wall:.1f} s")
            print(f"CPU: whole tree {cpu_tree:.1f} s = {1000 * cpu_tree / max(reports, 1):.0f} ms/report; crawler "
                  f"process (profiled, with cProfile's overhead) {crawler_cpu:.1f} s; document pool and other "
                  f"children {cpu_tree - crawler_cpu:.1f} s; peak RSS {rss:.0f} MB")
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
    p = sub.add_parser("profile")
    p.add_argument("--portals", type=int, default=50, help="generated portals (all families)")
    p.add_argument("--plain", action="store_true", help="crawl only the plain-family portals among them")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    {"run": cmd_run, "profile": cmd_profile}[a.cmd](a)


if __name__ == "__main__":
    main()
