"""Read reports published as documents (PDF, DOCX, DOC, XLSX, XLS, scanned images) into text and
grids for the table mapper. Every document is parsed in a child process with an address-space
limit and a wall-clock timeout, so one hostile file cannot eat the machine or stop a crawl."""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from dataclasses import asdict

from govcrawl.documents.content import DocumentContent
from govcrawl.documents.limits import Limits, UnreadableDocument, check_size, check_zip
from govcrawl.documents.sniff import sniff_kind

__all__ = ["DocumentContent", "Limits", "UnreadableDocument", "read_document", "sniff_kind"]

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_document(data: bytes, *, filename: str | None = None, content_type: str | None = None,
                  limits: Limits | None = None) -> DocumentContent:
    limits = limits or Limits()
    check_size(data, limits)
    kind = sniff_kind(data, filename, content_type)
    if kind is None:
        raise UnreadableDocument("not a document: bytes are HTML, text or an unknown format")
    if kind in ("docx", "xlsx"):
        check_zip(data, limits)
    if not limits.isolate:
        from govcrawl.documents.worker import parse
        return parse(kind, data, limits)
    return _parse_in_child(kind, data, limits)


def _parse_in_child(kind: str, data: bytes, limits: Limits) -> DocumentContent:
    memory = limits.max_memory_mb * 1024 * 1024
    cpu = int(limits.timeout_s) + 5

    def confine() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")])),
               OMP_NUM_THREADS="1")
    proc = subprocess.Popen([sys.executable, "-m", "govcrawl.documents.worker", kind, json.dumps(asdict(limits))],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=confine, start_new_session=True, env=env)
    try:
        out, err = proc.communicate(data, timeout=limits.timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)   # the parser and whatever it started (pdftoppm, soffice)
        proc.communicate()
        raise UnreadableDocument(f"timeout: {kind} not parsed within {limits.timeout_s:g} s") from None
    try:
        result = json.loads(out)
    except ValueError:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        if proc.returncode and proc.returncode < 0:
            raise UnreadableDocument(f"killed: parser died with signal {-proc.returncode} "
                                     f"(memory limit {limits.max_memory_mb} MB or CPU limit)") from None
        raise UnreadableDocument(f"corrupt: parser failed ({tail[0][:200]})") from None
    if "error" in result:
        raise UnreadableDocument(result["error"])
    return DocumentContent(**result["content"])
