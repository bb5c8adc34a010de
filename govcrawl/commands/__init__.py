"""One module per subcommand, each with run(args) -> exit code."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from govcrawl.cli import CannotRun
from govcrawl.db.session import DatabaseUnavailable, open_db, resolve_db_url


def open_database(db_arg: str | None, *, must_exist: bool = False):
    """(url, engine, Session), or CannotRun (exit 2) with the reason.

    must_exist: commands that only read refuse a SQLite file that is not there, instead of
    creating an empty database and printing an empty table.
    """
    url = resolve_db_url(db_arg)
    if must_exist:
        u = make_url(url)
        if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:" \
                and not u.database.startswith("file:") and not Path(u.database).exists():
            raise CannotRun(f"no database at {u.database}")
    try:
        engine, Session = open_db(url)
    except DatabaseUnavailable as exc:
        raise CannotRun(str(exc)) from exc
    return url, engine, Session
