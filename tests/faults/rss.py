"""Run a command and measure the peak resident memory of its whole process tree (it and every
descendant, summed at each moment), by polling /proc: document parsers run in child processes,
so the parent's own ru_maxrss would miss them."""
from __future__ import annotations

import os
import subprocess
import threading
import time


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(name))
    return kids


def tree_rss(pid: int) -> int:
    """Bytes resident in `pid` and its descendants now (0 once gone)."""
    kids, total, todo = _children(), 0, [pid]
    while todo:
        p = todo.pop()
        todo += kids.get(p, [])
        total += own_rss(p)
    return total


def own_rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


class Measured:
    """subprocess.Popen plus a poller; `.peak` is the highest tree RSS seen (bytes), `.peak_self` the
    crawler process's own (where HTTP bodies are decompressed)."""

    def __init__(self, cmd, env=None, interval: float = 0.1, **kw):
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     start_new_session=True, **kw)
        self.peak, self.peak_self, self._interval = 0, 0, interval
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self):
        while self.proc.poll() is None:
            self.peak = max(self.peak, tree_rss(self.proc.pid))
            self.peak_self = max(self.peak_self, own_rss(self.proc.pid))
            time.sleep(self._interval)

    def wait(self, timeout: float) -> tuple[int, str, str]:
        out, err = self.proc.communicate(timeout=timeout)
        self._thread.join(2)
        return self.proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
