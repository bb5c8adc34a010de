"""HTML <table> -> Grid: rowspan/colspan expanded, merged text repeated in every slot it covers."""
from __future__ import annotations

import lxml.html
from lxml import etree

from .model import Grid

MAX_COLSPAN = 64          # real tables are < 20 columns wide; a colspan of 10000 is a typo
MAX_COLUMNS = 256
_BLOCK = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP = frozenset({"script", "style", "table"})     # nested tables are grids of their own


def _span(value: str | None) -> int:
    """HTML span attribute -> int >= 1 (garbage, 0 and negatives count as 1)."""
    if not value:
        return 1
    digits = ""
    for ch in value.strip():
        if not ch.isdigit():
            break
        digits += ch
    return max(int(digits), 1) if digits else 1


def _text(el, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "br":
        out.append("\n")
    elif tag not in _SKIP:
        if tag in _BLOCK:
            out.append("\n")
        if el.text:
            out.append(el.text.replace("\n", " "))    # source line breaks are only whitespace
        for child in el:
            _text(child, out)
            if child.tail:
                out.append(child.tail.replace("\n", " "))
        if tag in _BLOCK:
            out.append("\n")


def cell_text(cell) -> str:
    """Printed text of one cell: line breaks kept (one per <br>/block), each line trimmed."""
    out: list[str] = []
    if cell.text:
        out.append(cell.text.replace("\n", " "))
    for child in cell:
        _text(child, out)
        if child.tail:
            out.append(child.tail.replace("\n", " "))
    lines = [" ".join(line.split()) for line in "".join(out).split("\n")]
    return "\n".join(line for line in lines if line)


_ROWS = etree.XPath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")      # compiled once, document order
_CELL_TAGS = frozenset({"td", "th"})
MISSING = None   # a slot no cell covers (a short row): unreadable, never a blank that reads as 0


class Spanned(str):
    """The text of a merged cell repeated in a slot it covers beyond its first (colspan to the
    right, rowspan below). Equal to the text; the mapping uses the type to refuse a number that
    one cell prints across columns or rows of different meanings."""
    __slots__ = ()


def _rows(table) -> list:
    return _ROWS(table)


def html_table_to_grid(table: lxml.html.HtmlElement) -> Grid:
    rows = _rows(table)
    nrows = len(rows)
    grid: list[list[str | None]] = []
    pending: dict[int, tuple[int, str]] = {}     # column -> (rows still covered, text)

    def fill_pending(line: list, col: int) -> int:
        while col in pending:
            left, text = pending[col]
            line.append(Spanned(text))
            if left <= 1:
                del pending[col]
            else:
                pending[col] = (left - 1, text)
            col += 1
        return col

    for r, tr in enumerate(rows):
        line: list[str | None] = []
        col = 0
        covered = set(pending)
        for td in tr:
            if td.tag not in _CELL_TAGS:
                continue
            if pending:
                col = fill_pending(line, col)
            text = cell_text(td)
            colspan = td.get("colspan")
            colspan = min(_span(colspan) if colspan else 1, MAX_COLSPAN, MAX_COLUMNS - col)
            # rowspan=0 and rowspans past the table's end stop at the last row (as browsers do)
            rowspan = td.get("rowspan")
            if rowspan is None:
                rowspan = 1
            else:
                rowspan = nrows - r if rowspan.strip() == "0" else min(_span(rowspan), nrows - r)
            for i in range(max(colspan, 0)):
                line.append(text if i == 0 else Spanned(text))
                if rowspan > 1:
                    pending[col] = (rowspan - 1, text)
                col += 1
        if pending:
            col = fill_pending(line, col)
            # a rowspan reaching past columns this row never reached
            for c in sorted(k for k in pending if k >= col):
                while col < c:
                    line.append(MISSING)
                    col += 1
                col = fill_pending(line, col)
        # slots a malformed cell overlapped still count as covered for this row
        for c in covered & set(pending):
            if c < col and pending[c][0] and len(line) > c and line[c] != pending[c][1]:
                left, text = pending[c]
                if left <= 1:
                    del pending[c]
                else:
                    pending[c] = (left - 1, text)
        grid.append(line)
    width = max((len(line) for line in grid), default=0)
    # A last row of blank cells across the whole table is kept: under table 四's headings it is the data
    # row of a report whose every figure is 0 and left blank (Word exports); the walker reads nothing else
    # into a blank row.
    blank_last = grid[-1] if grid and width > 1 and len(grid[-1]) == width and not any(grid[-1]) else None
    for line in grid:
        if len(line) < width:
            line.extend([MISSING] * (width - len(line)))
    return [line for line in grid if any(line)] + ([blank_last] if blank_last is not None else [])


def grids_from_html(root, div_tables: bool = False) -> list[Grid]:
    """Every table of the document in document order; an outer (layout) table keeps only its own
    cells' text, each nested table becomes a grid of its own right after it. div_tables: also
    tables drawn with <div> rows and cells (see div_grid), in their place among the others."""
    if isinstance(root, (bytes, str)):
        root = lxml.html.fromstring(root)
    grids = []
    inside: set = set()         # elements of a div table already read
    for el in root.iter("table", *(_DIV_CONTAINERS if div_tables else ())):
        if el.tag == "table":
            grid = html_table_to_grid(el)
        elif el in inside:
            continue
        else:
            grid = div_grid(el)
            if grid:
                inside.update(el.iter())
        if grid:
            grids.append(grid)
    return grids


# ---- tables drawn with <div>s (display:table / CSS grid templates) ---------------------------------
_DIV_CONTAINERS = ("div", "ul", "dl", "section")
_DIV_ROWS = frozenset({"div", "ul", "li", "dl"})
_DIV_CELLS = frozenset({"div", "li", "dd", "dt"})
_NOT_IN_CELL = ("div", "li", "ul", "dl", "table")


def _div_cells(row) -> list | None:
    """The cells of a <div> row, or None when the row is no table row (a cell holding blocks of
    its own, or text between the cells)."""
    if row.tag not in _DIV_ROWS or (row.text and row.text.strip()):
        return None
    cells = []
    for cell in row:
        if not isinstance(cell.tag, str):
            continue
        if cell.tag not in _DIV_CELLS or (cell.tail and cell.tail.strip()):
            return None
        if next(cell.iterdescendants(*_NOT_IN_CELL), None) is not None:    # a block inside: a layout box
            return None
        cells.append(cell)
    return cells


def div_grid(box) -> Grid | None:
    """A <div> whose children are rows of leaf cells, the same count in most rows: a table drawn
    without <table>. There are no spans, so a row with fewer cells than the widest row has None
    (unreadable) where its cells are missing: which one is missing cannot be told."""
    rows = [r for r in box if isinstance(r.tag, str)]
    if len(rows) < 3 or (box.text and box.text.strip()):
        return None
    table: list[list] = []
    for row in rows:
        cells = _div_cells(row)
        if cells is None or len(cells) < 2:
            return None
        table.append(cells)
    width = max(len(cells) for cells in table)
    if width < 3 or sum(len(cells) == width for cells in table) * 2 < len(table):
        return None
    grid = [[cell_text(c) for c in cells] + [MISSING] * (width - len(cells)) for cells in table]
    # a table has figures: at least one cell that is a plain number
    if not any(c and c.replace(".", "", 1).isdigit() for line in grid for c in line):
        return None
    return [line for line in grid if any(line)]
