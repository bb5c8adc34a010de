"""Crawl the whole fault web (tests/faults) plus two 38 MB report pages and print the peak resident
memory of the crawler's process tree (the crawler and its document workers, summed, polled from /proc).

    .venv/bin/python bench/faults.py                    # goal: peak tree RSS < 600 MB
    .venv/bin/python bench/faults.py --without docbomb  # attribute the peak: leave fault portals out

Prints figures only; timings vary with the machine and are not asserted.
"""
from __future__ import annotations

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.faults.crawl import crawl, rows  # noqa: E402
from tests.faults.web import _KEYS, FaultWeb  # noqa: E402

MB = 1024 * 1024


def main(argv: list[str]) -> int:
    without = set(argv[argv.index("--without") + 1].split(",")) if "--without" in argv else set()
    keys = [k for k in _KEYS if k not in without]
    tmp = tempfile.mkdtemp(prefix="govcrawl-bench-faults-")
    with FaultWeb(keys=keys, huge_reports=2, byte_cap=1024 * MB) as web:
        web.write_portals_csv(os.path.join(tmp, "portals.csv"))
        db = f"sqlite:///{tmp}/faults.db"
        r = crawl(os.path.join(tmp, "portals.csv"), db, "--budget", "200", timeout=900)
        sent = web.server.sent
    reports = rows(db, "SELECT COUNT(*) FROM reports")[0][0]
    errors = rows(db, "SELECT kind, COUNT(*) FROM crawl_errors GROUP BY kind ORDER BY kind")
    print(f"portals: {', '.join(keys)}")
    print(f"exit {r.returncode}; {r.seconds:.0f} s; {reports} reports; served {sent // MB} MB")
    print(f"peak RSS: crawler tree {r.peak_rss // MB} MB (goal < 600 MB), crawler process {r.peak_crawler // MB} MB")
    print("errors by kind: " + ", ".join(f"{k}={n}" for k, n in errors))
    if r.returncode:
        print(r.stderr[-2000:], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
