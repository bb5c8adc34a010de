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
from tests.docgen.pdfdraw import pick_style
from tests.docgen.report import make_report


def truth_of(report, how: str) -> dict:
    return {"facts": FACTS, "figures": report.figures, "unreadable": [], "checks_failed": report.checks_failed,
            "is_report": True, "provenance": f"tests/docgen seed {report.seed}: {how}"}


def _laid_out(seed: int, rules: str | None = None, furniture: bool = True):
    """furniture=False: no page numbers and centred figures (the scans keep the prints they had)."""
    from tests.docgen.pdfdraw import lay_out
    rnd = random.Random(seed * 7919 + 1)
    report = make_report(seed)
    style = pick_style(rnd, rules)
    if not furniture:
        style.page_numbers, style.number_align = "", "center"
    return report, style, lay_out(report.tables, style, TITLE)


def text_pdf_case(seed: int, rules: str | None = None) -> tuple[bytes, dict]:
    report, style, canvas = _laid_out(seed, rules)
    return canvas.pdf(), truth_of(report, f"text PDF, {style}, {report.style}")


def scan_case(seed: int) -> tuple[bytes, dict]:
    """An image-only PDF: the seed's report printed with ruling lines and scanned."""
    from tests.docgen.scan import image_pdf, scan_images
    rnd = random.Random(seed * 104729 + 3)
    report, style, canvas = _laid_out(seed, rules=rnd.choice(["stroke", "fill"]), furniture=False)
    pages, dpi, how = scan_images(canvas, rnd)
    return image_pdf(pages, dpi), truth_of(report, f"scan of the text PDF ({style}, {report.style}): {how}")
