"""Scans: JPG/PNG and image-only PDF pages, read with RapidOCR's models (inside its PyPI wheel).

The table grid comes from the ruling lines of the image, not from the text: the page is deskewed
by the angle of its long horizontal rules, cut at every rule, and neighbouring slots without a rule
between them are one merged cell. Each cell is then read on its own (govcrawl.documents.cells):
no ink is a blank cell ("", which means 0) and costs no OCR; otherwise its text lines go to the
recogniser alone (govcrawl.documents.scan_read), without the costly text detection. Only the text
outside the tables is detected, on the page at half size, and read at a smaller model height.

A wrong number is worse than none: a number cell is read from the page at twice the layout's
resolution, side by side with other cells in strips, twice (a third time when in doubt); two reads
must agree on the same clean number, one of them sure, no read may say another number, its ink must
be as wide and its glyphs as many as the number's characters, and its row must add up to its 总计;
else it is None (unreadable), never blank. The method and its figures: docs/pdf-tables.md.
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
from govcrawl.documents.rules import _deskew, _regions, _rotate, _run, _skew_angle, _tables
from govcrawl.documents.scan_read import _ocr, read_lines, read_numbers
from govcrawl.extract.model import Grid

_CLEAN_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# specks at a label's ends read as quotes and commas (申请人情况”,), and the mapper wants the label
_EDGE_MARKS = re.compile(r"^[\"'“”‘’,，.、:：;；`]+|[\"'“”‘’,，.、:：;；`]+$")
_LOST_POINT = re.compile(r"^([1-9])(?=[\u4e00-\u9fff])")
_LABEL_WIDTH = 320          # model input px a label line is padded to (RapidOCR's own minimum)
_STRIP_MIN_SCORE = 0.3      # an agreeing strip read's weakest digit, when another agrees and one is sure
_SECOND_INK = 0.72          # the second strip read's digit height in the model's input (the first: 0.6)
_THIRD_INK = 0.5            # and the third's, for the cells the first two leave in doubt
_SPECK_SHARE = 0.03         # a dark part this much smaller than a number cell's largest glyph is a speck


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


def _strong_ink(crop: np.ndarray) -> tuple[np.ndarray, int]:
    """A number cell's printed line alone, and how many glyphs it holds. The line is where the
    dark parts at least half as tall as the tallest stand; ink wholly outside it (a speck above a
    0 read °, a smudge a glyph's width beside a 4 read 24) is whitened, and so is a speck beyond
    the first or last glyph (:0). Other ink on the line is never whitened, faint or not: a faint 5
    broken into parts, its bowl whitened, read 1. Glyphs: the tall parts side by side, and every
    other part on the line beside them (a point, a smudge)."""
    import cv2
    level = config.OCR_INK_LEVEL
    ink = (crop < level).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    parts = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= 3]
    if not parts:
        return crop, 0
    darkest = {i: int(crop[labels == i].min()) for i in parts}
    dark = (min(darkest.values()) + level) // 2           # halfway from the darkest ink to paper
    strong = [i for i in parts if darkest[i] <= dark]
    tallest = max(stats[i, cv2.CC_STAT_HEIGHT] for i in strong)
    cores = [i for i in strong if stats[i, cv2.CC_STAT_HEIGHT] >= 0.5 * tallest]
    x0s = {i: stats[i, cv2.CC_STAT_LEFT] for i in parts}
    x1s = {i: stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] for i in parts}
    y0s = {i: stats[i, cv2.CC_STAT_TOP] for i in parts}
    y1s = {i: stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] for i in parts}
    top, bottom = min(y0s[i] for i in cores), max(y1s[i] for i in cores)
    margin = 0.3 * (bottom - top)
    left, right = min(x0s[i] for i in cores) - margin, max(x1s[i] for i in cores) + margin
    span = (min(x0s[i] for i in cores), max(x1s[i] for i in cores))
    area = float(np.median([stats[i, cv2.CC_STAT_AREA] for i in cores]))

    def speck(i: int) -> bool:
        """A small part beyond the first or last glyph: a point is never there, a glyph's piece is larger."""
        return (stats[i, cv2.CC_STAT_AREA] < 0.15 * area and y1s[i] - y0s[i] < 0.35 * (bottom - top)
                and (x1s[i] <= span[0] or x0s[i] >= span[1]))

    keep = [i for i in parts if x1s[i] > left and x0s[i] < right and y1s[i] > top and y0s[i] < bottom and not speck(i)]
    mask = np.isin(labels, keep)
    out = np.where(mask | (ink == 0), crop, 255).astype(np.uint8)
    ys, xs = np.nonzero(mask)
    m = config.OCR_CROP_MARGIN_PX
    out = out[max(ys.min() - m, 0):ys.max() + m + 1, max(xs.min() - m, 0):xs.max() + m + 1]
    # glyphs side by side; parts one above the other (a broken stroke) are one glyph
    spans = sorted((x0s[i], x1s[i]) for i in keep)
    glyphs, end = 0, -1
    for x0, x1 in spans:
        glyphs += x0 >= end
        end = max(end, x1)
    return out, glyphs


def _number(reads: list[tuple[str, float]], crop: np.ndarray, glyphs: int) -> str | None:
    """The number the strip reads agree on, with ink as wide as it and no glyph left over."""
    value = _agreed(reads, crop)
    if value is None or _too_wide(crop, value) or glyphs > len(value):
        return None
    return value


def _agreed(reads: list[tuple[str, float]], crop: np.ndarray) -> str | None:
    """A number two reads agree on, or None: each read's weakest character at least
    _STRIP_MIN_SCORE, one of them at least config.OCR_MIN_DIGIT_SCORE, and no other read of the
    cell a different number. One read can be confidently wrong (a blurred 9 read as 6 at 0.99);
    reads at other scales beside other neighbours rarely agree on the same wrong number. A lone 0
    the recogniser doubts may be proved by its glyph."""
    clean = [(v, score) for text, score in reads
             if score >= _STRIP_MIN_SCORE and (v := _number_or_none(text, 1.0)) is not None]
    values = {v for v, _ in clean}
    if len(values) == 1 and len(clean) >= 2 and max(score for _, score in clean) >= config.OCR_MIN_DIGIT_SCORE:
        return values.pop()
    digits = {_digits(text) for text, _ in reads}
    if digits <= {"0", ""} and "0" in digits and _is_zero_glyph(crop):
        return "0"
    return None


def _side_by_side(lines: list[np.ndarray]) -> np.ndarray:
    """A cell's text lines set in one line at the tallest one's height, half a line of white between."""
    import cv2
    height = max(line.shape[0] for line in lines)
    parts = []
    for line in lines:
        width = max(int(round(line.shape[1] * height / line.shape[0])), 1)
        parts += [cv2.resize(line, (width, height), interpolation=cv2.INTER_CUBIC), np.full((height, height // 2), 255, np.uint8)]
    return np.hstack(parts[:-1])


def _table_grid(region: np.ndarray, run: int, fine: np.ndarray | None = None) -> Grid | None:
    """The grid of the largest ruled table in region: each cell's lines read by the recogniser,
    blank cells "" without OCR, a cell with ink that reads as no clean label or number None.
    fine: the same region at a whole multiple of region's resolution, where number cells are read."""
    import cv2
    angle = _skew_angle(region, run)
    region = _rotate(region, angle)
    clean = cv2.medianBlur(region, 3)          # salt-and-pepper specks read as dots and colons
    tables = _tables(region, run)
    if not tables:
        return None
    k = 1 if fine is None else max(int(round(fine.shape[0] / region.shape[0])), 1)
    fine_clean = clean if fine is None else cv2.medianBlur(_rotate(fine, angle), 3)
    table = max(tables, key=lambda t: t["rows"] * t["cols"])
    inset = max(4, run // 5)                    # keep the rules out of the cell
    lines: dict[int, list[np.ndarray] | None] = {}
    boxes = {}
    for i, (_r0, _r1, _c0, _c1, x0, y0, x1, y1) in enumerate(table["cells"]):
        boxes[i] = (x0 + inset, y0 + inset, x1 - inset + 1, y1 - inset + 1)
        interior = clean[y0 + inset:y1 - inset + 1, x0 + inset:x1 - inset + 1]
        crop = ink_crop(interior) if interior.size else None
        lines[i] = None if crop is None else text_lines(crop)
    # a short single line may be a number (or a short label: 规章, 总计): read alone at its width;
    # every other line is a label, read as RapidOCR reads it (grey padding up to 320 px)
    # a label wrapped over lines (结果纠 / 正) is read as one line, its lines side by side: read apart,
    # each was a word cut short (果纠正, 其他黑), and each short line paid 320 px of padding
    for i, ls in lines.items():
        if ls and len(ls) > 1:
            lines[i] = [_side_by_side(ls)]
    short = {(i, 0) for i, ls in lines.items() if ls and len(ls) == 1 and ls[0].shape[1] < 6 * ls[0].shape[0]}
    jobs = [(i, k_) for i, ls in lines.items() if ls for k_ in range(len(ls)) if (i, k_) not in short]
    reads = dict(zip(jobs, read_lines([lines[i][j] for i, j in jobs], min_width=_LABEL_WIDTH, pad=128)))
    reads.update(zip(short, read_lines([lines[i][j] for i, j in short])))
    values: dict[int, str | None] = {}
    numeric = []
    for i, ls in lines.items():
        if ls is None:
            values[i] = ""                      # no ink: a blank cell, which means 0
            continue
        text = clean_cell(unicodedata.normalize("NFKC", "".join(reads[(i, j)][0] for j in range(len(ls))))) or ""
        if _CJK.search(text) and len(text) >= 2:
            # 3其他, 2其他法律…: a numbering's point is the first thing a blur takes
            text = _LOST_POINT.sub(r"\1.", _EDGE_MARKS.sub("", text))
            values[i] = _snap_keyword(_snap_heading(text))
        elif (i, 0) in short:
            numeric.append(i)                   # a short single line: a number, if the strip reads agree
        else:
            values[i] = None                    # ink, but neither a label nor a number
    # numbers: the cell's glyphs at the fine resolution, read twice side by side with other
    # cells in strips (other neighbours, another scale)
    crops, glyphs = [], []
    for i in numeric:
        x0, y0, x1, y1 = boxes[i]
        cut = ink_crop(fine_clean[y0 * k:y1 * k, x0 * k:x1 * k])
        cut, n = _strong_ink(cut) if cut is not None else (lines[i][0], 0)
        crops.append(cut)
        glyphs.append(n)
    strips = [read_numbers(crops), read_numbers(crops, reverse=True, ink_share=_SECOND_INK)]
    reads = [[s[n] for s in strips] for n in range(len(numeric))]
    found = [_number(reads[n], crops[n], glyphs[n]) for n in range(len(numeric))]
    # the cells those two reads leave in doubt are read a third time, in strips of their own
    doubt = [n for n, value in enumerate(found) if value is None]
    for n, third in zip(doubt, read_numbers([crops[n] for n in doubt], ink_share=_THIRD_INK)):
        found[n] = _number(reads[n] + [third], crops[n], glyphs[n])
    for n, i in enumerate(numeric):
        values[i] = found[n]
    grid: Grid = [[""] * table["cols"] for _ in range(table["rows"])]
    for i, (r0, r1, c0, c1, *_box) in enumerate(table["cells"]):
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                grid[r][c] = values[i]
    # a row blank everywhere is a row of zeros (table 四's one data row), unless it is a sliver
    # between two close rules (a doubled rule), far lower than the table's rows
    usual = float(np.median(table["heights"]))
    return [row for row, h in zip(grid, table["heights"]) if any(c != "" for c in row) or h >= 0.5 * usual]


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


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (characters changed, dropped or added)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def _snap_heading(text: str) -> str:
    """A label one character off exactly one heading (changed, or dropped: a blurred 结 is often
    lost, 其他果), and two or more off every other, is that heading; anything closer to two
    headings stays as read."""
    if len(text) < 3 or text in _HEADINGS:
        return text
    close = sorted((_edits(text, word), word) for word in _HEADINGS if abs(len(word) - len(text)) <= 1)
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


def read_page_image(gray: np.ndarray, fine: np.ndarray | None = None) -> tuple[str, list[tuple[float, float, float, Grid]]]:
    """Page text and (top, bottom, height, grid) of each table on one page image; fine: the page
    at a whole multiple of gray's resolution, for the number cells."""
    import cv2
    regions = _regions(gray)
    outside = gray.copy()
    for x0, y0, x1, y1 in regions:
        outside[y0:y1, x0:x1] = 255
    lines = [(b[1], b[0], b[4]) for b in _read_boxes(cv2.medianBlur(_deskew(outside, _run(gray.shape)), 3))]
    found = []
    for x0, y0, x1, y1 in regions:
        k = 1 if fine is None else fine.shape[0] // gray.shape[0]
        grid = _table_grid(gray[y0:y1, x0:x1], _run(gray.shape), None if fine is None else fine[y0 * k:y1 * k, x0 * k:x1 * k])
        if grid:
            grid = _doubt_row_sums(grid)
            found.append((y0, y1, gray.shape[0], grid))
            lines += [(y0 + r / 100, 0, " ".join(c or "" for c in row)) for r, row in enumerate(grid)]
    text = "\n".join(t for _, _, t in sorted(lines, key=lambda l: (round(l[0] / 15), l[1])))
    return text, found


def _finish(content: DocumentContent, texts: list[str], tables: list) -> DocumentContent:
    content.text = "\n".join(texts)
    # a merged label cut by a page break (or a broken rule) is whole again once the parts are joined
    content.grids = [_fill_split_labels(g) for g in join_continued(tables, within_page=True, keep_rows=True) if g]
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
    """Each page (0-based) in grey at OCR_RENDER_DPI (the layout: rules, cells, labels, text) and at
    OCR_FINE_FACTOR times it (the number cells), drawn by pdfium in this process (pypdfium2, which
    pdfplumber brings): a scanned page's JPEG decoded and scaled in about 0.2 s of CPU, where
    pdftoppm spent 1.0-1.5 s, most of it writing a PNG for us to decode again."""
    import cv2
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
                scale = config.OCR_RENDER_DPI * config.OCR_FINE_FACTOR / 72.0
                if width * height * scale * scale > 60_000_000:
                    raise UnreadableDocument(f"over-size: page {number + 1} of {width:.0f}x{height:.0f} pt")
                fine = page.render(scale=scale, grayscale=True).to_numpy()
            except UnreadableDocument:
                raise
            except Exception as exc:
                raise UnreadableDocument(f"corrupt: page {number + 1} cannot be rendered ({type(exc).__name__})") from None
            fine = np.ascontiguousarray(fine[..., 0] if fine.ndim == 3 else fine)
            k = config.OCR_FINE_FACTOR
            fine = fine[:fine.shape[0] // k * k, :fine.shape[1] // k * k]
            yield number, cv2.resize(fine, (fine.shape[1] // k, fine.shape[0] // k), interpolation=cv2.INTER_AREA), fine
    finally:
        doc.close()


def ocr_pdf_pages(data: bytes, pages: list[int], limits: Limits) -> tuple[list[str], list[Grid]]:
    """Render the given pages (0-based) and read them; (texts, grids)."""
    if len(pages) > limits.max_ocr_pages:
        raise UnreadableDocument(f"too many pages: {len(pages)} pages to OCR > limit {limits.max_ocr_pages}")
    texts, tables = [], []
    for number, gray, fine in _render_pages(data, pages):
        text, found = read_page_image(gray, fine)
        texts.append(text)
        tables += [(number, *t) for t in found]
    content = _finish(DocumentContent(kind="pdf"), texts, tables)
    return texts, content.grids
