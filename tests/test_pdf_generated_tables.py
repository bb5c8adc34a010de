"""Generated Word-exported PDFs (tests/docgen) read to every figure: tables without ruling lines
(only word positions: labels wrapped, left-aligned or centred, figures left-aligned or centred,
page numbers under the tables, tables over page breaks) and blank-heavy ruled tables whose rows
are blank everywhere (blank means 0, formats.md). The seeds are picked by what the generator drew
(its style and its truth), never by what the reader makes of them. bench/documents.py runs many more.
"""
from __future__ import annotations

import random
from decimal import Decimal

import pytest

from govcrawl.documents import read_document
from govcrawl.documents.wordcols import intervals, place
from tests.docgen import text_pdf_case
from tests.docgen.pdfdraw import pick_style
from tests.docgen.report import make_report
from tests.test_documents import map_figures


def _style(seed: int):
    return pick_style(random.Random(seed * 7919 + 1), "none")      # as tests/docgen draws it


def _first(pred, start: int) -> int:
    return next(s for s in range(start, start + 500) if pred(s))


# one seed for each layout that broke the reader: left / centred labels, left-aligned figures,
# each kind of page number, labels set character by character, the smallest and largest type
RULELESS_SEEDS = sorted({
    _first(lambda s: _style(s).label_align == "left" and _style(s).number_align == "left", 100),
    _first(lambda s: _style(s).label_align == "center" and _style(s).number_align == "left", 200),
    _first(lambda s: _style(s).label_align == "center" and _style(s).page_numbers == "- {n} -", 300),
    _first(lambda s: _style(s).page_numbers.startswith("第"), 400),
    _first(lambda s: _style(s).page_numbers == "{n}" and _style(s).per_char, 500),
    _first(lambda s: _style(s).size == 7.5 and _style(s).widths_3[0] < 12, 600),
    _first(lambda s: _style(s).size == 10.5 and _style(s).label_align == "left", 700),
})

_T4 = [f"{g}.{o}" for g in ("review", "litigation_direct", "litigation_after_review")
       for o in ("upheld", "corrected", "other", "pending", "total")]


def _all_blank_t4(seed: int) -> bool:
    """Table 四 printed with every cell blank: its one data row is blank everywhere."""
    report = make_report(seed)
    return report.style["blank_share"] == 1.0 and all(report.figures[k] == "0" for k in _T4)


BLANK_ROW_SEEDS = [_first(_all_blank_t4, 0), _first(_all_blank_t4, 300)]


def _score(data: bytes, truth: dict) -> tuple[int, list[str]]:
    figures, _unreadable, _fmt = map_figures(read_document(data, filename="report.pdf"))
    exact, bad = 0, []
    for key, want in truth["figures"].items():
        fig = figures.get(key)
        if fig is not None and fig.value == Decimal(want):
            exact += 1
        else:
            bad.append(f"{key}: got {None if fig is None else fig.value}, want {want}")
    bad += [f"{key}: extra" for key in figures if key not in truth["figures"]]
    return exact, bad


def test_the_sample_covers_the_hard_layouts() -> None:
    styles = [_style(s) for s in RULELESS_SEEDS]
    assert len(RULELESS_SEEDS) >= 5
    assert {"left", "center"} <= {s.label_align for s in styles}
    assert any(s.number_align == "left" for s in styles) and any(s.page_numbers for s in styles)


@pytest.mark.parametrize("seed", RULELESS_SEEDS)
def test_ruleless_pdf_reads_every_figure(seed: int) -> None:
    data, truth = text_pdf_case(seed, rules="none")
    assert b"re f" not in data and b" l S" not in data          # really no ruling lines
    exact, bad = _score(data, truth)
    assert not bad, f"seed {seed} ({truth['provenance']}): " + "; ".join(bad[:10])


@pytest.mark.parametrize("seed", BLANK_ROW_SEEDS)
@pytest.mark.parametrize("rules", ["stroke", "fill", "none"])
def test_a_row_blank_everywhere_is_zeros(seed: int, rules: str) -> None:
    data, truth = text_pdf_case(seed, rules=rules)
    exact, bad = _score(data, truth)
    assert not bad, f"seed {seed} {rules}: " + "; ".join(bad[:10])


def _w(x0: float, x1: float, text: str) -> dict:
    return {"x0": x0, "x1": x1, "text": text}


def test_a_figure_across_two_columns_is_refused_not_placed() -> None:
    cols = intervals([100.0, 140.0, 180.0])               # bounds 80 | 120 | 160 | 200
    assert place([_w(96, 104, "12"), _w(176, 184, "3")], cols) == ["12", "", "3"]
    assert place([_w(115, 125, "12")], cols) is None      # over the 120 bound: which column?
    assert place([_w(96, 104, "12"), _w(100, 108, "3")], cols) is None   # two under one heading
    assert place([_w(96, 104, "合计")], cols) is None      # words are no figures


def test_text_flow_pdfs_of_the_portal_generator_read_whole():
    """The portal generator's PDF copies set each table row as one line of words (no cells, no rules):
    labels longer than the 信息内容 heading (行政事业性收费) ran past its column and the row was lost."""
    from govcrawl.reading import extract
    from tests.portalgen import content
    from tests.portalgen.plan import build_plan

    items = [it for p in build_plan(7, 12) for col in p.columns for it in col.items
             if it.kind == "report" and it.fmt in ("2019", "2021") and not it.legacy][:6]
    assert len(items) == 6
    for it in items:
        ex = extract(content.pdf_bytes(it), url="http://127.0.0.1/x.pdf", filename="x.pdf")
        want = content.figures(it)
        got = {k: str(f.value) for k, f in ex.figures.items()}
        wrong = {k: (got.get(k), v) for k, v in want.items() if k not in got or Decimal(got[k]) != Decimal(v)}
        assert not wrong and set(got) <= set(want), (it.title, wrong)


def test_portal_generator_pdf_with_table_two_headings_on_two_lines():
    # portalgen seed 31's p0005 and p0069 (2019 format, split headers: 本年新 over 制作数量): the 规章 and
    # 规范性文件 rows were lost (4 figures silently absent, 2 ambiguous) while the heading's second line
    # ended the table.
    from govcrawl.reading import extract
    from tests.portalgen import content
    from tests.portalgen.plan import build_plan

    items = [it for p in build_plan(31, 80) if p.pid in ("p0005", "p0069") for col in p.columns for it in col.items
             if it.kind == "report" and it.fmt == "2019" and "style:split_header" in it.tags]
    assert len(items) >= 2
    checked = 0
    for it in items:
        data = content.pdf_bytes(it)
        ex = extract(data, url="http://127.0.0.1/x.pdf", filename="x.pdf")
        want = content.figures(it)
        got = {k: str(f.value) for k, f in ex.figures.items()}
        keys = [k for k in want if k.startswith(("active.rules.", "active.normative_docs."))]
        assert keys
        for k in keys:
            assert k in got and Decimal(got[k]) == Decimal(want[k]), (it.title, k, got.get(k), want[k])
        checked += 1
    assert checked
