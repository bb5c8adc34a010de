"""The one item the spider yields: a report candidate with the raw bytes of its sources.

The schema travels with the item (ValidatePipeline checks it); extraction fills `extraction`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from govcrawl.db.store import Fetched
from govcrawl.extract.model import Extraction


@dataclass
class ReportCandidate:
    portal_url: str                      # identifies the portal (portals.url)
    region_hint: str                     # the portal's division code
    url: str                             # where the report was found (page, or document for PDF-only reports)
    page: Fetched
    attachments: list[Fetched] = field(default_factory=list)
    anchor_text: str = ""                # the listing's link text: a title hint for documents
    listing_url: str = ""
    listing_date: str = ""               # YYYY-MM-DD beside the link on the listing
    copies: list[str] = field(default_factory=list)   # the page's own PDF/DOCX copies, fetched or not
    # filled by the pipelines
    extraction: Extraction | None = None
    best_source: int = -1                # -1: the page; i >= 0: attachments[i]
    error: str = ""
    source_errors: list[tuple[str, str]] = field(default_factory=list)   # (attachment url, why unreadable)

    def __repr__(self) -> str:
        # Short, and never the bytes: Scrapy logs items (a dropped one at WARNING by default).
        state = ("pending" if self.extraction is None else "report" if self.extraction.is_report else "not a report")
        return (f"<ReportCandidate {self.url} page={self.page!r} attachments={len(self.attachments)} {state}"
                + (f" error={self.error[:80]!r}" if self.error else "") + ">")

    def sources(self) -> list[Fetched]:
        return [self.page, *self.attachments]
