"""Legacy (2008-2018) 统计表 reports: the national template and provincial forms of their own.

National (2014-2018): the 统计指标/单位/统计数 table of tests/web/gen/seeds.py (嵊泗 2017), values drawn here.
Provincial (2008-2013), one form drawn per report:
  zhe  统计指标 | 单位 | 统计数, rows such as 主动公开政府信息数 / 其中：全文电子化 / 网上申请 / 信函、传真;
  su   序号 | 项目 | 数量, the unit inside the label (主动公开政府信息数（条）), fees printed in 元;
  lu   指标名称 | 数值 two columns, 其中 rows indented by their wording, blank cells for none.
Only rows whose meaning is one canonical key carry a figure in the truth; a combined row (信函、传真)
or a row with no key (全文电子化) carries none: a crawler must not store it under a key.
"""
import random
from decimal import Decimal

from tests.web.gen.seeds import SHENGSI_2017_ROWS, _SECTIONS
from tests.web.gen.tables import _table, _td, _tr, legacy_table

_MONEY = ("legacy.fees", "legacy.org.budget")
PROVINCIAL_FORMS = ("zhe", "su", "lu")

# (label, unit, key or None); None: printed, but no canonical key means it.
PROVINCIAL_ROWS = [
    ("一、主动公开政府信息数", "条", "legacy.active.total"),
    ("其中：全文电子化", "条", None),
    ("其中：主动公开规范性文件数", "条", "legacy.active.normative_docs"),
    ("二、依申请公开政府信息", "——", None),
    ("收到申请数", "件", "legacy.requests.received"),
    ("其中：当面申请数", "件", "legacy.requests.in_person"),
    ("网上申请数", "件", "legacy.requests.online"),
    ("信函、传真申请数", "件", None),
    ("申请答复数", "件", "legacy.replies.total"),
    ("同意公开答复数", "件", "legacy.replies.granted"),
    ("同意部分公开答复数", "件", "legacy.replies.partial"),
    ("不同意公开答复数", "件", "legacy.replies.denied"),
    ("三、行政复议数量", "件", "legacy.review.total"),
    ("四、行政诉讼数量", "件", "legacy.litigation.total"),
    ("五、举报投诉数量", "件", "legacy.complaints"),
    ("六、依申请公开信息收取的费用", "万元", "legacy.fees"),
]
# 江苏-style wording of the same rows (label, unit, key); fees in 元.
SU_ROWS = [
    ("主动公开政府信息数", "条", "legacy.active.total"),
    ("其中：全文电子化率", "%", None),
    ("受理政府信息公开申请数", "件", "legacy.requests.received"),
    ("其中：当面申请", "件", "legacy.requests.in_person"),
    ("网上申请", "件", "legacy.requests.online"),
    ("信函、传真申请", "件", None),
    ("已答复申请数", "件", "legacy.replies.total"),
    ("其中：同意公开", "件", "legacy.replies.granted"),
    ("同意部分公开", "件", "legacy.replies.partial"),
    ("不予公开", "件", "legacy.replies.denied"),
    ("信息不存在", "件", "legacy.replies.not_exist"),
    ("非本机关掌握", "件", "legacy.replies.not_this_agency"),
    ("行政复议案件数", "件", "legacy.review.total"),
    ("行政诉讼案件数", "件", "legacy.litigation.total"),
    ("收取检索、复制、邮寄等费用", "元", "legacy.fees"),
]
# 山东-style: two columns, zero rows left blank.
LU_ROWS = [
    ("主动公开政府信息总数（条）", "条", "legacy.active.total"),
    ("　其中：规范性文件（条）", "条", "legacy.active.normative_docs"),
    ("依申请公开申请总数（件）", "件", "legacy.requests.received"),
    ("　其中：网络申请（件）", "件", "legacy.requests.online"),
    ("　　　　当面申请（件）", "件", "legacy.requests.in_person"),
    ("　　　　信函申请（件）", "件", "legacy.requests.letter"),
    ("申请答复总数（件）", "件", "legacy.replies.total"),
    ("行政复议（件）", "件", "legacy.review.total"),
    ("行政诉讼（件）", "件", "legacy.litigation.total"),
    ("举报投诉（件）", "件", "legacy.complaints"),
    ("政府信息公开专项经费（万元）", "万元", "legacy.org.budget"),
]


def _value(rnd: random.Random, key: str | None, unit: str) -> str:
    if unit == "——":
        return "——"
    if unit == "%":
        return str(rnd.choice([95, 98, 100]))
    if key in _MONEY:
        return rnd.choice(["0", "0", f"{rnd.randint(1, 30)}", f"{rnd.randint(1, 20)}.{rnd.randint(1, 9)}"])
    if key and key.startswith(("legacy.review", "legacy.litigation", "legacy.complaints")):
        return str(rnd.choice([0, 0, 0, 1, 2]))
    if key == "legacy.active.total" or key is None and unit == "条":
        return str(rnd.randint(300, 9000))
    return str(rnd.choice([0, 0, 1, 2, 3, 5, 8, 12, 30]))


def legacy_report(seed: int, form: str) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """(rows as printed: label, unit, value) and the figures {key: value} the rows mean.

    form: national | zhe | su | lu. The su form prints fees in 元; its truth is in 万元 (the key's unit).
    """
    rnd = random.Random(seed)
    rows, figures = [], {}
    if form == "national":
        for i, (label, unit, _, key) in enumerate(SHENGSI_2017_ROWS):
            if i in _SECTIONS:
                rows.append((_SECTIONS[i], "——", "——"))
            v = _value(rnd, key, unit)
            rows.append((label, unit, v))
            figures[key] = v
        return rows, figures
    table = {"zhe": PROVINCIAL_ROWS, "su": SU_ROWS, "lu": LU_ROWS}[form]
    for label, unit, key in table:
        v = _value(rnd, key, unit)
        if unit == "元":
            v = str(rnd.choice([0, 0, 120, 350, 2400]))
            if key:
                figures[key] = str((Decimal(v) / 10000).normalize()) if v != "0" else "0"
        elif key:
            figures[key] = v
        rows.append((label, unit, v))
    return rows, figures


def table_html(form: str, rows: list[tuple[str, str, str]]) -> str:
    """The 统计表 as the form prints it."""
    if form in ("national", "zhe"):
        return legacy_table(rows)
    if form == "su":
        out = [_tr(_td("序号"), _td("项 目"), _td("数量"))]
        out += [_tr(_td(str(i)), _td(f"{label}（{unit}）"), _td(v)) for i, (label, unit, v) in enumerate(rows, 1)]
        return _table(out)
    out = [_tr(_td("指标名称"), _td("数值"))]
    out += [_tr(_td(label), _td("" if v == "0" else v)) for label, _, v in rows]
    return _table(out)
