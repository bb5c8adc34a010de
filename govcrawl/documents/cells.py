"""One table cell of a scanned page, before any OCR: is there ink, and which text lines does it hold.

A ruled cell is a box of known position, so the recogniser can read its lines directly: no text
detection over the page (the costly pass), and no box that runs over a rule into the next cell.
A blank cell (no ink after the specks are gone) is "" without any OCR at all: a blank means 0,
and most cells of a county's table 三 are blank.
"""
from __future__ import annotations

import numpy as np

from govcrawl import config


def ink_crop(interior: np.ndarray) -> np.ndarray | None:
    """The cell's ink with a white margin, or None for a blank cell. A handful of grey pixels may
    be a small faint "1": a cell with ink must never pass as blank (blank means zero)."""
    ys, xs = np.nonzero(interior < config.OCR_INK_LEVEL)
    if len(xs) < config.OCR_MIN_INK_PIXELS:
        return None
    m = config.OCR_CROP_MARGIN_PX
    return interior[max(ys.min() - m, 0):ys.max() + m + 1, max(xs.min() - m, 0):xs.max() + m + 1]


def text_lines(crop: np.ndarray) -> list[np.ndarray]:
    """The crop cut into its text lines at the white rows between them (a wrapped label's lines),
    each with a white margin; lines thinner than a stroke are specks, not text."""
    dark = (crop < config.OCR_INK_LEVEL).sum(axis=1) > 0
    runs, start = [], None
    for y, d in enumerate(list(dark) + [False]):
        if d and start is None:
            start = y
        elif not d and start is not None:
            runs.append([start, y])
            start = None
    if not runs:
        return []
    tallest = max(b - a for a, b in runs)
    # a gap of a pixel or two inside a glyph (the strokes of 二, 三) does not part two lines
    merged = [runs[0]]
    for a, b in runs[1:]:
        if a - merged[-1][1] < max(2, tallest // 6):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    m = config.OCR_CROP_MARGIN_PX
    out = []
    for a, b in merged:
        if b - a < max(3, tallest // 4):
            continue
        line = crop[a:b]
        xs = np.nonzero((line < config.OCR_INK_LEVEL).any(axis=0))[0]
        line = line[:, xs.min():xs.max() + 1]
        out.append(np.pad(line, m, constant_values=255))
    return out
