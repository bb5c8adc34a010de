"""A column whose list is JSON fetched by the page: /xxgk/ndbg/list.json?page=N (3 per page)."""


PER = 3


def handle(req):
    if req.path != "/xxgk/ndbg/list.json":
        return None
    rows = [r for r in req.data("list.json") if req.web.visible(r["link"])]
    try:
        p = max(int(req.args.get("page", 1)), 1)
    except ValueError:
        p = 1
    return req.json({"data": rows[(p - 1) * PER: p * PER], "total": len(rows), "pages": (len(rows) + PER - 1) // PER,
                     "page": p})
