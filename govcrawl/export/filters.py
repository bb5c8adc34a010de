"""The filters every export takes (`--year`, `--region`, `--report-format`, `--level`, `--checks`)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select

from govcrawl.db.models import Report


@dataclass
class Filters:
    years: list[int] | None = None
    region_prefix: str | None = None
    report_format: str | None = None
    level: str | None = None
    checks: str | None = None          # passed | failed

    def apply(self, q: Select) -> Select:
        if self.years:
            q = q.where(Report.year.in_(self.years))
        if self.region_prefix:
            q = q.where(Report.region_code.startswith(self.region_prefix, autoescape=True))
        if self.report_format:
            q = q.where(Report.format == self.report_format)
        if self.level:
            q = q.where(Report.level == self.level)
        if self.checks == "passed":
            q = q.where(Report.checks_failed == 0)
        elif self.checks == "failed":
            q = q.where(Report.checks_failed > 0)
        return q
