"""Legacy figures from the narrative, for reports that print no 统计表 (2008-2018 reports often
give the figures only in sentences). Read only where the sentence is unambiguous:

- a total sentence (共受理申请4件, 共主动公开政府信息8295条, 2013年新增主动公开政府信息45条) or one
  that names its figure (收到…行政复议0件, 兼职人员1人), and every other sentence that quotes the same
  figure agrees with it; a sentence without a numeral (未收到申请) is not read;
- no clause about the past or a part (累计, 以来, 上年, 同比, 其中, another year) is read at all, and
  one that quotes a different number makes the figure not read: a county's total beside its
  departments' (区直各部门主动公开1509条) cannot be told apart by words.

The raw text of a figure is the sentence part it came from, so the choice stays visible.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .model import Figure

_CLAUSE_END = "。；;，,！!？?\n"
_NOT_THE_YEAR = re.compile(r"累计|以来|历年|截至|截止|上年|去年|上一年|同比|较|比|其中|分别")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")

# key -> (a quote of the figure, whether the quote must say it is the whole year's total). A
# sentence with no numeral (未收到政府信息公开申请) is not read: "none received" is a reading of words.
# The year may be followed by the unit speaking of itself (我镇, 本局) and the channels it used
# (通过政府网站…): still its own total. 全区/全县 is not: it may count the departments too.
_SELF = r"(?:[，,]?(?:我|本)(?:镇|乡|街道|局|办|委|署|中心|单位|机关|县|区|市|厅|院|部门))?(?:通过[^，。；;,\d]{1,30}?)?"
_TOTAL_BEFORE = r"(?P<total_before>共|全年共?|新增|本年度?共?|(?:19|20)\d{2}年度?" + _SELF + r"(?:共|全年)?)?"
_ACTIVE = r"主动公开(?:各类)?(?:政府)?信息(?:数)?(?:的)?(?:有)?(?P<total_after>共计|共|总计)?(?P<n>\d+)\s*条"
_RECEIVED = (r"(?:收到|受理|接收|接到)(?:各类)?(?:(?:政府信息公开|信息公开|依申请公开)(?:政府信息)?(?:的)?(?:申请)?|申请)"
             r"(?P<total_after>共计|共|总计)?(?P<n>\d+)(?:\s*(?:件|条)|(?=[。；;，,\n]|$))")   # or 申请0 ending the line
_SENTENCES: tuple[tuple[str, re.Pattern, bool], ...] = (
    ("legacy.active.total", re.compile(_TOTAL_BEFORE + _ACTIVE), True),
    ("legacy.requests.received", re.compile(_TOTAL_BEFORE + _RECEIVED), True),
    # these name their own figure: the sentence is the figure, whatever words come before
    ("legacy.review.total", re.compile(r"(?:收到|受理|发生|提起)[^，。；;]{0,16}?行政复议(?:申请)?(?P<n>\d+)\s*(?:件|起)"), False),
    ("legacy.litigation.total", re.compile(r"(?:收到|受理|发生|提起)[^，。；;]{0,16}?行政诉讼(?:案件)?(?P<n>\d+)\s*(?:件|起)"), False),
    # 全职 is the 专职 of Fujian's form (从事政府信息公开工作的全职人员为0人，兼职人员为1人); a count printed
    # before the word (配备了2名兼职工作人员) is not read: it is often the set-up of 2008, not the year's
    ("legacy.org.staff_parttime", re.compile(r"兼职(?:工作)?人员(?:为|有)?(?P<n>\d+)\s*(?:人|名)"), False),
    ("legacy.org.staff_fulltime", re.compile(r"(?:专职|全职)(?:工作)?人员(?:为|有)?(?P<n>\d+)\s*(?:人|名)"), False),
)


def _clause(text: str, start: int, end: int) -> str:
    i = start
    while i > 0 and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return text[i:end]


def _other_year(clause: str, year: int | None) -> bool:
    return any(int(y) != year for y in _YEAR.findall(clause)) if year else bool(_YEAR.search(clause))


def figures_from_narrative(text: str, year: int | None) -> tuple[dict[str, Figure], list[str]]:
    """({key: Figure}, warnings) of the legacy figures the narrative states without doubt."""
    figures: dict[str, Figure] = {}
    warnings: list[str] = []
    text = re.sub(r"[ \t\u3000\u00a0]+", "", text or "")
    for key, quote, needs_total in _SENTENCES:
        readings: list[tuple[Decimal, str, bool]] = []       # (value, raw, is a total sentence)
        for m in quote.finditer(text):
            clause = _clause(text, m.start(), m.end())
            if _NOT_THE_YEAR.search(clause) or _other_year(clause, year):
                continue
            groups = m.groupdict()
            total = not needs_total or bool(groups.get("total_before") or groups.get("total_after"))
            readings.append((Decimal(m.group("n")), m.group(0), total))
        values = {v for v, _, _ in readings}
        totals = [(v, raw) for v, raw, total in readings if total]
        if len(values) > 1:
            warnings.append(f"narrative: {key} quoted as {', '.join(raw for _, raw, _ in readings)}; not read")
        elif totals:
            value, raw = totals[0]
            figures[key] = Figure(key=key, value=value, raw=raw, table="legacy", source="narrative",
                                  row_label="(narrative)", col_label="")
    return figures, warnings
