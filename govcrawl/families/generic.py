"""Plain CMSs: ordinary links, 下一页 pagers, ?page=N lists, the common article-body containers.

The fallback every page has: its containers and article URLs are tried after every named family's.
"""
from __future__ import annotations

from govcrawl.families.base import Family


class Generic(Family):
    name = "generic"
    containers = ("#UCAP-CONTENT", ".article-content", ".article_content", ".art_content", ".bt_content",
                  ".news_content", "#content", ".content", ".article", "article", ".main-txt", "#main_content")
    article_url = r"/info/\d+/\d+\.s?html?$|/20\d\d/\d{4}/c\d+\.s?html?$|/content/(post_)?\d+\.s?html?$"

    def detect(self, url, html):
        return True
