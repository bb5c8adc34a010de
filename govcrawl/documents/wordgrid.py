"""Tables drawn without ruling lines, read from word positions (pdfplumber words with x/y).

Table 三: the value columns are where the header words 自然人 … 总计 start (numbers are printed
under them); rows are the lines that carry numbers. Labels sit in up to three nested label columns
(三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密), each wrapped over several lines. In a label
column a new label starts with its numbering (一、 （三） 1.); lines without numbering continue the
label above, also over a page break. A row's own label is the deepest label whose vertical extent
covers the row's number line; outer labels are the last ones started above it (merged cells).
A number line that no label covers, or a label that covers two number lines, cannot be tied to one
row with certainty: the row is refused, never guessed.

Table 二 (信息内容 | 本年… columns, one line per row) and table 四 (a line of 15 numbers under the
行政复议 / 行政诉讼 headings) are read line by line.
"""
from __future__ import annotations

import re

from govcrawl.extract import labels as L
from govcrawl.extract.model import Grid

_ENUMERATED = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])")
_LINE_TOL = 3.0           # points: words whose tops differ less are on one line
_T3_NAMES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
_T3_ORDER = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")
_T4_OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
_PAGE = 100000.0          # pages are stacked: y = page * _PAGE + top


class Line:
    def __init__(self, words: list[dict]):
        self.words = sorted(words, key=lambda w: w["x0"])
        self.top = min(w["top"] for w in words)
        self.bottom = max(w["bottom"] for w in words)
        self.text = " ".join(w["text"] for w in self.words)


def _lines(pages: list[tuple[int, list[dict]]]) -> list[Line]:
    out: list[Line] = []
    for number, words in pages:
        rows: list[list[dict]] = []
        for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
            w = dict(w, top=w["top"] + number * _PAGE, bottom=w["bottom"] + number * _PAGE)
            if rows and abs(rows[-1][0]["top"] - w["top"]) < _LINE_TOL:
                rows[-1].append(w)
            else:
                rows.append([w])
        out += [Line(r) for r in rows]
    return out


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[+\-]?[\d,]+(?:\.\d+)?(?:万元)?|[-—–/]+|无", text))


def _values(words: list[dict], columns: list[float]) -> list[str | None] | None:
    """Each word under the column it starts at; None where a column has no word; the whole row None
    when a word starts under no column or two words under one."""
    gap = min(b - a for a, b in zip(columns, columns[1:])) if len(columns) > 1 else 40.0
    cells: list[str | None] = [None] * len(columns)
    for w in words:
        j = min(range(len(columns)), key=lambda j: abs(columns[j] - w["x0"]))
        if abs(columns[j] - w["x0"]) > gap / 3 or cells[j] is not None:
            # Not under the headings (text set after the label, not in columns): one separate
            # word per column, in order, is still certain; anything else is not.
            return [w["text"] for w in words] if len(words) == len(columns) else None
        cells[j] = w["text"]
    return cells


def _table_two(lines: list[Line]) -> list[Grid]:
    grids: list[Grid] = []
    i = 0
    while i < len(lines):
        words = lines[i].words
        if words[0]["text"] != "信息内容" or len(words) < 2 or any(_is_number(w["text"]) for w in words):
            i += 1
            continue
        columns = [w["x0"] for w in words[1:]]
        grid: Grid = [[w["text"] for w in words]]
        i += 1
        while i < len(lines):
            ws = lines[i].words
            if (len(ws) < 2 or _is_number(ws[0]["text"]) or abs(ws[0]["x0"] - words[0]["x0"]) > 3
                    or not all(_is_number(w["text"]) for w in ws[1:])):
                break
            cells = _values(ws[1:], columns)
            grid.append([ws[0]["text"], *(cells or [None] * len(columns))])
            i += 1
        if len(grid) > 1:
            grids.append(grid)
    return grids


def _table_four(lines: list[Line]) -> list[Grid]:
    for k, line in enumerate(lines):
        if len(line.words) == 15 and all(_is_number(w["text"]) for w in line.words):
            above = L.norm("".join(x.text for x in lines[max(0, k - 8):k]))
            if "行政复议" in above and "复议后起诉" in above and ("直接起诉" in above or "未经复议" in above):
                heads = ["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
                return [[heads, list(_T4_OUTCOMES) * 3, [w["text"] for w in line.words]]]
    return []


def _t3_columns(lines: list[Line]) -> tuple[int, list[float]] | None:
    """(index of the header's first line, x of the 7 value columns) of table 三."""
    for k, line in enumerate(lines):
        person = [w for w in line.words if L.norm(w["text"]) == "自然人"]
        if not person:
            continue
        x_person = person[0]["x0"]
        found: dict[str, float] = {}
        for h in lines[k:k + 4]:
            for w in h.words:
                n = L.norm(w["text"])
                col = "other_org" if n == "其他" else L.t3_col(n)
                if w["x0"] >= x_person - 1 and col in _T3_ORDER and col not in found:
                    found[col] = w["x0"]
        xs = [found.get(c) for c in _T3_ORDER]
        if None not in xs and xs == sorted(xs):
            return k, xs
    return None


class _Block:
    def __init__(self, column: int, line: Line, text: str):
        self.column, self.top, self.bottom, self.text = column, line.top, line.bottom, text


def _table_three(lines: list[Line], warnings: list[str]) -> list[Grid]:
    found = _t3_columns(lines)
    if not found:
        return []
    k, xs = found
    value_x = xs[0] - 2
    body: list[Line] = []
    for line in lines[k + 1:]:
        if any(w["x1"] > value_x and not _is_number(w["text"]) and w["x0"] < value_x for w in line.words):
            break                                   # a heading or narrative across the table: its end
        if not body and not any(w["x0"] >= value_x for w in line.words):
            continue                                # header remains (组织, 机构, the note beside 申请人情况)
        if not body and not all(_is_number(w["text"]) for w in line.words if w["x0"] >= value_x):
            continue
        body.append(line)
    if not body:
        return []
    # label columns: where numbered labels start
    starts: list[float] = []
    for x in sorted(w["x0"] for ln in body for w in ln.words if w["x0"] < value_x and _ENUMERATED.match(w["text"])):
        if not starts or x - starts[-1] > 6:
            starts.append(x)
    starts = starts or [min(w["x0"] for ln in body for w in ln.words)]

    def column(x: float) -> int:
        return max([j for j, s in enumerate(starts) if s <= x + 3] or [0])

    blocks: list[_Block] = []
    open_: dict[int, _Block] = {}
    rows: list[tuple[Line, list[dict]]] = []
    for line in body:
        by_col: dict[int, list[dict]] = {}
        for w in line.words:
            if w["x0"] < value_x:
                by_col.setdefault(column(w["x0"]), []).append(w)
        for j, ws in sorted(by_col.items()):
            text = "".join(w["text"] for w in ws)
            if _ENUMERATED.match(text) or j not in open_:
                open_[j] = _Block(j, line, text)
                blocks.append(open_[j])
            else:
                b = open_[j]
                b.text, b.bottom = b.text + text, line.bottom
        numbers = [w for w in line.words if w["x0"] >= value_x]
        if numbers:
            rows.append((line, numbers))

    def covers(b: _Block, line: Line) -> bool:
        return b.top <= line.bottom + 1 and b.bottom >= line.top - 1

    grid: Grid = [["申请人情况"] * len(starts) + list(_T3_NAMES)]
    for line, numbers in rows:
        own = [b for b in blocks if covers(b, line)]
        if not own:
            warnings.append(f"table 三: numbers {line.text!r} have no label beside them; not read")
            continue
        leaf_col = max(b.column for b in own)
        leaves = [b for b in own if b.column == leaf_col]
        if len(leaves) > 1 or sum(1 for other, _ in rows if covers(leaves[0], other)) > 1:
            warnings.append(f"table 三: numbers {line.text!r} lie beside a label shared with another row; not read")
            continue
        labels = []
        for j in range(len(starts)):
            if j < leaf_col:
                above = [b for b in blocks if b.column == j and b.top <= line.bottom + 1]
                labels.append(above[-1].text if above else "")
            else:
                labels.append(leaves[0].text if j == leaf_col else "")
        cells = _values(numbers, xs)
        if cells is None:
            warnings.append(f"table 三: row {''.join(labels)!r} cannot be tied to its numbers with certainty; unreadable")
            cells = [None] * len(xs)
        grid.append(labels + cells)
    return [grid] if len(grid) > 1 else []


def grids_from_words(pages: list[tuple[int, list[dict]]], warnings: list[str]) -> list[Grid]:
    """Grids of tables 二, 三 and 四 from the words of consecutive pages without ruling lines."""
    lines = _lines(pages)
    return _table_two(lines) + _table_three(lines, warnings) + _table_four(lines)
