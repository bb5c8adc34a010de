"""Answers of the family APIs a generated portal's scripts call (portals.md):

Hanweb dataproxy.jsp (POST, XML records), Hanweb 信息公开目录 search.jsp (POST, an HTML fragment whose
pager is onclick only), gkmlpt /gkmlpt/api/all/<cat>?page=N&sid=SID (GET, JSON), Epoint getInfoDetail
(POST, JSON). Each returns (status, content type, bytes, headers).
"""
import datetime
import html as htmlmod
import json
from urllib.parse import parse_qs

from . import content, render
from .families import family_of
from .look import fmt_date

HANWEB_PROXY = "/module/web/jpage/dataproxy.jsp"
XXGK_SEARCH = "/module/xxgk/search.jsp"
XXGK_PER_PAGE = 4
GKMLPT_PER_PAGE = 5
_405 = (405, "text/html", b"<html><body>Method Not Allowed</body></html>", [])


def _form(query: str, body: bytes) -> dict:
    a = {k: v[0] for k, v in parse_qs(query).items()}
    a.update({k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()})
    return a


def _column(portals, key, value):
    for p in portals:
        for c in p.columns:
            if key(p, c) == value:
                return p, c
    return None, None


def hanweb_record(p, f, col, it) -> str:
    return (f'<li><a href="{f.article(col, it)}" target="_blank" title="{htmlmod.escape(it.title)}">{it.title}</a>'
            f'<span class="bt-data-time">{fmt_date(it.published, p.t["look"]["listdate"])}</span></li>')


def hanweb_proxy(portals, method, query, body):
    """dataproxy.jsp: records startrecord..endrecord of the posted columnid, as XML."""
    if method != "POST":
        return _405
    a = _form(query, body)
    p, col = _column(portals, lambda p, c: str(c.cid), a.get("columnid"))
    recs = [] if col is None or not a.get("unitid") else col.items
    try:
        start, end = int(a.get("startrecord", 1)), int(a.get("endrecord", 0) or len(recs))
    except ValueError:
        return 400, "text/plain", b"bad request", []
    f = family_of(p) if p else None
    rows = "".join(f"<record><![CDATA[{hanweb_record(p, f, col, it)}]]></record>\n" for it in recs[max(start, 1) - 1:end])
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>{len(recs)}</totalrecord>'
           f"<recordset>\n{rows}</recordset></datastore>")
    return 200, "text/xml;charset=UTF-8", xml.encode("utf-8"), []


def xxgk_category(col) -> str:
    return f"NB{col.cid:06d}"


def xxgk_search(portals, method, query, body):
    """信息公开目录 search: one page of a category as an HTML fragment, its pager in onclick only."""
    if method != "POST":
        return _405
    a = _form(query, body)
    cat = a.get("infotypeId", "")
    p, col = _column(portals, lambda p, c: xxgk_category(c), cat)
    rows = [] if col is None else col.items
    try:
        page = max(int(a.get("currpage", 1)), 1)
    except ValueError:
        page = 1
    pages = max(-(-len(rows) // XXGK_PER_PAGE), 1)
    f = family_of(p) if p else None
    trs = "".join(f'<tr><td><a href="{f.article(col, it)}" target="_blank" title="{htmlmod.escape(it.title)}">{it.title}'
                  f'</a></td><td>{it.published}</td></tr>' for it in rows[(page - 1) * XXGK_PER_PAGE: page * XXGK_PER_PAGE])
    nxt = f'<a href="javascript:void(0)" onclick="xxgkSearch(\'{cat}\', {page + 1})">下一页</a>' if page < pages else ""
    frag = (f'<table class="xxgk_table"><tr><th>名称</th><th>发布日期</th></tr>{trs}</table>'
            f'<div class="page">共{len(rows)}条 第{page}/{pages}页 {nxt}</div>')
    return 200, "text/html;charset=UTF-8", frag.encode("utf-8"), []


def xxgk_page(p, f, col) -> str:
    """A unit's 信息公开目录: its categories are links that call the search by script."""
    cat = xxgk_category(col)
    return (f'<div class="tree"><ul><li><a href="javascript:void(0)" onclick="xxgkSearch(\'NB000001\', 1)">机构职能</a></li>'
            f'<li><a href="javascript:void(0)" onclick="xxgkSearch(\'{cat}\', 1)">{col.title}</a></li></ul></div>'
            f'<div id="xxgk_list"></div>\n<script>function xxgkSearch(t, p){{ $.post(\'{XXGK_SEARCH}\', {{infotypeId: t, '
            f"jdid: '1', area: '', divid: 'xxgk_list', vc_title: '', currpage: p, sortfield: 'compaltedate:0'}}, "
            f"function(h){{ $('#xxgk_list').html(h); }}); }}\nxxgkSearch('NB000001', 1);</script>")


def _ts(date: str) -> int:
    return int(datetime.datetime.fromisoformat(date + "T09:30:00+08:00").timestamp())


def gkmlpt_api(portals, cat: str, query: str):
    """/gkmlpt/api/all/<cat>?page=N&sid=SID: a page of the unit's category as JSON; a wrong SID is refused."""
    a = _form(query, b"")
    p, col = _column(portals, lambda p, c: str(c.cid) if p.family == "gkmlpt" else None, cat)
    if col is None or a.get("sid") != family_of(p).sid(col):
        return 403, "application/json", json.dumps({"error": "sid required", "articles": [], "total": 0}).encode(), []
    f = family_of(p)
    try:
        page = max(int(a.get("page", 1)), 1)
    except ValueError:
        page = 1
    arts = [{"id": it.iid, "title": it.title, "url": f.article(col, it), "first_publish_time": _ts(it.published),
             "publisher": it.agency or p.name, "date": _ts(it.published)}
            for it in col.items[(page - 1) * GKMLPT_PER_PAGE: page * GKMLPT_PER_PAGE]]
    data = {"articles": arts, "total": len(col.items), "page": page, "page_size": GKMLPT_PER_PAGE}
    return 200, "application/json;charset=UTF-8", json.dumps(data, ensure_ascii=False).encode("utf-8"), []


def gkmlpt_shell(p, f, col) -> str:
    return (f"<div id=\"app\"></div><script>window._CONFIG = {{SID: '{f.sid(col)}', SITE_NAME: '{col.unit_name or p.place}', "
            f"DEFAULT_CAT: '{col.cid}'}};</script>\n<script src=\"/gkmlpt/static/js/app.js\"></script>"
            "<noscript>请开启JavaScript</noscript>")


GKMLPT_APP = ("var c=window._CONFIG;var cat=(location.hash||'#'+c.DEFAULT_CAT).slice(1);"
              "fetch('/gkmlpt/api/all/'+cat+'?page=1&sid='+c.SID).then(function(r){return r.json()}).then(function(d){"
              "document.getElementById('app').innerHTML=d.articles.map(function(a){return '<li><a href=\"'+a.url+'\">'"
              "+a.title+'</a></li>'}).join('')});").encode()


def epoint_detail(portals, host: str, method: str, body: bytes):
    """getInfoDetail: {"params": {"infoGuid": …}} -> {"custom": {title, infodate, content}}."""
    if method != "POST":
        return 405, "application/json", b'{"status": {"code": 405, "text": "POST only"}}', []
    try:
        guid = json.loads(body or b"{}").get("params", {}).get("infoGuid")
    except (ValueError, AttributeError):
        guid = None
    for p in portals:
        f = family_of(p)
        for col in p.columns:
            for it in col.items:
                if f.guid(it) == guid:
                    return 200, "application/json;charset=UTF-8", json.dumps(
                        {"custom": {"title": it.title, "infodate": it.published, "content": epoint_content(p, f, col, it)},
                         "status": {"code": 200, "text": ""}}, ensure_ascii=False).encode("utf-8"), []
    return 200, "application/json", json.dumps({"custom": None, "status": {"code": 404, "text": "信息不存在"}},
                                               ensure_ascii=False).encode("utf-8"), []


def epoint_content(p, f, col, it) -> str:
    if it.kind != "report":
        return render.distractor_text(p, f, col, it)
    attach = "".join(f'<p>附件：<a href="{f.attachment(col, it, ext)}">{it.title}.{ext}</a></p>' for ext in render._exts(it.copy))
    if it.copy.endswith("_only"):
        return f"<p>{it.title}全文详见附件。</p>{attach}"
    return content.body_html(it) + attach


def epoint_shell(p) -> str:
    return f"""<!DOCTYPE html><html><head>{render._meta(p)}<title>信息详情</title>
<meta name="SiteIDCode" content="{p.t['sitecode']}"></head><body>
<div class="ewb-header"><a href="/">{p.name}</a></div>
<div id="detail"><h1 id="title"></h1><div id="infodate"></div><div id="content">加载中...</div></div>
<script>
var guid = new URLSearchParams(location.search).get('infoGuid');
fetch('{family_of(p).REST}', {{method: 'POST',
  headers: {{'Content-Type': 'application/json'}}, body: JSON.stringify({{params: {{infoGuid: guid}}}})}})
 .then(function(r){{return r.json()}}).then(function(d){{var c=d.custom;
  document.getElementById('title').innerText=c.title; document.getElementById('infodate').innerText='发布日期：'+c.infodate;
  document.getElementById('content').innerHTML=c.content;}});
</script>
<div class="ewb-footer">网站标识码：{p.t['sitecode']}</div></body></html>"""
