"""Read reports published as documents (PDF, DOCX, DOC, XLSX, XLS, scanned images) into text and
grids for the table mapper. Every document is parsed in a pool worker (govcrawl.documents.pool) with
an address-space limit, a CPU limit and a wall-clock timeout, so one hostile file cannot eat the
machine or stop a crawl."""
from __future__ import annotations

from govcrawl.documents.content import DocumentContent
from govcrawl.documents.limits import Limits, UnreadableDocument, check_size, check_zip
from govcrawl.documents.parsers import parse_kind
from govcrawl.documents.sniff import sniff_kind

__all__ = ["DocumentContent", "Limits", "UnreadableDocument", "read_document", "sniff_kind"]

IN_WORKER = False      # True inside a pool worker: parse here, under the limits the worker set


def read_document(data: bytes, *, filename: str | None = None, content_type: str | None = None,
                  limits: Limits | None = None) -> DocumentContent:
    limits = limits or Limits()
    check_size(data, limits)
    kind = sniff_kind(data, filename, content_type)
    if kind is None:
        raise UnreadableDocument("not a document: bytes are HTML, text or an unknown format")
    if kind in ("docx", "xlsx"):
        check_zip(data, limits)
    if not limits.isolate or IN_WORKER:
        return parse_kind(kind, data, limits)
    return _parse_in_child(kind, data, limits)


def _parse_in_child(kind: str, data: bytes, limits: Limits) -> DocumentContent:
    from govcrawl.documents.pool import get_pool
    return get_pool().run({"task": "document", "kind": kind, "limits": limits}, data,
                          memory_mb=limits.max_memory_mb, cpu_s=int(limits.timeout_s) + 5, timeout_s=limits.timeout_s)
