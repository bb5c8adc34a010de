"""Write a validated report, its source documents, figures and checks: one transaction per report."""
from __future__ import annotations

import logging

from govcrawl.db import store
from govcrawl.items import ReportCandidate
from pipelines import CrawlerPipeline

log = logging.getLogger(__name__)


class StorePipeline(CrawlerPipeline):
    def process_item(self, item: ReportCandidate):
        spider = self.crawler.spider
        state = spider.states[item.portal_url]
        try:
            with spider.Session.begin() as s:
                docs = []
                for i, src in enumerate(item.sources()):
                    doc = store.record_document(s, state.portal_id, src)
                    docs.append((doc, src.role, i - 1 == item.best_source))
                    store.remember_page(s, portal_id=state.portal_id, url=src.url, kind="report" if i == 0 else "attachment",
                                        status=src.status, etag=src.etag, last_modified=src.last_modified,
                                        digest=doc.sha256)
                outcome = store.save_report(s, portal_id=state.portal_id, url=item.url,
                                            extraction=item.extraction, sources=docs)
        except Exception as exc:   # one report that cannot be written must not stop the crawl
            log.exception("could not store %s", item.url)
            spider._error(state, item.url, "store", f"{type(exc).__name__}: {exc}")
            return item
        setattr(state.counters, f"reports_{outcome}", getattr(state.counters, f"reports_{outcome}") + 1)
        state.known_reports.add(item.url)
        spider.progress.reports += 1
        return item
