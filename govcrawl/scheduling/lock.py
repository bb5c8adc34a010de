"""One crawl per database at a time, across scheduler processes, timers, cron and `govcrawl crawl`.

max_instances=1 only stops one scheduler from overlapping itself. Two crawls on one database are
kept apart here: PostgreSQL by a session advisory lock (works across machines), any other database
by an flock()ed file beside it. Both vanish with the process that holds them, so a killed crawl
never leaves a stale lock.

The holder's children inherit the lock: the scheduler takes it and starts a crawl process, which
takes it again (`govcrawl crawl`, the spider). The holder puts "<database>:<pid>" in the environment
while it holds the lock; a process whose ancestor is that pid, on that database, holds it already.
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import tempfile
import time
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from govcrawl.db.session import resolve_db_url

log = logging.getLogger(__name__)
HELD_ENV = "GOVCRAWL_CRAWL_LOCK_HELD"
POLL_SECONDS = 1.0


class Busy(Exception):
    """Another process holds the crawl lock of this database."""


def lock_path(db_url: str) -> str:
    """The lock file for a non-PostgreSQL database: beside a SQLite file, else in the temp dir."""
    url = make_url(resolve_db_url(db_url))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return os.path.abspath(url.database) + ".crawl.lock"
    return os.path.join(tempfile.gettempdir(), f"govcrawl-{database_key(db_url)}.crawl.lock")


def database_key(db_url: str) -> str:
    """A short name of the database (no password in it), for the lock file and the inherited mark."""
    url = make_url(resolve_db_url(db_url))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        url = url.set(database=os.path.abspath(url.database))
    return hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:16]


# Advisory locks are per database already: one fixed key, derived so no other application picks it by chance.
ADVISORY_KEY = int.from_bytes(hashlib.sha256(b"govcrawl-crawl").digest()[:8], "big", signed=True)


def _ancestors() -> set[int]:
    """This process and its parents (Linux /proc; elsewhere only the parent is known)."""
    pids, pid = {os.getpid(), os.getppid()}, os.getppid()
    for _ in range(64):
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                pid = int(fh.read().rsplit(b")", 1)[1].split()[1])     # field 4: ppid (after the comm)
        except (OSError, ValueError, IndexError):
            break
        if pid <= 1:
            break
        pids.add(pid)
    return pids


def held_by_ancestor(db_url: str) -> bool:
    key, _, pid = os.environ.get(HELD_ENV, "").partition(":")
    return key == database_key(db_url) and pid.isdigit() and int(pid) in _ancestors()


@contextmanager
def crawl_lock(db_url: str, wait: bool = False):
    """Hold the database's crawl lock for the `with` body. Busy at once if it is taken, unless `wait`."""
    url = resolve_db_url(db_url)
    if held_by_ancestor(url):
        yield
        return
    acquire = _advisory if make_url(url).get_backend_name() == "postgresql" else _flock
    with acquire(url, wait):
        before = os.environ.get(HELD_ENV)
        os.environ[HELD_ENV] = f"{database_key(url)}:{os.getpid()}"
        try:
            yield
        finally:
            if before is None:
                os.environ.pop(HELD_ENV, None)
            else:
                os.environ[HELD_ENV] = before


def _waiting(wait: bool, try_once, busy_message: str):
    """Try until it works (wait) or raise Busy after the first try."""
    logged = False
    while not try_once():
        if not wait:
            raise Busy(busy_message)
        if not logged:
            log.warning("%s: waiting for it to finish", busy_message)
            logged = True
        time.sleep(POLL_SECONDS)


@contextmanager
def _advisory(url: str, wait: bool):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            key = ADVISORY_KEY
            _waiting(wait, lambda: conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar(),
                     "another crawl holds the PostgreSQL advisory lock of this database")
            try:
                yield
            finally:
                try:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                except Exception:       # the server is gone: so is the lock (it lives in our session)
                    pass
    finally:
        engine.dispose()


@contextmanager
def _flock(url: str, wait: bool):
    path = lock_path(url)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        def try_once() -> bool:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                return False
        holder = ""
        try:
            with open(path, encoding="ascii", errors="replace") as fh:
                holder = fh.read().strip()
        except OSError:
            pass
        _waiting(wait, try_once, f"another crawl holds {path}" + (f" (pid {holder})" if holder else ""))
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
