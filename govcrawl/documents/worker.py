"""Runs one parser in a child process: `python -m govcrawl.documents.worker KIND LIMITS_JSON`,
document bytes on stdin, a JSON DocumentContent (or {"error": reason}) on stdout.

The parent sets the rlimits and the wall-clock timeout; here we only parse and report."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govcrawl.documents.content import DocumentContent


def parse(kind: str, data: bytes, limits) -> DocumentContent:
    if kind == "pdf":
        from govcrawl.documents.pdf import read_pdf
        return read_pdf(data, limits)
    if kind in ("docx", "doc"):
        from govcrawl.documents.word import read_doc, read_docx
        return read_docx(data, limits) if kind == "docx" else read_doc(data, limits)
    if kind in ("xlsx", "xls"):
        from govcrawl.documents.sheets import read_xls, read_xlsx
        return read_xlsx(data, limits) if kind == "xlsx" else read_xls(data, limits)
    if kind == "image":
        from govcrawl.documents.ocr import read_image
        return read_image(data, limits)
    from govcrawl.documents.limits import UnreadableDocument
    raise UnreadableDocument(f"not a document: kind {kind!r}")


def main() -> None:
    from govcrawl.documents.limits import Limits, UnreadableDocument
    kind, limits = sys.argv[1], Limits(**json.loads(sys.argv[2]))
    data = sys.stdin.buffer.read()
    try:
        result = {"content": asdict(parse(kind, data, limits))}
    except UnreadableDocument as exc:
        result = {"error": exc.reason}
    except MemoryError:
        result = {"error": f"memory limit: parsing needed more than {limits.max_memory_mb} MB"}
    except Exception as exc:  # a parser bug or a file no guard foresaw: the crawl goes on
        if any(sign in str(exc) for sign in ("bad_alloc", "failed to map segment", "Cannot allocate memory")):
            # native libraries (OpenCV, onnxruntime) report the address-space limit their own way
            result = {"error": f"memory limit: parsing needed more than {limits.max_memory_mb} MB ({exc})"[:500]}
        else:
            result = {"error": f"corrupt: {type(exc).__name__}: {exc}"[:500]}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
