"""The crawler against N generated portals (tests/portalgen), compared with the generator's truth.

    .venv/bin/python bench/portalgen.py [--portals 300] [--seed 7] [--budget N] [--problems 40] [--sites p0012,p0040]

Runs the real `govcrawl crawl --allow-private` into a temporary SQLite database, then prints
reports found / missed / duplicate / extra, figures exact / wrong / unreadable / missing, wrong facts
by fact, per class of page variant (family:…, body:…, copy:…, fmt:…, list:…, legacy_form:…), requests
per report, wall and CPU time of the crawl. The same --seed and --portals replay the same web.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.portalgen import PortalWeb  # noqa: E402
from tests.portalgen.compare import compare, table  # noqa: E402


def crawl(portals: Path, db: Path, budget: int | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the crawl process and its children)."""
    env = dict(os.environ, GOVCRAWL_ENV="test")
    cmd = [sys.executable, "-m", "govcrawl", "crawl", "--portals", str(portals), "--db", f"sqlite:///{db}",
           "--allow-private", "--quiet"] + (["--budget", str(budget)] if budget else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"crawl failed ({r.returncode}):\n{r.stderr.decode('utf-8', 'replace')[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--portals", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--budget", type=int, help="requests per portal (default: the product's)")
    ap.add_argument("--problems", type=int, default=40, help="print this many problem lines per kind")
    ap.add_argument("--keep", help="keep the database here")
    ap.add_argument("--min-reports", type=int, default=1, help="hide classes with fewer reports")
    ap.add_argument("--sites", help="crawl only these portals of the plan (p0012,p0040): replay a failure")
    ap.add_argument("--requests-log", help="write every request the generator answered (method host path status)")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="govcrawl-portalgen-"))
    db = Path(a.keep) if a.keep else tmp / "crawl.sqlite"
    t0 = time.monotonic()
    with PortalWeb(seed=a.seed, portals=a.portals) as web:
        portals = tmp / "portals.csv"
        which = set(a.sites.split(",")) if a.sites else None
        web.write_portals_csv(portals, which)
        plan_s = time.monotonic() - t0
        wall, cpu = crawl(portals, db, a.budget)
        served = len(web.requests)
        broken = sum(1 for r in web.requests if r[3] >= 500)
        if a.requests_log:
            Path(a.requests_log).write_text("".join(f"{m} {h} {p} {s}\n" for m, h, p, s in web.requests), encoding="utf-8")
        res = compare(web, str(db), which)
    tot = res["total"]
    n_extra = sum(res["extras"].values())
    print(f"portalgen seed={a.seed} portals={a.portals}: {tot['reports']} reports, "
          f"{len(web.distractors(which))} distractors")
    print(f"reports found {tot['found']}  missed {tot['missed']}  duplicate {tot['duplicate']}  "
          f"extra (false) {n_extra} {dict(res['extras'])}")
    print(f"figures exact {tot['fig_exact']}  wrong {tot['fig_wrong']}  unreadable {tot['fig_unreadable']}  "
          f"missing {tot['fig_missing']}  extra {tot['fig_extra']}")
    facts = {k[5:]: v for k, v in tot.items() if k.startswith("fact_")}
    print(f"facts wrong {facts}  checks differing {tot['checks_differ']}")
    print(f"requests {res['requests']} (server saw {served}, generator errors {broken}), per found report "
          f"{res['requests'] / max(tot['found'], 1):.1f}; plan {plan_s:.0f} s, crawl wall {wall:.0f} s, CPU {cpu:.0f} s")
    print()
    print(table(res, a.min_reports))
    kinds = Counter(k for k, _, _ in res["problems"])
    print(f"\nproblems: {dict(kinds)}")
    shown = Counter()
    for kind, url, what in res["problems"]:
        if shown[kind] < a.problems:
            shown[kind] += 1
            print(f"  {kind:<13} {url}  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
