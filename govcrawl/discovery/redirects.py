"""Pages that only send the browser elsewhere: `<meta http-equiv="refresh">` and one-line JavaScript.

Pure over the page text. A page counts as a redirect only when it has (almost) nothing else to show:
real report pages carry `location.href` in menus and onclick handlers, and those must stay pages.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

META_REFRESH = re.compile(
    r"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']\s*(\d+(?:\.\d+)?)\s*[;,]\s*(?:url\s*=\s*)?["']?([^"'>\s]+)""",
    re.I)
META_REFRESH_REV = re.compile(   # content= before http-equiv=
    r"""<meta[^>]+content\s*=\s*["']\s*(\d+(?:\.\d+)?)\s*[;,]\s*(?:url\s*=\s*)?["']?([^"'>\s]+)["']?[^>]*http-equiv\s*=\s*["']?refresh""",
    re.I)
# window.location.href = '...'; location.replace("..."); top.location = '...'; self.location.assign('...')
SCRIPT_REDIRECT = re.compile(
    r"""(?:(?:window|top|self|document|parent)\s*\.\s*)?location(?:\s*\.\s*href)?\s*(?:=\s*|\.\s*(?:replace|assign)\s*\(\s*)["']([^"'\s]+)["']""",
    re.I)
SCRIPTS = re.compile(r"(?is)<script[^>]*>(.*?)</script>")
NOSCRIPT_STYLE = re.compile(r"(?is)<(noscript|style|script|head)[^>]*>.*?</\1>")
TAGS = re.compile(r"(?s)<[^>]+>")
MAX_DELAY = 30          # seconds: a page refreshing after minutes is a page, not a redirect
MAX_TEXT = 200          # visible characters a redirect page may show ("正在跳转…", "如果没有跳转请点击")
MAX_PAGE = 20_000       # bytes of HTML: a redirect page is small


def visible_text(html: str) -> str:
    return " ".join(TAGS.sub(" ", NOSCRIPT_STYLE.sub(" ", html)).split())


def page_redirect(html: str, base_url: str) -> str | None:
    """The absolute URL a redirect-only page sends the visitor to, or None for a real page."""
    if len(html) > MAX_PAGE or len(visible_text(html)) > MAX_TEXT:
        return None
    head = html[:MAX_PAGE]
    for rx in (META_REFRESH, META_REFRESH_REV):
        m = rx.search(head)
        if m and float(m.group(1)) <= MAX_DELAY:
            return _absolute(m.group(2), base_url)
    for script in SCRIPTS.findall(head):
        m = SCRIPT_REDIRECT.search(script)
        if m:
            return _absolute(m.group(1), base_url)
    return None


def _absolute(target: str, base_url: str) -> str | None:
    target = target.strip().strip("'\"")
    if not target or target.lower().startswith(("javascript:", "#", "mailto:", "data:")):
        return None
    url = urljoin(base_url, target)
    return url if url.startswith(("http://", "https://")) else None
