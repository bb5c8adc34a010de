"""What `govcrawl crawl` prints: quiet, one line per warning, a progress display on a terminal, a short
summary that tells the truth. Real crawls of the loopback test web in a subprocess, as a user runs them.
"""
from __future__ import annotations

import csv
import io
import logging
import os
import pty
import re
import subprocess
import sys
import threading
import time

import pytest

from govcrawl.crawl.state import PortalCrawl
from govcrawl.db.store import Fetched
from govcrawl.items import ReportCandidate
from govcrawl.logs import QuietLogFormatter
from govcrawl.progress import Progress, print_summary, summarize
from govcrawl.registry import PortalEntry
from tests.web.server import TestWeb

GOVCRAWL = [sys.executable, "-m", "govcrawl"]
ENV = dict(os.environ, GOVCRAWL_ENV="test")
MAX_STDERR = 20_000
# What a page's bytes look like when something logs them: markup, a bytes repr, escaped bytes, a PDF.
PAGE_BYTES = re.compile(r"<html|<body|<table|\bb'|\bb\"|\\x[0-9a-f]{2}|%PDF-", re.I)


@pytest.fixture(scope="module")
def web():
    with TestWeb() as w:        # its own web: other tests move the clock or replace pages on theirs
        yield w


def crawl(web, tmp_path, *flags, sites=None, env=ENV) -> tuple[subprocess.CompletedProcess, str]:
    portals, db = tmp_path / "portals.csv", f"sqlite:///{tmp_path / 'govcrawl.db'}"
    web.write_portals_csv(portals, sites=sites)
    proc = subprocess.run([*GOVCRAWL, *flags, "crawl", "--portals", str(portals), "--db", db, "--allow-private"],
                          capture_output=True, text=True, errors="replace", env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc, db


def stored_reports(db: str) -> list[dict]:
    out = subprocess.run([*GOVCRAWL, "export", "reports", "--db", db, "-o", "-"], capture_output=True, text=True,
                         env=ENV, timeout=300, check=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def summary_reports(stderr: str) -> int:
    m = re.search(r"^reports: (\d+) new, (\d+) changed, (\d+) unchanged", stderr, re.M)
    assert m, f"no summary on stderr:\n{stderr[-2000:]}"
    return sum(int(n) for n in m.groups())


def error_kinds(stderr: str) -> dict[str, int]:
    m = re.search(r"^errors: \d+(?:: (.*))?$", stderr, re.M)
    assert m, f"no errors line in the summary:\n{stderr[-2000:]}"
    return {k: int(n) for k, n in re.findall(r"(\w+) (\d+)", m.group(1) or "")}


def test_test_environment_crawl_is_quiet_and_its_summary_is_true(web, tmp_path):
    proc, db = crawl(web, tmp_path)
    err = proc.stderr
    assert len(err.encode()) < MAX_STDERR, f"{len(err.encode())} bytes of stderr:\n{err[:3000]}"
    assert "DEBUG" not in err and " INFO " not in err, "GOVCRAWL_ENV=test has LOG_LEVEL WARNING"
    assert not PAGE_BYTES.search(err), PAGE_BYTES.search(err).group(0)
    assert "Traceback" not in err
    assert "\x1b[" not in err, "not a terminal: no control sequences"
    assert proc.stdout == "", "a crawl writes nothing to standard output"
    truth = {r["url"] for r in web.truth()}
    stored = {web.alias(r["url"]) for r in stored_reports(db)}
    # The summary counts what was stored ...
    assert summary_reports(err) == len(stored), err
    assert not stored - truth, f"stored non-reports {sorted(stored - truth)}"
    # ... and a first crawl of the web stores every report of the truth, or the summary says what was lost:
    # on a loaded machine a scanned PDF can miss its OCR time limit (an `unreadable` error).
    kinds = error_kinds(err)
    lost = kinds.get("unreadable", 0) + kinds.get("timeout", 0) + kinds.get("store", 0)
    assert len(truth - stored) <= lost, f"missing {sorted(truth - stored)}, summary errors {kinds}"
    down = [p for p in web.portals() if web.sites[p["site"]].get("down")]
    m = re.search(r"^govcrawl crawl: (\d+) portals in .*?down (\d+)", err, re.M)
    assert m and int(m.group(1)) == len(web.portals()) and int(m.group(2)) == len(down), err
    # each down portal is among the worst shown, by name
    for p in down:
        assert p["name"] in err


def test_verbose_gives_debug_lines_but_never_page_bytes(web, tmp_path):
    proc, _ = crawl(web, tmp_path, "-v", sites=["laixi"])
    err = proc.stderr
    assert re.search(r"^\S+ \S+ DEBUG scrapy\.core\.engine: Crawled \(200\)", err, re.M), err[:2000]
    assert "Dropped: not a report" in err or "Scraped <ReportCandidate" in err
    assert not PAGE_BYTES.search(err), PAGE_BYTES.search(err).group(0)
    assert summary_reports(err) == len([r for r in web.truth() if r["site"] == "laixi"])


def test_a_terminal_gets_a_live_progress_display(web, tmp_path):
    portals, db = tmp_path / "portals.csv", f"sqlite:///{tmp_path / 'govcrawl.db'}"
    web.write_portals_csv(portals, sites=["laixi", "shengsi"])
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def read():
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:          # EIO: the child closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    proc = subprocess.run([*GOVCRAWL, "crawl", "--portals", str(portals), "--db", db, "--allow-private"],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave,
                          env=dict(ENV, TERM="xterm-256color", COLUMNS="120"), timeout=900)
    os.close(slave)
    reader.join(timeout=30)
    os.close(master)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, screen[-3000:]
    assert proc.stdout == b""
    # The display redraws in place (cursor movement) and shows the counters; the summary follows it.
    assert "\x1b[" in screen, "no terminal control sequences: no live display"
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    frames = re.findall(r"portals [━╺╸ ]+(\d+)/2 +pages (\d+) +reports (\d+) +errors (\d+) +[\d.]+ pages/s", plain)
    assert len(frames) >= 2, plain[-2000:]
    assert int(frames[-1][0]) == 2 and int(frames[-1][1]) > 0, frames[-1]
    assert summary_reports(plain) == len([r for r in web.truth() if r["site"] in ("laixi", "shengsi")]), plain[-1500:]


def test_quiet_has_neither_display_nor_summary(web, tmp_path):
    portals, db = tmp_path / "portals.csv", f"sqlite:///{tmp_path / 'govcrawl.db'}"
    web.write_portals_csv(portals, sites=["laixi"])
    proc = subprocess.run([*GOVCRAWL, "crawl", "--quiet", "--portals", str(portals), "--db", db, "--allow-private"],
                          capture_output=True, text=True, errors="replace", env=dict(ENV, GOVCRAWL_ENV="development"),
                          timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert stored_reports(db), "the crawl stored nothing: nothing to be quiet about"
    assert "reports:" not in proc.stderr and "govcrawl: portals" not in proc.stderr
    # development logs at INFO: Scrapy's banners are left out without -v, so what remains is short
    assert len(proc.stderr.encode()) < 5_000, proc.stderr[:3000]
    assert "DEBUG" not in proc.stderr and not PAGE_BYTES.search(proc.stderr)


def _state(i: int, *, status="", errors=0, reports=0, requests=10) -> PortalCrawl:
    st = PortalCrawl(entry=PortalEntry(code=f"{i:06d}", name=f"portal {i}", url=f"http://p{i}.example/"),
                     portal_id=i, hosts=frozenset(), budget=400)
    st.status, st.counters.requests, st.counters.reports_new = status, requests, reports
    for _ in range(errors):
        st.error("http_404")
    return st


def test_summary_of_three_thousand_portals_is_short():
    states = [_state(i, reports=2) for i in range(2980)]
    states += [_state(3000 + i, status="down", errors=1) for i in range(12)]
    states += [_state(4000 + i, errors=50 + i, reports=1) for i in range(8)]
    out = io.StringIO()
    print_summary(summarize(states, elapsed=3600.0), out)
    text = out.getvalue()
    assert len(text.splitlines()) <= 20, text
    assert "3000 portals" in text and "down 12" in text
    assert "reports: 5968 new" in text            # 2980 * 2 + 8 * 1
    assert "errors: " + str(12 + sum(50 + i for i in range(8))) in text
    # worst first: the down portals, then the one with the most errors
    rows = [line for line in text.splitlines() if re.match(r"portal \d+ ", line)]
    assert len(rows) == 10
    assert all(" down " in r for r in rows[:10])


def test_items_log_as_one_short_line_without_bytes():
    body = b"<html><body>" + "二〇二三年政府信息公开工作年度报告".encode("gbk") * 5000 + b"</body></html>"
    page = Fetched(url="http://a.example/r.html", final_url="http://a.example/r.html", status=200,
                   content_type="text/html", body=body)
    item = ReportCandidate(portal_url="http://a.example/", region_hint="", url=page.url, page=page,
                           attachments=[page])
    assert len(repr(item)) < 300 and not PAGE_BYTES.search(repr(item))
    assert str(len(body)) in repr(item)

    class NotAReport(Exception):
        pass
    for result in (QuietLogFormatter().dropped(item, NotAReport("not a report: http://a.example/r.html"), None, None),
                   QuietLogFormatter().scraped(item, None, None), QuietLogFormatter().item_error(item, None, None, None)):
        line = result["msg"] % result["args"]
        assert "\n" not in line and len(line) < 400 and not PAGE_BYTES.search(line), line


def test_off_a_terminal_progress_is_a_short_line_now_and_then():
    out = io.StringIO()             # not a TTY, like cron's or CI's stderr
    progress = Progress(3, enabled=True, every_plain=0.25, stream=out)
    progress.done, progress.pages, progress.reports = 1, 40, 2
    for _ in range(1000):
        progress.tick(force=True)   # the spider ticks on every request: that must not print
    time.sleep(1.1)
    progress.close([])
    lines = [line for line in out.getvalue().splitlines() if line.startswith("govcrawl: portals")]
    assert 2 <= len(lines) <= 5, out.getvalue()
    assert all(len(line) < 120 for line in lines)
    assert "portals 1/3  pages 40  reports 2  errors 0" in lines[0]
    assert "\x1b[" not in out.getvalue()


def test_an_exception_is_one_line_unless_verbose():
    from govcrawl.logs import OneLineFormatter
    try:
        raise ValueError("table 三 has 7 columns,\nexpected 8")
    except ValueError:
        import sys as _sys
        record = logging.LogRecord("pipelines.extract", logging.ERROR, __file__, 1, "extraction crashed on %s",
                                   ("http://a.example/r.pdf",), _sys.exc_info())
    quiet = OneLineFormatter(verbose=False).format(record)
    assert "\n" not in quiet and "Traceback" not in quiet
    assert quiet.endswith("[ValueError: table 三 has 7 columns, expected 8 at test_output.py:%d]"
                          % (record.exc_info[2].tb_lineno,)), quiet
    loud = OneLineFormatter(verbose=True).format(record)
    assert "Traceback (most recent call last)" in loud and loud.startswith(quiet.split(" [")[0])
