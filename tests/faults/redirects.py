"""Portals for the redirect contract and the failure-row contract (behaviour being built: see README).

Redirect portal: its home answers 301 -> /index.html; its column moved (301); reports behind a 302,
behind a meta refresh, behind a script redirect, on its second host (www. added) and back from it
(www. dropped); a loop, a chain longer than 8 hops, and a redirect off the portal.
`hops[url]` is the chain the crawler must record for the report finally at `url`.
"""
from __future__ import annotations

from .pages import frame, home, listing
from .portal import Portal, static


def _redirect(status: int, location: str):
    return lambda ex, query: ex.redirect(status, location)


def build_redirects(p: Portal, urls: dict, web) -> None:
    alias = web.server.host(web.alias_ip)
    base = f"http://{p.host}"
    web.hops = hops = {}
    p.add("/", _redirect(301, "/index.html"))
    hops_home = [[301, f"{base}/"]]
    p.columns = [("/ndbg/", "政府信息公开年报")]
    p.add("/ndbg/", _redirect(301, "/xxgk/ndbg/index.html"))      # the column moved
    urls["home"], urls["column"] = f"{base}/index.html", f"{base}/xxgk/ndbg/index.html"
    web.hops_home = hops_home

    behind_302 = p.report(2022, listed=False)
    p.fault_link("/r/2022.html", _redirect(302, behind_302.path), 2022, behind_302.title)
    hops[behind_302.url] = [[302, f"{base}/r/2022.html"]]

    www_added = p.report(2021, listed=False, ip=web.alias_ip)
    p.fault_link("/r/2021.html", _redirect(301, www_added.url), 2021, www_added.title)
    hops[www_added.url] = [[301, f"{base}/r/2021.html"]]

    www_dropped = p.report(2020, listed=False)
    web.server.add(web.alias_ip, "/r/2020.html", _redirect(301, www_dropped.url))
    p.entries.append((f"http://{alias}/r/2020.html", www_dropped.title, www_dropped.published))
    hops[www_dropped.url] = [[301, f"http://{alias}/r/2020.html"]]

    refresh = p.report(2019, listed=False)
    page = frame("正在跳转", "", p.agency, p.site_code, meta=f'<meta http-equiv="refresh" content="0;url={refresh.path}">')
    p.fault_link("/r/2019.html", static(page), 2019, refresh.title)
    hops[refresh.url] = [[200, f"{base}/r/2019.html"]]       # a refresh hop is a 200 page

    scripted = p.report(2018, listed=False)
    js = f"<html><head><script>window.location.href='{scripted.path}';</script></head><body></body></html>"
    p.fault_link("/r/2018.html", static(js), 2018, scripted.title)
    hops[scripted.url] = [[200, f"{base}/r/2018.html"]]

    # failures: a loop, a chain of 12 hops (the limit is 8), a redirect off the portal
    p.add("/loop/a.html", _redirect(302, "/loop/b.html"))
    p.add("/loop/b.html", _redirect(302, "/loop/a.html"))
    urls["loop"] = p.fault_link("/loop/start.html", _redirect(302, "/loop/a.html"), 2017)
    for i in range(12):
        p.add(f"/hop/{i}.html", _redirect(302, f"/hop/{i + 1}.html"))
    p.add("/hop/12.html", static(frame("终点", "<p>第十二跳</p>", p.agency, p.site_code)))
    urls["limit"] = p.fault_link("/hop/0.html", _redirect(302, "/hop/1.html"), 2016)
    urls["offsite_target"] = f"http://{web.server.host('127.0.10.1')}/report2015.html"
    urls["offsite"] = p.fault_link("/r/2015.html", _redirect(302, urls["offsite_target"]), 2015)
    p.add("/xxgk/ndbg/index.html", static(listing("政府信息公开年报", p.entries, p.agency, p.site_code)))
    p.add("/index.html", static(home(p.agency, p.site_code, p.columns)))


def build_failrows(p: Portal, urls: dict, web) -> None:
    """Fetches that do not become reports, each of which must leave a crawl_errors row of its kind."""
    base = f"http://{p.host}"
    rep = p.report(2022, serve=False)
    attach = '<div class="attach">附件：<a href="/ndbg/P020230301.pdf">2022年度报告.pdf</a></div>'
    p.add(rep.path, static(rep.bytes.replace(b"</div></div>", attach.encode() + b"</div></div>", 1)))
    p.add("/ndbg/P020230301.pdf", static("<html><body>Internal Server Error</body></html>", status=500))
    urls["attachment_500"] = f"{base}/ndbg/P020230301.pdf"
    maint = frame("系统维护", "<p>系统维护中，请稍后访问。</p>", p.agency, p.site_code)
    urls["mistyped_pdf"] = p.fault_link("/ndbg/P020220301.pdf", static(maint, "application/pdf"), 2021,
                                        f"{p.agency}2021年政府信息公开工作年度报告（PDF）")
    urls["mistyped_ctype"] = p.fault_link("/ndbg/t20210301_9.html", static(maint, "application/pdf"), 2020)
    soon = frame(f"{p.agency}2023年政府信息公开工作年度报告",
                 f"<h1>{p.agency}2023年政府信息公开工作年度报告</h1><p>报告正在编制中，敬请关注。</p>",
                 p.agency, p.site_code)
    urls["not_report"] = p.fault_link("/ndbg/t20240110_8.html", static(soon), 2023)
