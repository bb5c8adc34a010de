"""extract(): one saved page or document -> Extraction (facts, figures, checks, is_report).

HTML: decode -> clean -> grids of the body -> figures; the body text is read as a flattened table
when the HTML tables miss table 三. Documents (PDF, DOC(X), XLS(X), images) are read by
govcrawl.documents into grids and text, then the same mapping. Pure function over bytes: no network,
no database. It stands above both rooms: govcrawl/extract maps grids and text, govcrawl/documents
turns files into them, and neither imports the other's reader.
"""
from __future__ import annotations

import re

from govcrawl.documents import UnreadableDocument, read_document, sniff_kind
from govcrawl.extract import ExtractionError
from govcrawl.extract.checks import run_checks
from govcrawl.extract.classify import _REPORT_TITLE, classify
from govcrawl.extract.clean import clean_html, sections
from govcrawl.extract.decode import decode_html
from govcrawl.extract.facts import read_facts
from govcrawl.extract.generation import decide as decide_generation
from govcrawl.extract.grid import grids_from_html
from govcrawl.extract.model import Extraction
from govcrawl.extract.narrative import figures_from_narrative
from govcrawl.extract.tables import figures_from_grids
from govcrawl.extract.text_tables import figures_from_text

__all__ = ["extract", "ExtractionError"]


def _has_table_three(figures: dict) -> bool:
    return any(k.startswith("requests.") for k in figures)


def _read_figures(grids, text: str, source: str, body=None):
    """Figures from grids, completed from the text when the grids miss table 三 (or have nothing).
    body: the HTML body, searched for tables drawn with <div>s before falling back to the text."""
    reading = figures_from_grids(grids, source=source)
    if body is not None and not _has_table_three(reading.figures) and reading.format != "legacy":
        with_divs = grids_from_html(body, div_tables=True)
        if len(with_divs) > len(grids):
            reading = figures_from_grids(with_divs, source=source)
    figures = dict(reading.figures)
    unreadable = list(reading.unreadable)
    ambiguous = list(getattr(reading, "ambiguous", []) or [])
    warnings = list(getattr(reading, "warnings", []) or [])
    fmt = reading.format or ""
    if text and not _has_table_three(figures) and fmt != "legacy":
        flat = figures_from_text(text, source="text")
        if fmt and flat.format and flat.format != fmt:
            warnings.append(f"text reads as format {flat.format}, tables as {fmt}: text ignored")
        else:
            fmt = fmt or flat.format or ""
            table_unreadable = set(unreadable)
            for key, fig in flat.figures.items():
                if key in figures:
                    if figures[key].value != fig.value:
                        warnings.append(f"{key}: table {figures[key].raw!r}, text {fig.raw!r}; the table wins")
                elif key in table_unreadable:
                    # the table printed this cell and it could not be read: the same cell flattened
                    # to text is no surer
                    warnings.append(f"{key}: unreadable in the table; the text's {fig.raw!r} not used")
                else:
                    figures[key] = fig
            unreadable += [k for k in flat.unreadable if k not in figures and k not in unreadable]
            ambiguous += [k for k in (getattr(flat, "ambiguous", []) or []) if k not in figures and k not in ambiguous]
            warnings += list(getattr(flat, "warnings", []) or [])
    unreadable = [k for k in unreadable if k not in figures]
    ambiguous = [k for k in ambiguous if k not in figures]
    return figures, unreadable, ambiguous, fmt, warnings


# Narrative figures worth comparing with the table: (pattern, key, what).
_NARRATIVE = (
    (re.compile(r"(?:共|累计|全年)(?:收到|受理|接收)[^。；;]{0,40}?(?:申请|依申请公开)[^。；;\d]{0,8}?(\d+)\s*件"),
     "requests.new.total", "申请数"),
)


def narrative_warnings(text: str, figures: dict) -> list[str]:
    """Warnings where the narrative quotes a figure the table contradicts (the table wins)."""
    out = []
    for pattern, key, what in _NARRATIVE:
        fig = figures.get(key)
        if fig is None:
            continue
        m = pattern.search(text)
        if m and int(m.group(1)) != fig.value:
            out.append(f"narrative {what} {m.group(1)} != table {key} {fig.value}")
    return out


def title_in_text(text: str) -> str:
    """The report title printed in the first lines of a text ("" when none): a document's first
    lines, or a page published as a fragment (no <title>, the title in its first paragraph)."""
    lines = [re.sub(r"\s+", "", ln) for ln in text.split("\n")[:15] if ln.strip()]
    # A title often wraps over two lines (…2022年政府信息公开 / 工作年度报告).
    for i, ln in enumerate(lines):
        for cand in (ln, ln + (lines[i + 1] if i + 1 < len(lines) else "")):
            if _REPORT_TITLE.search(cand) and len(cand) <= 80:
                return cand
    return ""


def _document_title(text: str, filename: str | None) -> str:
    found = title_in_text(text)
    if found:
        return found
    lines = [re.sub(r"\s+", "", ln) for ln in text.split("\n")[:15] if ln.strip()]
    if filename:
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", filename.rsplit("/", 1)[-1])
        return stem
    return lines[0] if lines else ""


def extract(data: bytes, *, url: str | None = None, content_type: str | None = None,
            filename: str | None = None, listing_date=None, region_hint: str | None = None) -> Extraction:
    name = filename or (url.rsplit("/", 1)[-1] if url else None)
    kind = sniff_kind(data, name, content_type)
    ex = Extraction()
    page_date = None
    if kind is None:
        html, _encoding = decode_html(data, content_type)
        cleaned = clean_html(html, url)
        body = cleaned.body
        grids = grids_from_html(body)
        text, title = cleaned.text, cleaned.title
        if not title:
            title = title_in_text(text)      # a content fragment: the CMS injects <title> by script
        page_date = cleaned.meta.get("published")
        ex.attachments = cleaned.attachments
        source = "html"
    else:
        try:
            doc = read_document(data, filename=name, content_type=content_type)
        except UnreadableDocument as exc:
            raise ExtractionError(exc.reason) from exc
        grids, text, body = doc.grids, doc.text, None
        title = _document_title(text, name)
        source = "ocr" if doc.ocr else doc.kind
        ex.warnings += list(getattr(doc, "warnings", []) or [])
    figures, unreadable, ambiguous, fmt, warnings = _read_figures(grids, text, source, body=body)
    ex.figures, ex.unreadable, ex.ambiguous = figures, unreadable, ambiguous
    ex.warnings += warnings + narrative_warnings(text, figures)
    ex.text = text
    table_fmt = fmt if (figures or unreadable) else ""      # hints from a table that gave nothing prove nothing
    ex.facts = read_facts(title, text, url=url, page_date=page_date, listing_date=listing_date,
                          format=table_fmt, region_hint=region_hint)
    why = decide_generation(table_fmt, ex.facts.year, text)[1]
    if why:
        ex.warnings.append(why)
    ex.checks = run_checks(figures, ex.facts.format) if figures else []
    if source == "ocr":
        ex.checks = _doubt_ocr_sums(ex)
    ex.sections = sections(text)
    ex.is_report, reason = classify(title, text, has_tables=bool(figures), format=ex.facts.format,
                                    found_sections=ex.sections)
    if not ex.is_report and reason.startswith("report title but no report content") and ex.attachments:
        # The page is the report's wrapper: the crawler reads the attachment(s) instead.
        reason = "report title; content only in attachment(s): " + " ".join(ex.attachments[:3])
    ex.not_report_reason = "" if ex.is_report else reason
    if ex.is_report and ex.facts.format == "legacy" and not any(k.startswith("legacy.") for k in ex.figures):
        # no 统计表 read: the figures the narrative states without doubt
        said, doubts = figures_from_narrative(text, ex.facts.year)
        ex.figures.update(said)
        ex.warnings += doubts
    if ex.is_report:
        ex.warnings += missing_table_warnings(ex)
    return ex


def _doubt_ocr_sums(ex: Extraction) -> list:
    """A scan whose sums do not hold has a misread digit in them (two agreeing reads are not proof).
    A figure that sits in two or more failed sums (a row's and a column's) is the misread one; a failed
    sum that no such figure explains makes all its figures unreadable. Never a silent wrong number."""
    checks, doubted = ex.checks, []
    while True:
        failed = [c for c in checks if not c.passed]
        if not failed:
            break
        count: dict[str, int] = {}
        for c in failed:
            for k in c.keys:
                count[k] = count.get(k, 0) + 1
        worst = max(count.values())
        culprits = [k for k, n in count.items() if n == worst] if worst >= 2 else list(failed[0].keys)
        culprits = [k for k in culprits if k in ex.figures]
        if not culprits:
            break
        for key in culprits:
            del ex.figures[key]
            ex.unreadable.append(key)
        doubted += culprits
        checks = run_checks(ex.figures, ex.facts.format)
    if doubted:
        ex.warnings.append(f"scan: {len(doubted)} figures in sums that do not hold are unreadable: "
                           + ", ".join(doubted[:10]))
    return checks


def missing_table_warnings(ex: Extraction) -> list[str]:
    """A report whose standard tables are not in the page (published as images or only in an
    attachment): their keys stay absent, not unreadable, and this says where to look instead."""
    seen = {k.split(".")[0] for k in (*ex.figures, *ex.unreadable)}
    where = ("; see " + " ".join(ex.attachments[:5])) if ex.attachments else ""
    if ex.facts.format == "legacy":
        # a legacy report may have no table at all; only say so when something else may hold it
        return [f"tables not in the page{where}"] if not seen and ex.attachments else []
    if ex.facts.format not in ("2019", "2021"):
        return []
    if not seen:
        return [f"tables not in the page{where}"]
    groups = {"二": {"active"}, "三": {"requests"}, "四": {"review", "litigation_direct", "litigation_after_review"}}
    return [f"table {name} not in the page{where}" for name, prefixes in groups.items() if not seen & prefixes]
