"""Table 三 without ruling lines, from word positions (see wordgrid for what is certain there).

Columns: the seven headings 自然人 … 总计, each centred over its column (wrapped headings too), give
seven centres and so seven intervals. Labels: the words left of the value columns are joined into
cells, a line continuing the cell above when it keeps its left edge or its centre, stands one line
step below (or at the head of the next page) and carries no numbering of its own. The numbering
says the level: 一、 (level 0), （一） (level 1), 1. (level 2). Level-2 cells run in groups that
count from 1; the level-1 cell standing inside a group's height is its parent, and the others are
rows of their own ((一)予以公开, (七)总计), as are the level-0 cells that name a row.
A row's numbers are printed on the line at the middle of its label cell (or at its top, for cells
set top-aligned): a number line that matches one row's label is that row's; a line that matches
none or two is refused, and so are the rows beside it. A row with no number line is all blank: 0.
"""
from __future__ import annotations

import re

from govcrawl.documents.wordcols import centre, cluster, intervals, is_number, place, starts
from govcrawl.extract import labels as L
from govcrawl.extract.model import Grid

_NAMES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
_KEYS = ("自然人", "商业", "科研", "公益", "法律服务", "其他", "总计")
_GROUP_HEADS = ("申请人情况", "法人或其他组织", "法人或者其他组织")
_LEVELS = (re.compile(r"^[一二三四五六七八九十]+[、.．]"), re.compile(r"^[（(][一二三四五六七八九十]+[)）]"),
           re.compile(r"^(\d{1,2})[.．、]"))
_OTHER_SECTION = re.compile(r"^[五六七八九十]+、")    # 五、存在的主要问题…: the table has ended
_OWN_SECTIONS = ("本年新收", "上年结转", "办理结果", "结转下年")   # table 三's own 一、 to 四、 rows


def _ends_table(text: str) -> bool:
    """A 五、… heading, or a long 一、 to 四、 line naming none of table 三's rows (四、政府信息公开
    行政复议、行政诉讼情况 set within the label column): the table has ended."""
    if _OTHER_SECTION.match(text):
        return True
    return _level(text) == 0 and len(text) >= 8 and not any(k in L.norm(text) for k in _OWN_SECTIONS)
_NUMERAL = re.compile(r"^[一二三四五六七八九十（(\d]")
_TIE = 1.5                # points: a number line and its label's middle (or top) differ less


def _level(text: str) -> int | None:
    return next((i for i, p in enumerate(_LEVELS) if p.match(text)), None)


class Cell:
    def __init__(self, w: dict):
        self.words = [w]

    text = property(lambda self: "".join(w["text"] for w in self.words))
    level = property(lambda self: _level(self.text))     # of the joined text: 三 / 、 / 本… is 三、本…
    top = property(lambda self: self.words[0]["top"])
    bottom = property(lambda self: self.words[-1]["bottom"])
    middle = property(lambda self: (self.top + self.bottom) / 2)


def _columns(words: list[dict]) -> tuple[list[tuple[float, float]], float, float] | None:
    """(intervals of the 7 value columns, x where the labels end, y where the body starts)."""
    for person in (w for w in words if L.norm(w["text"]) in ("自然人", "自然")):     # 自然 / 人 in a narrow column
        step = person["bottom"] - person["top"]
        left = person["x0"] - 2
        firsts = [w["top"] for w in words if w["top"] > person["top"] and w["x0"] >= left and is_number(w["text"])]
        firsts += [w["top"] for w in words if w["top"] > person["top"] and w["x1"] < left and _level(w["text"]) == 0]
        body = min(firsts, default=person["top"] + 12 * step)
        # the header starts below the last line across the table's columns (its heading, narrative)
        across = [w["top"] for w in words if w["top"] < person["top"] and w["x0"] < left - 2 and w["x1"] > left + 2]
        start = max(across + [person["top"] - 8 * step])
        head = [w for w in words if start < w["top"] < body and w["x0"] >= left
                and not is_number(w["text"]) and L.norm(w["text"]) not in _GROUP_HEADS]
        for key, bounds in ((centre, intervals), (lambda w: w["x0"], starts)):   # centred, left-aligned
            groups = cluster(head, key=key)
            texts = [L.norm("".join(w["text"] for w in g)) for g in groups]
            if len(groups) == 7 and all(k in t for k, t in zip(_KEYS, texts)) and "其他" not in texts[4]:
                # labels end before the first heading's left edge (a column's own edge is not seen)
                return bounds([sum(key(w) for w in g) / len(g) for g in groups]), min(w["x0"] for w in groups[0]) - 2, body
    return None


def _body(words: list[dict], left: float, body: float) -> tuple[list[dict], list[dict]]:
    """(label words, number words) of the body, up to the first line that is no part of it."""
    labels, numbers = [], []
    rows: dict[float, list[dict]] = {}
    for w in words:
        if w["top"] >= body - 1:
            rows.setdefault(round(w["top"], 1), []).append(w)
    for _top, ws in sorted(rows.items()):
        texts = [w for w in ws if not is_number(w["text"])]
        if any(w["x0"] < left - 2 and w["x1"] > left + 2 for w in texts) \
                or any(w["x0"] >= left - 2 for w in texts) or any(_ends_table(w["text"]) for w in texts):
            break                          # narrative across the table, the next table's headings, 五、
        # a figure is never part of a label, wherever it stands: one left of its heading is placed
        # (or refused) with the other numbers, never lost among the labels
        labels += texts
        numbers += [w for w in ws if is_number(w["text"])]
    return labels, numbers


def _cells(words: list[dict]) -> list[Cell]:
    deltas: dict[float, int] = {}
    for a in words:
        for b in words:
            d = round(b["top"] - a["top"], 1)
            if 0 < d < 3 * (a["bottom"] - a["top"]) and a["page"] == b["page"] and (
                    abs(a["x0"] - b["x0"]) < 1 or abs(centre(a) - centre(b)) < 1):
                deltas[d] = deltas.get(d, 0) + 1
    steps = sorted(d for d, n in deltas.items() if n >= 2)
    step = steps[0] if steps else None            # the line step inside a cell: its wrapped lines
    def aligned(a: dict, b: dict) -> bool:
        return abs(a["x0"] - b["x0"]) < 1.5 or abs(centre(a) - centre(b)) < 1.5

    def last(w: dict) -> bool:
        """w is the last line of its column on its page."""
        return not any(x["page"] == w["page"] and aligned(x, w) and x["top"] > w["top"] for x in words)

    cells: list[Cell] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        host = None
        if _level(w["text"]) is None and step is not None:
            for c in cells:
                prev = c.words[-1]
                if aligned(prev, w) and prev["page"] == w["page"] and abs(w["top"] - prev["top"] - step) < 1:
                    host = c
        if host:
            host.words.append(w)
        else:
            cells.append(Cell(w))
    # Over a page break: a cell on a page's first label line whose text has no numbering once its
    # own lines are joined (果 continues 三、本年度办理结; 三 / 、 / 本… is a cell of its own) continues
    # the aligned cell that ends its column on the page before.
    heads: dict[int, float] = {}                  # each page's first label line: where a cut cell carries on
    for w in words:
        heads[w["page"]] = min(heads.get(w["page"], w["top"]), w["top"])
    out: list[Cell] = []
    for c in sorted(cells, key=lambda c: c.top):
        first, host = c.words[0], None
        if c.level is None and not _NUMERAL.match(c.text):     # 三 then 、本… lower down: a label's start
            for h in out:
                prev = h.words[-1]
                if (prev["page"] + 1 == first["page"] and aligned(prev, first) and last(prev)
                        and first["top"] - heads[first["page"]] < (step or 0) + 2):
                    host = h
        if host:
            host.words += c.words
        else:
            out.append(c)
    return out


def _rows(cells: list[Cell]) -> list[tuple[list[str], Cell]]:
    """(labels outer -> inner, the row's own cell) in reading order."""
    cells = sorted(cells, key=lambda c: c.middle)
    groups: list[list[Cell]] = []
    for c in (c for c in cells if c.level == 2):
        n = int(_LEVELS[2].match(c.text).group(1))
        if groups and n > int(_LEVELS[2].match(groups[-1][-1].text).group(1)):
            groups[-1].append(c)
        else:
            groups.append([c])
    parents: dict[int, Cell | None] = {}
    owned: set[int] = set()
    for c in (c for c in cells if c.level == 1):
        inside = [i for i, g in enumerate(groups) if g[0].top - 1 <= c.middle <= g[-1].bottom + 1]
        for i in inside:
            parents[i] = c if i not in parents else None        # two parents: neither is certain
            owned.add(id(c))
    outer = [c for c in cells if c.level == 0 and L.t3_row([L.norm(c.text)]) is None]
    top = outer[0].text if len(outer) == 1 else ""
    rows = []
    for c in cells:
        if c.level == 0 and c not in outer:
            rows.append(([c.text, "", ""], c))
        elif c.level == 1 and id(c) not in owned:
            rows.append(([top, c.text, ""], c))
    for i, g in enumerate(groups):
        parent = parents.get(i)
        rows += [([top, parent.text if parent else "", c.text], c) for c in g]
    return sorted(rows, key=lambda r: r[1].middle)


def table_three(words: list[dict], warnings: list[str]) -> list[Grid]:
    found = _columns(words)
    if not found:
        return []
    cols, left, body = found
    label_words, number_words = _body(words, left, body)
    rows = _rows(_cells(label_words))
    if not rows:
        return []
    lines: list[list[dict]] = []
    for w in sorted(number_words, key=lambda w: w["top"]):
        if lines and abs(lines[-1][0]["top"] - w["top"]) < 1:
            lines[-1].append(w)
        else:
            lines.append([w])
    tied: dict[int, list[list[dict]]] = {}
    loose: list[float] = []            # middles of number lines tied to no row, or to two
    for ln in lines:
        top, middle = ln[0]["top"], (ln[0]["top"] + ln[0]["bottom"]) / 2
        hits = [i for i, (_labels, c) in enumerate(rows) if abs(c.middle - middle) < _TIE or abs(c.top - top) < _TIE]
        if len(hits) == 1:
            tied.setdefault(hits[0], []).append(ln)
        else:
            loose.append(middle)
            warnings.append(f"table 三: numbers {' '.join(w['text'] for w in ln)!r} lie beside "
                            f"{'no' if not hits else 'more than one'} label; not read")
    grid: Grid = [["申请人情况"] * 3 + list(_NAMES)]
    for i, (labels, cell) in enumerate(rows):
        # a row's numbers stand within its label's height, so a line refused between this label's
        # top and the next one's could be this row's: then neither its ties nor its blanks are certain
        below = rows[i + 1][1].top if i + 1 < len(rows) else float("inf")
        if any(cell.top - 1 <= y < below for y in loose) or len(tied.get(i, [])) > 1:
            values = None
        elif i in tied:
            values = place(tied[i][0], cols)
        else:
            values = [""] * 7                      # no number beside the label: every cell blank, 0
        if values is None:
            warnings.append(f"table 三: row {''.join(dict.fromkeys(labels))!r} cannot be tied to its numbers "
                            f"with certainty; unreadable")
            values = [None] * 7
        grid.append(labels + values)
    return [grid]
