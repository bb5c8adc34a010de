"""The report's own content out of a portal page: body element, text, title, dates, attachments.

Portals wrap a report in chrome (menus, 无障碍/长者版/关怀版, breadcrumbs, share buttons, 扫一扫,
related links, footers). The body is the CMS's content container when one is known (TRS
div.TRS_Editor, Hanweb #zoom, ...), else the block that holds the most non-link text and tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from govcrawl.families import registry

# Pages are parsed with lxml's plain HTML parser, not lxml.html's: lxml.html runs a Python class
# lookup for every element each time a walk touches it, which cost as much as the whole walk.
HtmlElement = etree._Element
_PARSER = etree.HTMLParser()
_STRING = etree.XPath("string()", smart_strings=False)     # = lxml.html's text_content()


def text_content(el: HtmlElement) -> str:
    return _STRING(el)


def drop_tree(el: HtmlElement) -> None:
    """Remove el and its subtree, keeping its tail text in place (lxml.html's drop_tree)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)

# Known content containers, most specific first: each CMS family declares its own.
CONTAINERS = registry.CONTAINERS
_CHROME_ATTR = re.compile(
    r"share|bdshare|print|close|related|xgxx|xgwz|footer|foot\b|nav|menu|breadcrumb|crumb|position|"
    r"location|qrcode|ewm|erweima|wza|toolbar|fontsize|zh_?size|sidebar", re.I)
_CHROME_TEXT = re.compile(
    r"扫一扫|在手机打开|无障碍|长者版|关怀版|适老化|分享到|分享[:：]|打印本页|【?打印】?|关闭窗口|【?关闭】?|"
    r"字体[:：]?\s*[【\[]?\s*大|相关阅读|相关链接|相关文章|您当前所在位置|当前位置|首页\s*[>＞»]|"
    r"网站地图|主办单位|网站标识码|ICP备|公网安备|访问量|浏览次数|上一篇|下一篇")
_BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
           "article", "ul", "ol", "dd", "dt", "td", "th", "blockquote", "pre", "hr"}
ATTACHMENT_EXT = ("pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ofd", "jpg", "jpeg", "png")
_PUB_META = ("pubdate", "publishdate", "firstpublishedtime", "published", "article:published_time",
             "publishtime", "pub_date", "releasedate")
_DATE_LABELS = re.compile(r"(发布时间|发布日期|发文日期|成文日期|公开日期|日期)\s*[:：]?\s*"
                          r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})")
_SITE_SUFFIX = re.compile(r"\s*[_|｜\-—–]+\s*")


@dataclass
class Cleaned:
    body: HtmlElement
    text: str
    title: str
    meta: dict[str, str] = field(default_factory=dict)     # published / written: "YYYY-MM-DD" as printed
    attachments: list[str] = field(default_factory=list)   # absolute URLs


def parse(html: str) -> HtmlElement:
    # lxml refuses str with an encoding declaration; strip XML prologs that carry one.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    root = etree.fromstring(html, _PARSER) if html and html.strip() else None
    return root if root is not None else etree.fromstring("<html><body></body></html>", _PARSER)


_EMPTY_CELL = "\x00"
_SOFT_BREAK = "\x01"
_SKIP_TEXT = frozenset({"script", "style", "noscript", "template"})
_NESTED_BLOCKS = frozenset({"p", "div", "table"})
_HSPACE = re.compile(r"[ \t\u3000\u00a0]+")


def _walk(node: HtmlElement, parts: list[str]) -> tuple[bool, bool]:
    """Append node's text to parts; (holds non-blank text, holds an <img>) for the empty-cell test.
    One pass, bottom-up: asking text_content() of every cell made the walk quadratic in depth."""
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    if tag in _SKIP_TEXT or not tag:
        if node.tail:
            parts.append(node.tail)
        # text_content() counts a script's text, so the enclosing cell is not empty
        return bool(tag and node.text and node.text.strip()), False
    if tag == "br":             # a line break inside one cell or paragraph, not a new cell
        parts.append(_SOFT_BREAK + (node.tail or ""))
        return False, False
    block = tag in _BLOCKS
    if block:
        parts.append("\n")
    marker = len(parts)
    cell = tag in ("p", "td", "th")
    if cell:
        parts.append("")        # becomes _EMPTY_CELL when the cell turns out blank
    has_text = bool(node.text and node.text.strip())
    has_img = tag == "img"
    nested = False
    if node.text:
        parts.append(node.text)
    for child in node:
        t, i = _walk(child, parts)
        has_text = has_text or t or bool(child.tail and child.tail.strip())
        has_img = has_img or i
        if isinstance(child.tag, str) and child.tag.lower() in _NESTED_BLOCKS:
            nested = True
    if cell and not has_text and not has_img and not nested:
        parts[marker] = _EMPTY_CELL
    if block:
        parts.append("\n")
    if node.tail:
        parts.append(node.tail)
    return has_text, has_img


def block_text(el: HtmlElement) -> str:
    """Text in the pasted-page convention the text-table reader expects: every block or table cell
    on its own line followed by an empty line, and an empty cell (<td></td>, <p>&nbsp;</p>) as one
    extra empty line, so blank cells of a flattened table can still be counted."""
    parts: list[str] = []
    _walk(el, parts)
    out: list[str] = []
    for line in "".join(parts).replace("\r", "").split("\n"):
        if _EMPTY_CELL in line:
            if not line.replace(_EMPTY_CELL, "").strip():
                out.append("")
                continue
            line = line.replace(_EMPTY_CELL, "")
        line = _HSPACE.sub(" ", line).strip()
        if _SOFT_BREAK in line:
            line = "\n".join(p.strip() for p in line.split(_SOFT_BREAK) if p.strip())
        if line:
            out += [line, ""]
    return "\n".join(out).strip("\n")


_WS = re.compile(r"\s+")


def _text_len(el: HtmlElement) -> int:
    return len(_WS.sub("", text_content(el) or ""))


def _link_len(el: HtmlElement) -> int:
    return sum(_text_len(a) for a in el.iter("a"))


def _is_chrome(el: HtmlElement, n: int | None = None, has_table: bool | None = None) -> bool:
    """n / has_table: the element's text length and whether a <table> lies inside, when known."""
    attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
    if has_table if has_table is not None else el.find(".//table") is not None:
        return False
    if n is None:
        n = _text_len(el)
    if attrs and _CHROME_ATTR.search(attrs) and n < 400:
        return True
    return n < 60 and bool(_CHROME_TEXT.search(text_content(el) or ""))


def _nonspace(s: str | None) -> int:
    return len("".join(s.split())) if s else 0


def _subtree_stats(el: HtmlElement, out: dict) -> tuple[int, bool]:
    """out[element] = (text length without whitespace, holds a <table> below it), in one pass."""
    n, table = _nonspace(el.text), False
    for child in el:
        if isinstance(child.tag, str):
            cn, ct = _subtree_stats(child, out)
            n += cn
            table = table or ct or child.tag == "table"
        n += _nonspace(child.tail)
    out[el] = (n, table)
    return n, table


def _largest_block(root: HtmlElement) -> HtmlElement:
    """Readability-style: credit each text paragraph and table to its parent and grandparent."""
    scores: dict[HtmlElement, float] = {}
    for el in root.iter("p", "table", "div", "td", "span", "font"):
        if el.tag in ("div", "td", "span", "font") and len(el):
            continue  # containers only score through their content
        n = _text_len(el) - 2 * _link_len(el)
        if n < 10 and el.tag != "table":
            continue
        weight = n + (200 if el.tag == "table" else 0)
        parent = el.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + weight
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0) + weight / 2
    body = root.find("body")
    # A content fragment (no wrapper: its <p>s and <table>s straight in <body>) is the body itself;
    # only text standing directly in <body> counts, not the half credit of wrapped blocks.
    direct = sum(_text_len(el) + (200 if el.tag == "table" else 0) for el in body if el.tag in ("p", "table")) \
        if body is not None else 0
    scores = {el: s for el, s in scores.items() if el.tag not in ("html", "body")} or scores
    if body is not None and direct > max(scores.values(), default=0):
        return body
    return max(scores, key=scores.get) if scores else body if body is not None else root


def _simple_selector(sel: str) -> tuple[str | None, str | None, frozenset[str]]:
    """"div.a.b" / "#x" / ".a" / "article" -> (tag, id, classes)."""
    m = re.fullmatch(r"([a-z][a-z0-9]*)?((?:[.#][\w-]+)*)", sel)
    assert m, sel
    parts = re.findall(r"([.#])([\w-]+)", m.group(2))
    ident = next((v for k, v in parts if k == "#"), None)
    return m.group(1), ident, frozenset(v for k, v in parts if k == ".")


_CONTAINER_SELECTORS = tuple(_simple_selector(sel) for sel in CONTAINERS)


def _containers(root: HtmlElement) -> list[list[HtmlElement]]:
    """Elements matching each of CONTAINERS, in document order: one Python pass over the tree
    instead of one XPath scan per selector (cssselect's class test is slow in libxml2)."""
    found: list[list[HtmlElement]] = [[] for _ in CONTAINERS]
    for el in root.iter(etree.Element):
        ident, cls = el.get("id"), el.get("class")
        if ident is None and cls is None and el.tag != "article":
            continue
        classes = frozenset(cls.split()) if cls else frozenset()
        for i, (tag, want_id, want_classes) in enumerate(_CONTAINER_SELECTORS):
            if (tag is None or el.tag == tag) and (want_id is None or ident == want_id) \
                    and want_classes <= classes:
                found[i].append(el)
    return found


def find_body(root: HtmlElement) -> HtmlElement:
    for found in _containers(root):
        found = [el for el in found if _text_len(el) >= 50 or el.find(".//table") is not None]
        if found:
            # Two TRS_Editor divs (summary + body) happen: the one with the most text is the report.
            return max(found, key=_text_len)
    return _largest_block(root)


def strip_chrome(body: HtmlElement) -> None:
    for el in list(body.iter("script", "style", "noscript", "iframe", "form", "button", "input", "select")):
        drop_tree(el)
    stats: dict = {}
    _subtree_stats(body, stats)     # decisions are on each element's subtree as printed

    def visit(el: HtmlElement) -> None:
        for child in list(el):
            if not isinstance(child.tag, str):
                continue
            if child.tag in _CHROME_TAGS and _is_chrome(child, *stats[child]):
                drop_tree(child)       # its descendants go with it
            else:
                visit(child)

    visit(body)


_CHROME_TAGS = frozenset({"div", "p", "ul", "ol", "li", "span", "a", "section", "nav", "footer", "header", "dl",
                          "table"})
_META_NAMES = ("ArticleTitle", "articletitle", "title", "og:title")
_META_TITLE = etree.XPath("//meta[@content and (@name or @property)]")


def _title_elements(root: HtmlElement) -> list[HtmlElement]:
    """h1, h2, class~=title, id=title, class*=article-title/art_title, in document order (a Python
    loop: the equivalent XPath with normalize-space(@class) costs more than the whole page parse)."""
    out = []
    for el in root.iter(etree.Element):
        tag = el.tag
        if tag == "h1" or tag == "h2" or el.get("id") == "title":
            out.append(el)
            continue
        cls = el.get("class")
        if cls and ("title" in cls.split() or "article-title" in cls or "art_title" in cls):
            out.append(el)
    return out


def page_title(root: HtmlElement, body: HtmlElement) -> str:
    def norm(s: str | None) -> str:
        return re.sub(r"\s+", "", s or "")

    cands: list[str] = []
    metas = _META_TITLE(root)
    for name in _META_NAMES:
        for m in metas:
            if m.get("name") == name or m.get("property") == name:
                cands.append(norm(m.get("content")))
    ancestors = set(body.iterancestors())
    for el in _title_elements(root):
        if el in ancestors:
            continue
        cands.append(norm(text_content(el)))
    t = root.find(".//title")
    if t is not None and t.text:
        pieces = [p for p in _SITE_SUFFIX.split(t.text.strip()) if p]
        cands.extend(norm(p) for p in pieces)
    cands = [c for c in cands if 4 <= len(c) <= 120]
    for want in (r"(报告|年报)", r"(统计表|公开|通知|要点|总结|解读|图解)"):
        for c in cands:
            if re.search(want, c):
                return c
    return cands[0] if cands else ""


def page_meta(root: HtmlElement, full_text: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for el in root.xpath("//meta[@name or @property]"):
        name = (el.get("name") or el.get("property") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if name in _PUB_META and content and "published" not in meta:
            meta["published"] = content
    for label, value in _DATE_LABELS.findall(full_text):
        key = "written" if label == "成文日期" else "published"
        meta.setdefault(key, re.sub(r"\s+", "", value))
    return meta


def attachments(body: HtmlElement, url: str | None) -> list[str]:
    found: list[str] = []
    ext = re.compile(r"\.(%s)(?:$|[?#])" % "|".join(ATTACHMENT_EXT), re.I)
    for el in body.iter("a", "img", "embed", "iframe", "object"):
        link = el.get("href") or el.get("src") or el.get("data") or ""
        link = link.strip()
        if not link or link.lower().startswith(("javascript:", "mailto:", "#", "data:")):
            continue
        if not ext.search(link):
            continue
        absolute = urljoin(url, link) if url else link
        if absolute not in found:
            found.append(absolute)
    return found


_INVISIBLE = ("script", "style", "noscript", "template")


def visible_text(root: HtmlElement) -> str:
    """The page's text as one string, for the date labels (发布时间：…); scripts already removed."""
    return etree.tostring(root, method="text", encoding=str, with_tail=False)


def clean_html(html: str, url: str | None = None) -> Cleaned:
    root = parse(html)
    # Nothing of the report is in a script or style: gone before any text is measured.
    etree.strip_elements(root, *_INVISIBLE, with_tail=False)
    full_text = visible_text(root)
    meta = page_meta(root, full_text)
    body = find_body(root)
    links = attachments(body, url)  # before chrome removal: an attachment list may look like chrome
    title = page_title(root, body)
    strip_chrome(body)
    return Cleaned(body=body, text=block_text(body), title=title, meta=meta, attachments=links)


# Section headings of the 2019/2021 report; the keyword keeps table rows such as 二、上年结转… out.
_SECTIONS = (("一", "总体情况"), ("二", "主动公开"), ("三", "(收到和处理|依申请)"),
             ("四", "(复议|诉讼)"), ("五", "(问题|改进)"), ("六", "其他"))

_SECTION_PATTERNS = tuple((num, re.compile(rf"^\s*{num}\s*[、.．,，]\s*.{{0,12}}{kw}")) for num, kw in _SECTIONS)


def sections(text: str) -> dict[str, str]:
    """"一".."六" -> the text under each heading (heading line excluded); missing ones left out."""
    lines = text.split("\n")
    found: list[tuple[str, int]] = []
    start = 0
    for num, pat in _SECTION_PATTERNS:
        for i in range(start, len(lines)):
            line = lines[i]
            if len(line) <= 40 and num in line and pat.search(line):
                found.append((num, i))
                start = i + 1
                break
    out: dict[str, str] = {}
    for k, (num, i) in enumerate(found):
        end = found[k + 1][1] if k + 1 < len(found) else len(lines)
        out[num] = "\n".join(lines[i + 1:end]).strip()
    return out
