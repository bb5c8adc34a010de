"""Scrapy's responses and failures in govcrawl's terms: the policy's Fetch, the store's Fetched, error kinds."""
from __future__ import annotations

import re

from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError

from govcrawl.crawl.policy import Fetch
from govcrawl.db.store import Fetched
from govcrawl.extract.decode import decode_html

# Twisted/Scrapy exception names -> the error kinds operators read in crawl_errors
NAMED_FAILURES = {"DownloadCancelledError": "too_large",      # Scrapy cancels a body above DOWNLOAD_MAXSIZE
                  "ResponseDataLossError": "dropped", "ResponseNeverReceived": "dropped",
                  "ConnectionLost": "dropped", "ConnectionDone": "dropped"}
KIND_PREFIX = re.compile(r"^([a-z][a-z0-9_]{1,39}): ")


def fetch_of(response, naive: bool = False) -> Fetch:
    """The response and the wanted request it answers, as the crawl policy reads them."""
    want = response.meta.get("want")
    return Fetch(url=response.url, status=response.status, body=response.body, headers=response.headers,
                 content_type=response.headers.get(b"Content-Type", b"").decode("latin-1"),
                 role=response.meta.get("role", ""), depth=response.meta.get("depth", 0),
                 fragment=response.meta.get("fragment", ""),
                 anchor=want.anchor if want else "", candidate=bool(want and (want.candidate or naive)),
                 listing_url=want.listing_url if want else "", listing_date=want.listing_date if want else "",
                 family=want.family if want else None, family_origin=want.family_origin if want else "")


def fetched_from(response, role: str = "page") -> Fetched:
    """`url` is what was asked for, `final_url` where the bytes came from, with the hops between."""
    h = response.headers
    content_type = h.get(b"Content-Type", b"").decode("latin-1")
    # The encoding the readers decode the page with (extract/decode.py), not Scrapy's guess: that one
    # runs charset_normalizer over every page that declares nothing (≈ 50 ms a page) and believes a
    # header that calls a GBK page UTF-8.
    encoding = decode_html(response.body, content_type)[1] if isinstance(response, TextResponse) else ""
    hops = response.meta.get("redirect_urls") or []
    reasons = response.meta.get("redirect_reasons") or []
    chain = [[reasons[i] if i < len(reasons) else "", u] for i, u in enumerate(hops)]
    return Fetched(url=hops[0] if hops else response.url, final_url=response.url, redirect_chain=chain,
                   status=response.status,
                   content_type=content_type, body=response.body, encoding=encoding, etag=h.get(b"ETag", b"").decode("latin-1"),
                   last_modified=h.get(b"Last-Modified", b"").decode("latin-1"), role=role)


def error_kind(failure) -> str:
    name = type(failure.value).__name__
    browser_error = str(failure.value)[:200] if name == "Error" else ""     # Playwright: net::ERR_… in the text
    if failure.check(DNSLookupError) or "DNSLookup" in name or "ERR_NAME_NOT_RESOLVED" in browser_error:
        return "dns"
    if failure.check(ConnectionRefusedError) or "ConnectionRefused" in name or "ERR_CONNECTION_REFUSED" in browser_error:
        return "refused"
    if failure.check(TimeoutError, TCPTimedOutError) or "Timeout" in name:
        return "timeout"
    if name in NAMED_FAILURES:
        return NAMED_FAILURES[name]
    if failure.check(IgnoreRequest):
        # Ours say "kind: detail" (netguard, redirects); Scrapy's own are sentences.
        text = str(failure.value)
        m = KIND_PREFIX.match(text)
        if m:
            return m.group(1)
        if "larger than" in text or "max size" in text.lower():
            return "too_large"          # a decompression bomb or an oversize body, refused while streaming
        if "redirect" in text.lower():
            return "redirect_limit"
        return "ignored"
    return type(failure.value).__name__[:40]
