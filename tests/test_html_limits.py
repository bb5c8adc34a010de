"""HTML pages are read in pool workers under memory, CPU and wall-clock limits: a hostile page costs
its own reading ("memory limit", "time limit", "too complex"), never the crawler's memory or the crawl.

Each case runs in a fresh interpreter that reports its own peak RSS (VmHWM) before and after, so
what this test process did earlier does not count.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).parent.parent

# Run read_candidate on a hostile page of ~38 MB (under the 40 MB download cap), then on a normal
# page through the same pool; print JSON: errors, VmHWM growth, figures of the normal page.
SCRIPT = r"""
import json, os, sys
from govcrawl import config
for name, value in json.loads(sys.argv[2]).items():
    setattr(config, name, value)
from govcrawl.db.store import Fetched
from govcrawl.documents.pool import get_pool
from govcrawl.items import ReportCandidate
from pipelines.extract import read_candidate

def hwm_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

def candidate(body, url):
    return ReportCandidate(portal_url="http://www.nanyang.gov.cn/", region_hint="411300", url=url,
                           page=Fetched(url=url, final_url=url, status=200, content_type="text/html", body=body))

size = 38 * 1024 * 1024
head = "<html><head><title>南阳市2019年政府信息公开工作年度报告</title></head><body>".encode()
if sys.argv[1] == "cells":      # one table of millions of tiny cells: 2.9 GB and 200 s in-process
    row = b"<tr>" + b"<td>1</td>" * 20 + b"</tr>\n"
    hostile = head + b"<table>" + row * ((size - len(head)) // len(row)) + b"</table></body></html>"
else:                           # millions of nested-looking divs: 2.0 GB and 120 s in-process
    row = b"<div><span>1</span></div>\n"
    hostile = head + row * ((size - len(head)) // len(row)) + b"</body></html>"
pool = get_pool()
normal = open(sys.argv[3], "rb").read()
before = hwm_mb()
pids = sorted(w.proc.pid for w in pool._all)
bad = read_candidate(candidate(hostile, "http://www.nanyang.gov.cn/hostile.html"))
good = read_candidate(candidate(normal, "http://www.nanyang.gov.cn/art/2020/1/22/art_1.html"))
print(json.dumps({"size": len(hostile), "error": bad.error, "extracted": bad.extraction is not None,
                  "growth_mb": hwm_mb() - before, "replaced": sorted(w.proc.pid for w in pool._all) != pids,
                  "figures": {k: str(f.value) for k, f in good.extraction.figures.items()} if good.extraction else None,
                  "good_error": good.error}))
"""

NORMAL = CORPUS / "nanyang-2019-trs" / "page.html"


def run_case(page: str, overrides: dict) -> dict:
    env = dict(os.environ, GOVCRAWL_ENV="test", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", SCRIPT, page, json.dumps(overrides), str(NORMAL)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def assert_normal_page_read(out: dict) -> None:
    truth = json.loads((NORMAL.parent / "truth.json").read_text(encoding="utf-8"))
    assert out["good_error"] == "" and out["figures"] is not None
    wrong = {k: (out["figures"].get(k), v) for k, v in truth["figures"].items()
             if out["figures"].get(k) is None or Decimal(out["figures"][k]) != Decimal(v)}
    assert not wrong, wrong
    assert set(out["figures"]) == set(truth["figures"])


@pytest.mark.parametrize("page", ["cells", "divs"])
def test_memory_limit_stops_a_hostile_page_not_the_crawler(page):
    # The cheap count is off: the worker's address-space limit alone must stop the page.
    out = run_case(page, {"HTML_PRECHECK_BYTES": 1 << 40})
    assert 36 * 2**20 < out["size"] < 40 * 2**20
    assert not out["extracted"] and out["error"].startswith(("memory limit", "killed")), out["error"]
    assert out["growth_mb"] < 300, f"the crawler grew by {out['growth_mb']:.0f} MB"
    assert out["replaced"], "the worker that hit its limit must be replaced"
    assert_normal_page_read(out)


def test_cheap_count_refuses_before_parsing():
    out = run_case("cells", {})
    assert out["error"].startswith("too complex:"), out["error"]
    assert out["growth_mb"] < 300 and not out["replaced"]
    assert_normal_page_read(out)


def test_cpu_limit_kills_the_worker():
    out = run_case("divs", {"HTML_PRECHECK_BYTES": 1 << 40, "HTML_MEMORY_MB": 4096, "HTML_CPU_S": 2})
    assert out["error"].startswith("time limit:") and "CPU" in out["error"], out["error"]
    assert out["replaced"] and out["growth_mb"] < 300
    assert_normal_page_read(out)


def test_wall_clock_limit():
    out = run_case("divs", {"HTML_PRECHECK_BYTES": 1 << 40, "HTML_MEMORY_MB": 4096, "HTML_TIMEOUT_S": 1.5})
    assert out["error"].startswith("time limit:") and "wall-clock" in out["error"], out["error"]
    assert out["replaced"] and out["growth_mb"] < 300
    assert_normal_page_read(out)
