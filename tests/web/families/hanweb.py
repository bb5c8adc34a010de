"""Hanweb JCMS: POST /module/web/jpage/dataproxy.jsp returns the column's records startrecord..endrecord;
POST /module/xxgk/search.jsp returns one page of a 信息公开目录 category."""

from . import Response


XXGK_PER_PAGE = 2


def xxgk_search(req):
    """信息公开目录 search: an HTML fragment of one page of a category, its pager only in onclick JS."""
    if req.method != "POST":
        return Response(405, b"<html><body>Method Not Allowed</body></html>", "text/html")
    a = req.args
    cat = a.get("infotypeId", "")
    rows = [r for r in req.data("xxgk.json").get(cat, []) if req.web.visible(r["url"])]
    try:
        page = max(int(a.get("currpage", 1)), 1)
    except ValueError:
        page = 1
    pages = max((len(rows) + XXGK_PER_PAGE - 1) // XXGK_PER_PAGE, 1)
    trs = "".join(f'<tr><td><a href="{r["url"]}" target="_blank" title="{r["title"]}">{r["title"]}</a></td>'
                  f'<td>{r["date"]}</td></tr>' for r in rows[(page - 1) * XXGK_PER_PAGE: page * XXGK_PER_PAGE])
    nxt = f'<a href="javascript:void(0)" onclick="xxgkSearch(\'{cat}\', {page + 1})">下一页</a>' if page < pages else ""
    html = (f'<table class="xxgk_table"><tr><th>名称</th><th>发布日期</th></tr>{trs}</table>'
            f'<div class="page">共{len(rows)}条 第{page}/{pages}页 {nxt}</div>')
    return Response(200, html.encode("utf-8"), "text/html;charset=UTF-8")


def handle(req):
    if req.path == "/module/xxgk/search.jsp":
        return xxgk_search(req)
    if req.path != "/module/web/jpage/dataproxy.jsp":
        return None
    if req.method != "POST":
        return Response(405, b"<html><body>Method Not Allowed</body></html>", "text/html")
    a = req.args
    cols = req.data("columns.json")
    recs = [r for r in cols.get(a.get("columnid", ""), []) if req.web.visible(r["url"])]
    if not recs or not a.get("unitid") or not a.get("webid"):
        xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><datastore><totalrecord>0</totalrecord><recordset></recordset></datastore>"
        return Response(200, xml.encode(), "text/xml;charset=UTF-8")
    try:
        start, end = int(a.get("startrecord", 1)), int(a.get("endrecord", 0) or len(recs))
        per = int(a.get("perpage", 15) or 15)
    except ValueError:
        return Response(400, b"bad request", "text/plain")
    chunk = recs[max(start, 1) - 1:end]
    body = "".join(f"<record><![CDATA[{r['html']}]]></record>\n" for r in chunk)
    xml = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><datastore><totalrecord>{len(recs)}</totalrecord>"
           f"<totalpage>{(len(recs) + per - 1) // per}</totalpage><recordset>\n{body}</recordset></datastore>")
    return Response(200, xml.encode("utf-8"), "text/xml;charset=UTF-8")
