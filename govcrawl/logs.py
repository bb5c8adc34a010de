"""Terminal logging: one line per record, levels from the environment's settings, no page bytes.

Why this exists: Scrapy's configure_logging() gives its `scrapy` logger an explicit DEBUG level, so
lowering the root logger's level filters nothing; only a level on the *handler* does. And Scrapy's
default LogFormatter prints the whole item when one is dropped (our items carry raw page bytes), so
`QuietLogFormatter` (LOG_FORMATTER in settings/base.py) logs items as one short line for both
`govcrawl crawl` and `scrapy crawl portals`.
"""
from __future__ import annotations

import logging
import os
import sys
import traceback

from scrapy import logformatter

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_MESSAGE = 1000          # a safety net: no log line is a page
_handler: "StderrHandler | None" = None


class OneLineFormatter(logging.Formatter):
    """Newlines folded, long messages cut; an exception is one line unless `verbose` (then a traceback).

    Expected failures (a page that does not parse, a portal that is down) are recorded in the
    database; the terminal only needs to know that they happened.
    """

    def __init__(self, verbose: bool = False):
        super().__init__(FORMAT)
        self.verbose = verbose

    def format(self, record: logging.LogRecord) -> str:
        message = " | ".join(part.strip() for part in record.getMessage().splitlines() if part.strip())
        if len(message) > MAX_MESSAGE and not self.verbose:
            message = message[:MAX_MESSAGE] + f" …({len(message) - MAX_MESSAGE} more characters)"
        line = f"{self.formatTime(record)} {record.levelname} {record.name}: {message}"
        if record.exc_info and record.exc_info[1] is not None:
            if self.verbose:
                return line + "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
            return f"{line} [{one_line_exception(record.exc_info[1])}]"
        return line


def one_line_exception(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:300]
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}: {text}{where}" if text else f"{type(exc).__name__}{where}"


class QuietScrapy(logging.Filter):
    """Without -v, Scrapy's (and scrapy-playwright's) INFO chatter (settings, middleware lists, the
    stats dump, "Crawled N pages", browser launched) is left out: the progress display and the summary say the same in a few lines. Its warnings stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or not (
            record.name in ("scrapy", "scrapy-playwright") or record.name.startswith("scrapy."))


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is *now*: while the live progress display runs, rich has replaced
    it with a proxy that prints log lines above the display instead of through it."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):     # logging.StreamHandler assigns it; the live sys.stderr wins
        pass


def configure(verbose: bool = False, level: int | str = logging.INFO) -> logging.Handler:
    """The one stderr handler on the root logger (replacing any earlier one of ours)."""
    global _handler
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
    _handler = StderrHandler()
    _handler.setFormatter(OneLineFormatter(verbose))
    if not verbose:
        _handler.addFilter(QuietScrapy())
    root.addHandler(_handler)
    root.setLevel(logging.DEBUG)            # the handler decides what is shown
    set_level(logging.DEBUG if verbose else level)
    logging.getLogger("alembic").setLevel(logging.WARNING)   # migrations are routine, not news
    return _handler


def set_level(level: int | str) -> None:
    """The environment's LOG_LEVEL (settings), applied where it works: on the handler."""
    if _handler is not None:
        _handler.setLevel(level if isinstance(level, int) else logging.getLevelName(str(level).upper()))


def verbose() -> bool:
    return _handler is not None and _handler.formatter.verbose


def item_line(item) -> str:
    """An item as the log shows it: its short repr, never its bytes."""
    text = repr(item)
    return text if len(text) <= 300 else text[:300] + "…"


class QuietLogFormatter(logformatter.LogFormatter):
    """Scrapy's messages about items, one short line each.

    A dropped non-report is routine (most candidates are distractors; the counters and the
    summary count them): DEBUG. Other drops keep Scrapy's level (DEFAULT_DROPITEM_LOG_LEVEL).
    """

    def scraped(self, item, response, spider):
        return {"level": logging.DEBUG, "msg": "Scraped %(item)s", "args": {"item": item_line(item)}}

    def dropped(self, item, exception, response, spider):
        if type(exception).__name__ == "NotAReport":     # pipelines/validate.py
            level = logging.DEBUG
        else:
            level = super().dropped(item, exception, response, spider)["level"]
        reason = " ".join(str(exception).split())[:300]
        return {"level": level, "msg": "Dropped: %(reason)s", "args": {"reason": reason}}

    def item_error(self, item, exception, response, spider):
        return {"level": logging.ERROR, "msg": "Error processing %(item)s", "args": {"item": item_line(item)}}
