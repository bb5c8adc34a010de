"""The standard tables flattened to text -> figures (same keys and rules as the grid path).

Handled layouts: one cell per line with blank cells as extra empty lines (HTML pasted as text),
`a | b | c |` rows, PDF text (label then its numbers on one line, tall merged cells read one
character per line, headers wrapped over two lines, table 四 as a flat run of 15 numbers), and
cells run together (`规章000`, `0000000`). The text is turned into rows of cells and handed to the
grid reader; a row whose cells cannot be counted with certainty is ambiguous, never guessed.
"""
from __future__ import annotations

import re

from . import labels as L
from . import legacy
from .tables import Collector, GridWalker, TableReading
from .values import parse_value

_VALUE_MARKS = frozenset({"-", "—", "——", "/", "无", "–"})
_RUN = re.compile(r"^\d{2,}$")
_LABEL_THEN_DIGITS = re.compile(r"^(.*[^\d\s.、,:()（）])(\d{2,})$")
_NUMBERED = re.compile(r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])")
MAX_LABEL = 60            # longer lines are narrative, not row labels

EMPTY, VALUE, LABEL = 0, 1, 2


def _is_value(tok: str) -> bool:
    t = tok.strip()
    return t != "" and (t in _VALUE_MARKS or parse_value(t, "万元") is not None)


def _tokens(text: str) -> list[tuple[int, str]]:
    """Lines -> (EMPTY|VALUE|LABEL, text); a line of label + numbers gives several tokens."""
    out: list[tuple[int, str]] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip().replace("\u00a0", " ").replace("\u3000", " ").strip()
        if not stripped:
            out.append((EMPTY, ""))
            continue
        if _is_value(stripped):
            out.append((VALUE, stripped))
            continue
        if len(stripped) == 1:
            continue                # one character of a tall merged cell read vertically
        parts = stripped.split()
        n = len(parts)
        while n > 0 and _is_value(parts[n - 1]):
            n -= 1
        if n < len(parts):
            if n:
                out.append((LABEL, " ".join(parts[:n])))
            out.extend((VALUE, p) for p in parts[n:])
        else:
            out.append((LABEL, stripped))
    return out


def _cells(items: list[tuple[int, str]], expected: int) -> list[str] | None:
    """The row's cells from the tokens after its label, or None when the count is not certain.

    Two readings: empty lines are blank cells after the first separator (Word/HTML paste), or
    empty lines mean nothing. A reading counts only if it yields exactly `expected` cells."""
    with_blanks: list[str] = []
    prev_filled = True          # the label line itself
    for kind, tok in items:
        if kind == EMPTY:
            if prev_filled:
                prev_filled = False
            else:
                with_blanks.append("")
        else:
            with_blanks.append(tok)
            prev_filled = True
    plain = [tok for kind, tok in items if kind != EMPTY]
    readings = []
    for cells in (with_blanks, plain):
        while len(cells) > expected and cells[-1] == "":
            cells = cells[:-1]        # the table's own trailing paragraph break
        if len(cells) == 1 and expected > 1 and _RUN.match(cells[0]) and len(cells[0]) == expected:
            cells = list(cells[0])    # 0000000: one digit per column
        if len(cells) == expected:
            readings.append(cells)
    if not readings or any(r != readings[0] for r in readings):
        return None
    return readings[0]


_GROUP_PREFIX = re.compile(r"^(?:三、本年度办理结果)?\((?:三|四|五|六)\)(?:不予公开|无法提供|不予处理|其他处理)")


class _TextReader:
    def __init__(self, source: str):
        self.out = Collector(source)
        self.walker = GridWalker(self.out)
        self.mode = ""
        self.ncols = 0
        self.orphans = False      # numbers seen since the last row that no label claimed
        self.legacy_header: list[str] = []

    # headers are rebuilt as grid rows in canonical order once their labels prove what they are
    def _t2_header(self, toks: list[str]) -> None:
        toks = [p for t in toks for p in t.split()]      # a PDF line holds several header cells
        cols: list[str] = []
        i = 0
        while i < len(toks):
            for j in (1, 2, 3):
                joined = L.norm("".join(toks[i:i + j]))
                if L.t2_col(joined):
                    cols.append("".join(toks[i:i + j]))
                    i += j
                    break
            else:
                i += 1
        self.mode, self.ncols = "2", len(cols)
        self.walker.in_header = False
        self.walker.row(["信息内容", *cols])

    def _t3_header(self, toks: list[str]) -> bool:
        text = L.norm("".join(toks))
        parts = [p for t in toks for p in t.split()]      # a PDF line holds several header cells
        found = {L.t3_col(L.norm(p)) for p in (*toks, *parts)}
        if not {"natural_person", "total"} <= found or "法人或其他组织" not in text and "commercial" not in found:
            self.out.reading.warnings.append("table 三 header not recognised in text")
            return False
        self.mode, self.ncols = "3", 7
        self.walker.in_header = False
        self.walker.row(["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])
        return True

    def _t4_header(self, toks: list[str]) -> bool:
        text = L.norm("".join(toks))
        outcomes = sum(1 for w in ("维持", "纠正", "其他", "审结", "总计") if w in text)
        if not ("行政复议" in text and ("直接起诉" in text or "未经复议" in text) and "复议后起诉" in text
                and outcomes == 5):
            return False
        self.mode, self.ncols = "4", 15
        self.walker.in_header = False
        outcome_names = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        self.walker.row(["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5)
        self.walker.row(outcome_names * 3)
        return True

    def _row_id(self, label: str):
        n = L.norm(label)
        if len(n) > MAX_LABEL:
            return None
        if self.mode == "3":
            return L.t3_row([n], self.walker.parent)
        if self.mode == "2":
            return L.t2_row(n)
        return None

    def _emit(self, label: str, items: list[tuple[int, str]]) -> None:
        blank_cells = len(items) > 1 and all(kind == EMPTY for kind, _ in items)   # seed 000's blank rows
        if not any(kind == VALUE for kind, _ in items) and not (blank_cells and self.mode in ("2", "3")):
            n = L.norm(label)         # a heading such as (三)不予公开 over its sub-rows
            if self.mode == "3" and any(g in n for g in ("其他处理", *L.T3_GROUPS)):
                self.walker.parent = n
            return
        self.orphans = False
        cells = _cells(items, self.ncols)
        if self.mode == "4":
            if cells is None:
                self.walker.row([None] * 15, ambiguous=True)
            else:
                self.walker.row(cells)
            self.mode = ""            # one data row: the table is over, narrative follows
            return
        if self.mode == "3" and self._row_id(label) == "carried_forward":
            self.mode = ""            # the last row of table 三
        if cells is None:
            if not any(k == VALUE for k, _ in items):
                self.walker.parent = L.norm(label)      # a heading such as (六)其他处理
                return
            # the numbers could sit in the columns several ways: never guess which
            self.walker.row([label] + [None] * self.ncols, ambiguous=True)
        else:
            self.walker.row([label, *cells])

    def read(self, text: str) -> TableReading:
        toks = _tokens(text)
        i = 0
        while i < len(toks):
            kind, tok = toks[i]
            if kind == LABEL and "|" in tok or kind == LABEL and "\t" in tok:
                cells = [c.strip() for c in re.split(r"[|\t]", tok)]
                while cells and cells[-1] == "":
                    cells.pop()
                self.walker.row(cells)
                self.mode = self.walker.mode if self.walker.mode == "legacy" else self.mode
                i += 1
                continue
            if kind != LABEL:
                self.orphans = self.orphans or (kind == VALUE and self.mode in ("2", "3"))
                i += 1
                continue
            n = L.norm(tok)
            if self.mode != "legacy" and len(n) <= MAX_LABEL and legacy.is_header(n, _header_cells(tok)):
                self._legacy_header(tok)
                i += 1
                continue
            if self.mode == "legacy":
                if len(n) > MAX_LABEL:
                    self.mode = ""            # narrative again: the 统计表 is over
                else:
                    j, values = i + 1, []
                    while j < len(toks) and toks[j][0] != LABEL:
                        if toks[j][0] == VALUE:
                            values.append(toks[j][1])
                        j += 1
                    self._legacy_line(tok, values)
                    i = j
                    continue
            if "第二十条第(九)项" in n:
                self.out.hint("2019", 3)
            if len(n) <= MAX_LABEL and self._row_id(tok) is None and self._header_start(n):
                i = self._header(toks, i, n)
                continue
            if self.mode in ("2", "3"):
                m = _LABEL_THEN_DIGITS.match(tok)       # 规章000: no standard label ends in digits
                if m and self._row_id(m.group(1)) is not None:
                    toks[i:i + 1] = [(LABEL, m.group(1)), (VALUE, m.group(2))]
                    continue
            if self.mode == "3" and self._row_id(tok) is not None and self.orphans and not _NUMBERED.match(n):
                # A wrapped PDF label (6.属于四 / 类过程性 / 信息) named by a later fragment, after
                # numbers that no label claimed: the numbers could be this row's or a neighbour's.
                self.walker.row([tok] + [None] * self.ncols, ambiguous=True)
                self.out.reading.warnings.append(f"table 三 row {tok!r}: label wrapped around numbers; unreadable")
                self.orphans = False
                i += 1
                while i < len(toks) and toks[i][0] != LABEL:
                    i += 1
                continue
            if self.mode in ("2", "3") and self._row_id(tok) is not None:
                if self.mode == "3":
                    group = _GROUP_PREFIX.match(n)
                    if group and len(group.group(0)) < len(n):
                        # "(六)其他处理 1.申请人…" on one line: later sub-rows (3.其他) belong to (六).
                        self.walker.parent = group.group(0)
                j, items = i + 1, []
                while j < len(toks) and toks[j][0] != LABEL:
                    items.append(toks[j])
                    j += 1
                # a wrapped label: its second line comes before any number
                while (j < len(toks) and toks[j][0] == LABEL and not any(k == VALUE for k, _ in items)
                       and self._row_id(toks[j][1]) is None and not self._header_start(L.norm(toks[j][1]))
                       and len(L.norm(toks[j][1])) <= MAX_LABEL and "|" not in toks[j][1]
                       and not _NUMBERED.match(L.norm(toks[j][1]))      # a new row, not this one's tail
                       and not _LABEL_THEN_DIGITS.match(toks[j][1])):
                    j += 1
                    while j < len(toks) and toks[j][0] != LABEL:
                        items.append(toks[j])
                        j += 1
                self._emit(tok, items)
                i = j
                continue
            if self.mode == "3" and any(g in n for g in ("其他处理", *L.T3_GROUPS)) and len(n) <= MAX_LABEL:
                self.walker.parent = n
            elif self.mode == "3" and _NUMBERED.match(n) and i + 1 < len(toks) and toks[i + 1][0] == VALUE:
                # A numbered row with numbers that names no row of table 三: say so, never drop silently.
                self.out.reading.warnings.append(f"table 三 row {tok!r} matches no known row; its numbers are not read")
            i += 1
        return self.out.result()

    def _legacy_header(self, line: str) -> None:
        self.legacy_header = _header_cells(line)
        self.mode = "legacy"
        self.walker.in_header = False
        self.walker.row(list(self.legacy_header))

    def _legacy_line(self, label: str, values: list[str]) -> None:
        """One printed line of a legacy 统计表 as a grid row under its header: [序号] label [unit] values.
        Values that do not fill the header's value columns one to one are unreadable, never shifted;
        a known row with no value at all is a blank cell (0)."""
        header = self.legacy_header
        lab, unit_c, _value = self.walker.legacy_cols
        cells: list[str | None] = [""] * len(header)
        if lab > 0:
            label = _SERIAL.sub("", label)            # 序号 printed before the label
        parts = label.split()
        unit = ""
        if unit_c is not None and len(parts) > 1 and parts[-1] in _UNITS:
            unit, label = parts[-1], " ".join(parts[:-1])
        data = [c for c in range(lab + 1, len(header)) if c != unit_c]
        if unit_c is not None and not unit and len(values) == len(data) + 1 and values[0] in _UNITS:
            unit, values = values[0], values[1:]
        cells[lab] = label
        if unit_c is not None:
            cells[unit_c] = unit
        if len(values) == len(data):
            for c, v in zip(data, values):
                cells[c] = v
        elif values:
            for c in data:
                cells[c] = None
        self.walker.row(cells)

    @staticmethod
    def _header_start(n: str) -> bool:
        return (n.startswith("信息内容") or "申请人情况" in n or n.startswith("自然人") or n in ("行政复议", "行政复议行政诉讼")
                or (L.t2_col(n) is not None and L.t2_row(n) is None))

    def _header(self, toks: list[tuple[int, str]], i: int, first: str) -> int:
        """Collect header labels from toks[i]; returns where the data starts."""
        labels_ = [toks[i][1]]
        j = i + 1
        if first == "信息内容" or L.t2_col(first):
            if first != "信息内容":
                labels_.insert(0, "信息内容")
            while j < len(toks) and not (toks[j][0] == LABEL and L.t2_row(L.norm(toks[j][1]))
                                         and not L.t2_col(L.norm(toks[j][1]))) \
                    and toks[j][0] != VALUE:
                if toks[j][0] == LABEL:
                    labels_.append(toks[j][1])
                j += 1
            self._t2_header(labels_[1:])
            return j
        if "申请人情况" in first or first.startswith("自然人"):
            while j < len(toks) and not (toks[j][0] == LABEL and L.norm(toks[j][1]) != "总计"
                                         and L.t3_row([L.norm(toks[j][1])])) \
                    and toks[j][0] != VALUE:
                if toks[j][0] == LABEL:
                    labels_.append(toks[j][1])
                j += 1
            self._t3_header(labels_)
            return j
        while j < len(toks) and toks[j][0] != VALUE:
            if toks[j][0] == LABEL:
                if len(L.norm(toks[j][1])) > MAX_LABEL:
                    return j
                labels_.append(toks[j][1])
            j += 1
        if not self._t4_header(labels_):
            return i + 1
        items = []
        while j < len(toks) and toks[j][0] != LABEL:
            items.append(toks[j])
            j += 1
        self._emit("", items)
        return j


_SERIAL = re.compile(r"^\d{1,3}\s+")
_UNITS = frozenset({"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "%", "项", "——", "—"})


def _header_cells(line: str) -> list[str]:
    """A legacy header line's cells: words split by spaces, a header word spaced out (项 目) joined."""
    parts, out = line.split(), []
    i = 0
    while i < len(parts):
        for j in range(min(len(parts), i + 4), i, -1):
            joined = "".join(parts[i:j])
            if j == i + 1 or legacy.column_role(joined):
                out.append(joined)
                i = j
                break
    return out


def figures_from_text(text: str, source: str = "text") -> TableReading:
    return _TextReader(source).read(text)
