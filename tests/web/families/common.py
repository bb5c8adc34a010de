"""Traps any site may declare in site.json "traps": {path: kind}: calendar, loop, slow."""
import datetime
import time

from . import Response


def handle(req):
    kind = req.site.get("traps", {}).get(req.path)
    if kind == "calendar":
        # every day links to the day before and after, and a month ahead: unbounded ?date= links
        try:
            day = datetime.date.fromisoformat(req.args.get("date", "2024-01-01"))
        except ValueError:
            day = datetime.date(2024, 1, 1)
        links = [day - datetime.timedelta(days=1), day + datetime.timedelta(days=1), day + datetime.timedelta(days=31)]
        lis = "".join(f'<li><a href="{req.path}?date={d.isoformat()}">{d.isoformat()} 领导活动安排</a></li>' for d in links)
        body = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>日程 {day}</title></head><body>'
                f'<h1>{day} 日程安排</h1><p>当日无公开活动。</p><ul>{lis}</ul></body></html>')
        return Response(200, body.encode("utf-8"), "text/html; charset=utf-8")
    if kind == "loop":
        other = "/loop/b.html" if req.path.endswith("a.html") else "/loop/a.html"
        return Response(302, b"", headers=[("Location", f"http://{req.host}{other}")])
    if kind == "slow":
        time.sleep(req.web.slow_seconds)
        body = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>视频</title></head><body><p>春季植树活动视频。</p></body></html>'
        return Response(200, body.encode("utf-8"), "text/html; charset=utf-8")
    return None
