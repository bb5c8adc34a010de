"""Columns of a table drawn without ruling lines, from word positions: the intervals under its
headings, and each figure placed in the one interval that holds it whole (see wordgrid)."""
from __future__ import annotations

import re


def centre(w: dict) -> float:
    return (w["x0"] + w["x1"]) / 2


def is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[+\-]?[\d,]+(?:\.\d+)?(?:万?元)?|[-—–/]+|无", text))


def intervals(centres: list[float]) -> list[tuple[float, float]]:
    """Column intervals around sorted header centres: bounded by the midpoints between neighbours,
    the outer ones as wide as their neighbour's half gap."""
    if len(centres) == 1:
        return [(centres[0] - 1e6, centres[0] + 1e6)]
    mids = [(a + b) / 2 for a, b in zip(centres, centres[1:])]
    first, last = centres[0] - (mids[0] - centres[0]), centres[-1] + (centres[-1] - mids[-1])
    bounds = [first, *mids, last]
    return list(zip(bounds, bounds[1:]))


def place(words: list[dict], cols: list[tuple[float, float]]) -> list[str | None] | None:
    """Each number word in the column interval that holds it whole; "" where none (blank: 0);
    None for the whole row when a word is no number, fits no interval, or shares one. Numbers set
    after the label rather than under the headings (simple report generators) are still certain
    when there is one for every column: they are read in order."""
    if not all(is_number(w["text"]) for w in words):
        return None
    cells: list[str | None] = [""] * len(cols)
    for w in words:
        js = [j for j, (a, b) in enumerate(cols) if a <= w["x0"] and w["x1"] <= b]
        if len(js) != 1 or cells[js[0]]:
            return [w["text"] for w in sorted(words, key=lambda w: w["x0"])] if len(words) == len(cols) else None
        cells[js[0]] = w["text"]
    return cells


def starts(xs: list[float]) -> list[tuple[float, float]]:
    """Column intervals from the left edges of left-aligned headings (numbers start there too)."""
    bounds = [x - 3 for x in xs] + [xs[-1] + (xs[-1] - xs[-2] if len(xs) > 1 else 1e6) - 3]
    return list(zip(bounds, bounds[1:]))


def cluster(words: list[dict], tol: float = 2.5, key=centre) -> list[list[dict]]:
    """Words grouped by their centre x (a wrapped header's lines are centred over one column), or
    by their left edge (key=lambda w: w["x0"]) when headings are set left-aligned."""
    groups: list[list[dict]] = []
    for w in sorted(words, key=key):
        if groups and key(w) - key(groups[-1][-1]) <= tol:
            groups[-1].append(w)
        else:
            groups.append([w])
    return [sorted(g, key=lambda w: w["top"]) for g in groups]
