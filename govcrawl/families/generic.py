"""Plain CMSs: ordinary links, 下一页 pagers, ?page=N lists, the common article-body containers.

The fallback every page has: its containers and article URLs are tried after every named family's.
It also reads the script pagers many small CMSs write: page links `onclick="goPage(3)"` whose
function builds the address from the number (`"list_" + n + ".html"`, `"index_" + (n-1) + ".html"`).
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

from govcrawl.discovery.links import Link
from govcrawl.families.base import Family

_FUNCTION = re.compile(r"function\s+(\w+)\s*\(\s*(\w+)\s*\)\s*\{(.{0,600}?)\}", re.S)
# "prefix" + n + "suffix", or with (n-1) / (n - 1)
_BUILD = r"""["']([^"'\s]*)["']\s*\+\s*\(?\s*{arg}\s*(-\s*1)?\s*\)?\s*\+\s*["']([^"'\s]*)["']"""
_FIRST = r"""{arg}\s*==+\s*1\s*\?\s*["']([^"'\s]+)["']"""
MAX_PAGES = 200


def script_pager(html: str, base_url: str) -> list[Link]:
    """The pages a numbered script pager would open, from the function its page links call."""
    out: list[Link] = []
    for name, arg, body in _FUNCTION.findall(html):
        build = re.search(_BUILD.format(arg=re.escape(arg)), body)
        if not build:
            continue
        calls = {int(n) for n in re.findall(r"\b" + re.escape(name) + r"\(\s*['\"]?(\d{1,3})['\"]?\s*\)", html)}
        if not calls:
            continue
        prefix, minus_one, suffix = build.groups()
        first = re.search(_FIRST.format(arg=re.escape(arg)), body)
        for n in sorted(calls)[:MAX_PAGES]:
            if n == 1:
                if not first:
                    continue
                path = first.group(1)
            else:
                path = f"{prefix}{n - 1 if minus_one else n}{suffix}"
            out.append(Link(url=urljoin(base_url, path), text=f"第{n}页", kind="pagination"))
    return out


class Generic(Family):
    name = "generic"
    containers = ("#UCAP-CONTENT", ".article-content", ".article_content", ".art_content", ".bt_content",
                  ".news_content", "#content", ".content", ".article", "article", ".main-txt", "#main_content")
    article_url = r"/info/\d+/\d+\.s?html?$|/20\d\d/\d{4}/c\d+\.s?html?$|/content/(post_)?\d+\.s?html?$"

    def detect(self, url, html):
        return True

    def script_links(self, html, url):
        return script_pager(html, url)
