"""Kept for the paths that name it (DOWNLOADER_MIDDLEWARES, the spider, tests): the guard lives in
govcrawl.net."""
from govcrawl.net.guard import Refusal, check, host_allowed, is_private
from govcrawl.net.middleware import NetGuardMiddleware, RefusedAddress

__all__ = ["NetGuardMiddleware", "Refusal", "RefusedAddress", "check", "host_allowed", "is_private"]
