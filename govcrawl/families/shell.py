"""Evidence that a page is a shell a script fills: empty content containers and data-fetching calls.

Shared by the families' render_reason and govcrawl/render/detect.py; pure over a parsed lxml tree.
"""
from __future__ import annotations

import re

# id/class words of containers that hold a listing or an article body
CONTAINER_HINT = re.compile(r"list|news|article|content|info|detail|zoom|xxgk|gkml|result|record|data|"
                            r"item|table|body|main|text|app|root", re.I)
CONTAINER_TAGS = ("ul", "ol", "div", "tbody", "table", "section", "main", "article", "dl")
# script calls that fetch data or write markup after load
DATA_CALL = re.compile(r"\bfetch\s*\(|XMLHttpRequest|\$\.(?:ajax|get|post|getJSON)\s*\(|\baxios\b|"
                       r"\.load\s*\(\s*['\"]|\binnerHTML\s*\+?=|document\.write\s*\(|\.append\s*\(|\.html\s*\(",
                       re.I)
LOADING = re.compile(r"加载中|正在加载|loading", re.I)


def is_empty(el) -> bool:
    """No links, no table cells, no list items, no text beyond a loading message."""
    if el.xpath(".//a[@href] | .//td | .//li | .//p[normalize-space()]"):
        return False
    text = " ".join(t for t in el.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")).strip()
    return len(text) < 5 or bool(LOADING.search(text) and len(text) < 60)


def empty_container(root, inline: str, require_reference: bool) -> str:
    """The first empty container whose id/class says it holds content (and, when asked, that a script
    names: '#list', getElementById('list'), '.news-list')."""
    if root is None:
        return ""
    for el in root.xpath("//body//*"):
        if not isinstance(el.tag, str) or el.tag not in CONTAINER_TAGS:
            continue
        names = [el.get("id") or ""] + (el.get("class") or "").split()
        names = [n for n in names if n and CONTAINER_HINT.search(n)]
        if not names or not is_empty(el):
            continue
        if require_reference and not any(re.search(r"['\"#.]" + re.escape(n) + r"\b", inline) for n in names):
            continue
        return ("#" if names[0] == el.get("id") else ".") + names[0]
    return ""
