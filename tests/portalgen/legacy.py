"""Legacy (2008-2018) 统计表 reports: the national template and a provincial one.

National (2014-2018): the 统计指标/单位/统计数 table of tests/web/gen/seeds.py (嵊泗 2017), values drawn here.
Provincial (2008-2013, e.g. 浙江/江苏 forms): rows such as 主动公开政府信息数 / 其中：全文电子化 /
网上申请 / 信函、传真. Only rows whose meaning is one canonical key carry a figure in the truth; a
combined row (信函、传真) or a row with no key (全文电子化) carries none: a crawler must not store it
under a key.
"""
import random

from tests.web.gen.seeds import SHENGSI_2017_ROWS, _SECTIONS

_MONEY = ("legacy.fees", "legacy.org.budget")

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


def _value(rnd: random.Random, key: str | None, unit: str) -> str:
    if unit == "——":
        return "——"
    if key in _MONEY:
        return rnd.choice(["0", "0", f"{rnd.randint(1, 30)}", f"{rnd.randint(1, 20)}.{rnd.randint(1, 9)}"])
    if key and key.startswith(("legacy.review", "legacy.litigation", "legacy.complaints")):
        return str(rnd.choice([0, 0, 0, 1, 2]))
    if key == "legacy.active.total" or key is None and unit == "条":
        return str(rnd.randint(300, 9000))
    return str(rnd.choice([0, 0, 1, 2, 3, 5, 8, 12, 30]))


def legacy_report(seed: int, provincial: bool) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """(rows as printed: 统计指标, 单位, 统计数) and the figures {key: value} the rows mean."""
    rnd = random.Random(seed)
    rows, figures = [], {}
    if provincial:
        for label, unit, key in PROVINCIAL_ROWS:
            v = _value(rnd, key, unit)
            rows.append((label, unit, v))
            if key:
                figures[key] = v
        return rows, figures
    for i, (label, unit, _, key) in enumerate(SHENGSI_2017_ROWS):
        if i in _SECTIONS:
            rows.append((_SECTIONS[i], "——", "——"))
        v = _value(rnd, key, unit)
        rows.append((label, unit, v))
        figures[key] = v
    return rows, figures
