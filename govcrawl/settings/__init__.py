"""Scrapy settings, split by environment: GOVCRAWL_ENV=development (default) | test | production.

`scrapy.cfg` points here, so `scrapy crawl portals` and `govcrawl crawl` read the same settings.
Secrets (database URLs with passwords) come only from the environment, never from these files.
"""
import os

from .base import *  # noqa: F401,F403

_env = os.environ.get("GOVCRAWL_ENV", "development")
if _env == "production":
    from .production import *  # noqa: F401,F403
elif _env == "test":
    from .test import *  # noqa: F401,F403
elif _env == "development":
    from .development import *  # noqa: F401,F403
else:
    raise RuntimeError(f"GOVCRAWL_ENV={_env!r}: expected development, test or production")
