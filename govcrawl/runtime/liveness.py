"""Whether the process of a `running` crawl run is still there.

A run records its host, pid and a heartbeat (refreshed every ~30 s). It is gone when it ran on this
host and its pid is dead, or when its heartbeat is older than STALE_AFTER (another host, or a
reused pid). A run from before these columns (no pid, no heartbeat) is judged by its start.
"""
from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta, timezone

STALE_AFTER = timedelta(minutes=5)


def this_host() -> str:
    return socket.gethostname()[:200]


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:      # someone else's process: alive
        return True
    try:                          # a zombie (killed, not yet reaped) is not running a crawl
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:      # SQLite returns naive datetimes, stored as UTC
        return value.replace(tzinfo=timezone.utc)
    return value


def last_sign_of_life(run) -> datetime | None:
    return _aware(run.heartbeat_at) or _aware(run.started_at)


def process_gone(run, now: datetime | None = None) -> bool:
    """True when `run` says running but nothing runs it any more."""
    if run.status != "running":
        return False
    if run.pid and run.host == this_host() and not pid_alive(run.pid):
        return True
    last = last_sign_of_life(run)
    return last is not None and (now or datetime.now(timezone.utc)) - last > STALE_AFTER
