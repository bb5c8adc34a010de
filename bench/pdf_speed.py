"""PDF reading, the old way against the new, in one run: every PDF is read by pdfplumber's own page
objects (`read_pdf(reference=True)`, the reader before issue 14's speed work) and by
govcrawl.documents.pdfobjects (the reader the crawl uses), and everything read must be the same:
page text, grids, warnings, page count, OCR flag, refusal reason, and the figures mapped from them
(value, raw cell, table, labels). CPU milliseconds per PDF of each way are printed per class, as a ratio.

    .venv/bin/python bench/pdf_speed.py [--docgen 60] [--portal 150] [--seed 1000] [--scans]

Samples: tests/docgen text PDFs (ruled with stroked and with filled rules, ruleless, blank-cell
seeds whose table 四 is blank everywhere), the portal generator's PDF copies (tests/portalgen, as the
crawl fetches them: reports with a PDF copy, every format), and the PDFs of tests/corpus (real
reports, the hand-made ones and the hostile ones; the scanned one with --scans: its OCR is the
same code either way). Exit status 1 when any reading differs.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govcrawl.documents import Limits, UnreadableDocument  # noqa: E402
from govcrawl.documents.limits import check_size  # noqa: E402
from govcrawl.documents import pdfobjects  # noqa: E402
from govcrawl.documents.pdf import read_pdf  # noqa: E402
from govcrawl.extract.tables import figures_from_grids  # noqa: E402
from govcrawl.extract.text_tables import figures_from_text  # noqa: E402


def docgen_samples(n: int, first: int):
    from tests.docgen import text_pdf_case
    from tests.docgen.report import make_report
    for s in range(first, first + n):
        yield "docgen ruled", f"seed {s} {('stroke', 'fill')[s % 2]}", text_pdf_case(s, rules=("stroke", "fill")[s % 2])[0]
    for s in range(first, first + n // 2):
        yield "docgen ruleless", f"seed {s}", text_pdf_case(s, rules="none")[0]
    # blank-cell reports: every cell of table 四 blank (its one data row blank everywhere)
    t4 = [f"{g}.{o}" for g in ("review", "litigation_direct", "litigation_after_review")
          for o in ("upheld", "corrected", "other", "pending", "total")]
    blank = [s for s in range(0, 3000) if (r := make_report(s)).style["blank_share"] == 1.0
             and all(r.figures[k] == "0" for k in t4)][:max(n // 6, 2)]
    for s in blank:
        rules = random.Random(s).choice(["stroke", "fill", "none"])
        yield "docgen blank", f"seed {s} {rules}", text_pdf_case(s, rules=rules)[0]


PLAN = {"reports": 0, "copies": 0}                 # the portal plan's reports up to the last copy taken


def portal_samples(n: int, seed: int):
    from tests.portalgen import content
    from tests.portalgen.plan import build_plan
    for it in (it for p in build_plan(seed, max(n // 2, 10)) for col in p.columns for it in col.items
               if it.kind == "report"):
        if PLAN["copies"] == n:
            break
        PLAN["reports"] += 1
        if it.copy in ("pdf", "both", "pdf_only"):
            PLAN["copies"] += 1
            yield f"portal {it.fmt}", it.title, content.pdf_bytes(it)


def corpus_samples(scans: bool):
    for path in sorted((ROOT / "tests" / "corpus").glob("*/*.pdf")):
        if path.name == "scan.pdf" and not scans:
            continue
        kind = "corpus real" if path.parent.name.startswith("real-") else "corpus doc"
        yield kind, path.parent.name, path.read_bytes()


def figures(content) -> dict:
    """Every figure the table mappers read from the grids and from the text (each Figure whole:
    value, raw cell, table, labels, source), and what they found unreadable or ambiguous."""
    out = {}
    for how, got in (("grid", figures_from_grids(content.grids, source=content.kind)),
                     ("text", figures_from_text(content.text))):
        out.update({(how, key): fig for key, fig in got.figures.items()})
        out[(how, "~unreadable")] = (got.unreadable, got.ambiguous, got.format, got.warnings)
    return out


def reading(data: bytes, reference: bool):
    started = time.process_time()
    try:
        check_size(data, Limits())                # as read_document: the oversize file is refused unparsed
        content = read_pdf(data, Limits(timeout_s=900, isolate=False), reference=reference)
    except UnreadableDocument as exc:
        return ("refused", exc.reason), time.process_time() - started
    cpu = time.process_time() - started
    return (content.text, [[list(r) for r in g] for g in content.grids], content.warnings, content.pages,
            content.ocr, figures(content)), cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docgen", type=int, default=60, help="ruled docgen PDFs (half as many ruleless, a sixth blank-cell)")
    parser.add_argument("--portal", type=int, default=150, help="the portal generator's PDF copies")
    parser.add_argument("--seed", type=int, default=1000, help="first docgen seed; the portal plan's seed is seed % 97")
    parser.add_argument("--scans", action="store_true", help="also the corpus's scanned PDF (OCR both ways)")
    args = parser.parse_args()

    samples = list(docgen_samples(args.docgen, args.seed)) + list(portal_samples(args.portal, args.seed % 97))
    samples += list(corpus_samples(args.scans))
    reading(samples[0][2], False)                 # load pdfminer's CMaps and fonts before timing
    reading(samples[0][2], True)
    rows: dict[str, list] = defaultdict(lambda: [0, 0.0, 0.0, 0])     # pdfs, old cpu, new cpu, figures
    differ = []
    before = dict(pdfobjects.STATS)
    for i, (kind, name, data) in enumerate(samples):
        order = (True, False) if i % 2 else (False, True)          # neither way always runs first
        got = {ref: reading(data, ref) for ref in order}
        (old, old_cpu), (new, new_cpu) = got[True], got[False]
        row = rows[kind]
        row[0] += 1
        row[1] += old_cpu
        row[2] += new_cpu
        row[3] += sum(1 for k in old[-1] if not k[1].startswith("~")) if old[0] != "refused" else 0
        if old != new:
            parts = ("text", "grids", "warnings", "pages", "ocr", "figures") if old[0] != "refused" else ("refusal",)
            what = [p for p, a, b in zip(parts, old, new) if a != b] or ["refusal"]
            differ.append(f"{kind} {name}: {', '.join(what)} differ")
    streams = {k: pdfobjects.STATS[k] - before.get(k, 0) for k in pdfobjects.STATS}

    print(f"{'class':18} {'pdfs':>5} {'figures':>7} {'old ms/pdf':>10} {'new ms/pdf':>10} {'new/old':>7}")
    total = [0, 0.0, 0.0, 0]
    for kind, (n, old_cpu, new_cpu, figs) in sorted(rows.items()):
        print(f"{kind:18} {n:5} {figs:7} {1000 * old_cpu / n:10.1f} {1000 * new_cpu / n:10.1f} {new_cpu / old_cpu:7.2f}")
        total = [total[0] + n, total[1] + old_cpu, total[2] + new_cpu, total[3] + figs]
    n, old_cpu, new_cpu, figs = total
    print(f"{'all':18} {n:5} {figs:7} {1000 * old_cpu / n:10.1f} {1000 * new_cpu / n:10.1f} {new_cpu / old_cpu:7.2f}")
    portal = [r for k, r in rows.items() if k.startswith("portal")]
    if PLAN["reports"] and portal:
        old_ms, new_ms = (1000 * sum(r[i] for r in portal) / PLAN["reports"] for i in (1, 2))
        print(f"portal generator: {PLAN['reports']} reports, {PLAN['copies']} with a PDF copy: reading the copies "
              f"costs {old_ms:.1f} -> {new_ms:.1f} ms CPU per report")
    print(f"content streams: {streams.get('fast', 0)} tokenized fast, {streams.get('pdfminer', 0)} by pdfminer's parser")
    if differ:
        print(f"\n{len(differ)} of {n} PDFs read differently:")
        for line in differ:
            print("  " + line)
        return 1
    print(f"\nall {n} PDFs read the same both ways (text, grids, warnings, pages, OCR flag, refusals, {figs} figures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
