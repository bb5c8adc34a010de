"""Chromium's memory, read from /proc: the browser processes that descend from this process.

RSS summed over processes counts shared pages (the renderer and GPU processes map the same libraries)
several times; PSS (from smaps_rollup) divides shared pages among their users, so its sum is the real
footprint. Both are reported, in MB.
"""
from __future__ import annotations

import os


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'
        ppid = int(stat.rsplit(b")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(name))
    return children


def browser_pids(root: int | None = None) -> list[int]:
    """Chromium processes under `root` (default: this process; Playwright's driver sits in between)."""
    children, found, todo = _children_map(), [], [root or os.getpid()]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            todo.append(child)
            try:
                with open(f"/proc/{child}/comm") as fh:
                    comm = fh.read().strip()
            except OSError:
                continue
            if "chrom" in comm.lower():
                found.append(child)
    return found


def _kb(path: str, field: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def sample(root: int | None = None) -> dict:
    """{'processes': n, 'rss_mb': .., 'pss_mb': ..} of the browser under `root`."""
    pids = browser_pids(root)
    rss = sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
    pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
    return {"processes": len(pids), "rss_mb": round(rss / 1024, 1), "pss_mb": round(pss / 1024, 1)}
