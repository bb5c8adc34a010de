"""Settings shared by every environment. Limits (sizes, timeouts, user agent) come from govcrawl.config."""
import os as _os

from govcrawl import config as _config

BOT_NAME = "govcrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Government portals publish these reports for the public; we identify ourselves and stay polite.
USER_AGENT = _config.USER_AGENT
ROBOTSTXT_OBEY = False          # many portals serve broken robots.txt; politeness comes from the limits below
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = _config.DOWNLOAD_TIMEOUT_S
DOWNLOAD_MAXSIZE = _config.MAX_DOWNLOAD_BYTES      # documents above this are recorded as too large
DOWNLOAD_WARNSIZE = _config.WARN_DOWNLOAD_BYTES
RETRY_TIMES = 2
# Scrapy's retried exceptions, and a browser page that did not load in time (Playwright's timeout): on a
# loaded machine a JavaScript portal's page was lost to one slow load (portalgen seed 41, 300 portals).
from scrapy.settings.default_settings import RETRY_EXCEPTIONS as _SCRAPY_RETRY_EXCEPTIONS  # noqa: E402
RETRY_EXCEPTIONS = [*_SCRAPY_RETRY_EXCEPTIONS, "playwright._impl._errors.TimeoutError"]
# Scrapy starts this many asyncio tasks for every callback's output (default 100): a page yields one
# item at most and a few requests, so 100 tasks a response were a large share of the crawler's CPU (bench/scale.py profile)
CONCURRENT_ITEMS = 4
REDIRECT_MAX_TIMES = _config.MAX_REDIRECTS
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False     # Scrapy 2.19's code-running control server: never on a crawler
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
HTTPERROR_ALLOW_ALL = True      # the spider records 4xx/5xx against the portal instead of dropping them silently
LOG_LEVEL = "INFO"
# Items as one short line in logs (Scrapy's default prints a dropped item whole, page bytes and all)
LOG_FORMATTER = "govcrawl.logs.QuietLogFormatter"

DOWNLOADER_MIDDLEWARES = {
    # Runs before anything touches the network: refuses private/loopback addresses and other hosts.
    "govcrawl.netguard.NetGuardMiddleware": 50,
    # Redirects: Scrapy's, plus loops named as loops and redirect-only pages (meta refresh, location.href=).
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "govcrawl.runtime.redirects.GuardedRedirectMiddleware": 600,
    "govcrawl.runtime.redirects.PageRedirectMiddleware": 580,
    # Workers of a submitted crawl (GOVCRAWL_WORKER_REDIS set): a host's concurrency and delay hold across all
    # of them. Last before the network, so each hop of a redirect waits for its own token. Off without Redis.
    "govcrawl.scale.politeness.SharedPolitenessMiddleware": 950,
}
ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.store.StorePipeline": 300,
}

# govcrawl's own settings
GOVCRAWL_BUDGET = _config.CRAWL_BUDGET
GOVCRAWL_MAX_DEPTH = _config.CRAWL_MAX_DEPTH
GOVCRAWL_ALLOW_PRIVATE = False
GOVCRAWL_ALLOWED_NETWORKS = []   # when non-empty, only these networks may be contacted (tests: loopback only)
GOVCRAWL_RENDER = "auto"
# Browser (govcrawl/render): "" = $GOVCRAWL_CHROMIUM or /usr/bin/chromium; a missing file means no rendering.
GOVCRAWL_CHROMIUM = ""
GOVCRAWL_BROWSER_PAGES = 4                # browser pages open at once, all portals together
GOVCRAWL_BROWSER_PAGES_PER_CONTEXT = 2    # of which one portal (one browser context each) may hold
GOVCRAWL_REDIS = _os.environ.get("GOVCRAWL_WORKER_REDIS", "")   # set by `govcrawl worker` for its crawl processes
# A worker's crawl process takes its portals from this submitted crawl's leases (govcrawl/scale/feed.py),
# under this lease id, holding GOVCRAWL_FEED_BATCH at once; scrapy-redis reads REDIS_URL.
GOVCRAWL_FEED_CRAWL = _os.environ.get("GOVCRAWL_FEED_CRAWL", "")
GOVCRAWL_FEED_LEASE = _os.environ.get("GOVCRAWL_FEED_LEASE", "")
GOVCRAWL_FEED_BATCH = int(_os.environ.get("GOVCRAWL_FEED_BATCH") or 0)
REDIS_URL = GOVCRAWL_REDIS or "redis://127.0.0.1:6379"
GOVCRAWL_PROGRESS = False        # progress display and end-of-crawl summary on stderr (the CLI turns it on)
