"""Seeded generator of county report documents nobody here typed by hand: Word-exported-looking text
PDFs (blank-heavy tables, labels wrapping at varied widths, tables split over pages, merged header
cells, varied fonts and sizes, with and without ruling lines) and scans made from them (150-300
dpi, slight rotation, noise, JPEG artefacts). The truth comes from the generator's own inputs.

    from tests.docgen import text_pdf_case, scan_case
    data, truth = text_pdf_case(7)        # seed 7, replayable
"""
from __future__ import annotations

import random

from tests.corpus.build_documents import FACTS, TITLE
from tests.docgen.pdfdraw import pick_style, report_pdf
from tests.docgen.report import make_report


def truth_of(report, how: str) -> dict:
    return {"facts": FACTS, "figures": report.figures, "unreadable": [], "checks_failed": report.checks_failed,
            "is_report": True, "provenance": f"tests/docgen seed {report.seed}: {how}"}


def text_pdf_case(seed: int, rules: str | None = None) -> tuple[bytes, dict]:
    rnd = random.Random(seed * 7919 + 1)
    report = make_report(seed)
    style = pick_style(rnd, rules)
    data = report_pdf(report.tables, style, TITLE)
    return data, truth_of(report, f"text PDF, {style}, {report.style}")


def scan_case(seed: int) -> tuple[bytes, dict]:
    from tests.docgen.scan import scan_pdf
    rnd = random.Random(seed * 104729 + 3)
    data, truth = text_pdf_case(seed, rules=rnd.choice(["stroke", "fill"]))
    scanned, how = scan_pdf(data, rnd)
    truth["provenance"] += f"; scanned: {how}"
    return scanned, truth
