"""The publication calendar: which crawl is due on a given day. Pure functions of a date and a config.

Reports cluster before the deadlines (departments 31 January, governments 31 March) and trickle in
for months after, so crawls are daily in the busy season, weekly after it, monthly the rest of the
year. Once a year a full rediscovery relearns every portal's report listings; every few weeks a
verify run re-checks the known report URLs (conditional GET) so a corrected report gets versioned.

One crawl a day at most: when several kinds are due the strongest runs, since it does the others'
work too (full ⊇ verify ⊇ incremental).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

FULL, VERIFY, INCREMENTAL = "full", "verify", "incremental"


@dataclass(frozen=True)
class ScheduleConfig:
    timezone: str = "Asia/Shanghai"          # the portals' local time: dates on the calendar are theirs
    run_at: str = "02:00"                    # time of day of a due crawl
    busy_start: str = "01-15"                # MM-DD, first day of the daily season
    busy_end: str = "04-30"                  # last day of the daily season
    tail_end: str = "06-30"                  # last day of the weekly season
    busy_every_days: int = 1
    tail_every_days: int = 7
    quiet_every_days: int = 30               # "monthly", counted from the day after tail_end
    full_on: str = "01-10"                   # yearly full rediscovery, before the January rush
    verify_every_days: int = 14              # counted from 1 January
    # Crawl settings passed to each crawl process.
    budget: int = 0                          # requests per portal; 0 = the crawler's default
    allow_private: bool = False              # only for loopback test webs and intranets
    max_runtime_seconds: int = 6 * 3600      # a crawl running longer is terminated
    stop_timeout_seconds: int = 30           # SIGTERM -> SIGKILL grace for a crawl process
    misfire_grace_seconds: int = 3 * 86400   # a run missed by downtime shorter than this runs once on start
    interval_seconds: int = 0                # testing only: fire every N seconds, ignoring the calendar

    def __post_init__(self):
        for name in ("busy_start", "busy_end", "tail_end", "full_on"):
            _month_day(getattr(self, name), 2024)      # raises ValueError on a bad MM-DD
        for name in ("busy_every_days", "tail_every_days", "quiet_every_days", "verify_every_days"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        _run_at(self.run_at)
        ZoneInfo(self.timezone)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def load_config(path: str | None) -> ScheduleConfig:
    """Read a TOML file: keys of ScheduleConfig at the top level or in [calendar]/[crawl]/[scheduler]."""
    if not path:
        return ScheduleConfig()
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    flat: dict = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(value)
        else:
            flat[key] = value
    known = {f.name for f in fields(ScheduleConfig)}
    unknown = sorted(set(flat) - known)
    if unknown:
        raise ValueError(f"{path}: unknown setting(s) {', '.join(unknown)}")
    return ScheduleConfig(**flat)


def _month_day(text: str, year: int) -> date:
    month, day = (int(p) for p in text.split("-"))
    if (month, day) == (2, 29):
        raise ValueError("29 February is not a yearly date")
    return date(year, month, day)


def _run_at(text: str) -> time:
    hour, minute = (int(p) for p in text.split(":"))
    return time(hour, minute)


def season(day: date, cfg: ScheduleConfig) -> tuple[str, date]:
    """('busy'|'tail'|'quiet', the first day of that season) for a day."""
    y = day.year
    busy_start, busy_end, tail_end = (_month_day(x, y) for x in (cfg.busy_start, cfg.busy_end, cfg.tail_end))
    if busy_start <= day <= busy_end:
        return "busy", busy_start
    if busy_end < day <= tail_end:
        return "tail", busy_end + timedelta(days=1)
    if day > tail_end:
        return "quiet", tail_end + timedelta(days=1)
    # 1 January up to the busy season: still last year's quiet season.
    return "quiet", _month_day(cfg.tail_end, y - 1) + timedelta(days=1)


def incremental_due(day: date, cfg: ScheduleConfig) -> bool:
    name, start = season(day, cfg)
    every = {"busy": cfg.busy_every_days, "tail": cfg.tail_every_days, "quiet": cfg.quiet_every_days}[name]
    return (day - start).days % every == 0


def verify_due(day: date, cfg: ScheduleConfig) -> bool:
    return (day - date(day.year, 1, 1)).days % cfg.verify_every_days == 0


def full_due(day: date, cfg: ScheduleConfig, last_full: date | None) -> bool:
    """On the yearly date; also whenever no full rediscovery ran in the last year (new install, downtime)."""
    if day == _month_day(cfg.full_on, day.year):
        return True
    return last_full is None or (day - last_full).days > 366


def run_due(day: date, cfg: ScheduleConfig, last_full: date | None = None) -> str | None:
    """The crawl due on `day` (FULL, VERIFY, INCREMENTAL) or None. `last_full`: day of the last full run."""
    if full_due(day, cfg, last_full):
        return FULL
    if verify_due(day, cfg):
        return VERIFY
    if incremental_due(day, cfg):
        return INCREMENTAL
    return None


def fire_time(day: date, cfg: ScheduleConfig) -> datetime:
    return datetime.combine(day, _run_at(cfg.run_at), tzinfo=cfg.tz)


def next_fire(after: datetime, cfg: ScheduleConfig) -> datetime:
    """The first calendar fire time strictly after `after` (timezone-aware).

    The yearly full run counts as a fire day; the catch-up full (never ran) is decided at run time.
    """
    local = after.astimezone(cfg.tz)
    day = local.date()
    for _ in range(800):
        when = fire_time(day, cfg)
        if when > local and run_due(day, cfg, last_full=day) is not None:
            return when
        day += timedelta(days=1)
    raise RuntimeError("no crawl due within two years: check the schedule config")


def mode_at(day: date, cfg: ScheduleConfig, last_full: date | None) -> str:
    """The crawl a fired job runs. A catch-up run on a day the calendar leaves empty is incremental."""
    return run_due(day, cfg, last_full) or INCREMENTAL


def registry_due(mode: str) -> bool:
    """The portal registry is re-verified on the day of the yearly full rediscovery (before the January
    rush): moved portals are followed and dead ones marked before the season's crawls start."""
    return mode == FULL


def crawl_flags(mode: str) -> dict[str, str]:
    """Spider arguments for a mode: full=1 rediscovers from the home page, recheck=1 re-GETs known reports."""
    return {FULL: {"full": "1", "recheck": "1"}, VERIFY: {"recheck": "1"}, INCREMENTAL: {}}[mode]
