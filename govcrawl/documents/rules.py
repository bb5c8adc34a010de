"""Table structure of a page image from its ruling lines: deskew, rule positions, merged cells.

The grid comes from the rules, not from the text: a page is deskewed by the angle of its long
horizontal rules, cut at every rule, and neighbouring slots without a rule between them are one
merged cell.
"""
from __future__ import annotations

import numpy as np


def _run(page_shape: tuple[int, ...]) -> int:
    """Shortest rule, in pixels: longer than a character stroke, shorter than one table row."""
    return max(15, min(page_shape[:2]) // 55)


def _masks(gray: np.ndarray, run: int) -> tuple[np.ndarray, np.ndarray]:
    import cv2
    ink = (gray < 200).astype(np.uint8) * 255     # rules are thin and grey after scanning
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (run * 2, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, run)))
    return horizontal, vertical


def _skew_angle(gray: np.ndarray, run: int) -> float:
    """The page's turn in degrees, from its long horizontal rules (0 when under 0.05)."""
    import cv2
    horizontal, _ = _masks(gray, run)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal)
    angles = []
    for i in range(1, count):
        if stats[i, cv2.CC_STAT_WIDTH] > gray.shape[1] // 4:
            ys, xs = np.nonzero(labels == i)
            angles.append(np.degrees(np.arctan(np.polyfit(xs, ys, 1)[0])))
    if not angles or abs(np.median(angles)) < 0.05:
        return 0.0
    return float(np.median(angles))


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """gray turned by angle degrees about its centre (the same turn at any resolution)."""
    import cv2
    if not angle:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def _deskew(gray: np.ndarray, run: int) -> np.ndarray:
    return _rotate(gray, _skew_angle(gray, run))


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
        # a rule runs from one horizontal rule to the next; the same stroke of the same character
        # in every row's label (内 of 信息内容) adds up to a column of ink too, but never spans a row
        xs = [v for v in xs if any(vm[a + 2:b - 1, max(v - 2, 0):v + 3].any(axis=1).mean() >= 0.8
                                   for a, b in zip(ys, ys[1:]) if b - a > 4)]
        if len(xs) < 2:
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
        tables.append({"box": (x, y, x + w, y + h), "rows": len(ys) - 1, "cols": len(xs) - 1, "cells": cells,
                       "heights": [b - a for a, b in zip(ys, ys[1:])]})
    return sorted(tables, key=lambda t: t["box"][1])


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
