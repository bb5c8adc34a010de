"""Learned entry points: the fewest listing pages from which every report of a portal was reached.

Every page that links a report is remembered with how many report links it carries; at the end,
each stored report contributes the best of its linkers (the page with most report links: a
listing, not the home page's "latest" box or a 统计表 page pointing back at its report).
"""
from __future__ import annotations

from collections import defaultdict

from govcrawl.discovery.pages import listing_first_page


class EntryPoints:
    def __init__(self):
        self.linkers: dict[str, set[str]] = defaultdict(set)    # report url -> listing first pages
        self.weight: dict[str, int] = defaultdict(int)          # listing first page -> report links seen
        self.empty_columns: set[str] = set()

    def saw_listing(self, listing_url: str, report_urls: list[str]) -> None:
        if not report_urls:
            return
        first = listing_first_page(listing_url)
        self.weight[first] += len(report_urls)
        for url in report_urls:
            self.linkers[url].add(first)

    def saw_report(self, report_url: str, listing_url: str) -> None:
        """A report reached from a family request (POST, API): its listing is given explicitly."""
        first = listing_first_page(listing_url)
        self.weight[first] += 1
        self.linkers[report_url].add(first)

    def saw_empty_column(self, listing_url: str) -> None:
        """A report column without reports yet (a township's first year): watched from now on."""
        self.empty_columns.add(listing_first_page(listing_url))

    def best(self, stored_reports: set[str], home_url: str = "") -> set[str]:
        """One listing per stored report; the home page only when nothing else links the report."""
        home = listing_first_page(home_url).rstrip("/") if home_url else None
        out = {c for c in self.empty_columns if not self.weight.get(c)}
        for url in stored_reports:
            linkers = self.linkers.get(url)
            if not linkers:
                continue
            inner = [l for l in linkers if l.rstrip("/") != home] or list(linkers)
            out.add(max(inner, key=lambda l: (self.weight[l], -len(l), l)))
        return out


def newest_published(Session, portal_id: int) -> str:
    """YYYY-MM-DD of the portal's most recently published known report ('' when none)."""
    from sqlalchemy import func, select

    from govcrawl.db.models import Report
    with Session() as s:
        d = s.scalar(select(func.max(Report.published)).where(Report.portal_id == portal_id))
    return d.isoformat() if d else ""


def should_turn_page(new: list, reports: list, dated: list[str], newest_known: str) -> bool:
    """On a re-crawl, whether a learned listing's further pages can hold anything new.

    Listings run newest first. Nothing new on this page: no. Otherwise, when the page's oldest dated
    entry is no newer than the newest report already known, older pages hold only what was seen.
    Without dates: only when every report entry on the page is new.
    """
    if not new:
        return False
    if dated and newest_known:
        return min(dated) > newest_known
    return len(new) == len(reports)
