"""The `registry` table: one row per government or unit, merged, never overwritten by a worse guess.

A row changes its address only for a better-founded one: a verified portal beats an unverified,
down or refused one; a user's imported address stays whatever a walk finds elsewhere; a portal
that moved takes its new address. A re-check of the same address always records what it found.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import select

from govcrawl.db.models import RegistryEntry
from govcrawl.extract.regions import current_code, divisions_under, parent_code, region_level

# How much a status says the address is the government's own portal.
STATUS_RANK = {"verified": 6, "moved": 4, "blocked": 4, "unverified": 3, "down": 2, "refused": 1,
               "mismatch": 0, "clone": 0}
GOVERNMENT_LEVELS = ("province", "city", "county")
LIST_COLUMNS = ["code", "name", "level", "parent", "url", "status", "hosts", "site_code", "verified_at", "found_by",
                "why"]


@dataclass
class Row:
    """What a discovery, a verification or an import says about one government."""
    code: str
    name: str
    level: str
    parent: str = ""
    url: str = ""
    hosts: list[str] = field(default_factory=list)
    site_code: str = ""
    status: str = "unverified"
    found_by: str = ""
    evidence: dict = field(default_factory=dict)
    checked: bool = False           # a verification ran (sets verified_at)


def is_user(found_by: str) -> bool:
    return found_by.startswith("user:")


def replaces(new: Row, old: RegistryEntry) -> bool:
    """Whether `new`'s address should take the place of `old`'s (pure).

    A user's import always does (the user says so); a user's address is never replaced by what a
    walk found elsewhere, only followed when it moved itself; between found addresses the better
    status wins and a tie keeps the old one."""
    if is_user(new.found_by):
        return True
    if not old.url:
        return bool(new.url)
    if new.evidence.get("moved_from") == old.url:
        return True                  # the old address itself now leads to the new one
    if is_user(old.found_by):
        return False
    return STATUS_RANK.get(new.status, 0) > STATUS_RANK.get(old.status, 0)


def _find(s, row: Row) -> RegistryEntry | None:
    q = select(RegistryEntry).where(RegistryEntry.code == row.code, RegistryEntry.level == row.level)
    if row.level not in GOVERNMENT_LEVELS:
        q = q.where(RegistryEntry.name == row.name)     # a government is one row whatever its name says
    return s.scalars(q.limit(1)).first()


def merge(s, row: Row, now: datetime | None = None) -> RegistryEntry:
    """Write `row` into the session's registry (the caller commits)."""
    now = now or datetime.now(timezone.utc)
    old = _find(s, row)
    if old is None:
        old = RegistryEntry(code=row.code, name=row.name, level=row.level, parent=row.parent, url=row.url,
                            hosts=row.hosts, site_code=row.site_code, status=row.status, found_by=row.found_by,
                            evidence=row.evidence, verified_at=now if row.checked else None, updated_at=now)
        s.add(old)
        return old
    same = bool(row.url) and row.url == old.url
    if same and not row.checked:
        old.found_by = row.found_by if is_user(row.found_by) else old.found_by   # an unchecked claim: the check stands
    elif same or replaces(row, old):
        if not same and old.url:
            row.evidence = dict(row.evidence, previous=old.url, previous_status=old.status)
        if same:
            # A re-check from the new address keeps where the portal came from: its old host still
            # serves the links other pages hold to its reports.
            row.hosts = list(dict.fromkeys([*row.hosts, *(old.hosts or [])]))
            if (old.evidence or {}).get("moved_from") and "moved_from" not in row.evidence:
                row.evidence = dict(row.evidence, moved_from=old.evidence["moved_from"])
        old.url, old.hosts, old.site_code, old.status = row.url, row.hosts, row.site_code, row.status
        old.evidence = row.evidence
        if not (is_user(old.found_by) and same) or is_user(row.found_by):
            old.found_by = row.found_by
        if row.checked:
            old.verified_at = now
    elif row.evidence:
        # The worse guess is kept as evidence only (a refused copy site, a dead second address).
        seen = list(old.evidence.get("refused", []))
        entry = {"url": row.url or row.evidence.get("url", ""), "status": row.status, "why": row.evidence.get("why", "")}
        if entry not in seen:
            old.evidence = dict(old.evidence, refused=seen + [entry])
    old.parent = old.parent or row.parent
    if is_user(row.found_by):
        old.name = row.name or old.name         # the user's spelling of the name wins
    old.updated_at = now
    return old


def rows(s, *, province: str = "", city: str = "", level: str = "", status: str = "") -> list[RegistryEntry]:
    q = select(RegistryEntry).order_by(RegistryEntry.code, RegistryEntry.level, RegistryEntry.name)
    if province:
        q = q.where(RegistryEntry.code.like(province[:2] + "%"))
    if city:
        q = q.where(RegistryEntry.code.like(city[:4] + "%"))
    if level:
        q = q.where(RegistryEntry.level == level)
    if status:
        q = q.where(RegistryEntry.status == status)
    return list(s.scalars(q))


def as_csv(entries: list[RegistryEntry]) -> str:
    """The registry as CSV: a portals file for `govcrawl crawl` (extra columns are ignored there)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(LIST_COLUMNS)
    for e in entries:
        w.writerow([e.code, e.name, e.level, e.parent, e.url, e.status, " ".join(e.hosts or []), e.site_code,
                    e.verified_at.isoformat(timespec="seconds") if e.verified_at else "", e.found_by,
                    (e.evidence or {}).get("why", "")])
    return out.getvalue()


def read_user_csv(raw_text: str, source: str) -> tuple[list[Row], list[str]]:
    """A user's registry or portals CSV (code,name,url[,level,parent,hosts]) -> rows, problems by line."""
    reader = csv.DictReader(io.StringIO(raw_text))
    missing = {"code", "name"} - set(reader.fieldnames or [])
    if missing:
        return [], [f"{source}: header lacks column(s) {', '.join(sorted(missing))}"]
    out, problems = [], []
    for rec in reader:
        code = current_code((rec.get("code") or "").strip())
        name = (rec.get("name") or "").strip()
        level = (rec.get("level") or "").strip() or region_level(code)
        if not (len(code) == 6 and code.isdigit()) or not level:
            problems.append(f"{source}:{reader.line_num}: code {code!r} is not a known division")
            continue
        url = (rec.get("url") or "").strip()
        if url and not url.startswith(("http://", "https://")):
            problems.append(f"{source}:{reader.line_num}: url {url!r} is not an http(s) URL")
            continue
        hosts = (rec.get("hosts") or "").split()
        out.append(Row(code, name, level, (rec.get("parent") or "").strip() or parent_code(code), url, hosts,
                       found_by=f"user:{source}", evidence={"why": "imported from the user's file"}))
    return out, problems


@dataclass(frozen=True)
class Coverage:
    under: str          # the division the figure is about
    verified: int       # cities and counties under it with a verified portal
    total: int          # cities and counties under it (govcrawl/data/divisions.csv, renames applied)

    def __str__(self) -> str:
        pct = 100.0 * self.verified / self.total if self.total else 0.0
        return f"{self.verified}/{self.total} divisions under {self.under} have a verified portal ({pct:.1f}%)"


def coverage(s, code: str) -> Coverage:
    """Divisions with a verified portal / all divisions under `code` (itself not counted)."""
    wanted = {d.code for d in divisions_under(code)}
    got = set(s.scalars(select(RegistryEntry.code).where(RegistryEntry.status == "verified",
                                                          RegistryEntry.level.in_(("city", "county")))))
    return Coverage(code, len(wanted & got), len(wanted))
