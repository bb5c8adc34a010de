"""Documents nobody here typed: a sample of tests/docgen's seeded Word-exported-looking PDFs (blank
cells, labels wrapped at varied widths, tables split over pages, merged headers, stroked or filled
rules) and one scan of them. Truth is the generator's inputs; bench/documents.py runs many more.

Ruled PDFs: every figure exact, nothing extra. Ruleless PDFs and scans: never a wrong number.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from govcrawl.documents import Limits, read_document
from govcrawl.documents.continued import join_continued
from tests.docgen import scan_case, text_pdf_case
from tests.test_documents import map_figures

RULED_SEEDS = [1, 3, 7, 12, 29, 31]           # split table 四 (1, 3, 12), stroked and filled rules, sizes 7.5-10.5


def score(truth: dict, content) -> tuple[int, list[str]]:
    figures, _unreadable, _fmt = map_figures(content)
    exact, wrong = 0, []
    for key, want in truth["figures"].items():
        fig = figures.get(key)
        if fig is not None and fig.value == Decimal(want):
            exact += 1
        elif fig is not None:
            wrong.append(f"{key}: got {fig.value} (raw {fig.raw!r}), want {want}")
    wrong += [f"{key}: extra {figures[key].value}" for key in figures if key not in truth["figures"]]
    return exact, wrong


@pytest.mark.parametrize("seed", RULED_SEEDS)
def test_blank_cell_ruled_pdf_reads_every_figure(seed: int) -> None:
    data, truth = text_pdf_case(seed)
    assert b"re f" in data or b" l S" in data          # the sample really has ruling lines
    exact, wrong = score(truth, read_document(data, filename="report.pdf"))
    assert not wrong, f"seed {seed}: " + "; ".join(wrong)
    assert exact == len(truth["figures"]), f"seed {seed}: {exact}/{len(truth['figures'])} exact"


@pytest.mark.parametrize("seed", [2, 5])
def test_blank_cell_ruleless_pdf_is_never_wrong(seed: int) -> None:
    data, truth = text_pdf_case(seed, rules="none")
    exact, wrong = score(truth, read_document(data, filename="report.pdf"))
    assert not wrong, f"seed {seed}: " + "; ".join(wrong)


def test_scan_of_a_blank_cell_report_is_read_and_never_wrong() -> None:
    data, truth = scan_case(0)
    content = read_document(data, filename="scan.pdf", limits=Limits(timeout_s=900))
    exact, wrong = score(truth, content)
    assert content.ocr
    assert not wrong, "; ".join(wrong)
    assert exact >= 0.8 * len(truth["figures"]), f"only {exact}/{len(truth['figures'])} read"


def test_header_row_above_a_page_break_lends_no_text_to_blank_cells_below() -> None:
    """Table 四's headings end page 2, its one data row (mostly blank: zeros) starts page 3."""
    head = [["行政复议"] * 2 + ["行政诉讼"] * 2, ["结果维持", "总计", "结果维持", "总计"]]
    tail = [["", "4", "", "12"]]
    grids = join_continued([(1, 600.0, 800.0, 842.0, head), (2, 60.0, 90.0, 842.0, tail)])
    assert grids == [head + tail]


def test_a_short_data_row_after_a_break_is_unreadable_not_shifted() -> None:
    """A continuation with one column fewer (a rule lost between two blank cells) and a blank first
    cell is no label spanning the label columns: widening it would put 4 under the wrong heading."""
    head = [["项目", "甲", "乙", "丙"], ["一、数量", "1", "2", "3"]]
    tail = [["", "4", "5"]]
    grids = join_continued([(1, 600.0, 800.0, 842.0, head), (2, 60.0, 90.0, 842.0, tail)])
    assert grids == [head + [[None] * 4]]
