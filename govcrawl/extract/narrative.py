"""Legacy figures from the narrative, for reports that print no 统计表 (2008-2018 reports often
give the figures only in sentences). Read only where the sentence is unambiguous:

- a total sentence (共受理申请4件, 共主动公开政府信息8295条, 主动公开信息共计12条, 未收到政府信息公开申请 -> 0)
  and every other sentence that quotes the same figure agrees with it;
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

# key -> (any quote of the figure, the total forms among them, sentences saying there was none)
_ACTIVE = r"主动公开(?:各类)?(?:政府)?信息(?P<total_after>共计|共|总计)?(?P<n>\d+)\s*条"
_RECEIVED = (r"(?:收到|受理|接收|接到)(?:各类)?(?:(?:政府信息公开|信息公开|依申请公开)(?:政府信息)?(?:的)?(?:申请)?|申请)"
             r"(?P<total_after>共计|共|总计)?(?P<n>\d+)\s*(?:件|条)")
_SENTENCES: tuple[tuple[str, re.Pattern, re.Pattern | None], ...] = (
    ("legacy.active.total", re.compile(r"(?P<total_before>共)?" + _ACTIVE), None),
    ("legacy.requests.received", re.compile(r"(?P<total_before>共)?" + _RECEIVED),
     re.compile(r"未(?:收到|受理|接到)(?:过)?(?:任何|有关)?(?:政府信息公开|信息公开|依申请公开)(?:政府信息)?(?:的)?申请")),
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
    for key, quote, none_said in _SENTENCES:
        readings: list[tuple[Decimal, str, bool]] = []       # (value, raw, is a total sentence)
        for m in quote.finditer(text):
            clause = _clause(text, m.start(), m.end())
            if _NOT_THE_YEAR.search(clause) or _other_year(clause, year):
                continue
            total = bool(m.group("total_before") or m.group("total_after"))
            readings.append((Decimal(m.group("n")), m.group(0), total))
        if none_said is not None:
            for m in none_said.finditer(text):
                clause = _clause(text, m.start(), m.end())
                if not _other_year(clause, year):
                    readings.append((Decimal(0), m.group(0), True))
        values = {v for v, _, _ in readings}
        totals = [(v, raw) for v, raw, total in readings if total]
        if len(values) > 1:
            warnings.append(f"narrative: {key} quoted as {', '.join(raw for _, raw, _ in readings)}; not read")
        elif totals:
            value, raw = totals[0]
            figures[key] = Figure(key=key, value=value, raw=raw, table="legacy", source="narrative",
                                  row_label="(narrative)", col_label="")
    return figures, warnings
