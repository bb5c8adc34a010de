"""The test web: simulated government portals on loopback, one 127.0.0.N per host alias, one common port.

    with TestWeb() as web:
        web.write_portals_csv("portals.csv")
        ...crawl...; web.truth(); web.requests

Bodies are served as stored bytes (GBK stays GBK); only `//<alias>` is rewritten to `//127.0.0.N:PORT`
(ASCII bytes, safe in GBK) and list items of not-yet-published pages are dropped. CLI:
    python -m tests.web.server --portals-out FILE [--port P]
"""
import argparse
import datetime
import json
import os
import re
import threading
from urllib.parse import urlsplit

from tests.loopback import (LoopbackServer, bind_common_port, serve, serve_until_interrupted, shutdown,
                            write_portals_csv)

from .families import Request, Response, handler_for
from .families import bulk, common
from .handler import Handler

HERE = os.path.dirname(os.path.abspath(__file__))
SITES = os.path.join(HERE, "sites")
_TYPES = {".html": "text/html", ".htm": "text/html", ".shtml": "text/html", ".jsp": "text/html",
          ".json": "application/json", ".xml": "text/xml", ".js": "application/javascript", ".css": "text/css",
          ".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png", ".doc": "application/msword",
          ".xls": "application/vnd.ms-excel",
          ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
_SOFT404 = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={cs}\"><title>提示信息</title></head>" \
           "<body><div class=\"err\"><h2>抱歉，您访问的页面不存在或已删除！</h2><p><a href=\"/\">返回首页</a></p></div></body></html>"


class RequestLog:
    """Thread-safe list of (method, served_url, status)."""

    def __init__(self):
        self._lock, self._items = threading.Lock(), []

    def add(self, entry):
        with self._lock:
            self._items.append(entry)

    def __iter__(self):
        with self._lock:
            return iter(list(self._items))

    def __len__(self):
        with self._lock:
            return len(self._items)

    def clear(self):
        with self._lock:
            self._items.clear()


class TestWeb:
    __test__ = False  # not a pytest class

    def __init__(self, port: int = 0, now: str | None = None, slow_seconds: float = 2.0, sites_dir: str = SITES):
        self.port, self.slow_seconds, self.sites_dir = port, slow_seconds, sites_dir
        self._now = datetime.date.fromisoformat(now) if now else datetime.date.today()
        self.requests = RequestLog()
        self.sites: dict[str, dict] = {}
        self.addr: dict[str, str] = {}        # alias host -> 127.0.0.N
        self._site_of: dict[str, dict] = {}
        self._appears: dict[str, str] = {}    # alias url -> YYYY-MM-DD
        self._overrides: dict[str, tuple[bytes, str]] = {}
        self._servers: list[LoopbackServer] = []
        self._load()

    # ---- set-up -------------------------------------------------------------------------------
    def _load(self):
        n = 2  # 127.0.0.2, 127.0.0.3, … then 127.0.1.1 … (a benchmark web may hold hundreds of hosts)
        for sid in sorted(os.listdir(self.sites_dir)):
            path = os.path.join(self.sites_dir, sid, "site.json")
            if not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as fh:
                site = json.load(fh)
            site["id"], site["dir"] = sid, os.path.join(self.sites_dir, sid)
            self.sites[sid] = site
            self._appears.update(site.get("appears", {}))
            for host in site["hosts"]:
                if n % 256 in (0, 255):
                    n += 2 if n % 256 == 255 else 1
                self.addr[host], self._site_of[host] = f"127.0.{n // 256}.{n % 256}", site
                n += 1
        names = sorted(self.addr, key=len, reverse=True)
        self._host_re = re.compile(rb"//(" + b"|".join(re.escape(h.encode()) for h in names) + rb")(?![\w.:-])")

    def start(self):
        listen = [h for h in self.addr if not self._site_of[h].get("down")]
        alias_of = {self.addr[h]: h for h in listen}

        def make(address):
            srv = LoopbackServer(address, Handler)
            srv.web, srv.alias = self, alias_of[address[0]]
            return srv
        self.port, self._servers = bind_common_port([self.addr[h] for h in listen], make, self.port)
        self._rep = {h.encode(): f"{self.addr[h]}:{self.port}".encode() for h in self.addr}
        serve(self._servers)
        return self

    def stop(self):
        shutdown(self._servers)
        self._servers = []

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # ---- addresses ----------------------------------------------------------------------------
    def served(self, alias_url: str) -> str:
        u = urlsplit(alias_url)
        if u.hostname not in self.addr:
            return alias_url
        return alias_url.replace(f"//{u.netloc}", f"//{self.addr[u.hostname]}:{self.port}", 1)

    def alias(self, served_url: str) -> str:
        u = urlsplit(served_url)
        for host, ip in self.addr.items():
            if u.hostname == ip and (u.port or 80) == self.port:
                return served_url.replace(f"//{u.netloc}", f"//{host}", 1)
        return served_url

    def rewrite(self, body: bytes) -> bytes:
        return self._host_re.sub(lambda m: b"//" + self._rep[m.group(1)], body)

    def portals(self, sites=None) -> list[dict]:
        rows = []
        for sid, site in self.sites.items():
            if sites is not None and sid not in sites:
                continue
            for p in site["portals"] if "portals" in site else [{"code": site["code"], "name": site["name"],
                                               "url": f"http://{site['hosts'][0]}/", "level": site["level"]}]:
                rows.append(dict(p, url=self.served(p["url"]), site=sid))
        return rows

    def write_portals_csv(self, path, sites=None) -> list[dict]:
        rows = self.portals(sites)
        # `hosts`: the other host names of the portal (department sub-sites), served addresses.
        write_portals_csv(path, [dict(r, hosts=" ".join(self.served(f"http://{h}/").split("/")[2]
                                                     for h in self.sites[r["site"]]["hosts"])) for r in rows])
        return rows

    # ---- truth and time -----------------------------------------------------------------------
    def _truth_file(self):
        with open(os.path.join(os.path.dirname(self.sites_dir), "truth.json"), encoding="utf-8") as fh:
            return json.load(fh)

    def truth(self, include_unpublished: bool = False) -> list[dict]:
        """Every report on the web (alias URLs), by default only those published at web.now."""
        return [r for r in self._truth_file()["reports"] if include_unpublished or self.visible(r["url"])]

    def distractors(self) -> list[dict]:
        """Non-reports a naive crawler might store: the stored ones (truth.json) and the bulk near misses
        (信息公开指南, 依申请公开目录, 政务公开工作动态…) the bulk generator serves, kind "near_miss"."""
        out = list(self._truth_file()["distractors"])
        for sid, site in self.sites.items():
            for conf in site.get("bulk", ()):
                out += [{"url": f"http://{conf['host']}{path}", "site": sid, "kind": "near_miss", "title": title}
                        for path, title in bulk.near_misses(conf)]
        return out

    def case(self, report: dict) -> dict:
        """The corpus-format truth.json of one report row."""
        with open(os.path.join(self.sites_dir, report["truth_path"]), encoding="utf-8") as fh:
            return json.load(fh)

    @property
    def now(self) -> datetime.date:
        return self._now

    def set_now(self, date):
        self._now = date if isinstance(date, datetime.date) else datetime.date.fromisoformat(date)

    def publish_at(self, alias_url: str, date: str):
        self._appears[alias_url] = date

    def visible(self, alias_url: str) -> bool:
        d = self._appears.get(alias_url)
        return d is None or datetime.date.fromisoformat(d) <= self._now

    def replace(self, alias_url: str, new_bytes: bytes):
        """Correct a page after publication: new bytes, new Last-Modified (web.now) and ETag."""
        self._overrides[alias_url] = (new_bytes, self._now.isoformat())

    # ---- serving ------------------------------------------------------------------------------
    def respond(self, req: Request) -> Response:
        for handle in (common.handle, handler_for(req.site["family"]), bulk.handle):
            resp = handle(req) if handle else None
            if resp is not None:
                return resp
        return self.static(req)

    def static(self, req: Request, path: str | None = None, query: str | None = None) -> Response:
        path = req.path if path is None else path
        query = req.query if query is None else query
        url = req.alias_url(path) + (f"?{query}" if query else "")
        if not self.visible(url):
            return self.missing(req)
        if url in self._overrides:
            data, mod = self._overrides[url]
            return Response(200, data, self._ctype(req.site, path, url), modified=mod)
        rel = path + ("index.html" if path.endswith("/") else "")
        base = os.path.join(req.site["dir"], req.host) + rel
        for cand in ([base + "@" + query] if query else []) + [base]:
            if os.path.isfile(cand) and not cand.endswith(".truth.json") and ".." not in rel:
                with open(cand, "rb") as fh:
                    data = fh.read()
                mod = req.site.get("modified", {}).get(url) or req.site.get("built", "2019-06-01")
                return Response(200, data, self._ctype(req.site, path, url), modified=mod)
        if os.path.isdir(base) and ".." not in rel:
            return Response(301, b"", headers=[("Location", f"http://{req.host}{path}/")])
        return self.missing(req)

    def missing(self, req: Request) -> Response:
        cs = "gb2312" if req.site.get("encoding") == "gbk" else "utf-8"
        body = _SOFT404.format(cs=cs).encode(req.site.get("encoding", "utf-8"))
        if req.site.get("missing") == "soft404":
            return Response(200, body, "text/html")
        return Response(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html")

    def _ctype(self, site, path, url):
        if url in site.get("types", {}):
            return site["types"][url]
        ext = os.path.splitext(path if not path.endswith("/") else "x.html")[1].lower()
        ctype = _TYPES.get(ext, "application/octet-stream")
        if ctype == "text/html":
            cs = site.get("header_charset", "utf-8" if site.get("encoding") != "gbk" else None)
            return f"text/html; charset={cs}" if cs else "text/html"
        return ctype


def main(argv=None):
    ap = argparse.ArgumentParser(description="serve the govcrawl test web on loopback")
    ap.add_argument("--portals-out", required=True, help="write the portals CSV (served URLs) here")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--now", help="the web's date (YYYY-MM-DD); default today")
    a = ap.parse_args(argv)
    web = TestWeb(port=a.port, now=a.now).start()
    rows = web.write_portals_csv(a.portals_out)
    print(f"serving {len(web.addr)} hosts on port {web.port}; {len(rows)} portals in {a.portals_out}", flush=True)
    serve_until_interrupted(web)


if __name__ == "__main__":
    main()
