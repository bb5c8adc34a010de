"""A hostile loopback web: one HTTP server per 127.0.x.y address, one common port, routes per address.

Bounded by construction: every route writes a finite response (a hang ends at `hang_s` or at stop),
threads are daemonic, sockets time out, and the whole web stops writing once `byte_cap` bytes have
gone out. Every request is logged (ip, method, path, status) so a test can prove what was never asked.
HTTP/1.0, one request per connection: a drop or a hang never leaves a half-used keep-alive socket.
"""
from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler
from typing import Callable

from tests.loopback import LoopbackServer, bind_common_port, serve, shutdown


class Capped(Exception):
    """The web's byte cap was reached: the connection is closed where it stands."""


class Exchange:
    """What a route writes through: status line, headers, body bytes, all counted against the cap."""

    def __init__(self, handler: "_Handler"):
        self.h, self.web = handler, handler.server.web
        self.status = 0

    def head(self, status: int, headers: list[tuple[str, str]]) -> None:
        self.status = status
        lines = [f"HTTP/1.0 {status} X"] + [f"{k}: {v}" for k, v in headers] + ["Connection: close", "", ""]
        self.write("\r\n".join(lines).encode("latin-1"))

    def write(self, data: bytes) -> None:
        self.web.count(len(data))
        self.h.wfile.write(data)

    def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
             headers: list[tuple[str, str]] = ()) -> None:
        self.head(status, [("Content-Type", ctype), ("Content-Length", str(len(body))), *headers])
        self.write(body)

    def redirect(self, status: int, location: str) -> None:
        self.send(status, b"", headers=[("Location", location)])

    def wait(self, seconds: float) -> bool:
        """Sleep, but wake when the web stops; False when stopped."""
        return not self.web.stopped.wait(seconds)


Route = Callable[[Exchange, str], None]     # (exchange, query string) -> writes the response


class _Handler(BaseHTTPRequestHandler):
    timeout = 15          # an idle client cannot hold a thread for longer

    def do_GET(self):
        self._serve("GET")

    def do_POST(self):
        self._serve("POST")

    def do_HEAD(self):
        self._serve("HEAD")

    def _serve(self, method: str):
        web, ip = self.server.web, self.server.server_address[0]
        path, _, query = self.path.partition("?")
        ex = Exchange(self)
        try:
            route = web.route(ip, path, query)
            if route is None:
                ex.send(404, b"<html><body><h1>404 Not Found</h1></body></html>")
            else:
                route(ex, query)
        except (Capped, BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True
        finally:
            web.log(ip, method, self.path, ex.status)

    def log_message(self, *args):   # quiet: the request log is the record
        pass


class FaultServer:
    """Routes: {ip: {path: Route}} exact paths, plus prefix routes tried longest first."""

    def __init__(self, ips: list[str], byte_cap: int = 400 * 1024 * 1024):
        self.ips, self.byte_cap = ips, byte_cap
        self.exact: dict[str, dict[str, Route]] = {ip: {} for ip in ips}
        self.prefix: dict[str, list[tuple[str, Route]]] = {ip: [] for ip in ips}
        self.stopped = threading.Event()
        self.sent = 0
        self.port = 0
        self.requests: list[tuple[str, str, str, int]] = []
        self._lock = threading.Lock()
        self._servers: list[LoopbackServer] = []

    # -- routes ----------------------------------------------------------------------------------
    def add(self, ip: str, path: str, route: Route) -> None:
        self.exact[ip][path] = route

    def add_prefix(self, ip: str, prefix: str, route: Route) -> None:
        self.prefix[ip].append((prefix, route))
        self.prefix[ip].sort(key=lambda pr: -len(pr[0]))

    def route(self, ip: str, path: str, query: str) -> Route | None:
        if path in self.exact.get(ip, {}):
            return self.exact[ip][path]
        return next((r for p, r in self.prefix.get(ip, []) if path.startswith(p)), None)

    # -- accounting --------------------------------------------------------------------------------
    def count(self, n: int) -> None:
        with self._lock:
            if self.stopped.is_set() or self.sent + n > self.byte_cap:
                raise Capped()
            self.sent += n

    def log(self, ip, method, path, status) -> None:
        with self._lock:
            self.requests.append((ip, method, path, status))

    def requests_to(self, ip: str) -> list[tuple[str, str, str, int]]:
        with self._lock:
            return [r for r in self.requests if r[0] == ip]

    def host(self, ip: str) -> str:
        return f"{ip}:{self.port}"

    # -- life --------------------------------------------------------------------------------------
    def start(self, listen: list[str] | None = None) -> "FaultServer":
        listen = self.ips if listen is None else listen

        def make(address):
            srv = LoopbackServer(address, _Handler)
            srv.web = self
            return srv
        self.port, self._servers = bind_common_port(listen, make)
        serve(self._servers)
        return self

    def stop(self) -> None:
        self.stopped.set()          # wakes hanging and dripping routes
        shutdown(self._servers)
        self._servers = []

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def drip(ex: Exchange, body: bytes, seconds: float, ctype: str = "text/html; charset=utf-8", pieces: int = 20):
    """The whole page, in `pieces` parts spread over `seconds`."""
    ex.head(200, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
    step = -(-len(body) // pieces)
    for i in range(0, len(body), step):
        if not ex.wait(seconds / pieces):
            return
        ex.write(body[i:i + step])
        ex.h.wfile.flush()


def stream(ex: Exchange, total: int, chunk: bytes, ctype: str = "text/html; charset=utf-8",
           head: bytes = b"", tail: bytes = b"", length: bool = False) -> None:
    """`total` bytes made of `head`, repeated `chunk`, `tail`, generated as they go out (never held)."""
    ex.head(200, [("Content-Type", ctype)] + ([("Content-Length", str(total))] if length else []))
    ex.write(head)
    left = total - len(head) - len(tail)
    while left > 0:
        part = chunk if left >= len(chunk) else chunk[:left]
        ex.write(part)
        left -= len(part)
    ex.write(tail)

