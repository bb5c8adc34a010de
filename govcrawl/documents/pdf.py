"""PDF reader: tables from ruling lines (merged cells expanded), word positions where a page has
none, OCR for pages without a text layer.

What PDFs do to these tables, and the answer here:
- labels wrapped or one character per line (the tall 三、本年度办理结果 cell): a cell's characters
  are joined line by line without spaces;
- merged cells: the grid is cut at every ruling line of the table, and each drawn cell's text is
  repeated in every grid position it covers;
- a table without ruling lines: read from word positions (govcrawl.documents.wordgrid); the page
  text still goes to the text-table reader for whatever the words do not give;
- a table broken across pages: a table ending near the foot of a page followed by one at the head of
  the next with as many columns is one table.
"""
from __future__ import annotations

import io
import logging
import re

from govcrawl.documents.content import DocumentContent
from govcrawl.documents.grids import clean_cell, drop_empty
from govcrawl.documents.limits import Limits, UnreadableDocument, check_pages
from govcrawl.extract.model import Grid

logging.getLogger("pdfminer").setLevel(logging.ERROR)

_SNAP = 2.0          # points: ruling lines closer than this are one line
_TABLE_WORDS = ("自然人", "本年制发", "本年新制作", "行政复议", "信息内容", "予以公开")


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(lines: list[float], v: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - v))


def _cell_text(chars: list[dict]) -> str:
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - ch["top"]) < 3:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return "".join("".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])) for line in lines)


def _grid_from_cells(cells: list[tuple], chars: list[dict], xs: list[float] | None = None) -> Grid:
    xs = xs or _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    grid: Grid = [[""] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for x0, top, x1, bottom in cells:
        inside = [ch for ch in chars
                  if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1 and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom]
        text = clean_cell(_cell_text(inside)) or ""
        for r in range(_index(ys, top), _index(ys, bottom)):
            for c in range(_index(xs, x0), _index(xs, x1)):
                grid[r][c] = text
    return grid


def _invisible(obj: dict) -> bool:
    # White-filled, unstroked rectangles (paragraph backgrounds in Word exports) are not ruling lines.
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return False
    color = obj.get("non_stroking_color")
    values = color if isinstance(color, (tuple, list)) else (color,)
    return all(isinstance(v, (int, float)) and v >= 0.99 for v in values) and len(values) in (1, 3)


class Ruled(list):
    """A grid that remembers its column rules and how to rebuild itself on other rules, so a
    continuation on the next page can be laid on the columns of the part before it."""

    def __init__(self, cells: list[tuple], chars: list[dict]):
        self.cells, self.chars = cells, chars
        self.xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
        super().__init__(_grid_from_cells(cells, chars, self.xs))

    def on_columns(self, xs: list[float]) -> Grid | None:
        if not all(any(abs(x - y) <= 3 for y in xs) for x in self.xs):
            return None
        return _grid_from_cells(self.cells, self.chars, xs)


def _page_tables(page) -> list[tuple[float, float, Grid]]:
    """(top, bottom, grid) of each ruled table on the page, in reading order."""
    page = page.filter(lambda obj: not _invisible(obj))
    # A table cut by a page break has no closing line; the ends of its column rules stand in for it.
    vertical = [e for e in page.edges if e["orientation"] == "v"]
    ends = [min(e["top"] for e in vertical), max(e["bottom"] for e in vertical)] if vertical else []
    found = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines",
                              "explicit_horizontal_lines": ends})
    out = []
    for table in sorted(found, key=lambda t: t.bbox[1]):
        grid = Ruled(table.cells, page.chars)
        if len(grid) >= 1 and len(grid[0]) >= 2:
            out.append((table.bbox[1], table.bbox[3], grid))
    return out


def read_pdf(data: bytes, limits: Limits) -> DocumentContent:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        n_pages = len(pdf.pages)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableDocument(f"encrypted: PDF needs a password ({type(exc).__name__})") from None
    except Exception as exc:  # pdfminer raises many kinds on broken files; pdfplumber wraps them
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or b"/Encrypt" in data[-65536:]:
            raise UnreadableDocument(f"encrypted: PDF needs a password ({type(inner).__name__})") from None
        raise UnreadableDocument(f"corrupt: PDF cannot be parsed ({type(exc).__name__}: {exc})") from None
    if n_pages == 0:
        raise UnreadableDocument("corrupt: PDF has no pages")
    check_pages(n_pages, limits)

    content = DocumentContent(kind="pdf", pages=n_pages)
    texts: list[str] = []
    ruled: list[tuple[int, float, float, float, Grid]] = []   # page, top, bottom, height, grid
    scanned: list[int] = []
    ruleless: list[tuple[int, list[dict]]] = []               # pages whose tables have no ruling lines
    try:
        for number, page in enumerate(pdf.pages):
            page = page.dedupe_chars()
            text = page.extract_text() or ""
            if len(text.strip()) < 10:
                scanned.append(number)
                texts.append("")
                continue
            texts.append(text)
            tables = _page_tables(page)
            ruled += [(number, top, bottom, page.height, grid) for top, bottom, grid in tables]
            if not tables and any(w in text for w in _TABLE_WORDS):
                # no ruling lines: pdfplumber's own word tables cut CJK labels apart; wordgrid reads
                # the words with numbered, wrapped labels in mind. A table goes on over the next
                # pages, so they are read too.
                ruleless.append((number, page.extract_words()))
                content.warnings.append(f"page {number + 1}: table without ruling lines, read from word positions")
            elif ruleless and not tables and ruleless[-1][0] == number - 1:
                ruleless.append((number, page.extract_words()))
    except UnreadableDocument:
        raise
    except Exception as exc:
        if "allocate" in str(exc):      # pdfminer's words for the address-space limit (a decompression bomb)
            raise UnreadableDocument(f"memory limit: a PDF page needed more than {limits.max_memory_mb} MB "
                                     f"({type(exc).__name__}: {exc})") from None
        raise UnreadableDocument(f"corrupt: PDF page cannot be parsed ({type(exc).__name__}: {exc})") from None
    finally:
        pdf.close()

    content.grids = join_continued(ruled) + content.grids
    if ruleless:
        from govcrawl.documents.wordgrid import grids_from_words
        content.grids += grids_from_words(ruleless, content.warnings)
    if scanned:
        from govcrawl.documents.ocr import ocr_pdf_pages
        ocr_texts, ocr_grids = ocr_pdf_pages(data, scanned, limits)
        for number, text in zip(scanned, ocr_texts):
            texts[number] = text
        content.grids += ocr_grids
        content.ocr = True
        content.warnings.append(f"pages without a text layer read by OCR: {[n + 1 for n in scanned]}")
    content.text = "\n".join(texts)
    return content


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
        elif after != before and not _ENUMERATED.match(after) and len(after) <= 6:
            whole = before + after
        else:
            continue
        for grid, rows, text in ((head, reversed(range(len(head))), before), (tail, range(len(tail)), after)):
            for i in rows:
                if grid[i][j] != text:
                    break
                grid[i][j] = whole


def _starts_with_data(grid: Grid) -> bool:
    return any(c and _NUMBER.match(c) and any(ch.isdigit() for ch in c) for c in grid[0])


def _widen_label(grid: Grid, width: int) -> Grid:
    """Continuation rows whose label spans all label columns (四、结转下年度继续办理 alone on a
    page) have fewer columns: values stay right-aligned, the label is repeated over the rest."""
    if any(not row[0] or _NUMBER.match(row[0]) for row in grid):
        return grid                    # a blank or a number first: a data row short of a rule, not a label
    return [[row[0]] * (width - len(row) + 1) + list(row[1:]) for row in grid]


def join_continued(tables: list[tuple[int, float, float, float, Grid]], within_page: bool = False) -> list[Grid]:
    """Join a table that runs over a page break with its continuation. within_page: an image
    stitched from several pages holds both parts; a part that starts with data rows continues."""
    grids: list[Grid] = []
    rules: list[list[float] | None] = []          # column rules of each joined grid (PDF only)
    whole: list[Grid | None] = []                 # each grid as read, while nothing is joined to it
    previous = None
    for number, top, bottom, height, grid in tables:
        over_break = (previous is not None and number == previous[0] + 1 and previous[2] > height * 0.7
                      and top < height * 0.3)
        stitched = within_page and previous is not None and number == previous[0] and _starts_with_data(grid)
        xs = getattr(grid, "xs", None)
        if over_break and len(grid[0]) != len(grids[-1][0]) and isinstance(grid, Ruled) and rules[-1]:
            relaid = grid.on_columns(rules[-1])    # a lone row whose label spans the label columns
            if relaid:
                grid, xs = relaid, rules[-1]
            elif isinstance(whole[-1], Ruled) and xs and (head := whole[-1].on_columns(xs)):
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
    return [g for g in (drop_empty(g) for g in grids) if g]
