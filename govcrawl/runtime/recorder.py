"""Every database write of a crawl goes through one Recorder, which notices when the database is gone.

Gone means a write failed twice, the second time on a fresh connection, with an error that says the
server or the file is not there (connection refused or dropped, admin shutdown, disk full, SQLite
file unopenable, replaced or corrupt). Then the crawl cannot keep what it fetches, so the Recorder
logs one line, stops writing, counts the reports it had to drop, and closes the spider with reason
`database_lost`; `govcrawl crawl` turns that into exit 3 and the one-line summary().

It also holds the crawl lock for `scrapy crawl portals` (a no-op under `govcrawl crawl`, whose
process took it already) and refreshes the run's heartbeat so `govcrawl status` can tell a live
run from one whose process is gone.
"""
from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import ExitStack
from datetime import datetime, timezone

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from govcrawl import runlog
from govcrawl.db.session import open_db, resolve_db_url
from govcrawl.runtime import outcomes
from govcrawl.scheduling.lock import crawl_lock

log = logging.getLogger(__name__)
CLOSE_REASON = "database_lost"
HEARTBEAT_SECONDS = 30.0
# PostgreSQL SQLSTATE classes/codes meaning the server is not there for us: connection exception,
# insufficient resources (disk full), admin/crash shutdown, cannot connect now.
_PG_GONE_CLASSES = ("08", "53")
_PG_GONE_CODES = ("57P01", "57P02", "57P03")
_SQLITE_GONE = ("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_FULL",
                "SQLITE_READONLY")


def database_gone(exc: BaseException) -> bool:
    """Whether `exc` says the database itself is unreachable (not: this one statement was wrong)."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    if isinstance(orig, sqlite3.Error):
        name = getattr(orig, "sqlite_errorname", "") or ""
        # "no such table": the file was replaced by an empty database
        return name.startswith(_SQLITE_GONE) or "no such table" in str(orig)
    if isinstance(exc, (OperationalError, InterfaceError)):
        state = getattr(orig, "sqlstate", None)
        return state is None or state[:2] in _PG_GONE_CLASSES or state in _PG_GONE_CODES
    return False


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"{type(getattr(exc, 'orig', None) or exc).__name__}: {text[0] if text else ''}"[:300]


class Recorder:
    def __init__(self, crawler, db_url: str):
        self.crawler, self.db_url = crawler, resolve_db_url(db_url)
        self._held = ExitStack()
        self._held.enter_context(crawl_lock(self.db_url))     # Busy: another crawl has this database
        try:
            self.engine, self.Session = open_db(self.db_url)
        except Exception:
            self._held.close()
            raise
        self.run_id: int | None = None
        self.lost = ""              # why the database is gone; "" while it answers
        self.stored = 0             # reports written
        self.unstored = 0           # reports fetched and validated that could not be written
        self.dropped_writes = 0     # other writes (errors, page states) skipped once it was gone
        self.recorded = ""          # after finish(): "marked failed" or where the outcome was left
        self._closing = False
        self._beat = None
        self._sqlite_file = self._sqlite_path()
        self._identity = self._file_identity()

    # -- writes ---------------------------------------------------------------------------------
    def call(self, fn, *args, **kwargs):
        """fn(Session, *args, **kwargs) -> its value; None (and nothing written) once the database is gone."""
        if self.lost:
            self.dropped_writes += 1
            return None
        for attempt in (1, 2):
            if self._file_replaced():
                self.engine.dispose()   # pooled connections would write on into the old, unlinked file
                if not os.path.exists(self._sqlite_file):
                    self._lose(f"database file {self._sqlite_file} was removed")
                    return None
            try:
                value = fn(self.Session, *args, **kwargs)
            except Exception as exc:
                if not database_gone(exc):
                    raise
                if attempt == 1:
                    self.engine.dispose()       # a dead pooled connection: once more on a fresh one
                    continue
                self._lose(_reason(exc))
                return None
            self._identity = self._file_identity() or self._identity
            return value
        return None     # not reached

    def write(self, fn) -> bool:
        """fn(session) in one transaction; False when it could not be written (database gone)."""
        def in_transaction(Session):
            with Session.begin() as s:
                fn(s)
            return True
        return bool(self.call(in_transaction))

    def report_stored(self) -> None:
        self.stored += 1

    def report_unstored(self) -> None:
        self.unstored += 1

    # -- the run --------------------------------------------------------------------------------
    def start_run(self, command: str) -> int | None:
        self.run_id = self.call(runlog.start_run, command, db_url=self.db_url)
        if self.run_id is not None:
            from twisted.internet.task import LoopingCall
            every = self.crawler.settings.getfloat("GOVCRAWL_HEARTBEAT_SECONDS", HEARTBEAT_SECONDS)
            self._beat = LoopingCall(lambda: self.call(runlog.heartbeat, self.run_id))
            self._beat.start(every, now=False)
        return self.run_id

    def finish(self, states, stats: dict, reason: str) -> None:
        """Close the run: `finished`, the close reason, or `failed` when the database was lost.

        A lost database may be back already (a restart): one more try on a fresh connection. If it
        is still gone, the outcome is left for the next crawl (runtime/outcomes.py).
        """
        self._closing = True
        self._stop_beat()
        if self.run_id is not None:
            self.engine.dispose()
            status = "failed" if self.lost else ("finished" if reason == "finished" else reason)
            error = self._finish_once(states, dict(stats, **self.counts()), status)
            if error and not self.lost:
                self.lost = error
                log.error("database lost (%s) while closing the run", error)
            if self.lost:
                if not error:
                    self.recorded = "marked failed"
                else:
                    path = outcomes.remember(self.db_url, self.run_id, {
                        "status": "failed", "finished_at": datetime.now(timezone.utc).isoformat(),
                        "summary": self.summary_text(), "stats": self.counts()})
                    self.recorded = f"to be written by the next crawl (outcome kept in {path})"
        self.engine.dispose()
        self._held.close()

    def _finish_once(self, states, stats, status) -> str:
        """"" when the run was closed in the database, else why not."""
        if self._file_replaced() and not os.path.exists(self._sqlite_file):
            return f"database file {self._sqlite_file} was removed"
        try:
            runlog.finish_run(self.Session, self.run_id, states, stats, status=status)
        except Exception as exc:
            if not database_gone(exc):
                log.error("could not close run %s: %s", self.run_id, _reason(exc))
                return ""
            return _reason(exc)
        return ""

    def counts(self) -> dict:
        return {"govcrawl/reports_stored": self.stored, "govcrawl/reports_unstored": self.unstored,
                "govcrawl/writes_dropped": self.dropped_writes, "govcrawl/database_lost": self.lost}

    def summary_text(self) -> str:
        run = f"run {self.run_id} failed" if self.run_id is not None else "the run could not be recorded"
        note = "" if self.recorded in ("", "marked failed") else f", {self.recorded}"
        again = f"; the next crawl fetches the {self.unstored} not stored" if self.unstored else ""
        return (f"database lost after {self.stored} of {self.stored + self.unstored} reports stored; "
                f"{run} ({self.lost}){note}{again}")

    # -- losing the database ----------------------------------------------------------------------
    def _lose(self, reason: str) -> None:
        self.lost = reason
        log.error("database lost (%s): stopping the crawl; what was fetched and not stored is fetched again "
                  "by the next crawl", reason)
        self._stop_beat()
        stats = getattr(self.crawler, "stats", None)
        if stats is not None:
            stats.set_value("govcrawl/database_lost", reason)
        if not self._closing:
            from twisted.internet import reactor
            reactor.callLater(0, self._close_spider)

    def _close_spider(self) -> None:
        engine = getattr(self.crawler, "engine", None)
        if engine is None or engine.spider is None or self._closing:
            return
        from scrapy.utils.defer import deferred_from_coro
        deferred_from_coro(engine.close_spider_async(reason=CLOSE_REASON))

    def _stop_beat(self) -> None:
        if self._beat is not None and self._beat.running:
            self._beat.stop()

    # -- SQLite: the file under the pool ------------------------------------------------------------
    def _sqlite_path(self) -> str:
        url = make_url(self.db_url)
        db = url.database or ""
        if url.get_backend_name() == "sqlite" and db and db != ":memory:" and not db.startswith("file:"):
            return os.path.abspath(db)
        return ""

    def _file_identity(self):
        if not self._sqlite_file:
            return None
        try:
            st = os.stat(self._sqlite_file)
        except OSError:
            return None
        return (st.st_dev, st.st_ino) if os.path.isfile(self._sqlite_file) else None

    def _file_replaced(self) -> bool:
        return bool(self._sqlite_file) and self._file_identity() != self._identity

