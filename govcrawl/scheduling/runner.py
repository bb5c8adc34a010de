"""The long-running scheduler: APScheduler with its job store in the project's database.

One job per portals file fires on the publication calendar (calendar.py); at fire time it asks the
calendar which crawl is due and runs it as a child process under the database's crawl lock.
- overlap: max_instances=1 within a process, crawl_lock() across processes;
- downtime: the job's next fire time is stored in the database; a time that passed while the
  scheduler was down runs once on start (coalesce=True, misfire_grace_time);
- SIGTERM/SIGINT: the running crawl gets SIGTERM (SIGKILL after stop_timeout_seconds), the scheduler
  shuts down, the process exits 0.
The database URL is never stored in the job (it may hold a password): jobs read it from _context.
"""
from __future__ import annotations

import hashlib
import logging
import os
import signal
import subprocess
import threading
import time
from datetime import date, datetime, timezone

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import inspect, select, text

from govcrawl.db.models import CrawlRun
from govcrawl.db.session import open_db
from govcrawl.scheduling import calendar
from govcrawl.scheduling.crawljob import command, registry_command
from govcrawl.scheduling.lock import Busy, crawl_lock

log = logging.getLogger("govcrawl.schedule")
JOBS_TABLE = "apscheduler_jobs"

_context: dict = {}                      # db_url, portals, cfg, Session: set by serve()
_children: set[subprocess.Popen] = set()
_children_lock = threading.Lock()
_stopping = threading.Event()


class CalendarTrigger(BaseTrigger):
    """Fires at cfg.run_at on every day the calendar has a crawl due."""

    def __init__(self, cfg: calendar.ScheduleConfig):
        self.cfg = cfg

    def get_next_fire_time(self, previous_fire_time, now):
        return calendar.next_fire(previous_fire_time or now, self.cfg)

    def __getstate__(self):
        return {"version": 1, "cfg": self.cfg}

    def __setstate__(self, state):
        self.cfg = state["cfg"]

    def __str__(self):
        return f"calendar[{self.cfg.busy_start}..{self.cfg.busy_end} daily, full on {self.cfg.full_on}]"


def job_id(portals: str) -> str:
    return "crawl:" + hashlib.sha256(os.path.abspath(portals).encode()).hexdigest()[:12]


def last_full_day(Session, tz) -> date | None:
    """Local day of the last full rediscovery the database recorded (the spider writes ' full=1')."""
    with Session() as s:
        started = s.scalar(select(CrawlRun.started_at).where(CrawlRun.command.like("% full=1%"))
                           .order_by(CrawlRun.started_at.desc()).limit(1))
    if started is None:
        return None
    if started.tzinfo is None:          # SQLite returns naive datetimes; they were stored as UTC
        started = started.replace(tzinfo=timezone.utc)
    return started.astimezone(tz).date()


def run_crawl() -> int | None:
    """The scheduled job: the crawl the calendar says is due today, in a child process."""
    if _stopping.is_set():
        return None
    db_url, portals, cfg = _context["db_url"], _context["portals"], _context["cfg"]
    today = datetime.now(cfg.tz).date()
    mode = calendar.mode_at(today, cfg, last_full_day(_context["Session"], cfg.tz))
    argv = command(db_url, portals, mode, budget=cfg.budget, allow_private=cfg.allow_private)
    try:
        with crawl_lock(db_url):
            if calendar.registry_due(mode):
                rc = _run_child(registry_command(db_url, allow_private=cfg.allow_private), cfg)
                log.info("registry re-verification finished: exit %s", rc)
            log.info("crawl %s of %s starting", mode, portals)
            started = time.monotonic()
            rc = _run_child(argv, cfg)
            log.info("crawl %s finished: exit %s after %.1f s", mode, rc, time.monotonic() - started)
            return rc
    except Busy as exc:
        log.warning("crawl %s skipped: %s", mode, exc)
        return None


def _run_child(argv: list[str], cfg: calendar.ScheduleConfig) -> int:
    child = subprocess.Popen(argv, stdin=subprocess.DEVNULL)
    with _children_lock:
        _children.add(child)
    try:
        deadline = time.monotonic() + cfg.max_runtime_seconds
        while True:
            try:
                return child.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                pass
            if _stopping.is_set() or time.monotonic() > deadline:
                if not _stopping.is_set():
                    log.error("crawl ran over max_runtime_seconds=%s: terminating", cfg.max_runtime_seconds)
                return _stop_child(child, cfg.stop_timeout_seconds)
    finally:
        with _children_lock:
            _children.discard(child)


def _stop_child(child: subprocess.Popen, grace: float) -> int:
    """SIGTERM (Scrapy closes the spider and records the run), SIGKILL if it does not exit in time."""
    if child.poll() is None:
        child.terminate()
    try:
        return child.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()


def _stored_next_run(engine, jid: str) -> float | None:
    if not inspect(engine).has_table(JOBS_TABLE):
        return None
    with engine.begin() as conn:
        return conn.execute(text(f"SELECT next_run_time FROM {JOBS_TABLE} WHERE id = :id"), {"id": jid}).scalar()


def _drop_stale_jobs(engine, keep: str) -> None:
    """Jobs of a portals file no longer served would otherwise keep firing from the store."""
    if inspect(engine).has_table(JOBS_TABLE):
        with engine.begin() as conn:
            conn.execute(text(f"DELETE FROM {JOBS_TABLE} WHERE id LIKE 'crawl:%' AND id != :id"), {"id": keep})


def build_scheduler(db_url: str, portals: str, cfg: calendar.ScheduleConfig) -> BlockingScheduler:
    engine, Session = open_db(db_url)
    _context.update(db_url=db_url, portals=os.path.abspath(portals), cfg=cfg, Session=Session, engine=engine)
    grace = cfg.misfire_grace_seconds or None          # 0: a missed run runs however late
    scheduler = BlockingScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE)},
        executors={"default": ThreadPoolExecutor(2)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": grace},
        timezone=cfg.tz)
    jid = job_id(portals)
    _drop_stale_jobs(engine, jid)
    now = datetime.now(timezone.utc)
    stored = _stored_next_run(engine, jid)
    with Session() as s:
        ever_crawled = s.scalar(select(CrawlRun.id).limit(1)) is not None
    next_run = None
    if stored is not None and stored < now.timestamp():
        # Missed while down: keep the stored time, APScheduler runs it once now (coalesce) if it is
        # within misfire_grace_time, else logs it as missed and waits for the calendar.
        next_run = datetime.fromtimestamp(stored, timezone.utc)
        late = now.timestamp() - stored
        if grace is None or late <= grace:
            log.info("run due at %s was missed: running it now", next_run.isoformat())
        else:
            log.warning("run due at %s was missed by %.0f s, more than misfire_grace_seconds: skipped",
                        next_run.isoformat(), late)
    elif not ever_crawled:
        next_run = now                                             # first start: crawl at once
    trigger = IntervalTrigger(seconds=cfg.interval_seconds, timezone=cfg.tz) if cfg.interval_seconds \
        else CalendarTrigger(cfg)
    kwargs = {"id": jid, "name": f"crawl {os.path.basename(portals)}", "replace_existing": True}
    if next_run is not None:
        kwargs["next_run_time"] = next_run
    scheduler.add_job(run_crawl, trigger, **kwargs)
    return scheduler


def serve(db_url: str, portals: str, cfg: calendar.ScheduleConfig) -> int:
    _stopping.clear()
    scheduler = build_scheduler(db_url, portals, cfg)

    def on_signal(signum, _frame):
        if _stopping.is_set():
            return
        log.info("signal %s: stopping", signal.Signals(signum).name)
        _stopping.set()
        with _children_lock:
            for child in list(_children):
                if child.poll() is None:
                    child.terminate()
        # shutdown() takes the scheduler's locks: never from inside the signal handler's frame.
        threading.Thread(target=scheduler.shutdown, kwargs={"wait": True}, daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log.info("scheduler started: portals %s, %s", portals,
             f"every {cfg.interval_seconds} s" if cfg.interval_seconds else "publication calendar")
    scheduler.start()
    # start() returns once shutdown() stopped the executor; a crawl child may still be exiting.
    end = time.monotonic() + cfg.stop_timeout_seconds + 5
    while time.monotonic() < end:
        with _children_lock:
            if not _children:
                break
        time.sleep(0.1)
    _context["engine"].dispose()
    log.info("scheduler stopped")
    return 0
