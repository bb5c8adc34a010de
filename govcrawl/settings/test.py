"""Tests: crawl the loopback test web fast; never anything outside 127.0.0.0/8."""
DOWNLOAD_DELAY = 0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 8
RETRY_TIMES = 2            # as in production: a dropped connection is retried, not a lost report
DOWNLOAD_TIMEOUT = 30      # a loaded CI machine is slow; the slow test page takes 2 s
LOG_LEVEL = "WARNING"
GOVCRAWL_ALLOWED_NETWORKS = ["127.0.0.0/8"]
