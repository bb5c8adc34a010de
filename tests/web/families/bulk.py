"""Bulk pages generated at serve time: what a real portal has in volume around its few reports.

Every live portal declares in site.json "bulk": [{"prefix", "name", "short", "home", "zwgk", "idcode",
"style", "seed"}, …] (one entry per portal; 集约化 hosts carry several under their path prefixes).
Each portal gets a news archive (要闻动态, 部门动态, 乡镇动态: 20 items a page, 10-30 pages), a policy
library (政策文件, 规范性文件), 政务公开动态 (realistic near misses: 信息公开指南, 依申请公开目录,
政务公开工作推进会 — never 年度报告), 领导之窗, 办事服务 and 互动交流.

Pages are bytes computed from the URL with seeded RNGs (random.Random(str) hashes the string, so the
same bytes every run and on every machine), encoded in the site's encoding (GBK stays GBK). Items dated
after the web's clock are hidden like any other page. Static files always win: bulk never answers a path
that exists as a file. URL shapes follow the portal's family (`style`):
  trs     /<group>/<col>/index.html, index_1.html …   /<group>/<col>/YYYYMM/tYYYYMMDD_<id>.html
  jsp     /<group>/<col>/list.jsp?page=N              /info/<2000+n>/<id>.htm
  hanweb  /col/col<5100+n>/index.html?pageNum=N       /art/Y/M/D/art_<5100+n>_<id>.html
  jiyue   <prefix>/c<2001xx>/list.shtml, list_2.shtml  <prefix>/c<2001xx>/YYYYMM/<32 hex>.shtml
"""
import datetime
import functools
import hashlib
import os
import random
import re

from . import Response
from .bulk_text import article_body, item_title

PER_PAGE = 20
FIRST, LAST = datetime.date(2019, 1, 2), datetime.date(2023, 12, 31)   # before any clock the tests move
# key, name, group, group name, kind, (min, max) list pages
COLUMNS = [("ywdt", "要闻动态", "xwzx", "新闻中心", "news", (10, 30)),
           ("bmdt", "部门动态", "xwzx", "新闻中心", "dept", (10, 15)),
           ("xzdt", "乡镇动态", "xwzx", "新闻中心", "town", (10, 15)),
           ("zcwj", "政策文件", "zcfg", "政策文件", "policy", (3, 6)),
           ("gfxwj", "规范性文件", "zcfg", "政策文件", "norm", (2, 4)),
           ("gkdt", "政务公开动态", "zwdt", "政务动态", "open", (1, 2)),
           ("ldjj", "领导之窗", "ldzc", "领导之窗", "leader", (1, 1)),
           ("bszn", "办事指南", "bsfw", "办事服务", "service", (2, 4)),
           ("zxts", "咨询投诉", "hdjl", "互动交流", "letter", (3, 6))]
GROUPS = list(dict.fromkeys((c[2], c[3]) for c in COLUMNS))
_NUM = {c[0]: n for n, c in enumerate(COLUMNS)}
_GNUM = {g: n for n, (g, _) in enumerate(GROUPS)}


@functools.lru_cache(maxsize=512)
def column(seed: str, key: str) -> tuple:
    """The column's items oldest first: (seq, date, title, kind). Same seed, same items."""
    _, _, _, _, kind, (lo, hi) = COLUMNS[_NUM[key]]
    rng = random.Random(f"{seed}/{key}")
    pages = rng.randint(lo, hi)
    count = 7 if kind == "leader" else (pages - 1) * PER_PAGE + rng.randint(5, PER_PAGE)
    span = (LAST - FIRST).days
    days = sorted(rng.randint(0, span) for _ in range(count))
    out = []
    for seq, d in enumerate(days, 1):
        date = FIRST + datetime.timedelta(days=d)
        title, k = item_title(random.Random(f"{seed}/{key}/{seq}"), kind, seq, date)
        out.append((seq, date, title, k))
    return tuple(out)


def _hex(seed, key, seq):
    return hashlib.md5(f"{seed}/{key}/{seq}".encode()).hexdigest()


# ---- URLs ------------------------------------------------------------------------------------------
def list_url(conf, key, page=1):
    st, p, n = conf["style"], conf["prefix"], _NUM.get(key)
    group = COLUMNS[n][2] if n is not None else key
    if st == "jsp":
        if n is None:
            return f"{p}/{key}/index.htm"
        return f"{p}/{group}/{key}/list.jsp" + (f"?page={page}" if page > 1 else "")
    if st == "hanweb":
        cid = 5100 + n if n is not None else 5000 + _GNUM[key]
        return f"/col/col{cid}/index.html" + (f"?uid=c{cid}&pageNum={page}" if page > 1 else "")
    if st == "jiyue":
        cid = 200100 + n if n is not None else 200000 + _GNUM[key]
        return f"{p}/c{cid}/list.shtml" if page == 1 else f"{p}/c{cid}/list_{page}.shtml"
    base = f"{p}/{group}/{key}/" if n is not None else f"{p}/{key}/"
    return base + ("index.html" if page == 1 else f"index_{page - 1}.html")


def group_url(conf, group):
    return list_url(conf, group)


def article_url(conf, key, seq, date):
    st, p, n = conf["style"], conf["prefix"], _NUM[key]
    d = date.strftime("%Y%m%d")
    if st == "jsp":
        return f"{p}/info/{2000 + n}/{10000 + seq}.htm"
    if st == "hanweb":
        return f"/art/{date.year}/{date.month}/{date.day}/art_{5100 + n}_{30000 + seq}.html"
    if st == "jiyue":
        return f"{p}/c{200100 + n}/{d[:6]}/{_hex(conf['seed'], key, seq)}.shtml"
    return f"{p}/{COLUMNS[n][2]}/{key}/{d[:6]}/t{d}_{10000 + seq}.html"


@functools.lru_cache(maxsize=64)
def _jiyue_index(seed, key):
    return {_hex(seed, key, s): s for s, *_ in column(seed, key)}


def parse(conf, path, query):
    """('list', key, page) | ('group', group) | ('article', key, seq) | None for a path bulk does not own."""
    st, p = conf["style"], conf["prefix"]
    if p and not path.startswith(p + "/"):
        return None
    rest = path[len(p):]
    if st == "hanweb":
        m = re.fullmatch(r"/col/col(\d+)/index\.html", rest)
        if m:
            cid = int(m.group(1))
            page = re.search(r"pageNum=(\d+)", query or "")
            if 5100 <= cid < 5100 + len(COLUMNS):
                return "list", COLUMNS[cid - 5100][0], int(page.group(1)) if page else 1
            if 5000 <= cid < 5000 + len(GROUPS):
                return "group", GROUPS[cid - 5000][0]
        m = re.fullmatch(r"/art/(\d+)/(\d+)/(\d+)/art_(\d+)_(\d+)\.html", rest)
        if m and 5100 <= int(m.group(4)) < 5100 + len(COLUMNS):
            return "article", COLUMNS[int(m.group(4)) - 5100][0], int(m.group(5)) - 30000
        return None
    if st == "jiyue":
        m = re.fullmatch(r"/c(\d+)/list(?:_(\d+))?\.shtml", rest)
        if m:
            cid, page = int(m.group(1)), int(m.group(2) or 1)
            if 200100 <= cid < 200100 + len(COLUMNS) and (m.group(2) is None or page >= 2):
                return "list", COLUMNS[cid - 200100][0], page
            if 200000 <= cid < 200000 + len(GROUPS) and m.group(2) is None:
                return "group", GROUPS[cid - 200000][0]
        m = re.fullmatch(r"/c(\d+)/(\d{6})/([0-9a-f]{32})\.shtml", rest)
        if m and 200100 <= int(m.group(1)) < 200100 + len(COLUMNS):
            key = COLUMNS[int(m.group(1)) - 200100][0]
            seq = _jiyue_index(conf["seed"], key).get(m.group(3))
            return ("article", key, seq) if seq else None
        return None
    if st == "jsp":
        m = re.fullmatch(r"/info/(\d+)/(\d+)\.htm", rest)
        if m and 2000 <= int(m.group(1)) < 2000 + len(COLUMNS):
            return "article", COLUMNS[int(m.group(1)) - 2000][0], int(m.group(2)) - 10000
        m = re.fullmatch(r"/(\w+)/(\w+)/list\.jsp", rest)
        page = re.fullmatch(r"page=(\d+)", query or "")
        if m and m.group(2) in _NUM and COLUMNS[_NUM[m.group(2)]][2] == m.group(1) and (page or not query):
            return "list", m.group(2), int(page.group(1)) if page else 1
        m = re.fullmatch(r"/(\w+)/(?:index\.htm)?", rest)
        if m and m.group(1) in _GNUM:
            return "group", m.group(1)
        return None
    m = re.fullmatch(r"/(\w+)/(\w+)/(?:index(?:_(\d+))?\.html)?", rest)
    if m and m.group(2) in _NUM and COLUMNS[_NUM[m.group(2)]][2] == m.group(1):
        return "list", m.group(2), int(m.group(3) or 0) + 1
    m = re.fullmatch(r"/(\w+)/(\w+)/\d{6}/t(\d{8})_(\d+)\.html", rest)
    if m and m.group(2) in _NUM and COLUMNS[_NUM[m.group(2)]][2] == m.group(1):
        return "article", m.group(2), int(m.group(4)) - 10000
    m = re.fullmatch(r"/(\w+)/(?:index\.html)?", rest)
    if m and m.group(1) in _GNUM:
        return "group", m.group(1)
    return None


# ---- pages -----------------------------------------------------------------------------------------
def _esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chrome(conf, enc, title, crumbs, body):
    meta = ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' if enc == "gbk"
            else '<meta charset="utf-8">')
    nav = "".join(f'<a href="{group_url(conf, g)}">{n}</a>' for g, n in GROUPS)
    crumb = " &gt; ".join(f'<a href="{u}">{t}</a>' if u else t for t, u in [("首页", conf["home"])] + crumbs)
    return f"""<!DOCTYPE html>
<html><head>{meta}
<title>{_esc(title)}_{conf['name']}</title>
<meta name="SiteName" content="{conf['name']}"><meta name="SiteIDCode" content="{conf['idcode']}">
</head><body>
<div class="head"><a href="{conf['home']}">{conf['name']}</a></div>
<div class="nav"><a href="{conf['home']}">首页</a>{nav}<a href="{conf['zwgk']}">政务公开</a></div>
<div class="crumb">当前位置：{crumb}</div>
{body}
<div class="footer"><p>主办：{conf['name']}办公室 &nbsp; 政府网站标识码：{conf['idcode']}</p></div>
</body></html>"""


def _visible(items, now):
    return [it for it in reversed(items) if it[1] <= now]   # newest first


def render(conf, enc, what, now):
    """(body str, modified date) of one bulk page, or None when it does not exist at `now`."""
    seed = conf["seed"]
    if what[0] == "group":
        g = what[1]
        cols = [c for c in COLUMNS if c[2] == g]
        blocks, newest = [], FIRST
        for key, name, *_ in cols:
            items = _visible(column(seed, key), now)[:8]
            newest = max([newest] + [it[1] for it in items])
            lis = "".join(f'<li><a href="{article_url(conf, key, s, d)}" title="{_esc(t)}">{_esc(t)}</a><span>{d}</span></li>'
                          for s, d, t, _ in items)
            blocks.append(f'<div class="box"><h3><a href="{list_url(conf, key)}">{name}</a>'
                          f'<a class="more" href="{list_url(conf, key)}">更多&gt;&gt;</a></h3><ul>{lis}</ul></div>')
        gname = dict(GROUPS)[g]
        return chrome(conf, enc, gname, [(gname, "")], "\n".join(blocks)), newest
    key = what[1]
    _, name, g, gname, kind, _ = COLUMNS[_NUM[key]]
    items = _visible(column(seed, key), now)
    crumbs = [(gname, group_url(conf, g)), (name, list_url(conf, key))]
    if what[0] == "list":
        page, pages = what[2], max((len(items) + PER_PAGE - 1) // PER_PAGE, 1)
        if not 1 <= page <= pages:
            return None
        chunk = items[(page - 1) * PER_PAGE: page * PER_PAGE]
        lis = "".join(f'<li><a href="{article_url(conf, key, s, d)}" target="_blank" title="{_esc(t)}">{_esc(t)}</a>'
                      f'<span class="date">{d}</span></li>\n' for s, d, t, _ in chunk)
        nav = [f'共{len(items)}条 第{page}/{pages}页', f'<a href="{list_url(conf, key, 1)}">首页</a>']
        if page > 1:
            nav.append(f'<a href="{list_url(conf, key, page - 1)}">上一页</a>')
        nav += [f'<a href="{list_url(conf, key, n)}">{n}</a>' for n in range(max(1, page - 3), min(pages, page + 3) + 1) if n != page]
        if page < pages:
            nav.append(f'<a href="{list_url(conf, key, page + 1)}">下一页</a>')
        nav.append(f'<a href="{list_url(conf, key, pages)}">尾页</a>')
        body = f'<div class="list"><h2>{name}</h2><ul>\n{lis}</ul><div class="pager">{" ".join(nav)}</div></div>'
        return chrome(conf, enc, name, crumbs[:1] + [(name, "")], body), (chunk[0][1] if chunk else FIRST)
    seq = what[2]
    allitems = column(seed, key)
    if not 1 <= seq <= len(allitems) or allitems[seq - 1][1] > now:
        return None
    _, date, title, k = allitems[seq - 1]
    rng = random.Random(f"{seed}/{key}/{seq}/body")
    text = article_body(rng, k, title, date, conf)
    near = [allitems[i] for i in (seq - 2, seq) if 0 <= i < len(allitems) and allitems[i][1] <= now]
    links = "".join(f'<li><a href="{article_url(conf, key, s, d)}">{_esc(t)}</a></li>' for s, d, t, _ in near)
    body = f"""<div class="article"><h1>{_esc(title)}</h1>
<div class="info">发布时间：{date} &nbsp; 来源：{text['source']} &nbsp; 浏览次数：<span id="hits"></span></div>
<div class="content">{text['html']}</div>
<div class="related"><h4>相关文章</h4><ul>{links}</ul></div></div>"""
    return chrome(conf, enc, title, crumbs + [("正文", "")], body), date


def near_misses(conf, now=None):
    """(path, title) of the items that look like the reports' neighbours (信息公开指南, 依申请公开目录…)."""
    return [(article_url(conf, key, s, d), t) for key, *_ in COLUMNS
            for s, d, t, k in column(conf["seed"], key) if k == "near_miss" and (now is None or d <= now)]


def count_pages(conf, now=LAST):
    """How many bulk pages a portal serves at `now`: group pages, list pages, articles."""
    n = len(GROUPS)
    for key, *_ in COLUMNS:
        items = _visible(column(conf["seed"], key), now)
        n += max((len(items) + PER_PAGE - 1) // PER_PAGE, 1) + len(items)
    return n


def home_links(conf) -> str:
    """The block the build puts on each portal's home page: the bulk columns, like any portal's nav."""
    cols = "".join(f'<li><a href="{list_url(conf, c[0])}">{c[1]}</a></li>' for c in COLUMNS)
    groups = "".join(f'<a href="{group_url(conf, g)}">{n}</a> ' for g, n in GROUPS)
    return f'<div class="mainnav">{groups}</div>\n<div class="columns"><ul>{cols}</ul></div>\n'


def handle(req):
    for conf in req.site.get("bulk", ()):
        if conf["host"] != req.host:
            continue
        what = parse(conf, req.path, req.query)
        if what is None:
            continue
        rel = req.path + ("index.html" if req.path.endswith("/") else "")
        if os.path.exists(os.path.join(req.site["dir"], req.host) + rel):
            return None   # a stored page of the same path wins
        enc = req.site.get("encoding", "utf-8")
        out = render(conf, enc, what, req.web.now)
        if out is None:
            return req.web.missing(req)
        html, modified = out
        url = req.alias_url() + (f"?{req.query}" if req.query else "")
        return Response(200, html.encode(enc, "xmlcharrefreplace"), req.web._ctype(req.site, req.path, url),
                        modified=modified.isoformat())
    return None
