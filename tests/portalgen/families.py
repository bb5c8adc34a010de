"""URL shapes of each CMS family (portals.md): where the home, hub, columns, pages and articles live.

Every URL here is a path on the portal's own address; pages link with paths only, so no page
ever points at a host other than the portal's loopback aliases.
"""
import hashlib
import uuid

from .plan import Column, Item, Portal


def _d(date: str) -> str:
    return date.replace("-", "")


class Family:
    """TRS WCM shape: /zwgk/<slug>/index.html, index_1.html …, /zwgk/<slug>/YYYYMM/tYYYYMMDD_<id>.html."""
    name = "trs"
    ext = "html"

    def __init__(self, p: Portal):
        self.p, self.pre = p, p.prefix

    def home(self) -> str:
        return self.pre + "/index.html"

    def hub(self) -> str:
        return self.pre + "/zwgk/index.html"

    def mid(self) -> str:
        return self.pre + "/zwgk/fdzdgknr/index.html"

    def units(self, kind: str) -> str:
        return self.pre + f"/zwgk/{'bmxxgk' if kind == 'dept' else 'xzxxgk'}/index.html"

    def unit(self, col: Column) -> str:
        return self.pre + f"/zwgk/bm/{col.slug}/index.html"

    def col_dir(self, col: Column) -> str:
        base = "/zwgk/" if col.key in ("gov", "news") else f"/zwgk/bm/{col.slug}/"
        return self.pre + base + col.slug + "/"

    def column(self, col: Column) -> str:
        return self.col_dir(col) + "index.html"

    def column_link(self, col: Column) -> str:
        """How other pages link the column (a gkmlpt column adds its #category)."""
        return self.column(col)

    def page(self, col: Column, n: int) -> str:
        """Listing page n (1 = first)."""
        return self.column(col) if n == 1 else self.col_dir(col) + f"index_{n - 1}.html"

    def article(self, col: Column, it: Item) -> str:
        d = _d(it.published)
        return self.col_dir(col) + f"{d[:6]}/t{d}_{it.iid}.html"

    def attachment(self, col: Column, it: Item, ext: str) -> str:
        d = _d(it.published)
        return self.col_dir(col) + f"{d[:6]}/P0{d}{it.iid}.{ext}"

    def pager(self, col: Column, n: int, pages: int) -> str:
        return (f'<div class="page"><script>createPageHTML({pages}, {n - 1}, "index", "html");</script></div>'
                if pages > 1 else "")


class Plain(Family):
    """Plain CMS: /xxgk/<slug>/list.jsp?page=N (or index_N.html, ?page=N) with 下一页; /info/<cid>/<id>.htm."""
    name = "plain"

    def home(self):
        return "/index.htm"

    def hub(self):
        return "/xxgk/index.htm"

    def mid(self):
        return "/xxgk/fdzdgk/index.htm"

    def units(self, kind):
        return f"/xxgk/{'bm' if kind == 'dept' else 'xz'}/index.htm"

    def unit(self, col):
        return f"/xxgk/bm/{col.slug}/index.htm"

    def col_dir(self, col):
        return f"/{col.slug}/" if col.key in ("gov", "news") else f"/xxgk/bm/{col.slug}/{col.slug}/"

    def column(self, col):
        style = self.p.t["pager"]
        return self.col_dir(col) + {"jsp": "list.jsp", "index_n": "index.htm", "list_n": "list.htm",
                                    "pagenum": "list.do"}.get(style, "list.aspx")

    def page(self, col, n):
        first = self.column(col)
        if n == 1:
            return first
        style = self.p.t["pager"]
        if style == "jsp":
            return f"{first}?page={n}"
        if style == "index_n":
            return first.rsplit("/", 1)[0] + f"/index_{n - 1}.htm"
        if style == "list_n":
            return first.rsplit("/", 1)[0] + f"/list_{n}.htm"
        if style == "pagenum":
            return f"{first}?columnId={col.cid}&pageNum={n}"
        return f"{first}?pageIndex={n}&cid={col.cid}"

    def article(self, col, it):
        return f"/info/{col.cid}/{it.iid}.htm"

    def attachment(self, col, it, ext):
        return f"/system/_content/download/{col.cid}/{it.iid}.{ext}"

    def pager(self, col, n, pages):
        if pages <= 1:
            return ""
        look = self.p.t["pagerlook"]
        if look == "numbers":       # 1 2 3 … with the current page unlinked
            nums = " ".join(f'<a href="{self.page(col, k)}">{k}</a>' if k != n else f"<span class=\"cur\">{k}</span>"
                            for k in range(1, pages + 1))
            nxt = f' <a href="{self.page(col, n + 1)}" class="next">&gt;</a>' if n < pages else ""
            return f'<div class="pagination">{nums}{nxt}</div>'
        if look == "select":        # a jump box (script only) beside a plain 下一页 link
            opts = "".join(f'<option value="{self.page(col, k)}"{" selected" if k == n else ""}>{k}</option>'
                           for k in range(1, pages + 1))
            nxt = f'<a href="{self.page(col, n + 1)}">下一页</a>' if n < pages else ""
            return (f'<div class="pages">共{len(col.items)}条 {nxt} 转到<select onchange="location.href=this.value">'
                    f"{opts}</select>页</div>")
        out = f'<div class="pages">共{pages}页 &nbsp; 第{n}/{pages}页 '
        if n > 1:
            out += f'<a href="{self.page(col, 1)}">首页</a> <a href="{self.page(col, n - 1)}">上一页</a> '
        if n < pages:
            out += f'<a href="{self.page(col, n + 1)}">下一页</a> <a href="{self.page(col, pages)}">尾页</a>'
        return out + "</div>"


class JsPager(Plain):
    """Unknown to the crawler: list_N.html pages reached only through onclick="goPage(N)"."""
    name = "jspager"

    def column(self, col):
        return (f"/{col.slug}/" if col.key in ("gov", "news") else f"/xxgk/bm/{col.slug}/{col.slug}/") + "list.html"

    def page(self, col, n):
        return self.column(col) if n == 1 else self.column(col).replace("list.html", f"list_{n}.html")

    def pager(self, col, n, pages):
        if pages <= 1:
            return ""
        links = " ".join(f'<a href="javascript:void(0);" onclick="goPage({k})">{k}</a>' if k != n else f"<b>{k}</b>"
                         for k in range(1, pages + 1))
        nxt = f' <a href="javascript:void(0);" onclick="goPage({n + 1})">下一页</a>' if n < pages else ""
        return (f'<script>function goPage(n){{var u = n == 1 ? "list.html" : "list_" + n + ".html"; '
                f'window.location.href = u;}}</script><div class="pagination">{links}{nxt}</div>')


class Iframe(Family):
    """Unknown to the crawler: the column page shows its list in an <iframe src="list_frame.html">."""
    name = "iframe"

    def frame(self, col, n):
        return self.col_dir(col) + ("list_frame.html" if n == 1 else f"list_frame_{n}.html")

    def pager(self, col, n, pages):
        # the frame pages link each other by their own names (a TRS pager would name index_N.html)
        if pages <= 1:
            return ""
        nums = " ".join(f'<a href="{self.frame(col, k)}">{k}</a>' if k != n else f"<b>{k}</b>" for k in range(1, pages + 1))
        return f'<div class="page">{nums}' + (f' <a href="{self.frame(col, n + 1)}">下一页</a>' if n < pages else "") + "</div>"


class Hanweb(Family):
    """Hanweb JCMS: /col/col<cid>/index.html with records in <script type="text/xml">, the rest by POST."""
    name = "hanweb"

    def hub(self):
        return f"/col/col{self.p.columns[0].cid - 7}/index.html"

    def mid(self):
        return f"/col/col{self.p.columns[0].cid - 6}/index.html"

    def units(self, kind):
        return f"/col/col{self.p.columns[0].cid - (5 if kind == 'dept' else 4)}/index.html"

    def unit(self, col):
        return f"/col/col{col.cid + 1}/index.html"

    def column(self, col):
        return f"/col/col{col.cid}/index.html"

    def page(self, col, n):
        return self.column(col)

    def article(self, col, it):
        y, m, d = (int(x) for x in it.published.split("-"))
        return f"/art/{y}/{m}/{d}/art_{col.cid}_{it.iid}.html"

    def attachment(self, col, it, ext):
        return f"/module/download/downfile/{col.cid}/{it.iid}.{ext}"


class Jiyue(Family):
    """Hunan/Jiangxi 集约化: several governments on one host under /<site>/; c<cid>/list.shtml, list_N.shtml."""
    name = "jiyue"

    def home(self):
        return self.pre + "/index.shtml"

    def hub(self):
        return self.pre + f"/c{self.p.columns[0].cid - 7}/list.shtml"

    def mid(self):
        return self.pre + f"/c{self.p.columns[0].cid - 6}/list.shtml"

    def units(self, kind):
        return self.pre + f"/c{self.p.columns[0].cid - (5 if kind == 'dept' else 4)}/list.shtml"

    def unit(self, col):
        return self.pre + f"/c{col.cid + 1}/list.shtml"

    def col_dir(self, col):
        return self.pre + f"/c{col.cid}/"

    def column(self, col):
        return self.pre + f"/c{col.cid}/list.shtml"

    def page(self, col, n):
        return self.column(col) if n == 1 else self.pre + f"/c{col.cid}/list_{n}.shtml"

    def article(self, col, it):
        hx = hashlib.md5(f"{self.p.pid}/{it.iid}".encode()).hexdigest()
        return self.pre + f"/c{col.cid}/{_d(it.published)[:6]}/{hx}.shtml"

    def attachment(self, col, it, ext):
        hx = hashlib.md5(f"{self.p.pid}/{it.iid}/f".encode()).hexdigest()
        return f"/uploadfiles/{_d(it.published)[:6]}/{hx}.{ext}"      # shared upload folder of the host

    def pager(self, col, n, pages):
        if pages <= 1:
            return ""
        prv = f'<a href="{self.page(col, 1)}">首页</a> <a href="{self.page(col, n - 1)}">上一页</a> ' if n > 1 else ""
        nxt = f'<a href="{self.page(col, n + 1)}">下一页</a>' if n < pages else ""
        return f'<div class="page">{prv}{nxt}</div>'


class Gkmlpt(Family):
    """Guangdong gkmlpt: each unit's /<unit>/gkmlpt/annualreport#<cat> is a script shell with its SID; the list
    comes from the host's /gkmlpt/api/all/<cat>?page=N&sid=<SID> (JSON); /<unit>/gkmlpt/content/…/post_<id>.html."""
    name = "gkmlpt"
    API = "/gkmlpt/api/all/"

    def unit_base(self, col):
        return "" if col.key in ("gov", "news") else f"/{col.slug}"

    def unit(self, col):
        return self.unit_base(col) + "/gkmlpt/index"

    def column(self, col):
        return self.col_dir(col) + "index.html" if col.key == "news" else self.unit_base(col) + "/gkmlpt/annualreport"

    def column_link(self, col):
        return self.column(col) + ("" if col.key == "news" else f"#{col.cid}")

    def sid(self, col) -> str:
        return str(700000 + (self.p.idx * 97 + col.cid) % 299999)

    def article(self, col, it):
        if col.key == "news":
            return super().article(col, it)
        return self.unit_base(col) + f"/gkmlpt/content/{it.iid % 9}/{it.iid // 1000}/post_{it.iid}.html"

    def attachment(self, col, it, ext):
        return f"/attachment/0/{it.iid // 1000}/{it.iid}/{hashlib.md5(str(it.iid).encode()).hexdigest()[:8]}.{ext}"


class Epoint(Family):
    """Epoint WebBuilder: /xxgk/<catnum>/moreinfo.html lists, N.html pages; every article is the same
    showinfo.html?infoGuid=<uuid> shell, its body from POST /EpointWebBuilder/rest/…/getInfoDetail."""
    name = "epoint"
    REST = "/EpointWebBuilder/rest/frontAppNotNeedLoginAction/getInfoDetail"
    SHELL = "/xxgk/showinfo.html"

    def home(self):
        return "/index.html"

    def hub(self):
        return "/xxgk/index.html"

    def mid(self):
        return "/xxgk/fdzdgknr/index.html"

    def units(self, kind):
        return f"/xxgk/{'bmxxgk' if kind == 'dept' else 'xzxxgk'}/index.html"

    def unit(self, col):
        return self.col_dir(col) + "index.html"

    def catnum(self, col) -> str:
        return f"003{col.cid:06d}"

    def col_dir(self, col):
        return f"/xxgk/{self.catnum(col)}/"

    def column(self, col):
        return self.col_dir(col) + "moreinfo.html"

    def page(self, col, n):
        return self.column(col) if n == 1 else self.col_dir(col) + f"{n}.html"

    def guid(self, it) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.p.pid}/{it.iid}"))

    def article(self, col, it):
        return f"{self.SHELL}?infoGuid={self.guid(it)}&categoryNum={self.catnum(col)}"

    def attachment(self, col, it, ext):
        return f"/uploadfile/{it.published[:7].replace('-', '')}/{self.guid(it).replace('-', '')[:20]}.{ext}"

    def pager(self, col, n, pages):
        if pages <= 1:
            return ""
        nxt = f'<a class="ewb-page-next" href="{self.page(col, n + 1)}">下页</a>' if n < pages else ""
        prv = f'<a class="ewb-page-prev" href="{self.page(col, n - 1)}">上页</a> ' if n > 1 else ""
        return f'<div class="ewb-page">{prv}<span>{n}/{pages}</span> {nxt}</div>'


FAMILIES = {c.name: c for c in (Family, Plain, JsPager, Iframe, Hanweb, Jiyue, Gkmlpt, Epoint)}


def family_of(p: Portal) -> Family:
    return FAMILIES[p.family](p)
