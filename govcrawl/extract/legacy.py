"""The legacy (2008-2018) 统计表 and its provincial variants: row labels -> legacy keys, header cells
-> column roles. Both come from data: the national rows of metrics.csv and the variants of
govcrawl/data/legacy_labels.csv (a row printed with no canonical key is listed there with none, so
it is known and never taken for a neighbour). Labels match exactly after normalization: a row that
is not in the vocabulary is not read.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from .labels import norm, strip_numbering
from .metrics import METRICS
from .values import parse_value

_CSV = Path(__file__).resolve().parent.parent / "data" / "legacy_labels.csv"
_PARENS = re.compile(r"\([^()]*\)")
_WHEREOF = "其中:"
_SECTIONED = ("review", "litigation")       # their 维持/纠错/其他 rows read alike in both sections
_YEAR_COLUMN = re.compile(r"^((?:19|20)\d{2})年(?:度)?$")


@lru_cache(maxsize=4096)
def row_text(label: str) -> str:
    """A row label as matched: normalized, no numbering, no 其中:, no (explanations)."""
    text = norm(label)
    while True:
        bare = strip_numbering(text)
        bare = bare[len(_WHEREOF):] if bare.startswith(_WHEREOF) else bare
        bare = _PARENS.sub("", bare)
        if bare == text:
            return text
        text = bare


def _load() -> tuple[dict[str, str], dict[tuple[str, str], str], dict[str, str]]:
    plain: dict[str, str] = {}                  # row text -> key ("" = printed, no canonical key)
    sectioned: dict[tuple[str, str], str] = {}  # (section, row text) -> key
    columns: dict[str, str] = {}                # header text -> label | unit | value | value_year
    for m in METRICS:
        if m.format != "legacy":
            continue
        text, section = row_text(m.row_label), m.key.split(".")[1]
        if section in _SECTIONED and not m.key.endswith((".total", ".upheld")):
            sectioned[(section, text)] = m.key
        else:
            plain[text] = m.key                 # totals and 维持… name their section themselves
    with _CSV.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["kind"] == "column":
                columns[norm(r["text"])] = r["key"]
            elif r["section"]:
                sectioned[(r["section"], row_text(r["text"]))] = r["key"]
            else:
                plain[row_text(r["text"])] = r["key"]
    return plain, sectioned, columns


_ROWS, _ROWS_BY_SECTION, _COLUMNS = _load()


def section_of(label: str) -> str | None:
    """review / litigation when a row opens that section, "" when it opens another, None otherwise."""
    text = norm(label)
    if "行政复议" in text:
        return "review"
    if "行政诉讼" in text:
        return "litigation"
    if re.match(r"^[一二三四五六七八九十]+[、.]", text):
        return ""
    return None


def key_of(label: str, section: str = "") -> str | None:
    """The legacy key a row label means; "" when the row is known to have none; None when unknown."""
    text = row_text(label)
    if text in _ROWS:
        return _ROWS[text]
    return _ROWS_BY_SECTION.get((section, text))


def column_role(header: str) -> str:
    """label | unit | value | value_year | period | "" for one header cell."""
    text = norm(header)
    if text in _COLUMNS:
        return _COLUMNS[text]
    return "value_year" if _YEAR_COLUMN.match(text) else ""


def is_header(text: str, cells: list[str] = ()) -> bool:
    """A header row of a legacy 统计表: text is its cells joined and normalized. A cell naming the
    label column and one naming a unit or value column, each exactly (项目 | 数量, 指标名称 | 数值):
    words inside a longer header (采购项目数量) do not count."""
    if "统计指标" in text or ("统计数" in text and "单位" in text):
        return True
    roles = {column_role(c) for c in cells if c}
    return "label" in roles and bool(roles & {"unit", "value", "value_year"})


def period_column(cells: list[str]) -> int | None:
    """The 本期实际 column of a 统计报表 (a quarter or month beside the year's 本年累计), if printed."""
    return next((i for i, c in enumerate(cells) if column_role(c) == "period"), None)


def columns(cells: list[str]) -> tuple[int, int | None, int | None, str]:
    """(label column, unit column or None, value column or None, why) of a header row's cells.

    The value column is the first whose header names this year's count (统计数, 本年度, 本年累计 …);
    else the one column headed by a year (2017年度). Several year columns, or none: no value
    column, and nothing is read (a cumulative 历年累计 or a second year is never taken instead)."""
    roles = [column_role(c) for c in cells]
    label = next((i for i, r in enumerate(roles) if r == "label"), 0)
    unit = next((i for i, r in enumerate(roles) if r == "unit"), None)
    order = [norm(t) for t in _COLUMNS if _COLUMNS[t] == "value"]
    named = sorted((order.index(norm(c)), i) for i, c in enumerate(cells) if roles[i] == "value")
    if named:
        return label, unit, named[0][1], f"value column {cells[named[0][1]]!r}"
    years = [i for i, r in enumerate(roles) if r == "value_year"]
    if len(years) == 1:
        return label, unit, years[0], f"value column {cells[years[0]]!r} (the one year column)"
    return label, unit, None, f"no value column among {[c for c in cells if c]!r}: not read"


def period_exceeds_year(period: str | None, year: str) -> bool:
    """A 本期实际 figure above the 本年累计 one beside it: the year column was left blank (0) or is
    not the year's, so neither is read as the year's figure."""
    p = parse_value(period, "万元") if period is not None else None
    if p is None:
        return False
    y = parse_value(year, "万元")
    return y is None or p > y


def is_dash(cell: str | None) -> bool:
    """—— in the unit and value columns marks a heading row of the 统计表, not a zero."""
    return bool(cell) and norm(cell) in ("——", "—", "--", "-", "———")
