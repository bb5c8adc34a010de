"""Run govcrawl as a user does (a subprocess on SQLite) against a fault web, and read what it stored."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass

from sqlalchemy import create_engine, text

from .rss import Measured

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENV = dict(os.environ, GOVCRAWL_ENV="test", SCRAPY_SETTINGS_MODULE="tests.faults.settings")


@dataclass
class CrawlResult:
    returncode: int
    stdout: str
    stderr: str
    peak_rss: int          # bytes, the crawler and its children together
    peak_crawler: int      # bytes, the crawler process alone
    seconds: float


def start_crawl(portals: str, db: str, *extra: str) -> Measured:
    cmd = [sys.executable, "-m", "govcrawl", "crawl", "--portals", portals, "--db", db, "--allow-private",
           "--quiet", *extra]
    return Measured(cmd, env=ENV, cwd=REPO)


def crawl(portals: str, db: str, *extra: str, timeout: float = 300) -> CrawlResult:
    t0 = time.monotonic()
    m = start_crawl(portals, db, *extra)
    rc, out, err = m.wait(timeout)
    return CrawlResult(rc, out, err, m.peak, m.peak_self, time.monotonic() - t0)


def export(db: str, what: str) -> list[dict]:
    proc = subprocess.run([sys.executable, "-m", "govcrawl", "export", what, "--db", db, "--format", "csv", "-o", "-"],
                          capture_output=True, text=True, env=ENV, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return list(csv.DictReader(io.StringIO(proc.stdout)))


def rows(db: str, sql: str, **params) -> list[tuple]:
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()
