"""Write a validated report, its source documents, figures and checks: one transaction per report.

Through the crawl's Recorder (govcrawl/runtime/recorder.py): when the database is gone the report is
counted as fetched-but-not-stored and the crawl closes; nothing of it is remembered, so the next
crawl fetches it again.
"""
from __future__ import annotations

import logging

from govcrawl.db import store
from govcrawl.items import ReportCandidate
from govcrawl.runtime.context import CrawlContext
from pipelines import CrawlerPipeline

log = logging.getLogger(__name__)


class StorePipeline(CrawlerPipeline):
    def process_item(self, item: ReportCandidate):
        crawl = CrawlContext.of(self.crawler)
        state = crawl.state_of(item.portal_url)
        recorder = crawl.recorder

        def save(Session):
            with Session.begin() as s:
                # A listing that links a report page's own PDF/DOCX copy directly: the copy is a source of
                # that report, not a second report of the same body and year.
                owner = state.copy_owners.get(item.url) or getattr(store.copy_owner(s, state.portal_id, item.url),
                                                                    "url", "")
                if owner and not item.copies:
                    store.add_copy(s, state.portal_id, owner, item.page)
                    return "copy", owner, []
                docs = []
                for i, src in enumerate(item.sources()):
                    doc = store.record_document(s, state.portal_id, src)
                    docs.append((doc, src.role, i - 1 == item.best_source))
                    store.remember_page(s, portal_id=state.portal_id, url=src.url, kind="report" if i == 0 else "attachment",
                                        status=src.status, etag=src.etag, last_modified=src.last_modified,
                                        digest=doc.sha256)
                outcome = store.save_report(s, portal_id=state.portal_id, url=item.url,
                                            extraction=item.extraction, sources=docs)
                return outcome, "", store.fold_copies(s, item.url, item.copies)
        try:
            outcome = recorder.call(save)
        except Exception as exc:   # one report that cannot be written must not stop the crawl
            log.error("could not store %s: %s: %s", item.url, type(exc).__name__, str(exc).splitlines()[0][:300]
                      if str(exc) else "", exc_info=log.isEnabledFor(logging.DEBUG))
            crawl.error(state, item.url, "store", f"{type(exc).__name__}: {exc}")
            return item
        if outcome is None:       # the database is gone: counted, the crawl is closing
            recorder.report_unstored()
            return item
        outcome, owner, folded = outcome
        if outcome == "copy":
            crawl.error(state, item.url, "copy", f"a copy of the report {owner}: stored as its source, not a report")
            return item
        for url in folded:
            crawl.error(state, url, "copy", f"stored before as a report of its own; now a source of {item.url}")
            state.known_reports.discard(url)
        state.copy_owners.update({c: item.url for c in item.copies})
        recorder.report_stored()
        setattr(state.counters, f"reports_{outcome}", getattr(state.counters, f"reports_{outcome}") + 1)
        state.known_reports.add(item.url)
        crawl.progress.reports += 1
        return item
