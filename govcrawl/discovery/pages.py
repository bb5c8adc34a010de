"""What a fetched page is, before any extraction: HTML or a document, a challenge, a soft 404."""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from govcrawl.extract.classify import SOFT_404, SOFT_404_TITLE
from govcrawl.discovery.links import DOC_EXTENSIONS, IMAGE_EXTENSIONS, find_date, url_extension

TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
LOOKS_HTML = re.compile(rb"^(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|meta|body|title)\b", re.I | re.S)
PAGINATED = re.compile(r"(index|list|default)_\d+(\.\w+)$")
MAGIC = ((b"%PDF", "pdf"), (b"\xd0\xcf\x11\xe0", "ole"), (b"PK\x03\x04", "zip"), (b"\x89PNG", "image"),
         (b"\xff\xd8\xff", "image"), (b"GIF8", "image"))


def content_kind(content_type: str, body: bytes, url: str) -> str:
    """'html', or the kind of document ('pdf', 'ole', 'zip', 'image', 'other')."""
    head = body[:8]
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    ct = content_type.lower()
    if "html" in ct or "xml" in ct:
        return "html"
    if LOOKS_HTML.match(body[:512]):
        return "html"       # whatever the type or the extension says (an error page served as .pdf)
    ext = url_extension(url)
    if ext in DOC_EXTENSIONS or ext in IMAGE_EXTENSIONS:
        return "other"
    sniff = body[:1024].lower()
    if b"<html" in sniff or b"<!doctype html" in sniff or b"<body" in sniff or b"<div" in sniff:
        return "html"
    if not ct or "text/plain" in ct:
        return "html" if b"<" in sniff else "other"
    return "other"


DOCUMENT_TYPES = ("application/pdf", "application/msword", "application/vnd.", "application/octet-stream",
                  "image/")


def claims_document(content_type: str, url: str) -> bool:
    """The server or the link says document (PDF, Word, Excel, image): true of a mistyped HTML page."""
    ct = content_type.lower()
    return any(t in ct for t in DOCUMENT_TYPES) or url_extension(url) in DOC_EXTENSIONS + IMAGE_EXTENSIONS


def page_title(html: str) -> str:
    m = TITLE_RE.search(html[:20000])
    return " ".join(m.group(1).split()) if m else ""


def soft_404(html: str) -> bool:
    """A 200 page that says it does not exist: the message in its title, or a short page that says it.

    Short is measured in visible text, not bytes: error pages carry the portal's whole header and
    footer (often 20-60 KB of HTML around one sentence).
    """
    title = page_title(html)
    if SOFT_404.search(title) or SOFT_404_TITLE.match(title):
        return True
    if "<table" in html[:300_000].lower():
        return False            # report tables: a report quoting 页面 words is still a report
    text = _body_text(html[:300_000])
    return len("".join(text.split())) < 1500 and bool(SOFT_404.search(text[:3000]))


def listing_first_page(url: str) -> str:
    """index_3.html -> index.html, ?page=3 -> the listing without page: where a crawl should start."""
    parts = urlsplit(url)
    path = PAGINATED.sub(lambda m: m.group(1) + m.group(2), parts.path)
    query = "&".join(q for q in parts.query.split("&") if q and not q.lower().startswith(("page=", "pageno=", "p=")))
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


WRAPPER_WORDS = ("详见附件", "见附件", "请查看附件", "点击下载", "附件下载", "全文见附件")
# 时间： alone heads many article info lines; 统计时间 / 受理时间 in a report's text are no publishing date.
PUBLISHED_RE = re.compile(r"(发布(日期|时间)|成文日期|日期|(?<![计理])时间)\s*[：:]\s*(20\d\d[-/.年]\d{1,2}[-/.月]\d{1,2})")


def _body_text(html: str) -> str:
    body = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", html)
    return " ".join(re.sub(r"(?s)<[^>]+>", " ", body).split())


def attachment_wrapper(html: str) -> bool:
    """A report page whose body only points at its document ("…详见附件", "附件：…"): no table, hardly any text.

    Called only for pages that link a document; a report written out in HTML runs to thousands of characters.
    """
    if "<table" in html.lower():
        return False
    text = _body_text(html)
    return len(text) < 400 or (len(text) < 800 and any(w in text for w in WRAPPER_WORDS))


def page_date(html: str) -> str:
    """The page's own 发布日期 (YYYY-MM-DD), '' when it prints none."""
    m = PUBLISHED_RE.search(_body_text(html))
    return find_date(m.group(3)) if m else ""
