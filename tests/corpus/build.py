"""Writes the generated corpus cases (tests/corpus/<case>/page.html + truth.json) from declared inputs.

Rerun by hand only (`.venv/bin/python tests/corpus/build.py`); the bytes it wrote are committed.
The inputs below ARE the truth: each table cell is declared as printed, and when the printed text is
not a plain number its meaning is declared beside it as (raw, value). The three seed reports'
figures were typed in by reading /work/shared/seeds/*.txt. Cases named real-* and doc-* belong to
the documents engineer and are never touched here.
"""
from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"   # copies of ../shared/seeds
COLS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")

# ---------------------------------------------------------------------------------------------
# Declared inputs. A cell is "raw" (a plain number or "" meaning 0) or (raw, value).
# ---------------------------------------------------------------------------------------------


def row7(np, total=None, others=("", "", "", "", "")):
    """A table 三 row: natural person, five organisation columns, total."""
    return [np, *others, np if total is None else total]


Z7 = ["0"] * 7
B7 = [""] * 7

# 南阳市人民政府办公室 2019 (seed 000): blank cells are printed blank.
NANYANG_T3 = {
    "new": row7("76"), "carried_over": row7("3"), "granted": row7("6"), "partial": row7("5"),
    "denied.state_secret": B7, "denied.prohibited_by_law": row7("5"), "denied.security_stability": B7,
    "denied.third_party_rights": B7, "denied.internal_affairs": B7, "denied.process_info": B7,
    "denied.enforcement_file": B7, "denied.query_matter": B7,
    "unavailable.not_held": row7("46"), "unavailable.needs_creation": row7("5"), "unavailable.unclear": B7,
    "not_processed.petition": B7, "not_processed.duplicate": row7("1"), "not_processed.publication": B7,
    "not_processed.excessive": B7, "not_processed.confirm_existing": B7,
    "other": row7("8"), "total_handled": row7("76"), "carried_forward": row7("3"),
}
NANYANG = {
    "format": "2019", "agency": "南阳市人民政府办公室", "level": "department", "region_code": "411300",
    "year": 2019, "published": "2020-01-22",
    "title": "南阳市人民政府办公室2019年政府信息公开工作年度报告",
    "t2": {  # 2019 layout: (一) 3 cols, (五)(六) 3 cols, (八) 2 cols, (九) 2 cols
        "rules": ["0", "0", "0"], "normative_docs": ["15", "15", "216"],
        "licensing": ["0", "0", "0"], "other_services": ["0", "0", "0"],
        "penalty": ["0", "0", "0"], "enforcement": ["0", "0", "0"],
        "fees": ["0", "0"], "procurement": ["5", ("452万元", "452")],
    },
    "t3": NANYANG_T3,
    "t4": ["1", "0", "0", "0", "1"] + ["0"] * 10,
    "seed": "000_cfe94a00ec36cc7a.txt",
}

# 瑞金市人民政府 2022 (seed 002), 2021 layout, every cell printed (zeros as 0).
RUIJIN_T3 = {k: list(Z7) for k in (
    "new", "carried_over", "granted", "partial", "denied.state_secret", "denied.prohibited_by_law",
    "denied.security_stability", "denied.third_party_rights", "denied.internal_affairs", "denied.process_info",
    "denied.enforcement_file", "denied.query_matter", "unavailable.not_held", "unavailable.needs_creation",
    "unavailable.unclear", "not_processed.petition", "not_processed.duplicate", "not_processed.publication",
    "not_processed.excessive", "not_processed.confirm_existing", "other.no_correction", "other.no_fee_paid",
    "other.other", "total_handled", "carried_forward")}
RUIJIN_T3.update({
    "new": row7("36", others=("0",) * 5), "granted": row7("9", others=("0",) * 5),
    "denied.internal_affairs": row7("1", others=("0",) * 5),
    "unavailable.not_held": row7("24", others=("0",) * 5),
    "other.no_correction": row7("2", others=("0",) * 5), "total_handled": row7("36", others=("0",) * 5),
})
RUIJIN = {
    "format": "2021", "agency": "瑞金市人民政府", "level": "county", "region_code": "360781",
    "year": 2022, "published": "2023-01-31",
    "title": "瑞金市人民政府2022年政府信息公开工作年度报告",
    "t2": {"rules": ["0", "0", "0"], "normative_docs": ["5", "15", "28"], "licensing": ["1185"],
           "penalty": [(" 297159", "297159")], "enforcement": [(" 7129", "7129")], "fees": ["32064.23"]},
    "t3": RUIJIN_T3,
    "t4": ["1", "1", "3", "0", "5"] + ["0"] * 10,
    "seed": "002_4a271a9a9156ab49.txt",
}

# 中共嵊泗县委嵊泗县人民政府办公室 2017 (seed 003): legacy 统计表, rows as printed in the seed.
SHENGSI_ROWS = [
    ("一、主动公开情况", "——", "——", None),
    ("（一）主动公开政府信息数 （不同渠道和方式公开相同信息计1条）", "条", "8295", "legacy.active.total"),
    ("其中：主动公开规范性文件数", "条", "17", "legacy.active.normative_docs"),
    ("制发规范性文件总数", "件", "17", "legacy.active.normative_docs_made"),
    ("（二）通过不同渠道和方式公开政府信息的情况", "——", "——", None),
    ("1.政府公报公开政府信息数", "条", "0", "legacy.channel.gazette"),
    ("2.政府网站公开政府信息数", "条", "6563", "legacy.channel.website"),
    ("3.政务微博公开政府信息数", "条", "0", "legacy.channel.weibo"),
    ("4.政务微信公开政府信息数", "条", "390", "legacy.channel.wechat"),
    ("5.其他方式公开政府信息数", "条", "1325", "legacy.channel.other"),
    ("二、回应解读情况", "——", "——", None),
    ("（一）回应公众关注热点或重大舆情数 （不同方式回应同一热点或舆情计1次）", "次", "195", "legacy.response.hot_topics"),
    ("（二）通过不同渠道和方式回应解读的情况", "——", "——", None),
    ("1.参加或举办新闻发布会总次数", "次", "0", "legacy.response.press_conferences"),
    ("其中：主要负责同志参加新闻发布会次数", "次", "0", "legacy.response.press_conferences_leaders"),
    ("2.政府网站在线访谈次数", "次", "0", "legacy.response.interviews"),
    ("其中：主要负责同志参加政府网站在线访谈次数", "次", "0", "legacy.response.interviews_leaders"),
    ("3.政策解读稿件发布数", "篇", "90", "legacy.response.interpretations"),
    ("4.微博微信回应事件数", "次", "2", "legacy.response.weibo_wechat"),
    ("5.其他方式回应事件数", "次", "103", "legacy.response.other"),
    ("三、依申请公开情况", "——", "——", None),
    ("（一）收到申请数", "件", "2", "legacy.requests.received"),
    ("1.当面申请数", "件", "0", "legacy.requests.in_person"),
    ("2.传真申请数", "件", "0", "legacy.requests.fax"),
    ("3.网络申请数", "件", "2", "legacy.requests.online"),
    ("4.信函申请数", "件", "0", "legacy.requests.letter"),
    ("（二）申请办结数", "件", "2", "legacy.requests.closed"),
    ("1.按时办结数", "件", "2", "legacy.requests.closed_on_time"),
    ("2.延期办结数", "件", "0", "legacy.requests.closed_extended"),
    ("（三）申请答复数", "件", "2", "legacy.replies.total"),
    ("1.属于已主动公开范围数", "件", "0", "legacy.replies.already_public"),
    ("2.同意公开答复数", "件", "0", "legacy.replies.granted"),
    ("3.同意部分公开答复数", "件", "0", "legacy.replies.partial"),
    ("4.不同意公开答复数", "件", "2", "legacy.replies.denied"),
    ("其中：涉及国家秘密", "件", "0", "legacy.replies.denied.state_secret"),
    ("涉及商业秘密", "件", "2", "legacy.replies.denied.commercial_secret"),
    ("涉及个人隐私", "件", "0", "legacy.replies.denied.privacy"),
    ("危及国家安全、公共安全、经济安全和社会稳定", "件", "0", "legacy.replies.denied.security_stability"),
    ("不是《条例》所指政府信息", "件", "0", "legacy.replies.denied.not_gov_info"),
    ("法律法规规定的其他情形", "件", "0", "legacy.replies.denied.other_law"),
    ("5.不属于本行政机关公开数", "件", "0", "legacy.replies.not_this_agency"),
    ("6.申请信息不存在数", "件", "0", "legacy.replies.not_exist"),
    ("7.告知作出更改补充数", "件", "0", "legacy.replies.amend"),
    ("8.告知通过其他途径办理数", "件", "0", "legacy.replies.other_channel"),
    ("四、行政复议数量", "件", "0", "legacy.review.total"),
    ("（一）维持具体行政行为数", "件", "0", "legacy.review.upheld"),
    ("（二）被依法纠错数", "件", "0", "legacy.review.corrected"),
    ("（三）其他情形数", "件", "0", "legacy.review.other"),
    ("五、行政诉讼数量", "件", "0", "legacy.litigation.total"),
    ("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "0", "legacy.litigation.upheld"),
    ("（二）被依法纠错数", "件", "0", "legacy.litigation.corrected"),
    ("（三）其他情形数", "件", "0", "legacy.litigation.other"),
    ("六、举报投诉数量", "件", "0", "legacy.complaints"),
    ("七、依申请公开信息收取的费用", "万元", "0", "legacy.fees"),
    ("八、机构建设和保障经费情况", "——", "——", None),
    ("（一）政府信息公开工作专门机构数", "个", "1", "legacy.org.units"),
    ("（二）设置政府信息公开查阅点数", "个", "11", "legacy.org.reading_points"),
    ("（三）从事政府信息公开工作人员数", "人", "1", "legacy.org.staff"),
    ("1.专职人员数（不包括政府公报及政府网站工作人员数）", "人", "0", "legacy.org.staff_fulltime"),
    ("2.兼职人员数", "人", "1", "legacy.org.staff_parttime"),
    ("（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", "万元", "15", "legacy.org.budget"),
    ("九、政府信息公开会议和培训情况", "——", "——", None),
    ("（一）召开政府信息公开工作会议或专题会议数", "次", "2", "legacy.meetings"),
    ("（二）举办各类培训班数", "次", "1", "legacy.trainings"),
    ("（三）接受培训人员数", "人次", "230", "legacy.trainees"),
]
SHENGSI = {
    "format": "legacy", "agency": "中共嵊泗县委嵊泗县人民政府办公室", "level": "department",
    "region_code": "330922", "year": 2017, "published": "2018-01-30",
    "title": "中共嵊泗县委嵊泗县人民政府办公室2017年政府信息公开工作年度报告",
    "legacy": SHENGSI_ROWS, "seed": "003_bc870c0a05b91354.txt",
}

# ---------------------------------------------------------------------------------------------
# Truth from the inputs
# ---------------------------------------------------------------------------------------------
T2_COLS = {
    "2019": {"rules": ("new_made", "new_published", "total_published"),
             "normative_docs": ("new_made", "new_published", "total_published"),
             **{r: ("items_prev_year", "items_change", "decisions")
                for r in ("licensing", "other_services", "penalty", "enforcement")},
             "fees": ("items_prev_year", "items_change"), "procurement": ("projects", "amount")},
    "2021": {"rules": ("issued", "repealed", "in_force"), "normative_docs": ("issued", "repealed", "in_force"),
             "licensing": ("decisions",), "penalty": ("decisions",), "enforcement": ("decisions",),
             "fees": ("amount",)},
}
T4_KEYS = [f"{g}.{o}" for g in ("review", "litigation_direct", "litigation_after_review")
           for o in ("upheld", "corrected", "other", "pending", "total")]


def raw_of(cell) -> str:
    return cell[0] if isinstance(cell, tuple) else cell


def value_of(cell) -> str:
    if isinstance(cell, tuple):
        return cell[1]
    if cell.strip() == "":
        return "0"
    if not re.fullmatch(r"\d+(\.\d+)?", cell):
        raise ValueError(f"cell {cell!r} is not a plain number: declare (raw, value)")
    return cell


def truth_figures(rep: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    if rep["format"] == "legacy":
        for _label, _unit, cell, key in rep["legacy"]:
            if key:
                out[key] = value_of(cell)
        return out
    for row, cells in rep["t2"].items():
        for col, cell in zip(T2_COLS[rep["format"]][row], cells, strict=True):
            out[f"active.{row}.{col}"] = value_of(cell)
    for row, cells in rep["t3"].items():
        for col, cell in zip(COLS, cells, strict=True):
            out[f"requests.{row}.{col}"] = value_of(cell)
    for key, cell in zip(T4_KEYS, rep["t4"], strict=True):
        out[key] = value_of(cell)
    for key in rep.get("unreadable", []):
        out.pop(key, None)
    return out


# ---------------------------------------------------------------------------------------------
# Printed labels (a report may override any of them: label drift)
# ---------------------------------------------------------------------------------------------
LABELS = {
    "rules": "规章", "normative_docs": "规范性文件", "licensing": "行政许可", "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚", "enforcement": "行政强制", "fees": "行政事业性收费", "procurement": "政府集中采购",
    "h.new_made": "本年新制作数量", "h.new_published": "本年新公开数量", "h.total_published": "对外公开总数量",
    "h.issued": "本年制发件数", "h.repealed": "本年废止件数", "h.in_force": "现行有效件数",
    "h.items_prev_year": "上一年项目数量", "h.items_change": "本年增/减", "h.decisions": "处理决定数量",
    "h.decisions21": "本年处理决定数量", "h.amount21": "本年收费金额（单位：万元）",
    "h.projects": "采购项目数量", "h.amount": "采购总金额",
    "c.commercial": "商业企业", "c.research": "科研机构", "c.social_welfare": "社会公益组织",
    "c.legal_services": "法律服务机构", "c.other_org": "其他",
    "denied.security_stability": "3.危及“三安全一稳定”", "denied.enforcement_file": "7.属于行政执法案卷",
}
T3_TREE = [  # (label path, row key); a path of 2-3 labels gives the nested rowspans
    (["一、本年新收政府信息公开申请数量"], "new"),
    (["二、上年结转政府信息公开申请数量"], "carried_over"),
    (["三、本年度办理结果", "（一）予以公开"], "granted"),
    (["三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"], "partial"),
    *[(["三、本年度办理结果", "（三）不予公开", lab], "denied." + k) for k, lab in (
        ("state_secret", "1.属于国家秘密"), ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("security_stability", None), ("third_party_rights", "4.保护第三方合法权益"),
        ("internal_affairs", "5.属于三类内部事务信息"), ("process_info", "6.属于四类过程性信息"),
        ("enforcement_file", None), ("query_matter", "8.属于行政查询事项"))],
    *[(["三、本年度办理结果", "（四）无法提供", lab], "unavailable." + k) for k, lab in (
        ("not_held", "1.本机关不掌握相关政府信息"), ("needs_creation", "2.没有现成信息需要另行制作"),
        ("unclear", "3.补正后申请内容仍不明确"))],
    *[(["三、本年度办理结果", "（五）不予处理", lab], "not_processed." + k) for k, lab in (
        ("petition", "1.信访举报投诉类申请"), ("duplicate", "2.重复申请"), ("publication", "3.要求提供公开出版物"),
        ("excessive", "4.无正当理由大量反复申请"), ("confirm_existing", "5.要求行政机关确认或重新出具已获取信息"))],
    (["三、本年度办理结果", "（六）其他处理"], "other"),
    *[(["三、本年度办理结果", "（六）其他处理", lab], "other." + k) for k, lab in (
        ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("no_fee_paid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "3.其他"))],
    (["三、本年度办理结果", "（七）总计"], "total_handled"),
    (["四、结转下年度继续办理"], "carried_forward"),
]


def lab(rep, key):
    return rep.get("labels", {}).get(key, LABELS.get(key, key))


def t3_rows(rep):
    """[(labels, cells)] in printed order, only rows the report has."""
    out = []
    for path, key in T3_TREE:
        if key in rep["t3"]:
            path = list(path)
            if path[-1] is None:
                path[-1] = lab(rep, key)
            out.append((path, rep["t3"][key]))
    return out


def t2_items(rep):
    """[(item title, header cells, [(label, cells)])] in printed order."""
    f, t = rep["format"], rep["t2"]
    h = lambda k: lab(rep, "h." + k)  # noqa: E731
    if f == "2019":
        return [
            ("第二十条第（一）项", ["信息内容", h("new_made"), h("new_published"), h("total_published")],
             [(lab(rep, "rules"), t["rules"]), (lab(rep, "normative_docs"), t["normative_docs"])]),
            ("第二十条第（五）项", ["信息内容", h("items_prev_year"), h("items_change"), h("decisions")],
             [(lab(rep, "licensing"), t["licensing"]), (lab(rep, "other_services"), t["other_services"])]),
            ("第二十条第（六）项", ["信息内容", h("items_prev_year"), h("items_change"), h("decisions")],
             [(lab(rep, "penalty"), t["penalty"]), (lab(rep, "enforcement"), t["enforcement"])]),
            ("第二十条第（八）项", ["信息内容", h("items_prev_year"), h("items_change")],
             [(lab(rep, "fees"), t["fees"])]),
            ("第二十条第（九）项", ["信息内容", h("projects"), h("amount")],
             [(lab(rep, "procurement"), t["procurement"])]),
        ]
    return [
        ("第二十条第（一）项", ["信息内容", h("issued"), h("repealed"), h("in_force")],
         [(lab(rep, "rules"), t["rules"]), (lab(rep, "normative_docs"), t["normative_docs"])]),
        ("第二十条第（五）项", ["信息内容", h("decisions21")], [(lab(rep, "licensing"), t["licensing"])]),
        ("第二十条第（六）项", ["信息内容", h("decisions21")],
         [(lab(rep, "penalty"), t["penalty"]), (lab(rep, "enforcement"), t["enforcement"])]),
        ("第二十条第（八）项", ["信息内容", h("amount21")], [(lab(rep, "fees"), t["fees"])]),
    ]

# ---------------------------------------------------------------------------------------------
# Rendering tables
# ---------------------------------------------------------------------------------------------


def esc(text: str) -> str:
    """Cell text as HTML; a line break in a declared label is a <br> in the page."""
    return "<br>".join(html.escape(part, quote=False) for part in text.split("\n"))


def td(text, colspan=1, rowspan=1, tag="td"):
    attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
    return f"<{tag}{attrs}>{esc(text)}</{tag}>"


def t2_trs(rep) -> list[str]:
    rows = []
    for n, (item, header, data) in enumerate(t2_items(rep)):
        rows.append("<tr>" + td(item, 4) + "</tr>")
        if rep.get("split_header") and len(header) == 4 and header[1].startswith("本年新"):
            rows.append("<tr>" + td("信息内容", rowspan=2) + td("本年新") + td("本年新") + td(header[3], rowspan=2) + "</tr>")
            rows.append("<tr>" + td(header[1][3:]) + td(header[2][3:]) + "</tr>")
        else:
            cells = [td(h) for h in header[:-1]] + [td(header[-1], 4 - len(header) + 1)]
            rows.append("<tr>" + "".join(cells) + "</tr>")
        for label, values in data:
            cells = [td(label)] + [td(raw_of(v)) for v in values[:-1]] + [td(raw_of(values[-1]), 4 - len(values))]
            rows.append("<tr>" + "".join(cells) + "</tr>")
    return rows


def t2_tables(rep, split=False) -> list[str]:
    rows = t2_trs(rep)
    if not split:
        return ['<table border="1" cellspacing="0" cellpadding="0" width="600">' + "".join(rows) + "</table>"]
    # One small table per 第二十条 item, each item starting at its title row.
    tables, cur = [], []
    for r in rows:
        if "第二十条" in r and cur:
            tables.append(cur)
            cur = []
        cur.append(r)
    tables.append(cur)
    return ['<table border="1" cellspacing="0">' + "".join(t) + "</table>" for t in tables]


def t3_trs(rep) -> list[str]:
    rows = ["<tr>" + td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3) + td("申请人情况", 7) + "</tr>",
            "<tr>" + td("自然人", rowspan=2) + td("法人或其他组织", 5) + td("总计", rowspan=2) + "</tr>",
            "<tr>" + "".join(td(lab(rep, "c." + c)) for c in COLS[1:6]) + "</tr>"]
    body = t3_rows(rep)
    for i, (path, cells) in enumerate(body):
        out = []
        if len(path) == 1:
            out.append(td(path[0], 3))
        else:
            if i == 0 or body[i - 1][0][0] != path[0]:
                span = sum(1 for p, _ in body[i:] if p[0] == path[0] and len(p) > 1)
                out.append(td(path[0], rowspan=span))
            if len(path) == 2:
                out.append(td(path[1], 2))
            else:
                if body[i - 1][0][:2] != path[:2]:
                    span = 0
                    for p, _ in body[i:]:
                        if p[:2] != path[:2]:
                            break
                        span += 1
                    out.append(td(path[1], rowspan=span))
                out.append(td(path[2]))
        out += [td(raw_of(c)) for c in cells]
        rows.append("<tr>" + "".join(out) + "</tr>")
    return rows


def t4_trs(rep) -> list[str]:
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return ["<tr>" + td("行政复议", 5, 2) + td("行政诉讼", 10) + "</tr>",
            "<tr>" + td("未经复议直接起诉", 5) + td("复议后起诉", 5) + "</tr>",
            "<tr>" + "".join(td(o) for o in outcomes * 3) + "</tr>",
            "<tr>" + "".join(td(raw_of(c)) for c in rep["t4"]) + "</tr>"]


def table(rows: list[str]) -> str:
    return '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">' + "".join(rows) + "</table>"


def legacy_table(rep) -> str:
    rows = ["<tr>" + td("统 计 指 标") + td("单位") + td("统计数") + "</tr>"]
    rows += ["<tr>" + td(a) + td(u) + td(raw_of(v)) + "</tr>" for a, u, v, _ in rep["legacy"]]
    return table(rows)


# Flattened (pasted from Word): one cell per paragraph, as the seed pages print them.
def text_cells(rep) -> list[str]:
    lines = ["二、主动公开政府信息情况"]
    for item, header, data in t2_items(rep):
        lines += [item, *header]
        for label, values in data:
            run = rep.get("runs", {}).get(("t2", label))
            lines += [run] if run else [label, *[raw_of(v) for v in values]]
    lines += ["三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
              "申请人情况", "自然人", "法人或其他组织", "总计", *[lab(rep, "c." + c) for c in COLS[1:6]]]
    prev: list[str] = []
    for path, cells in t3_rows(rep):
        for depth, label in enumerate(path):
            if prev[: depth + 1] != path[: depth + 1]:
                lines.append(label)
        prev = path
        run = rep.get("runs", {}).get(tuple(path))
        lines += [run] if run else [raw_of(c) for c in cells]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
              "未经复议直接起诉", "复议后起诉"] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    lines += [raw_of(c) for c in rep["t4"]]
    return lines

# ---------------------------------------------------------------------------------------------
# Narrative (from the seeds) and page templates
# ---------------------------------------------------------------------------------------------


def seed_lines(name: str) -> list[str]:
    return [ln.strip() for ln in (SEEDS / name).read_text(encoding="utf-8").split("\n") if ln.strip()]


def narrative(rep) -> tuple[list[str], list[str]]:
    """Paragraphs before table 二 and after table 四, from the report's seed (or a short generic text)."""
    if "seed" not in rep:
        year, agency = rep["year"], rep["agency"]
        before = ["一、总体情况", f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、"
                  "不公开为例外，推进决策、执行、管理、服务、结果公开，依法依规做好政府信息公开工作。",
                  "（一）主动公开。通过门户网站主动公开各类政府信息，及时发布政策文件和解读材料。",
                  "（二）依申请公开。规范受理、审查、办理、答复程序，均在法定期限内答复。"]
        after = ["五、存在的主要问题及改进情况", "信息公开的深度和广度仍需加强，下一步将加强培训，提升公开质量。",
                 "六、其他需要报告的事项", "本年度未收取信息处理费。"]
        return before, after
    lines = seed_lines(rep["seed"])
    if rep["format"] == "legacy":
        end = next(i for i, ln in enumerate(lines) if ln.endswith("统计表"))
        return lines[:end], []
    start = next(i for i, ln in enumerate(lines) if ln.startswith(("一、总体情况", "本报告根据")))
    two = next(i for i, ln in enumerate(lines) if ln.startswith("二、主动公开政府信息情况"))
    five = next(i for i, ln in enumerate(lines) if ln.startswith("五、存在的主要问题"))
    end = next((i for i, ln in enumerate(lines) if ln.startswith("相关阅读")), len(lines))
    return lines[start:two], lines[five:end]


def paragraphs(lines: list[str]) -> str:
    return "".join(f'<p style="text-indent:2em">{esc(ln)}</p>' for ln in lines)


def report_body(rep, style="tables") -> str:
    before, after = narrative(rep)
    if rep["format"] == "legacy":
        return (paragraphs(before) + f"<p align=\"center\"><b>{esc(rep['agency'])}{rep['year']}年度政府信息公开情况统计表</b></p>"
                + legacy_table(rep))
    if style == "text":
        return paragraphs(before) + "".join(f"<p>{esc(c)}</p>" for c in text_cells(rep)) + paragraphs(after)
    heads = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    if style == "merged":
        rows = ["<tr>" + td(heads[0], 15) + "</tr>", *t2_trs(rep), "<tr>" + td(heads[1], 15) + "</tr>", *t3_trs(rep),
                "<tr>" + td(heads[2], 15) + "</tr>", *t4_trs(rep)]
        return paragraphs(before) + table(rows) + paragraphs(after)
    t2 = "".join(t2_tables(rep, split=(style == "split")))
    return (paragraphs(before) + paragraphs(heads[:1]) + t2 + paragraphs(heads[1:2]) + table(t3_trs(rep))
            + paragraphs(heads[2:3]) + table(t4_trs(rep)) + paragraphs(after))


CHROME_TOP = ('<div class="topbar"><a href="javascript:void(0)" id="wza">无障碍</a> <a href="#">长者版</a> '
              '<a href="#">关怀版</a> <a href="/login">登录</a> <span>扫一扫</span></div>'
              '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
              '<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li>'
              '<li><a href="/zjxx/">走进{site}</a></li></ul></div>')
RELATED = ('<div class="related"><h3>相关阅读</h3><ul>'
           '<li><a href="/zwgk/tzgg/t1.html">关于做好2023年度政府信息公开工作年度报告编制发布工作的通知</a></li>'
           '<li><a href="/zwgk/tzgg/t2.html">2023年政务公开工作要点</a></li></ul></div>')
FOOTER = ('<div class="footer"><p>主办单位：{site}办公室 承办：{site}大数据中心</p>'
          '<p>网站标识码：{code}0001 备案号：ICP备05012345号 公网安备 41130202000123号</p>'
          '<p>扫一扫在手机打开当前页</p></div>')


def trs_page(rep, body: str, charset="utf-8") -> str:
    site, title, pub = rep["site"], rep["title"], rep.get("page_published")
    pubmeta = f'<meta name="PubDate" content="{pub} 09:47">' if pub else ""
    info = f"发布时间：{pub} " if pub else ""
    return (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f'<title>{esc(title)}_{esc(site)}</title><meta name="SiteName" content="{site}">'
            f'<meta name="ColumnName" content="政府信息公开工作年报"><meta name="ArticleTitle" content="{esc(title)}">{pubmeta}'
            '<script type="text/javascript">var _hmt = _hmt || [];</script><style>.TRS_Editor p{line-height:2}</style>'
            '</head><body>' + CHROME_TOP.format(site=site)
            + '<div class="position">您当前所在位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
              '<a href="./">政府信息公开工作年报</a></div>'
            f'<div class="article"><h1 class="title">{esc(title)}</h1>'
            f'<div class="info">{info}来源：{site}办公室 浏览次数：<span id="count">328</span> 【字体：<a>大</a> <a>中</a> <a>小</a>】</div>'
            '<div class="share">分享到：<a class="wx">微信</a><a class="wb">微博</a><a class="qq">QQ空间</a></div>'
            f'<div class="TRS_Editor">{body}</div>'
            '<div class="bottom-tools"><a href="javascript:window.print()">【打印本页】</a> '
            '<a href="javascript:window.close()">【关闭窗口】</a></div></div>'
            + RELATED + FOOTER.format(site=site, code=rep["region_code"]) + "</body></html>")


def hanweb_page(rep, body: str) -> str:
    site, title, pub = rep["site"], rep["title"], rep.get("page_published")
    pubmeta = f'<meta name="PubDate" content="{pub} 10:21">' if pub else ""
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{esc(title)}</title>'
            f'<meta name="ArticleTitle" content="{esc(title)}">{pubmeta}<meta name="ContentSource" content="{site}">'
            '<script language="javascript" src="/script/jquery.js"></script></head><body>'
            '<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr><td>'
            + CHROME_TOP.format(site=site) + '</td></tr><tr><td><table width="100%" class="bg">'
            '<tr><td class="crumb">当前位置：<a href="/">首页</a> &gt; <a>信息公开</a> &gt; <a>政府信息公开年报</a></td></tr>'
            f'<tr><td align="center" class="bt_title">{esc(title)}</td></tr>'
            f'<tr><td align="center" class="bt_info">发布日期：{pub or ""}　信息来源：{site}　字体：[ 大 中 小 ]</td></tr>'
            f'<tr><td><div id="zoom">{body}</div></td></tr>'
            '<tr><td class="tools"><a href="javascript:window.print()">[打印本页]</a> <a>[关闭窗口]</a></td></tr>'
            '</table></td></tr><tr><td>' + FOOTER.format(site=site, code=rep["region_code"])
            + '</td></tr></table><script type="text/javascript">document.write("");</script></body></html>')


def plain_page(rep, body: str) -> str:
    site, title, pub = rep["site"], rep["title"], rep.get("page_published")
    date_line = f'<div class="source">发布日期：{pub}</div>' if pub else ""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)} - {site}</title></head><body>'
            + CHROME_TOP.format(site=site) + f'<div class="main"><div class="title">{esc(title)}</div>{date_line}'
            f'<div class="content" id="content">{body}</div></div>' + FOOTER.format(site=site, code=rep["region_code"])
            + "</body></html>")


def seed_paste_body(rep) -> str:
    """The seed text as the page that it was pasted from: one <p> per cell, <p></p> for a blank cell,
    a single line break inside a cell as <br>. Starts at the report's first heading."""
    text = (SEEDS / rep["seed"]).read_text(encoding="utf-8")
    lines = text.split("\n")
    first = next(i for i, ln in enumerate(lines) if ln.strip().startswith(("一、总体情况", "本报告根据")))
    end = next((i for i, ln in enumerate(lines) if ln.strip().startswith("相关阅读")), len(lines))
    cells: list[list[str]] = []
    prev_filled = False
    for ln in lines[first:end]:
        if ln.strip():
            if prev_filled:
                cells[-1].append(ln)
            else:
                cells.append([ln])
            prev_filled = True
        elif prev_filled:
            prev_filled = False      # the paragraph break after a cell
        else:
            cells.append([])         # an extra empty line: a blank cell
    return "".join("<p>" + "<br>".join(html.escape(x, quote=False) for x in c) + "</p>" for c in cells)


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------
SITES = {"411300": ("南阳市人民政府", "www.nanyang.gov.cn"), "360781": ("瑞金市人民政府", "www.ruijin.gov.cn"),
         "330922": ("嵊泗县人民政府", "www.shengsi.gov.cn"), "370285": ("莱西市人民政府", "www.laixi.gov.cn"),
         "530302": ("曲靖市麒麟区人民政府", "www.ql.gov.cn")}


def prepared(base: dict, **changes) -> dict:
    rep = copy.deepcopy(base)
    rep.update(changes)
    if "site" not in rep:
        rep["site"], rep["host"] = SITES[rep["region_code"]]
    rep.setdefault("page_published", rep.get("published"))
    return rep


def trs_url(rep) -> str:
    d = rep["published"].replace("-", "")
    return f"http://{rep['host']}/zwgk/zfxxgknb/{d[:6]}/t{d}_5517.html"


def hanweb_url(rep) -> str:
    y, m, d = (int(x) for x in rep["published"].split("-"))
    return f"http://{rep['host']}/art/{y}/{m}/{d}/art_4152_501.html"


CASES: list[dict] = []


def case(cid, rep, page: str, *, url=None, encoding="utf-8", listing_date=None, checks_failed=(),
         is_report=True, provenance="", facts=None, figures=None, unreadable=(), region_hint=None):
    CASES.append(dict(id=cid, rep=rep, page=page, url=url, encoding=encoding, listing_date=listing_date,
                      region_hint=region_hint,
                      checks_failed=sorted(checks_failed), is_report=is_report, provenance=provenance,
                      facts=facts, figures=figures, unreadable=sorted(unreadable)))


FROM_INPUTS = "generated by tests/corpus/build.py from declared inputs"
SEED_READ = "figures typed in by reading /work/shared/seeds/{seed} (the page's source text); page " + FROM_INPUTS


def report_cases():
    ny = prepared(NANYANG)
    rj = prepared(RUIJIN)
    sh = prepared(SHENGSI)
    for name, rep in (("nanyang-2019", ny), ("ruijin-2022", rj)):
        prov = SEED_READ.format(seed=rep["seed"])
        case(f"{name}-trs", rep, trs_page(rep, report_body(rep)), url=trs_url(rep), provenance=prov)
        case(f"{name}-hanweb", rep, hanweb_page(rep, report_body(rep)), url=hanweb_url(rep), provenance=prov)
        case(f"{name}-wordpaste", rep, plain_page(rep, seed_paste_body(rep)), url=None, provenance=prov)
        case(f"{name}-split-t2", rep, trs_page(rep, report_body(rep, "split")), url=trs_url(rep), provenance=prov)
        case(f"{name}-merged", rep, trs_page(rep, report_body(rep, "merged")), url=trs_url(rep), provenance=prov)
        gbk = prepared(rep, page_published=None)
        # GBK bytes, <meta> says gb2312 (and the HTTP header would say nothing); 喆/镕 are outside GB2312.
        body = report_body(gbk).replace("</p>", "</p>", 1) + "<p>（联系人：王喆镕）</p>"
        case(f"{name}-gbk", gbk, trs_page(gbk, body, charset="gb2312"), url=trs_url(gbk), encoding="gbk",
             provenance=prov)
    prov = SEED_READ.format(seed=sh["seed"])
    case("shengsi-2017-legacy", sh, trs_page(sh, report_body(sh)), url=trs_url(sh), provenance=prov)
    text_rep = prepared(sh, page_published=None)
    legacy_text = paragraphs(narrative(sh)[0] + [f"{sh['agency']}2017年度政府信息公开情况统计表"]
                             + [f"{a} | {u} | {raw_of(v)} |" for a, u, v, _ in [("统 计 指 标", "单位", "统计数", None)] + sh["legacy"]])
    case("shengsi-2017-legacy-text", text_rep, plain_page(text_rep, legacy_text), listing_date="2018-01-30",
         provenance=prov + "; the 统计表 printed as `a | b | c |` lines as in the seed")


def quirk_cases():
    ny, rj = prepared(NANYANG), prepared(RUIJIN)

    rep = prepared(ny, labels={"normative_docs": "行政规范性文件", "h.new_made": "本年新\n制作数量",
                               "h.new_published": "本年新\n公开数量", "c.commercial": "商业\n企业", "c.research": "科研\n机构",
                               "c.social_welfare": "社会公益\n组织", "denied.enforcement_file": "7.属于行政执法案件",
                               "denied.security_stability": '3.危及"三安全一稳定"'})
    case("quirk-label-drift-2019", rep, trs_page(rep, report_body(rep)), url=trs_url(rep), provenance=FROM_INPUTS)

    rep = prepared(rj, labels={"h.issued": "本年发件", "h.in_force": "现行有效件", "normative_docs": "规范性文件",
                               "h.amount21": "本年收费金额(单位:万元)", "denied.security_stability": "3.危及‘三安全 一稳定’",
                               "c.legal_services": "法律服务\n机构"})
    case("quirk-label-drift-2021", rep, hanweb_page(rep, report_body(rep)), url=hanweb_url(rep), provenance=FROM_INPUTS)

    rep = prepared(ny, split_header=True)
    case("quirk-split-header-2019", rep, trs_page(rep, report_body(rep)), url=trs_url(rep), provenance=FROM_INPUTS)

    rep = prepared(ny)
    rep["t2"]["procurement"] = ["12", ("6846.176002万元", "6846.176002")]
    case("quirk-units-2019", rep, trs_page(rep, report_body(rep)), url=trs_url(rep), provenance=FROM_INPUTS)
    rep = prepared(rj)
    rep["t2"]["fees"] = [("452万元", "452")]
    case("quirk-units-2021", rep, trs_page(rep, report_body(rep)), url=trs_url(rep), provenance=FROM_INPUTS)

    rep = prepared(ny)
    rep["t2"].update(licensing=["220", ("+1036", "1036"), "1256"], other_services=["35", ("-3", "-3"), "12"],
                     penalty=["48", ("减少2", "-2"), "7"], enforcement=["10", "0", "0"])
    case("quirk-signed-2019", rep, trs_page(rep, report_body(rep)), url=trs_url(rep), provenance=FROM_INPUTS)

    rep = prepared(rj)
    rep["t3"]["new"] = [("３６", "36"), "0", "0", "0", "0", "0", ("３６", "36")]
    rep["t2"]["penalty"] = [("\u00a0297159", "297159")]
    rep["t2"]["licensing"] = [("１１８５", "1185")]
    rep["t4"] = [("１", "1"), "1", "3", "0", ("\u00a05", "5")] + ["0"] * 10
    case("quirk-fullwidth-nbsp-2021", rep, trs_page(rep, report_body(rep)), url=trs_url(rep), provenance=FROM_INPUTS)

    rep = prepared(rj)
    rep["t2"]["rules"] = [("/", "0"), ("/", "0"), ("/", "0")]
    rep["t3"]["carried_over"] = [("—", "0"), ("-", "0"), ("/", "0"), ("无", "0"), ("——", "0"), ("—", "0"), ("—", "0")]
    rep["t4"] = ["1", "1", "3", "0", "5"] + [("—", "0")] * 10
    case("quirk-dashes-2021", rep, trs_page(rep, report_body(rep)), url=trs_url(rep), provenance=FROM_INPUTS)

    rep = prepared(rj)
    for k in ("other.no_correction", "other.no_fee_paid", "other.other"):
        del rep["t3"][k]
    rep["t3"]["other"] = row7("2", others=("0",) * 5)
    case("quirk-single-other-2021", rep, hanweb_page(rep, report_body(rep)), url=hanweb_url(rep),
         provenance=FROM_INPUTS + "; a 2021-format report printing (六)其他处理 as one row")

    rep = prepared(ny)
    rep["t3"]["granted"] = row7("7", total="6")
    case("quirk-checks-fail-2019", rep, trs_page(rep, report_body(rep)), url=trs_url(rep),
         checks_failed=["outcomes.natural_person", "row_total.requests.granted"],
         provenance=FROM_INPUTS + "; 予以公开 自然人 printed 7 against a total of 6")

    rep = prepared(rj, runs={("三、本年度办理结果", "（一）予以公开"): "90000009"})
    granted = [f"requests.granted.{c}" for c in COLS]
    rep["unreadable"] = granted
    case("quirk-ambiguous-run-2021", rep, plain_page(rep, report_body(rep, "text")), unreadable=granted,
         provenance=FROM_INPUTS + "; 予以公开 printed as the run 90000009 (8 digits, 7 columns): ambiguous")

    rep = prepared(rj, runs={("t2", "规章"): "规章000", ("二、上年结转政府信息公开申请数量",): "0000000",
                             ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"): "0000000"})
    case("quirk-runs-2021", rep, plain_page(rep, report_body(rep, "text")),
         provenance=FROM_INPUTS + "; cells run together (规章000, 0000000) as from a Word paste")

    rep = prepared(rj)
    case("quirk-flattened-2021", rep, plain_page(rep, report_body(rep, "text")), url=None,
         provenance=FROM_INPUTS + "; every table flattened to one cell per paragraph")


def facts_cases():
    rep = prepared(NANYANG, title="2020年莱西市政府信息公开工作年度报告", agency="莱西市人民政府", level="county",
                   region_code="370285", year=2020, published="2021-03-05", page_published=None)
    rep.pop("seed")
    case("facts-laixi-2020", rep, hanweb_page(rep, report_body(rep)), url="http://www.laixi.gov.cn/info/1005/1918.htm",
         listing_date="2021-03-05", provenance=FROM_INPUTS + "; 政府 short for 人民政府, date only from the listing")
    rep = prepared(RUIJIN, title="曲靖市麒麟区珠街街道2021年政府信息公开工作年度报告", agency="曲靖市麒麟区珠街街道",
                   level="township", region_code="530302", year=2021, published="2022-01-20")
    rep.pop("seed")
    case("facts-zhujie-township-2021", rep, hanweb_page(rep, report_body(rep)), url=hanweb_url(rep),
         provenance=FROM_INPUTS + "; a street office: its county's code")
    rep = prepared(NANYANG, title="莱西市政府办公室二〇一九年政府信息公开工作年度报告", agency="莱西市人民政府办公室",
                   level="department", region_code="370285", year=2019, published="2020-01-17")
    rep.pop("seed")
    case("facts-laixi-office-cn-year-2019", rep, plain_page(rep, report_body(rep)), url=None,
         provenance=FROM_INPUTS + "; year in Chinese numerals, 政府办公室 written out")
    # 城关镇 exists in 95 counties: only the portal's code (the hint) settles it.
    rep = prepared(RUIJIN, title="城关镇2022年政府信息公开工作年度报告", agency="城关镇", level="township",
                   region_code="411325", year=2022, published="2023-01-16", site="内乡县人民政府", host="www.neixiang.gov.cn")
    rep.pop("seed")
    case("facts-chengguan-hint-2022", rep, trs_page(rep, report_body(rep)), url=trs_url(rep), region_hint="411325",
         provenance=FROM_INPUTS + "; an ambiguous township name settled by the portal's code (region_hint)")


def distractor(cid, title, body, code="411300", published="2023-01-05", url=None):
    site, host = SITES[code]
    rep = {"title": title, "site": site, "host": host, "region_code": code, "page_published": published,
           "published": published}
    case(cid, rep, trs_page(rep, body), url=url or trs_url(rep), is_report=False, facts={}, figures={},
         provenance="distractor " + FROM_INPUTS)


def distractor_cases():
    filler = "".join(f"<p>{x}</p>" for x in (
        "各县（区）人民政府，市人民政府各部门：",
        "为做好政府信息公开工作年度报告编制和发布工作，根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号文件要求，现将有关事项通知如下。",
        "一、严格按照格式编制。各单位要严格按照统一格式编制本单位年度报告，确保数据准确、勾稽关系正确。",
        "二、按时发布。各单位应于1月31日前在政府网站发布年度报告，县（区）人民政府年度报告于3月31日前发布。",
        "三、加强审核。年度报告发布前须经本单位主要负责同志审定。"))
    distractor("not-notice-2023", "关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", filler)
    plan = "".join(f"<p>{x}</p>" for x in (
        "一、围绕中心工作加强政策发布解读", "（一）加强政策解读。坚持政策文件与解读材料同步组织、同步审签、同步部署。",
        "二、推进政务公开标准化规范化", "（二）及时编制发布2022年政府信息公开工作年度报告，确保按时发布。" * 3,
        "三、强化政务公开平台建设", "（三）加强政府网站和政务新媒体管理。" * 4))
    distractor("not-workplan-2023", "2023年政务公开工作要点", plan)
    distractor("not-tujie-2022", "图解：瑞金市人民政府2022年政府信息公开工作年度报告",
               '<p><img src="/images/tujie2022.jpg" alt="图解"></p><p>2022年，全市主动公开政府信息20279条，收到依申请公开36件。'
               '一图读懂瑞金市人民政府2022年政府信息公开工作年度报告。</p>' * 3, code="360781")
    distractor("not-jiedu-2019", "《南阳市人民政府办公室2019年政府信息公开工作年度报告》解读",
               "".join(f"<p>{x}</p>" for x in (
                   "一、总体情况", "2019年，南阳市人民政府办公室共受理、办结信息公开申请76件。" * 5,
                   "二、主动公开政府信息情况", "公开规范性文件249件，发布公示公告272件。" * 5,
                   "三、收到和处理政府信息公开申请情况", "予以公开6件，部分公开5件。" * 5)))
    distractor("not-summary-2022", "瑞金市人民政府办公室2022年政务公开工作总结",
               "".join(f"<p>{x}</p>" for x in ("2022年，在市委、市政府的正确领导下，市政府办公室政务公开工作取得新成效。" * 6,
                                              "一、主要工作", "（一）主动公开政府信息20279条。" * 5)), code="360781")
    site, host = SITES["411300"]
    soft = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面不存在</title></head><body>'
            + CHROME_TOP.format(site=site) + '<div class="error"><img src="/images/404.png"><p>抱歉，您访问的页面不存在或已被删除！</p>'
            '<p><a href="/">返回首页</a></p></div>' + FOOTER.format(site=site, code="411300") + "</body></html>")
    case("not-soft404", {"region_code": "411300"}, soft, url="http://www.nanyang.gov.cn/zwgk/t20200122_9999.html",
         is_report=False, facts={}, figures={}, provenance="distractor " + FROM_INPUTS)
    distractor("not-empty", "南阳市人民政府办公室2019年政府信息公开工作年度报告", "<p>&nbsp;</p>")
    distractor("not-statlink-2017", "嵊泗县2017年政府信息公开情况统计表",
               '<p>附件：<a href="/art/2018/1/30/P020180130_1.xls">嵊泗县2017年政府信息公开情况统计表.xls</a></p>', code="330922")


def truth_of(c) -> dict:
    rep = c["rep"]
    facts = c["facts"] if c["facts"] is not None else {
        k: rep[k] for k in ("agency", "level", "region_code", "year", "published", "format")}
    figures = c["figures"] if c["figures"] is not None else truth_figures(rep)
    extra = {"region_hint": c["region_hint"]} if c.get("region_hint") else {}
    return {"source": "page.html", "url": c["url"], "listing_date": c["listing_date"], **extra, "facts": facts,
            "figures": figures, "unreadable": c["unreadable"], "checks_failed": c["checks_failed"],
            "is_report": c["is_report"], "provenance": c["provenance"]}


def main() -> None:
    report_cases()
    quirk_cases()
    facts_cases()
    distractor_cases()
    for c in CASES:
        assert not c["id"].startswith(("real-", "doc-")), "those cases belong to the documents engineer"
        d = HERE / c["id"]
        d.mkdir(exist_ok=True)
        (d / "page.html").write_bytes(c["page"].encode(c["encoding"]))
        (d / "truth.json").write_text(json.dumps(truth_of(c), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(len(CASES), "cases written")


if __name__ == "__main__":
    main()
