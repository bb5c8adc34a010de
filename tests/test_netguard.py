"""The address and host rules that keep a crawl on its portal and off private networks."""
import ipaddress

import pytest

from govcrawl.netguard import host_allowed, is_private
from govcrawl.registry import PortalsFileError, parse_portals


@pytest.mark.parametrize("ip,private", [
    ("127.0.0.1", True), ("127.3.4.5", True), ("10.1.2.3", True), ("192.168.10.5", True), ("172.20.0.1", True),
    ("169.254.1.1", True), ("::1", True), ("fe80::1", True), ("0.0.0.0", True),
    ("59.110.1.1", False), ("2400:3200::1", False),
])
def test_private_addresses(ip, private):
    assert is_private(ipaddress.ip_address(ip)) is private


def test_hosts_of_a_portal():
    hosts = frozenset({"www.laixi.gov.cn"})
    assert host_allowed("www.laixi.gov.cn", hosts)
    assert host_allowed("jyj.laixi.gov.cn", hosts)            # a department sub-site
    assert not host_allowed("www.laixi.gov.cn.spam.com", hosts)
    assert not host_allowed("laixi.gov.cn.evil.cn", hosts)
    assert not host_allowed("192.168.10.5", hosts)
    loop = frozenset({"127.0.0.3:4000", "127.0.0.4:4000"})
    assert host_allowed("127.0.0.4:4000", loop)
    assert not host_allowed("127.0.0.5:4000", loop)            # IPs have no sub-hosts


def test_portals_file_errors():
    with pytest.raises(PortalsFileError, match="lacks column"):
        parse_portals(b"code,name\n1,2\n")
    with pytest.raises(PortalsFileError, match="not an http"):
        parse_portals(b"code,name,url\n370285,x,ftp://a/\n")
    gbk = "code,name,url,level\n370285,莱西市人民政府,http://www.laixi.gov.cn/,county\n".encode("gbk")
    (p,) = parse_portals(gbk)
    assert p.name == "莱西市人民政府" and p.level == "county" and p.host == "www.laixi.gov.cn"


# --- one guard for the crawl, the browser and `govcrawl extract URL` (govcrawl.net) ---------------

import asyncio  # noqa: E402
import threading  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402
from urllib.parse import parse_qs, urlsplit  # noqa: E402

from govcrawl.net.fetch import FetchError, fetch  # noqa: E402
from govcrawl.net.guard import check  # noqa: E402


class _Site:
    """A real HTTP server on one loopback address; records every path it is asked for."""

    def __init__(self, ip: str):
        site = self
        self.paths: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.paths.append(self.path)
                parts = urlsplit(self.path)
                if parts.path == "/to":                     # /to?u=URL: redirect there
                    return self._redirect(parse_qs(parts.query)["u"][0])
                if parts.path.startswith("/chain/"):        # /chain/N: N more redirects, then the page
                    n = int(parts.path.rsplit("/", 1)[1])
                    return self._redirect(f"/chain/{n - 1}" if n else "/page")
                if parts.path in ("/loop-a", "/loop-b"):
                    return self._redirect("/loop-b" if parts.path == "/loop-a" else "/loop-a")
                body = "<html><body><p>政府信息公开</p></body></html>".encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _redirect(self, where):
                self.send_response(302)
                self.send_header("Location", where)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((ip, 0), Handler)
        self.url = f"http://{ip}:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sites():
    a, b = _Site("127.0.0.2"), _Site("127.0.0.3")
    yield a, b
    a.close()
    b.close()


def test_check_is_one_rule():
    only_2 = ["127.0.0.2/32"]
    assert check("http://127.0.0.2:8000/x", allow_private=True, allowed_networks=only_2) is None
    assert check("http://127.0.0.3:8000/x", allow_private=True, allowed_networks=only_2).kind == "network"
    assert check("http://127.0.0.2:8000/x", allow_private=False).kind == "private"
    assert check("http://[::1]:8000/x", allow_private=False).kind == "private"
    assert check("http://localhost:8000/x", allow_private=False).kind == "private"   # resolved, not by name
    assert check("ftp://127.0.0.2/x", allow_private=True).kind == "scheme"
    assert check("file:///etc/passwd", allow_private=True).kind == "scheme"
    assert check("http://127.0.0.2:8000/x", allow_private=True,
                 portal_hosts=frozenset({"127.0.0.4:8000"})).kind == "offsite"
    assert check("http://59.110.1.1/x", allow_private=False, ips=[ipaddress.ip_address("59.110.1.1")]) is None


def test_browser_applies_the_same_guard():
    from govcrawl.render.browser import BrowserGuard
    guard = BrowserGuard(True, ["127.0.0.2/32"])
    assert asyncio.run(guard.refuses("http://127.0.0.3:1/x.js", None)) == "network"
    assert asyncio.run(guard.refuses("http://127.0.0.2:1/x.js", None)) == ""
    assert asyncio.run(BrowserGuard(False, []).refuses("http://127.0.0.2:1/x.js", None)) == "private"


def test_fetch_checks_every_redirect_hop(sites):
    a, b = sites
    target = f"{b.url}/page"
    start = f"{a.url}/to?u={target}"
    # allowed: 127.0.0.2 only (the stand-in for a public address); its redirect to 127.0.0.3 is refused
    with pytest.raises(FetchError) as err:
        fetch(start, allow_private=True, allowed_networks=["127.0.0.2/32"])
    assert err.value.refusal is not None and err.value.refusal.kind == "network"
    assert "127.0.0.3" in err.value.reason and b.paths == [], "the refused hop was requested"
    assert a.paths == [urlsplit(start).path + "?" + urlsplit(start).query]
    # without --allow-private nothing is sent at all
    with pytest.raises(FetchError) as err:
        fetch(start, allow_private=False)
    assert err.value.refusal.kind == "private" and len(a.paths) == 1
    # allowed: the chain is followed to its end, and the hops are reported
    got = fetch(start, allow_private=True, allowed_networks=["127.0.0.0/8"])
    assert got.url == target and got.chain == [(302, start)] and "政府信息公开".encode() in got.body
    assert b.paths == ["/page"]


def test_fetch_hop_limit_and_loop(sites):
    a, _b = sites
    ok = fetch(f"{a.url}/chain/2", allow_private=True, max_hops=3)    # /chain/2 -> 1 -> 0 -> /page
    assert ok.url == f"{a.url}/page" and [u for _s, u in ok.chain] == [f"{a.url}/chain/{n}" for n in (2, 1, 0)]
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(f"{a.url}/chain/2", allow_private=True, max_hops=2)
    with pytest.raises(FetchError, match="redirect loop"):
        fetch(f"{a.url}/loop-a", allow_private=True)
    assert a.paths.count("/loop-a") == 1 and a.paths.count("/loop-b") == 1
