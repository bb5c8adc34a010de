"""RegistryWeb: a province's tree of government portals served on 127.0.21.x, with its truth.

    with RegistryWeb(seed=3) as web:
        web.start_url, web.expected(), web.refused_urls(), web.plan.total_under
"""
from __future__ import annotations

from tests.portalgen.server import MultiServer

from . import pages
from .plan import Plan, Site, build_plan


class RegistryWeb:
    __test__ = False

    def __init__(self, seed: int = 3, port: int = 0):
        self.plan: Plan = build_plan(seed)
        self.server = MultiServer(self.plan.hosts(), self.respond, port=port)
        self._by_host = {s.host: s for s in self.plan.sites if s.expect != "down"}
        self._moved = {s.old_host: s for s in self.plan.sites if s.old_host}
        self._broken: set[str] = set()
        self.port = 0

    def start(self) -> "RegistryWeb":
        self.server.start()
        self.port = self.server.port
        return self

    __enter__ = start

    def __exit__(self, *exc):
        self.server.stop()

    @property
    def start_url(self) -> str:
        return pages.url(self.plan.province.host, self.port)

    def url_of(self, site: Site) -> str:
        return pages.url(site.host, self.port)

    def expected(self) -> dict[tuple[str, str, str], dict]:
        """(code, level, name) -> {status, url} of every government and unit discover must record."""
        out = {}
        for s in self.plan.sites:
            if s.expect == "unlisted":
                continue
            out[(s.code, s.level, s.name)] = {"status": s.expect,
                                              "url": self.url_of(s), "moved_from": pages.url(s.old_host, self.port)
                                              if s.old_host else "", "site": s}
        return out

    def break_site(self, key: str) -> Site:
        """From now on the site answers 503 on every page (a portal that died after discovery)."""
        site = self.plan.site(key)
        self._broken.add(site.host)
        return site

    def refused_urls(self) -> list[str]:
        return [pages.url(self.plan.copy_host, self.port), pages.url(self.plan.clone_host, self.port)]

    def respond(self, host, method, path, query, body):
        html = "text/html; charset=utf-8"
        if host in self._broken:
            return 503, "text/plain", b"Service Unavailable", []
        if host == self.plan.copy_host:
            return 200, html, pages.copy_site(self.plan, self.port), []
        if host == self.plan.clone_host:
            return 200, html, pages.clone_site(self.plan, self.port), []
        if host in self._moved:
            site = self._moved[host]
            if site.moved_by == "redirect":
                return 301, "text/html", b"", [("Location", self.url_of(site) + path.lstrip("/"))]
            return 200, html, pages.notice(site, self.port), []
        site = self._by_host.get(host)
        if site is None:
            return 404, "text/plain", b"not here", []
        if site.expect == "blocked":
            wall = b"<html><head><script>var $_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=12345;</script></head></html>"
            return 412, "text/html", wall, [("Set-Cookie", "FSSBBIl1UgzbN7N80S=abc; path=/")]
        ctype = f"text/html; charset={'gbk' if site.encoding == 'gbk' else 'utf-8'}"
        if path in ("/", "/index.html"):
            if site.level in ("department", "township"):
                return 200, ctype, pages.unit_home(site), []
            return 200, ctype, pages.home(site, self.plan, self.port), []
        if site.level == "county" and path == "/xxgk/ndbg/index.html":
            return 200, ctype, pages.listing(site), []
        if site.level == "county" and path == f"/xxgk/ndbg/202401/t20240125_{site.report_seed}.html":
            return 200, ctype, pages.report(site), []
        return 404, "text/html; charset=utf-8", pages.page("页面不存在", "<p>您访问的页面不存在</p>"), []
