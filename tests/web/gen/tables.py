"""Render the 二/三/四 tables of a 2019/2021 report, and the legacy 统计表, as published HTML.

`style` switches on what real pages do (formats.md): blank zeros, label drift, split headers,
<br> inside labels, full-width digits, units in cells, &nbsp; padding, dashes for none, (六) as one row.
"""
from .figures import COLS, GROUPS, RESULTS, outcome_rows

_FW = str.maketrans("0123456789.", "０１２３４５６７８９．")
_DENIED_LABELS = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                  "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]
_UNAV_LABELS = ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]
_NP_LABELS = ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
              "5.要求行政机关确认或重新出具已获取信息"]
_OTHER_LABELS = ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                 "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]


class Cells:
    """Formats one figure as the page prints it, following the style switches."""

    def __init__(self, f: dict, style: dict):
        self.f, self.s, self.i = f, style, 0

    def __call__(self, key: str, table: int, unit: str = "") -> str:
        v = str(self.f[key])
        self.i += 1
        if v in ("0", "0.00") and table == 3 and self.s.get("blank_zero"):
            return ""
        if v == "0" and table == 2 and self.s.get("dash_zero"):
            return "—"
        if self.s.get("fullwidth") and self.i % 7 == 3:
            v = v.translate(_FW)
        if unit and self.s.get("units"):
            v += unit
        if self.s.get("nbsp") and self.i % 5 == 1:
            v = "&nbsp;" + v
        return v


def _td(text, rs=1, cs=1):
    a = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
    return f"<td{a}>{text}</td>"


def _tr(*cells):
    return "<tr>" + "".join(cells) + "</tr>\n"


def _table(rows):
    return '<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>\n' + "".join(rows) + "</tbody>\n</table>\n"


def table2(fmt: str, f: dict, style: dict) -> str:
    c, drift, br = Cells(f, style), style.get("drift"), style.get("br_labels")
    if fmt == "2021":
        h = ["本年发件" if drift else "本年制发件数", "本年废止件数", "现行有效件" if drift else "现行有效件数"]
        rows = [_tr(_td("第二十条第（一）项", cs=4)), _tr(_td("信息内容"), *[_td(x) for x in h]),
                _tr(_td("规章"), *[_td(c(f"active.rules.{k}", 2)) for k in ("issued", "repealed", "in_force")]),
                _tr(_td("规范性文件" if drift else "行政规范性文件"),
                    *[_td(c(f"active.normative_docs.{k}", 2)) for k in ("issued", "repealed", "in_force")]),
                _tr(_td("第二十条第（五）项", cs=4)), _tr(_td("信息内容"), _td("本年处理决定数量", cs=3)),
                _tr(_td("行政许可"), _td(c("active.licensing.decisions", 2), cs=3)),
                _tr(_td("第二十条第（六）项", cs=4)), _tr(_td("信息内容"), _td("本年处理决定数量", cs=3)),
                _tr(_td("行政处罚"), _td(c("active.penalty.decisions", 2), cs=3)),
                _tr(_td("行政强制"), _td(c("active.enforcement.decisions", 2), cs=3)),
                _tr(_td("第二十条第（八）项", cs=4)), _tr(_td("信息内容"), _td("本年收费金额（单位：万元）", cs=3)),
                _tr(_td("行政事业性收费"), _td(c("active.fees.amount", 2), cs=3))]
        return _table(rows)
    nm = "本年新<br>制作数量" if br else "本年新制作数量"
    npub = "本年新<br>公开数量" if br else "本年新公开数量"
    if style.get("split_header"):
        head = [_tr(_td("信息内容", rs=2), _td("本年新"), _td("本年新"), _td("对外公开总数量", rs=2)),
                _tr(_td("制作数量"), _td("公开数量"))]
    else:
        head = [_tr(_td("信息内容"), _td(nm), _td(npub), _td("对外公开总数量"))]
    items = ("items_prev_year", "items_change", "decisions")
    rows = [_tr(_td("第二十条第（一）项", cs=4)), *head,
            _tr(_td("规章"), *[_td(c(f"active.rules.{k}", 2)) for k in ("new_made", "new_published", "total_published")]),
            _tr(_td("规范性文件"), *[_td(c(f"active.normative_docs.{k}", 2))
                                  for k in ("new_made", "new_published", "total_published")]),
            _tr(_td("第二十条第（五）项", cs=4)),
            _tr(_td("信息内容"), _td("上一年项目数量"), _td("本年增/减"), _td("处理决定数量")),
            _tr(_td("行政许可"), *[_td(c(f"active.licensing.{k}", 2)) for k in items]),
            _tr(_td("其他对外管理服务事项"), *[_td(c(f"active.other_services.{k}", 2)) for k in items]),
            _tr(_td("第二十条第（六）项", cs=4)),
            _tr(_td("信息内容"), _td("上一年项目数量"), _td("本年增/减"), _td("处理决定数量")),
            _tr(_td("行政处罚"), *[_td(c(f"active.penalty.{k}", 2)) for k in items]),
            _tr(_td("行政强制"), *[_td(c(f"active.enforcement.{k}", 2)) for k in items]),
            _tr(_td("第二十条第（八）项", cs=4)),
            _tr(_td("信息内容"), _td("上一年项目数量"), _td("本年增/减", cs=2)),
            _tr(_td("行政事业性收费"), _td(c("active.fees.items_prev_year", 2)), _td(c("active.fees.items_change", 2), cs=2)),
            _tr(_td("第二十条第（九）项", cs=4)),
            _tr(_td("信息内容"), _td("采购项目数量"), _td("采购总金额", cs=2)),
            _tr(_td("政府集中采购"), _td(c("active.procurement.projects", 2)),
                _td(c("active.procurement.amount", 2, unit="万元"), cs=2))]
    return _table(rows)


def table3(fmt: str, f: dict, style: dict) -> str:
    c, br, drift = Cells(f, style), style.get("br_labels"), style.get("drift")
    single = style.get("other_single_row", False)
    org = ["商业<br>企业" if br else "商业企业", "科研<br>机构" if br else "科研机构", "社会公益组织", "法律服务机构", "其他"]

    def nums(row):
        return [_td(c(f"requests.{row}.{col}", 3)) for col in COLS + ["total"]]
    rows = [_tr(_td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rs=3, cs=3), _td("申请人情况", cs=7)),
            _tr(_td("自然人", rs=2), _td("法人或其他组织", cs=5), _td("总计", rs=2)),
            _tr(*[_td(x) for x in org]),
            _tr(_td("一、本年新收政府信息公开申请数量", cs=3), *nums("new")),
            _tr(_td("二、上年结转政府信息公开申请数量", cs=3), *nums("carried_over"))]
    outs = outcome_rows(fmt, single)
    n_result_rows = len(outs) + 1
    denied = list(_DENIED_LABELS)
    if drift:
        denied[2], denied[6] = "3.危及'三安全一稳定'", "7.属于行政执法案件"
    groups = [("（三）不予公开", denied, [r for r in outs if r.startswith("denied.")]),
              ("（四）无法提供", _UNAV_LABELS, [r for r in outs if r.startswith("unavailable.")]),
              ("（五）不予处理", _NP_LABELS, [r for r in outs if r.startswith("not_processed.")])]
    rows.append(_tr(_td("三、本年度办理结果", rs=n_result_rows), _td("（一）予以公开", cs=2), *nums("granted")))
    rows.append(_tr(_td("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", cs=2), *nums("partial")))
    for head, labels, keys in groups:
        for i, (label, key) in enumerate(zip(labels, keys)):
            first = [_td(head, rs=len(keys))] if i == 0 else []
            rows.append(_tr(*first, _td(label), *nums(key)))
    if "other" in outs:
        rows.append(_tr(_td("（六）其他处理", cs=2), *nums("other")))
    else:
        for i, (label, key) in enumerate(zip(_OTHER_LABELS, ["other.no_correction", "other.no_fee_paid", "other.other"])):
            first = [_td("（六）其他处理", rs=3)] if i == 0 else []
            rows.append(_tr(*first, _td(label), *nums(key)))
    rows.append(_tr(_td("（七）总计", cs=2), *nums("total_handled")))
    rows.append(_tr(_td("四、结转下年度继续办理", cs=3), *nums("carried_forward")))
    return _table(rows)


def table4(fmt: str, f: dict, style: dict) -> str:
    c = Cells(f, style)
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    if style.get("br_labels"):
        labels = ["结果<br>维持", "结果<br>纠正", "其他<br>结果", "尚未<br>审结", "总计"]
    rows = [_tr(_td("行政复议", cs=5), _td("行政诉讼", cs=10)),
            _tr(*[_td(x, rs=2) for x in labels], _td("未经复议直接起诉", cs=5), _td("复议后起诉", cs=5)),
            _tr(*[_td(x) for x in labels * 2]),
            _tr(*[_td(c(f"{g}.{r}", 4)) for g in GROUPS for r in RESULTS])]
    return _table(rows)


def legacy_table(rows: list[tuple[str, str, str]]) -> str:
    """rows: (统计指标, 单位, 统计数) as printed."""
    out = [_tr(_td("统 计 指 标"), _td("单位"), _td("统计数"))]
    out += [_tr(_td(a), _td(b), _td(v)) for a, b, v in rows]
    return _table(out)


def flattened(html_table: str) -> str:
    """A table pasted from Word: every cell its own paragraph, no table markup."""
    import re
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html_table, re.S)
    return "".join(f"<p>{x.replace('<br>', '')}</p>\n" for x in cells)
