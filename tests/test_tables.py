"""figures_from_grids on hand-made HTML: the seeds re-rendered as real tables (true rowspans,
colspans, split headers, split and merged tables) must give the seeds' hand-read truth."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest

from govcrawl.extract.grid import grids_from_html
from govcrawl.extract.tables import figures_from_grids

DATA = Path(__file__).parent / "data"
TRUTH = json.loads((DATA / "seed_truth.json").read_text(encoding="utf-8"))
COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"]


def diff(figures, truth: dict[str, str]) -> list[str]:
    """Per-key differences between figures read and the truth (missing, extra, wrong)."""
    out = []
    for key, want in sorted(truth.items()):
        if key not in figures:
            out.append(f"missing {key} (want {want})")
        elif figures[key].value != Decimal(want):
            out.append(f"{key}: got {figures[key].value} (raw {figures[key].raw!r}), want {want}")
    out += [f"extra {k} = {figures[k].value}" for k in sorted(set(figures) - set(truth))]
    return out


def td(text="", **attrs) -> str:
    a = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f"<td{a}>{text}</td>"


def tr(*cells) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def t2_html(f: dict[str, str], fmt: str, split: bool) -> str:
    """Table 二; split=True prints each 第二十条 item as its own <table> (seen on real portals)."""
    v = lambda k: td(f[k])  # noqa: E731
    if fmt == "2019":
        parts = [
            tr(td("第二十条第(一)项", colspan=4)),
            tr(td("信息内容", rowspan=2), td("本年新"), td("本年新"), td("对外公开总数量", rowspan=2)),
            tr(td("制作数量"), td("公开数量")),
            tr(td("规章"), *(v(f"active.rules.{c}") for c in ("new_made", "new_published", "total_published"))),
            tr(td("规范性文件"), *(v(f"active.normative_docs.{c}") for c in ("new_made", "new_published", "total_published"))),
            tr(td("第二十条第(五)项", colspan=4)),
            tr(td("信息内容"), td("上一年项目数量"), td("本年增/减"), td("处理决定数量")),
            *(tr(td(lab), *(v(f"active.{row}.{c}") for c in ("items_prev_year", "items_change", "decisions")))
              for lab, row in (("行政许可", "licensing"), ("其他对外管理服务事项", "other_services"))),
            tr(td("第二十条第(六)项", colspan=4)),
            tr(td("信息内容"), td("上一年项目数量"), td("本年增/减"), td("处理决定数量")),
            *(tr(td(lab), *(v(f"active.{row}.{c}") for c in ("items_prev_year", "items_change", "decisions")))
              for lab, row in (("行政处罚", "penalty"), ("行政强制", "enforcement"))),
            tr(td("第二十条第(八)项", colspan=4)),
            tr(td("信息内容"), td("上一年项目数量"), td("本年增/减", colspan=2)),
            tr(td("行政事业性收费"), v("active.fees.items_prev_year"), td(f["active.fees.items_change"], colspan=2)),
            tr(td("第二十条第(九)项", colspan=4)),
            tr(td("信息内容"), td("采购项目数量"), td("采购总金额", colspan=2)),
            tr(td("政府集中采购"), v("active.procurement.projects"),
               td(f["active.procurement.amount"] + "万元", colspan=2)),
        ]
        return "<table>" + "".join(parts) + "</table>"
    sections = [
        [tr(td("第二十条第(一)项", colspan=4)),
         tr(td("信息内容"), td("本年制发件数"), td("本年废止件数"), td("现行有效件数")),
         tr(td("规章"), *(v(f"active.rules.{c}") for c in ("issued", "repealed", "in_force"))),
         tr(td("行政规范性文件"), *(v(f"active.normative_docs.{c}") for c in ("issued", "repealed", "in_force")))],
        [tr(td("第二十条第(五)项", colspan=4)),
         tr(td("信息内容"), td("本年处理决定数量", colspan=3)),
         tr(td("行政许可"), td(f["active.licensing.decisions"], colspan=3))],
        [tr(td("第二十条第(六)项", colspan=4)),
         tr(td("信息内容"), td("本年处理决定数量", colspan=3)),
         tr(td("行政处罚"), td(f["active.penalty.decisions"], colspan=3)),
         tr(td("行政强制"), td(f["active.enforcement.decisions"], colspan=3))],
        [tr(td("第二十条第(八)项", colspan=4)),
         tr(td("信息内容"), td("本年收费金额（单位：万元）", colspan=3)),
         tr(td("行政事业性收费"), td(f["active.fees.amount"], colspan=3))],
    ]
    if split:
        return "".join("<table>" + "".join(s) + "</table>" for s in sections)
    return "<table>" + "".join(r for s in sections for r in s) + "</table>"


T3_ROWS_2019_TAIL = [("(六)其他处理", "other")]
T3_ROWS_2021_TAIL = [("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other.no_correction"),
                     ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other.no_fee_paid"),
                     ("3.其他", "other.other")]
DENIED = [("1.属于国家秘密", "state_secret"), ("2.其他法律行政法规禁止公开", "prohibited_by_law"),
          ("3.危及“三安全一稳定”", "security_stability"), ("4.保护第三方合法权益", "third_party_rights"),
          ("5.属于三类内部事务信息", "internal_affairs"), ("6.属于四类过程性信息", "process_info"),
          ("7.属于行政执法案卷", "enforcement_file"), ("8.属于行政查询事项", "query_matter")]
UNAVAILABLE = [("1.本机关不掌握相关政府信息", "not_held"), ("2.没有现成信息需要另行制作", "needs_creation"),
               ("3.补正后申请内容仍不明确", "unclear")]
NOT_PROCESSED = [("1.信访举报投诉类申请", "petition"), ("2.重复申请", "duplicate"), ("3.要求提供公开出版物", "publication"),
                 ("4.无正当理由大量反复申请", "excessive"), ("5.要求行政机关确认或重新出具已获取信息", "confirm_existing")]


def t3_html(f: dict[str, str], fmt: str, blank_zero: bool, other_single: bool | None = None) -> str:
    """Table 三 as published: 10 columns, two header rows, three-level rows with rowspans."""
    single = fmt == "2019" if other_single is None else other_single
    cell = lambda k: td("" if blank_zero and f[k] == "0" else f[k])  # noqa: E731
    vals = lambda row: "".join(cell(f"requests.{row}.{c}") for c in COLS)  # noqa: E731
    n_results = 1 + 1 + 8 + 3 + 5 + (1 if single else 3) + 1
    rows = [
        tr(td("申请人情况", colspan=3, rowspan=2), td("自然人", rowspan=2), td("法人或其他组织", colspan=5),
           td("总计", rowspan=2)),
        tr(td("商业<br>企业"), td("科研机构"), td("社会公益组织"), td("法律服务机构"), td("其他")),
        tr(td("一、本年新收政府信息公开申请数量", colspan=3), vals("new")),
        tr(td("二、上年结转政府信息公开申请数量", colspan=3), vals("carried_over")),
        tr(td("三、本年度办理结果", rowspan=n_results), td("(一)予以公开", colspan=2), vals("granted")),
        tr(td("(二)部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2), vals("partial")),
    ]
    for group, subs, prefix in (("(三)不予公开", DENIED, "denied"), ("(四)无法提供", UNAVAILABLE, "unavailable"),
                                ("(五)不予处理", NOT_PROCESSED, "not_processed")):
        for i, (label, row) in enumerate(subs):
            head = td(group, rowspan=len(subs)) if i == 0 else ""
            rows.append(tr(head, td(label), vals(f"{prefix}.{row}")))
    if single:
        rows.append(tr(td("(六)其他处理", colspan=2), vals("other")))
    else:
        for i, (label, row) in enumerate(T3_ROWS_2021_TAIL):
            rows.append(tr(td("(六)其他处理", rowspan=3) if i == 0 else "", td(label), vals(row)))
    rows.append(tr(td("(七)总计", colspan=2), vals("total_handled")))
    rows.append(tr(td("四、结转下年度继续办理", colspan=3), vals("carried_forward")))
    return "<table border=1>" + "".join(rows) + "</table>"


def t4_html(f: dict[str, str]) -> str:
    outcomes = ("upheld", "corrected", "other", "pending", "total")
    names = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    return "<table>" + "".join([
        tr(td("行政复议", colspan=5), td("行政诉讼", colspan=10)),
        tr(*(td(n, rowspan=2) for n in names), td("未经复议直接起诉", colspan=5), td("复议后起诉", colspan=5)),
        tr(*(td(n) for n in names * 2)),
        tr(*(td(f[f"{g}.{o}"]) for g in ("review", "litigation_direct", "litigation_after_review") for o in outcomes)),
    ]) + "</table>"


def legacy_html(seed_text: str) -> str:
    rows = [line.split("|")[:3] for line in seed_text.splitlines() if line.count("|") >= 3]
    return "<table>" + "".join(tr(*(td(c.strip()) for c in r)) for r in rows) + "</table>"


def page(*tables: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring("<html><body><p>二、主动公开政府信息情况</p>" + "<p>正文</p>".join(tables)
                                + "</body></html>")


def read(*tables: str):
    return figures_from_grids(grids_from_html(page(*tables)))


def seed_page(seed: str, merged: bool = False, split: bool = False) -> lxml.html.HtmlElement:
    truth = TRUTH[seed]
    f, fmt = truth["figures"], truth["format"]
    tables = [t2_html(f, fmt, split), t3_html(f, fmt, blank_zero=(fmt == "2019")), t4_html(f)]
    if merged:    # all three tables printed as one <table>
        tables = ["<table>" + "".join(t.replace("<table>", "").replace("<table border=1>", "")
                                      .replace("</table>", "") for t in tables) + "</table>"]
    return page(*tables)


@pytest.mark.parametrize("seed", ["000_cfe94a00ec36cc7a", "002_4a271a9a9156ab49"])
@pytest.mark.parametrize("layout", ["plain", "split", "merged"])
def test_seed_rendered_as_html_gives_the_truth(seed, layout):
    reading = figures_from_grids(grids_from_html(seed_page(seed, merged=layout == "merged",
                                                           split=layout == "split")))
    truth = TRUTH[seed]
    assert diff(reading.figures, truth["figures"]) == []
    assert reading.format == truth["format"]
    assert reading.unreadable == [] and reading.ambiguous == []


def test_legacy_seed_rendered_as_html():
    seed = "003_bc870c0a05b91354"
    text = (DATA / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    reading = read(legacy_html(text))
    assert diff(reading.figures, TRUTH[seed]["figures"]) == []
    assert reading.format == "legacy"
    # the same label under two parents goes to two keys
    assert reading.figures["legacy.review.corrected"].row_label == "(二)被依法纠错数"


def test_blank_cells_are_zero_with_empty_raw():
    reading = figures_from_grids(grids_from_html(seed_page("000_cfe94a00ec36cc7a")))
    fig = reading.figures["requests.new.commercial"]
    assert (fig.value, fig.raw, fig.table, fig.source) == (0, "", "3", "html")
    assert reading.figures["requests.new.total"].raw == "76"
    assert reading.figures["active.procurement.amount"].raw == "452万元"


def test_2021_report_with_single_other_row_uses_2019_keys():
    f = dict(TRUTH["002_4a271a9a9156ab49"]["figures"])
    for c in COLS:
        f[f"requests.other.{c}"] = "2" if c in ("natural_person", "total") else "0"
    reading = read(t2_html(f, "2021", False), t3_html(f, "2021", blank_zero=False, other_single=True), t4_html(f))
    assert reading.format == "2021"
    assert reading.figures["requests.other.natural_person"].value == 2
    assert reading.figures["requests.other.total"].value == 2
    assert not [k for k in reading.figures if k.startswith("requests.other.no_correction")]
    assert not [k for k in reading.figures if k.startswith("requests.other.other.")]


def test_drifted_labels_and_values():
    html = "<table>" + "".join([
        tr(td("信息内容"), td("本年<br>发件"), td("本年废止件数"), td("现行有效件")),
        tr(td("规　章"), td("１２"), td("—"), td("&nbsp;7 ")),
        tr(td("规范性文件"), td("/"), td("无"), td("3件")),
    ]) + "</table>"
    t3 = "<table>" + "".join([
        tr(td("申请人情况", colspan=2), td("自然人"), td("商业企业"), td("科研机构"), td("社会公益组织"),
           td("法律服务机构"), td("其他"), td("总计")),
        tr(td("(三)不予公开", rowspan=2), td("3.危及「三安全一稳定」"), *(td("1") for _ in range(6)), td("6")),
        tr(td("7.属于行政执法案件"), *(td("") for _ in range(6)), td("0")),
        tr(td("2.其他法律行政止公开", colspan=2), td("4"), *(td("") for _ in range(5)), td("4")),
    ]) + "</table>"
    reading = read(html, t3)
    got = {k: str(v.value) for k, v in reading.figures.items()}
    assert got["active.rules.issued"] == "12"
    assert got["active.rules.repealed"] == "0"
    assert got["active.rules.in_force"] == "7"
    assert got["active.normative_docs.in_force"] == "3"
    assert got["requests.denied.security_stability.research"] == "1"
    assert got["requests.denied.security_stability.total"] == "6"
    assert got["requests.denied.enforcement_file.total"] == "0"
    assert got["requests.denied.prohibited_by_law.natural_person"] == "4"
    assert reading.format == "2021"


def test_columns_are_read_by_header_meaning_not_position():
    # columns printed in an unusual order: values follow their headers
    t3 = "<table>" + "".join([
        tr(td("申请人情况"), td("总计"), td("其他"), td("法律服务机构"), td("社会公益组织"), td("科研机构"),
           td("商业企业"), td("自然人")),
        tr(td("(一)予以公开"), td("10"), td("1"), td("2"), td("0"), td("3"), td("0"), td("4")),
    ]) + "</table>"
    got = {k: str(v.value) for k, v in read(t3).figures.items()}
    assert got["requests.granted.total"] == "10"
    assert got["requests.granted.natural_person"] == "4"
    assert got["requests.granted.research"] == "3"
    assert got["requests.granted.other_org"] == "1"


def test_unreadable_cells_are_never_guessed():
    t3 = "<table>" + "".join([
        tr(td("申请人情况"), td("自然人"), td("商业企业"), td("科研机构"), td("社会公益组织"), td("法律服务机构"),
           td("其他"), td("总计")),
        tr(td("(一)予以公开"), td("约5"), td("0"), td("0"), td("0"), td("0"), td("0"), td("5")),
    ]) + "</table>"
    reading = read(t3)
    assert "requests.granted.natural_person" in reading.unreadable
    assert "requests.granted.natural_person" not in reading.figures
    assert reading.figures["requests.granted.total"].value == 5
    # a None cell (OCR-uncertain) is unreadable too
    grid = [["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
            ["(一)予以公开", "1", None, "0", "0", "0", "0", "1"]]
    reading = figures_from_grids([grid], source="ocr")
    assert reading.unreadable == ["requests.granted.commercial"]
    assert reading.figures["requests.granted.total"].source == "ocr"


def test_legacy_table_with_number_column_and_blank_cells():
    html = "<table>" + "".join([
        tr(td("序号"), td("统计指标"), td("单位"), td("统计数")),
        tr(td("1"), td("四、行政复议数量"), td("件"), td("")),
        tr(td("2"), td("（二）被依法纠错数"), td("件"), td("1")),
        tr(td("3"), td("五、行政诉讼数量"), td("件"), td("2")),
        tr(td("4"), td("（二）被依法纠错数"), td("件"), td("—")),
        tr(td("5"), td("七、依申请公开信息收取的费用"), td("万元"), td("0.5")),
    ]) + "</table>"
    reading = read(html)
    got = {k: str(v.value) for k, v in reading.figures.items()}
    assert got == {"legacy.review.total": "0", "legacy.review.corrected": "1", "legacy.litigation.total": "2",
                   "legacy.litigation.corrected": "0", "legacy.fees": "0.5"}
    assert reading.format == "legacy"


def test_header_cell_spanning_all_header_rows_over_the_label_columns():
    # 申请人情况 printed over the applicant columns, the 勾稽 note over the label columns
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    t3 = "<table>" + "".join([
        tr(td(note, colspan=2, rowspan=3), td("申请人情况", colspan=7)),
        tr(td("自然人", rowspan=2), td("法人或其他组织", colspan=5), td("总计", rowspan=2)),
        tr(td("商业企业"), td("科研机构"), td("社会公益组织"), td("法律服务机构"), td("其他")),
        tr(td("(一)予以公开", colspan=2), *(td(str(i)) for i in (1, 2, 3, 4, 5, 6)), td("21")),
    ]) + "</table>"
    got = {k: str(v.value) for k, v in read(t3).figures.items()}
    assert [got[f"requests.granted.{c}"] for c in COLS] == ["1", "2", "3", "4", "5", "6", "21"]


def test_table_continued_in_a_narrower_grid_after_a_page_break():
    header = [["申请人情况"] * 3 + ["自然人", "法人或其他组织", "法人或其他组织", "法人或其他组织", "法人或其他组织",
                                    "法人或其他组织", "总计"],
              ["申请人情况"] * 3 + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
              ["三、本年度办理结果", "(七)总计", "(七)总计", "9", "0", "0", "0", "0", "1", "10"]]
    continued = [["四、结转下年度继续办理", "8", "0", "0", "0", "0", "1", "9"]]
    figs = figures_from_grids([header, continued], source="pdf").figures
    assert [str(figs[f"requests.carried_forward.{c}"].value) for c in COLS] == ["8", "0", "0", "0", "0", "1", "9"]
    assert figs["requests.total_handled.other_org"].value == 1


T3_HEAD = [tr(td("申请人情况"), td("自然人"), td("商业企业"), td("科研机构"), td("社会公益组织"), td("法律服务机构"),
              td("其他"), td("总计"))]


def test_row_with_fewer_cells_than_its_header_is_unreadable_not_zero():
    t3 = "<table>" + "".join(T3_HEAD + [
        tr(td("(一)予以公开"), td("3"), td("0"), td("0"), td("0"), td("0"), td("0"), td("3")),
        tr(td("(二)部分公开"), td("2"), td("1"), td("0")),            # four cells missing
    ]) + "</table>"
    reading = read(t3)
    for c in ("social_welfare", "legal_services", "other_org", "total"):
        assert f"requests.partial.{c}" in reading.unreadable
        assert f"requests.partial.{c}" not in reading.figures
    assert [reading.figures[f"requests.partial.{c}"].value for c in COLS[:3]] == [2, 1, 0]
    assert reading.figures["requests.granted.total"].value == 3
    assert any("部分公开" in w and "unreadable" in w for w in reading.warnings)


def test_printed_twice_with_different_values_is_unreadable():
    t3 = "<table>" + "".join(T3_HEAD + [
        tr(td("(一)予以公开"), td("3"), td("0"), td("0"), td("0"), td("0"), td("0"), td("3")),
        tr(td("(一)予以公开"), td("4"), td("0"), td("0"), td("0"), td("0"), td("0"), td("3")),
    ]) + "</table>"
    reading = read(t3)
    assert "requests.granted.natural_person" in reading.unreadable
    assert reading.figures["requests.granted.total"].value == 3       # the same both times


def test_header_repeated_mid_table_after_a_page_break():
    t3 = "<table>" + "".join(T3_HEAD + [
        tr(td("(一)予以公开"), td("3"), td("0"), td("0"), td("0"), td("0"), td("0"), td("3")),
        *T3_HEAD,                                                     # Word's repeated heading row
        tr(td("(二)部分公开"), td("2"), td("1"), td("0"), td("0"), td("0"), td("0"), td("3")),
    ]) + "</table>"
    reading = read(t3)
    assert reading.unreadable == []
    assert [reading.figures[f"requests.partial.{c}"].value for c in COLS] == [2, 1, 0, 0, 0, 0, 3]


def test_table_four_with_the_three_groups_on_one_header_row():
    names = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    t4 = "<table>" + "".join([
        tr(td("行政复议", colspan=5), td("行政诉讼（未经复议直接起诉）", colspan=5), td("行政诉讼（复议后起诉）", colspan=5)),
        tr(*(td(n) for n in names * 3)),
        tr(*(td(str(v)) for v in (1, 2, 0, 0, 3, 0, 1, 0, 1, 2, 0, 0, 0, 4, 4))),
    ]) + "</table>"
    figs = read(t4).figures
    assert [figs[f"review.{o}"].value for o in ("upheld", "corrected", "other", "pending", "total")] == [1, 2, 0, 0, 3]
    assert figs["litigation_direct.total"].value == 2 and figs["litigation_direct.corrected"].value == 1
    assert figs["litigation_after_review.pending"].value == 4 and figs["litigation_after_review.total"].value == 4


def test_word_export_cells_with_p_span_nests_and_nbsp():
    def cell(text: str) -> str:
        return (f'<td valign="top"><p class="MsoNormal" align="center"><span style="font-size:10pt">'
                f'<span lang="EN-US">{text}</span></span><span lang="EN-US"><o:p>&nbsp;</o:p></span></p></td>')
    t3 = "<table>" + "".join(T3_HEAD + [
        tr(cell("(一)予以&nbsp;<br>公开"), cell("1"), cell("&nbsp;"), cell("&nbsp;0"), cell(""), cell("&nbsp;"),
           cell("0&nbsp;"), cell("1")),
    ]) + "</table>"
    reading = read(t3)
    assert reading.unreadable == []
    assert [reading.figures[f"requests.granted.{c}"].value for c in COLS] == [1, 0, 0, 0, 0, 0, 1]


def test_a_number_one_merged_cell_prints_over_several_meanings_is_unreadable():
    t3 = "<table>" + "".join(T3_HEAD + [
        tr(td("(一)予以公开"), td("3", rowspan=2), td("0"), td("0"), td("0"), td("0"), td("0", rowspan=2), td("3")),
        tr(td("(二)部分公开"), td("", colspan=2), td("7", colspan=2), td("2")),
    ]) + "</table>"
    reading = read(t3)
    figs = {k: v.value for k, v in reading.figures.items()}
    # the origin slot of each merged cell is read; the 3 repeated into 部分公开 and the 7 repeated
    # into 法律服务机构 are not
    assert figs["requests.granted.natural_person"] == 3 and figs["requests.granted.other_org"] == 0
    assert "requests.partial.natural_person" in reading.unreadable
    assert "requests.partial.legal_services" in reading.unreadable
    assert figs["requests.partial.social_welfare"] == 7
    # a merged blank or 0 is 0 wherever it reaches
    assert figs["requests.partial.commercial"] == 0 and figs["requests.partial.research"] == 0
    assert figs["requests.partial.other_org"] == 0
    assert any("printed once over several cells" in w for w in reading.warnings)


def _t4_table(data_row: str, extra: str = "") -> str:
    outcomes = "".join(f"<td>{o}</td>" for o in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    return ("<table><tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>"
            "<tr>" + "".join(f"<td rowspan='2'>{o}</td>" for o in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
            + "<td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>"
            f"<tr>{outcomes}{outcomes}</tr>{data_row}{extra}</table>")


def test_table_four_whose_only_data_row_is_blank_reads_fifteen_zeros():
    # Word exports leave every 0 blank: table 四 of a report with no appeal is a row of 15 empty
    # cells (portalgen seed 41, a township report, lost all 15 figures: the row was dropped as empty).
    blank = "<tr>" + "<td></td>" * 15 + "</tr>"
    root = lxml.html.fromstring(f"<html><body>{_t4_table(blank)}</body></html>")
    got = figures_from_grids(grids_from_html(root)).figures
    four = {k: v.value for k, v in got.items() if k.startswith(("review.", "litigation"))}
    assert len(four) == 15 and set(four.values()) == {0}
    # a blank row under figures already read is nothing (the data row came first)
    data = "<tr>" + "<td>1</td>" * 15 + "</tr>"
    root = lxml.html.fromstring(f"<html><body>{_t4_table(data, blank)}</body></html>")
    got = figures_from_grids(grids_from_html(root)).figures
    assert {v.value for k, v in got.items() if k.startswith(("review.", "litigation"))} == {1}
