"""Every way a listing page points onward: <a href>, script-written pagination, embedded records.

Pure functions over decoded HTML text; the spider decides what to follow.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html

DOC_EXTENSIONS = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".bmp")
SKIP_EXTENSIONS = (".css", ".js", ".ico", ".zip", ".rar", ".mp4", ".mp3", ".flv", ".swf", ".apk", ".exe")
DATE_RE = re.compile(r"(20\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})")
CREATE_PAGE_RE = re.compile(r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]")
XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
XML_RECORD_RE = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    context: str = ""        # text of the enclosing list item / row: carries the listing date
    date: str = ""           # YYYY-MM-DD when the context shows one
    kind: str = "a"          # a | pagination | record


def extract_links(html: str, base_url: str) -> list[Link]:
    extra = script_pagination(html, base_url) + embedded_records(html, base_url)
    try:
        root = lxml.html.fromstring(XML_DECL_RE.sub("", html, count=1))
    except (lxml.etree.ParserError, ValueError):
        return extra          # a proxy's XML answer may not parse as HTML; its records still count
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
        context = _context(a)
        links.append(Link(url=urljoin(base, href), text=text, context=context, date=find_date(context)))
    return links + extra


def _context(a) -> str:
    """Text of the list item or table row around a link: the listing date sits in a sibling span or cell."""
    node, context = a.getparent(), ""
    for _ in range(2):
        if node is None:
            break
        context = " ".join(node.text_content().split())[:200]
        if find_date(context) or node.tag in ("li", "tr", "dd", "ul", "table", "body"):
            break
        node = node.getparent()
    return context


def find_date(text: str) -> str:
    m = DATE_RE.search(text or "")
    if not m:
        return ""
    y, mo, d = m.groups()
    return f"{y}-{int(mo):02d}-{int(d):02d}"


def script_pagination(html: str, base_url: str) -> list[Link]:
    """TRS writes page links with createPageHTML(pages, current, "index", "html")."""
    out = []
    for m in CREATE_PAGE_RE.finditer(html):
        pages, name, ext = int(m.group(1)), m.group(3), m.group(4)
        for n in range(1, min(pages, 200)):
            out.append(Link(url=urljoin(base_url, f"{name}_{n}.{ext}"), text=f"第{n + 1}页", kind="pagination"))
    return out


def embedded_records(html: str, base_url: str) -> list[Link]:
    """Hanweb puts list entries as CDATA records inside <script type="text/xml">."""
    out = []
    for m in XML_RECORD_RE.finditer(html):
        for link in extract_links_fragment(m.group(1), base_url):
            out.append(Link(url=link.url, text=link.text, context=link.context, date=link.date, kind="record"))
    return out


def extract_links_fragment(fragment: str, base_url: str) -> list[Link]:
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    context = " ".join(root.text_content().split())[:200]
    return [Link(url=urljoin(base_url, a.get("href", "")), text=" ".join(a.text_content().split()) or a.get("title", ""),
                 context=context, date=find_date(context)) for a in root.iter("a") if a.get("href")]


def url_extension(url: str) -> str:
    path = urlsplit(url).path.lower()
    dot = path.rfind(".")
    return path[dot:] if dot > path.rfind("/") else ""


def is_document_url(url: str) -> bool:
    return url_extension(url) in DOC_EXTENSIONS
