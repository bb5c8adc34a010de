"""`govcrawl export reports|metrics|checks|panel`: streamed, so a million figures need constant memory.

Standard output carries data only (`-o -`); messages go to standard error. Exit 2 when the
database cannot be opened (a missing SQLite file counts: exporting it would print an empty table).
"""
from __future__ import annotations

import logging
import sys
from contextlib import contextmanager

from govcrawl.commands import open_database
from govcrawl.export import queries, writers

log = logging.getLogger(__name__)


@contextmanager
def output(path: str, binary: bool):
    if path == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
    elif binary:
        with open(path, "wb") as fh:
            yield fh
    else:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh


def run(args) -> int:
    _url, engine, Session = open_database(args.db, must_exist=True)
    filters = queries.Filters(years=args.year, region_prefix=args.region, report_format=args.report_format,
                              level=args.level, checks=args.checks)
    try:
        with Session() as session:
            schema, rows = queries.rows(session, args.what, filters)
            with output(args.output, binary=args.format == "parquet") as fh:
                n = writers.write(args.format, fh, schema, rows)
    finally:
        engine.dispose()
    log.info("exported %d %s rows as %s", n, args.what, args.format)
    return 0
