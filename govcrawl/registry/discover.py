"""The walk down: from one portal, through the link boxes of every government portal it verifies.

Province -> cities -> counties -> the counties' departments and townships, each tied to the
government that listed it. Every candidate address is verified (govcrawl.registry.verify) as the
government its link names; for each government the best-founded address is kept and the others
(copy sites, clones, dead second links) stay in its evidence.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

from govcrawl import config
from govcrawl.extract.regions import division, parent_code
from govcrawl.registry.linkboxes import box_links
from govcrawl.registry.names import GOVERNMENT_LEVELS, Target, target_of
from govcrawl.registry.store import STATUS_RANK, Row
from govcrawl.registry.verify import Check, check_portal

Key = tuple[str, str, str]      # (code, level, name)


@dataclass
class Walk:
    start: Check
    rows: list[Row] = field(default_factory=list)
    checked: int = 0            # candidate addresses verified
    capped: bool = False        # REGISTRY_MAX_PORTALS reached


def row_of(target: Target, check: Check, parent: str, found_by: str, refused: list[Check] = ()) -> Row:
    status = check.status
    if status != "verified" and check.moved_from:
        status = "moved"                 # the old address leads elsewhere, and the new one is not verified
    own = status not in ("mismatch", "clone")       # a copy or a clone is nobody's portal
    ident = check.identity
    evidence = {"why": check.why, "how": check.how, "url": check.url, "title": ident.title,
                "sponsor": ident.sponsor, "site_code": ident.site_code}
    if check.moved_from:
        evidence["moved_from"] = check.moved_from
    if check.hops:
        evidence["hops"] = check.hops
    if refused:
        evidence["refused"] = [{"url": c.url, "status": c.status, "why": c.why} for c in refused]
    return Row(target.code, target.name, target.level, parent, check.url if own else "",
               check.hosts if own else [], ident.site_code if own else "", status, found_by, evidence, checked=True)


def _candidates(gov: Target, check: Check, settled: set[Key], tried: set[str]) -> list[tuple[Target, str]]:
    """(target, address) of the entries of `gov`'s link boxes not yet settled or tried."""
    d = division(gov.code)
    own_hosts = set(check.hosts)
    out = []
    for link in box_links(check.body, check.url, check.content_type):
        if urlsplit(link.url).netloc.lower() in own_hosts or link.url in tried:
            continue
        t = target_of(link.name, d)
        if t is None or (t.code, t.level, t.name) in settled or (t.code == gov.code and t.level == gov.level):
            continue
        tried.add(link.url)
        out.append((t, link.url))
    return out


def _parent(t: Target, lister: Target) -> str:
    """A government's parent is the division above it, whoever listed it; a unit's the government listing it."""
    return parent_code(t.code) if t.level in GOVERNMENT_LEVELS else lister.code


def discover(start_url: str, *, allow_private: bool, allowed_networks=(), max_depth: int = config.REGISTRY_MAX_DEPTH,
             on_check: Callable[[Target, Check], None] | None = None) -> Walk:
    def check(url: str, target: Target | None) -> Check:
        return check_portal(url, target, allow_private=allow_private, allowed_networks=allowed_networks)

    start = check(start_url, None)
    walk = Walk(start)
    found_by = f"discover:{start_url}"
    if start.status != "verified" or start.target is None:
        return walk
    gov = start.target
    walk.rows.append(row_of(gov, start, parent_code(gov.code), found_by))
    settled: set[Key] = {(gov.code, gov.level, gov.name)}
    tried: set[str] = {start_url, start.url}
    results: dict[Key, list[tuple[Target, Check, str]]] = {}
    frontier = [(gov, start)]
    with ThreadPoolExecutor(max_workers=config.REGISTRY_WORKERS) as pool:
        for _depth in range(max_depth):
            jobs = [(t, u, _parent(t, parent)) for parent, page in frontier
                    for t, u in _candidates(parent, page, settled, tried)]
            room = config.REGISTRY_MAX_PORTALS - walk.checked
            if len(jobs) > room:
                jobs, walk.capped = jobs[:max(room, 0)], True
            checks = list(pool.map(lambda j: check(j[1], j[0]), jobs))
            walk.checked += len(checks)
            frontier = []
            for (t, _url, parent), c in zip(jobs, checks):
                key = (t.code, t.level, t.name)
                results.setdefault(key, []).append((t, c, parent))
                if on_check:
                    on_check(t, c)
                if c.status == "verified" and key not in settled:
                    settled.add(key)                       # the first verified address wins; page order
                    if t.level in GOVERNMENT_LEVELS:
                        frontier.append((t, c))
            if not frontier or walk.capped:
                break
    for found in results.values():
        ranked = sorted(found, key=lambda r: -STATUS_RANK.get(r[1].status, 0))     # stable: page order breaks ties
        t, best, parent = ranked[0]
        walk.rows.append(row_of(t, best, parent, found_by, [r[1] for r in ranked[1:]]))
    return walk
