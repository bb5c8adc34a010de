"""Scans: JPG/PNG and image-only PDF pages, read with RapidOCR's models (inside its PyPI wheel).

The table grid comes from the ruling lines of the image, not from the text: the page is deskewed
by the angle of its long horizontal rules, cut at every rule, and neighbouring slots without a rule
between them are one merged cell. Each cell is then read on its own (govcrawl.documents.cells):
no ink is a blank cell ("", which means 0) and costs no OCR; otherwise its text lines go to the
recogniser alone (govcrawl.documents.scan_read), without the costly text detection. Only the text
outside the tables is detected, on the page at half size, and read at a smaller model height.

A wrong number is worse than none: a number cell must read as the same clean number twice (alone,
then side by side with other cells in a strip), one of the reads sure, with ink as wide as the
number read, and its row must add up to its 总计; else it is None (unreadable), never blank.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np

from govcrawl import config
from govcrawl.documents.cells import ink_crop, text_lines
from govcrawl.documents.content import DocumentContent
from govcrawl.documents.continued import join_continued
from govcrawl.documents.grids import clean_cell
from govcrawl.documents.limits import Limits, UnreadableDocument
from govcrawl.documents.rules import _deskew, _regions, _run, _tables
from govcrawl.documents.scan_read import _ocr, read_lines, read_numbers
from govcrawl.extract.model import Grid

_CLEAN_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# specks at a label's ends read as quotes and commas (申请人情况”,), and the mapper wants the label
_EDGE_MARKS = re.compile(r"^[\"'“”‘’,，.、:：;；`]+|[\"'“”‘’,，.、:：;；`]+$")
_LABEL_WIDTH = 320          # model input px a label line is padded to (RapidOCR's own minimum)
_STRIP_MIN_SCORE = 0.5      # a strip read's weakest digit, when it agrees with a sure first read


def _read_boxes(gray: np.ndarray) -> list[tuple[float, float, float, float, str, float]]:
    """Text lines outside the tables: found on the page scaled down (detection is the costly
    pass, and lines of body text stay lines at half size), read at full size."""
    import cv2
    scale = config.OCR_DETECT_SCALE
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    found, _ = _ocr().text_det(np.stack([small] * 3, axis=-1))
    boxes, crops = [], []
    for points in [] if found is None else found:
        x0, y0 = (max(int(v / scale) - 2, 0) for v in points.min(axis=0))
        x1, y1 = (int(v / scale) + 3 for v in points.max(axis=0))
        crop = gray[y0:y1, x0:x1]
        if crop.size:
            boxes.append((x0, y0, x1, y1))
            crops.append(crop)
    # body text at 32 px: a third of the cost of 48 px; its figures are never read from here alone
    return [(*box, text, score) for box, (text, score) in zip(boxes, read_lines(crops, 32)) if text]


def _is_zero_glyph(crop: np.ndarray) -> bool:
    """One ink ring with one centred hole as tall as half the glyph: a 0, not a 6, 8 or 9.

    RapidOCR reads a lone 0 right but with low confidence; this shape test is the second opinion."""
    import cv2
    ink = (crop < 200).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink)
    parts = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= 6]
    if len(parts) != 1:
        return False
    glyph = (labels == parts[0]).astype(np.uint8)
    contours, hierarchy = cv2.findContours(glyph, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    holes = [c for c, h in zip(contours, hierarchy[0]) if h[3] >= 0 and cv2.contourArea(c) >= 4]
    if len(holes) != 1:
        return False
    gx, gy, gw, gh = cv2.boundingRect(np.argwhere(glyph)[:, ::-1])
    hx, hy, hw, hh = cv2.boundingRect(holes[0])
    centre = (hy + hh / 2 - gy) / gh
    return gh > gw and hh >= 0.5 * gh and 0.4 <= centre <= 0.6


def _number_or_none(text: str, score: float, crop: np.ndarray | None = None) -> str | None:
    text = clean_cell(unicodedata.normalize("NFKC", text)) or ""
    if _CLEAN_NUMBER.match(text) and score >= config.OCR_MIN_DIGIT_SCORE:
        return text
    # a lone 0 often scores 0.3-0.9 though read right; the glyph test is the evidence then
    if text == "0" and score >= 0.3 and crop is not None and _is_zero_glyph(crop):
        return text
    return None


def _digits(text: str) -> str:
    """The number a read shows once specks around it are dropped ("7." -> "7", "12:" -> "12")."""
    return re.sub(r"[^\d.]", "", unicodedata.normalize("NFKC", text)).strip(".")


def _too_wide(crop: np.ndarray, value: str) -> bool:
    """Ink wider than the number's characters can be: a point (or a digit) both reads missed.

    Digits are set at about 0.7 of their height apart; 12.5 printed is read 125 at 0.999 by both
    reads, but its ink is a character wider than 125's."""
    ys, xs = np.nonzero(crop < 160)
    if len(value) < 2 or not len(xs):
        return False
    height, width = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
    return width > 1.2 * len(value) * 0.71 * height


def _number(first: tuple[str, float], second: tuple[str, float], crop: np.ndarray) -> str | None:
    """Two agreeing reads, and ink as wide as the number read."""
    value = _agreed(first, second, crop)
    if value is not None and _too_wide(crop, value):
        return None
    return value


def _agreed(first: tuple[str, float], second: tuple[str, float], crop: np.ndarray) -> str | None:
    """A number two reads agree on (the line as cut, and doubled), or None. One read can be
    confidently wrong (a blurred 9 read as 6 at 0.99); two reads of different sizes rarely agree
    on the same wrong number. A lone 0 the recogniser doubts may be proved by its glyph."""
    # the strip read's weakest character need not be sure: agreeing with a sure first read is the proof
    a, b = _number_or_none(*first), _number_or_none(second[0], 1.0 if second[1] >= _STRIP_MIN_SCORE else 0.0)
    if a is not None and a == b:
        return a
    if {_digits(first[0]), _digits(second[0])} <= {"0", ""} and _digits(first[0] + second[0]) and _is_zero_glyph(crop):
        return "0"
    return None


def _table_grid(region: np.ndarray, run: int) -> Grid | None:
    """The grid of the largest ruled table in region: each cell's lines read by the recogniser,
    blank cells "" without OCR, a cell with ink that reads as no clean label or number None."""
    import cv2
    region = _deskew(region, run)
    clean = cv2.medianBlur(region, 3)          # salt-and-pepper specks read as dots and colons
    tables = _tables(region, run)
    if not tables:
        return None
    table = max(tables, key=lambda t: t["rows"] * t["cols"])
    inset = max(4, run // 5)                    # keep the rules out of the cell
    lines: dict[int, list[np.ndarray] | None] = {}
    for i, (_r0, _r1, _c0, _c1, x0, y0, x1, y1) in enumerate(table["cells"]):
        interior = clean[y0 + inset:y1 - inset + 1, x0 + inset:x1 - inset + 1]
        crop = ink_crop(interior) if interior.size else None
        lines[i] = None if crop is None else text_lines(crop)
    # a short single line may be a number: read alone at its width; every other line is a label,
    # read as RapidOCR reads it (grey padding up to 320 px)
    short = {(i, 0) for i, ls in lines.items() if ls and len(ls) == 1 and ls[0].shape[1] < 6 * ls[0].shape[0]}
    jobs = [(i, k) for i, ls in lines.items() if ls for k in range(len(ls)) if (i, k) not in short]
    reads = dict(zip(jobs, read_lines([lines[i][k] for i, k in jobs], min_width=_LABEL_WIDTH, pad=128)))
    reads.update(zip(short, read_lines([lines[i][k] for i, k in short])))
    values: dict[int, str | None] = {}
    numeric = []
    for i, ls in lines.items():
        if ls is None:
            values[i] = ""                      # no ink: a blank cell, which means 0
            continue
        text = clean_cell(unicodedata.normalize("NFKC", "".join(reads[(i, k)][0] for k in range(len(ls))))) or ""
        if _CJK.search(text) and len(text) >= 2:
            values[i] = _snap_keyword(_snap_heading(_EDGE_MARKS.sub("", text)))
        elif len(ls) == 1 and ls[0].shape[1] < 6 * ls[0].shape[0]:
            numeric.append(i)                   # a short single line: a number, if two reads agree
        else:
            values[i] = None                    # ink, but neither a label nor a number
    # the second read: the same cells side by side in strips, other neighbours, other context
    for i, second in zip(numeric, read_numbers([lines[i][0] for i in numeric])):
        values[i] = _number(reads[(i, 0)], second, lines[i][0])
    grid: Grid = [[""] * table["cols"] for _ in range(table["rows"])]
    for i, (r0, r1, c0, c1, *_box) in enumerate(table["cells"]):
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                grid[r][c] = values[i]
    return grid


# Short column headings of tables 三 and 四 that a misread character hides from the mapper (结果维特)
_HEADINGS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "行政复议", "行政诉讼", "复议后起诉", "未经复议直接起诉",
             "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "法人或其他组织", "申请人情况")


# Row keywords of table 三 the mapper looks for, one misread character away (上年综转)
_KEYWORDS = ("本年新收", "上年结转", "结转下年", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")


def _snap_keyword(text: str) -> str:
    """A four-character stretch one character off exactly one keyword (and two or more off every
    other) is that keyword, unless the label already holds a keyword."""
    if any(word in text for word in _KEYWORDS):
        return text
    for k in range(len(text) - 3):
        window = text[k:k + 4]
        offs = sorted((sum(a != b for a, b in zip(word, window)), word) for word in _KEYWORDS)
        if offs[0][0] == 1 and offs[1][0] >= 2:
            return text[:k] + offs[0][1] + text[k + 4:]
    return text


def _snap_heading(text: str) -> str:
    """A label one character off exactly one heading, and two or more off every other, is that
    heading; anything closer to two headings stays as read."""
    close = []
    for word in _HEADINGS:
        if len(word) == len(text):
            off = sum(a != b for a, b in zip(word, text))
            close.append((off, word))
    close.sort()
    if close and close[0][0] == 1 and (len(close) == 1 or close[1][0] >= 2):
        return close[0][1]
    return text


def _fill_split_labels(grid: Grid) -> Grid:
    """A tall merged label (三、本年度办理结果 beside twenty rows) whose box a speck or a broken
    rule cut in two leaves its upper part blank. A run of blank label cells between two different
    labels of one column takes the label below it, which is vertically centred in the merged box;
    so does a label a page break cut (the label printed on the part where its centre fell)."""
    # data rows: a figure, an unreadable cell or a blank (a heading row has none)
    numeric = [any(c is None or c == "" or _CLEAN_NUMBER.match(c) for c in row) for row in grid]
    for c in range(max(map(len, grid), default=0)):
        r = 0
        while r < len(grid):
            if c < len(grid[r]) and grid[r][c] == "" and numeric[r] and r > 0 and numeric[r - 1] and grid[r - 1][c]:
                end = r
                while end < len(grid) and c < len(grid[end]) and grid[end][c] == "" and numeric[end]:
                    end += 1
                below = grid[end][c] if end < len(grid) and c < len(grid[end]) else None
                # between two data rows only: a blank under a heading row is a blank figure
                if below and end < len(grid) and numeric[end] and _CJK.search(below) and below != grid[r - 1][c]:
                    for k in range(r, end):
                        grid[k][c] = below
                r = end
            r += 1
    return grid


def _doubt_row_sums(grid: Grid) -> Grid:
    """A scanned row whose 总计 is not the sum of its parts has a misread in it (two reads can
    agree on a blurred 6 read as 5): its read figures become unreadable, its blanks stay blank."""
    header = None
    for r, row in enumerate(grid):
        texts = [(c or "").strip() for c in row]
        if "总计" in texts and not any(_CLEAN_NUMBER.match(t) for t in texts):
            header = texts
            continue
        if header is None or len(header) != len(row):
            continue
        start = 0
        for j, name in enumerate(header):
            if name != "总计":
                continue
            parts = [k for k in range(start, j) if header[k] != header[0] and header[k] != "总计"]
            start = j + 1
            cells = [row[k] for k in parts + [j]]
            if not parts or any(c is None or (c and not _CLEAN_NUMBER.match(c)) for c in cells):
                continue
            numbers = [float(c) if c else 0.0 for c in cells]
            if abs(sum(numbers[:-1]) - numbers[-1]) > 1e-6:
                for k in parts + [j]:
                    if row[k]:
                        row[k] = None
    return grid


def read_page_image(gray: np.ndarray) -> tuple[str, list[tuple[float, float, float, Grid]]]:
    """Page text and (top, bottom, height, grid) of each table on one page image."""
    import cv2
    regions = _regions(gray)
    outside = gray.copy()
    for x0, y0, x1, y1 in regions:
        outside[y0:y1, x0:x1] = 255
    lines = [(b[1], b[0], b[4]) for b in _read_boxes(cv2.medianBlur(_deskew(outside, _run(gray.shape)), 3))]
    found = []
    for x0, y0, x1, y1 in regions:
        grid = _table_grid(gray[y0:y1, x0:x1], _run(gray.shape))
        if grid:
            grid = _doubt_row_sums(grid)
            found.append((y0, y1, gray.shape[0], grid))
            lines += [(y0 + r / 100, 0, " ".join(c or "" for c in row)) for r, row in enumerate(grid)]
    text = "\n".join(t for _, _, t in sorted(lines, key=lambda l: (round(l[0] / 15), l[1])))
    return text, found


def _finish(content: DocumentContent, texts: list[str], tables: list) -> DocumentContent:
    content.text = "\n".join(texts)
    # a merged label cut by a page break (or a broken rule) is whole again once the parts are joined
    content.grids = [_fill_split_labels(g) for g in join_continued(tables, within_page=True) if g]
    content.ocr = True
    unread = sum(1 for g in content.grids for row in g for c in row if c is None)
    if unread:
        content.warnings.append(f"OCR: {unread} cell positions unreadable")
    return content


def read_image(data: bytes, limits: Limits) -> DocumentContent:
    import cv2
    gray = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if gray is None:
        raise UnreadableDocument("corrupt: image cannot be decoded")
    if gray.shape[0] * gray.shape[1] > 60_000_000:
        raise UnreadableDocument(f"over-size: image of {gray.shape[1]}x{gray.shape[0]} pixels")
    text, tables = read_page_image(gray)
    return _finish(DocumentContent(kind="image", pages=1), [text], [(0, *t) for t in tables])


def _render_pages(data: bytes, pages: list[int]):
    """Each page (0-based) drawn in grey at OCR_RENDER_DPI by pdfium, in this process (pypdfium2,
    which pdfplumber brings): a scanned page's JPEG decoded and scaled in about 0.15 s of CPU,
    where pdftoppm spent 1.0-1.5 s, most of it writing a PNG for us to decode again."""
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium raises PdfiumError on what it cannot open
        raise UnreadableDocument(f"corrupt: PDF cannot be rendered ({type(exc).__name__})") from None
    try:
        for number in pages:
            try:
                page = doc[number]
                width, height = page.get_size()
                scale = config.OCR_RENDER_DPI / 72.0
                if width * height * scale * scale > 60_000_000:
                    raise UnreadableDocument(f"over-size: page {number + 1} of {width:.0f}x{height:.0f} pt")
                gray = page.render(scale=scale, grayscale=True).to_numpy()
            except UnreadableDocument:
                raise
            except Exception as exc:
                raise UnreadableDocument(f"corrupt: page {number + 1} cannot be rendered ({type(exc).__name__})") from None
            yield number, np.ascontiguousarray(gray[..., 0] if gray.ndim == 3 else gray)
    finally:
        doc.close()


def ocr_pdf_pages(data: bytes, pages: list[int], limits: Limits) -> tuple[list[str], list[Grid]]:
    """Render the given pages (0-based) and read them; (texts, grids)."""
    if len(pages) > limits.max_ocr_pages:
        raise UnreadableDocument(f"too many pages: {len(pages)} pages to OCR > limit {limits.max_ocr_pages}")
    texts, tables = [], []
    for number, gray in _render_pages(data, pages):
        text, found = read_page_image(gray)
        texts.append(text)
        tables += [(number, *t) for t in found]
    content = _finish(DocumentContent(kind="pdf"), texts, tables)
    return texts, content.grids
