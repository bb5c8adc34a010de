"""Run outcomes that could not be written because the database was gone.

When a crawl loses its database it cannot mark its own run failed. It leaves the outcome in a small
JSON file beside the crawl lock (beside a SQLite file; in the temp dir for a server database, so on
the crawl's machine); the next crawl of that database writes it in, and `govcrawl status` shows it
meanwhile. A crawl on another machine finds the run by its stale heartbeat instead (interrupted).
"""
from __future__ import annotations

import json
import os

from govcrawl.scheduling.lock import lock_path


def journal_path(db_url: str) -> str:
    return lock_path(db_url).removesuffix(".crawl.lock") + ".unrecorded-runs.json"


def pending(db_url: str) -> dict[int, dict]:
    """run id -> {"status", "finished_at", "summary", "stats"} of outcomes not yet in the database."""
    try:
        with open(journal_path(db_url), encoding="utf-8") as fh:
            return {int(k): v for k, v in json.load(fh).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def remember(db_url: str, run_id: int, outcome: dict) -> str:
    entries = pending(db_url)
    entries[run_id] = outcome
    _write(db_url, entries)
    return journal_path(db_url)


def forget(db_url: str, run_ids) -> None:
    entries = pending(db_url)
    for run_id in run_ids:
        entries.pop(run_id, None)
    if entries:
        _write(db_url, entries)
    else:
        try:
            os.remove(journal_path(db_url))
        except FileNotFoundError:
            pass


def _write(db_url: str, entries: dict[int, dict]) -> None:
    path = journal_path(db_url)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({str(k): v for k, v in entries.items()}, fh, ensure_ascii=False)
    os.replace(tmp, path)
