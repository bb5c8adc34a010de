"""Documents (PDF, DOCX, DOC, XLSX, XLS, scans) through read_document and the table mapper, against
truth written by reading (real-*) or declared as the generator's inputs (doc-*).

Text documents: every figure exact, nothing extra, nothing unreadable. Scans: every figure exact or
unreadable, never wrong, and most of them read. Hostile files: UnreadableDocument, quickly.
"""
from __future__ import annotations

import io
import json
import time
import zipfile
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from govcrawl.documents import Limits, UnreadableDocument, read_document, sniff_kind
from govcrawl.documents.limits import check_zip
from govcrawl.documents.ocr import _number_or_none

CORPUS = Path(__file__).resolve().parent / "corpus"
# documents only: real-* HTML pages are read by tests/test_corpus.py
CASES = sorted(p.parent.name for p in CORPUS.glob("*/truth.json")
               if p.parent.name.startswith(("real-", "doc-"))
               and not json.loads(p.read_text())["source"].endswith((".html", ".htm", ".shtml")))
REPORTS = [c for c in CASES if json.loads((CORPUS / c / "truth.json").read_text())["is_report"]]
HOSTILE = [c for c in CASES if c not in REPORTS]
SCAN_LIMITS = Limits(timeout_s=900)          # OCR on a shared 2-core machine under load is slow


def truth_of(case: str) -> dict:
    return json.loads((CORPUS / case / "truth.json").read_text(encoding="utf-8"))


def is_scan(case: str) -> bool:
    return truth_of(case)["source"].startswith("scan.")


@lru_cache(maxsize=None)
def read_case(case: str):
    truth = truth_of(case)
    data = (CORPUS / case / truth["source"]).read_bytes()
    return read_document(data, filename=truth["source"], limits=SCAN_LIMITS if is_scan(case) else None)


def map_figures(content):
    """What extract() does with a document: grids first, the text when the grids miss table 三."""
    from govcrawl.extract.tables import figures_from_grids
    from govcrawl.extract.text_tables import figures_from_text
    reading = figures_from_grids(content.grids, source="ocr" if content.ocr else content.kind)
    figures, unreadable, fmt = dict(reading.figures), set(reading.unreadable), reading.format
    if not any(k.startswith("requests.") for k in figures):
        flat = figures_from_text(content.text, source="text")
        for key, fig in flat.figures.items():
            figures.setdefault(key, fig)
        unreadable |= set(flat.unreadable)
        fmt = fmt or flat.format
    return figures, unreadable - set(figures), fmt


def field_diff(truth: dict, figures: dict, unreadable: set, scan: bool) -> tuple[list[str], int]:
    """(problems, number of truth figures read exactly)."""
    problems, exact = [], 0
    for key, want in sorted(truth["figures"].items()):
        fig = figures.get(key)
        if fig is None:
            if not scan:
                problems.append(f"{key}: missing{' (unreadable)' if key in unreadable else ''}, want {want}")
        elif fig.value != Decimal(want):
            problems.append(f"{key}: WRONG got {fig.value} (raw {fig.raw!r}), want {want}")
        else:
            exact += 1
    for key in sorted(set(figures) - set(truth["figures"])):
        problems.append(f"{key}: extra {figures[key].value} (raw {figures[key].raw!r}), not printed")
    if not scan:
        for key in sorted(unreadable & set(truth["figures"])):
            problems.append(f"{key}: reported unreadable in a text document")
    return problems, exact


@pytest.mark.parametrize("case", REPORTS)
def test_report_figures(case: str) -> None:
    truth = truth_of(case)
    content = read_case(case)
    figures, unreadable, fmt = map_figures(content)
    scan = is_scan(case)
    problems, exact = field_diff(truth, figures, unreadable, scan)
    assert not problems, f"{case}: {len(problems)} field mismatches\n  " + "\n  ".join(problems)
    if scan:
        # never wrong is not enough: a reader that reads nothing would pass that
        assert exact >= 0.8 * len(truth["figures"]), f"{case}: only {exact}/{len(truth['figures'])} read"
        assert content.ocr
    else:
        assert exact == len(truth["figures"])
        assert fmt == truth["facts"]["format"]


@pytest.mark.parametrize("case", [c for c in REPORTS if not is_scan(c)])
def test_report_checks(case: str) -> None:
    """The checks computed on what was read fail exactly where the printed report fails them."""
    from govcrawl.extract.checks import run_checks
    truth = truth_of(case)
    figures, _unreadable, fmt = map_figures(read_case(case))
    failed = sorted(c.check for c in run_checks(figures, fmt) if not c.passed)
    assert failed == sorted(truth["checks_failed"])


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_file_is_refused_quickly(case: str) -> None:
    truth = truth_of(case)
    data = (CORPUS / case / truth["source"]).read_bytes()
    started = time.monotonic()
    with pytest.raises(UnreadableDocument) as err:
        read_document(data, filename=truth["source"])
    assert truth["expect_error"] in err.value.reason
    assert time.monotonic() - started < 30


def test_same_table_from_every_text_format() -> None:
    """DOCX, DOC, XLSX, XLS and PDF made from one input give the same table-三 grid, merged cells
    repeated: the tall 三、本年度办理结果 cell down its 21 rows, the note across its 3x3 block."""
    def table_three(case):
        grid = next(g for g in read_case(case).grids if any("自然人" in (c or "") for r in g[:4] for c in r))
        while sum(1 for c in grid[0] if c) == 1:      # a sheet's heading row above the table
            grid = grid[1:]
        return grid
    grids = {c: table_three(c) for c in ("doc-docx-merged", "doc-doc-legacy", "doc-xlsx-merged",
                                          "doc-xls-legacy", "doc-pdf-text")}
    reference = grids["doc-docx-merged"]
    assert len(reference) == 28 and all(len(r) == 10 for r in reference)
    assert [r[0] for r in reference[5:26]] == ["三、本年度办理结果"] * 21
    assert {reference[r][c] for r in range(3) for c in range(3)} == {
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"}
    assert reference[1][4:9] == ["法人或其他组织"] * 5 and reference[1][3] == reference[2][3] == "自然人"
    for case, grid in grids.items():
        assert grid == reference, f"{case} differs from the DOCX grid"


def test_real_pdf_table_split_over_pages_is_one_grid() -> None:
    """Huai'an 2024: table 三 runs from page 4 to 5 and （四）无法提供 is cut in two by the break."""
    grid = next(g for g in read_case("real-huaian-city-2024").grids if len(g[0]) == 10)
    labels = [r[2] for r in grid]
    assert labels.index("1.本机关不掌握相关政府信息") + 1 == labels.index("2.没有现成信息需要另行制作")
    assert grid[labels.index("2.没有现成信息需要另行制作")][:2] == ["三、本年度办理结果", "（四）无法提供"]
    assert grid[-1][0] == "四、结转下年度继续办理" and grid[-1][3:] == ["103", "0", "0", "0", "0", "0", "103"]


@pytest.mark.parametrize("case,kind", [("real-hongze-district-2023", "pdf"), ("doc-docx-merged", "docx"),
                                       ("doc-doc-legacy", "doc"), ("doc-xlsx-merged", "xlsx"),
                                       ("doc-xls-legacy", "xls"), ("doc-scan-png", "image"),
                                       ("doc-scan-pdf", "pdf"), ("doc-hostile-html-as-pdf", None)])
def test_sniff_by_magic_bytes_not_by_name(case: str, kind: str | None) -> None:
    data = (CORPUS / case / truth_of(case)["source"]).read_bytes()
    assert sniff_kind(data, filename="misleading.html", content_type="text/html") == kind
    assert sniff_kind(data) == kind


def test_timeout_stops_a_slow_document() -> None:
    data = (CORPUS / "doc-scan-pdf" / "scan.pdf").read_bytes()
    started = time.monotonic()
    with pytest.raises(UnreadableDocument) as err:
        read_document(data, limits=Limits(timeout_s=2))
    assert "timeout" in err.value.reason
    assert time.monotonic() - started < 10


def test_memory_limit_stops_a_greedy_parse() -> None:
    data = (CORPUS / "doc-scan-pdf" / "scan.pdf").read_bytes()
    with pytest.raises(UnreadableDocument) as err:
        read_document(data, limits=Limits(max_memory_mb=150, timeout_s=120))
    assert err.value.reason.startswith(("memory limit", "killed"))


def test_page_limit() -> None:
    data = (CORPUS / "real-huaian-city-2024" / "report.pdf").read_bytes()
    with pytest.raises(UnreadableDocument) as err:
        read_document(data, limits=Limits(max_pages=5))
    assert "too many pages" in err.value.reason


def test_zip_bomb_is_refused_from_the_directory_alone() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w/>" * 4_000_000)       # 16 MB of XML in a few KB
    with pytest.raises(UnreadableDocument) as err:
        check_zip(buf.getvalue(), Limits())
    assert "decompression bomb" in err.value.reason
    check_zip((CORPUS / "doc-docx-merged" / "report.docx").read_bytes(), Limits())   # a real DOCX passes


@pytest.mark.parametrize("text,score,expected", [
    ("120", 0.99, "120"), ("452.36", 0.97, "452.36"), ("１２", 0.99, "12"),
    ("7.", 0.99, None), ("12:", 0.95, None), ("12", 0.80, None), ("O", 0.99, None), ("1O", 0.99, None),
    ("0", 0.70, None),     # a low-confidence 0 needs its glyph to prove it; no glyph here
])
def test_ocr_number_is_clean_and_confident_or_unreadable(text: str, score: float, expected) -> None:
    assert _number_or_none(text, score) == expected


def test_ruleless_pdf_table_three_from_word_positions() -> None:
    """doc-pdf-no-rules: labels wrapped over 2-8 lines and over page breaks are joined by position."""
    grid = next(g for g in read_case("doc-pdf-no-rules").grids if g[0][-1] == "总计" and len(g[0]) == 10)
    rows = {r[2] or r[1] or r[0]: r for r in grid[1:]}
    assert rows["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"][3:] == ["12", "1", "0", "0", "0", "1", "14"]
    assert rows["6.属于四类过程性信息"][:2] == ["三、本年度办理结果", "（三）不予公开"]
    assert rows["6.属于四类过程性信息"][3:] == ["4", "0", "0", "0", "0", "0", "4"]
    assert rows["1.本机关不掌握相关政府信息"][1:] == ["（四）无法提供", "1.本机关不掌握相关政府信息",
                                                     "20", "1", "0", "0", "0", "0", "21"]
    assert rows["（七）总计"][0] == "三、本年度办理结果" and rows["（七）总计"][2] == ""
    assert rows["四、结转下年度继续办理"][3:] == ["8", "0", "0", "0", "0", "1", "9"]


def _words(lines: list[tuple[float, list[tuple[float, str]]]]) -> list[dict]:
    return [{"text": t, "x0": x, "x1": x + 9 * len(t), "top": y, "bottom": y + 9}
            for y, cells in lines for x, t in cells]


def test_ruleless_number_line_without_its_label_is_not_read() -> None:
    """A number line with no label beside it, between the fragments of a wrapped label, could be
    that label's or the next one's: it is refused, and the label it sits inside is not read either."""
    from govcrawl.documents.wordgrid import grids_from_words
    cols = [200, 250, 300, 350, 400, 450, 500]
    header = [(200, "自然人"), (250, "商业企业"), (300, "科研机构"), (350, "社会公益"), (400, "法律服务"),
              (450, "其他"), (500, "总计")]
    nums = lambda vals: list(zip(cols, vals.split()))  # noqa: E731
    page = _words([
        (100, header),
        (130, [(40, "一、本年新收政府信息公开申请数量")] + nums("5 0 0 0 0 0 5")),
        (154, [(40, "三、本年"), (95, "（三）不"), (150, "6.属于四")] + nums("4 0 0 0 0 0 4")),
        (168, [(40, "度办理结"), (95, "予公开"), (150, "类过程")]),
        (182, nums("1 0 0 0 0 0 1")),                                     # no label on this line
        (196, [(150, "性信息")]),
        (220, [(150, "7.属于行")] + nums("2 0 0 0 0 0 2")),
        (234, [(150, "政执法案卷")]),
        (258, [(40, "四、政府信息公开行政复议、行政诉讼情况")]),             # the table ends: narrative across it
        (282, [(40, "五、存在的主要问题")] + nums("9 9 9 9 9 9 9")),
    ])
    warnings: list[str] = []
    grid = next(g for g in grids_from_words([(0, page)], warnings) if g[0][-1] == "总计")
    labels = ["".join(r[:3]) for r in grid[1:]]
    assert labels == ["一、本年新收政府信息公开申请数量", "三、本年度办理结（三）不予公开6.属于四类过程",
                      "三、本年度办理结（三）不予公开7.属于行政执法案卷"]
    assert grid[2][3:] == [None] * 7                                      # reported unreadable, never guessed
    assert grid[3][3:] == ["2", "0", "0", "0", "0", "0", "2"]
    assert any("'1 0 0 0 0 0 1'" in w and "not read" in w for w in warnings), warnings
