"""Documents bench: per document type, truth figures read exact / unreadable (or missing) / wrong,
and speed; hostile files' time to refusal; DOC converters and OCR engines compared; and documents
nobody here typed, from the seeded generator tests/docgen: blank-cell PDFs with and without ruling
lines, and scans of them, with CPU seconds per page.

    .venv/bin/python bench/documents.py [--no-compare] [--pdfs 40] [--scans 6] [--seed 1000]

Wall time on a shared machine swings with load; child CPU seconds (parse + OCR in the worker
subprocess) are printed beside it.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govcrawl.documents import Limits, UnreadableDocument, read_document  # noqa: E402
from govcrawl.extract.tables import figures_from_grids  # noqa: E402
from govcrawl.extract.text_tables import figures_from_text  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def doc_type(case: str, source: str) -> str:
    if case.startswith("real-"):
        return "real pdf"
    if "no-rules" in case:
        return "pdf no rules"
    return {"report.pdf": "text pdf", "scan.pdf": "scanned pdf", "scan.png": "scan png"}.get(
        source, source.rsplit(".", 1)[-1])


def score(truth_figures: dict, figures: dict) -> tuple[int, int, int]:
    exact = unreadable = wrong = 0
    for key, want in truth_figures.items():
        fig = figures.get(key)
        if fig is None:
            unreadable += 1
        elif fig.value == Decimal(want):
            exact += 1
        else:
            wrong += 1
    wrong += sum(1 for k in figures if k not in truth_figures)      # extras are wrong too
    return exact, unreadable, wrong


def map_figures(content) -> dict:
    # the source extract() gives (govcrawl/reading.py): "ocr" for a scan, whatever its file kind
    figures = dict(figures_from_grids(content.grids, source="ocr" if content.ocr else content.kind).figures)
    if not any(k.startswith("requests.") for k in figures):
        for key, fig in figures_from_text(content.text).figures.items():
            figures.setdefault(key, fig)
    return figures


def bench_corpus() -> None:
    rows: dict[str, list] = defaultdict(list)
    for truth_path in sorted(CORPUS.glob("*/truth.json")):
        case = truth_path.parent.name
        if not case.startswith(("real-", "doc-")):
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if truth["source"].endswith((".html", ".htm", ".shtml")):
            continue                    # real-* HTML pages are pages, not documents (bench/extraction.py)
        data = (truth_path.parent / truth["source"]).read_bytes()
        wall, cpu = time.perf_counter(), child_cpu()
        try:
            content = read_document(data, filename=truth["source"], limits=Limits(timeout_s=900))
            result = score(truth["figures"], map_figures(content)) if truth["is_report"] else "NOT REFUSED"
        except UnreadableDocument as exc:
            result = exc.reason if not truth["is_report"] else f"FAILED {exc.reason}"
        wall, cpu = time.perf_counter() - wall, child_cpu() - cpu
        kind = doc_type(case, truth["source"]) if truth["is_report"] else "hostile"
        rows[kind].append((case, result, wall, cpu))
    print(f"{'type':12} {'docs':>4} {'exact':>6} {'unread':>6} {'wrong':>5} {'wall s/doc':>10} {'cpu s/doc':>9} {'docs/s':>7}")
    for kind, items in rows.items():
        if kind == "hostile":
            continue
        totals = [sum(r[1][i] for r in items if isinstance(r[1], tuple)) for i in range(3)]
        wall = sum(r[2] for r in items) / len(items)
        cpu = sum(r[3] for r in items) / len(items)
        print(f"{kind:12} {len(items):4} {totals[0]:6} {totals[1]:6} {totals[2]:5} {wall:10.2f} {cpu:9.2f} {1 / wall:7.2f}")
    for kind, items in rows.items():
        for case, result, wall, cpu in items:
            if not isinstance(result, tuple):
                print(f"  {case:32} {wall:6.2f}s  {result[:90]}")


def self_cpu() -> float:
    usage, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime


def bench_generated(n_pdfs: int, n_scans: int, first_seed: int) -> None:
    """tests/docgen documents read in this process (so their CPU is counted here, pdftoppm included)."""
    from tests.docgen import scan_case, text_pdf_case
    rows: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0, 0, 0.0, []])   # docs exact unread wrong pages cpu failed
    jobs = [("blank pdf ruled", s, lambda s: text_pdf_case(s, rules=("stroke", "fill")[s % 2]))
            for s in range(first_seed, first_seed + n_pdfs)]
    jobs += [("blank pdf no rules", s, lambda s: text_pdf_case(s, rules="none"))
             for s in range(first_seed, first_seed + n_pdfs // 2)]
    jobs += [("blank scan", s, scan_case) for s in range(first_seed, first_seed + n_scans)]
    for kind, seed, make in jobs:
        data, truth = make(seed)
        row = rows[kind]
        started = self_cpu()
        try:
            content = read_document(data, filename="report.pdf", limits=Limits(timeout_s=900, isolate=False))
        except UnreadableDocument as exc:
            row[0] += 1
            row[3] += len(truth["figures"])
            row[6].append(f"seed {seed}: {exc.reason}")
            continue
        exact, unreadable, wrong = score(truth["figures"], map_figures(content))
        row[0] += 1
        row[1] += exact
        row[2] += unreadable
        row[3] += wrong
        row[4] += content.pages
        row[5] += self_cpu() - started
        if wrong:
            row[6].append(f"seed {seed}: {wrong} wrong")
    print(f"\ngenerated (tests/docgen, seeds from {first_seed}):")
    print(f"{'type':18} {'docs':>4} {'exact':>6} {'unread':>6} {'wrong':>5} {'exact %':>7} {'cpu s/page':>10}")
    for kind, (docs, exact, unread, wrong, pages, cpu, notes) in rows.items():
        share = 100.0 * exact / max(exact + unread + wrong, 1)
        print(f"{kind:18} {docs:4} {exact:6} {unread:6} {wrong:5} {share:7.1f} {cpu / max(pages, 1):10.2f}")
        for note in notes:
            print(f"  {note}")


def bench_doc_converters() -> None:
    """antiword vs catdoc vs LibreOffice on one DOC: table-三 figures recovered and time."""
    doc = CORPUS / "doc-doc-legacy" / "report.doc"
    truth = json.loads((doc.parent / "truth.json").read_text(encoding="utf-8"))["figures"]
    t3 = {k: v for k, v in truth.items() if k.startswith("requests.")}

    def text_tool(argv):
        return lambda: figures_from_text(subprocess.run(argv + [str(doc)], capture_output=True, text=True).stdout).figures

    def libreoffice():
        return map_figures(read_document(doc.read_bytes(), filename="report.doc"))

    def antiword():
        # antiword draws tables as |cell|cell| lines: read them as grids (merged cells are lost)
        out = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(doc)], capture_output=True, text=True).stdout
        rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in out.splitlines() if line.startswith("|")]
        width = max(len(r) for r in rows)
        grid = [r + [""] * (width - len(r)) for r in rows]
        figures = dict(figures_from_grids([grid], source="doc").figures)
        for key, fig in figures_from_text(out).figures.items():
            figures.setdefault(key, fig)
        return figures

    tools = {"antiword": antiword, "catdoc": text_tool(["catdoc", "-w", "-d", "utf-8"]),
             "libreoffice->docx": libreoffice}
    print(f"\nDOC converters on {doc.relative_to(ROOT)} ({len(t3)} table-三 figures):")
    for name, run in tools.items():
        if not shutil.which(name.split("->")[0].replace("libreoffice", "soffice")):
            print(f"  {name:18} not installed")
            continue
        times, figures = [], {}
        for _ in range(3):
            started = time.perf_counter()
            figures = run()
            times.append(time.perf_counter() - started)
        got = {k: f for k, f in figures.items() if k.startswith("requests.")}
        exact, missing, wrong = score(t3, got)
        print(f"  {name:18} exact {exact:3}  missing {missing:3}  wrong {wrong:3}  median {statistics.median(times):.2f}s")


def bench_ocr_engines() -> None:
    """RapidOCR (this pipeline) vs tesseract chi_sim (page text -> text mapper) on scan.png."""
    png = CORPUS / "doc-scan-png" / "scan.png"
    truth = json.loads((png.parent / "truth.json").read_text(encoding="utf-8"))["figures"]
    print(f"\nOCR engines on {png.relative_to(ROOT)} ({len(truth)} figures):")
    started = time.perf_counter()
    figures = map_figures(read_document(png.read_bytes(), limits=Limits(timeout_s=900)))
    print("  rapidocr pipeline   exact %d  unreadable %d  wrong %d  %.1fs" % (*score(truth, figures), time.perf_counter() - started))
    if shutil.which("tesseract"):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory():
            text = subprocess.run(["tesseract", str(png), "-", "-l", "chi_sim", "--psm", "6"],
                                  capture_output=True, text=True).stdout
        figures = figures_from_text(text).figures
        print("  tesseract chi_sim   exact %d  unreadable %d  wrong %d  %.1fs" % (*score(truth, figures), time.perf_counter() - started))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-compare", action="store_true", help="skip the DOC converter and OCR engine comparison")
    parser.add_argument("--pdfs", type=int, default=40, help="generated ruled PDFs (half as many without rules)")
    parser.add_argument("--scans", type=int, default=6, help="generated scans (image-only PDFs)")
    parser.add_argument("--seed", type=int, default=1000, help="first generator seed")
    args = parser.parse_args()
    bench_corpus()
    bench_generated(args.pdfs, args.scans, args.seed)
    if not args.no_compare:
        bench_doc_converters()
        bench_ocr_engines()
