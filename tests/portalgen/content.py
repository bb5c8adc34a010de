"""What a generated report says: its figures (the truth) and its body as printed (HTML, PDF, DOCX).

Figures come from tests/web/gen/figures.py (balanced unless tampered), tables from
tests/web/gen/tables.py via pages.report_body; the variants here only change how the same
figures are printed: Word-exported blank-heavy cells, a table split in two, fees in 元.
"""
import re
from decimal import Decimal
from functools import lru_cache

from tests.web.gen import docx as docx_gen
from tests.web.gen.figures import failed_checks, make_figures
from tests.web.gen.pages import report_body
from tests.web.gen.pdf import text_pdf

from tests.web.gen.tables import legacy_table

from .legacy import legacy_report, table_html
from .plan import Item

_TD = re.compile(r"<td([^>]*)>(.*?)</td>", re.S)
_FEES_HEAD = "本年收费金额（单位：万元）"


@lru_cache(maxsize=8192)
def _figures(fmt, legacy, seed, single, tamper):
    if fmt == "legacy":
        rows, figs = legacy_report(seed, legacy)
        return tuple(rows), tuple(figs.items())
    f = make_figures(fmt, seed, scale=40, other_single_row=single)
    if tamper:
        f["review.total"] += 1
    return (), tuple((k, str(v)) for k, v in f.items())


def figures(it: Item) -> dict[str, str]:
    """Every canonical key the report prints, as the cell means it (blank -> "0", fees in 万元)."""
    return dict(_figures(it.fmt, it.legacy, it.fig_seed, bool(it.style.get("other_single_row")), it.tamper)[1])


def checks_failed(it: Item) -> list[str]:
    if it.fmt == "legacy":
        return []
    f = {k: (Decimal(v) if "." in v else int(v)) for k, v in figures(it).items()}
    return failed_checks(it.fmt, f, bool(it.style.get("other_single_row")))


def _spec(it: Item) -> dict:
    rows, figs = _figures(it.fmt, it.legacy, it.fig_seed, bool(it.style.get("other_single_row")), it.tamper)
    f = dict(figs)
    if it.fees != "wan":
        yuan = str((Decimal(f["active.fees.amount"]) * 10000).normalize().quantize(Decimal(1)))
        f["active.fees.amount"] = yuan + ("元" if it.fees == "yuan_cell" else "")
    style = dict(it.style, flatten=it.body == "flatten")
    return {"figures": f, "style": style, "format": it.fmt, "year": it.year, "agency": it.agency,
            "legacy_rows": list(rows), "legacy_text": f"{it.year}年，共主动公开政府信息{f.get('legacy.active.total', 0)}条。"}


def _printed(it: Item, spec: dict) -> str:
    """report_body with the item's own fees header and legacy form."""
    html = _fees_head(it, report_body(spec))
    if it.fmt == "legacy" and it.legacy not in ("national", "zhe"):
        html = html.replace(legacy_table(spec["legacy_rows"]), table_html(it.legacy, spec["legacy_rows"]))
    return html


def body_html(it: Item) -> str:
    """The report body as the page prints it."""
    html = _printed(it, _spec(it))
    if it.body == "split":
        html = _split_table(html)
    if it.body == "word":
        html = _word_export(html)
    return html


def _fees_head(it: Item, html: str) -> str:
    return html.replace(_FEES_HEAD, "本年收费金额（单位：元）") if it.fees == "yuan_header" else html


def _split_table(html: str) -> str:
    """A page break in Word: table 三 continues in a second <table> from 三、本年度办理结果."""
    marker = html.find("三、本年度办理结果")
    if marker < 0:
        return html
    cut = html.rfind("<tr>", 0, marker)
    return (html[:cut] + '</tbody>\n</table>\n<p>&nbsp;</p>\n<table border="1" cellspacing="0" cellpadding="0" '
            'width="100%">\n<tbody>\n' + html[cut:])


def _word_export(html: str) -> str:
    """Word's HTML export: MsoNormal paragraphs in every cell, zero cells left blank (&nbsp;)."""
    html = html.replace('<table border="1" cellspacing="0" cellpadding="0" width="100%">',
                        '<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
                        'style="border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt">')

    def cell(m):
        attrs, text = m.group(1), m.group(2)
        if text.strip() == "0":
            text = "<o:p>&nbsp;</o:p>"
        else:
            text = f'<span style="font-size:10.5pt;font-family:仿宋_GB2312">{text}</span>'
        return (f'<td{attrs} width="57" valign="center" style="border:solid windowtext 1.0pt;padding:0cm 5.4pt">'
                f'<p class="MsoNormal" align="center" style="text-align:center">{text}</p></td>')
    return _TD.sub(cell, html)


def _doc_spec(it: Item, docx: bool = False) -> dict:
    """A document copy prints the same tables without the page's HTML quirks (<br>, &nbsp;, blanks);
    a Word copy may leave its zero cells blank (doc_blank: its cells still tell which one is empty)."""
    spec = _spec(it)
    spec["style"] = {k: v for k, v in spec["style"].items() if k in ("other_single_row", "split_header")}
    if docx and it.style.get("doc_blank"):
        spec["style"]["blank_zero"] = True
    return spec


def pdf_bytes(it: Item) -> bytes:
    raw = _printed(it, _doc_spec(it))
    text = re.sub(r"<[^>]+>", " ", raw.replace("</tr>", "\n").replace("</p>", "\n"))
    lines = [it.title] + [" ".join(ln.replace("&nbsp;", " ").split()) for ln in text.split("\n")]
    return text_pdf([ln for ln in lines if ln])


def docx_bytes(it: Item) -> bytes:
    return docx_gen.from_html(it.title, _printed(it, _doc_spec(it, docx=True)))
