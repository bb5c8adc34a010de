"""Per-portal bookkeeping for one crawl: budget, what was seen, what was learned, counts for the history.

The frontier (govcrawl/crawl/frontier.py) is the only writer of `seen` and `scheduled`, through
`claim` and `take_budget`: a crawl shared by several workers replaces those two with shared ones.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from govcrawl import config
from govcrawl.discovery.entrypoints import EntryPoints
from govcrawl.registry import PortalEntry


@dataclass
class PortalCounters:
    requests: int = 0
    bytes: int = 0
    reports_new: int = 0
    reports_changed: int = 0
    reports_unchanged: int = 0
    not_reports: int = 0
    errors: int = 0
    browser_pages: int = 0
    errors_by_kind: Counter = field(default_factory=Counter)


@dataclass
class PortalCrawl:
    entry: PortalEntry
    portal_id: int
    hosts: frozenset[str]
    budget: int
    incremental: bool = False
    scheduled: int = 0                       # requests handed to Scrapy (the budget counts these)
    outstanding: int = 0                     # scheduled and not yet answered
    seen: set[str] = field(default_factory=set)
    query_variants: Counter = field(default_factory=Counter)   # (host, path) -> distinct queries seen
    known_reports: set[str] = field(default_factory=set)
    validators: dict[str, tuple[str, str]] = field(default_factory=dict)   # url -> (etag, last_modified)
    old_entry_points: list[str] = field(default_factory=list)
    entry_points: set[str] = field(default_factory=set)        # listings where reports were found
    counters: PortalCounters = field(default_factory=PortalCounters)
    over_budget: int = 0                     # links not followed because the budget was spent
    status: str = ""                         # down | blocked | budget | ok (set when known)
    done: bool = False                       # no request of it outstanding
    items_open: int = 0                      # its report candidates still in the pipelines
    recorded: bool = False                   # its run row is written (a fed crawl records each portal as it ends)
    lease_lost: bool = False                 # a fed crawl's lease on it expired: another worker has it now
    newest_known: str = ""                   # published date of the newest report known before this crawl
    learned: EntryPoints = field(default_factory=EntryPoints)   # which listings led to reports
    families: Counter = field(default_factory=Counter)          # CMS family -> pages of this portal it claimed
    copy_owners: dict[str, str] = field(default_factory=dict)   # a stored report's copy URL -> its report URL

    def claim(self, key: str) -> bool:
        """True the first time a request key (URL, or method + URL + body) is asked for."""
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def take_budget(self) -> bool:
        """One request of the budget; False (and counted) when it is spent."""
        if self.scheduled >= self.budget:
            self.over_budget += 1          # recorded once per portal when it is done (kind `budget`)
            return False
        self.scheduled += 1
        self.outstanding += 1
        return True

    @staticmethod
    def hosts_for(entry: PortalEntry) -> frozenset[str]:
        return frozenset({entry.host, *entry.extra_hosts})

    def query_budget_ok(self, url: str, limit: int = config.CRAWL_QUERY_VARIANTS) -> bool:
        """Calendars and search pages make endless ?date= URLs: cap distinct queries per path."""
        parts = urlsplit(url)
        if not parts.query:
            return True
        key = (parts.netloc, parts.path)
        self.query_variants[key] += 1
        return self.query_variants[key] <= limit

    def error(self, kind: str) -> None:
        self.counters.errors += 1
        self.counters.errors_by_kind[kind] += 1
