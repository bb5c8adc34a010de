"""The portal registry: which web site belongs to which government.

- portalsfile: the portals CSV of interface.md (what `govcrawl crawl` reads);
- linkboxes: the link boxes of a portal that list other governments' sites (pure over bytes);
- identity / verify: who a home page says it belongs to (网站标识码, title, 主办) and the verdict;
- discover: the walk down from a province's or city's portal;
- store: the `registry` table, merged with a user's CSV and never overwritten by a worse guess.
"""
from govcrawl.registry.portalsfile import (
    PortalEntry, PortalsFileError, load_portals, parse_portals, read_portals, row_problem,
)

__all__ = ["PortalEntry", "PortalsFileError", "load_portals", "parse_portals", "read_portals", "row_problem"]
