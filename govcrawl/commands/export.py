"""`govcrawl export reports|metrics|checks|panel`: streamed, so a million figures need constant memory."""
from __future__ import annotations

import sys
from contextlib import contextmanager

from govcrawl.cli import CannotRun
from govcrawl.db.session import DatabaseUnavailable, open_db
from govcrawl.export import queries, writers


@contextmanager
def output(path: str, binary: bool):
    if path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        sys.stdout.flush()
    else:
        with open(path, "wb" if binary else "w", encoding=None if binary else "utf-8", newline="" if not binary else None) as fh:
            yield fh


def run(args) -> int:
    try:
        engine, Session = open_db(args.db)
    except DatabaseUnavailable as exc:
        raise CannotRun(str(exc)) from exc
    if args.format == "parquet" and args.output == "-":
        pass  # Parquet to a pipe is allowed: the whole file is written at the end
    filters = queries.Filters(years=args.year, region_prefix=args.region, report_format=args.report_format,
                              level=args.level, checks=args.checks)
    with Session() as session:
        columns, rows = queries.rows(session, args.what, filters)
        with output(args.output, binary=args.format == "parquet") as fh:
            writers.write(args.format, fh, columns, rows)
    engine.dispose()
    return 0
