"""What reading a document yields: its text and its tables as grids (see govcrawl.extract.model.Grid)."""
from __future__ import annotations

from dataclasses import dataclass, field

from govcrawl.extract.model import Grid


@dataclass
class DocumentContent:
    kind: str                                   # pdf, docx, doc, xlsx, xls, image
    text: str = ""                              # page text in reading order, pages joined by "\n"
    grids: list[Grid] = field(default_factory=list)
    ocr: bool = False                           # True when any page was read by OCR
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
