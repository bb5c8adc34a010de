"""A minimal DOCX (no dependency) from paragraphs and the HTML tables gen/tables.py writes:
rowspans become vMerge, colspans gridSpan, as Word saves merged cells."""
import io
import re
import zipfile
from xml.sax.saxutils import escape

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_TD = re.compile(r'<td(?: rowspan="(\d+)")?(?: colspan="(\d+)")?>(.*?)</td>', re.S)


def _p(text: str) -> str:
    parts = text.split("<br>")
    runs = '<w:r><w:br/></w:r>'.join(f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>' for t in parts)
    return f"<w:p>{runs}</w:p>"


def _table(html: str) -> str:
    rows = [[(int(rs or 1), int(cs or 1), txt.replace("&nbsp;", "\u00a0")) for rs, cs, txt in _TD.findall(tr)]
            for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S)]
    covered = {}  # (row, col) -> (origin_row, colspan) for cells under a rowspan
    out_rows, width = [], 0
    for r, cells in enumerate(rows):
        tcs, c = [], 0
        pending = list(cells)
        while pending or (r, c) in covered:
            if (r, c) in covered:
                span = covered[(r, c)]
                grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
                tcs.append(f'<w:tc><w:tcPr>{grid}<w:vMerge/></w:tcPr><w:p/></w:tc>')
                c += span
                continue
            rs, cs, txt = pending.pop(0)
            pr = (f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else "") + ('<w:vMerge w:val="restart"/>' if rs > 1 else "")
            tcs.append(f'<w:tc><w:tcPr>{pr}</w:tcPr>{_p(txt)}</w:tc>')
            for k in range(1, rs):
                covered[(r + k, c)] = cs
            c += cs
        width = max(width, c)
        out_rows.append("<w:tr>" + "".join(tcs) + "</w:tr>")
    grid = "<w:tblGrid>" + '<w:gridCol w:w="600"/>' * width + "</w:tblGrid>"
    return ('<w:tbl><w:tblPr><w:tblBorders><w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders></w:tblPr>'
            + grid + "".join(out_rows) + "</w:tbl>")


def docx(blocks: list[tuple[str, str]]) -> bytes:
    """blocks: ("p", text) or ("table", html_table)."""
    body = "".join(_p(x) if kind == "p" else _table(x) + "<w:p/>" for kind, x in blocks)
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", _CT), ("_rels/.rels", _RELS), ("word/document.xml", doc)):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))  # fixed time: the build is reproducible
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def from_html(title: str, html: str) -> bytes:
    """The report body gen/pages.py renders, as Word would save it."""
    blocks = [("p", title)]
    for m in re.finditer(r"(<table.*?</table>)|<p[^>]*>(.*?)</p>", html, re.S):
        if m.group(1):
            blocks.append(("table", m.group(1)))
        else:
            blocks.append(("p", re.sub(r"<(?!br>)[^>]+>", "", m.group(2))))
    return docx(blocks)
