"""Legacy 统计表 forms and content fragments of the generated web, read by govcrawl.extract.

Every legacy report of a portalgen plan (national, zhe, su, lu forms) as its HTML page, its PDF
(text, no ruling lines) and its DOCX copy, and every fragment report as a bare fragment (no <title>):
reports taken for reports, generation right, figures exact / missing / WRONG / extra against the
generator's truth, and the CPU seconds of the run. No crawl, no network: the pages are built in
memory from the plan.

    .venv/bin/python bench/legacy.py [--seed 11] [--portals 300]
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govcrawl.reading import extract  # noqa: E402
from tests.portalgen import content  # noqa: E402
from tests.portalgen.plan import build_plan  # noqa: E402

COLUMNS = ("reports", "is_report", "format_ok", "figures", "exact", "missing", "WRONG", "extra")


def _sources(it):
    """(class, bytes, filename) of every way the item is printed."""
    body = content.body_html(it)
    if it.fmt != "legacy":
        page = f'<meta charset="utf-8"><div><p style="text-align:center"><strong>{it.title}</strong></p>{body}</div>'
        yield f"fragment_{it.fmt}/html", page.encode(), None
        return
    page = f"<html><head><title>{it.title}</title></head><body><div class='c'>{body}</div></body></html>"
    yield f"legacy_{it.legacy}/html", page.encode(), None
    yield f"legacy_{it.legacy}/pdf", content.pdf_bytes(it), "report.pdf"
    yield f"legacy_{it.legacy}/docx", content.docx_bytes(it), "report.docx"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--portals", type=int, default=300)
    args = ap.parse_args()
    items = [it for p in build_plan(args.seed, args.portals) for c in p.columns for it in c.items
             if it.kind == "report" and (it.fmt == "legacy" or it.body == "fragment")]
    stats: Counter = Counter()
    t0 = time.process_time()
    for it in items:
        want = {k: Decimal(v) for k, v in content.figures(it).items()}
        for cls, data, name in _sources(it):
            ex = extract(data, filename=name)
            got = {k: f.value for k, f in ex.figures.items()}
            stats[cls, "reports"] += 1
            stats[cls, "is_report"] += ex.is_report
            stats[cls, "format_ok"] += ex.facts.format == it.fmt
            stats[cls, "figures"] += len(want)
            stats[cls, "exact"] += sum(got.get(k) == v for k, v in want.items())
            stats[cls, "missing"] += sum(k not in got for k in want)
            stats[cls, "WRONG"] += sum(k in got and got[k] != v for k, v in want.items())
            stats[cls, "extra"] += len(set(got) - set(want))
    cpu = time.process_time() - t0
    print(f"seed {args.seed}, {args.portals} portals, {len(items)} reports, CPU {cpu:.1f} s")
    print("class".ljust(22) + "".join(c.rjust(10) for c in COLUMNS))
    for cls in sorted({c for c, _ in stats}):
        print(cls.ljust(22) + "".join(str(stats[cls, c]).rjust(10) for c in COLUMNS))


if __name__ == "__main__":
    main()
