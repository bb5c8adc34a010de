"""Scans nobody here typed (tests/docgen: 150-300 dpi, turned, blurred, speckled, JPEG): never a wrong
number, most figures exact. CPU a page is a benchmark's (bench/documents.py --scans N, many more seeds),
never a timed assertion here."""
from __future__ import annotations

import numpy as np
import pytest

from govcrawl.documents import Limits, read_document
from govcrawl.documents.ocr import _agreed, _strong_ink
from govcrawl.extract.tables import figures_from_grids
from tests.docgen import scan_case
from tests.test_documents_generated import score

# seed: share of figures that must read exact (measured: 195, 200 and 197 of 200). 1001: 150 dpi,
# blur 0.7, specks 1/120, JPEG q55 (the hardest kind: 55% exact before the 300-dpi number reads and
# the row-spanning vertical rules); 1002: 200 dpi, blur 0.7, q55, its table 四 data row all blank
# (zeros: all 15 lost before); 1004: 200 dpi, blur 0.7, specks 1/120, 0.5 degrees
SEEDS = {1001: 0.95, 1002: 0.98, 1004: 0.97}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_scan_reads_never_wrong(seed: int) -> None:
    data, truth = scan_case(seed)
    content = read_document(data, filename="scan.pdf", limits=Limits(timeout_s=900, isolate=False))
    exact, wrong = score(truth, content)
    assert content.ocr
    assert not wrong, f"seed {seed}: " + "; ".join(wrong)
    assert exact >= SEEDS[seed] * len(truth["figures"]), f"seed {seed}: only {exact}/{len(truth['figures'])} exact"


def test_number_reads_must_agree_and_one_be_sure() -> None:
    blank = np.full((40, 30), 255, np.uint8)
    assert _agreed([("12", 0.95), ("12", 0.4)], blank) == "12"
    assert _agreed([("12", 0.7), ("12", 0.75)], blank) is None           # neither read sure
    assert _agreed([("12", 0.99), ("13", 0.6)], blank) is None           # they disagree
    assert _agreed([("12", 0.99), ("", 0.0), ("13", 0.5)], blank) is None
    assert _agreed([("12", 0.99), ("", 0.0), ("12", 0.5)], blank) == "12"  # a third read settles it
    assert _agreed([("12", 0.99)], blank) is None                        # one read is never enough


def test_specks_and_smudges_are_no_glyphs() -> None:
    """A faint smudge beside a 4 read as 24, a dark speck above a 0 read as °: both are whitened,
    a decimal point between two glyphs is kept."""
    crop = np.full((60, 140), 255, np.uint8)
    crop[15:45, 40:50] = 30                 # a glyph ("1")
    crop[15:45, 80:95] = 30                 # another
    crop[40:45, 62:67] = 40                 # a point on the baseline between them
    crop[20:40, 5:25] = 185                 # a faint smudge, as tall as a glyph
    crop[2:5, 110:113] = 20                 # a dark speck above the line
    out, glyphs = _strong_ink(crop)
    assert glyphs == 3
    assert out.min() == 30 and (out == 185).sum() == 0 and out.shape[1] < 80


def test_table_4_data_row_with_an_unread_cell_is_data_not_heading() -> None:
    """A scanned table 四 row of blanks (zeros) and one cell OCR could not read: the rest are zeros,
    the unread cell unreadable; the row was taken for a third heading row before (all 15 lost)."""
    head = [["行政复议"] * 5 + ["行政诉讼"] * 10,
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3]
    row = [""] * 15
    row[6] = None
    reading = figures_from_grids([head + [row]], source="pdf")
    assert "litigation_direct.corrected" not in reading.figures
    assert reading.figures["review.total"].value == 0 and len(reading.figures) == 14
