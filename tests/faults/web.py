"""The fault web crawled once by tests/test_faults.py: healthy portals beside one portal per fault.

    with FaultWeb() as web:
        web.write_portals_csv(path); ...crawl...; web.portals["hang"].reports; web.fault_urls["hang"]

Addresses: portals on 127.0.9.N (N from 2), the off-portal witness on 127.0.10.1; nothing listens on
the down portal's address. tests/web uses low 127.0.0.N, so the two webs never collide.
"""
from __future__ import annotations

import csv
import os
import tempfile
import uuid

from . import bombs, redirects
from .pages import frame
from .portal import Portal, drop, flaky, hang, static
from .server import FaultServer, drip, stream

OFFSITE = "127.0.10.1"
HANG_S = 40            # longer than the crawl's timeout and its retries; the web's stop ends it sooner
DRIP_OK_S = 2.0        # well inside the fault settings' DOWNLOAD_TIMEOUT
DRIP_SLOW_S = 30.0     # far beyond it
HUGE = 48 * 1024 * 1024
_KEYS = ["healthy", "healthy2", "down", "hang", "drop", "retry", "soft404", "drip", "huge", "gzip", "docbomb",
         "trap", "encodings", "xxe", "traversal", "redirects", "failrows"]


class FaultWeb:
    __test__ = False

    def __init__(self, keys=None, huge_reports: int = 0, byte_cap: int = 600 * 1024 * 1024):
        self.keys = list(keys or _KEYS)
        self.ips = {k: f"127.0.9.{i + 2}" for i, k in enumerate(_KEYS)}
        self.alias_ip = "127.0.9.100"              # the redirects portal's second host (www. added/dropped)
        self.huge_reports = huge_reports           # bench: report pages of 38 MB
        listen = [self.ips[k] for k in self.keys if k != "down"] + [self.alias_ip, OFFSITE]
        self.server = FaultServer(listen, byte_cap=byte_cap)
        self.server.exact.setdefault(self.ips["down"], {})
        self.portals: dict[str, Portal] = {}
        self.fault_urls: dict[str, dict[str, str]] = {}    # fault key -> {what: url}
        self.tmp = tempfile.mkdtemp(prefix="govcrawl-faults-")
        self.marker = os.path.join(self.tmp, "xxe-marker.txt")

    def __enter__(self):
        self.server.start()
        self.server.add_prefix(OFFSITE, "/", static("<html><body>off the portal</body></html>"))
        for i, key in enumerate(self.keys):
            p = Portal(self.server, key, self.ips[key], i, aliases=(self.alias_ip,) if key == "redirects" else ())
            self.fault_urls[key] = {}
            build = getattr(redirects, f"build_{key}", None) or getattr(self, f"_build_{key}")
            build(p, self.fault_urls[key], self)
            self.portals[key] = p.finish()
        return self

    def __exit__(self, *exc):
        self.server.stop()

    def write_portals_csv(self, path) -> None:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["code", "name", "url", "level", "hosts"])
            for p in self.portals.values():
                w.writerow(p.csv_row())

    def offsite_requests(self):
        return self.server.requests_to(OFFSITE)

    # -- the classic faults -----------------------------------------------------------------------
    def _build_healthy(self, p: Portal, urls, web):
        p.report(2022)
        p.report(2020)
        for _ in range(self.huge_reports):      # bench only: a 38 MB report page (a table pasted 2,000 times)
            rep = p.report(2021, serve=False)
            pad = b"<!--" + b"x" * (38 * 1024 * 1024 - len(rep.bytes) - 8) + b"-->"
            body = rep.bytes.replace(b"</body>", pad + b"</body>")
            p.add(rep.path, static(body))

    def _build_healthy2(self, p, urls, web):
        p.report(2023)

    def _build_down(self, p, urls, web):
        p.report(2022, serve=False)     # listed nowhere reachable: the portal refuses connections
        p.reports.clear()

    def _build_hang(self, p, urls, web):
        p.report(2022)
        urls["hang"] = p.fault_link("/ndbg/hang.html", hang(HANG_S), 2021)

    def _build_drop(self, p, urls, web):
        p.report(2022)
        urls["drop"] = p.fault_link("/ndbg/drop.html", drop(), 2021)

    def _build_retry(self, p, urls, web):
        rep = p.report(2022, serve=False)
        route = flaky(rep.bytes, failures=1)
        p.add(rep.path, route)
        urls["retry"], web.retry_route = rep.url, route
        urls["perm_5xx"] = p.fault_link("/ndbg/perm500.html", static("<html><body>Internal Server Error</body></html>",
                                                                     status=500), 2021)

    def _build_soft404(self, p, urls, web):
        p.report(2022)
        gone = frame("提示信息", "<h2>抱歉，您访问的页面不存在或已删除！</h2>", p.agency, p.site_code)
        for year in (2019, 2020, 2021):
            urls[f"soft404_{year}"] = p.fault_link(f"/ndbg/gone_{year}.html", static(gone), year)

    def _build_drip(self, p, urls, web):
        rep = p.report(2022, serve=False)
        p.add(rep.path, lambda ex, q: drip(ex, rep.bytes, DRIP_OK_S))
        urls["drip_ok"] = rep.url
        slow = p.report(2021, serve=False)
        p.reports.remove(slow)          # beyond the timeout: must not be stored, must be recorded
        p.add(slow.path, lambda ex, q: drip(ex, slow.bytes, DRIP_SLOW_S, pieces=60))
        urls["drip_slow"] = slow.url

    def _build_huge(self, p, urls, web):
        p.report(2022)
        head = frame("x", "", p.agency, p.site_code).encode()[:200]
        chunk = b"<p>" + "政府信息公开".encode() * 400 + b"</p>\n"
        urls["huge_stream"] = p.fault_link("/ndbg/huge.html", lambda ex, q: stream(ex, HUGE, chunk, head=head), 2021)
        urls["huge_declared"] = p.fault_link("/ndbg/huge2.html",
                                             lambda ex, q: stream(ex, HUGE, chunk, head=head, length=True), 2020)

    def _build_gzip(self, p, urls, web):
        p.report(2022)
        for name, enc, data in (("gz", "gzip", bombs.gzip_bomb()), ("df", "deflate", bombs.deflate_bomb())):
            urls[f"{name}_bomb"] = p.fault_link(f"/ndbg/{name}.html", static(
                data, headers=[("Content-Encoding", enc)]), 2021 if name == "gz" else 2020)

    def _build_docbomb(self, p, urls, web):
        rep = p.report(2022, serve=False)
        # the report page itself is fine; its two "copies" are bombs
        attach = ('<div class="attach">附件：<a href="/ndbg/P020230120.pdf">2022年度报告.pdf</a> '
                  '<a href="/ndbg/P020230120.docx">2022年度报告.docx</a></div>')
        p.add(rep.path, static(rep.bytes.replace(b'</div></div>', attach.encode() + b'</div></div>', 1)))
        p.add("/ndbg/P020230120.pdf", static(bombs.pdf_bomb(), "application/pdf"))
        p.add("/ndbg/P020230120.docx", static(bombs.docx_bomb(), "application/vnd.openxmlformats-officedocument."
                                                                  "wordprocessingml.document"))
        urls["pdf_attachment"] = f"http://{p.host}/ndbg/P020230120.pdf"
        urls["docx_attachment"] = f"http://{p.host}/ndbg/P020230120.docx"
        # and a lone bomb in the list, where the document is the report
        urls["pdf_alone"] = p.fault_link("/ndbg/P020220115.pdf", static(bombs.pdf_bomb(), "application/pdf"), 2021,
                                         f"{p.agency}2021年政府信息公开工作年度报告（PDF）")
        urls["docx_alone"] = p.fault_link("/ndbg/P020210115.docx", static(bombs.docx_bomb(), "application/msword"),
                                          2020, f"{p.agency}2020年政府信息公开工作年度报告（DOCX）")

    def _build_trap(self, p, urls, web):
        p.report(2022)
        p.report(2021)
        p.columns += [("/calendar.html?date=2024-01-01", "政务公开日历"), ("/xxgk/1/", "信息公开目录")]

        def calendar(ex, query):        # every day links the next and the previous, forever
            day = int(query.rsplit("-", 1)[-1] or 1) if query else 1
            links = "".join(f'<a href="/calendar.html?date=2024-01-{d}">信息公开 {d}日</a> ' for d in (day - 1, day + 1))
            ex.send(200, frame("政务公开日历", links, p.agency, p.site_code).encode())

        def deeper(ex, query):          # every folder holds ten deeper folders, forever
            path = ex.h.path.split("?")[0]
            links = "".join(f'<li><a href="{path}{i}/">政府信息公开目录 {i}</a></li>' for i in range(10))
            ex.send(200, frame("政府信息公开目录", f"<ul>{links}</ul>", p.agency, p.site_code).encode())
        p.add("/calendar.html", calendar)
        self.server.add_prefix(p.ip, "/xxgk/", deeper)
        urls["calendar"], urls["deeper"] = f"http://{p.host}/calendar.html", f"http://{p.host}/xxgk/"

    def _build_encodings(self, p, urls, web):
        # GBK bytes under a UTF-8 header (meta says gb2312)
        p.report(2019, charset="gb2312", encode=lambda h: h.encode("gbk"), ctype="text/html; charset=utf-8")
        # GB18030 with a character GBK lacks (U+4DAE), header without charset
        p.report(2020, charset="gb18030", encode=lambda h: h.replace("<h1", "<p>䶮</p><h1", 1).encode("gb18030"),
                 ctype="text/html")
        # UTF-8 with a BOM under a gbk meta: the BOM wins
        p.report(2021, charset="gbk", encode=lambda h: b"\xef\xbb\xbf" + h.encode("utf-8"), ctype="text/html")

    def _build_xxe(self, p, urls, web):
        token = "xxe-" + uuid.uuid4().hex       # appears in no page: only reading the file could store it
        with open(self.marker, "w") as fh:
            fh.write(token)
        self.xxe_token = token
        doctype = (f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{self.marker}">'
                   f'<!ENTITY xhttp SYSTEM "http://{OFFSITE}:{self.server.port}/xxe.dtd">]>\n')
        rep = p.report(2022, serve=False)
        body = doctype + rep.html.split("\n", 1)[1].replace("<h1", "<p>&xxe;&xhttp;</p><h1", 1)
        p.add(rep.path, static(body, "application/xhtml+xml; charset=utf-8"))
        xml = doctype.replace("html [", "report [") + "<report><title>&xxe;</title><body>&xhttp;</body></report>"
        urls["xml"] = p.fault_link("/ndbg/report2021.xml", static(xml, "text/xml; charset=utf-8"), 2021)

    def _build_traversal(self, p, urls, web):
        p.report(2022)
        fake = static("<html><body>root:x:0:0:FAKE-PASSWD-ON-PORTAL</body></html>")
        for path in ("/etc/passwd", "/etc/hosts"):
            p.add(path, fake)
        for i, href in enumerate(("../../etc/passwd", "/../../../../etc/passwd", "/ndbg/../../../etc/hosts",
                                  "%2e%2e/%2e%2e/etc/passwd", "file:///etc/passwd", "..%2f..%2fetc%2fpasswd")):
            p.entries.append((href, f"{p.agency}{2010 + i}年政府信息公开工作年度报告", f"{2011 + i}-01-05"))
