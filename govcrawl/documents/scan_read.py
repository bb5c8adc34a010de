"""The recogniser's model called directly on scanned text lines, with each character's position.

RapidOCR's own text_rec pads every crop to 320 px and a batch to its widest crop; the cost of the
model grows with the input's width (and with the square of its height), so here each line is read
at its own width, in batches of one width bucket, at a height chosen per use: body text at 32 px
(a character or two of prose may suffer, no figure does), labels and numbers at 48 px.

Numbers are read in strips: many number cells side by side with white between them, one model call
for the strip, each decoded character given to the cell under its CTC column. A strip costs the
width of its cells, not 320 px a cell.
"""
from __future__ import annotations

import os
import tempfile

import numpy as np

from govcrawl import config

_engine = None
_BUCKET = 32          # px of model input width: batches share a width, onnxruntime reuses its buffers
_BATCH = 8
_STRIP_WIDTH = 1024   # px of model input: one strip of number cells
_GAP = 0.75           # white between two cells of a strip, in line heights (several CTC columns)
_INK = 0.6            # a digit's height in the model's input height, as in a printed line


def _ocr():
    global _engine
    if _engine is None:
        import rapidocr_onnxruntime
        import yaml
        from rapidocr_onnxruntime import RapidOCR
        with open(os.path.join(os.path.dirname(rapidocr_onnxruntime.__file__), "config.yaml"), encoding="utf-8") as fh:
            settings = yaml.safe_load(fh)
        # One thread per model: the pool already reads documents side by side, and onnxruntime's
        # idle threads spin, costing CPU seconds without reading anything sooner.
        for part in ("Det", "Cls", "Rec"):
            settings[part]["intra_op_num_threads"] = settings[part]["inter_op_num_threads"] = config.OCR_THREADS
        # (text_rec's own batching is not used here: _run calls the model at each line's width)
        settings["Rec"]["rec_img_shape"] = [3, 48, config.OCR_REC_MIN_WIDTH]
        settings["Rec"]["rec_batch_num"] = config.OCR_REC_BATCH
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as fh:
            yaml.safe_dump(settings, fh)
        try:
            _engine = RapidOCR(config_path=fh.name)
        finally:
            os.unlink(fh.name)
    return _engine


_twins = None


def _session():
    rec = _ocr().text_rec
    return rec.session, rec.postprocess_op.character


def _twin_classes(chars: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(kept, folded) class indices: a full-width digit or point (７, ．) is one class with its ASCII
    twin. The model splits a clean 7's probability between the two (0.55 and 0.4), which made a
    sure digit look unsure. Circled and superscript digits stay apart: they are other glyphs."""
    index = {ch: k for k, ch in enumerate(chars) if k and ch}
    kept, folded = [], []
    for k, ch in enumerate(chars):
        if k and len(ch) == 1 and ch in "０１２３４５６７８９．" and chr(ord(ch) - 0xFEE0) in index:
            kept.append(index[chr(ord(ch) - 0xFEE0)])
            folded.append(k)
    return np.array(kept, dtype=int), np.array(folded, dtype=int)


def _prepare(crop: np.ndarray, height: int, width: int | None = None, min_width: int = 0, pad: int = 255) -> np.ndarray:
    import cv2
    w = max(int(np.ceil(height * crop.shape[1] / crop.shape[0])), 1)
    line = cv2.resize(crop, (w, height))                 # bilinear, as the model was trained
    width = width or max(-(-w // _BUCKET) * _BUCKET, 2 * height, min_width)
    out = np.full((height, width), pad, np.uint8)
    out[:, :min(w, width)] = line[:, :width]
    return out


def _run(images: list[np.ndarray]) -> list[list[tuple[str, float, float]]]:
    """Each image's characters as (char, probability, x centre in px of the image)."""
    global _twins
    session, chars = _session()
    if _twins is None:
        _twins = _twin_classes(chars)
    kept, folded = _twins
    order = sorted(range(len(images)), key=lambda i: images[i].shape[1])
    out: list = [None] * len(images)
    i = 0
    while i < len(order):
        width = images[order[i]].shape[1]
        group = [j for j in order[i:i + _BATCH] if images[j].shape[1] == width]
        i += len(group)
        batch = np.stack([np.stack([images[j]] * 3) for j in group]).astype(np.float32) / 127.5 - 1.0
        preds = session(batch)[0]
        if len(folded):
            np.add.at(preds, (slice(None), slice(None), kept), preds[:, :, folded])
            preds[:, :, folded] = 0.0
        for j, p in zip(group, preds):
            step = width / p.shape[0]
            idx, prob = p.argmax(axis=1), p.max(axis=1)
            found, prev = [], 0
            for t, k in enumerate(idx):
                if k != 0 and k != prev:
                    found.append((chars[k], float(prob[t]), (t + 0.5) * step))
                elif k != 0 and k == prev and found:      # a character spans columns: its weakest
                    ch, pr, x = found[-1]
                    found[-1] = (ch, min(pr, float(prob[t])), x)
                prev = k
            out[j] = found
    return out


def read_lines(crops: list[np.ndarray], height: int = 48, min_width: int = 0, pad: int = 255) -> list[tuple[str, float]]:
    """(text, mean character probability) of each line crop, as RapidOCR's text_rec reports it;
    min_width: padding on the right up to it, in grey (pad=128: RapidOCR's own zero padding, which
    short labels read best with) or white (numbers alone, which read best at their own width)."""
    if not crops:
        return []
    result = []
    for found in _run([_prepare(c, height, min_width=min_width, pad=pad) for c in crops]):
        text = "".join(ch for ch, _, _ in found)
        result.append((text, float(np.mean([p for _, p, _ in found])) if found else 0.0))
    return result


def _tight(crop: np.ndarray, height: int, ink_share: float = _INK) -> np.ndarray:
    """The crop's ink scaled to ink_share of the model's height, centred in white: numbers in a strip
    look like one printed line, whatever margin each cell's crop kept."""
    import cv2
    ys, xs = np.nonzero(crop < 200)
    if not len(xs):
        return np.full((height, height // 2), 255, np.uint8)
    ink = crop[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    h = max(int(round(height * ink_share)), 1)
    w = max(int(round(ink.shape[1] * h / ink.shape[0])), 1)
    ink = cv2.resize(ink, (w, h), interpolation=cv2.INTER_AREA if ink.shape[0] > h else cv2.INTER_CUBIC)
    out = np.full((height, w + 4), 255, np.uint8)
    top = (height - h) // 2
    out[top:top + h, 2:2 + w] = ink
    return out


def read_numbers(crops: list[np.ndarray], height: int = 48, reverse: bool = False,
                 ink_share: float = _INK) -> list[tuple[str, float]]:
    """(text, weakest character probability) of each number crop, read in strips. A character
    decoded in the white between two cells belongs to neither: both cells read as unsure ("", 0).
    reverse: the cells in the other order (other neighbours in each strip); ink_share: the digits'
    height in the model's input (another scale)."""
    if not crops:
        return []
    gap = int(_GAP * height)
    order = list(range(len(crops)))[::-1 if reverse else 1]
    strips, spans, cur, x = [], [], [], gap // 2
    lines = {i: _tight(crops[i], height, ink_share) for i in order}
    for i in order:
        w = lines[i].shape[1]
        if cur and x + w + gap // 2 > _STRIP_WIDTH:
            strips.append(cur)
            cur, x = [], gap // 2
        cur.append((i, x, x + w))
        x += w + gap
    if cur:
        strips.append(cur)
    images = []
    for strip in strips:
        # as wide as its cells (a short last strip, or the few doubted cells, cost only their width)
        used = min(-(-(strip[-1][2] + gap // 2) // _BUCKET) * _BUCKET, _STRIP_WIDTH)
        img = np.full((height, used), 255, np.uint8)
        for i, x0, x1 in strip:
            img[:, x0:x1] = lines[i][:, :min(x1, _STRIP_WIDTH) - x0]
        images.append(img)
    result: dict[int, tuple[str, float]] = {}
    for strip, found in zip(strips, _run(images)):
        got: dict[int, list] = {i: [] for i, _, _ in strip}
        stray = set()
        for ch, p, cx in found:
            if not ch.strip():                     # a space (U+3000) read in the white: no ink, nobody's
                continue
            # CTC columns place a character within a column or so of its glyph: the nearest cell
            # owns it, if it is near; one in the middle of the white is nobody's
            near = [(max(x0 - cx, 0, cx - x1), i) for i, x0, x1 in strip]
            dist, owner = min(near)
            if dist <= gap / 3:
                got[owner].append((ch, p))
            else:                                  # between cells: the two neighbours are in doubt
                left = [i for i, x0, x1 in strip if x1 < cx]
                right = [i for i, x0, x1 in strip if x0 > cx]
                stray.update(([left[-1]] if left else []) + ([right[0]] if right else []))
        for i, chars in got.items():
            if i in stray:
                result[i] = ("", 0.0)
            else:
                result[i] = ("".join(c for c, _ in chars), min((p for _, p in chars), default=0.0))
    return [result[i] for i in range(len(crops))]
