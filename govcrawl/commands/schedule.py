"""`govcrawl schedule`: the long-running scheduler of the yearly cycle (govcrawl/scheduling/runner.py)."""
from __future__ import annotations

import os

from govcrawl.cli import CannotRun
from govcrawl.commands import open_database
from govcrawl.registry import PortalsFileError, load_portals


def run(args) -> int:
    from govcrawl.scheduling.calendar import load_config
    from govcrawl.scheduling.runner import serve
    portals = args.portals or os.environ.get("GOVCRAWL_PORTALS")
    if not portals:
        raise CannotRun("no portals file: give --portals FILE or set GOVCRAWL_PORTALS")
    try:
        load_portals(portals)
    except PortalsFileError as exc:
        raise CannotRun(str(exc)) from exc
    try:
        cfg = load_config(args.config or os.environ.get("GOVCRAWL_SCHEDULE") or None)
    except (OSError, ValueError, TypeError) as exc:
        raise CannotRun(f"schedule config: {exc}") from exc
    db_url, engine, _ = open_database(args.db)
    engine.dispose()
    return serve(db_url, portals, cfg)
