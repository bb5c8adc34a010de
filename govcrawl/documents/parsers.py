"""Which reader parses which kind of document. Readers are imported on first use: a worker that only
reads pages never loads pdfplumber or the OCR models."""
from __future__ import annotations

from govcrawl.documents.content import DocumentContent
from govcrawl.documents.limits import Limits, UnreadableDocument


def parse_kind(kind: str, data: bytes, limits: Limits) -> DocumentContent:
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
    raise UnreadableDocument(f"not a document: kind {kind!r}")
