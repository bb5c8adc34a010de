"""One crawl per database at a time, across scheduler processes, timers and cron.

max_instances=1 only stops one scheduler from overlapping itself. Two schedulers (or a timer and a
scheduler) on one database are kept apart here: PostgreSQL by a session advisory lock (works across
machines), any other database by an flock()ed file beside it. Both vanish with the process that
holds them, so a killed crawl never leaves a stale lock.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from govcrawl.db.session import resolve_db_url


class Busy(Exception):
    """Another process holds the crawl lock of this database."""


def lock_path(db_url: str) -> str:
    """The lock file for a non-PostgreSQL database: beside a SQLite file, else in the temp dir."""
    url = make_url(resolve_db_url(db_url))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return os.path.abspath(url.database) + ".crawl.lock"
    digest = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"govcrawl-{digest}.crawl.lock")


# Advisory locks are per database already: one fixed key, derived so no other application picks it by chance.
ADVISORY_KEY = int.from_bytes(hashlib.sha256(b"govcrawl-crawl").digest()[:8], "big", signed=True)


@contextmanager
def crawl_lock(db_url: str):
    """Hold the database's crawl lock for the `with` body; raise Busy at once if it is taken."""
    url = resolve_db_url(db_url)
    if make_url(url).get_backend_name() == "postgresql":
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                key = ADVISORY_KEY
                if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
                    raise Busy("another crawl holds the PostgreSQL advisory lock")
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
        finally:
            engine.dispose()
        return
    path = lock_path(url)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise Busy(f"another crawl holds {path}") from exc
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
