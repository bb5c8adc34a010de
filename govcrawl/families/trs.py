"""TRS WCM: listings index.html, index_1.html … whose page links a script writes; body in div.TRS_Editor."""
from __future__ import annotations

import re
from urllib.parse import urljoin

from govcrawl.discovery.links import Link
from govcrawl.families.base import Family

CREATE_PAGE_RE = re.compile(r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]"
                            r"\s*,\s*['\"](\w+)['\"]")
CALL_RE = re.compile(r"(?<!function )\bcreatePageHTML\s*\(")
MAX_PAGES = 200


def script_pagination(html: str, base_url: str) -> list[Link]:
    """The pages createPageHTML(pages, current, "index", "html") would link: index_1.html … index_{n-1}.html."""
    out = []
    for m in CREATE_PAGE_RE.finditer(html):
        pages, name, ext = int(m.group(1)), m.group(3), m.group(4)
        for n in range(1, min(pages, MAX_PAGES)):
            out.append(Link(url=urljoin(base_url, f"{name}_{n}.{ext}"), text=f"第{n + 1}页", kind="pagination"))
    return out


class Trs(Family):
    name = "trs"
    containers = ("div.TRS_Editor", "div.TRS_UEDITOR", ".view.TRS_UEDITOR")
    article_url = r"/t20\d{6}_\d+\.s?html?$"

    def detect(self, url, html):
        return "createPageHTML" in html or "TRS_Editor" in html or "TRS_UEDITOR" in html

    def script_links(self, html, url):
        return script_pagination(html, url)

    def expects(self, page, links, more):
        # Every TRS page defines createPageHTML; a listing calls it. A call we cannot read is a miss.
        if CALL_RE.search(page.html) and not CREATE_PAGE_RE.search(page.html):
            return "trs listing: createPageHTML call not understood"
        return ""
