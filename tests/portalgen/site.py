"""Routes of generated portals: (address, path) -> page, computed lazily from the plan.

`Routes.respond(host, method, path, query, body, port)` returns (status, headers, bytes).
Only a portal's route table is kept (small tuples); bytes are rendered on each request.
"""
import html as htmlmod
from functools import lru_cache
from urllib.parse import parse_qs

from . import content, render
from .families import family_of
from .plan import Portal

PROXY = "/module/web/jpage/dataproxy.jsp"
_404 = b"<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>"


class Routes:
    def __init__(self, portals: list[Portal]):
        self.portals = portals
        self.by_host: dict[str, list[Portal]] = {}
        for p in portals:
            for h in [p.host] + p.extra_hosts:
                self.by_host.setdefault(h, []).append(p)
        self.port = 0

    @lru_cache(maxsize=None)
    def table(self, host: str) -> dict:
        out = {}
        for p in self.by_host.get(host, []):
            for (h, path), v in _portal_routes(p, self.port).items():
                if h == host:
                    out.setdefault(path, v)
        if self.by_host.get(host) and self.by_host[host][0].prefix and "/" not in out:
            first = self.by_host[host][0]
            out["/"] = ("meta", family_of(first).home())      # a shared host's root sends to its first site
        return out

    def respond(self, host, method, path, query, body):
        t = self.table(host)
        v = t.get(f"{path}?{query}") if query else None
        v = v or t.get(path)
        if v is None:
            return 404, "text/html", _404, []
        kind = v[0]
        if kind == "redirect":
            return v[2], "text/html", b"", [("Location", v[1])]
        if kind == "meta":
            page = f'<html><head><meta http-equiv="refresh" content="0;url={v[1]}"></head><body>正在跳转…</body></html>'
            return 200, "text/html; charset=utf-8", page.encode(), []
        if kind == "js":
            page = f"<html><head><script>window.location.href='{v[1]}';</script></head><body></body></html>"
            return 200, "text/html; charset=utf-8", page.encode(), []
        if kind == "doc":
            _, col, it, ext, p = v
            data = content.pdf_bytes(it) if ext == "pdf" else content.docx_bytes(it)
            ctype = "application/pdf" if ext == "pdf" else \
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            return 200, ctype, data, []
        if kind == "proxy":
            return self._proxy(host, method, query, body)
        page = _render(v)
        p = v[-1]
        ctype = "text/html" if p.encoding == "gbk" else "text/html; charset=utf-8"
        return 200, ctype, page.encode(p.encoding, "xmlcharrefreplace"), []

    def _proxy(self, host, method, query, body):
        """Hanweb dataproxy.jsp: records startrecord..endrecord of the posted columnid, as XML."""
        if method != "POST":
            return 405, "text/html", b"<html><body>Method Not Allowed</body></html>", []
        a = {k: v[0] for k, v in parse_qs(query).items()}
        a.update({k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()})
        col = p = None
        for q in self.by_host.get(host, []):
            col = next((c for c in q.columns if str(c.cid) == a.get("columnid")), None)
            if col is not None:
                p = q
                break
        recs = [] if col is None or not a.get("unitid") else col.items
        try:
            start, end = int(a.get("startrecord", 1)), int(a.get("endrecord", 0) or len(recs))
        except ValueError:
            return 400, "text/plain", b"bad request", []
        f = family_of(p) if p else None
        chunk = recs[max(start, 1) - 1:end]
        rows = "".join(f"<record><![CDATA[{_record(p, f, col, it)}]]></record>\n" for it in chunk)
        xml = (f'<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>{len(recs)}</totalrecord>'
               f"<recordset>\n{rows}</recordset></datastore>")
        return 200, "text/xml;charset=UTF-8", xml.encode("utf-8"), []


def _record(p, f, col, it):
    return (f'<li><a href="{f.article(col, it)}" target="_blank" title="{htmlmod.escape(it.title)}">{it.title}</a>'
            f'<span class="bt-data-time">{render.fmt_date(it.published, p.t["listdate"])}</span></li>')


def _portal_routes(p: Portal, port: int) -> dict:
    f, r, main = family_of(p), {}, p.host

    def url_on(host, path):
        return path if host == main else f"http://{host}:{port}{path}"
    if not p.prefix:
        home = p.t["home"]
        r[(main, "/")] = ("redirect", f.home(), 302, p) if home == "302" else \
            ("meta", f.home(), p) if home == "meta" else ("js", f.home(), p) if home == "js" else ("home", p)
    r[(main, f.home())] = ("home", p)
    gov, news = p.columns[0], p.columns[-1]
    depts = [c for c in p.columns if c.key.startswith("dept:")]
    towns = [c for c in p.columns if c.key.startswith("town:")]
    col_link = f.col_dir(gov) if p.t["colredirect"] else f.column(gov)
    hub = [(p.t["mid"], f.mid())] if p.t["mid"] else [(p.t["col"], col_link)]
    hub += [(p.t["depts"], f.units("dept")), (p.t["towns"], f.units("town")), (p.t["news"], f.column(news))]
    r[(main, f.hub())] = ("links", p.t["hub"], hub, p)
    if p.t["mid"]:
        r[(main, f.mid())] = ("links", p.t["mid"], [(p.t["col"], col_link), ("政策解读", f.column(news))], p)
    r[(main, f.units("dept"))] = ("links", p.t["depts"], [(c.unit_name, url_on(c.host, f.unit(c))) for c in depts], p)
    r[(main, f.units("town"))] = ("links", p.t["towns"], [(c.unit_name, f.unit(c)) for c in towns], p)
    for c in depts + towns:
        r[(c.host, f.unit(c))] = ("links", c.unit_name, [(c.title, f.column(c))], p)
        if c.host != main:
            r[(c.host, "/")] = ("redirect", f.unit(c), 302, p)
    for c in p.columns:
        pages = max(1, -(-len(c.items) // c.per_page))
        if p.family == "hanweb":
            r[(c.host, f.column(c))] = ("hanweb", c, p)
            r[(c.host, PROXY)] = ("proxy", p)
        elif p.family == "iframe":
            r[(c.host, f.column(c))] = ("frame", c, p)
            for n in range(1, pages + 1):
                r[(c.host, f.frame(c, n))] = ("list", c, n, pages, p)
        else:
            for n in range(1, pages + 1):
                r[(c.host, f.page(c, n))] = ("list", c, n, pages, p)
        if p.t["colredirect"] and hasattr(f, "col_dir") and c.key == "gov":
            r[(c.host, f.col_dir(c))] = ("redirect", f.column(c), 301, p)
        for it in c.items:
            r[(c.host, f.article(c, it))] = ("article", c, it, p)
            for ext in render._exts(it.copy) if it.kind == "report" else ():
                r[(c.host, f.attachment(c, it, ext))] = ("doc", c, it, ext, p)
    return r


def _render(v) -> str:
    kind, p = v[0], v[-1]
    f = family_of(p)
    if kind == "home":
        body = render.link_list([(p.t["hub"], f.hub()), (p.t["news"], f.column(p.columns[-1]))])
        return render.chrome(p, f, "首页", body)
    if kind == "links":
        _, title, links, _ = v
        return render.chrome(p, f, title, f"<h2>{title}</h2>" + render.link_list(links), [(p.t["hub"], f.hub())])
    col = v[1]
    crumbs = [(p.t["hub"], f.hub()), (col.title, f.column(col))]
    if kind == "article":
        return render.article(p, f, col, v[2], crumbs)
    if kind == "list":
        _, col, n, pages, _ = v
        items = col.items[(n - 1) * col.per_page: n * col.per_page]
        body = f"<h2>{col.title}</h2>" + render.list_items(p, f, col, items) + f.pager(col, n, pages)
        if p.family == "iframe":
            return f"<html><head>{render._meta(p)}</head><body>{body}</body></html>"
        return render.chrome(p, f, col.title, body, crumbs)
    if kind == "frame":
        body = f'<h2>{col.title}</h2><iframe src="{f.frame(col, 1)}" width="100%" height="600" frameborder="0"></iframe>'
        return render.chrome(p, f, col.title, body, crumbs)
    if kind == "hanweb":
        return _hanweb_column(p, f, col, crumbs)
    raise ValueError(kind)


def _hanweb_column(p, f, col, crumbs):
    inline = "".join(f"<record><![CDATA[{_record(p, f, col, it)}]]></record>\n" for it in col.items[:col.per_page])
    unitid = col.cid + 11000
    return render.chrome(p, f, col.title, f"""<div id="{unitid}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="{PROXY}?page=1&webid=1&path=/&columnid={col.cid}&unitid={unitid}&permissiontype=0"></a>]]></nextgroup>
<recordset>
{inline}</recordset></datastore></script></div>
<script language="javascript" src="/module/jslib/jquery/jpage/dataproxy.js" charset="utf-8"></script>
<script>$(function(){{ $('#{unitid}').jpage({{dataStore: dataStore, perPage: {col.per_page}, totalRecord: {len(col.items)}, proxyUrl: '{PROXY}', groupSize: 1, barPosition: 'bottom', ajaxParam: {{"col": "1", "appid": "1", "webid": "1", "path": "/", "columnid": "{col.cid}", "sourceContentType": "1", "unitid": "{unitid}", "permissiontype": "0"}}, showMode: 'full'}}); }});</script>""", crumbs)
