"""One HTTP server for many loopback addresses: a listening socket per 127.x.y.z on one common port,
one accept loop (selectors/epoll), a small pool of worker threads running BaseHTTPRequestHandler.

A thousand addresses cost a thousand file descriptors and no threads; the address a connection
arrived on (getsockname) tells which portal it asks.
"""
import selectors
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from tests.loopback import respond


class _Handler(BaseHTTPRequestHandler):
    server_version = "nginx"
    sys_version = ""
    timeout = 30

    def log_message(self, *args):
        pass

    def _serve(self):
        srv = self.server
        host = self.connection.getsockname()[0]
        u = urlsplit(self.path)
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        try:
            status, ctype, data, headers = srv.app(host, self.command, u.path or "/", u.query, body)
        except Exception as exc:  # a generator bug must show as a 500, not hang the crawl
            status, ctype, data, headers = 500, "text/plain", f"internal error: {exc!r}".encode(), []
        srv.log(self.command, host, self.path, status)
        respond(self, status, ctype, headers, data)

    do_GET = do_POST = do_HEAD = _serve


class MultiServer:
    """serve app(host, method, path, query, body) -> (status, ctype, bytes, headers) on every address."""

    def __init__(self, addresses: list[str], app, port: int = 0, workers: int = 12):
        self.addresses, self.app, self.port = list(dict.fromkeys(addresses)), app, port
        self.requests: list[tuple[str, str, str, int]] = []
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="portalgen")
        self._stop = threading.Event()
        self._thread = None

    def log(self, method, host, path, status):
        with self._lock:
            self.requests.append((method, host, path, status))

    def _bind(self, port: int) -> list[socket.socket]:
        socks = []
        try:
            for addr in self.addresses:
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind((addr, port))
                port = s.getsockname()[1]
                s.listen(128)
                s.setblocking(False)
                socks.append(s)
        except OSError:
            for s in socks:
                s.close()
            raise
        self.port = port
        return socks

    def start(self):
        for _ in range(30):
            try:
                self._socks = self._bind(self.port)
                break
            except OSError:
                if self.port:
                    raise
        else:
            raise RuntimeError("no common free port on the loopback addresses")
        self._thread = threading.Thread(target=self._loop, daemon=True, name="portalgen-accept")
        self._thread.start()
        return self

    def _loop(self):
        sel = selectors.DefaultSelector()
        for s in self._socks:
            sel.register(s, selectors.EVENT_READ)
        while not self._stop.is_set():
            for key, _ in sel.select(timeout=0.2):
                try:
                    conn, peer = key.fileobj.accept()
                except (BlockingIOError, OSError):
                    continue
                conn.setblocking(True)
                self._pool.submit(self._handle, conn, peer)
        sel.close()

    def _handle(self, conn, peer):
        try:
            _Handler(conn, peer, self)
        except Exception:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def stop(self):
        self._stop.set()
        if self._thread:
            self._thread.join(2)
        for s in self._socks:
            s.close()
        self._pool.shutdown(wait=False, cancel_futures=True)
