"""Tables drawn without ruling lines, read from word positions (pdfplumber words with x/y).

Without rules a cell is seen only through its text, so what is certain is taken from how Word lays
a cell out: its lines share a left edge (left-aligned) or a centre (centred) and follow each other
at the line step; a cell's text is centred in its cell, so a header word stands over the middle of
its column and a number is printed inside the column under it. Columns are therefore the intervals
between the midpoints of the header centres, and a number that does not lie wholly inside one of
them cannot be placed: its row is unreadable, never shifted. A blank (no word) is 0 (formats.md).

Table 二 (信息内容 | 本年… columns) and table 四 (15 outcome headings, one data line) are read here;
table 三, whose labels nest and wrap over several lines, in govcrawl.documents.wordrows.
"""
from __future__ import annotations

import re

from govcrawl.documents.wordcols import centre, cluster, intervals, is_number, place
from govcrawl.documents.wordrows import table_three
from govcrawl.extract import labels as L
from govcrawl.extract.model import Grid

_LINE_TOL = 1.5           # points: words whose tops differ less are on one line
_PAGE = 100000.0          # pages are stacked: y = page * _PAGE + top
_T4_OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
_T4_GROUP_WORDS = ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "未经复议", "直接起诉")
# page furniture: "3", "- 3 -", "第3页", "第 3 页 共 5 页", "3/5"
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*[/／共]\s*\d{1,3}\s*页?)?[-—–\s]*$")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
_FURNITURE_SHARE = 0.09   # of the page height: the top and bottom bands where running heads and page numbers stand


class Line:
    def __init__(self, words: list[dict]):
        self.words = sorted(words, key=lambda w: w["x0"])
        self.top = min(w["top"] for w in words)
        self.bottom = max(w["bottom"] for w in words)
        self.text = " ".join(w["text"] for w in self.words)


def _without_furniture(words: list[dict], height: float | None) -> list[dict]:
    """A page's words less its page number lines in the top or bottom band: a page number under a
    table would otherwise stand in a value column."""
    if not height:
        return words
    rows: dict[float, list[dict]] = {}
    for w in words:
        rows.setdefault(round(w["top"]), []).append(w)
    out = []
    for ws in rows.values():
        text = " ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"]))
        edge = ws[0]["top"] < height * _FURNITURE_SHARE or ws[0]["bottom"] > height * (1 - _FURNITURE_SHARE)
        if not (edge and _PAGE_NUMBER.match(text)):
            out += ws
    return out


def stacked_words(pages: list[tuple]) -> list[dict]:
    """Words of consecutive pages on one y axis, page furniture left out."""
    out = []
    for number, words, *height in pages:
        for w in _without_furniture(words, height[0] if height else None):
            out.append(dict(w, top=w["top"] + number * _PAGE, bottom=w["bottom"] + number * _PAGE, page=number))
    return out


def lines_of(words: list[dict]) -> list[Line]:
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) < _LINE_TOL:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [Line(r) for r in rows]


def _table_two(lines: list[Line], warnings: list[str]) -> list[Grid]:
    grids: list[Grid] = []
    for i, line in enumerate(lines):
        words = line.words
        if L.norm(words[0]["text"]) != "信息内容" or len(words) < 2 or any(is_number(w["text"]) for w in words):
            continue
        cols = intervals([centre(w) for w in words])
        grid: Grid = [[w["text"] for w in words]]
        rest = lines[i + 1:]
        while rest and (more := _heading_continued(rest[0], grid[0], cols)) is not None:
            grid[0] = [head + piece for head, piece in zip(grid[0], more)]       # 本年新 / 制作数量
            rest = rest[1:]
        for row in rest:
            # a figure is never part of a label, wherever it stands (left-aligned under a wide heading);
            # a label starts in the first column but may run past it where words flow on one line
            # (行政事业性收费 beside a short 信息内容 heading, report generators that set no cells)
            inside = [w for w in row.words if w["x0"] < cols[0][1] and not is_number(w["text"])]
            label = "".join(w["text"] for w in inside)
            if not inside or L.t2_row(L.norm(label)) is None:
                break                      # a heading (第二十条第（五）项), the next header, narrative
            cells = place([w for w in row.words if w not in inside], cols[1:])
            if cells is None:
                warnings.append(f"table 二: row {label!r} cannot be tied to its columns with certainty; unreadable")
                cells = [None] * (len(cols) - 1)
            grid.append([label, *cells])
        if len(grid) > 1:
            grids.append(grid)
    return grids


def _heading_continued(line: Line, heads: list[str], cols: list[tuple[float, float]]) -> list[str] | None:
    """A heading wrapped onto a second line (本年新 over 制作数量): per column the piece it adds ('' where
    none), or None when the line is no such thing. The pieces stand each under a value column of its
    own, or (text set as one flow of words, no cells) there are as many as headings left unfinished and
    they finish them in order; either way every heading must then be one table 二 knows."""
    words = line.words
    if any(is_number(w["text"]) for w in words) or L.t2_row(L.norm(line.text)) is not None:
        return None
    pieces: list[str] | None = [""] * len(cols)
    for w in words:
        js = [j for j, (a, b) in enumerate(cols) if a <= centre(w) < b]
        if js in ([], [0]) or pieces[js[0]]:
            pieces = None
            break
        pieces[js[0]] = w["text"]
    if pieces is None:
        unfinished = [j for j, h in enumerate(heads) if j and L.t2_col(L.norm(h)) is None]
        if len(unfinished) != len(words):
            return None
        pieces = [""] * len(cols)
        for j, w in zip(unfinished, words):
            pieces[j] = w["text"]
    if any(L.t2_col(L.norm(h + p)) is None for h, p in zip(heads[1:], pieces[1:])):
        return None
    return pieces


def _table_four(lines: list[Line], warnings: list[str]) -> list[Grid]:
    for k, line in enumerate(lines):
        heads = {L.norm(w["text"]) for w in line.words}
        if "行政复议" not in heads or "行政诉讼" not in heads:
            continue                       # the headings' own line, not the section title naming both
        band, data = [], None
        for below in lines[k + 1:k + 12]:
            if any(is_number(w["text"]) for w in below.words):
                data = below
                break
            if any(len(w["text"]) > 8 or _SECTION.match(w["text"]) for w in below.words):
                break                      # narrative or 五、: the table ends with its headings, the data line all blank
            band += below.words
        outcome_words = [w for w in band if not any(g in L.norm(w["text"]) for g in _T4_GROUP_WORDS)]
        groups = cluster(outcome_words)
        names = [L.t4_outcome(L.norm("".join(w["text"] for w in g))) for g in groups]
        want = [L.t4_outcome(o) for o in _T4_OUTCOMES] * 3
        order = [min((centre(w) for w in band if g in L.norm(w["text"])), default=None)
                 for g in ("未经复议", "复议后起诉")]
        if names != want or None in order or order != sorted(order):
            warnings.append("table 四: its 15 outcome headings are not where they can be told apart; not read")
            return []
        cols = intervals([sum(centre(w) for w in g) / len(g) for g in groups])
        cells = place(data.words, cols) if data else [""] * 15
        if cells is None:
            warnings.append(f"table 四: numbers {data.text!r} cannot be tied to their columns with certainty; unreadable")
            cells = [None] * 15
        heads = ["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
        return [[heads, list(_T4_OUTCOMES) * 3, cells]]
    return []


def grids_from_words(pages: list[tuple], warnings: list[str]) -> list[Grid]:
    """Grids of tables 二, 三 and 四 from the words of consecutive pages without ruling lines;
    pages: (number, words, height)."""
    words = stacked_words(pages)
    lines = lines_of(words)
    return _table_two(lines, warnings) + table_three(words, warnings) + _table_four(lines, warnings)
