"""The link boxes of a government portal: where it lists other governments' and its units' sites.

Pure over the page bytes. Portals print them as a titled block (市县政府网站, 县区链接, 网站群,
部门网站, 乡镇网站 … over a list, a table or tabs) or as <select> dropdowns whose options carry the
addresses (onchange="window.open(this.value)"). Which link is which government is decided later
(govcrawl.registry.names): a box also holds 中国政府网 and neighbours' sites.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from govcrawl import config
from govcrawl.extract.decode import decode_page as decode

# 市县政府网站, 县区政府网站, 各县（市、区）政府, 区县链接, 部门网站, 乡镇（街道）网站, 网站群, 政府网站 …
BOX_TITLE = re.compile(
    r"(市县|县市|区县|县区|市州|州市|地市|市区|各市|各县|各区|县（市、区）|县\(市、区\)|下级|乡镇|镇街|街道|部门|委办局|政府)"
    r".{0,8}(网站|网群|链接|门户|导航|政府)|网站群|站群|政府网站|友情链接|相关链接"
    # a bare heading over the list (渭南's 各县(市、区) / 市级部门)
    r"|^各?县[（(]市、?区[)）]$|^各?区[（(]县、?市?[)）]$|^(各区县|县市区|区县|市直部门|市级部门|区直部门|县直部门|乡镇街道)$")
URL_VALUE = re.compile(r"^(https?:)?//|^/|^www\.", re.I)
SKIP_TEXT = ("更多", "more", "请选择", "返回")


@dataclass(frozen=True)
class BoxLink:
    name: str      # the link's text as printed (孟津区, 洛阳市孟津区人民政府, 教育局)
    url: str       # absolute
    box: str       # title of the box it sits in, or the select's first option


def box_links(body: bytes, base_url: str, content_type: str = "") -> list[BoxLink]:
    """Every link inside a link box or a link dropdown, in page order, one per URL."""
    html = decode(body, content_type)
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    found = _select_links(root, base_url) + _titled_links(root, base_url)
    out, seen = [], set()
    for link in found:
        if link.url not in seen:
            seen.add(link.url)
            out.append(link)
    return out


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _clean_name(text: str) -> str:
    return text.strip(" -·•>»|[]【】")


def _select_links(root, base_url: str) -> list[BoxLink]:
    out = []
    for select in root.iter("select"):
        options = list(select.iter("option"))
        if not options:
            continue
        label = _text(options[0]) if not URL_VALUE.search((options[0].get("value") or "").strip()) else ""
        label = label or (select.get("title") or select.get("name") or "select")
        for opt in options:
            value = (opt.get("value") or "").strip()
            name = _clean_name(_text(opt))
            if not value or not URL_VALUE.search(value) or not name:
                continue
            if value.lower().startswith("www."):
                value = "http://" + value
            out.append(BoxLink(name, urljoin(base_url, value), label))
    return out


def _is_title(el) -> str:
    """The element's text when it reads as a box title (short, no link of its own but maybe 更多)."""
    if el.tag in ("a", "option", "select", "script", "style") or not isinstance(el.tag, str):
        return ""
    own = " ".join("".join(el.itertext()).split())
    if not own or len(own) > config.REGISTRY_BOX_TITLE_CHARS:
        return ""
    links = [a for a in el.iter("a") if not any(w in _text(a).lower() for w in SKIP_TEXT)]
    if links and not (len(links) == 1 and _text(links[0]) == own):
        return ""      # a list of links is the box itself, not its title (a linked tab title is)
    return own if BOX_TITLE.search(own) else ""


def _titled_links(root, base_url: str) -> list[BoxLink]:
    out = []
    titles = [(el, t) for el in root.iter() if (t := _is_title(el))]
    # Innermost titles only: <div><h3>县区链接</h3></div> would otherwise be read twice.
    title_els = {el for el, _ in titles}
    for el, title in titles:
        if any(child in title_els for child in el.iterdescendants()):
            continue
        box = _box_of(el)
        if box is None:
            continue
        for a in box.iter("a"):
            name = _clean_name(_text(a) or (a.get("title") or ""))
            if len((a.get("title") or "").strip()) > len(name):
                name = _clean_name(a.get("title"))
            if not _real(a) or not name or name == title:
                continue
            href = a.get("href").strip()
            out.append(BoxLink(name, urljoin(base_url, href), title))
    return out


def _real(a) -> bool:
    """A link to somewhere: not a script, an anchor, or the box's own 更多 / 返回."""
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return False
    return not any(w in _text(a).lower() for w in SKIP_TEXT)


def _box_of(title_el):
    """The nearest ancestor holding links besides the title's own, unless it is the whole page."""
    own = set(title_el.iter("a"))
    node = title_el.getparent()
    for _ in range(4):
        if node is None or node.tag in ("body", "html"):
            return None
        links = [a for a in node.iter("a") if a not in own and _real(a)]
        if links:
            return node if len(links) <= config.REGISTRY_BOX_MAX_LINKS else None
        node = node.getparent()
    return None
