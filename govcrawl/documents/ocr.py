"""Scans: JPG/PNG and image-only PDF pages, read with RapidOCR (models inside its PyPI wheel).

The table grid comes from the ruling lines of the image, not from the text: the page is deskewed
by the angle of its long horizontal rules, cut at every rule, and neighbouring slots without a rule
between them are one merged cell. Each OCR box lands in the cell under its centre; a box that runs
over a rule is cut at the rule and each piece is read again.

A wrong number is worse than none: a cell whose text holds a digit must read as a clean number with
high confidence, and a cell with ink but no readable text is None (unreadable), never blank.
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
import unicodedata

import numpy as np

from govcrawl.documents.content import DocumentContent
from govcrawl.documents.grids import clean_cell
from govcrawl.documents.limits import Limits, UnreadableDocument
from govcrawl.documents.rules import _deskew, _regions, _run, _tables
from govcrawl.extract.model import Grid

MIN_DIGIT_SCORE = 0.93          # below it, a number is unreadable (measured on the doc-scan-* cases)
_CLEAN_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_engine = None


def _ocr():
    global _engine
    if _engine is None:
        from rapidocr_onnxruntime import RapidOCR
        _engine = RapidOCR()
    return _engine


def _read_boxes(gray: np.ndarray) -> list[tuple[float, float, float, float, str, float]]:
    result, _ = _ocr()(np.stack([gray] * 3, axis=-1))
    boxes = []
    for points, text, score in result or []:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        boxes.append((min(xs), min(ys), max(xs), max(ys), text, float(score)))
    return boxes


def _reread(gray: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> tuple[str, float]:
    crop = gray[int(y0):int(y1) + 1, int(x0):int(x1) + 1]
    if crop.size == 0 or crop.shape[1] < 4:
        return "", 0.0
    result, _ = _ocr()(np.stack([crop] * 3, axis=-1), use_det=False, use_cls=False)
    if not result:
        return "", 0.0
    text, score = result[0][0], float(result[0][1])
    return text, score


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
    if _CLEAN_NUMBER.match(text) and score >= MIN_DIGIT_SCORE:
        return text
    # a lone 0 often scores 0.3-0.9 though read right; the glyph test is the evidence then
    if text == "0" and score >= 0.3 and crop is not None and _is_zero_glyph(crop):
        return text
    return None


def _ink_crop(interior: np.ndarray) -> np.ndarray | None:
    # the median filter has removed specks: a handful of grey pixels may be a small faint "1",
    # and a cell with ink must never pass as blank (blank means zero)
    ys, xs = np.nonzero(interior < 200)
    if len(xs) < 6:
        return None
    return interior[max(ys.min() - 6, 0):ys.max() + 7, max(xs.min() - 6, 0):xs.max() + 7]


def _digits(text: str) -> str:
    """The number a read shows once specks around it are dropped ("7." -> "7", "12:" -> "12")."""
    return re.sub(r"[^\d.]", "", unicodedata.normalize("NFKC", text)).strip(".")


def _cell_value(pieces: list[tuple[float, float, str, float]], interior: np.ndarray) -> str | None:
    """A label's text, a number two reads agree on, "" for a blank cell, or None.

    One read can be confidently wrong (a blurred 9 read as 6 at 0.99), so a number needs two
    reads that agree: the page pass and the cell's ink read alone (or, when the page pass saw
    nothing, the ink read at two scales). A lone 0 may instead be proved by its glyph."""
    import cv2
    crop = _ink_crop(interior) if interior.size else None
    text = unicodedata.normalize("NFKC", "".join(p[2] for p in sorted(pieces, key=lambda p: (round(p[1] / 12), p[0]))))
    text = clean_cell(text) or ""
    if _CJK.search(text) and len(text) >= 2:
        return text
    if crop is None:
        return "" if not pieces else None
    if crop.shape[1] >= 6 * crop.shape[0]:
        return None                            # a long run of ink without words: not a number
    alone_text, alone_score = _reread_crop(crop)
    alone = _number_or_none(alone_text, alone_score, crop)
    if alone is None:
        return None
    if alone == "0" and _is_zero_glyph(crop) and _digits(text) in ("", "0"):
        return "0"
    if pieces:
        first = _digits(text)
    else:
        big = cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        first = _digits(_reread_crop(big)[0])
    return alone if first == alone else None


def _reread_crop(crop: np.ndarray) -> tuple[str, float]:
    result, _ = _ocr()(np.stack([crop] * 3, axis=-1), use_det=False, use_cls=False)
    return (result[0][0], float(result[0][1])) if result else ("", 0.0)


def _table_grid(region: np.ndarray, run: int) -> Grid | None:
    import cv2
    region = _deskew(region, run)
    clean = cv2.medianBlur(region, 3)          # salt-and-pepper specks read as dots and colons
    first = _tables(region, run)
    if first:
        rows = max(first, key=lambda t: t["rows"] * t["cols"])
        if (rows["box"][3] - rows["box"][1]) / rows["rows"] < 36:
            # small print at scan resolution: the recogniser reads small glyphs far better doubled
            # (specks are removed first: doubled, they would survive the median filter)
            region = cv2.resize(region, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
            clean = cv2.resize(clean, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
            run *= 2
    tables = _tables(region, run)
    if not tables:
        return None
    table = max(tables, key=lambda t: t["rows"] * t["cols"])
    boxes = _read_boxes(clean)
    pieces: dict[int, list] = {i: [] for i in range(len(table["cells"]))}
    for bx0, by0, bx1, by1, btext, bscore in boxes:
        cy = (by0 + by1) / 2
        hits = [i for i, c in enumerate(table["cells"]) if c[5] <= cy <= c[7] and c[4] < bx1 - 4 and c[6] > bx0 + 4]
        if len(hits) == 1:
            pieces[hits[0]].append((bx0, by0, btext, bscore))
        for i in hits if len(hits) > 1 else []:       # the box runs over a rule: read each part alone
            c = table["cells"][i]
            part = _reread(clean, max(bx0, c[4] + 3), by0, min(bx1, c[6] - 3), by1)
            if part[0]:
                pieces[i].append((max(bx0, c[4]), by0) + part)
    grid: Grid = [[""] * table["cols"] for _ in range(table["rows"])]
    for i, (r0, r1, c0, c1, x0, y0, x1, y1) in enumerate(table["cells"]):
        inset = max(4, run // 5)                # keep the rules (thicker when doubled) out of the cell
        value = _cell_value(pieces[i], clean[y0 + inset:y1 - inset + 1, x0 + inset:x1 - inset + 1])
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                grid[r][c] = value
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
            found.append((y0, y1, gray.shape[0], grid))
            lines += [(y0 + r / 100, 0, " ".join(c or "" for c in row)) for r, row in enumerate(grid)]
    text = "\n".join(t for _, _, t in sorted(lines, key=lambda l: (round(l[0] / 15), l[1])))
    return text, found


def _finish(content: DocumentContent, texts: list[str], tables: list) -> DocumentContent:
    from govcrawl.documents.pdf import join_continued
    content.text = "\n".join(texts)
    content.grids = [g for g in join_continued(tables, within_page=True) if g]
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


def ocr_pdf_pages(data: bytes, pages: list[int], limits: Limits) -> tuple[list[str], list[Grid]]:
    """Render the given pages (0-based) with pdftoppm and read them; (texts, grids)."""
    import cv2
    if len(pages) > limits.max_ocr_pages:
        raise UnreadableDocument(f"too many pages: {len(pages)} pages to OCR > limit {limits.max_ocr_pages}")
    texts, tables = [], []
    with tempfile.TemporaryDirectory(prefix="govcrawl-ocr-") as tmp:
        source = os.path.join(tmp, "in.pdf")
        with open(source, "wb") as fh:
            fh.write(data)
        for number in pages:
            prefix = os.path.join(tmp, f"p{number}")
            try:
                subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-f", str(number + 1), "-l", str(number + 1),
                                "-singlefile", source, prefix], check=True, capture_output=True, timeout=limits.timeout_s)
            except FileNotFoundError:
                raise UnreadableDocument("unsupported: scanned PDF needs pdftoppm (apt poppler-utils)") from None
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
                raise UnreadableDocument(f"corrupt: page {number + 1} cannot be rendered ({type(exc).__name__})") from None
            gray = cv2.imread(prefix + ".png", cv2.IMREAD_GRAYSCALE)
            text, found = read_page_image(gray)
            texts.append(text)
            tables += [(number, *t) for t in found]
    content = _finish(DocumentContent(kind="pdf"), texts, tables)
    return texts, content.grids
