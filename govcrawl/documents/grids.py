"""Small helpers shared by the readers that build grids."""
from __future__ import annotations

import re

from govcrawl.extract.model import Grid

_SPACE = re.compile(r"\s+")


def clean_cell(text: str | None) -> str | None:
    """Drop whitespace inside a cell: PDF/Word labels wrap mid-word (商业\\n企业), and CJK needs no spaces."""
    if text is None:
        return None
    return _SPACE.sub("", text.replace("\u3000", " ").replace("\xa0", " "))


def rectangular(rows: list[list[str | None]]) -> Grid:
    width = max((len(r) for r in rows), default=0)
    return [list(r) + [""] * (width - len(r)) for r in rows]


def drop_empty(grid: Grid, keep_rows: bool = False) -> Grid:
    """Remove rows and columns that are blank everywhere (layout artefacts, not blank-means-zero cells).
    keep_rows: the reader has dropped its artefact rows itself (a ruled PDF's slivers), so a row blank
    everywhere is a row of zeros (table 四's one data row, all blank) and stays."""
    rows = [r for r in grid if keep_rows or any(c not in ("",) for c in r)]
    if not any(c != "" for r in rows for c in r):
        return []
    keep = [j for j in range(len(rows[0])) if any(r[j] != "" for r in rows)]
    return [[r[j] for j in keep] for r in rows]
