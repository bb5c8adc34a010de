"""Publication deadlines (formats.md; 条例 2019 art. 49-50, 2008 regulation before that).

A department's or a township's report is due 31 January of the next year, the government's own
report (city, county, province) 31 March. Reports on years before 2019 fell under the 2008
regulation: 31 March for everyone.
"""
from __future__ import annotations

from datetime import date

EARLY_LEVELS = ("department", "township")


def deadline(year: int | None, level: str | None) -> date | None:
    if year is None:
        return None
    if year >= 2019 and (level or "") in EARLY_LEVELS:
        return date(year + 1, 1, 31)
    return date(year + 1, 3, 31)


def timeliness(published: date | None, year: int | None, level: str | None) -> str | None:
    """'on_time', 'late', or None when the publication date or the year is unknown."""
    due = deadline(year, level)
    if due is None or published is None:
        return None
    return "on_time" if published <= due else "late"
