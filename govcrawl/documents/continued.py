"""Tables that run over a page break (or, in a scan, over a stitched image): the continuation joined
to the part before it. Shared by the text-PDF reader and the OCR reader. A grid that can be relaid
on other column rules offers `on_columns(xs)` (pdf.Ruled)."""
from __future__ import annotations

import re

from govcrawl.documents.grids import drop_empty
from govcrawl.extract import labels as L
from govcrawl.extract.model import Grid

_ENUMERATED = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]")
_NUMBER = re.compile(r"^[\d.,+\-]*$")


def _continue_cells(head: Grid, tail: Grid) -> None:
    """A merged label cell cut by the page break: its part on the next page is blank or a word
    fragment (`（四）无` | `法提供`). Give both parts the whole label, in place."""
    last, first = head[-1], tail[0]
    if len(set(last)) == 1:            # a title row across the table (第二十条第（六）项) is complete
        return
    if all(last) and not any(ch.isdigit() for c in last for ch in c):
        return                         # a header row above the break: blanks below it are zeros, not its text
    for j, (before, after) in enumerate(zip(last, first)):
        if not before or after is None or _NUMBER.match(after or "x") or _NUMBER.match(before):
            continue
        if after == "":
            whole = before
        elif after != before and not _ENUMERATED.match(after) and len(after) <= 6 and not _names_a_row(after):
            whole = before + after
        else:
            continue
        for grid, rows, text in ((head, reversed(range(len(head))), before), (tail, range(len(tail)), after)):
            for i in rows:
                if grid[i][j] != text:
                    break
                grid[i][j] = whole


def _names_a_row(label: str) -> bool:
    """A label that names a row by itself (行政强制 below 行政处罚) is that row's, not the rest of one cut above."""
    n = L.norm(label)
    return L.t2_row(n) is not None or L.t3_row([n]) is not None


def _starts_with_data(grid: Grid) -> bool:
    return any(c and _NUMBER.match(c) and any(ch.isdigit() for ch in c) for c in grid[0])


def _another_table(head: Grid, tail: Grid) -> bool:
    """A part with figures above the break and a part below whose first row has words in its last
    column (a header: table 三's 申请人情况 below table 二) are two tables, even where the rules of
    the one happen to fall on the other's. A heading alone above the break has no figures."""
    last = tail[0][-1]
    has_figures = any(c and any(ch.isdigit() for ch in c) and _NUMBER.match(c) for row in head for c in row)
    return has_figures and bool(last) and not _NUMBER.match(last)


def _widen_label(grid: Grid, width: int) -> Grid:
    """Continuation rows whose label spans all label columns (四、结转下年度继续办理 alone on a
    page) have fewer columns: values stay right-aligned, the label is repeated over the rest."""
    if any(not row[0] or _NUMBER.match(row[0]) for row in grid):
        return grid                    # a blank or a number first: a data row short of a rule, not a label
    return [[row[0]] * (width - len(row) + 1) + list(row[1:]) for row in grid]


def join_continued(tables: list[tuple[int, float, float, float, Grid]], within_page: bool = False,
                   keep_rows: bool = False) -> list[Grid]:
    """Join a table that runs over a page break with its continuation. within_page: an image
    stitched from several pages holds both parts; a part that starts with data rows continues.
    keep_rows: rows blank everywhere are zeros, not artefacts (grids.drop_empty)."""
    grids: list[Grid] = []
    rules: list[list[float] | None] = []          # column rules of each joined grid (PDF only)
    whole: list[Grid | None] = []                 # each grid as read, while nothing is joined to it
    previous = None
    for number, top, bottom, height, grid in tables:
        over_break = (previous is not None and number == previous[0] + 1 and previous[2] > height * 0.7
                      and top < height * 0.3)
        stitched = within_page and previous is not None and number == previous[0] and _starts_with_data(grid)
        xs = getattr(grid, "xs", None)
        if over_break and len(grid[0]) != len(grids[-1][0]) and hasattr(grid, "on_columns") and rules[-1]:
            relaid = grid.on_columns(rules[-1])    # a lone row whose label spans the label columns
            if relaid:
                grid, xs = relaid, rules[-1]
            elif (hasattr(whole[-1], "on_columns") and xs and not _another_table(whole[-1], grid)
                  and (head := whole[-1].on_columns(xs))):
                grids[-1], rules[-1] = [list(r) for r in head], xs   # a heading row alone above the break
        if ((over_break and _starts_with_data(grid)) or stitched) and 1 < len(grid[0]) < len(grids[-1][0]):
            widened = _widen_label(grid, len(grids[-1][0]))
            # data rows short of a rule (lost in a scan between two blank cells): under which heading
            # each number stands is not known, so they join as unreadable rows, never shifted
            grid = widened if widened is not grid else [[None] * len(grids[-1][0]) for _ in grid]
        if (over_break or stitched) and len(grid[0]) == len(grids[-1][0]):
            grid = [list(r) for r in grid]
            _continue_cells(grids[-1], grid)
            grids[-1] = grids[-1] + grid
            whole[-1] = None
        else:
            grids.append([list(r) for r in grid])
            rules.append(xs)
            whole.append(grid)
        previous = (number, top, bottom)
    return [g for g in (drop_empty(g, keep_rows) for g in grids) if g]
