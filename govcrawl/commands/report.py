"""`govcrawl report -o coverage.html`: the coverage page, one self-contained HTML file."""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from govcrawl.commands import open_database
from govcrawl.export.coverage import gather, render

log = logging.getLogger(__name__)


def run(args) -> int:
    _url, engine, Session = open_database(args.db, must_exist=True)
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
