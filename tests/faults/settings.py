"""Scrapy settings for crawls of the fault web: the test settings with a short download timeout.

Selected with SCRAPY_SETTINGS_MODULE=tests.faults.settings (govcrawl crawl keeps a module already set).
Only the timeout differs: a hang or a drip beyond it costs 3 x DOWNLOAD_TIMEOUT (two retries), and the
fault module must stay within a few minutes on a 2-core machine. Everything else is the test settings.
"""
import os

os.environ.setdefault("GOVCRAWL_ENV", "test")
from govcrawl.settings import *  # noqa: E402,F401,F403

DOWNLOAD_TIMEOUT = 8
