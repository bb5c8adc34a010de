"""One scheduled crawl, in its own process (the Twisted reactor cannot be restarted in one process).

    python -m govcrawl.scheduling.crawljob --portals FILE --db URL --mode full|verify|incremental
        [--budget N] [--allow-private]

The same crawl as `govcrawl crawl`, plus the verify mode's `recheck=1` spider argument.
Exit 0 when the crawl ran, 2 when it could not run at all, 3 when it lost its database (as `govcrawl crawl`).
"""
from __future__ import annotations

import argparse
import sys

from govcrawl.db.session import DatabaseUnavailable, open_db
from govcrawl.registry import PortalsFileError, load_portals
from govcrawl.runtime.process import EXIT_CANNOT_RUN, CrawlNotStarted, crawl_settings, run_crawl
from govcrawl.scheduling.calendar import FULL, INCREMENTAL, VERIFY, crawl_flags


def command(db_url: str, portals: str, mode: str, *, budget: int = 0, allow_private: bool = False,
            python: str | None = None) -> list[str]:
    """The argv the scheduler starts for one crawl."""
    argv = [python or sys.executable, "-m", "govcrawl.scheduling.crawljob", "--portals", portals,
            "--db", db_url, "--mode", mode]
    if budget:
        argv += ["--budget", str(budget)]
    if allow_private:
        argv.append("--allow-private")
    return argv


def registry_command(db_url: str, *, allow_private: bool = False, python: str | None = None) -> list[str]:
    """The argv of the yearly re-verification of the registry (`govcrawl portals verify`)."""
    argv = [python or sys.executable, "-m", "govcrawl", "portals", "verify", "--db", db_url]
    return argv + (["--allow-private"] if allow_private else [])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="govcrawl.scheduling.crawljob")
    p.add_argument("--portals", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--mode", choices=[FULL, VERIFY, INCREMENTAL], default=INCREMENTAL)
    p.add_argument("--budget", type=int, default=0)
    p.add_argument("--allow-private", action="store_true")
    args = p.parse_args(argv)
    # Logging is Scrapy's (install_root_handler, LOG_LEVEL of the GOVCRAWL_ENV settings): a root handler
    # installed here as well would print every DEBUG line of the crawl a second time.

    try:
        load_portals(args.portals)
        engine, _ = open_db(args.db)
        engine.dispose()
    except (PortalsFileError, DatabaseUnavailable) as exc:
        print(f"govcrawl crawl: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    settings = crawl_settings(args.db, allow_private=args.allow_private, budget=args.budget or None,
                              progress=False)
    flags = crawl_flags(args.mode)
    try:
        # 3 when the database went away mid-crawl, as `govcrawl crawl`
        return run_crawl(settings, args.portals, full=bool(flags.get("full")), recheck=bool(flags.get("recheck")),
                         install_root_handler=True)
    except CrawlNotStarted as exc:
        print(f"govcrawl crawl: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN


if __name__ == "__main__":
    sys.exit(main())
