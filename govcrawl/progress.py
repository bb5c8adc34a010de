"""What a crawl shows on stderr while it runs, and the summary when it ends.

On a terminal: a live `rich` display (portals done/total, pages, reports, errors, rate, ETA).
Elsewhere (cron, CI, a pipe): one short line every `every_plain` seconds (30). The summary at the
end is totals plus the worst few portals, never one row per portal: a crawl of 3,000 portals must
stay readable in a cron mail.

The spider keeps the small interface it always used: `Progress(total, enabled)`, the counters
done/pages/reports/errors, `tick(force=)`, and `close(states)` once at the end.
"""
from __future__ import annotations

import atexit
import sys
import threading
import time
from collections import Counter

WORST_SHOWN = 10
# worst first: a portal that could not be crawled at all, then one that answered with errors only
STATUS_ORDER = {"down": 0, "blocked": 1, "errors": 2, "budget": 3, "ok": 4}


class Progress:
    def __init__(self, total_portals: int, enabled: bool, every_plain: float = 30.0, stream=None):
        self.total, self.enabled, self.every_plain = total_portals, enabled, every_plain
        self.done = self.pages = self.reports = self.errors = 0
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self._live = None
        self._closed = False
        self._stop = threading.Event()
        if enabled and _is_terminal(self.stream):
            self._start_live()
        elif enabled:
            # A timer, not tick(): a crawl waiting on OCR makes no requests for minutes, and a cron log
            # should still show it is alive.
            threading.Thread(target=self._plain_lines, name="progress", daemon=True).start()

    # -- while running -------------------------------------------------------------------------
    def _start_live(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, ProgressColumn,
                                   SpinnerColumn, TextColumn, TimeElapsedColumn)
        from rich.text import Text

        outer = self

        class Live(ProgressColumn):
            """Read at each refresh: reports stored and errors change between the spider's ticks."""
            def __init__(self, text):
                super().__init__()
                self.text = text

            def render(self, task):
                return Text(self.text())

        self.console = Console(file=self.stream, highlight=False)
        # redirect_stderr: log lines written meanwhile print above the display (govcrawl.logs writes to
        # the live sys.stderr); stdout stays untouched, it carries data only.
        self._live = RichProgress(SpinnerColumn(), TextColumn("portals"), BarColumn(), MofNCompleteColumn(),
                                  Live(outer.counts), TimeElapsedColumn(), Live(outer.eta_text),
                                  console=self.console, redirect_stdout=False, redirect_stderr=True,
                                  refresh_per_second=4, transient=True)
        self._task = self._live.add_task("crawl", total=self.total or None)
        self._live.start()
        atexit.register(self._stop_live)     # a crawl that dies before close() must not leave the terminal raw

    def tick(self, force: bool = False) -> None:
        if not self.enabled or self._closed:
            return
        if self._live is not None:
            self._live.update(self._task, completed=self.done)

    def _plain_lines(self) -> None:
        """Off a terminal: one short line every `every_plain` seconds, whatever `force` says."""
        while not self._stop.wait(self.every_plain):
            print(self.plain_line(), file=self.stream, flush=True)

    def plain_line(self) -> str:
        return f"govcrawl: portals {self.done}/{self.total}  {self.counts()}  {self.eta_text()}".rstrip()

    def counts(self) -> str:
        return (f"pages {self.pages}  reports {self.reports}  errors {self.errors}  "
                f"{self.rate():.1f} pages/s")

    def rate(self) -> float:
        return self.pages / max(time.monotonic() - self.started, 1e-6)

    def eta_seconds(self) -> float | None:
        """From the portals finished so far; None until one has finished."""
        if not self.done or self.done >= self.total:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.done * (self.total - self.done)

    def eta_text(self) -> str:
        eta = self.eta_seconds()
        return f"ETA {duration(eta)}" if eta is not None else ""

    # -- at the end ------------------------------------------------------------------------------
    def _stop_live(self) -> None:
        if self._live is not None:
            live, self._live = self._live, None
            live.stop()

    def close(self, states=()) -> None:
        """Stop the display and print the summary (when enabled). Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        self._stop_live()
        if self.enabled:
            print_summary(summarize(list(states), time.monotonic() - self.started), self.stream)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def portal_result(state) -> str:
    """ok | down | blocked | errors | budget: as finish_run records it, with `budget` for a portal
    that spent its whole request budget (its crawl was cut short: reports may be missing)."""
    c = state.counters
    if state.status:
        return state.status
    if c.errors and not (c.reports_new + c.reports_changed + c.reports_unchanged):
        return "errors"
    if state.scheduled >= state.budget:
        return "budget"
    return "ok"


def summarize(states, elapsed: float) -> dict:
    results = Counter()
    kinds = Counter()
    totals = Counter()
    rows = []
    for st in states:
        c, result = st.counters, portal_result(st)
        results[result] += 1
        kinds.update(c.errors_by_kind)
        for name in ("requests", "bytes", "reports_new", "reports_changed", "reports_unchanged", "not_reports",
                     "errors"):
            totals[name] += getattr(c, name)
        rows.append({"portal": st.entry.name or st.entry.url, "url": st.entry.url, "result": result,
                     "pages": c.requests, "reports": c.reports_new + c.reports_changed + c.reports_unchanged,
                     "errors": c.errors, "kinds": c.errors_by_kind})
    troubled = [r for r in rows if r["result"] != "ok" or r["errors"]]
    troubled.sort(key=lambda r: (STATUS_ORDER.get(r["result"], 0), -r["errors"], r["reports"], r["url"]))
    return {"portals": len(rows), "results": results, "kinds": kinds, "totals": totals, "elapsed": elapsed,
            "worst": troubled[:WORST_SHOWN], "troubled": len(troubled)}


def print_summary(s: dict, stream) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text
    # Off a terminal rich assumes 80 columns; a cron mail or CI log has room for the whole table.
    console = Console(file=stream, highlight=False, width=None if _is_terminal(stream) else 120)
    t, r = s["totals"], s["results"]
    rate = t["requests"] / max(s["elapsed"], 1e-6)
    status = ", ".join(f"{label} {r[name]}" for name, label in (
        ("ok", "ok"), ("down", "down"), ("blocked", "blocked"), ("errors", "errors only"),
        ("budget", "out of budget")))
    lines = [
        f"govcrawl crawl: {s['portals']} portals in {duration(s['elapsed'])}: {status}",
        f"pages: {t['requests']} ({rate:.1f}/s, {t['bytes'] / 1e6:.1f} MB)",
        f"reports: {t['reports_new']} new, {t['reports_changed']} changed, {t['reports_unchanged']} unchanged"
        f" ({t['not_reports']} candidates were not reports)",
        f"errors: {t['errors']}" + (": " + ", ".join(f"{k} {n}" for k, n in s["kinds"].most_common())
                                    if s["kinds"] else ""),
    ]
    for line in lines:
        console.print(line, markup=False, soft_wrap=True)
    if not s["worst"]:
        return
    table = Table(title=f"portals with problems ({len(s['worst'])} of {s['troubled']}, worst first)",
                  title_justify="left", box=None, pad_edge=False)
    for name, justify in (("portal", "left"), ("result", "left"), ("pages", "right"), ("reports", "right"),
                          ("errors", "right"), ("most frequent", "left")):
        table.add_column(name, justify=justify, overflow="ellipsis", no_wrap=True,
                         min_width=None if name in ("portal", "most frequent") else len(name))
    for row in s["worst"]:
        top = ", ".join(f"{k} {n}" for k, n in Counter(row["kinds"]).most_common(3))
        # Text, not str: a portal's name is data, never rich markup
        table.add_row(*(Text(v) for v in (row["portal"][:30], row["result"], str(row["pages"]), str(row["reports"]),
                                          str(row["errors"]), top)))
    console.print(table)


def duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
