"""Peak memory of the crawler process reading two ~38 MB hostile HTML pages, before and after
extraction moved into pool workers (govcrawl.documents.pool).

    .venv/bin/python bench/html_memory.py [--pages cells,divs]

Each mode runs in a fresh interpreter: first a normal report page (tests/corpus/nanyang-2019-trs),
then the hostile pages, through pipelines.extract.read_candidate. "in-process" is the old path
(govcrawl.extract.extract in the crawler); "pool" is read_candidate today, once with the cheap
pre-parse count off (the memory limit alone) and once as shipped. Reports the crawler's VmHWM
after the normal page and after the hostile ones, their ratio, and what became of each page.
Measured 2026-12-01 (2 cores, loaded): in-process 82 MB -> 3158 MB (x38.7, 406 s for the two pages);
pool, limit only 56 -> 170 MB (x3.0, all of it the bench building the pages: 170 MB before the
first is read; each refused as "memory limit" in 4-6 s); pool as shipped 56 -> 170 MB, each refused as "too complex" in < 0.1 s.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NORMAL = ROOT / "tests" / "corpus" / "nanyang-2019-trs" / "page.html"

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
mode, pages = sys.argv[2], sys.argv[3].split(",")
from govcrawl import config
from govcrawl.db.store import Fetched
from govcrawl.items import ReportCandidate
import pipelines.extract as pe

if mode == "in-process":            # the old read_candidate: extract() in the crawler's memory
    from govcrawl.reading import extract
    pe.extract_isolated = extract
elif mode == "pool-limit-only":
    config.HTML_PRECHECK_BYTES = 1 << 40

def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

def page(kind):
    size, head = 38 * 1024 * 1024, "<html><head><title>2019年政府信息公开工作年度报告</title></head><body>".encode()
    row = b"<tr>" + b"<td>1</td>" * 20 + b"</tr>\n" if kind == "cells" else b"<div><span>1</span></div>\n"
    return head + (b"<table>" if kind == "cells" else b"") + row * ((size - len(head)) // len(row)) + b"</body></html>"

def read(body, url):
    item = ReportCandidate(portal_url="", region_hint="411300", url=url,
                           page=Fetched(url=url, final_url=url, status=200, content_type="text/html", body=body))
    t = time.monotonic()
    pe.read_candidate(item)
    return item, time.monotonic() - t

start = hwm()
item, secs = read(open(sys.argv[4], "rb").read(), "http://www.nanyang.gov.cn/a.html")
normal = hwm()
results = [{"page": "normal", "seconds": round(secs, 2), "figures": len(item.extraction.figures)}]
held = normal
for kind in pages:
    body = page(kind)
    held = max(held, hwm())          # building the page costs the bench two copies of it; not the reading
    item, secs = read(body, f"http://www.example.gov.cn/{kind}.html")
    del body
    results.append({"page": f"{kind} ({38} MB)", "seconds": round(secs, 2),
                    "outcome": item.error or f"{len(item.extraction.figures)} figures"})
print(json.dumps({"mode": mode, "start_mb": start, "after_normal_mb": normal, "with_pages_mb": held,
                  "after_hostile_mb": hwm(), "pages": results}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", default="cells,divs")
    ap.add_argument("--modes", default="in-process,pool-limit-only,pool")
    args = ap.parse_args()
    for mode in args.modes.split(","):
        t = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), mode, args.pages, str(NORMAL)],
                              capture_output=True, text=True, env=dict(os.environ, GOVCRAWL_ENV="test"))
        if proc.returncode != 0:
            print(f"{mode}: exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{mode}: crawler VmHWM {r['after_normal_mb']:.0f} MB after a normal page, "
              f"{r['after_hostile_mb']:.0f} MB after the hostile ones "
              f"(x{r['after_hostile_mb'] / r['after_normal_mb']:.1f}; {r['with_pages_mb']:.0f} MB with a page built "
              f"but not read yet); {time.monotonic() - t:.0f} s in all")
        for p in r["pages"]:
            print(f"    {p['page']:<16} {p['seconds']:>7.2f} s  {p.get('outcome') or str(p['figures']) + ' figures'}")


if __name__ == "__main__":
    main()
