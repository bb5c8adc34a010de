"""Open a database by URL and bring its schema to the newest Alembic revision."""
from __future__ import annotations

import os
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
DEFAULT_DB = "sqlite:///govcrawl.db"


class DatabaseUnavailable(RuntimeError):
    """The database could not be opened or migrated: the crawl cannot run at all."""


def resolve_db_url(cli_value: str | None = None) -> str:
    """--db, then GOVCRAWL_DB, then govcrawl.db in the working directory (interface.md)."""
    url = cli_value or os.environ.get("GOVCRAWL_DB") or DEFAULT_DB
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # psycopg 3 is the driver we install; plain postgresql:// would ask for psycopg2.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")      # readers (status, export) while a crawl writes
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    for attempt in range(3):
        try:
            with engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    # Two processes opening a new database at once: one migrates, the other waits.
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7125553)")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
            return
        except OperationalError:
            # SQLite: another process created the tables between our read of alembic_version and
            # our CREATE TABLE. Its migration is committed now; reading again finds it done.
            if attempt == 2:
                raise
            time.sleep(0.5 * (attempt + 1))


def open_db(url: str | None = None, *, upgrade: bool = True):
    """Return (engine, sessionmaker). Raises DatabaseUnavailable with the reason."""
    url = resolve_db_url(url)
    try:
        engine = make_engine(url)
        if upgrade:
            migrate(engine)
        else:
            engine.connect().close()
    except Exception as exc:  # any driver error: the caller exits non-zero with this message
        raise DatabaseUnavailable(f"cannot open database {safe_url(url)}: {exc}") from exc
    return engine, sessionmaker(engine, expire_on_commit=False)


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable url>"
