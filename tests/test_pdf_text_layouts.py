"""PDF text set as lines (label then numbers), as simple report generators write it (南海区教育局 2023)."""
from decimal import Decimal

from govcrawl.documents.wordcols import intervals, place
from govcrawl.extract.text_tables import figures_from_text

TABLE_THREE = """三、收到和处理政府信息公开申请情况
申请人情况
自然人 法人或其他组织 总计
商业企业 科研机构 社会公益组织 法律服务机构 其他
一、本年新收政府信息公开申请数量 48 1 0 1 2 5 57
（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0
（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 1 0 0 0 0 0 1
3.其他 2 0 0 0 0 0 2
（七）总计 45 1 0 1 0 5 52
"""


def test_sub_rows_after_a_group_heading_printed_on_the_first_sub_row():
    r = figures_from_text(TABLE_THREE)
    assert r.figures["requests.other.other.natural_person"].value == Decimal(2)
    assert r.figures["requests.other.other.total"].value == Decimal(2)
    assert r.figures["requests.other.no_fee_paid.total"].value == Decimal(1)
    assert r.figures["requests.not_processed.petition.total"].value == Decimal(0)
    assert "requests.not_processed.publication.total" not in r.figures    # 3.其他 is not (五)3.


def test_a_numbered_row_that_names_nothing_is_reported_not_dropped_silently():
    text = TABLE_THREE.replace("3.其他 2", "3.无法辨认的行 2")
    r = figures_from_text(text)
    assert "requests.other.other.total" not in r.figures
    assert any("无法辨认的行" in w for w in r.warnings), r.warnings


def test_numbers_set_after_the_label_are_read_in_order_only_when_one_per_column():
    columns = intervals([119.0, 196.0, 273.0])       # the centres of 本年制发件数 / 本年废止件数 / 现行有效件数
    words = [{"x0": x, "x1": x + 5.0, "text": t} for x, t in ((73.0, "0"), (95.0, "0"), (117.0, "2"))]
    assert place(words, columns) == ["0", "0", "2"]
    assert place(words[:2], columns) is None        # two numbers for three columns: which are blank?
    under = [{"x0": 194.0, "x1": 199.0, "text": "4"}]
    assert place(under, columns) == ["", "4", ""]   # under its heading: the others are blank, 0
