"""One simulated county portal on the fault web: home -> 政府信息公开年报 column -> report pages.

A portal knows the reports that must survive (its truth) and adds its faults as extra list items
or columns; every route it adds is on its own address, so a crawl_errors row is attributable.
"""
from __future__ import annotations

from .pages import Report, home, listing, make_report
from .server import Exchange, FaultServer

# Real counties (govcrawl/data/divisions.csv): the facts of a report name a real government.
COUNTIES = [("331121", "青田县"), ("331122", "缙云县"), ("331123", "遂昌县"), ("331124", "松阳县"),
            ("331125", "云和县"), ("331126", "庆元县"), ("331181", "龙泉市"), ("331022", "三门县"),
            ("331023", "天台县"), ("331024", "仙居县"), ("331081", "温岭市"), ("331082", "临海市"),
            ("330324", "永嘉县"), ("330326", "平阳县"), ("330327", "苍南县"), ("330328", "文成县"),
            ("330329", "泰顺县"), ("330381", "瑞安市"), ("330382", "乐清市"), ("331002", "椒江区"),
            ("331003", "黄岩区"), ("331004", "路桥区"), ("330302", "鹿城区"), ("330303", "龙湾区")]


def static(body: bytes | str, ctype: str = "text/html; charset=utf-8", status: int = 200, headers=()):
    data = body.encode("utf-8") if isinstance(body, str) else body
    return lambda ex, query: ex.send(status, data, ctype, list(headers))


class Portal:
    """`key` names the fault class; `ip` its address; extra `aliases` are further addresses of it."""

    def __init__(self, server: FaultServer, key: str, ip: str, county: int, aliases: tuple[str, ...] = ()):
        self.server, self.key, self.ip, self.aliases = server, key, ip, aliases
        self.code, county_name = COUNTIES[county]
        self.agency = f"{county_name}人民政府"
        self.site_code = self.code + "0001"
        self.reports: list[Report] = []          # what must be stored, with exact figures
        self.entries: list[tuple[str, str, str]] = []
        self.columns: list[tuple[str, str]] = [("/ndbg/index.html", "政府信息公开年报")]
        self._seed = county * 100

    @property
    def host(self) -> str:
        return self.server.host(self.ip)

    @property
    def url(self) -> str:
        return f"http://{self.host}/"

    def csv_row(self) -> list[str]:
        hosts = " ".join(self.server.host(a) for a in (self.ip, *self.aliases))
        return [self.code, self.agency, self.url, "county", hosts]

    def add(self, path: str, route) -> None:
        self.server.add(self.ip, path, route)

    def report(self, year: int, *, listed: bool = True, ip: str | None = None, encode=None,
               ctype: str = "text/html; charset=utf-8", charset: str = "utf-8", serve: bool = True,
               docid: int | None = None) -> Report:
        """A real report that must be stored. `encode(html) -> bytes` for the encodings faults."""
        self._seed += 1
        rep = make_report(self.agency, self.code, self.agency, year, self._seed, charset=charset,
                          docid=docid or self._seed)
        rep.host = self.server.host(ip or self.ip)
        rep.bytes = encode(rep.html) if encode else rep.html.encode("utf-8")
        if serve:
            self.server.add(ip or self.ip, rep.path, static(rep.bytes, ctype))
        if listed:
            self.entries.append((rep.url, rep.title, rep.published))
        self.reports.append(rep)
        return rep

    def fault_link(self, path: str, route, year: int, title: str | None = None) -> str:
        """A list item that looks exactly like a report's (of `year`), leading to a fault."""
        self.add(path, route)
        text = title or f"{self.agency}{year}年政府信息公开工作年度报告"
        self.entries.append((path, text, f"{year + 1}-02-01"))
        return f"http://{self.host}{path}"

    def finish(self) -> "Portal":
        """Serve the home page and the report column (call after every report and fault is added)."""
        if "/" not in self.server.exact[self.ip]:
            self.add("/", static(home(self.agency, self.site_code, self.columns)))
        if "/ndbg/index.html" not in self.server.exact[self.ip]:
            self.add("/ndbg/index.html", static(listing("政府信息公开年报", self.entries, self.agency, self.site_code)))
        return self


def hang(seconds: float):
    """Accept, read the request, answer nothing until `seconds` pass or the web stops."""
    def route(ex: Exchange, query: str):
        ex.wait(seconds)
    return route


def drop(declared: int = 60000, sent: int = 1500):
    """Headers promise `declared` bytes; the connection closes after `sent`."""
    def route(ex: Exchange, query: str):
        ex.head(200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(declared))])
        ex.write(b"<html><head><title>x</title></head><body>" + b"x" * sent)
        ex.h.wfile.flush()
        ex.h.connection.shutdown(2)
    return route


def flaky(body: bytes, failures: int = 1, status: int = 503):
    """`failures` answers of `status`, then the page: the retry path."""
    seen = {"n": 0}

    def route(ex: Exchange, query: str):
        seen["n"] += 1
        if seen["n"] <= failures:
            ex.send(status, b"<html><body>Service Unavailable</body></html>", headers=[("Retry-After", "0")])
        else:
            ex.send(200, body)
    route.calls = seen
    return route
