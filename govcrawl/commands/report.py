"""`govcrawl report -o coverage.html`: the coverage page, one self-contained HTML file."""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from govcrawl.cli import CannotRun
from govcrawl.commands.export import require_sqlite_file
from govcrawl.db.session import DatabaseUnavailable, open_db, resolve_db_url
from govcrawl.export.coverage import gather, render

log = logging.getLogger(__name__)


def run(args) -> int:
    url = resolve_db_url(args.db)
    require_sqlite_file(url)
    try:
        engine, Session = open_db(url)
    except DatabaseUnavailable as exc:
        raise CannotRun(str(exc)) from exc
    try:
        with Session() as session:
            today = date.today()
            page = render(gather(session, today=today), generated=f"Generated {today.isoformat()}.")
    finally:
        engine.dispose()
    if args.output == "-":
        print(page, end="")
    else:
        Path(args.output).write_text(page, encoding="utf-8")
        log.info("wrote %s", args.output)
    return 0
