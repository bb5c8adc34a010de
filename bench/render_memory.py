"""Chromium's memory over 200+ browser pages: flat, or leaking?

Clones the test web (tests/web/bench.py) until its JS-only portals hold at least PAGES browser pages,
runs `govcrawl crawl --render auto` over it (one browser context per portal, closed when the portal
is done), and prints the memory series the crawl sampled every 20 browser pages (RSS and PSS of the
Chromium processes, from /proc). Usage: python bench/render_memory.py [PAGES]
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from sqlalchemy import create_engine, text  # noqa: E402

from tests.web.bench import clone_web  # noqa: E402
from tests.web.server import SITES, TestWeb  # noqa: E402

BROWSER_PAGES_PER_COPY = 5     # the test web today: 4 Epoint report pages + 1 fetch() listing
BROWSER_FAMILIES = ("epoint", "fetchlist")


def js_sites() -> list[str]:
    out = []
    for sid in sorted(os.listdir(SITES)):
        path = os.path.join(SITES, sid, "site.json")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as fh:
                if json.load(fh)["family"] in BROWSER_FAMILIES:
                    out.append(sid)
    return out


def main(pages: int = 200) -> int:
    copies = -(-pages // BROWSER_PAGES_PER_COPY) + 1
    with tempfile.TemporaryDirectory() as tmp:
        # Only the portals that need the browser: the rest of the web would time the extractors, not Chromium.
        src = os.path.join(tmp, "src", "sites")
        for sid in js_sites():
            shutil.copytree(os.path.join(SITES, sid), os.path.join(src, sid))
        shutil.copy(os.path.join(os.path.dirname(SITES), "truth.json"), os.path.join(tmp, "src", "truth.json"))
        sites = clone_web(os.path.join(tmp, "web"), copies=copies, src=src)
        with TestWeb(sites_dir=sites) as web:
            portals = os.path.join(tmp, "portals.csv")
            web.write_portals_csv(portals)
            db = f"sqlite:///{tmp}/bench.db"
            started = time.monotonic()
            proc = subprocess.run([sys.executable, "-m", "govcrawl", "crawl", "--portals", portals, "--db", db,
                                   "--allow-private", "--render", "auto", "--quiet"], cwd=REPO, capture_output=True,
                                  text=True, errors="replace", env=dict(os.environ, GOVCRAWL_ENV="test"))
            seconds = time.monotonic() - started
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return 1
        engine = create_engine(db)
        with engine.connect() as conn:
            stats = conn.execute(text("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1")).scalar_one()
            requests, browser = conn.execute(text("SELECT SUM(requests), SUM(browser_pages) FROM crawl_run_portals")).one()
        engine.dispose()
    stats = stats if isinstance(stats, dict) else json.loads(stats)
    series = [s.split(":") for s in stats.get("govcrawl/browser_memory_series", "").split()]
    print({k: v for k, v in stats.items() if "max_concurrent" in k or "contexts_closed" in k})
    print(f"{copies} copies of the test web: {requests} requests, {browser} browser pages "
          f"({browser / requests:.1%}), {seconds:.0f} s")
    print("browser_pages  rss_MB  pss_MB  processes  contexts  open_pages")
    for n, mem in series:
        rss, pss, procs, contexts, pages_open = mem.split("/")
        print(f"{n:>13}  {rss:>6}  {pss:>6}  {procs:>9}  {contexts:>8}  {pages_open:>10}")
    if len(series) >= 2:
        first, last = (float(series[0][1].split("/")[1]), float(series[-1][1].split("/")[1]))
        print(f"pss first {first:.0f} MB, last {last:.0f} MB, max {stats.get('govcrawl/browser_pss_mb_max')} MB "
              f"(rss max {stats.get('govcrawl/browser_rss_mb_max')} MB)")
    return 0 if browser >= pages else 2


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
