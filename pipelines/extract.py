"""Read every source of a candidate (page, attachments) and keep the best extraction.

Best source: the one with the most readable figures (an HTML page whose tables are only in its
PDF copy loses to the PDF). When two sources both carry figures and disagree, the disagreement
is recorded as a warning on the report.
"""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from govcrawl import config
from govcrawl.documents.pool import extract_isolated, get_pool
from govcrawl.extract import ExtractionError
from govcrawl.items import ReportCandidate
from pipelines import CrawlerPipeline

log = logging.getLogger(__name__)


# Extraction runs in the pool's worker processes (govcrawl.documents.pool: memory, CPU and wall limits,
# so no page can take the crawler's own memory); these threads only wait for them, beside the
# reactor, so the crawl keeps fetching. As many threads as workers.
_EXTRACTORS = ThreadPoolExecutor(max_workers=config.EXTRACT_WORKERS, thread_name_prefix="extract")


class ExtractPipeline(CrawlerPipeline):
    def __init__(self, crawler=None):
        super().__init__(crawler)
        get_pool()          # start the workers now: the first report must not wait for their imports

    async def process_item(self, item: ReportCandidate):
        return await asyncio.wrap_future(_EXTRACTORS.submit(read_candidate, item))


def read_candidate(item: ReportCandidate) -> ReportCandidate:
    """Extract every source; keep the best as item.extraction (pure: no Scrapy, no database).
    A source that cannot be read (or breaks a limit) costs its reading, never the crawl: when no
    source is readable, item.error says why for each."""
    results = []
    for i, src in enumerate(item.sources()):
        try:
            ex = extract_isolated(src.body, url=src.url, content_type=src.content_type,
                                  listing_date=item.listing_date or None, region_hint=item.region_hint or None)
        except ExtractionError as exc:
            results.append((i, None, str(exc)))
            continue
        except Exception as exc:  # a parser bug must cost one report, never the crawl
            log.exception("extraction crashed on %s", src.url)
            results.append((i, None, f"parser error: {type(exc).__name__}: {exc}"))
            continue
        results.append((i, ex, ""))
    readable = [(i, ex) for i, ex, _ in results if ex is not None]
    # an attachment that could not be read leaves a row, even when the page gives the report
    item.source_errors = [(item.sources()[i].url, err) for i, ex, err in results if ex is None and i > 0]
    if not readable:
        item.error = "; ".join(err for _, _, err in results if err) or "nothing readable"
        return item
    page_ex = readable[0][1] if readable[0][0] == 0 else None
    best_i, best = max(readable, key=lambda r: (len(r[1].figures), r[1].is_report, -r[0]))
    if page_ex is not None and best is not page_ex:
        # Facts (title, dates) are the page's; figures are the document's.
        best.facts.title = best.facts.title if not page_ex.is_report else page_ex.facts.title or best.facts.title
        for attr in ("agency", "level", "region_code", "year", "published"):
            if getattr(page_ex.facts, attr) and page_ex.is_report:
                setattr(best.facts, attr, getattr(page_ex.facts, attr))
        best.is_report = best.is_report or page_ex.is_report
        best.text = best.text or page_ex.text
    for i, ex in readable:
        if ex is best or not ex.figures or not best.figures:
            continue
        differ = sorted(k for k in ex.figures.keys() & best.figures.keys()
                        if ex.figures[k].value != best.figures[k].value)
        if differ:
            best.warnings.append(f"source {item.sources()[i].url} disagrees on {len(differ)} figures: "
                                 + ", ".join(differ[:10]))
    if not best.facts.title and item.anchor_text:
        best.facts.title = item.anchor_text
    if best_i > 0 and (page_ex is None or not page_ex.is_report) and best.is_report:
        # The page only links to its report (a lone PDF/DOCX): the document is the report.
        item.url = item.sources()[best_i].final_url or item.sources()[best_i].url
    item.extraction, item.best_source = best, best_i - 1
    return item
