"""Build the doc-* corpus cases: one declared set of figures (FIGURES below, the truth) written as
DOCX (real merged cells), XLSX, XLS, DOC, text PDF, scans (PNG and image-only PDF) and hostile files.

    .venv/bin/python tests/corpus/build_documents.py      # needs LibreOffice, poppler-utils, fonts-wqy-zenhei

Every truth.json is written from the inputs, never from what a reader makes of the output.
"""
from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"]
FONT = "WenQuanYi Zen Hei"

# ---- the inputs (the truth) -------------------------------------------------------------------
TABLE_2 = {  # key -> printed value
    "active.rules.issued": "2", "active.rules.repealed": "0", "active.rules.in_force": "15",
    "active.normative_docs.issued": "12", "active.normative_docs.repealed": "3",
    "active.normative_docs.in_force": "140", "active.licensing.decisions": "5321",
    "active.penalty.decisions": "1204", "active.enforcement.decisions": "37", "active.fees.amount": "452.36",
}
# table 三 rows: (key, label column 0, label column 1, label column 2, six applicant values)
ROWS_3 = [
    ("new", "一、本年新收政府信息公开申请数量", None, None, [120, 5, 1, 0, 3, 2]),
    ("carried_over", "二、上年结转政府信息公开申请数量", None, None, [6, 0, 0, 0, 1, 0]),
    ("granted", "三、本年度办理结果", "（一）予以公开", None, [60, 3, 1, 0, 2, 0]),
    ("partial", "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, [12, 1, 0, 0, 0, 1]),
    ("denied.state_secret", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", [1, 0, 0, 0, 0, 0]),
    ("denied.prohibited_by_law", "三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开", [2, 0, 0, 0, 0, 0]),
    ("denied.security_stability", "三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”", [0, 0, 0, 0, 0, 0]),
    ("denied.third_party_rights", "三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益", [3, 0, 0, 0, 1, 0]),
    ("denied.internal_affairs", "三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息", [0, 0, 0, 0, 0, 0]),
    ("denied.process_info", "三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息", [4, 0, 0, 0, 0, 0]),
    ("denied.enforcement_file", "三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷", [1, 0, 0, 0, 0, 0]),
    ("denied.query_matter", "三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项", [0, 0, 0, 0, 0, 0]),
    ("unavailable.not_held", "三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", [20, 1, 0, 0, 0, 0]),
    ("unavailable.needs_creation", "三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作", [3, 0, 0, 0, 0, 0]),
    ("unavailable.unclear", "三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确", [1, 0, 0, 0, 0, 0]),
    ("not_processed.petition", "三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请", [2, 0, 0, 0, 0, 0]),
    ("not_processed.duplicate", "三、本年度办理结果", "（五）不予处理", "2.重复申请", [1, 0, 0, 0, 1, 0]),
    ("not_processed.publication", "三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物", [0, 0, 0, 0, 0, 0]),
    ("not_processed.excessive", "三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0]),
    ("not_processed.confirm_existing", "三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", [1, 0, 0, 0, 0, 0]),
    ("other.no_correction", "三、本年度办理结果", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [3, 0, 0, 0, 0, 0]),
    ("other.no_fee_paid", "三、本年度办理结果", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [1, 0, 0, 0, 0, 0]),
    ("other.other", "三、本年度办理结果", "（六）其他处理", "3.其他", [3, 0, 0, 0, 0, 0]),
    ("total_handled", "三、本年度办理结果", "（七）总计", None, [118, 5, 1, 0, 4, 1]),
    ("carried_forward", "四、结转下年度继续办理", None, None, [8, 0, 0, 0, 0, 1]),
]
TABLE_4 = {"review": [4, 1, 2, 1, 8], "litigation_direct": [2, 0, 1, 1, 4], "litigation_after_review": [1, 0, 0, 0, 1]}
FACTS = {"agency": "淮安市人民政府", "level": "city", "region_code": "320800", "year": 2024,
         "published": None, "format": "2021"}
TITLE = "淮安市人民政府2024年政府信息公开工作年度报告"


def figures(tables=("2", "3", "4")) -> dict[str, str]:
    out: dict[str, str] = {}
    if "2" in tables:
        out.update(TABLE_2)
    if "3" in tables:
        for key, *_labels, values in ROWS_3:
            for col, v in zip(COLS, values):
                out[f"requests.{key}.{col}"] = str(v)
            out[f"requests.{key}.total"] = str(sum(values))
    if "4" in tables:
        for group, values in TABLE_4.items():
            for col, v in zip(["upheld", "corrected", "other", "pending", "total"], values):
                out[f"{group}.{col}"] = str(v)
    return out


def checks_failed(fig: dict[str, str]) -> list[str]:
    """The checks of docs/team-brief.md computed on the inputs."""
    D = lambda k: Decimal(fig[k])  # noqa: E731
    failed = []
    rows = [r[0] for r in ROWS_3]
    outcome_rows = rows[2:-2]
    if "requests.new.total" in fig:
        for c in COLS + ["total"]:
            if D(f"requests.new.{c}") + D(f"requests.carried_over.{c}") != D(f"requests.total_handled.{c}") + D(f"requests.carried_forward.{c}"):
                failed.append(f"balance.{c}")
            if sum(D(f"requests.{r}.{c}") for r in outcome_rows) != D(f"requests.total_handled.{c}"):
                failed.append(f"outcomes.{c}")
        for r in rows:
            if sum(D(f"requests.{r}.{c}") for c in COLS) != D(f"requests.{r}.total"):
                failed.append(f"row_total.requests.{r}")
    for g in TABLE_4:
        if f"{g}.total" in fig and sum(D(f"{g}.{c}") for c in ["upheld", "corrected", "other", "pending"]) != D(f"{g}.total"):
            failed.append(f"group_total.{g}")
    return failed


# ---- tables as text grids plus merges (r0, r1, c0, c1 inclusive) ------------------------------
def table_2(t: dict[str, str] = TABLE_2) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    rows = [["第二十条第（一）项"] * 4, ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", t["active.rules.issued"], t["active.rules.repealed"], t["active.rules.in_force"]],
            ["行政规范性文件", t["active.normative_docs.issued"], t["active.normative_docs.repealed"],
             t["active.normative_docs.in_force"]],
            ["第二十条第（五）项"] * 4, ["信息内容"] + ["本年处理决定数量"] * 3,
            ["行政许可"] + [t["active.licensing.decisions"]] * 3,
            ["第二十条第（六）项"] * 4, ["信息内容"] + ["本年处理决定数量"] * 3,
            ["行政处罚"] + [t["active.penalty.decisions"]] * 3, ["行政强制"] + [t["active.enforcement.decisions"]] * 3,
            ["第二十条第（八）项"] * 4, ["信息内容"] + ["本年收费金额（单位：万元）"] * 3,
            ["行政事业性收费"] + [t["active.fees.amount"]] * 3]
    merges = [(0, 0, 0, 3), (4, 4, 0, 3), (7, 7, 0, 3), (11, 11, 0, 3)]
    merges += [(r, r, 1, 3) for r in (5, 6, 8, 9, 10, 12, 13)]
    return rows, merges


def table_3(rows_3: list = ROWS_3, total=lambda values: str(sum(values))) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """rows_3 as ROWS_3, values printed as given (tests/docgen prints blanks); total(values): the 总计 cell."""
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    rows = [[note] * 3 + ["申请人情况"] * 7,
            [note] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"],
            [note] * 3 + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]]
    merges = [(0, 2, 0, 2), (0, 0, 3, 9), (1, 2, 3, 3), (1, 1, 4, 8), (1, 2, 9, 9)]
    start = len(rows)
    for i, (_key, l0, l1, l2, values) in enumerate(rows_3):
        r = start + i
        rows.append([l0, l1 or l0, l2 or l1 or l0] + [str(v) for v in values] + [total(values)])
        if l1 is None:
            merges.append((r, r, 0, 2))
        elif l2 is None:
            merges.append((r, r, 1, 2))
    # vertical merges of the nested labels
    for col in (0, 1):
        r = start
        while r < len(rows):
            end = r
            while end + 1 < len(rows) and rows[end + 1][col] == rows[r][col] and rows[r][col] != rows[r][col + 1]:
                end += 1
            if end > r:
                merges.append((r, end, col, col))
            r = end + 1
    return rows, merges


def table_4(t4: dict[str, list] = TABLE_4) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    sub = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [["行政复议"] * 5 + ["行政诉讼"] * 10,
            sub + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
            sub + sub + sub,
            [str(v) for g in t4.values() for v in g]]
    merges = [(0, 0, 0, 4), (0, 0, 5, 14), (1, 1, 5, 9), (1, 1, 10, 14)] + [(1, 2, c, c) for c in range(5)]
    return rows, merges


PARAGRAPHS = {
    "一": "一、总体情况\n2024年，我市认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开。",
    "二": "二、主动公开政府信息情况", "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况\n政策解读质量仍需提升。", "六": "六、其他需要报告的事项\n无。",
}


# ---- writers ---------------------------------------------------------------------------------
def _docx_font(document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(9)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def write_docx(path: Path, tables=("2", "3", "4"), borders: bool = True) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm
    document = docx.Document()
    _docx_font(document)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(1.5)
    if tables == ("3",):  # one page for the PNG scan
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        section.top_margin = section.bottom_margin = Cm(1)
    document.add_paragraph(TITLE)
    builders = {"2": table_2, "3": table_3, "4": table_4}
    for number in ("一", "二", "三", "四", "五", "六"):
        for line in PARAGRAPHS[number].split("\n"):
            document.add_paragraph(line)
        table_no = {"二": "2", "三": "3", "四": "4"}.get(number)
        if table_no in tables:
            rows, merges = builders[table_no]()
            t = document.add_table(rows=len(rows), cols=len(rows[0]))
            if borders:
                t.style = "Table Grid"
            covered = set()
            for r0, r1, c0, c1 in merges:   # merge first: merging concatenates the cells' texts
                t.cell(r0, c0).merge(t.cell(r1, c1))
                covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    if (r, c) not in covered:
                        t.cell(r, c).text = text
    document.save(path)


def write_xlsx(path: Path) -> None:
    import openpyxl
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "报告"
    r_at = 1
    ws.cell(r_at, 1, TITLE)
    r_at += 2
    for builder, heading in ((table_2, PARAGRAPHS["二"]), (table_3, PARAGRAPHS["三"]), (table_4, PARAGRAPHS["四"])):
        ws.cell(r_at, 1, heading)
        r_at += 1
        rows, merges = builder()
        covered = set()
        for r0, r1, c0, c1 in merges:
            ws.merge_cells(start_row=r_at + r0, end_row=r_at + r1, start_column=c0 + 1, end_column=c1 + 1)
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if (r, c) in covered:
                    continue
                number = text.replace(".", "", 1).isdigit()
                ws.cell(r_at + r, c + 1, (float(text) if "." in text else int(text)) if number else text)
        r_at += len(rows) + 2
    book.save(path)


def soffice_convert(source: Path, fmt: str, outdir: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", fmt, "--outdir", str(outdir), str(source)], check=True, capture_output=True)
    return outdir / (source.stem + "." + fmt.split(":")[0])


def scan_pages(pdf: Path, workdir: Path, seed: int, dpi: int = 150, pages: tuple[int, int] | None = None) -> list:
    """Render each page at dpi, rotate slightly and add noise: what a scanner makes of a printout."""
    from PIL import Image, ImageFilter
    rnd = random.Random(seed)
    span = ["-f", str(pages[0]), "-l", str(pages[1])] if pages else []
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", *span, str(pdf), str(workdir / "page")], check=True)
    images = []
    for png in sorted(workdir.glob("page-*.png")):
        img = Image.open(png).convert("L")
        img = img.rotate(rnd.choice([-0.6, 0.4, 0.7]), resample=Image.BICUBIC, expand=False, fillcolor=255)
        img = img.filter(ImageFilter.GaussianBlur(0.5))
        px = img.load()
        for _ in range(img.width * img.height // 150):   # salt-and-pepper specks
            x, y = rnd.randrange(img.width), rnd.randrange(img.height)
            px[x, y] = rnd.choice((0, 90, 255))
        images.append(img)
    return images


ONLY: set[str] = set()        # case names given on the command line: rebuild only those


def write_case(case: str, source_name: str, data: bytes | None, truth: dict, src: Path | None = None) -> None:
    if ONLY and case not in ONLY:
        return
    folder = HERE / case
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    if src is not None:
        shutil.copyfile(src, folder / source_name)
    else:
        (folder / source_name).write_bytes(data)
    truth = {"source": source_name, "url": None, "listing_date": None, **truth}
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def report_truth(tables=("2", "3", "4"), how: str = "") -> dict:
    fig = figures(tables)
    return {"facts": FACTS, "figures": fig, "unreadable": [], "checks_failed": checks_failed(fig),
            "is_report": True, "provenance": f"generated by tests/corpus/build_documents.py from its declared inputs; {how}"}


def hostile_truth(expect: str, how: str) -> dict:
    return {"is_report": False, "expect_error": expect, "provenance": f"hostile file made by build_documents.py: {how}"}


def zip_bomb_docx() -> bytes:
    """A DOCX whose one XML member inflates to 400 MB; 400 KB on disk."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(400):
                member.write(chunk)
    return buf.getvalue()


def real_scan(tmp: Path) -> None:
    """Pages 1, 4 and 5 of the real Huai'an 2024 report (title; tables 三, 四 and the end of 二)
    scanned at 200 dpi and stitched into one JPG; its truth is the read truth of those tables."""
    from PIL import Image
    source = HERE / "real-huaian-city-2024"
    real = json.loads((source / "truth.json").read_text(encoding="utf-8"))
    pages = tmp / "real"
    pages.mkdir()
    parts = scan_pages(source / "report.pdf", pages, seed=5, dpi=200, pages=(1, 5))
    parts = [parts[0], parts[3], parts[4]]         # the title page, then the tables
    tall = Image.new("L", (parts[0].width, sum(p.height for p in parts)), 255)
    for i, part in enumerate(parts):
        tall.paste(part, (0, sum(p.height for p in parts[:i])))
    jpg = io.BytesIO()
    tall.save(jpg, "JPEG", quality=80)
    keep = ("requests.", "review.", "litigation_", "active.penalty.", "active.enforcement.", "active.fees.")
    figures = {k: v for k, v in real["figures"].items() if k.startswith(keep)}
    write_case("doc-scan-real-jpg", "scan.jpg", jpg.getvalue(),
               {"facts": real["facts"], "figures": figures, "unreadable": [], "checks_failed": real["checks_failed"],
                "is_report": True,
                "provenance": "pages 1, 4 and 5 of real-huaian-city-2024/report.pdf rendered at 200 dpi, scanned (rotation, "
                              "blur, specks) and stitched into one JPG by build_documents.py; figures are that "
                              "case's read truth for the tables on these pages"})


def main() -> None:
    import sys
    ONLY.update(sys.argv[1:])
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        full = tmp / "report.docx"
        write_docx(full)
        write_case("doc-docx-merged", "report.docx", None, report_truth(how="DOCX from python-docx with gridSpan/vMerge merged cells"), full)
        doc = soffice_convert(full, "doc", tmp)
        write_case("doc-doc-legacy", "report.doc", None, report_truth(how="DOCX converted to Word 97 DOC by LibreOffice"), doc)
        pdf = soffice_convert(full, "pdf", tmp)
        write_case("doc-pdf-text", "report.pdf", None, report_truth(how="DOCX rendered to PDF by LibreOffice (text layer, ruled tables)"), pdf)
        bare = tmp / "bare" / "report.docx"
        bare.parent.mkdir()
        write_docx(bare, borders=False)
        write_case("doc-pdf-no-rules", "report.pdf", None,
                   report_truth(how="DOCX without table borders rendered to PDF by LibreOffice: no ruling lines, "
                                    "tables only as word positions"), soffice_convert(bare, "pdf", bare.parent))
        xlsx = tmp / "report.xlsx"
        write_xlsx(xlsx)
        write_case("doc-xlsx-merged", "report.xlsx", None, report_truth(how="XLSX from openpyxl with merged ranges"), xlsx)
        xls = soffice_convert(xlsx, "xls", tmp)
        write_case("doc-xls-legacy", "report.xls", None, report_truth(how="XLSX converted to BIFF8 XLS by LibreOffice"), xls)

        pages_dir = tmp / "pages"
        pages_dir.mkdir()
        images = scan_pages(pdf, pages_dir, seed=7)
        buf = io.BytesIO()
        images[0].save(buf, "PDF", resolution=150, save_all=True, append_images=images[1:])
        write_case("doc-scan-pdf", "scan.pdf", buf.getvalue(),
                   report_truth(how="text PDF rendered at 150 dpi, rotated <=0.7 degrees, blurred, specks; image-only PDF"))

        one = tmp / "table3.docx"
        write_docx(one, tables=("3",))
        one_pdf = soffice_convert(one, "pdf", tmp)
        single = tmp / "single"
        single.mkdir()
        # the table runs over two landscape pages: one long image, as sites post "长图" screenshots
        from PIL import Image
        parts = scan_pages(one_pdf, single, seed=11)
        tall = Image.new("L", (parts[0].width, sum(p.height for p in parts)), 255)
        for i, part in enumerate(parts):
            tall.paste(part, (0, sum(p.height for p in parts[:i])))
        png = io.BytesIO()
        tall.save(png, "PNG")
        write_case("doc-scan-png", "scan.png", png.getvalue(),
                   report_truth(tables=("3",), how="table 三 alone over two landscape pages, scanned at 150 dpi, stitched into one PNG"))

        real_scan(tmp)
        pdf_bytes = pdf.read_bytes()
        write_case("doc-hostile-truncated-pdf", "report.pdf", pdf_bytes[: len(pdf_bytes) * 2 // 5],
                   hostile_truth("corrupt", "the text PDF cut at 40% of its bytes"))
        enc_filter = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                      '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
        enc_dir = tmp / "enc"
        enc_dir.mkdir()
        write_case("doc-hostile-encrypted-pdf", "report.pdf", None,
                   hostile_truth("encrypted", "LibreOffice PDF export with an open password"),
                   soffice_convert(full, enc_filter, enc_dir))
        write_case("doc-hostile-zip-bomb-docx", "report.docx", zip_bomb_docx(),
                   hostile_truth("decompression bomb", "DOCX whose word/document.xml inflates to 400 MB"))
        html = ("<html><head><meta charset='utf-8'><title>404</title></head><body>"
                "<h1>页面不存在</h1></body></html>").encode("utf-8")
        write_case("doc-hostile-html-as-pdf", "report.pdf", html,
                   hostile_truth("not a document", "an HTML error page saved under a .pdf name"))
        # git stores this zlib-compressed (a few KB); on disk it is over the 30 MB default limit
        oversize = pdf_bytes + b"\n%" + b" " * (31 * 1024 * 1024) + b"\n"
        write_case("doc-hostile-oversize-pdf", "report.pdf", oversize,
                   hostile_truth("over-size", "the text PDF padded with a 31 MB comment"))


if __name__ == "__main__":
    main()
