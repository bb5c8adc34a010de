"""Small webs for the faults that need a crawl of their own: kill -9 then resume, the same crawl twice.

SmallWeb(net="127.0.11", portals=2, reports=4, delay=0.5): `portals` healthy portals on net.2, net.3, …,
each with `reports` reports; report i of a portal answers after i * `delay` seconds, so a crawl is
still busy when a test kills it. One report per portal carries a DOCX copy (gen/docx.py), so documents,
blobs and report_sources all have rows that a duplicate would double.
"""
from __future__ import annotations

import csv

from tests.web.gen.docx import from_html

from .portal import Portal, static
from .server import FaultServer


class SmallWeb:
    __test__ = False

    def __init__(self, net: str, portals: int = 2, reports: int = 4, delay: float = 0.0, county0: int = 10):
        self.ips = [f"{net}.{i + 2}" for i in range(portals)]
        self.server = FaultServer(self.ips, byte_cap=100 * 1024 * 1024)
        self.n_reports, self.delay, self.county0 = reports, delay, county0
        self.portals: list[Portal] = []

    def __enter__(self):
        self.server.start()
        for k, ip in enumerate(self.ips):
            p = Portal(self.server, f"small{k}", ip, self.county0 + k)
            for i in range(self.n_reports):
                rep = p.report(2023 - i, serve=False)
                body = rep.bytes
                if i == 0:       # a Word copy beside the page, as many portals attach
                    docx = from_html(rep.title, rep.html)
                    p.add(rep.path.replace(".html", ".docx"), static(docx, "application/vnd.openxmlformats-"
                                                                     "officedocument.wordprocessingml.document"))
                    link = f'<p>附件：<a href="{rep.path.rsplit("/", 1)[1].replace(".html", ".docx")}">{rep.title}.docx</a></p>'
                    body = body.replace(b"</div></div>", link.encode() + b"</div></div>", 1)
                p.add(rep.path, self._slow(body, i * self.delay))
            self.portals.append(p.finish())
        return self

    def _slow(self, body: bytes, seconds: float):
        def route(ex, query):
            if seconds and not ex.wait(seconds):
                return
            ex.send(200, body)
        return route

    def __exit__(self, *exc):
        self.server.stop()

    def reports(self):
        return [r for p in self.portals for r in p.reports]

    def write_portals_csv(self, path) -> None:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["code", "name", "url", "level", "hosts"])
            for p in self.portals:
                w.writerow(p.csv_row())
