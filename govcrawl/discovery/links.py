"""A page's <a href> links with their text, list context and date.

Pure functions over decoded HTML text. Links written by a CMS family's scripts (TRS pagers, Hanweb
records) are the family's to find: govcrawl/families/registry.page_links adds them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html

DOC_EXTENSIONS = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".bmp")
DATE_RE = re.compile(r"(20\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})")
# The same, whole: in a list item's texts kept apart, `2024-1-1` then the title `2023年…` is the 1st,
# where the run-together text would read 2024-1-12.
WHOLE_DATE_RE = re.compile(r"(?<!\d)(20\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})(?!\d)")
# A list that prints only [03-28] / 03-28 / 3月28日; the link's own URL often carries the year and month
# (/202303/, P020230328…, t20230328_): the date is taken only when that month is the printed one.
MONTH_DAY_RE = re.compile(r"(?<![\d-])(\d{1,2})[-/.月](\d{1,2})日?(?![\d-])")
URL_YEAR_MONTH_RE = re.compile(r"(20\d\d)(0[1-9]|1[0-2])")
XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    context: str = ""        # text of the enclosing list item / row: carries the listing date
    date: str = ""           # YYYY-MM-DD when the context shows one
    kind: str = "a"          # a | pagination | record | frame


def anchor_links(html: str, base_url: str) -> list[Link]:
    try:
        root = lxml.html.fromstring(XML_DECL_RE.sub("", html, count=1))
    except (lxml.etree.ParserError, ValueError):
        return []             # a proxy's XML answer may not parse as HTML; its family reads its records
    base_el = root.find(".//base[@href]")
    base = urljoin(base_url, base_el.get("href")) if base_el is not None else base_url
    links: list[Link] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        text = " ".join(a.text_content().split()) or (a.get("title") or "").strip()
        title = (a.get("title") or "").strip()
        if len(title) > len(text):
            text = title          # lists truncate titles to "…"; the title attribute is whole
        context, spaced = _context(a)
        url = urljoin(base, href)
        date = find_date(spaced, WHOLE_DATE_RE) or find_date(context) or month_day(spaced, url)
        links.append(Link(url=url, text=text, context=context, date=date))
    # A column that shows its list in a frame: the frame's page is the listing.
    for frame in root.iter("iframe", "frame"):
        src = (frame.get("src") or "").strip()
        if src and not src.startswith(("javascript:", "about:", "data:")):
            links.append(Link(url=urljoin(base, src), text=(frame.get("title") or "").strip(), kind="frame"))
    return links


def _context(a) -> tuple[str, str]:
    """Text of the list item or table row around a link (the listing date sits in a sibling span or
    cell), as one string and with its elements' texts kept apart: `<em>03-21</em>2022年…` must not read
    as 03-212022. A yearless date ends the climb too: one level up is the whole list, its first date."""
    node, context, spaced = a.getparent(), "", ""
    for _ in range(2):
        if node is None:
            break
        context, spaced = _head(node, ""), _head(node, " ")
        if find_date(context) or MONTH_DAY_RE.search(spaced) or node.tag in ("li", "tr", "dd", "ul", "table", "body"):
            break
        node = node.getparent()
    return context, spaced


def _head(node, sep: str, limit: int = 200) -> str:
    """`" ".join(sep.join(node.itertext()).split())[:limit]`, reading only as much text as that needs: a
    navigation link's climb reaches containers that hold the whole page (this was a tenth of the crawl's CPU).
    Once more than `limit` non-blank characters are read, the collapsed prefix is longer than `limit`."""
    parts, solid = [], 0
    for text in node.itertext():
        parts.append(text)
        solid += len("".join(text.split()))
        if solid > limit:
            break
    return " ".join(sep.join(parts).split())[:limit]


def month_day(text: str, url: str) -> str:
    """YYYY-MM-DD from a yearless list date and the year its link's URL carries for that month ('' else)."""
    m = MONTH_DAY_RE.search(text or "")
    if not m:
        return ""
    month, day = int(m.group(1)), int(m.group(2))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    years = {int(y) for y, mo in URL_YEAR_MONTH_RE.findall(url.split("?", 1)[0]) if int(mo) == month}
    return f"{years.pop()}-{month:02d}-{day:02d}" if len(years) == 1 else ""


def find_date(text: str, pattern: re.Pattern = DATE_RE) -> str:
    m = pattern.search(text or "")
    if not m:
        return ""
    y, mo, d = m.groups()
    return f"{y}-{int(mo):02d}-{int(d):02d}"


def extract_links_fragment(fragment: str, base_url: str) -> list[Link]:
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    context = " ".join(root.text_content().split())[:200]
    spaced = " ".join(" ".join(root.itertext()).split())[:200]
    out = []
    for a in root.iter("a"):
        if a.get("href"):
            url = urljoin(base_url, a.get("href", ""))
            out.append(Link(url=url, text=" ".join(a.text_content().split()) or a.get("title", ""), context=context,
                            date=find_date(context) or month_day(spaced, url)))
    return out


def url_extension(url: str) -> str:
    path = urlsplit(url).path.lower()
    dot = path.rfind(".")
    return path[dot:] if dot > path.rfind("/") else ""


def is_document_url(url: str) -> bool:
    return url_extension(url) in DOC_EXTENSIONS
