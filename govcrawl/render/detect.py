"""Does a page that came back over plain HTTP need a browser to show its content?

Pure function over decoded HTML. A browser page costs about a hundred plain requests, so the answer is
"yes" only on positive evidence: a known shell signature, or a list/content container that is empty
while a script on the page fills it. A page whose records are already embedded (Hanweb datastore
records, links in the HTML) does not need rendering: discovery reads those directly.
"""
from __future__ import annotations


import lxml.html

from govcrawl.families import registry
from govcrawl.families.shell import DATA_CALL, empty_container, is_empty

SPA_ROOT_IDS = ("app", "root", "__nuxt", "__next")


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
    # A family's own signature first (Hanweb jpage without records, gkmlpt shell, Epoint article shell).
    for family in registry.FAMILIES:
        reason = family.render_reason(url, html, root, inline)
        if reason:
            return reason
    if "<datastore" in html.lower() or "jpage" in inline.lower():
        return ""                   # Hanweb records embedded: read directly, no browser
    text_len = _visible_text_len(root)
    links = len(root.xpath("//body//a[@href]"))
    # Single-page app shell: an empty mount point and hardly any text of its own.
    for el in root.xpath("//body//*[@id]"):
        if el.get("id").lower() in SPA_ROOT_IDS and is_empty(el) and text_len < 400:
            return "spa shell (#%s empty)" % el.get("id")
    # Generic: a listing/content container left empty, and a script on the page that fills it.
    container = empty_container(root, inline, require_reference=True)
    if container and DATA_CALL.search(inline):
        return f"empty container {container} filled by script"
    # ...or by an external bundle, on a page that is nearly bare without it.
    container = empty_container(root, inline, require_reference=False)
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


def _external_script_only(scripts, text_len: int, links: int) -> bool:
    """Markup comes from an external bundle and the page itself is nearly bare."""
    return any(s.get("src") for s in scripts) and text_len < 300 and links < 15
