"""`govcrawl`: the command line of interface.md. Each subcommand lives in govcrawl/commands/.

Logs go to standard error; standard output carries data only when asked (`-o -`, extract).
Exit 0 when the work ran (failed portals are recorded, not fatal); 2 when it could not run at all;
`crawl` also 3 (lost its database mid-crawl) and 4 (another crawl holds the database), interface.md.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from govcrawl import logs

EXIT_CANNOT_RUN = 2


class CannotRun(Exception):
    """Bad arguments, unreadable input, unreachable database: print the reason, exit 2."""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="govcrawl", description="Crawl and read 政府信息公开工作年度报告.")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logs (and tracebacks) on stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def db(sp):
        sp.add_argument("--db", help="SQLAlchemy URL (default: $GOVCRAWL_DB, then sqlite:///govcrawl.db)")

    c = sub.add_parser("crawl", help="crawl the portals of a portals file into the database")
    c.add_argument("--portals", required=True, metavar="FILE", help="CSV: code,name,url,level")
    db(c)
    c.add_argument("--allow-private", action="store_true", help="allow loopback/private addresses (local test webs)")
    c.add_argument("--budget", type=int, metavar="N", help="requests per portal (default 400)")
    c.add_argument("--render", choices=["auto", "never", "always"], default="auto",
                   help="when to render pages in Chromium (default auto)")
    c.add_argument("--full", action="store_true", help="rediscover from the home page, ignoring learned entry points")
    c.add_argument("--recheck", action="store_true",
                   help="conditional GET of every known report too, so corrected reports get a new version")
    c.add_argument("--quiet", action="store_true", help="no progress display and no summary")
    c.add_argument("--strict", action="store_true",
                   help="refuse the whole portals file when a row is bad (default: skip bad rows, name them)")
    c.add_argument("--wait", action="store_true",
                   help="when another crawl of this database is running, wait for it instead of exiting 4")
    c.add_argument("--redis", metavar="URL", help="submit the crawl to `govcrawl worker`s through this Redis and wait")

    w = sub.add_parser("worker", help="take part in crawls submitted with `govcrawl crawl --redis` until stopped")
    w.add_argument("--redis", required=True, metavar="URL", help="the Redis the crawls are submitted to")
    db(w)
    w.add_argument("--documents", action="store_true",
                   help="serve the documents queue (PDF, Word, sheets, scans) instead of crawling")
    w.add_argument("--processes", type=int, default=None, metavar="N",
                   help="with --documents: pre-started reader processes (default: config EXTRACT_WORKERS)")
    w.add_argument("--batch", type=int, default=None, metavar="N",
                   help="portals a crawl process holds at once, at most (default: config SCALE_PORTALS_PER_BATCH)")
    w.add_argument("--lanes", type=int, default=None, metavar="N",
                   help="crawl processes at once (default: config SCALE_LANES_PER_WORKER)")

    e = sub.add_parser("export", help="write reports, metrics or checks as CSV, JSON Lines or Parquet")
    e.add_argument("what", choices=["reports", "metrics", "checks", "panel"])
    db(e)
    e.add_argument("--format", choices=["csv", "jsonl", "parquet"], default="csv")
    e.add_argument("-o", "--output", default="-", metavar="PATH", help="file, or - for standard output (default)")
    e.add_argument("--year", type=int, action="append", help="only this year (repeatable)")
    e.add_argument("--region", metavar="PREFIX", help="only region codes starting with PREFIX")
    e.add_argument("--report-format", dest="report_format", choices=["2021", "2019", "legacy"])
    e.add_argument("--level", choices=["province", "city", "county", "department", "township"])
    e.add_argument("--checks", choices=["passed", "failed"], help="only reports whose checks all passed / some failed")

    x = sub.add_parser("extract", help="read one saved page or document (or URL) and print its figures")
    x.add_argument("source", metavar="FILE|URL")
    x.add_argument("--format", choices=["json", "csv"], default="json")
    x.add_argument("--allow-private", action="store_true", help="allow fetching a loopback/private URL")

    r = sub.add_parser("reparse", help="rebuild figures and checks from stored documents, without requests")
    db(r)
    r.add_argument("--report", type=int, action="append", metavar="ID", help="only this report (repeatable)")
    r.add_argument("--year", type=int, help="only reports of this year")

    s = sub.add_parser("schedule", help="long-running scheduler following the publication calendar")
    db(s)
    s.add_argument("--portals", metavar="FILE", help="portals file (default: $GOVCRAWL_PORTALS)")
    s.add_argument("--config", metavar="FILE", help="schedule intervals (TOML); see deploy/schedule.example.toml")

    st = sub.add_parser("status", help="what was crawled, found, failed; who is late or missing")
    db(st)
    st.add_argument("--year", type=int, help="compliance view for reports on this year")
    st.add_argument("--format", choices=["text", "json"], default="text")
    st.add_argument("--redis", metavar="URL", help="also the workers and queues of scaled-out crawls "
                                                  "(default: $GOVCRAWL_REDIS)")

    rp = sub.add_parser("report", help="write the coverage page (self-contained HTML)")
    db(rp)
    rp.add_argument("-o", "--output", default="coverage.html")

    po = sub.add_parser("portals", help="the registry of governments and their portals (discover, verify, list)")
    acts = po.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, helptext in (("list", "the registry as CSV"), ("write", "the verified rows as a portals file")):
        a = acts.add_parser(name, help=helptext)
        db(a)
        a.add_argument("--province", metavar="CODE", help="only this province (division code)")
        a.add_argument("--city", metavar="CODE", help="only this city (division code)")
        a.add_argument("--level", choices=["province", "city", "county", "department", "township"])
        if name == "list":
            a.add_argument("--status", help="only rows with this status (verified, moved, down, ...)")
        a.add_argument("-o", "--output", default="-", metavar="PATH", help="file, or - for standard output (default)")
    d = acts.add_parser("discover", help="walk down from a portal's link boxes, verify and record what it finds")
    d.add_argument("--start", required=True, metavar="URL", help="a province's or city's portal")
    db(d)
    d.add_argument("--allow-private", action="store_true", help="allow loopback/private addresses (local test webs)")
    v = acts.add_parser("verify", help="re-check every known portal address (moves followed, dead ones marked)")
    db(v)
    v.add_argument("--province", metavar="CODE")
    v.add_argument("--city", metavar="CODE")
    v.add_argument("--level", choices=["province", "city", "county", "department", "township"])
    v.add_argument("--allow-private", action="store_true", help="allow loopback/private addresses (local test webs)")
    im = acts.add_parser("import", help="merge a user's CSV (code,name,url[,level,parent,hosts]) into the registry")
    im.add_argument("file", metavar="FILE")
    db(im)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # One line per record on stderr; `govcrawl crawl` then applies the environment's LOG_LEVEL.
    logs.configure(verbose=args.verbose, level=logging.INFO)
    module = importlib.import_module(f"govcrawl.commands.{args.command}")
    try:
        return int(module.run(args) or 0)
    except CannotRun as exc:
        print(f"govcrawl {args.command}: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
