"""Per-family dynamic behaviour. Each module has `handle(req) -> Response | None`; None falls through to files."""
import importlib
import json
import os
from dataclasses import dataclass, field
from urllib.parse import parse_qs


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    ctype: str = "text/html"
    headers: list = field(default_factory=list)
    modified: str | None = None      # YYYY-MM-DD: enables Last-Modified/ETag and 304 answers
    rewrite: bool = True             # filter unpublished list items and rewrite alias hosts


@dataclass
class Request:
    web: object
    site: dict
    host: str
    method: str
    path: str
    query: str
    headers: object
    body: bytes

    @property
    def args(self) -> dict:
        q = parse_qs(self.query)
        if self.body and "json" not in (self.headers.get("Content-Type") or ""):
            for k, v in parse_qs(self.body.decode("utf-8", "replace")).items():
                q.setdefault(k, v)
        return {k: v[0] for k, v in q.items()}

    def data(self, name: str):
        with open(os.path.join(self.site["dir"], "data", name), encoding="utf-8") as fh:
            return json.load(fh)

    def alias_url(self, path: str | None = None) -> str:
        return f"http://{self.host}{path or self.path}"

    def json(self, obj, status=200) -> Response:
        return Response(status, json.dumps(obj, ensure_ascii=False).encode("utf-8"), "application/json;charset=UTF-8")


def handler_for(family: str):
    try:
        return importlib.import_module(f"{__name__}.{family}").handle
    except ModuleNotFoundError:
        return None
