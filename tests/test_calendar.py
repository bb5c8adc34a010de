"""The publication calendar (govcrawl/scheduling/calendar.py): pure functions, checked day by day.

Expected dates below were counted by hand from the rules in the issue (daily 15 Jan-30 Apr, weekly
from 1 May to 30 Jun, every 30 days from 1 Jul, verify every 14 days from 1 Jan, full on 10 Jan).
"""
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from govcrawl.scheduling import calendar as cal
from govcrawl.scheduling.calendar import FULL, INCREMENTAL, VERIFY, ScheduleConfig, load_config

CFG = ScheduleConfig()
SHANGHAI = ZoneInfo("Asia/Shanghai")
DONE_FULL = date(2024, 1, 10)      # a full run happened on the yearly date


def days(start: date, end: date):
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


def test_seasons_at_their_boundaries():
    expect = {date(2024, 1, 1): "quiet", date(2024, 1, 14): "quiet", date(2024, 1, 15): "busy",
              date(2024, 4, 30): "busy", date(2024, 5, 1): "tail", date(2024, 6, 30): "tail",
              date(2024, 7, 1): "quiet", date(2024, 12, 31): "quiet"}
    for day, name in expect.items():
        assert cal.season(day, CFG)[0] == name, day
    # the quiet season straddles new year: it started on 1 July of the year before
    assert cal.season(date(2024, 1, 3), CFG) == ("quiet", date(2023, 7, 1))


def test_busy_season_crawls_every_day():
    for day in days(date(2024, 1, 15), date(2024, 4, 30)):
        assert cal.run_due(day, CFG, DONE_FULL) is not None, day


def test_may_and_june_weekly_plus_verify_runs():
    due = [d for d in days(date(2024, 5, 1), date(2024, 6, 30)) if cal.run_due(d, CFG, DONE_FULL)]
    # weekly from 1 May: 1, 8, 15, 22, 29 May, 5, 12, 19, 26 Jun; verify (day-of-year % 14 == 0): 6, 20 May, 3, 17 Jun
    assert due == [date(2024, 5, 1), date(2024, 5, 6), date(2024, 5, 8), date(2024, 5, 15), date(2024, 5, 20),
                   date(2024, 5, 22), date(2024, 5, 29), date(2024, 6, 3), date(2024, 6, 5), date(2024, 6, 12),
                   date(2024, 6, 17), date(2024, 6, 19), date(2024, 6, 26)]
    assert cal.run_due(date(2024, 5, 20), CFG, DONE_FULL) == VERIFY
    assert cal.run_due(date(2024, 5, 22), CFG, DONE_FULL) == INCREMENTAL


def test_quiet_season_monthly():
    incremental = [d for d in days(date(2024, 7, 1), date(2024, 12, 31)) if cal.incremental_due(d, CFG)]
    assert incremental == [date(2024, 7, 1), date(2024, 7, 31), date(2024, 8, 30), date(2024, 9, 29),
                           date(2024, 10, 29), date(2024, 11, 28), date(2024, 12, 28)]
    # 1-14 January belong to the quiet season of 2023: 2023-12-28 + 30 = 2024-01-27, inside the busy season
    assert not any(cal.incremental_due(d, CFG) for d in days(date(2024, 1, 1), date(2024, 1, 14)))


def test_full_rediscovery_once_a_year_and_when_overdue():
    fulls, last_full = [], date(2023, 1, 10)
    for d in days(date(2024, 1, 1), date(2025, 12, 31)):
        if cal.run_due(d, CFG, last_full) == FULL:
            fulls.append(d)
            last_full = d
    assert fulls == [date(2024, 1, 10), date(2025, 1, 10)]
    assert cal.run_due(date(2024, 3, 3), CFG, None) == FULL              # never ran: the next crawl is full
    assert cal.run_due(date(2024, 2, 3), CFG, date(2023, 2, 1)) == FULL  # 367 days since the last full
    assert cal.run_due(date(2024, 2, 3), CFG, date(2023, 2, 3)) == INCREMENTAL


def test_mode_strength_and_spider_flags():
    assert cal.run_due(date(2024, 1, 15), CFG, DONE_FULL) == VERIFY      # verify day inside the busy season
    assert cal.mode_at(date(2024, 1, 5), CFG, DONE_FULL) == INCREMENTAL   # catch-up run on an empty day
    assert cal.crawl_flags(FULL) == {"full": "1", "recheck": "1"}
    assert cal.crawl_flags(VERIFY) == {"recheck": "1"}
    assert cal.crawl_flags(INCREMENTAL) == {}


def test_next_fire_is_the_next_due_day_at_run_at_local_time():
    after = datetime(2024, 4, 30, 3, 0, tzinfo=SHANGHAI)
    assert cal.next_fire(after, CFG) == datetime(2024, 5, 1, 2, 0, tzinfo=SHANGHAI)
    # strictly after: at 02:00 on 1 July the next fire is the verify run of 15 July
    assert cal.next_fire(datetime(2024, 7, 1, 2, 0, tzinfo=SHANGHAI), CFG) == datetime(2024, 7, 15, 2, 0, tzinfo=SHANGHAI)
    # 17:59 UTC on 14 January is 01:59 on the 15th in Shanghai: the busy season's first run is a minute away
    nxt = cal.next_fire(datetime(2024, 1, 14, 17, 59, tzinfo=timezone.utc), CFG)
    assert nxt == datetime(2024, 1, 15, 2, 0, tzinfo=SHANGHAI)


def test_busy_season_gap_never_more_than_a_day_with_other_intervals():
    cfg = ScheduleConfig(busy_every_days=1, tail_every_days=3, quiet_every_days=10, verify_every_days=5)
    fires, t = [], datetime(2024, 1, 1, tzinfo=SHANGHAI)
    while t.year == 2024:
        t = cal.next_fire(t, cfg)
        fires.append(t.date())
    busy = [d for d in fires if date(2024, 1, 15) <= d <= date(2024, 4, 30)]
    assert len(busy) == 107                                   # 17 + 29 (leap year) + 31 + 30 days
    tail = [d for d in fires if date(2024, 5, 1) <= d <= date(2024, 6, 30)]
    assert max(b - a for a, b in zip(tail, tail[1:])) <= timedelta(days=3)


def test_config_from_toml(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[calendar]\nbusy_start = "01-20"\ntail_every_days = 5\n[crawl]\nallow_private = true\n'
                    '[scheduler]\ninterval_seconds = 2\n')
    cfg = load_config(str(path))
    assert (cfg.busy_start, cfg.tail_every_days, cfg.allow_private, cfg.interval_seconds) == ("01-20", 5, True, 2)
    assert cal.season(date(2024, 1, 19), cfg)[0] == "quiet"
    path.write_text('[calendar]\nbusy_strat = "01-20"\n')
    with pytest.raises(ValueError, match="busy_strat"):
        load_config(str(path))
    path.write_text('[calendar]\nbusy_end = "04-31"\n')
    with pytest.raises(ValueError):
        load_config(str(path))
    path.write_text('[calendar]\nverify_every_days = 0\n')
    with pytest.raises(ValueError):
        load_config(str(path))


def test_shipped_example_config_is_the_documented_calendar():
    cfg = load_config(str(Path(__file__).resolve().parent.parent / "deploy" / "schedule.example.toml"))
    assert (cfg.busy_start, cfg.busy_end, cfg.tail_end, cfg.full_on) == ("01-15", "04-30", "06-30", "01-10")
    assert (cfg.busy_every_days, cfg.tail_every_days, cfg.quiet_every_days) == (1, 7, 30)
    assert cfg.interval_seconds == 0 and cfg.allow_private is False
