"""No request leaves for anything but the portals: Scrapy's cookie middleware splits domains with
tldextract, whose first use downloads the public suffix list from publicsuffix.org. The copy bundled
with tldextract is enough for .gov.cn hosts, so we point the middleware at it (imported by the spider
before the crawl starts; a module attribute because the middleware reads that global)."""
from __future__ import annotations

import scrapy.downloadermiddlewares.cookies as _cookies
from tldextract import TLDExtract

_cookies._split_domain = TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)
