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
from govcrawl.documents.grids import clean_cell, drop_empty
from govcrawl.documents.limits import Limits, UnreadableDocument
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


def _run(page_shape: tuple[int, ...]) -> int:
    """Shortest rule, in pixels: longer than a character stroke, shorter than one table row."""
    return max(15, min(page_shape[:2]) // 55)


def _masks(gray: np.ndarray, run: int) -> tuple[np.ndarray, np.ndarray]:
    import cv2
    ink = (gray < 200).astype(np.uint8) * 255     # rules are thin and grey after scanning
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (run * 2, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, run)))
    return horizontal, vertical


def _deskew(gray: np.ndarray, run: int) -> np.ndarray:
    import cv2
    horizontal, _ = _masks(gray, run)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal)
    angles = []
    for i in range(1, count):
        if stats[i, cv2.CC_STAT_WIDTH] > gray.shape[1] // 4:
            ys, xs = np.nonzero(labels == i)
            angles.append(np.degrees(np.arctan(np.polyfit(xs, ys, 1)[0])))
    if not angles or abs(np.median(angles)) < 0.05:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), float(np.median(angles)), 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def _positions(profile: np.ndarray, threshold: float) -> list[int]:
    """Centres of the runs where a projection profile exceeds threshold."""
    out, start = [], None
    for i, v in enumerate(list(profile) + [0]):
        if v > threshold and start is None:
            start = i
        elif v <= threshold and start is not None:
            out.append((start + i - 1) // 2)
            start = None
    return out


def _tables(gray: np.ndarray, run: int) -> list[dict]:
    """Each ruled table: its box, rule positions, and its cells as (r0, r1, c0, c1, x0, y0, x1, y1)."""
    import cv2
    horizontal, vertical = _masks(gray, run)
    frame = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(frame)
    tables = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if w < gray.shape[1] * 0.3 or h < 20:
            continue
        hm, vm = horizontal[y:y + h, x:x + w] > 0, vertical[y:y + h, x:x + w] > 0
        # Whether a rule separates two slots is judged on the ink itself: a short rule in a scan is
        # often too broken to survive the morphological opening, and text never runs the whole side.
        ink = gray[y:y + h, x:x + w] < 200
        ys = _positions(hm.sum(axis=1), w * 0.1)
        xs = _positions(vm.sum(axis=0), run)
        if len(ys) < 2 or len(xs) < 2:
            continue
        parent = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}

        def find(k):
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for r in range(len(ys) - 1):
            for c in range(len(xs) - 1):
                top, bottom, left, right = ys[r] + 4, ys[r + 1] - 4, xs[c] + 4, xs[c + 1] - 4
                if c + 1 < len(xs) - 1 and bottom > top:   # a rule between this slot and the right one?
                    cut = slice(max(xs[c + 1] - 2, 0), xs[c + 1] + 3)
                    strict = vm[top:bottom, cut].any(axis=1).mean() >= 0.5
                    # text leaves white above and below itself; a rule runs the row's full height
                    loose = ink[ys[r] + 2:ys[r + 1] - 1, cut].any(axis=1).mean() >= 0.95
                    if not (strict or loose):
                        parent[find((r, c + 1))] = find((r, c))
                if r + 1 < len(ys) - 1 and right > left:
                    cut = slice(max(ys[r + 1] - 2, 0), ys[r + 1] + 3)
                    strict = hm[cut, left:right].any(axis=0).mean() >= 0.5
                    loose = ink[cut, xs[c] + 2:xs[c + 1] - 1].any(axis=0).mean() >= 0.95
                    if not (strict or loose):
                        parent[find((r + 1, c))] = find((r, c))
        groups: dict = {}
        for k in parent:
            groups.setdefault(find(k), []).append(k)
        cells = []
        for slots in groups.values():
            r0, r1 = min(s[0] for s in slots), max(s[0] for s in slots)
            c0, c1 = min(s[1] for s in slots), max(s[1] for s in slots)
            cells.append((r0, r1, c0, c1, x + xs[c0], y + ys[r0], x + xs[c1 + 1], y + ys[r1 + 1]))
        tables.append({"box": (x, y, x + w, y + h), "rows": len(ys) - 1, "cols": len(xs) - 1, "cells": cells})
    return sorted(tables, key=lambda t: t["box"][1])


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


def _regions(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of ruled tables, before deskewing: each is deskewed on its own, since
    a long image stitched from several scanned pages has one angle per page."""
    import cv2
    horizontal, vertical = _masks(gray, _run(gray.shape))
    frame = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(frame)
    out = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if w >= gray.shape[1] * 0.3 and h >= 20:   # one table row is ~25 px at 150 dpi
            out.append((max(x - 12, 0), max(y - 12, 0), min(x + w + 12, gray.shape[1]), min(y + h + 12, gray.shape[0])))
    return sorted(out, key=lambda b: b[1])


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
