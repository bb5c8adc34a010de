"""宿迁市宿豫区 (321311), Epoint WebBuilder SPA: showinfo.html?infoGuid=<uuid> is an empty shell whose
body comes from POST /EpointWebBuilder/rest/frontAppNotNeedLoginAction/getInfoDetail {"params":{"infoGuid":…}}.
The report sources (what the API returns) are kept in data/epoint/<guid>.html with their truth beside."""
import uuid

from .figures import make_figures
from .pages import Site, item, report_body, add_report

H = "http://www.suyu.gov.cn"
CODE = "321311"
GOV = "宿迁市宿豫区人民政府"
SHELL = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>信息详情</title>
<meta name="SiteIDCode" content="3213110003"></head><body>
<div class="header"><a href="/">宿豫区人民政府</a></div>
<div id="detail"><h1 id="title"></h1><div id="infodate"></div><div id="content">加载中...</div></div>
<script>
var guid = new URLSearchParams(location.search).get('infoGuid');
fetch('/EpointWebBuilder/rest/frontAppNotNeedLoginAction/getInfoDetail', {method: 'POST',
  headers: {'Content-Type': 'application/json'}, body: JSON.stringify({params: {infoGuid: guid}})})
 .then(function(r){return r.json()}).then(function(d){var c=d.custom;
  document.getElementById('title').innerText=c.title; document.getElementById('infodate').innerText='发布日期：'+c.infodate;
  document.getElementById('content').innerHTML=c.content;});
</script>
<div class="footer">网站标识码：3213110003 苏ICP备05000999号</div></body></html>"""


def _guid(name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "suyu/" + name))


def _r(agency, level, year, fmt, published, style=None):
    return {"agency": agency, "level": level, "code": CODE, "year": year, "format": fmt, "published": published,
            "figures": make_figures(fmt, year * 31 + len(agency), scale=35), "style": style or {},
            "title": f"{agency}{year}年度政府信息公开工作年度报告"}


REPORTS = [_r(GOV, "county", 2023, "2021", "2024-03-27", {"br_labels": True}),
           _r("宿迁市宿豫区顺河街道办事处", "township", 2023, "2021", "2024-01-22"),
           _r(GOV, "county", 2022, "2021", "2023-03-29", {"units": True}),
           _r(GOV, "county", 2019, "2019", "2020-03-30", {"blank_zero": True})]


def build() -> Site:
    s = Site("suyu", ["www.suyu.gov.cn"], "epoint", CODE, GOV, "county", missing="404")
    s.put(f"{H}/", """<!DOCTYPE html><html><head><meta charset="utf-8"><title>宿豫区人民政府</title></head><body>
<a href="/xxgk/ndbg/moreinfo.html">政府信息公开年度报告</a></body></html>""")
    s.put(f"{H}/xxgk/showinfo.html", SHELL)
    details, ents = {}, []
    for r in REPORTS:
        guid = _guid(r["title"])
        url = f"{H}/xxgk/showinfo.html?infoGuid={guid}&categoryNum=001002003"
        content = report_body(r)
        details[guid] = {"url": url, "title": r["title"], "infodate": r["published"], "content": content}
        doc = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{r["title"]}</title></head><body>'
               f'<h1>{r["title"]}</h1><div>发布日期：{r["published"]}</div><div id="content">{content}</div></body></html>')
        add_report(s, url, doc, r, {"api": "POST /EpointWebBuilder/rest/frontAppNotNeedLoginAction/getInfoDetail"},
                   rel=f"data/epoint/{guid}.html")
        ents.append((url, r["title"], r["published"]))
    for title, date, kind in [("关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", "2024-01-09", "notice"),
                              ("宿豫区2022年度政府信息公开工作年度报告（图解）", "2023-03-30", "graphic")]:
        guid = _guid(title)
        url = f"{H}/xxgk/showinfo.html?infoGuid={guid}&categoryNum=001002003"
        details[guid] = {"url": url, "title": title, "infodate": date, "content": "<p>详见图片。</p><p><img src=\"/images/tj.png\"></p>"}
        s.appears[url] = date
        s.distractor(url, kind, title)
        ents.append((url, title, date))
    ents.sort(key=lambda e: e[2], reverse=True)
    lis = "".join(item(u, f'<li><a href="{u[len(H):]}" target="_blank">{t}</a><span>{d}</span></li>') for u, t, d in ents)
    s.put(f"{H}/xxgk/ndbg/moreinfo.html", f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告</title></head><body>
<ul class="ewb-list">{lis}</ul><div class="footer">网站标识码：3213110003</div></body></html>""")
    s.data = {"epoint.json": details}
    return s
