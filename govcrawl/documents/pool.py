"""A small pool of pre-started worker processes that read pages and documents under limits.

Parsing runs outside the crawler's memory: a hostile page (a 38 MB page of tiny cells took 1.9 GB in
lxml) can only exhaust a worker, which then answers "memory limit", dies or is killed at the wall
clock, and is replaced; the caller gets UnreadableDocument with the reason, never a crash.
Limits are per task (govcrawl.config): HTML pages get HTML_*, documents keep theirs (Limits).
"""
from __future__ import annotations

import atexit
import os
import pickle
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
import time

from govcrawl import config
from govcrawl.documents.limits import UnreadableDocument
from govcrawl.scale import docqueue

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class WorkerLost(Exception):
    pass


class Worker:
    def __init__(self):
        env = dict(os.environ, OMP_NUM_THREADS="1",
                   PYTHONPATH=os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")])))
        # No preexec_fn (unsafe in a threaded crawler): the worker sets its own limits per task.
        self.proc = subprocess.Popen([sys.executable, "-m", "govcrawl.documents.worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, start_new_session=True, env=env, bufsize=0)
        self.tasks = 0

    def call(self, meta: dict, data: bytes, timeout_s: float) -> dict:
        deadline = time.monotonic() + timeout_s
        blob = pickle.dumps(meta, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            for part in (struct.pack(">II", len(blob), len(data)) + blob, data):
                view = memoryview(part)
                while view:
                    view = view[self.proc.stdin.write(view):]
        except (BrokenPipeError, OSError):
            raise WorkerLost("died before the task was sent") from None
        self.tasks += 1
        head = self._read(4, deadline)
        return pickle.loads(self._read(struct.unpack(">I", head)[0], deadline))

    def _read(self, n: int, deadline: float) -> bytes:
        fd, buf = self.proc.stdout.fileno(), bytearray()
        while len(buf) < n:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise WorkerLost("timeout")
            chunk = os.read(fd, min(n - len(buf), 1 << 20))
            if not chunk:
                raise WorkerLost("died")
            buf += chunk
        return bytes(buf)

    def kill(self) -> int:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)   # the worker and whatever it started (pdftoppm, soffice)
        except ProcessLookupError:
            pass
        return self.proc.wait()

    def stop(self) -> None:
        try:
            self.proc.stdin.close()                    # EOF: the worker's loop ends
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()


class Pool:
    def __init__(self, size: int = config.EXTRACT_WORKERS):
        self.pid = os.getpid()
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> Worker:
        w = Worker()
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, w: Worker, how) -> int:
        code = how()
        with self._lock:
            self._all.discard(w)
        self._idle.put(self._start())
        return code

    def run(self, meta: dict, data: bytes, *, memory_mb: int, cpu_s: int, timeout_s: float):
        """The task's result; UnreadableDocument(reason) when it failed or broke a limit."""
        meta = dict(meta, memory_mb=memory_mb, cpu_s=cpu_s)
        w = self._idle.get()
        try:
            answer = w.call(meta, data, timeout_s)
        except WorkerLost as lost:
            code = self._replace(w, w.kill)
            if str(lost) == "timeout":
                raise UnreadableDocument(f"time limit: wall-clock timeout, not read within {timeout_s:g} s") from None
            if code == -signal.SIGXCPU:
                raise UnreadableDocument(f"time limit: more than {cpu_s} s of CPU") from None
            raise UnreadableDocument(f"killed: worker died with signal {-code if code < 0 else code} "
                                     f"(memory limit {memory_mb} MB or a crash)") from None
        except BaseException:
            self._replace(w, w.kill)
            raise
        if answer.get("retire") or answer.get("rss_mb", 0) > config.WORKER_RECYCLE_RSS_MB \
                or w.tasks >= config.WORKER_RECYCLE_TASKS:
            self._replace(w, w.stop)       # a worker that grew keeps its memory: start afresh
        else:
            self._idle.put(w)
        if "error" in answer:
            raise UnreadableDocument(answer["error"])
        return pickle.loads(answer["ok"])

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for w in workers:
            w.kill()        # idle workers hold nothing; waiting for one still warming up costs a second


_POOL: Pool | None = None
_POOL_LOCK = threading.Lock()


def get_pool(size: int | None = None) -> Pool:
    """The process's pool, started on first use (the crawl starts it when its pipelines open;
    `govcrawl extract`, reading one file, asks for one worker)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL.pid != os.getpid():     # a forked child gets its own workers
            _POOL = Pool(size or config.EXTRACT_WORKERS)
        return _POOL


@atexit.register
def _close_pool() -> None:
    if _POOL is not None and _POOL.pid == os.getpid():
        _POOL.close()


def document_pool():
    """Where documents (PDF, Word, sheets, scans) are read: the documents queue when this process was
    given one (GOVCRAWL_DOCUMENTS_QUEUE, a Redis URL: `govcrawl worker` sets it when document workers
    run), else the process's own pool. HTML pages always stay in the process's pool."""
    url = os.environ.get(docqueue.ENV)
    if not url:
        return get_pool()
    global _QUEUE
    with _POOL_LOCK:
        if _QUEUE is None or _QUEUE[0] != url:
            _QUEUE = (url, docqueue.QueuePool(url))
        return _QUEUE[1]


_QUEUE: tuple[str, "docqueue.QueuePool"] | None = None


def extract_isolated(data: bytes, **kwargs):
    """govcrawl.extract.extract(data, **kwargs) in a pool worker, under the limits of what the bytes
    are: an HTML page HTML_*, a document its Limits. Raises ExtractionError with the reason."""
    from govcrawl.documents.limits import Limits
    from govcrawl.documents.precheck import html_too_big, not_text
    from govcrawl.documents.sniff import sniff_kind
    from govcrawl.extract import ExtractionError
    name = kwargs.get("filename") or (kwargs["url"].rsplit("/", 1)[-1] if kwargs.get("url") else None)
    kind = sniff_kind(data, name, kwargs.get("content_type"))
    refusal = (not_text(data) or html_too_big(data)) if kind is None else None
    if refusal:
        raise ExtractionError(refusal)
    if kind is None:
        memory_mb, cpu_s, timeout_s = config.HTML_MEMORY_MB, config.HTML_CPU_S, config.HTML_TIMEOUT_S
    else:
        limits = Limits()
        memory_mb, cpu_s, timeout_s = limits.max_memory_mb, int(limits.timeout_s) + 5, limits.timeout_s
    try:
        return (get_pool() if kind is None else document_pool()).run({"task": "extract", "kwargs": kwargs}, data,
                              memory_mb=memory_mb, cpu_s=cpu_s, timeout_s=timeout_s)
    except UnreadableDocument as exc:
        raise ExtractionError(exc.reason) from None
