"""A pool worker: `python -m govcrawl.documents.worker`, started once and fed tasks over its pipes
by govcrawl.documents.pool. Started ahead of need: the interpreter and the parser imports cost
0.4 s, paid once per worker instead of once per page.

Each task sets its own limits here, in the child, before it parses: RLIMIT_AS (address space) and
RLIMIT_CPU (CPU seconds from now). A task over its memory gets a MemoryError (answered, then the
worker retires) or dies; over its CPU time the kernel kills the worker with SIGXCPU; the parent
holds the wall clock. The parent replaces a worker that died, timed out or retired.

Frames: request  = ">II" (meta length, data length), pickled meta, raw bytes;
        response = ">I" length, pickled {"ok": result} or {"error": reason}, plus "retire", "rss_mb".
"""
from __future__ import annotations

import os
import pickle
import resource
import struct
import sys

from govcrawl.documents.parsers import parse_kind

_NATIVE_OOM = ("bad_alloc", "failed to map segment", "Cannot allocate memory", "std::bad_alloc",
               "Unable to allocate")     # the last: pdfminer (via pdfplumber) under the address-space limit


def run_task(meta: dict, data: bytes):
    """The work of one task, in this process (the pool worker, or in-process when isolation is off)."""
    if meta["task"] == "document":
        return parse_kind(meta["kind"], data, meta["limits"])
    if meta["task"] == "extract":
        from govcrawl.reading import extract
        return extract(data, **meta["kwargs"])
    raise ValueError(f"unknown task {meta['task']!r}")


def _confine(memory_mb: int, cpu_s: int) -> None:
    memory = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory if hard == resource.RLIM_INFINITY else min(memory, hard), hard))
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft_cpu = int(used.ru_utime + used.ru_stime) + cpu_s + 1
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (soft_cpu, hard))


def _release() -> None:
    for limit in (resource.RLIMIT_AS, resource.RLIMIT_CPU):
        _soft, hard = resource.getrlimit(limit)
        resource.setrlimit(limit, (hard, hard))


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def answer(meta: dict, data: bytes) -> dict:
    """Run one task under its limits; every failure becomes {"error": reason}."""
    from govcrawl.documents.limits import UnreadableDocument
    from govcrawl.extract import ExtractionError
    memory_mb = meta["memory_mb"]
    peak_before = _status_mb("VmPeak")
    try:
        _confine(memory_mb, meta["cpu_s"])
        try:
            result = {"ok": pickle.dumps(run_task(meta, data), protocol=pickle.HIGHEST_PROTOCOL)}
        finally:
            _release()
    except (UnreadableDocument, ExtractionError) as exc:
        result = {"error": exc.reason}
    except MemoryError:
        result = {"error": f"memory limit: reading needed more than {memory_mb} MB", "retire": True}
    except RecursionError:
        result = {"error": "too complex: nesting too deep to read", "retire": True}
    except Exception as exc:  # a parser bug or a file no guard foresaw: the crawl goes on
        peak = _status_mb("VmPeak")
        if any(sign in str(exc) for sign in _NATIVE_OOM) or (peak > peak_before and peak > 0.9 * memory_mb):
            # native libraries report the address-space limit their own way: OpenCV and onnxruntime
            # by message, lxml as "XMLSyntaxError: unknown error"; the peak address space tells
            result = {"error": f"memory limit: reading needed more than {memory_mb} MB ({exc})"[:500], "retire": True}
        else:
            result = {"error": f"parser error: {type(exc).__name__}: {exc}"[:500]}
    result["rss_mb"] = _status_mb("VmRSS")
    return result


def _read_exactly(stream, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = stream.read(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def serve() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))     # a killed 600 MB worker must not write a core
    import govcrawl.documents as documents
    documents.IN_WORKER = True                          # read_document parses here, not in another child
    from govcrawl.reading import extract
    try:    # warm up: imports, label tables and regions load now, not during the first page
        extract("<html><title>2019年政府信息公开工作年度报告</title><body><table><tr><td>一、</td><td>1</td>"
                "</tr></table></body></html>".encode(), url="http://www.example.gov.cn/a.html")
    except Exception:
        pass
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr                             # a stray print() must not corrupt the frames
    while True:
        head = _read_exactly(stdin, 8)
        if head is None:
            return                                      # the parent closed the pipe: done
        meta_len, data_len = struct.unpack(">II", head)
        meta = pickle.loads(_read_exactly(stdin, meta_len) or b"")
        data = _read_exactly(stdin, data_len) or b""
        result = answer(meta, data)
        del data
        out = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.write(struct.pack(">I", len(out)) + out)
        stdout.flush()
        if result.get("retire"):
            return


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    serve()
