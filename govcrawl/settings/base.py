"""Settings shared by every environment."""

BOT_NAME = "govcrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Government portals publish these reports for the public; we identify ourselves and stay polite.
USER_AGENT = "govcrawl/0.1 (+open-government annual report archive)"
ROBOTSTXT_OBEY = False          # many portals serve broken robots.txt; politeness comes from the limits below
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 40 * 1024 * 1024      # documents above this are recorded as too large
DOWNLOAD_WARNSIZE = 10 * 1024 * 1024
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 8
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
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
}
ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.store.StorePipeline": 300,
}

# govcrawl's own settings
GOVCRAWL_BUDGET = 400            # requests per portal per crawl
GOVCRAWL_MAX_DEPTH = 6
GOVCRAWL_ALLOW_PRIVATE = False
GOVCRAWL_ALLOWED_NETWORKS = []   # when non-empty, only these networks may be contacted (tests: loopback only)
GOVCRAWL_RENDER = "auto"
# Browser (govcrawl/render): "" = $GOVCRAWL_CHROMIUM or /usr/bin/chromium; a missing file means no rendering.
GOVCRAWL_CHROMIUM = ""
GOVCRAWL_BROWSER_PAGES = 4                # browser pages open at once, all portals together
GOVCRAWL_BROWSER_PAGES_PER_CONTEXT = 2    # of which one portal (one browser context each) may hold
GOVCRAWL_PROGRESS = False        # progress display and end-of-crawl summary on stderr (the CLI turns it on)
