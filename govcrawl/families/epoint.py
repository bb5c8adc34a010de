"""Epoint WebBuilder: article pages showinfo.html?infoGuid=<uuid> whose body a script fetches by POST."""
from __future__ import annotations

import re

from govcrawl.families import shell
from govcrawl.families.base import Family

EPOINT = re.compile(r"epoint|webbuilder|ewb-|infoguid", re.I)


class Epoint(Family):
    name = "epoint"
    article_url = r"showinfo\.html\?"

    def detect(self, url, html):
        return "infoguid=" in url.lower() or bool(EPOINT.search(html[:20000]))

    def render_reason(self, url, html, root, inline_script):
        if "infoguid=" in url.lower() or EPOINT.search(inline_script):
            if shell.empty_container(root, inline_script, require_reference=False) \
                    and shell.DATA_CALL.search(inline_script):
                return "epoint shell"
        return ""
