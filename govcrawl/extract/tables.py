"""Grids (from HTML, documents or text) -> canonical figures, by label meaning.

All grids of a page are read as one stream of rows, so a table split over several <table>s and
three tables merged into one grid read alike: header rows set the column meanings (by their text),
data rows are identified by their label cells, values come from the columns whose header says
what they are. Nothing is read by position alone.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from functools import lru_cache

from . import labels as L
from . import legacy
from .metrics import ALL_KEYS, UNIT
from .model import Figure, Grid
from .grid import Spanned
from .values import is_value_text, parse_value


@dataclass
class TableReading:
    figures: dict[str, Figure] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)     # subset of unreadable
    format: str = ""                                       # "2021" | "2019" | "legacy" | ""
    warnings: list[str] = field(default_factory=list)


_TABLE_OF = {"active": "2", "requests": "3", "review": "4", "litigation_direct": "4",
             "litigation_after_review": "4", "legacy": "legacy"}


@lru_cache(maxsize=8192)     # cells and labels repeat across rows and pages
def _printed(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


class Collector:
    """Figures, unreadable keys and generation hints gathered while reading; `result()` settles it."""

    def __init__(self, source: str):
        self.source = source
        self.reading = TableReading()
        self.hints: dict[str, int] = {}
        self._conflicts: set[str] = set()

    def hint(self, fmt: str, weight: int = 1) -> None:
        if fmt:
            self.hints[fmt] = self.hints.get(fmt, 0) + weight

    def add(self, key: str, raw: str | None, row_label: str, col_label: str) -> None:
        if key not in ALL_KEYS:
            return
        if raw is not None and UNIT.get(key) == "万元" and _printed_unit(col_label, row_label) == "元" \
                and not raw.strip().endswith("元") and raw.strip():
            raw = raw.strip() + "元"         # the header says 单位：元: the cell converts to 万元, raw keeps it
        value = parse_value(raw, UNIT.get(key, "件"))
        figs = self.reading.figures
        if value is None:
            self.unreadable(key)
            return
        if key in figs or key in self._conflicts or key in self.reading.unreadable:
            if key in figs and figs[key].value != value:
                self.reading.warnings.append(
                    f"{key}: printed twice as {figs[key].raw!r} and {raw!r}; unreadable")
                del figs[key]
                self._conflicts.add(key)
                self.unreadable(key)
            return
        figs[key] = Figure(key=key, value=value, raw=_printed(raw) if raw.strip() else "",
                           table=_TABLE_OF.get(key.split(".")[0], ""), row_label=_printed(row_label),
                           col_label=_printed(col_label), source=self.source)

    def unreadable(self, key: str, ambiguous: bool = False) -> None:
        if key not in ALL_KEYS:
            return
        if key in self.reading.figures:
            # already read from the table; a later unclear copy (or narrative line) does not undo it
            self.reading.warnings.append(f"{key}: read as {self.reading.figures[key].raw!r}, "
                                         "a later copy is unreadable")
            return
        if key not in self.reading.unreadable:
            self.reading.unreadable.append(key)
        if ambiguous and key not in self.reading.ambiguous:
            self.reading.ambiguous.append(key)

    def result(self) -> TableReading:
        r = self.reading
        figs = r.figures
        if any(k.startswith("requests.other.") and k.count(".") == 3 for k in (*figs, *r.unreadable)):
            self.hint("2021")       # (六)其他处理 printed with its three sub-rows
        elif any(k.startswith("requests.other.") for k in (*figs, *r.unreadable)):
            self.hint("2019")       # printed as one row: the 2019 layout (weak: 2021 reports do it too)
        subrows = [k for k in figs if k.startswith("requests.other.") and k.count(".") == 3]
        single = [k for k in figs if k.startswith("requests.other.") and k.count(".") == 2]
        if subrows and single:
            # (六)其他处理 printed as a heading over its sub-rows: its own cells are not figures
            if any(figs[k].raw for k in single):
                r.warnings.append("(六)其他处理 prints numbers and sub-rows; kept the sub-rows")
            for k in single:
                del figs[k]
        known = {k: v for k, v in self.hints.items() if v > 0}
        if known.get("2019", 0) >= 3 and known.get("2021", 0) >= 3:      # both from table 二 itself
            r.warnings.append(f"table 二 shows signs of both generations: {known}")
        if known:
            r.format = max(known, key=lambda f: (known[f], f))
        return r


class GridWalker:
    """Reads rows one by one; header rows set column meanings, data rows give figures."""

    def __init__(self, out: Collector):
        self.out = out
        self.mode = ""                 # "2" | "3" | "4" | "legacy"
        self.header: list[list[str]] = []
        self.in_header = False
        self.colmap: dict[int, object] = {}
        self.header_width = 0
        self.col_text: dict[int, str] = {}
        self.parent = ""               # enclosing group label of table 三, e.g. (六)其他处理
        self.legacy_cols: tuple[int, int | None, int | None] = (0, 1, 2)
        self.legacy_column = "统计数"     # the value column's header as printed
        self.legacy_period: int | None = None   # 本期实际 beside 本年累计 (统计报表)
        self.legacy_section = ""

    # -- headers --------------------------------------------------------------------------------
    def _header_mode(self, text: str, cells: list[str] = ()) -> str:
        if legacy.is_header(text, cells):
            return "legacy"
        if self.mode == "legacy":
            return ""       # a legacy 统计表 row (四、行政复议数量 left blank) is no new table
        if L.is_t3_header(text):
            return "3"
        if L.is_t4_header(text):
            return "4"
        if L.is_t2_header(text):
            return "2"
        return ""

    def _set_header(self, mode: str, row: list[str], raw: list[str | None]) -> None:
        if not (self.in_header and mode in (self.mode, "")):
            self.header, self.mode = [], mode
        self.in_header = True
        self.header.append(raw)
        width = max(len(r) for r in self.header)
        self.colmap, self.col_text, self.header_width = {}, {}, width
        for c in range(width):
            parts: list[str] = []
            for r in self.header:
                t = _printed(r[c]) if c < len(r) and r[c] else ""
                if t and (not parts or parts[-1] != t):
                    parts.append(t)
            combined = L.norm("".join(parts))
            self.col_text[c] = " ".join(parts)
            if self.mode == "4" and not L.t4_group(combined) and L.t4_outcome(combined):
                group = self._group_to_the_left(c)
                if group:
                    combined = L.norm(group) + combined
                    self.col_text[c] = group + " " + self.col_text[c]
            col = self._column(combined)
            if col is not None:
                self.colmap[c] = col
        if self.mode == "legacy":
            cells = [_printed(x) for x in raw]
            label, unit, value, why = legacy.columns(cells)
            self.legacy_cols = (label, unit, value)
            self.legacy_column = cells[value] if value is not None else ""
            self.legacy_period = legacy.period_column(cells)
            self.legacy_section = ""
            if value is None:
                self.out.reading.warnings.append(f"legacy 统计表: {why}")

    def _group_to_the_left(self, c: int) -> str:
        """Table 四's group label over column c when the grid prints a merged heading once, at its
        left edge, with empty slots after it (tables drawn with <div>s, some PDF layouts): the
        nearest text to the left on a heading row, reached over blank slots only, that names a group."""
        for r in self.header:
            k = c
            while k > 0 and k < len(r) and r[k] == "":
                k -= 1
            if k != c and k < len(r) and r[k] and L.t4_group(L.norm(r[k])):
                return _printed(r[k])
        return ""

    def _column(self, combined: str):
        if self.mode == "3":
            return L.t3_col(combined)
        if self.mode == "2":
            hit = L.t2_col(combined)
            if hit:
                self.out.hint(hit[1], 3)
                return hit[0]
            return None
        if self.mode == "4":
            group, outcome = L.t4_group(combined), L.t4_outcome(combined)
            return (group, outcome) if group and outcome else None
        return None

    # -- rows -----------------------------------------------------------------------------------
    def row(self, raw: list[str | None], ambiguous: bool = False, last: bool = False) -> None:
        normed = [L.norm(c) if c is not None else "" for c in raw]
        if not any(normed) and all(c is not None for c in raw):
            if self.mode == "4" and self.in_header and (self.out.source in ("pdf", "ocr") or last):
                # table 四's one data row right under its header, every cell blank (0): a ruled PDF
                # or a scan keeps such a row only when its rules draw it (documents/pdf.py, ocr.py),
                # never a spacer; an HTML table when it is the table's last row (Word exports leave
                # every zero blank: portalgen seed 41 lost a township's 15 figures)
                self.in_header = False
                self._t4_row(raw, False, blank=True)
            return
        distinct = [t for t in dict.fromkeys(normed) if t]
        joined = "".join(distinct)
        if "第二十条第(九)项" in joined or "集中采购" in joined:
            self.out.hint("2019", 3)
        has_value = any(c is not None and c.strip() and parse_value(c, "万元") is not None for c in raw)
        if len(distinct) == 1 and not has_value and not ambiguous and len(raw) > 2 \
                and not self._is_data_label(raw):
            # a title row spanning the table (第二十条第(一)项, 三、…情况, (三)不予公开)
            self.in_header = False
            if self.mode == "3" and any(g in joined for g in ("其他处理", *L.T3_GROUPS)):
                self.parent = joined
            return
        if not has_value and not ambiguous:
            mode = self._header_mode(joined, distinct)
            # table 四's data row with no text but a cell OCR could not read: a data row, not a heading
            unread_data = self.mode == "4" and not distinct and any(c is None for c in raw)
            if mode or (self.in_header and not self._is_data_label(raw) and not unread_data):
                self._set_header(mode, normed, raw)
                if mode == "legacy":
                    self.out.hint("legacy", 5)
                return
        self.in_header = False
        saved = self.colmap, self.col_text
        self.colmap, self.col_text = self._fit(len(raw))
        try:
            if self.mode == "legacy":
                self._legacy_row(raw)
            elif self.mode in ("2", "3"):
                self._labelled_row(raw, ambiguous)
            elif self.mode == "4":
                self._t4_row(raw, ambiguous)
        finally:
            self.colmap, self.col_text = saved

    def _fit(self, width: int):
        """Column meanings for a row of another width: a table continued in a new grid (PDF page
        break) keeps its value columns at the right edge, under the same headers."""
        if width == self.header_width or not self.colmap:
            return self.colmap, self.col_text
        cols = sorted(self.colmap)
        offset = self.header_width - width
        if cols != list(range(cols[0], self.header_width)) or cols[0] - offset < 1:
            return self.colmap, self.col_text
        return ({c - offset: v for c, v in self.colmap.items()},
                {c - offset: self.col_text.get(c, "") for c in cols})

    def _labels(self, raw: list[str | None]) -> tuple[list[str], list[str]]:
        normed, printed = [], []
        for c, cell in enumerate(raw):
            if c in self.colmap or not cell:
                continue
            n = L.norm(cell)
            if n and n not in normed:
                normed.append(n)
                printed.append(_printed(cell))
        return normed, printed

    def _is_data_label(self, raw: list[str | None]) -> bool:
        normed, _ = self._labels(raw)
        if self.mode == "3":
            return L.t3_row(normed, self.parent) is not None
        if self.mode == "2":
            return L.t2_row("".join(normed)) is not None
        return self.mode == "legacy"

    def _values(self, raw: list[str | None]) -> dict[object, tuple[int, str | None]]:
        """column id -> (grid column, cell); a merged cell over two columns with one meaning is
        read once, two different texts under one meaning are unreadable, and so is a number that
        one merged cell prints over columns or rows of other meanings (which one it belongs to, or
        whether it is a total of them, cannot be told; a merged blank or 0 is 0 in each)."""
        out: dict[object, tuple[int, str | None]] = {}
        for c, col in self.colmap.items():
            cell = raw[c] if c < len(raw) else None      # no such cell: unreadable, not 0
            if col in out:
                if out[col][1] != cell:
                    self.out.reading.warnings.append(
                        f"two cells under {self.col_text.get(c, '')!r}: {out[col][1]!r} and {cell!r}; unreadable")
                    out[col] = (out[col][0], None)
                continue
            out[col] = (c, cell)
        for col, (c, cell) in out.items():
            if isinstance(cell, Spanned) and parse_value(cell, "万元") not in (None, 0):
                self.out.reading.warnings.append(
                    f"{cell!r} printed once over several cells (under {self.col_text.get(c, '')!r}); unreadable")
                out[col] = (c, None)
        return out

    def _labelled_row(self, raw: list[str | None], ambiguous: bool) -> None:
        normed, printed = self._labels(raw)
        label = " ".join(printed)
        spanning = {L.norm(raw[c]) for c in self.colmap if c < len(raw) and raw[c]}
        if spanning & set(normed):
            # the label cell spans the value columns: a heading such as (六)其他处理 over sub-rows
            if self.mode == "3":
                self.parent = normed[-1]
            return
        if self.mode == "3":
            row = L.t3_row(normed, self.parent)
            if row is None:
                if any(g in "".join(normed) for g in ("其他处理", *L.T3_GROUPS)):
                    self.parent = normed[-1] if normed else ""
                return
            if row == "other":
                self.parent = normed[-1]
            elif len(normed) > 1 and "其他处理" in normed[-2]:
                self.parent = normed[-2]    # (六)其他处理 | 1.…: the sub-rows that follow are its own
            prefix = "requests." + row
        else:
            row = L.t2_row("".join(normed))
            if row is None:
                return
            prefix = "active." + row
        values = self._values(raw)
        self._row_missing = {c for c, cell in enumerate(raw) if cell is None}
        self._warn_missing(label, values)
        for col, (c, cell) in values.items():
            key = f"{prefix}.{col}"
            if ambiguous:
                self.out.unreadable(key, ambiguous=True)
            else:
                self.out.add(key, cell, label, self.col_text.get(c, ""))

    def _warn_missing(self, label: str, values: dict) -> None:
        """A row with fewer cells than its header (the grid holds None where no cell was printed):
        which cell is missing cannot be told, so those keys come out unreadable, never 0."""
        missing = [self.col_text.get(c, "") or str(c) for c, cell in values.values()
                   if cell is None and c in self._row_missing]
        if missing:
            self.out.reading.warnings.append(
                f"row {label or '(table 四)'!r}: no cell under {', '.join(missing)}; unreadable")

    def _t4_row(self, raw: list[str | None], ambiguous: bool, blank: bool = False) -> None:
        values = self._values(raw)
        if len(values) < 5 or not blank and not any(
                cell is None or (cell.strip() and parse_value(cell) is not None) for _, cell in values.values()):
            return
        self._row_missing = {c for c, cell in enumerate(raw) if cell is None}
        self._warn_missing("", values)
        for (group, outcome), (c, cell) in values.items():
            key = f"{group}.{outcome}"
            if ambiguous:
                self.out.unreadable(key, ambiguous=True)
            else:
                self.out.add(key, cell, "", self.col_text.get(c, ""))

    def _legacy_row(self, raw: list[str | None]) -> None:
        lab, unit_c, val_c = self.legacy_cols
        if lab >= len(raw):
            return
        label = raw[lab] or ""
        section = legacy.section_of(label)
        if section is not None:
            self.legacy_section = section
        key = legacy.key_of(label, self.legacy_section)
        if not key:
            if key is None and label.strip() and any(is_value_text(c) and (c or "").strip() not in ("", "——")
                                                      for i, c in enumerate(raw) if i != lab):
                self.out.reading.warnings.append(f"legacy row {_printed(label)!r} matches no known row; not read")
            return
        if unit_c is not None and unit_c < len(raw) and legacy.is_dash(raw[unit_c]) \
                and (val_c is None or val_c >= len(raw) or legacy.is_dash(raw[val_c])):
            return                               # 四、行政复议 | —— | ——: a heading over its rows
        if val_c is None:
            self.out.unreadable(key)             # the row is printed, its column of this year is not known
            return
        cell = raw[val_c] if val_c < len(raw) else None
        if isinstance(cell, Spanned) and parse_value(cell, "万元") not in (None, 0):
            self.out.reading.warnings.append(f"{label!r}: {cell!r} printed once over several cells; unreadable")
            cell = None
        period = raw[self.legacy_period] if self.legacy_period is not None and self.legacy_period < len(raw) else None
        if cell is not None and legacy.period_exceeds_year(period, cell):
            self.out.reading.warnings.append(
                f"legacy row {_printed(label)!r}: 本期 {period!r} above 本年累计 {cell!r}; unreadable")
            cell = None
        unit = L.norm(raw[unit_c]) if unit_c is not None and unit_c < len(raw) else ""
        if cell is not None and UNIT.get(key) == "万元" and unit == "元" and not cell.strip().endswith("元"):
            cell = cell.strip() + "元"           # the unit column says 元: convert to 万元
        self.out.add(key, cell, _printed(label), self.legacy_column)


_UNIT_IN_LABEL = re.compile(r"(?:单位\s*[：:]\s*|[（(]\s*)(亿元|万元|元)\s*[）)]?")


def _printed_unit(*labels: str) -> str:
    """The money unit a column or row label prints (金额（单位：元）, 收费（万元）), '' when none."""
    for label in labels:
        m = _UNIT_IN_LABEL.search(label or "")
        if m:
            return m.group(1)
    return ""


def figures_from_grids(grids: list[Grid], source: str = "html") -> TableReading:
    out = Collector(source)
    walker = GridWalker(out)
    for grid in grids:
        walker.in_header = False
        for i, row in enumerate(grid):
            walker.row(row, last=i == len(grid) - 1)
    return out.result()
