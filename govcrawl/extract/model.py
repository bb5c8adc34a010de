"""What extraction produces: plain dataclasses shared by parsers, pipelines, the CLI and tests.

Parsing is pure functions over bytes; these types are the only thing they hand on. Nothing here
knows about Scrapy or the database.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# A grid is one table with rowspan/colspan expanded: every row has the same length and a merged
# cell's text is repeated in every position it covers. A cell is None when its text could not be
# read with certainty (OCR), which makes any figure read from it unreadable, never guessed.
Grid = list[list[str | None]]


@dataclass
class Figure:
    key: str                  # canonical key from metrics.csv, e.g. requests.new.natural_person
    value: Decimal            # a blank cell is 0; amounts in 万元
    raw: str                  # the cell text as printed ("" for a blank cell)
    table: str = ""           # "2", "3", "4" or "legacy"
    row_label: str = ""       # labels as printed, for provenance
    col_label: str = ""
    source: str = ""          # "html", "text", "pdf", "docx", "ocr", ...


@dataclass
class CheckResult:
    check: str                # e.g. "balance.natural_person", "outcomes.total", "row_total.granted", "review.total"
    passed: bool
    detail: str = ""
    keys: tuple[str, ...] = ()   # the figures it adds up


@dataclass
class Facts:
    title: str = ""
    agency: str = ""
    level: str = ""           # city | county | township | department | province
    region_code: str = ""     # 6-digit division code
    year: int | None = None   # the year reported on
    published: date | None = None
    format: str = ""          # "2021" | "2019" | "legacy" | ""


@dataclass
class Extraction:
    facts: Facts = field(default_factory=Facts)
    figures: dict[str, Figure] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)        # keys that exist in the format but could not be read
    ambiguous: list[str] = field(default_factory=list)          # subset of unreadable: text runs that could split several ways
    checks: list[CheckResult] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)      # "一" .. "六" -> text
    text: str = ""                                              # the report's own text, chrome removed
    is_report: bool = False
    not_report_reason: str = ""
    attachments: list[str] = field(default_factory=list)        # absolute URLs of PDF/DOC/XLS/image links in the body
    warnings: list[str] = field(default_factory=list)           # e.g. narrative figures that disagree with the table

    @property
    def checks_failed(self) -> int:
        return sum(1 for c in self.checks if not c.passed)
