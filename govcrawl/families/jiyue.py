"""Hunan/Jiangxi 集约化 platforms: several county sites on one host as /<site>/c<colid>/list.shtml.

Its one special need, keeping a crawl inside its own /<site>/ path, is govcrawl/discovery/scope.py's
(it applies to any shared host); the family knows its article URLs.
"""
from __future__ import annotations

from govcrawl.families.base import Family


class Jiyue(Family):
    name = "jiyue"
    article_url = r"/\d{6}/[0-9a-f]{32}\.s?html?$"

    def detect(self, url, html):
        return "/list.shtml" in url or bool(self.article_re.search(url.split("#", 1)[0]))
