"""The one address guard: which URLs govcrawl may contact (govcrawl.net.guard), the Scrapy middleware
that applies it to every crawl request and redirect (middleware), and a guarded fetch for
`govcrawl extract URL` that follows redirects only through it (fetch)."""
from govcrawl.net.guard import Refusal, check, check_ips, check_url, host_allowed, is_private, resolve

__all__ = ["Refusal", "check", "check_ips", "check_url", "host_allowed", "is_private", "resolve"]
