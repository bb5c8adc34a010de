"""Jiangxi 集约化: one host (www.ganzhou.gov.cn) carries three governments' sites under /<site>/:
赣州市 (/gzszf/), 瑞金市 (/rjs/) and 信丰县 (/xfx/). Lists /<site>/c<colid>/list.shtml, list_2.shtml;
articles /<site>/c<colid>/YYYYMM/<32 hex>.shtml. A crawler must keep each portal to its own path."""
import hashlib

from .figures import make_figures
from .pages import Site, item, report_body, add_report
from .seeds import RUIJIN_2022

H = "http://www.ganzhou.gov.cn"
SUBSITES = {"gzszf": ("360700", "赣州市人民政府", "city", "c100098", "3607000002"),
            "rjs": ("360781", "瑞金市人民政府", "county", "c100171", "3607810001"),
            "xfx": ("360722", "信丰县人民政府", "county", "c100366", "3607220004")}


def page(sub, title, crumb, body):
    code, name, _, col, sitecode = SUBSITES[sub]
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}-{name}</title>
<meta name="SiteName" content="{name}"><meta name="SiteIDCode" content="{sitecode}"></head><body>
<div class="top"><a href="/{sub}/index.shtml">{name}</a> <a href="/{sub}/ghb/index.shtml">关怀版</a> <a href="javascript:;">无障碍</a></div>
<div class="position">您当前所在位置：<a href="/{sub}/index.shtml">首页</a> &gt; {crumb}</div>
{body}
<div class="footer">主办单位：{name}办公室 网站标识码：{sitecode} 赣ICP备05004188号<br><a href="http://192.168.100.2/oa/">协同办公</a></div></body></html>"""


def _r(sub, year, fmt, published, figures=None, style=None, expect_failed=(), tamper=None, provenance=None, agency=None):
    code, name, level, _, _ = SUBSITES[sub]
    f = figures or make_figures(fmt, int(hashlib.md5(f"{sub}{year}{agency}".encode()).hexdigest()[:6], 16), scale=45)
    for k, d in (tamper or {}).items():
        f[k] += d
    agency = agency or name
    return {"agency": agency, "level": level if agency == name else "department", "code": code, "year": year,
            "format": fmt, "published": published, "figures": f, "style": style or {},
            "title": f"{agency}{year}年政府信息公开工作年度报告", "expect_failed": list(expect_failed),
            "provenance": provenance}


def reports():
    return {"gzszf": [_r("gzszf", 2023, "2021", "2024-03-29"), _r("gzszf", 2022, "2021", "2023-03-30", style={"drift": True})],
            "rjs": [_r("rjs", 2023, "2021", "2024-03-22", tamper={"review.total": 1}, expect_failed=["group_total.review"]),
                    _r("rjs", 2022, "2021", "2023-03-27", RUIJIN_2022, {"drift": True, "br_labels": True, "nbsp": True},
                       provenance="figures of seed 002_4a271a9a9156ab49"),
                    _r("rjs", 2023, "2021", "2024-01-26", agency="瑞金市教育科技体育局")],
            "xfx": [dict(_r("xfx", 2023, "2021", "2024-03-25", style={"fullwidth": True}), no_date=True,
                         listing_date="2024-03-25")]}


def build() -> Site:
    s = Site("ganzhou", ["www.ganzhou.gov.cn"], "static", "360700", "赣州市人民政府", "city", missing="soft404",
             portals=[{"code": code, "name": name, "url": f"{H}/{sub}/index.shtml", "level": level}
                      for sub, (code, name, level, _, _) in SUBSITES.items()])
    s.put(f"{H}/", "<html><head><meta http-equiv=\"refresh\" content=\"0;url=/gzszf/index.shtml\"></head></html>")
    for sub, rs in reports().items():
        code, name, level, col, _ = SUBSITES[sub]
        others = "".join(f'<li><a href="/{o}/index.shtml">{SUBSITES[o][1]}</a></li>' for o in SUBSITES if o != sub)
        s.put(f"{H}/{sub}/index.shtml", page(sub, "首页", "", f"""<ul><li><a href="/{sub}/c100022/list.shtml">监督保障</a></li>
<li><a href="/{sub}/{col}/list.shtml">政府信息公开工作年报</a></li></ul><div class="links">县市区：<ul>{others}</ul></div>"""))
        s.put(f"{H}/{sub}/c100022/list.shtml", page(sub, "监督保障", "监督保障",
                                                   f'<ul><li><a href="/{sub}/{col}/list.shtml">政府信息公开工作年报</a></li></ul>'))
        ents = []
        for r in rs:
            hx = hashlib.md5(f"{sub}/{r['agency']}/{r['year']}".encode()).hexdigest()
            url = f"{H}/{sub}/{col}/{r['published'][:7].replace('-', '')}/{hx}.shtml"
            date = "" if r.get("no_date") else f"发布时间：{r['published']} "  # then only the list tells the date
            body = f"""<div class="article"><h1>{r['title']}</h1><div class="info">{date}来源：{r['agency']} 访问量：<span id="visits"></span></div>
<div class="con">{report_body(r)}</div></div>"""
            add_report(s, url, page(sub, r["title"], f'<a href="/{sub}/c100022/list.shtml">监督保障</a> &gt; 政府信息公开工作年报', body), r)
            ents.append((url, r["title"], r["published"]))
        for title, date, kind in [("关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", "2024-01-06", "notice"),
                                  (f"{name[:-4]}2023年政务公开工作要点", "2023-05-06", "plan")]:
            hx = hashlib.md5(f"{sub}/{title}".encode()).hexdigest()
            url = f"{H}/{sub}/{col}/{date[:7].replace('-', '')}/{hx}.shtml"
            s.put(url, page(sub, title, "政府信息公开工作年报", f"<h1>{title}</h1><p>发布时间：{date}</p><p>各单位要高度重视。</p>"),
                  date=date, appears=date)
            s.distractor(url, kind, title)
            ents.append((url, title, date))
        ents.sort(key=lambda e: e[2], reverse=True)
        chunks = [ents[i:i + 3] for i in range(0, len(ents), 3)]
        for n, chunk in enumerate(chunks, 1):
            lis = "".join(item(u, f'<li><a href="{u[len(H):]}" target="_blank">{t}</a><span>{d}</span></li>') for u, t, d in chunk)
            nxt = f'<a href="list_{n + 1}.shtml">下一页</a>' if n < len(chunks) else ""
            prv = (f'<a href="list.shtml">首页</a> <a href="{"list.shtml" if n == 2 else f"list_{n - 1}.shtml"}">上一页</a>'
                   if n > 1 else "")
            name_ = "list.shtml" if n == 1 else f"list_{n}.shtml"
            s.put(f"{H}/{sub}/{col}/{name_}", page(sub, "政府信息公开工作年报", "政府信息公开工作年报",
                                                  f'<ul class="list">{lis}</ul><div class="page">{prv} {nxt}</div>'))
    return s
