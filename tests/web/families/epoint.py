"""Epoint WebBuilder: the showinfo.html shell for any infoGuid, its body from a POST REST call."""
import json




def handle(req):
    if req.path == "/EpointWebBuilder/rest/frontAppNotNeedLoginAction/getInfoDetail":
        if req.method != "POST":
            return req.json({"status": {"code": 405, "text": "POST only"}}, status=405)
        try:
            guid = json.loads(req.body or b"{}").get("params", {}).get("infoGuid")
        except (ValueError, AttributeError):
            guid = req.args.get("infoGuid")
        d = req.data("epoint.json").get(guid or "")
        if not d or not req.web.visible(d["url"]):
            return req.json({"custom": None, "status": {"code": 404, "text": "信息不存在"}})
        return req.json({"custom": {"title": d["title"], "infodate": d["infodate"], "content": d["content"]},
                         "status": {"code": 200, "text": ""}})
    if req.path == "/xxgk/showinfo.html":
        guid = req.args.get("infoGuid", "")
        d = req.data("epoint.json").get(guid)
        if d is None or not req.web.visible(d["url"]):
            return req.web.missing(req)
        resp = req.web.static(req, query="")
        resp.modified = d["infodate"]
        return resp
    return None
