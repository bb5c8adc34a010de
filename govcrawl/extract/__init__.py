"""Reading report tables: grids and text -> canonical figures, facts, checks, classification.

Pure functions over decoded pages and grids (clean, grid, tables, text_tables, legacy, facts,
classify, checks). Whole pages and documents are read by govcrawl.reading.extract.
"""
from __future__ import annotations

from .model import CheckResult, Extraction, Facts, Figure, Grid

__all__ = ["ExtractionError", "Extraction", "Facts", "Figure", "CheckResult", "Grid"]


class ExtractionError(Exception):
    """The page or document could not be read at all; `reason` says why in one line."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
