"""figures_from_text: the seeds exactly as flattened (truth read by hand into seed_truth.json),
PDF text layouts rebuilt from the same truth, run-together cells, and ambiguity."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from govcrawl.extract.text_tables import figures_from_text

from .test_tables import COLS, DENIED, NOT_PROCESSED, UNAVAILABLE, diff

DATA = Path(__file__).parent / "data"
TRUTH = json.loads((DATA / "seed_truth.json").read_text(encoding="utf-8"))
SEEDS = sorted(TRUTH)


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_text_gives_every_figure(seed):
    text = (DATA / "seeds" / f"{seed}.txt").read_bytes().decode("utf-8")
    reading = figures_from_text(text)
    truth = TRUTH[seed]
    assert diff(reading.figures, truth["figures"]) == []
    assert reading.format == truth["format"]
    assert reading.unreadable == []
    assert {f.source for f in reading.figures.values()} == {"text"}


def test_seed_000_blank_lines_are_blank_cells():
    text = (DATA / "seeds" / "000_cfe94a00ec36cc7a.txt").read_text(encoding="utf-8")
    figs = figures_from_text(text).figures
    assert figs["requests.new.commercial"].raw == ""
    assert figs["requests.new.total"].raw == "76"
    assert figs["requests.new.natural_person"].row_label == "一、本年新收政府信息公开申请数量"
    assert figs["active.procurement.amount"].raw == "452万元"


def pdf_text(truth: dict[str, str]) -> str:
    """Table 三/四 of a 2019 report as pdftotext prints it: label and its numbers on one line, the
    tall 三、本年度办理结果 cell one character per line, 商业/企业 split, table 四 one run of 15."""
    row = lambda label, key: label + "  " + " ".join(truth[f"requests.{key}.{c}"] for c in COLS)  # noqa: E731
    tall = iter("三、本年度办理结果")
    lines = ["三、收到和处理政府信息公开申请情况",
             "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
             "申请人情况  自然人  法人或其他组织  总计", "商业  科研  社会公益  法律服务  其他", "企业  机构  组织  机构",
             row("一、本年新收政府信息公开申请数量", "new"), row("二、上年结转政府信息公开申请数量", "carried_over"),
             next(tall), row("（一）予以公开", "granted"), next(tall),
             row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial"), "（三）不予公开"]
    for group, subs, prefix in ((None, DENIED, "denied"), ("（四）无法提供", UNAVAILABLE, "unavailable"),
                                ("（五）不予处理", NOT_PROCESSED, "not_processed")):
        if group:
            lines.append(group)
        for label, key in subs:
            lines.append(row(label, f"{prefix}.{key}"))
            ch = next(tall, None)
            if ch:
                lines.append(ch)
    lines += [row("（六）其他处理", "other"), row("（七）总计", "total_handled"),
              row("四、结转下年度继续办理", "carried_forward"),
              "四、政府信息公开行政复议、行政诉讼情况",
              "行政复议  行政诉讼", "未经复议直接起诉  复议后起诉",
              "结果  结果  其他  尚未  总计  " * 3, "维持  纠正  结果  审结",
              " ".join(truth[f"{g}.{o}"] for g in ("review", "litigation_direct", "litigation_after_review")
                       for o in ("upheld", "corrected", "other", "pending", "total")),
              "五、存在的主要问题及改进情况"]
    return "\n".join(lines)


def test_pdf_layout_text():
    truth = dict(TRUTH["000_cfe94a00ec36cc7a"]["figures"])
    truth["review.other"], truth["review.total"], truth["litigation_direct.pending"] = "2", "5", "1"
    truth["litigation_direct.total"] = "1"
    want = {k: v for k, v in truth.items() if k.startswith(("requests.", "review.", "litigation"))}
    reading = figures_from_text(pdf_text(truth), source="pdf")
    assert diff(reading.figures, want) == []
    assert reading.figures["review.other"].source == "pdf"


def test_pdf_layout_truncated_and_wrapped_labels():
    text = "\n".join([
        "申请人情况 自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他",
        "2.其他法律行政止公开 3 0 0 0 0 0 3",
        "5.要求行政机关确认或重新出具已获",
        "取信息 1 0 0 0 0 0 1",
    ])
    figs = figures_from_text(text).figures
    assert figs["requests.denied.prohibited_by_law.total"].value == 3
    assert figs["requests.not_processed.confirm_existing.natural_person"].value == 1
    assert len(figs) == 14


def test_cells_run_together_split_only_when_certain():
    text = "\n".join([
        "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
        "规章000", "行政规范性文件", "2", "1", "15",
        "申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
        "一、本年新收政府信息公开申请数量", "1000001",
        "二、上年结转政府信息公开申请数量", "12 00000",          # 6 or 7 cells? ambiguous
        "(一)予以公开", "1000001",
    ])
    reading = figures_from_text(text)
    figs = {k: str(v.value) for k, v in reading.figures.items()}
    assert [figs[f"active.rules.{c}"] for c in ("issued", "repealed", "in_force")] == ["0", "0", "0"]
    assert figs["active.normative_docs.in_force"] == "15"
    assert [figs[f"requests.new.{c}"] for c in COLS] == ["1", "0", "0", "0", "0", "0", "1"]
    carried = [f"requests.carried_over.{c}" for c in COLS]
    assert sorted(reading.ambiguous) == sorted(carried)
    assert set(carried) <= set(reading.unreadable)
    assert not set(carried) & set(figs)
    assert figs["requests.granted.total"] == "1"
    assert reading.format == "2021"


def test_wrong_cell_count_is_unreadable_not_shifted():
    text = "\n".join([
        "申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
        "(一)予以公开", "5", "0", "0", "5",     # four numbers for seven columns
        "(二)部分公开", "1", "0", "0", "0", "0", "0", "1",
    ])
    reading = figures_from_text(text)
    assert "requests.granted.total" in reading.unreadable
    assert not any(k.startswith("requests.granted.") for k in reading.figures)
    assert reading.figures["requests.partial.total"].value == 1


def test_legacy_pipe_rows_separate_review_and_litigation():
    text = "\n".join([
        "统 计 指 标 | 单位 | 统计数 |",
        "四、行政复议数量 | 件 | 3 |", "(二)被依法纠错数 | 件 | 1 |", "(三)其他情形数 | 件 | 2 |",
        "五、行政诉讼数量 | 件 | 4 |", "(二)被依法纠错数 | 件 | 0 |", "(三)其他情形数 | 件 | 4 |",
        "七、依申请公开信息收取的费用 | 元 | 500 |",
    ])
    figs = {k: v.value for k, v in figures_from_text(text).figures.items()}
    assert figs == {k: Decimal(v) for k, v in {"legacy.review.total": "3", "legacy.review.corrected": "1", "legacy.review.other": "2",
                    "legacy.litigation.total": "4", "legacy.litigation.corrected": "0",
                    "legacy.litigation.other": "4", "legacy.fees": "0.05"}.items()}


def test_2021_text_with_other_as_one_row():
    seed = "002_4a271a9a9156ab49"
    text = (DATA / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    start, end = text.index("(六)其他处理"), text.index("(七)总计")
    text = text[:start] + "(六)其他处理\n\n2\n\n0\n\n0\n\n0\n\n0\n\n0\n\n2\n\n" + text[end:]
    want = {k: v for k, v in TRUTH[seed]["figures"].items() if not k.startswith("requests.other.")}
    want.update({f"requests.other.{c}": "2" if c in ("natural_person", "total") else "0" for c in COLS})
    reading = figures_from_text(text)
    assert diff(reading.figures, want) == []
    assert reading.format == "2021"


def test_table_two_without_its_info_header_cell():
    text = "\n".join(["第二十条第(一)项", "本年制发件数", "本年废止件数", "现行有效件数",
                      "规章 1 0 3", "行政规范性文件 2 1 15", "第二十条第(五)项", "本年处理决定数量", "行政许可 9"])
    figs = {k: str(v.value) for k, v in figures_from_text(text).figures.items()}
    assert figs == {"active.rules.issued": "1", "active.rules.repealed": "0", "active.rules.in_force": "3",
                    "active.normative_docs.issued": "2", "active.normative_docs.repealed": "1",
                    "active.normative_docs.in_force": "15", "active.licensing.decisions": "9"}


def test_narrative_after_the_tables_changes_nothing():
    seed = "002_4a271a9a9156ab49"
    text = (DATA / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    text += "\n\n(一)予以公开 9\n\n本年新收政府信息公开申请数量 40\n\n行政许可 3\n"
    reading = figures_from_text(text)
    assert diff(reading.figures, TRUTH[seed]["figures"]) == []
    assert reading.unreadable == []


def test_table_four_with_a_missing_number_is_unreadable():
    text = "\n".join(["行政复议 行政诉讼", "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
                      "结果维持 结果纠正 其他结果 尚未审结 总计 " * 2,
                      "1 0 0 0 1 0 0 0 0 0 0 0 0 0"])          # 14 numbers for 15 columns
    reading = figures_from_text(text)
    assert reading.figures == {}
    assert len(reading.ambiguous) == 15 and "review.total" in reading.unreadable


# Table 三 as pdfplumber flattens a PDF whose table has no ruling lines (corpus doc-pdf-no-rules):
# every label column wraps, each row's numbers stand on the first line of its labels, and the
# fragment that names a row (类过程性, 不掌握相, 收费通知) comes after the numbers.
WRAPPED_T3 = """三、收到和处理政府信息公开申请情况
申请人情况
自然人 法人或其他组织 总计
商业企业 科研机构 社会公益 法律服务 其他
组织 机构
一、本年新收政府信息公开申请数量 120 5 1 0 3 2 131
二、上年结转政府信息公开申请数量 6 0 0 0 1 0 7
三、本年 （一）予以公开 60 3 1 0 2 0 66
度办理结
（三）不 6.属于四 4 0 0 0 0 0 4
予公开 类过程性
信息
7.属于行 1 0 0 0 0 0 1
政执法案
卷
（四）无 1.本机关 20 1 0 0 0 0 21
法提供 不掌握相
关政府信
息
2.没有现 3 0 0 0 0 0 3
成信息需
要另行制
作
（六）其 2.申请人 1 0 0 0 0 0 1
他处理 逾期未按
收费通知
要求缴纳
费用
3.其他 3 0 0 0 0 0 3
四、结转下年度继续办理 8 0 0 0 0 1 9"""


def test_wrapped_pdf_labels_never_take_a_neighbours_numbers():
    # what the report prints, read from the lines above
    printed = {"new": "120 5 1 0 3 2 131", "carried_over": "6 0 0 0 1 0 7", "granted": "60 3 1 0 2 0 66",
               "denied.process_info": "4 0 0 0 0 0 4", "denied.enforcement_file": "1 0 0 0 0 0 1",
               "unavailable.not_held": "20 1 0 0 0 0 21", "unavailable.needs_creation": "3 0 0 0 0 0 3",
               "other.no_fee_paid": "1 0 0 0 0 0 1", "other.other": "3 0 0 0 0 0 3",
               "carried_forward": "8 0 0 0 0 1 9"}
    truth = {f"requests.{row}.{c}": v for row, vals in printed.items() for c, v in zip(COLS, vals.split())}
    reading = figures_from_text(WRAPPED_T3, source="pdf")
    wrong = {k: str(f.value) for k, f in reading.figures.items() if truth.get(k) != str(f.value)}
    assert wrong == {}
    # the rows named only by a fragment after their numbers are refused, not guessed...
    for row in ("denied.process_info", "unavailable.not_held", "other.no_fee_paid"):
        assert f"requests.{row}.total" in reading.unreadable, row
    # ...and the rows whose label is certain are still read
    for row in ("new", "carried_over", "granted", "carried_forward"):
        assert reading.figures[f"requests.{row}.total"].value == Decimal(printed[row].split()[-1]), row
