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
from bisect import bisect_left, bisect_right

from govcrawl.documents.content import DocumentContent
from govcrawl.documents.continued import join_continued
from govcrawl.documents.grids import clean_cell
from govcrawl.documents.limits import Limits, UnreadableDocument, check_pages
from govcrawl.extract.model import Grid

logging.getLogger("pdfminer").setLevel(logging.ERROR)

_SNAP = 2.0          # points: ruling lines closer than this are one line
_WORD_GAP = 1.5      # points: characters further apart are two words (cells of a narrow column lie ~2 pt apart)
_MIN_ROW = 5.0       # points: a blank row lower than this is a gap between rules, not a table row
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


def _inside(chars: list[dict]):
    """chars -> (x0, top, x1, bottom) -> the chars whose middle lies in that box, in page order.
    The middles are sorted by height once, so a cell looks only at the chars of its own band."""
    mx = [(ch["x0"] + ch["x1"]) / 2 for ch in chars]
    my = [(ch["top"] + ch["bottom"]) / 2 for ch in chars]

    def every(x0: float, top: float, x1: float, bottom: float) -> list[dict]:
        return [ch for ch, x, y in zip(chars, mx, my) if x0 <= x <= x1 and top <= y <= bottom]
    if not all(y == y for y in my):                # a NaN middle: no order to search in
        return every
    order = sorted(range(len(chars)), key=my.__getitem__)
    heights = [my[i] for i in order]

    def inside(x0: float, top: float, x1: float, bottom: float) -> list[dict]:
        if not (top == top and bottom == bottom):
            return every(x0, top, x1, bottom)
        band = order[bisect_left(heights, top):bisect_right(heights, bottom)]
        return [chars[i] for i in sorted(i for i in band if x0 <= mx[i] <= x1)]
    return inside


def _grid_from_cells(cells: list[tuple], chars: list[dict], xs: list[float] | None = None) -> Grid:
    xs = xs or _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    grid: Grid = [[""] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    within = _inside(chars)
    for x0, top, x1, bottom in cells:
        inside = within(x0, top, x1, bottom)
        text = clean_cell(_cell_text(inside)) or ""
        for r in range(_index(ys, top), _index(ys, bottom)):
            for c in range(_index(xs, x0), _index(xs, x1)):
                grid[r][c] = text
    # A row blank everywhere is a row of zeros (blank means 0) unless it is a sliver between two
    # close rules (a double border), too low to hold a line of text.
    return [row for row, (a, b) in zip(grid, zip(ys, ys[1:])) if any(row) or b - a >= _MIN_ROW]


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


def read_pdf(data: bytes, limits: Limits, *, reference: bool = False) -> DocumentContent:
    """reference: pdfplumber's own page objects (the slow way), for bench/pdf_speed.py to compare."""
    import pdfplumber
    from govcrawl.documents.pdfobjects import dedupe_chars, page_objects
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
    ruleless: list[tuple[int, list[dict], float]] = []        # pages whose tables have no ruling lines
    try:
        for number, page in enumerate(pdf.pages):
            if reference:
                page = page.dedupe_chars()
            else:
                page_objects(page)
                page = dedupe_chars(page)
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
                ruleless.append((number, page.extract_words(x_tolerance=_WORD_GAP), page.height))
                content.warnings.append(f"page {number + 1}: table without ruling lines, read from word positions")
            elif ruleless and not tables and ruleless[-1][0] == number - 1:
                ruleless.append((number, page.extract_words(x_tolerance=_WORD_GAP), page.height))
    except UnreadableDocument:
        raise
    except Exception as exc:
        if "allocate" in str(exc):      # pdfminer's words for the address-space limit (a decompression bomb)
            raise UnreadableDocument(f"memory limit: a PDF page needed more than {limits.max_memory_mb} MB "
                                     f"({type(exc).__name__}: {exc})") from None
        raise UnreadableDocument(f"corrupt: PDF page cannot be parsed ({type(exc).__name__}: {exc})") from None
    finally:
        pdf.close()

    content.grids = join_continued(ruled, keep_rows=True) + content.grids
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
