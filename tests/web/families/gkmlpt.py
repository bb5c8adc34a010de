"""Guangdong gkmlpt: GET /gkmlpt/api/all/<catId>?page=N&sid=<SID> -> {"articles": [...], "total": N}."""
import re



_API = re.compile(r"^/gkmlpt/api/all/(\d+)$")


def handle(req):
    m = _API.match(req.path)
    if not m:
        return None
    conf = req.site["gkmlpt"]
    a = req.args
    if a.get("sid") != conf["sid"]:
        return req.json({"error": "sid required", "articles": [], "total": 0}, status=403)
    arts = [x for x in req.data("gkmlpt.json").get(m.group(1), []) if req.web.visible(x["url"])]
    try:
        page = max(int(a.get("page", 1)), 1)
    except ValueError:
        page = 1
    per = conf["per_page"]
    return req.json({"articles": arts[(page - 1) * per: page * per], "total": len(arts), "page": page,
                     "page_size": per})
