"""Legacy (2008-2018) reports: the national 统计表 and its provincial variants read from the label
vocabulary (govcrawl/data/legacy_labels.csv), the value column chosen by its header, figures from
the narrative only where the sentence is unambiguous, the generation told from year and tables,
and amounts printed in 元 converted to 万元 with the raw text kept (HTML, PDF, DOCX, legacy).

Truth comes from the generators that wrote the pages (tests/portalgen/legacy.py, tests/web/gen) or
from the literal table a test writes."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from govcrawl.reading import extract
from govcrawl.extract.generation import decide
from govcrawl.extract.metrics import keys_for
from govcrawl.extract.narrative import figures_from_narrative
from tests.portalgen import content
from tests.portalgen.legacy import legacy_report, table_html
from tests.portalgen.plan import Item
from tests.web.gen import docx as docx_gen
from tests.web.gen.pdf import text_pdf

VOCABULARY = Path(__file__).resolve().parent.parent / "govcrawl" / "data" / "legacy_labels.csv"
FORMS = ("national", "zhe", "su", "lu")


def _page(year: int, table: str, narrative: str = "<p>一、概述</p><p>本年度政府信息公开工作有序推进。</p>") -> bytes:
    return (f"<html><head><title>某某县{year}年政府信息公开工作年度报告_某某县人民政府</title></head><body>"
            f"<div class='article'>{narrative}{table}</div></body></html>").encode()


def _table(rows: list[list[str]]) -> str:
    return "<table border='1'>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"


def test_vocabulary_names_only_legacy_keys_and_known_roles() -> None:
    legacy_keys = set(keys_for("legacy"))
    with VOCABULARY.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 40
    for r in rows:
        if r["kind"] == "row":
            assert r["key"] == "" or r["key"] in legacy_keys, r
        else:
            assert r["kind"] == "column" and r["key"] in ("label", "unit", "value", "value_year", "period"), r


@pytest.mark.parametrize("form", FORMS)
def test_generated_forms_read_every_figure_and_nothing_else(form: str) -> None:
    for seed in range(12):
        rows, want = legacy_report(seed, form)
        ex = extract(_page(2012 if form != "national" else 2016, table_html(form, rows)))
        assert ex.is_report and ex.facts.format == "legacy"
        got = {k: f.value for k, f in ex.figures.items()}
        assert got == {k: Decimal(v) for k, v in want.items()}, (form, seed)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_generated_forms_read_from_pdf_text_and_docx(form: str, kind: str) -> None:
    """A PDF without ruling lines gives the 统计表 as text lines (label, unit, value); DOCX as a table."""
    for seed in range(3):
        it = Item(1, "某某县2016年政府信息公开工作年度报告", "2017-01-20", agency="某某县人民政府", level="county",
                  year=2016, fmt="legacy", fig_seed=seed)
        it.legacy = form
        data = content.pdf_bytes(it) if kind == "pdf" else content.docx_bytes(it)
        ex = extract(data, filename=f"report.{kind}")
        assert ex.facts.format == "legacy"
        got = {k: f.value for k, f in ex.figures.items()}
        assert got == {k: Decimal(v) for k, v in content.figures(it).items()}, (form, kind, seed)


def test_pdf_text_lines_that_do_not_fill_the_columns_are_unreadable() -> None:
    lines = ["某某县2017年政府信息公开工作年度报告", "统计表", "指标名称 计量单位 2017年度 历年累计",
             "主动公开文件数 条 2122 10037", "行政复议数 件 3", "行政诉讼数 件"]
    ex = extract(text_pdf(lines), filename="report.pdf")
    assert ex.figures["legacy.active.total"].value == 2122
    assert "legacy.review.total" in ex.unreadable          # one number under two columns: which one?
    assert ex.figures["legacy.litigation.total"].value == 0      # no number at all: a blank cell


def test_a_combined_or_keyless_row_is_never_stored() -> None:
    rows = [["统计指标", "单位", "统计数"], ["收到申请数", "件", "5"], ["其中：当面申请数", "件", "2"],
            ["信函、传真申请数", "件", "3"], ["其中：全文电子化", "条", "40"], ["电话申请数", "件", "7"]]
    ex = extract(_page(2012, _table(rows)))
    assert {k: str(f.value) for k, f in ex.figures.items()} == {
        "legacy.requests.received": "5", "legacy.requests.in_person": "2"}
    assert any("电话申请数" in w and "not read" in w for w in ex.warnings)     # unknown row: said, not read


def test_the_year_column_is_read_and_cumulative_columns_never() -> None:
    rows = [["指标名称", "计量单位", "2017年度", "历年累计"], ["主动公开文件数", "条", "2122", "10037"],
            ["行政复议数", "件", "1", "6"]]
    ex = extract(_page(2017, _table(rows)))
    assert {k: (str(f.value), f.col_label) for k, f in ex.figures.items()} == {
        "legacy.active.total": ("2122", "2017年度"), "legacy.review.total": ("1", "2017年度")}
    # two years side by side: which one is the report's is not guessed
    rows[0] = ["指标名称", "计量单位", "2016年度", "2017年度"]
    ex = extract(_page(2017, _table(rows)))
    assert not ex.figures
    assert {"legacy.active.total", "legacy.review.total"} <= set(ex.unreadable)


def test_a_period_above_the_years_total_is_unreadable() -> None:
    rows = [["指标名称", "计量单位", "代码", "本期实际", "本年累计"], ["主动公开信息数", "条", "01", "416", "1873"],
            ["申请总数", "条", "10", "3", ""]]           # 本年累计 left blank: 0 would be wrong
    ex = extract(_page(2012, _table(rows)))
    assert ex.figures["legacy.active.total"].value == 1873
    assert "legacy.requests.received" in ex.unreadable and "legacy.requests.received" not in ex.figures


def test_a_heading_row_of_dashes_is_no_zero() -> None:
    rows = [["统计指标", "单位", "统计数"], ["四、行政复议", "——", "——"], ["行政复议数量", "件", "3"]]
    got = {k: str(f.value) for k, f in extract(_page(2016, _table(rows))).figures.items()}
    assert got == {"legacy.review.total": "3"}


def test_sections_tell_review_from_litigation_rows() -> None:
    rows = [["统计指标", "单位", "统计数"], ["四、行政复议数量", "件", "3"], ["（二）被依法纠错数", "件", "1"],
            ["五、行政诉讼数量", "件", "2"], ["（二）被依法纠错数", "件", "0"]]
    got = {k: str(f.value) for k, f in extract(_page(2016, _table(rows))).figures.items()}
    assert got == {"legacy.review.total": "3", "legacy.review.corrected": "1",
                   "legacy.litigation.total": "2", "legacy.litigation.corrected": "0"}


# ---- generation ---------------------------------------------------------------------------------
def test_generation_from_year_and_tables() -> None:
    assert decide("", 2018, "重点做好政府集中采购信息公开")[0] == "legacy"     # words never outweigh the year
    assert "2019" in decide("", 2018, "政府集中采购")[1]
    assert decide("", 2020, "") == ("2019", "")
    assert decide("", 2022, "") == ("2021", "")
    assert decide("2019", 2019, "") == ("2019", "")
    fmt, why = decide("2019", 2018, "")                                   # tables printed 2019 columns
    assert fmt == "2019" and "2018" in why
    assert decide("", None, "本年制发件数") == ("2021", "")
    assert decide("", None, "统 计 指 标 单位 统计数") == ("legacy", "")


def test_a_2018_report_without_a_table_is_legacy_even_when_it_names_2019_rows() -> None:
    work = "各单位按照《条例》要求，严格落实信息发布审查制度，及时更新政府信息公开指南和目录。" * 25
    narrative = (f"<p>一、概述</p><p>2018年，我县重点做好财政预决算、政府集中采购等领域信息公开。{work}</p>"
                 "<p>二、主动公开政府信息情况</p><p>2018年，共主动公开政府信息1200条。</p>"
                 "<p>三、依申请公开政府信息情况</p><p>全年共受理政府信息公开申请6件，均已按时答复。</p>"
                 "<p>四、存在的主要问题和改进措施</p><p>信息公开队伍力量还比较薄弱。</p>"
                 "<p>五、其他需要报告的事项</p><p>无。</p>")
    ex = extract(_page(2018, "", narrative))
    assert ex.is_report and ex.facts.format == "legacy"
    got = {k: (str(f.value), f.raw, f.source) for k, f in ex.figures.items()}
    assert got == {"legacy.active.total": ("1200", "共主动公开政府信息1200条", "narrative"),
                   "legacy.requests.received": ("6", "全年共受理政府信息公开申请6件", "narrative")}


def test_the_table_wins_over_the_narrative() -> None:
    rows = [["统计指标", "单位", "统计数"], ["收到申请数", "件", "5"]]
    narrative = "<p>一、概述</p><p>2016年共受理政府信息公开申请4件，共主动公开政府信息300条。</p>"
    ex = extract(_page(2016, _table(rows), narrative))
    assert {k: str(f.value) for k, f in ex.figures.items()} == {"legacy.requests.received": "5"}


# ---- narrative ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, want", [
    ("2017年，本办共受理依申请公开2件，均通过网络申请。", {"legacy.requests.received": "2"}),
    ("全年共受理申请4件。", {"legacy.requests.received": "4"}),
    ("2017年新增主动公开政府信息45条。其中，政策法规类的信息32条。", {"legacy.active.total": "45"}),
    ("2017年，我局收到以有关政府信息公开行政复议0件。", {"legacy.review.total": "0"}),
    ("我局没有从事政府信息公开工作的全职人员，兼职人员1人。", {"legacy.org.staff_parttime": "1"}),
    # Fujian's template wording (real: 德化县审计局 2010): 全职 is the form's 专职, 为 before the figure
    ("从事政府信息公开工作的全职人员为0人,兼职人员为1人。",
     {"legacy.org.staff_fulltime": "0", "legacy.org.staff_parttime": "1"}),
    # the same page prints the figure without its unit, the sentence ends there
    ("三、依申请公开政府信息情况\n我局共受理政府信息公开申请0\n四、咨询处理情况", {"legacy.requests.received": "0"}),
    ("共受理政府信息公开申请12个工作日内答复。", {}),          # a number that is not the count
    ("安排2名人员专职负责全县政府信息公开日常工作。", {}),       # staff before the word: may be a past set-up
    ("2017年未收到有关政府信息公开申请。", {}),                 # no numeral: not read
    ("2016年共受理申请3件，2017年共受理申请4件。", {"legacy.requests.received": "4"}),
    ("主动公开政府信息共计77条。", {"legacy.active.total": "77"}),
    ("2017年度主动公开信息的有5条；", {"legacy.active.total": "5"}),         # 道县文广新局 2013 wording
    # the unit speaking of itself, and its channels, between the year and the figure (real 2008/2018 wordings)
    ("2017年度我镇主动公开政府信息数22条，其中线上信息公开15条。", {"legacy.active.total": "22"}),
    ("2017年,我镇通过政府信息公开平台、政府网站主动公开政府信息12条。", {"legacy.active.total": "12"}),
    ("2017年,我局通过网站主动公开信息12条,通过公开栏主动公开信息8条。", {}),     # two channels, no total
    # a part beside the whole, the past, another unit's count or no total sentence: not read
    ("2017年全区主动公开政府信息2122条。其中，区直各部门主动公开政府信息1509条。", {}),
    ("自2008年以来累计主动公开政府信息10037条。", {}),
    ("行政复议方面，共受理12件。", {}),
    ("收到政府信息公开申请5件。", {}),
    ("共收到申请4件。另一处写收到政府信息公开申请5件。", {}),
    ("共受理申请4件，比上年共受理申请3件有所增加。", {"legacy.requests.received": "4"}),
])
def test_narrative_reads_only_unambiguous_sentences(text: str, want: dict) -> None:
    figures, _ = figures_from_narrative(text, 2017)
    assert {k: str(f.value) for k, f in figures.items()} == want
    assert all(f.raw and f.raw in text and f.source == "narrative" for f in figures.values())


# ---- 元 -> 万元 ----------------------------------------------------------------------------------
def test_yuan_in_a_legacy_table_converts_and_keeps_raw() -> None:
    rows = [["统计指标", "单位", "统计数"], ["七、依申请公开信息收取的费用", "元", "1500"],
            ["（四）政府信息公开专项经费", "元", "20000"], ["主动公开政府信息数", "条", "90"]]
    figs = extract(_page(2016, _table(rows))).figures
    assert (figs["legacy.fees"].value, figs["legacy.fees"].raw) == (Decimal("0.15"), "1500元")
    assert (figs["legacy.org.budget"].value, figs["legacy.org.budget"].raw) == (Decimal(2), "20000元")
    assert figs["legacy.active.total"].value == 90


def _fees_2021(unit_in: str) -> tuple[str, str]:
    """A 2021 table 二 whose 收费 row prints 251000 yuan, the unit in the header or in the cell."""
    head = "本年收费金额（单位：元）" if unit_in == "header" else "本年收费金额（单位：万元）"
    cell = "251000" if unit_in == "header" else "251000元"
    t2 = _table([["第二十条第（八）项"], ["信息内容", "本年处理决定数量", head],
                 ["行政事业性收费", "3", cell]])
    return t2, "<p>一、总体情况</p><p>本年度政府信息公开工作有序推进。</p>"


@pytest.mark.parametrize("unit_in", ["header", "cell"])
@pytest.mark.parametrize("kind", ["html", "docx", "pdf"])
def test_yuan_converts_in_html_docx_and_pdf_tables(kind: str, unit_in: str) -> None:
    t2, narrative = _fees_2021(unit_in)
    title = "某某县2022年政府信息公开工作年度报告"
    if kind == "html":
        data, name = _page(2022, t2, narrative), None
    elif kind == "docx":
        data, name = docx_gen.from_html(title, narrative + t2), "report.docx"
    else:
        head = "本年收费金额（单位：元）" if unit_in == "header" else "本年收费金额（单位：万元）"
        cell = "251000" if unit_in == "header" else "251000元"
        data = text_pdf([title, "一、总体情况", "第二十条第（八）项", f"信息内容 本年处理决定数量 {head}",
                         f"行政事业性收费 3 {cell}"])
        name = "report.pdf"
    fig = extract(data, filename=name).figures.get("active.fees.amount")
    assert fig is not None, kind
    assert fig.value == Decimal("25.1") and "251000" in fig.raw and fig.raw.endswith("元")
