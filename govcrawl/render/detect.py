"""Does a page that came back over plain HTTP need a browser to show its content?

Pure function over decoded HTML. A browser page costs about a hundred plain requests, so the answer is
"yes" only on positive evidence: a known shell signature, or a list/content container that is empty
while a script on the page fills it. A page whose records are already embedded (Hanweb datastore
records, links in the HTML) does not need rendering: discovery reads those directly.
"""
from __future__ import annotations

import re

import lxml.html

# id/class words of containers that hold a listing or an article body
CONTAINER_HINT = re.compile(r"list|news|article|content|info|detail|zoom|xxgk|gkml|result|record|data|"
                            r"item|table|body|main|text|app|root", re.I)
CONTAINER_TAGS = ("ul", "ol", "div", "tbody", "table", "section", "main", "article", "dl")
# script calls that fetch data or write markup after load
DATA_CALL = re.compile(r"\bfetch\s*\(|XMLHttpRequest|\$\.(?:ajax|get|post|getJSON)\s*\(|\baxios\b|"
                       r"\.load\s*\(\s*['\"]|\binnerHTML\s*\+?=|document\.write\s*\(|\.append\s*\(|\.html\s*\(",
                       re.I)
SPA_ROOT_IDS = ("app", "root", "__nuxt", "__next")
EPOINT = re.compile(r"epoint|webbuilder|ewb-|infoguid", re.I)
LOADING = re.compile(r"加载中|正在加载|loading", re.I)


def needs_render(html: str, url: str) -> str:
    """Why the page must be rendered ("" when plain HTTP saw its content)."""
    try:
        root = lxml.html.fromstring(html) if html.strip() else None
    except (lxml.etree.ParserError, ValueError):
        return ""
    if root is None:
        return ""
    scripts = [s for s in root.iter("script")]
    inline = "\n".join((s.text or "") for s in scripts if (s.get("type") or "").lower() not in ("text/xml",))
    has_scripts = bool(scripts)
    if not has_scripts:
        return ""
    low_url = url.lower()

    # Hanweb jpage: records live in <script type="text/xml"><datastore>; without any the list is built later.
    if "<datastore" in html.lower() or "jpage" in inline.lower():
        if "<record" not in html.lower():
            return "hanweb jpage without records"
        return ""
    # Guangdong gkmlpt listing: an empty #app filled from /gkmlpt/api/ with the page's SID.
    if "/gkmlpt/" in low_url and "post_" not in html and ("sid" in inline.lower() or "/gkmlpt/api/" in html):
        return "gkmlpt shell"

    text_len = _visible_text_len(root)
    links = len(root.xpath("//body//a[@href]"))
    # Single-page app shell: an empty mount point and hardly any text of its own.
    for el in root.xpath("//body//*[@id]"):
        if el.get("id").lower() in SPA_ROOT_IDS and _is_empty(el) and text_len < 400:
            return "spa shell (#%s empty)" % el.get("id")
    # Epoint WebBuilder article pages: showinfo.html?infoGuid= with the body fetched by POST.
    if "infoguid=" in low_url or EPOINT.search(inline):
        if _empty_hinted_container(root, inline, require_reference=False) and DATA_CALL.search(inline):
            return "epoint shell"
    # Generic: a listing/content container left empty, and a script on the page that fills it.
    container = _empty_hinted_container(root, inline, require_reference=True)
    if container and DATA_CALL.search(inline):
        return f"empty container {container} filled by script"
    # ...or by an external bundle, on a page that is nearly bare without it.
    container = _empty_hinted_container(root, inline, require_reference=False)
    if container and _external_script_only(scripts, text_len, links):
        return f"empty container {container}, page built by external script"
    return ""


def _visible_text_len(root) -> int:
    body = root.find("body")
    if body is None:
        return 0
    total = 0
    for node in body.iter():
        if node.tag in ("script", "style", "noscript") or not isinstance(node.tag, str):
            continue
        total += len((node.text or "").strip())
        if node.getparent() is not None and node.getparent().tag not in ("script", "style", "noscript"):
            total += len((node.tail or "").strip())
    return total


def _is_empty(el) -> bool:
    """No links, no table cells, no list items, no text beyond a loading message."""
    if el.xpath(".//a[@href] | .//td | .//li | .//p[normalize-space()]"):
        return False
    text = " ".join(t for t in el.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")).strip()
    return len(text) < 5 or bool(LOADING.search(text) and len(text) < 60)


def _empty_hinted_container(root, inline: str, require_reference: bool) -> str:
    """The first empty container whose id/class says it holds content (and, when asked, that a script
    names: '#list', getElementById('list'), '.news-list')."""
    for el in root.xpath("//body//*"):
        if not isinstance(el.tag, str) or el.tag not in CONTAINER_TAGS:
            continue
        names = [el.get("id") or ""] + (el.get("class") or "").split()
        names = [n for n in names if n and CONTAINER_HINT.search(n)]
        if not names or not _is_empty(el):
            continue
        if require_reference and not any(re.search(r"['\"#.]" + re.escape(n) + r"\b", inline) for n in names):
            continue
        return ("#" if names[0] == el.get("id") else ".") + names[0]
    return ""


def _external_script_only(scripts, text_len: int, links: int) -> bool:
    """Markup comes from an external bundle and the page itself is nearly bare."""
    return any(s.get("src") for s in scripts) and text_len < 300 and links < 15
