"""Word documents: DOCX through python-docx (merged cells expanded), legacy DOC converted to DOCX by
LibreOffice, which keeps merged cells (antiword/catdoc flatten them; see the bench in the report)."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile

from govcrawl.documents.content import DocumentContent
from govcrawl.documents.grids import clean_cell, drop_empty, rectangular
from govcrawl.documents.limits import Limits, UnreadableDocument
from govcrawl.extract.model import Grid

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _table_grid(table) -> Grid:
    """Rows of the table with gridSpan cells repeated across and vMerge cells repeated down.

    python-docx's row.cells repeats a horizontally merged cell; a vMerge="continue" cell is empty in
    the XML, so it takes the text of the cell above it in the same grid column."""
    rows: list[list[str]] = []
    continued: list[list[bool]] = []
    for row in table.rows:
        texts, cont = [], []
        for tc in row._tr.tc_lst:
            span = int(tc.tcPr.gridSpan.val) if tc.tcPr is not None and tc.tcPr.gridSpan is not None else 1
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            is_cont = vmerge is not None and vmerge.get(f"{_W}val") in (None, "continue")
            text = clean_cell("\n".join(_Para(p).text for p in tc.iter(f"{_W}p"))) or ""
            texts += [text] * span
            cont += [is_cont] * span
        rows.append(texts)
        continued.append(cont)
    grid = rectangular(rows)
    for i in range(1, len(grid)):
        for j in range(len(grid[i])):
            if j < len(continued[i]) and continued[i][j]:
                grid[i][j] = grid[i - 1][j]
    return grid


class _Para:
    """Text of a w:p element (runs' w:t), without building python-docx objects for every paragraph."""

    def __init__(self, p):
        self.text = "".join(t.text or "" for t in p.iter(f"{_W}t"))


def read_docx(data: bytes, limits: Limits, kind: str = "docx") -> DocumentContent:
    import docx
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise UnreadableDocument(f"corrupt: DOCX cannot be opened ({type(exc).__name__}: {exc})") from None
    content = DocumentContent(kind=kind, pages=1)
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag == f"{_W}p":
            lines.append(_Para(block).text)
    content.text = "\n".join(lines)
    for table in document.tables:
        grid = drop_empty(_table_grid(table))
        if grid:
            content.grids.append(grid)
    return content


def read_doc(data: bytes, limits: Limits) -> DocumentContent:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise UnreadableDocument("unsupported: legacy DOC needs LibreOffice (apt libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="govcrawl-doc-") as tmp:
        source = os.path.join(tmp, "report.doc")
        with open(source, "wb") as fh:
            fh.write(data)
        # a private profile: concurrent conversions with a shared profile block on its lock
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        try:
            subprocess.run([soffice, profile, "--headless", "--norestore", "--convert-to", "docx",
                            "--outdir", tmp, source], capture_output=True, timeout=limits.timeout_s, check=False)
        except subprocess.TimeoutExpired:
            raise UnreadableDocument(f"timeout: LibreOffice did not convert the DOC in {limits.timeout_s:g} s") from None
        target = os.path.join(tmp, "report.docx")
        if not os.path.exists(target):
            raise UnreadableDocument("corrupt: LibreOffice could not convert the DOC")
        with open(target, "rb") as fh:
            converted = fh.read()
    return read_docx(converted, limits, kind="doc")
