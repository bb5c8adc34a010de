"""HTTP side of the test web: one handler class for every loopback address; the address tells the host."""
import datetime
import email.utils
import hashlib
import re
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from tests.loopback import respond

from .families import Request, Response

_ITEM = re.compile(rb'<!--gc-item href="([^"]+)"-->(.*?)<!--/gc-item-->\n?', re.S)
_TEXTUAL = ("text/", "application/json", "application/javascript")


class Handler(BaseHTTPRequestHandler):
    server_version = "nginx"
    sys_version = ""

    def log_message(self, *args):
        pass

    def _serve(self):
        web, host = self.server.web, self.server.alias
        u = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        req = Request(web, web._site_of[host], host, self.command, u.path or "/", u.query, self.headers, body)
        try:
            resp = web.respond(req)
        except Exception as exc:  # a bug in a handler must show, not hang the crawler
            resp = Response(500, f"internal error: {exc!r}".encode(), "text/plain", rewrite=False)
        data, modified = resp.body, resp.modified
        if resp.rewrite and resp.ctype.startswith(_TEXTUAL):
            shown = []

            def keep(m):
                url = m.group(1).decode()
                if not web.visible(url):
                    return b""
                shown.append(web._appears.get(url) or "")
                return m.group(2)
            data = web.rewrite(_ITEM.sub(keep, data))
            if modified and shown:  # a list changes when an item appears: so does its Last-Modified
                modified = max([modified] + shown)
        headers = [(k, web.rewrite(v.encode()).decode() if k == "Location" else v) for k, v in resp.headers]
        status = resp.status
        if modified and status == 200:
            etag = '"' + hashlib.md5(data).hexdigest()[:16] + '"'
            when = datetime.datetime.fromisoformat(modified).replace(hour=8, tzinfo=datetime.timezone.utc)
            headers += [("ETag", etag), ("Last-Modified", email.utils.format_datetime(when, usegmt=True))]
            if _not_modified(self.headers, etag, when):
                status, data = 304, b""
        web.requests.add((self.command, f"http://{web.addr[host]}:{web.port}{self.path}", status))
        respond(self, status, None if status == 304 else resp.ctype, headers, data)

    do_GET = do_POST = do_HEAD = _serve


def _not_modified(h, etag, when) -> bool:
    inm = h.get("If-None-Match")
    if inm:
        return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
    ims = h.get("If-Modified-Since")
    if ims:
        try:
            return email.utils.parsedate_to_datetime(ims) >= when
        except (TypeError, ValueError):
            return False
    return False
