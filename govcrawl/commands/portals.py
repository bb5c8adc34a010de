"""`govcrawl portals list|write|discover|verify|import`: the registry of governments and their portals.

list      the registry as CSV (interface.md columns first); filters --province, --city, --level, --status
write     the verified rows as a portals file for `govcrawl crawl` (same filters)
discover  walk down from --start through link boxes, verify every portal, record them; prints coverage
verify    re-check the known addresses (moved portals followed, dead ones marked)
import    merge a user's CSV (code,name,url[,level,parent,hosts]); never overwritten by a worse guess
Exit 0 when the work ran; 1 when discover could not verify its start portal; 2 when it could not run.
"""
from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

from govcrawl import config, settings
from govcrawl.cli import CannotRun
from govcrawl.commands import open_database
from govcrawl.extract.regions import division
from govcrawl.registry import PortalsFileError, store
from govcrawl.registry.portalsfile import csv_text
from govcrawl.registry.discover import discover, row_of
from govcrawl.registry.names import Target
from govcrawl.registry.verify import check_portal


def run(args) -> int:
    return {"list": _list, "write": _write, "discover": _discover, "verify": _verify,
            "import": _import}[args.action](args)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _networks() -> list:
    """The environment's network limit (GOVCRAWL_ENV=test: loopback only), as for the crawl."""
    return list(getattr(settings, "GOVCRAWL_ALLOWED_NETWORKS", []))


def _filters(args) -> dict:
    for name in ("province", "city"):
        code = getattr(args, name, None) or ""
        if code and division(code) is None:
            raise CannotRun(f"--{name} {code} is not a known division code")
    return {"province": args.province or "", "city": getattr(args, "city", "") or "", "level": args.level or ""}


def _output(args, text: str) -> None:
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as exc:
        raise CannotRun(f"cannot write {args.output}: {exc.strerror or exc}") from exc


def _list(args, status: str | None = None) -> int:
    filters = _filters(args)
    _, engine, Session = open_database(args.db, must_exist=True)
    try:
        with Session() as s:
            entries = store.rows(s, status=status or args.status or "", **filters)
    finally:
        engine.dispose()
    _output(args, store.as_csv(entries))
    return 0


def _write(args) -> int:
    """Only verified addresses: the file `govcrawl crawl --portals` takes as it is."""
    return _list(args, status="verified")


def _discover(args) -> int:
    def progress(target, check):
        moved = f" (moved from {check.moved_from})" if check.moved_from else ""
        _say(f"  {check.status:<10} {target.code} {target.name} {check.url}{moved}  ({check.why})")

    _, engine, Session = open_database(args.db)
    try:
        walk = discover(args.start, allow_private=args.allow_private, allowed_networks=_networks(), on_check=progress)
        if walk.start.status != "verified" or walk.start.target is None:
            _say(f"govcrawl portals discover: start portal {args.start} not verified: "
                 f"{walk.start.status} ({walk.start.why})")
            return 1
        with Session() as s:
            for row in walk.rows:
                store.merge(s, row)
            s.commit()
            cov = store.coverage(s, walk.start.target.code)
    finally:
        engine.dispose()
    counts: dict[str, int] = {}
    refused: dict[str, int] = {}
    for row in walk.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
        for r in row.evidence.get("refused", []):
            refused[r["status"]] = refused.get(r["status"], 0) + 1
    followed = sum(1 for row in walk.rows if row.status == "verified" and row.evidence.get("moved_from"))
    _say(f"govcrawl portals discover: {walk.start.target.name} {walk.start.target.code}: {len(walk.rows)} "
         f"governments and units, {walk.checked} addresses checked; "
         + ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
         + f"; {followed} moved portals followed; other addresses refused: "
         + (", ".join(f"{n} {k}" for k, n in sorted(refused.items())) or "none")
         + (f"; stopped at {config.REGISTRY_MAX_PORTALS} addresses" if walk.capped else ""))
    print(f"coverage: {cov}", flush=True)
    return 0


def _verify(args) -> int:
    filters = _filters(args)
    _, engine, Session = open_database(args.db, must_exist=True)
    try:
        with Session() as s:
            entries = [e for e in store.rows(s, **filters) if e.url]
        jobs = [(Target(e.code, e.name, e.level, _unit(e)), e.url, e.parent) for e in entries]
        with ThreadPoolExecutor(max_workers=config.REGISTRY_WORKERS) as pool:
            checks = list(pool.map(lambda j: check_portal(j[1], j[0], allow_private=args.allow_private,
                                                          allowed_networks=_networks()), jobs))
        counts: dict[str, int] = {}
        with Session() as s:
            for (target, _url, parent), check in zip(jobs, checks):
                counts[check.status] = counts.get(check.status, 0) + 1
                if check.status != "verified" or check.moved_from:
                    _say(f"  {check.status:<10} {target.code} {target.name} {check.url}  ({check.why})")
                store.merge(s, row_of(target, check, parent, "verify"))
            s.commit()
    finally:
        engine.dispose()
    _say(f"govcrawl portals verify: {len(jobs)} portals checked; "
         + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    return 0


def _unit(e) -> str:
    """教育局 of 孟津区教育局: what a unit's own site prints (the government's name is the prefix)."""
    if e.level not in ("department", "township"):
        return ""
    gov = division(e.code)
    name = e.name[len(gov.name):] if gov and e.name.startswith(gov.name) else e.name
    return name.removesuffix("人民政府") if e.level == "township" else name


def _import(args) -> int:
    try:
        with open(args.file, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise CannotRun(f"cannot read {args.file}: {exc.strerror or exc}") from exc
    try:
        text = csv_text(raw, args.file)
    except PortalsFileError as exc:
        raise CannotRun(str(exc)) from exc
    rows, problems = store.read_user_csv(text, args.file)
    for p in problems:
        _say(f"govcrawl portals import: skipping {p}")
    if not rows:
        raise CannotRun(f"{args.file}: no usable row")
    _, engine, Session = open_database(args.db)
    try:
        with Session() as s:
            for row in rows:
                store.merge(s, row)
            s.commit()
    finally:
        engine.dispose()
    _say(f"govcrawl portals import: {len(rows)} rows merged from {args.file}")
    return 0
