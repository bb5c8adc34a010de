"""Hanweb JCMS: POST /module/web/jpage/dataproxy.jsp returns the column's records startrecord..endrecord."""

from . import Response


def handle(req):
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
