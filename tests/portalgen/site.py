"""Routes of generated portals: (address, path) -> page, computed lazily from the plan.

`Routes.respond(host, method, path, query, body)` returns (status, headers, bytes).
Only a portal's route table is kept (small tuples); bytes are rendered on each request.
"""
from functools import lru_cache

from . import apis, content, render
from .families import Epoint, Gkmlpt, family_of
from .plan import Portal

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
        here = self.by_host.get(host, [])
        if path == apis.HANWEB_PROXY:
            return apis.hanweb_proxy(here, method, query, body)
        if path == apis.XXGK_SEARCH:
            return apis.xxgk_search(here, method, query, body)
        if path.startswith(Gkmlpt.API):
            return apis.gkmlpt_api(here, path[len(Gkmlpt.API):], query)
        if path == Epoint.REST:
            return apis.epoint_detail(here, host, method, body)
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
        if kind == "static":
            return 200, v[1], v[2], []
        if kind == "doc":
            _, col, it, ext, p = v
            data = content.pdf_bytes(it) if ext == "pdf" else content.docx_bytes(it)
            ctype = "application/pdf" if ext == "pdf" else \
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            return 200, ctype, data, []
        page = _render(v)
        p = v[-1]
        ctype = "text/html" if p.encoding == "gbk" else "text/html; charset=utf-8"
        return 200, ctype, page.encode(p.encoding, "xmlcharrefreplace"), []


def _home_routes(p: Portal, f, r: dict) -> None:
    """The root: the home page itself, or a redirect to it (302, meta refresh, script, or two hops)."""
    main, home = p.host, p.t["home"]
    if home == "302":
        r[(main, "/")] = ("redirect", f.home(), 302, p)
    elif home == "meta":
        r[(main, "/")] = ("meta", f.home(), p)
    elif home == "js":
        r[(main, "/")] = ("js", f.home(), p)
    elif home == "chain":          # / -> /portal/ -> the home page, as a load balancer and a CMS each redirect
        r[(main, "/")] = ("redirect", "/portal/", 301, p)
        r[(main, "/portal/")] = ("redirect", f.home(), 302, p)
    else:
        r[(main, "/")] = ("home", p)


def _portal_routes(p: Portal, port: int) -> dict:
    f, r, main = family_of(p), {}, p.host

    def url_on(host, path):
        return path if host == main else f"http://{host}:{port}{path}"
    if not p.prefix:
        _home_routes(p, f, r)
    r[(main, f.home())] = ("home", p)
    gov, news = p.columns[0], p.columns[-1]
    depts = [c for c in p.columns if c.key.startswith("dept:")]
    towns = [c for c in p.columns if c.key.startswith("town:")]
    redirected = p.t["colredirect"]
    col_link = f.col_dir(gov) if redirected else f.column_link(gov)
    hub = [(p.t["mid"], f.mid())] if p.t["mid"] else [(p.t["col"], col_link)]
    hub += [(p.t["depts"], f.units("dept")), (p.t["towns"], f.units("town")), (p.t["news"], f.column_link(news))]
    r[(main, f.hub())] = ("links", p.t["hub"], hub, p)
    if p.t["mid"]:
        r[(main, f.mid())] = ("links", p.t["mid"], [(p.t["col"], col_link), ("政策解读", f.column_link(news))], p)
    r[(main, f.units("dept"))] = ("links", p.t["depts"], [(c.unit_name, url_on(c.host, f.unit(c))) for c in depts], p)
    r[(main, f.units("town"))] = ("links", p.t["towns"], [(c.unit_name, f.unit(c)) for c in towns], p)
    for c in depts + towns:
        if p.t["xxgk"] and c.key.startswith("dept:"):
            r[(c.host, f.unit(c))] = ("xxgk", c, p)        # the unit's reports only through its 信息公开目录
        elif p.family == "gkmlpt":
            r[(c.host, f.unit(c))] = ("gkmlpt_index", c, p)
        else:
            r[(c.host, f.unit(c))] = ("links", c.unit_name, [(c.title, f.column_link(c))], p)
        if c.host != main:
            r[(c.host, "/")] = ("redirect", f.unit(c), 302, p)
    if p.family == "gkmlpt":
        r[(main, "/gkmlpt/index")] = ("gkmlpt_index", gov, p)
        r[(main, "/gkmlpt/static/js/app.js")] = ("static", "application/javascript", apis.GKMLPT_APP)
    for c in p.columns:
        _column_routes(p, f, c, r)
        if redirected and c.key == "gov":
            r[(c.host, f.col_dir(c))] = ("redirect", f.column(c), 301, p)
        for it in c.items:
            art = f.article(c, it)
            r[(c.host, art)] = ("epoint_shell", p) if p.family == "epoint" else ("article", c, it, p)
            for ext in render._exts(it.copy) if it.kind == "report" else ():
                r[(c.host, f.attachment(c, it, ext))] = ("doc", c, it, ext, p)
    return r


def _column_routes(p, f, c, r) -> None:
    pages = max(1, -(-len(c.items) // c.per_page))
    if p.family == "hanweb":
        r[(c.host, f.column(c))] = ("hanweb", c, p)
    elif p.family == "gkmlpt" and c.key != "news":
        r[(c.host, f.column(c))] = ("gkmlpt", c, p)
    elif p.family == "iframe":
        r[(c.host, f.column(c))] = ("frame", c, p)
        for n in range(1, pages + 1):
            r[(c.host, f.frame(c, n))] = ("list", c, n, pages, p)
    else:
        for n in range(1, pages + 1):
            r[(c.host, f.page(c, n))] = ("list", c, n, pages, p)


def _render(v) -> str:
    kind, p = v[0], v[-1]
    f = family_of(p)
    if kind == "home":
        body = render.link_list([(p.t["hub"], f.hub()), (p.t["news"], f.column_link(p.columns[-1]))])
        return render.chrome(p, f, "首页", body)
    if kind == "links":
        _, title, links, _ = v
        return render.chrome(p, f, title, f"<h2>{title}</h2>" + render.link_list(links), [(p.t["hub"], f.hub())])
    if kind == "epoint_shell":
        return apis.epoint_shell(p)
    col = v[1]
    crumbs = [(p.t["hub"], f.hub()), (col.title, f.column_link(col))]
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
    if kind == "xxgk":
        return render.chrome(p, f, col.unit_name, f"<h2>{col.unit_name}信息公开目录</h2>" + apis.xxgk_page(p, f, col), crumbs)
    if kind == "gkmlpt":
        return render.chrome(p, f, col.title, apis.gkmlpt_shell(p, f, col), crumbs)
    if kind == "gkmlpt_index":
        body = apis.gkmlpt_shell(p, f, col) + f'<a href="{f.column_link(col)}">{col.title}</a>'
        return render.chrome(p, f, col.unit_name or p.t["hub"], body, crumbs)
    raise ValueError(kind)


def _hanweb_column(p, f, col, crumbs):
    inline = "".join(f"<record><![CDATA[{apis.hanweb_record(p, f, col, it)}]]></record>\n" for it in col.items[:col.per_page])
    unitid = col.cid + 11000
    proxy = apis.HANWEB_PROXY
    return render.chrome(p, f, col.title, f"""<div id="{unitid}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="{proxy}?page=1&webid=1&path=/&columnid={col.cid}&unitid={unitid}&permissiontype=0"></a>]]></nextgroup>
<recordset>
{inline}</recordset></datastore></script></div>
<script language="javascript" src="/module/jslib/jquery/jpage/dataproxy.js" charset="utf-8"></script>
<script>$(function(){{ $('#{unitid}').jpage({{dataStore: dataStore, perPage: {col.per_page}, totalRecord: {len(col.items)}, proxyUrl: '{proxy}', groupSize: 1, barPosition: 'bottom', ajaxParam: {{"col": "1", "appid": "1", "webid": "1", "path": "/", "columnid": "{col.cid}", "sourceContentType": "1", "unitid": "{unitid}", "permissiontype": "0"}}, showMode: 'full'}}); }});</script>""", crumbs)
