"""What every loopback web of the tests shares: servers on many 127.x addresses with one common port,
the response writer, the portals CSV, and serving from the command line until interrupted.

tests/web (the hand-written web), tests/faults (the hostile web) and tests/portalgen (the generated
web) differ in what they serve, not in how they listen.
"""
from __future__ import annotations

import csv
import threading
from http.server import ThreadingHTTPServer


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True
    # The stdlib's listen backlog of 5 drops connections when a crawl opens many at once on a
    # loaded machine (seen: a Hanweb POST lost to "Connection was closed cleanly").
    request_queue_size = 128


def bind_common_port(addresses: list[str], make_server, port: int = 0, tries: int = 30) -> tuple[int, list]:
    """make_server((address, port)) on every address with one port; a fixed `port` is tried once."""
    for _ in range(tries):
        servers, p = [], port
        try:
            for address in addresses:
                srv = make_server((address, p))
                p = srv.server_address[1]
                servers.append(srv)
        except OSError:
            for s in servers:
                s.server_close()
            if port:
                raise
            continue
        return p, servers
    raise RuntimeError("no common free port on the loopback addresses")


def serve(servers) -> None:
    for srv in servers:
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()


def shutdown(servers) -> None:
    for srv in servers:
        srv.shutdown()
        srv.server_close()


def respond(handler, status: int, ctype: str | None, headers, data: bytes) -> None:
    """Status, headers, Content-Length and body (none for HEAD); a client that left is not an error."""
    handler.send_response(status)
    if ctype:
        handler.send_header("Content-Type", ctype)
    for k, v in headers:
        handler.send_header(k, v)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    if handler.command != "HEAD":
        try:
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


def write_portals_csv(path, rows) -> None:
    """The portals file of interface.md, with `hosts` (the portal's other host names)."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "name", "url", "level", "hosts"])
        for r in rows:
            w.writerow([r["code"], r["name"], r["url"], r["level"], r.get("hosts", "")])


def serve_until_interrupted(web) -> None:
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        web.stop()
