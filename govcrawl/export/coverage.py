"""The coverage page (`govcrawl report -o coverage.html`): one self-contained HTML file.

Portals x years: for each portal and year, how many reports came on time, late or without a date,
how many fail a check, and whether the government's own report (city/county/province level) is
missing once its deadline has passed. Then the checks that fail most and the figures that changed
most from one year to the next for the same agency. Inline CSS and SVG only: no script, no font,
no link to anything, so it opens offline and cannot leak a request.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from govcrawl.db.models import CheckRow, FigureRow, Portal, RegistryEntry, Report
from govcrawl.export.columns import number
from govcrawl.export.timeliness import EARLY_LEVELS, deadline, timeliness
from govcrawl.extract.regions import division
from govcrawl.registry import store as registry_store

STATUSES = ("on_time", "late", "undated", "missing", "failed")
COLOURS = {"on_time": "#2e7d32", "late": "#f9a825", "undated": "#90a4ae", "missing": "#c62828",
           "failed": "#6a1b9a", "not_due": "#e0e0e0"}
LABELS = {"on_time": "on time 按时", "late": "late 逾期", "undated": "no date 无日期", "missing": "missing 缺失",
          "failed": "failed checks 未通过检查", "not_due": "not yet due 未到期"}


@dataclass
class Cell:
    on_time: int = 0
    late: int = 0
    undated: int = 0
    failed: int = 0          # reports with at least one failed check
    government: bool = False  # the portal's own government report was found
    due: bool = True          # the government's deadline has passed

    @property
    def missing(self) -> int:
        return int(self.due and not self.government)

    @property
    def status(self) -> str:
        """The one colour of the cell: the worst thing in it."""
        if self.missing:
            return "missing"
        if not self.government:
            return "not_due"
        if self.failed:
            return "failed"
        if self.late:
            return "late"
        if self.undated:
            return "undated"
        return "on_time"


@dataclass
class Coverage:
    rows: list[tuple[str, str, str]]                 # (row key, region code, name)
    years: list[int]
    cells: dict[tuple[str, int], Cell]
    failing_checks: list[tuple[str, int]]            # (check, reports failing it)
    changes: list[tuple]                             # (agency, key, year, before, after, delta)
    totals: dict[str, int] = field(default_factory=dict)
    registry: list = field(default_factory=list)    # registry_store.Coverage per province in the registry


def gather(session: Session, today: date | None = None, top: int = 20) -> Coverage:
    today = today or date.today()
    portals = {p.id: p for p in session.scalars(select(Portal))}
    rows: dict[str, tuple[str, str, str]] = {
        f"p{p.id}": (f"p{p.id}", p.code, p.name) for p in sorted(portals.values(), key=lambda p: (p.code, p.id))}
    cells: dict[tuple[str, int], Cell] = {}
    years: set[int] = set()
    q = select(Report.portal_id, Report.region_code, Report.level, Report.year, Report.published, Report.checks_failed)
    for portal_id, region, level, year, published, failed in session.execute(q.where(Report.year.is_not(None))):
        row = f"p{portal_id}" if portal_id in portals else f"r{region}"
        rows.setdefault(row, (row, region, f"({region})"))
        years.add(year)
        cell = cells.setdefault((row, year), Cell())
        state = timeliness(published, year, level)
        cell.on_time += state == "on_time"
        cell.late += state == "late"
        cell.undated += state is None
        cell.failed += (failed or 0) > 0
        cell.government |= level not in EARLY_LEVELS
    year_list = list(range(min(years), max(years) + 1)) if years else []
    for row in rows:
        for y in year_list:
            cell = cells.setdefault((row, y), Cell())
            cell.due = today > deadline(y, "county")
    totals = {s: sum(getattr(c, s) for c in cells.values()) for s in STATUSES}
    return Coverage(list(rows.values()), year_list, cells, _failing_checks(session, top), _changes(session, top),
                    totals, _registry(session))


def _registry(session: Session) -> list:
    """Divisions with a verified portal / all divisions, for each province the registry holds."""
    provinces = sorted({c[:2] + "0000" for c in session.scalars(select(RegistryEntry.code).distinct())})
    return [registry_store.coverage(session, p) for p in provinces if division(p) is not None]


def _failing_checks(session: Session, top: int) -> list[tuple[str, int]]:
    n = func.count(func.distinct(CheckRow.report_id))
    q = (select(CheckRow.check, n).where(CheckRow.current.is_(True), CheckRow.passed.is_(False))
         .group_by(CheckRow.check).order_by(n.desc(), CheckRow.check).limit(top))
    return [(c, k) for c, k in session.execute(q)]


def _changes(session: Session, top: int) -> list[tuple]:
    """The largest year-on-year moves of one figure of one agency (same agency name and region)."""
    r1, r2, f1, f2 = aliased(Report), aliased(Report), aliased(FigureRow), aliased(FigureRow)
    delta = func.abs(f2.value - f1.value)
    q = (select(r1.agency, f1.key, r1.year, f1.value, f2.value, delta)
         .join(f1, and_(f1.report_id == r1.id, f1.current.is_(True), f1.status == "ok"))
         .join(r2, and_(r2.agency == r1.agency, r2.region_code == r1.region_code, r2.year == r1.year + 1))
         .join(f2, and_(f2.report_id == r2.id, f2.key == f1.key, f2.current.is_(True), f2.status == "ok"))
         .where(f2.value != f1.value)
         .order_by(delta.desc(), r1.agency, f1.key, r1.year).limit(top))
    return [(a, k, y, number(b), number(c), number(d)) for a, k, y, b, c, d in session.execute(q)]


CSS = """
body{font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC",sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px}h2{font-size:18px;margin-top:32px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}
th{background:#f4f4f4}td.name,th.name{text-align:left}
td.cell span{display:inline-block;min-width:14px;margin:0 1px;padding:0 3px;border-radius:3px;color:#fff}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px}
""" + "".join(f".s-{s}{{background:{c}}}" for s, c in COLOURS.items())


def _svg_grid(cov: Coverage) -> str:
    w, h, left, topm = 34, 20, 220, 24
    width, height = left + w * len(cov.years) + 10, topm + h * len(cov.rows) + 10
    parts = [f'<svg id="coverage-grid" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">']
    for j, y in enumerate(cov.years):
        parts.append(f'<text x="{left + j * w + w / 2}" y="16" font-size="11" text-anchor="middle">{y}</text>')
    for i, (row, code, name) in enumerate(cov.rows):
        yy = topm + i * h
        parts.append(f'<text x="{left - 6}" y="{yy + 14}" font-size="12" text-anchor="end">{escape(name)} {code}</text>')
        for j, y in enumerate(cov.years):
            cell = cov.cells[(row, y)]
            parts.append(f'<rect x="{left + j * w}" y="{yy}" width="{w - 2}" height="{h - 2}" '
                         f'fill="{COLOURS[cell.status]}" data-status="{cell.status}"><title>{escape(name)} {y}: '
                         f'{LABELS[cell.status]}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_bars(items: list[tuple[str, int]]) -> str:
    if not items:
        return "<p>No failed check. 无未通过的检查。</p>"
    most = max(n for _, n in items)
    bar_h, left, span = 20, 260, 300
    height = bar_h * len(items) + 4
    parts = [f'<svg id="check-bars" width="{left + span + 60}" height="{height}" role="img">']
    for i, (check, n) in enumerate(items):
        y = i * bar_h
        parts.append(f'<text x="{left - 6}" y="{y + 14}" font-size="12" text-anchor="end">{escape(check)}</text>'
                     f'<rect x="{left}" y="{y + 2}" width="{max(2, span * n / most):.1f}" height="{bar_h - 6}" '
                     f'fill="{COLOURS["failed"]}"/><text x="{left + span * n / most + 6:.1f}" y="{y + 14}" '
                     f'font-size="12">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(cov: Coverage) -> str:
    head = "".join(f"<th>{y}</th>" for y in cov.years)
    out = [f'<table id="coverage-table"><tr><th class="name">portal 门户</th><th>code</th>{head}</tr>']
    for row, code, name in cov.rows:
        tds = []
        for y in cov.years:
            c = cov.cells[(row, y)]
            spans = "".join(f'<span class="s-{s} n-{s}" title="{LABELS[s]}">{getattr(c, s)}</span>'
                            for s in STATUSES if getattr(c, s))
            tds.append(f'<td class="cell" data-code="{code}" data-year="{y}" data-status="{c.status}">{spans}</td>')
        out.append(f'<tr><td class="name">{escape(name)}</td><td>{code}</td>{"".join(tds)}</tr>')
    out.append("</table>")
    return "".join(out)


def render(cov: Coverage, generated: str = "") -> str:
    legend = "".join(f'<span><i class="s-{s}"></i>{LABELS[s]}</span>' for s in COLOURS)
    totals = "".join(f'<tr><th class="name">{LABELS[s]}</th><td id="total-{s}">{cov.totals.get(s, 0)}</td></tr>'
                     for s in STATUSES)
    checks = "".join(f'<tr><td class="name">{escape(c)}</td><td>{n}</td></tr>' for c, n in cov.failing_checks)
    changes = "".join(
        f'<tr><td class="name">{escape(a)}</td><td class="name">{escape(k)}</td><td>{y}→{y + 1}</td>'
        f'<td>{b}</td><td>{c}</td><td>{"+" if c >= b else "−"}{d}</td></tr>' for a, k, y, b, c, d in cov.changes)
    registry = "".join(
        f'<tr><td class="name">{escape(division(c.under).name)}</td><td>{c.under}</td>'
        f'<td class="registry-verified">{c.verified}</td><td class="registry-total">{c.total}</td>'
        f'<td>{100.0 * c.verified / c.total if c.total else 0:.1f}%</td></tr>' for c in cov.registry)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>govcrawl coverage 年报覆盖情况</title>
<style>{CSS}</style></head><body>
<h1>政府信息公开工作年度报告 · coverage</h1>
<p>{escape(generated)} Cell counts: reports on time, late, without a publication date, the government's own
report missing after its deadline (31 March), reports failing at least one check.</p>
<div class="legend">{legend}</div>
<h2>Portals × years 门户 × 年度</h2>
{_svg_grid(cov)}
{_table(cov)}
<h2>Totals 合计</h2><table id="totals">{totals}</table>
<h2>Registry 门户名录</h2>
<table id="registry-coverage"><tr><th class="name">province 省</th><th>code</th><th>verified portals 已核验</th>
<th>divisions 区划</th><th>share</th></tr>{registry}</table>
<h2>Checks that fail most 最常未通过的检查</h2>
{_svg_bars(cov.failing_checks)}
<table id="failing-checks"><tr><th class="name">check</th><th>reports</th></tr>{checks}</table>
<h2>Figures that changed most between years 年度变化最大的数据</h2>
<table id="changes"><tr><th class="name">agency</th><th class="name">key</th><th>years</th><th>before</th>
<th>after</th><th>change</th></tr>{changes}</table>
</body></html>
"""
