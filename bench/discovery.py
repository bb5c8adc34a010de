"""Discovery cost on the test web: govcrawl's focused crawl vs a naive breadth-first crawl, in one run.

Both crawl every portal of tests/web (same hosts, same budget cap, same pipelines that judge
reports) twice into their own SQLite database. The naive crawl (`-a strategy=naive`) follows every
link on the portal's hosts breadth-first and hands every page to the classifier; it learns nothing
between crawls. `naive_capped` is the same crawl with the focused crawl's cap of 25 ?query variants
per path, so calendar traps cost it 25 requests instead of its whole budget. Printed per crawl: requests (as the spider counted them, and as the web server
logged them, which includes what a browser fetched), true reports stored, requests per report,
false reports stored, and the share of requests sent through the browser (meta playwright=True).

    .venv/bin/python bench/discovery.py [--budget N] [--copies K]

--copies K crawls K renamed copies of the web (tests/web/bench.py) for steadier numbers.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web.server import TestWeb  # noqa: E402


def crawl(portals: Path, db: Path, strategy: str, budget: int) -> float:
    env = dict(os.environ, GOVCRAWL_ENV="test")
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "portals", "-a", f"portals={portals}",
                        "-a", "allow_private=1", "-a", f"strategy={strategy}", "-s", f"GOVCRAWL_DB=sqlite:///{db}",
                        "-s", f"GOVCRAWL_BUDGET={budget}", "-s", "LOG_LEVEL=ERROR"],
                       cwd=ROOT, env=env, capture_output=True)
    if r.returncode != 0:
        sys.exit(f"{strategy} crawl failed:\n{r.stderr.decode('utf-8', 'replace')[-3000:]}")
    return time.monotonic() - t0


def run_counts(db: Path) -> tuple[int, int, int]:
    """(portals, requests, browser requests) of the latest run, as the spider counted them."""
    con = sqlite3.connect(db)
    row = con.execute("SELECT count(*), coalesce(sum(requests), 0), coalesce(sum(browser_pages), 0) "
                      "FROM crawl_run_portals WHERE run_id = (SELECT max(id) FROM crawl_runs)").fetchone()
    con.close()
    return row


def stored_reports(web, db: Path) -> set[str]:
    con = sqlite3.connect(db)
    urls = {web.alias(u) for (u,) in con.execute("SELECT url FROM reports")}
    con.close()
    return urls


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--budget", type=int, default=400,
                    help="request cap per portal for every crawl (default 400, the product's default)")
    ap.add_argument("--copies", type=int, default=0, help="crawl K renamed copies of the test web")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="govcrawl-bench-"))
    kwargs = {"slow_seconds": 0.2}
    if a.copies:
        from tests.web.bench import clone_web
        kwargs["sites_dir"] = clone_web(str(tmp / "web"), a.copies)
    rows = []
    with TestWeb(**kwargs) as web:
        portals = tmp / "portals.csv"
        web.write_portals_csv(portals)
        truth = {r["url"] for r in web.truth()}
        for strategy in ("focused", "naive", "naive_capped"):
            db = tmp / f"{strategy}.sqlite"
            for n in (1, 2):
                logged = len(web.requests)
                secs = crawl(portals, db, strategy, a.budget)
                logged = len(web.requests) - logged
                n_portals, requests, browser = run_counts(db)
                found = stored_reports(web, db)
                rows.append((strategy, n, n_portals, requests, logged, len(found & truth), len(truth),
                             len(found - truth), browser, secs))
    print(f"test web: {len(truth)} reports on {rows[0][2]} portals; budget {a.budget} requests per portal\n")
    head = ("crawl", "#", "requests", "server log", "per portal", "reports", "req/report", "false", "browser", "secs")
    print("{:<12} {:>2} {:>9} {:>10} {:>10} {:>9} {:>10} {:>6} {:>8} {:>6}".format(*head))
    for strategy, n, n_portals, req, logged, ok, total, false, browser, secs in rows:
        per_report = f"{req / ok:.2f}" if ok else "-"
        share = f"{100 * browser / req:.1f}%" if req else "-"
        print(f"{strategy:<12} {n:>2} {req:>9} {logged:>10} {req / max(n_portals, 1):>10.1f} {f'{ok}/{total}':>9} "
              f"{per_report:>10} {false:>6} {share:>8} {secs:>6.1f}")
    focused, naive, capped = rows[0], rows[2], rows[4]
    for name, base in (("naive", naive), ("naive_capped", capped)):
        ratio = focused[3] / base[3] if base[3] else float("nan")
        print(f"\nfirst crawl: focused uses {ratio:.2f} of the {name} crawl's requests (goal <= 0.33)", end="")
    print()
    second = rows[1]
    print(f"second crawl: {second[3] / max(second[2], 1):.1f} requests per portal (goal <= 5 + 1 per new report)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
