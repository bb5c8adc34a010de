"""Keep only real reports, and only figures that fit the schema of their format generation."""
from __future__ import annotations

import logging
from datetime import date

from scrapy.exceptions import DropItem

from govcrawl.discovery.scoring import looks_like_report_title
from govcrawl.extract.metrics import keys_for
from govcrawl.items import ReportCandidate
from govcrawl.runtime.context import CrawlContext
from pipelines import CrawlerPipeline

log = logging.getLogger(__name__)


class NotAReport(DropItem):
    pass


def validate(item: ReportCandidate) -> list[str]:
    """Problems with an extracted report; empty when it may be stored."""
    ex = item.extraction
    problems = []
    f = ex.facts
    if f.format and ex.figures:
        allowed = set(keys_for(f.format))
        if f.format == "2021":
            allowed |= set(keys_for("2019"))   # a 2021 report printing (六) as one row uses requests.other.*
        stray = sorted(k for k in ex.figures if k not in allowed)
        if stray:
            problems.append(f"keys outside format {f.format}: {', '.join(stray[:5])}")
    if f.year is not None and not (2007 <= f.year <= date.today().year):
        problems.append(f"implausible year {f.year}")
    if f.published is not None and f.published > date.today():
        problems.append(f"published in the future: {f.published}")
    return problems


class ValidatePipeline(CrawlerPipeline):
    def process_item(self, item: ReportCandidate):
        crawl = CrawlContext.of(self.crawler) if self.crawler is not None else None
        state = crawl.state_of(item.portal_url) if crawl is not None else None
        if state is not None:
            for url, why in item.source_errors:
                crawl.error(state, url, "attachment", f"unreadable: {why} (attachment of {item.url})"[:1000])
        if item.extraction is None or not item.extraction.is_report:
            if state is not None:
                state.counters.not_reports += 1
                if item.error:
                    crawl.error(state, item.url, "unreadable", item.error)
                elif looks_like_report_title(item.anchor_text) or looks_like_report_title(item.extraction.facts.title):
                    # it was fetched because it looked like a report: say why it is not one
                    crawl.error(state, item.url, "not_report", item.extraction.not_report_reason)
            raise NotAReport(f"not a report: {item.url} ({item.error or item.extraction.not_report_reason})")
        problems = validate(item)
        if problems:
            # Stored, but flagged: auditors look exactly for reports that do not fit.
            item.extraction.warnings.extend(problems)
            log.warning("report %s: %s", item.url, "; ".join(problems))
        return item
