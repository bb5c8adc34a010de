"""`govcrawl export reports|metrics|checks|panel`: streamed, so a million figures need constant memory.

Standard output carries data only (`-o -`); messages go to standard error. Exit 2 when the
database cannot be opened (a missing SQLite file counts: exporting it would print an empty table).
"""
from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from govcrawl.cli import CannotRun
from govcrawl.db.session import DatabaseUnavailable, open_db, resolve_db_url
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


def require_sqlite_file(url: str) -> None:
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:" \
            and not u.database.startswith("file:") and not Path(u.database).exists():
        raise CannotRun(f"no database at {u.database}")


def run(args) -> int:
    url = resolve_db_url(args.db)
    require_sqlite_file(url)
    try:
        engine, Session = open_db(url)
    except DatabaseUnavailable as exc:
        raise CannotRun(str(exc)) from exc
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
