"""Spreadsheets: XLSX through openpyxl, XLS through xlrd; merged ranges repeated in every cell."""
from __future__ import annotations

import io

from govcrawl.documents.content import DocumentContent
from govcrawl.documents.grids import clean_cell, drop_empty
from govcrawl.documents.limits import Limits, UnreadableDocument, check_pages
from govcrawl.extract.model import Grid

_MAX_ROWS, _MAX_COLS = 5000, 200   # a report table is small; a huge sheet is not a report table


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return clean_cell(str(value)) or ""


def _fill(grid: Grid, ranges: list[tuple[int, int, int, int]]) -> Grid:
    """ranges: (first_row, last_row_exclusive, first_col, last_col_exclusive), zero-based."""
    for r0, r1, c0, c1 in ranges:
        if r0 >= len(grid) or c0 >= len(grid[0]):
            continue
        text = grid[r0][c0]
        for r in range(r0, min(r1, len(grid))):
            for c in range(c0, min(c1, len(grid[0]))):
                grid[r][c] = text
    return grid


def _blocks(sheet: Grid) -> list[Grid]:
    """A sheet often holds tables 二, 三 and 四 one under the other: blank rows separate them, and
    each keeps only its own columns."""
    blocks, current = [], []
    for row in sheet + [[]]:
        if any(c for c in row):
            current.append(row)
        elif current:
            blocks.append(current)
            current = []
    return [g for g in (drop_empty(b) for b in blocks) if g]


def _finish(kind: str, sheets: list[Grid], limits: Limits) -> DocumentContent:
    check_pages(len(sheets), limits)
    content = DocumentContent(kind=kind, pages=len(sheets))
    content.grids = [block for sheet in sheets for block in _blocks(sheet)]
    content.text = "\n".join("\t".join(c or "" for c in row) for g in content.grids for row in g)
    return content


def read_xlsx(data: bytes, limits: Limits) -> DocumentContent:
    import openpyxl
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:
        raise UnreadableDocument(f"corrupt: XLSX cannot be opened ({type(exc).__name__}: {exc})") from None
    sheets = []
    for ws in book.worksheets:
        rows, cols = min(ws.max_row, _MAX_ROWS), min(ws.max_column, _MAX_COLS)
        grid = [[_cell_text(ws.cell(r, c).value) for c in range(1, cols + 1)] for r in range(1, rows + 1)]
        ranges = [(m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in ws.merged_cells.ranges]
        sheets.append(_fill(grid, ranges))
    return _finish("xlsx", sheets, limits)


def read_xls(data: bytes, limits: Limits) -> DocumentContent:
    import xlrd
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as exc:
        raise UnreadableDocument(f"corrupt: XLS cannot be opened ({type(exc).__name__}: {exc})") from None
    sheets = []
    for index in range(book.nsheets):
        sh = book.sheet_by_index(index)
        rows, cols = min(sh.nrows, _MAX_ROWS), min(sh.ncols, _MAX_COLS)
        grid = [[_cell_text(sh.cell_value(r, c)) for c in range(cols)] for r in range(rows)]
        sheets.append(_fill(grid, list(sh.merged_cells)))
    return _finish("xls", sheets, limits)
