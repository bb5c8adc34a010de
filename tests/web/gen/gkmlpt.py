"""佛山市南海区 (440605), Guangdong gkmlpt: the report column is a JS shell; its list exists only as JSON
from /gkmlpt/api/all/<catId>?page=N&sid=<SID>. One report is published as a PDF attachment only."""
import datetime
import re

from .figures import make_figures
from .pages import Site, report_body, add_report
from .pdf import text_pdf

H = "http://www.nanhai.gov.cn"
CODE = "440605"
GOV = "佛山市南海区人民政府"
SID = "757005"
CAT = "2629"
PER_PAGE = 3


def page(title, body):
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta name="SiteIDCode" content="4406050003"></head><body>
<div class="header"><a href="/">南海区人民政府</a> <a href="/gkmlpt/index">政府信息公开</a></div>
{body}
<div class="footer">网站标识码：4406050003 粤ICP备05012345号 <a href="http://172.16.3.4/portal/">内网门户</a></div></body></html>"""


def _r(agency, level, year, fmt, published, post, style=None, pdf_only=False):
    return {"agency": agency, "level": level, "code": CODE, "year": year, "format": fmt, "published": published,
            "post": post, "figures": make_figures(fmt, post, scale=50), "style": style or {}, "pdf_only": pdf_only,
            "title": f"{agency}{year}年政府信息公开工作年度报告"}


REPORTS = [_r(GOV, "county", 2023, "2021", "2024-03-28", 963149),
           _r("佛山市南海区桂城街道办事处", "township", 2023, "2021", "2024-01-30", 963001, {"blank_zero": True}),
           _r("佛山市南海区教育局", "department", 2023, "2021", "2024-01-25", 962950, pdf_only=True),
           _r(GOV, "county", 2022, "2021", "2023-03-30", 871234, {"units": True, "nbsp": True}),
           _r(GOV, "county", 2020, "2019", "2021-03-25", 655321)]
DISTRACTORS = [(963010, "2024-01-03", "关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", "notice"),
               (871300, "2023-04-10", "南海区2023年政务公开工作要点", "plan"),
               (871240, "2023-03-31", "解读：南海区2022年政府信息公开工作年度报告", "interpretation")]


def _ts(date):
    return int(datetime.datetime.fromisoformat(date + "T09:30:00+08:00").timestamp())


def build() -> Site:
    s = Site("nanhai", ["www.nanhai.gov.cn"], "gkmlpt", CODE, GOV, "county", missing="404",
             gkmlpt={"sid": SID, "per_page": PER_PAGE})
    s.put(f"{H}/", page("南海区人民政府", '<ul><li><a href="/gkmlpt/index">政府信息公开</a></li>'
                                       '<li><a href="/gkmlpt/annualreport#2629">政府信息公开年报</a></li></ul>'))
    shell = """<div id="app"></div><script>window._CONFIG = {SID: '%s', SITE_NAME: '南海区', DEFAULT_CAT: '%s'};</script>
<script src="/gkmlpt/static/js/app.js"></script><noscript>请开启JavaScript</noscript>""" % (SID, CAT)
    s.put(f"{H}/gkmlpt/index", page("政府信息公开", shell + '<a href="/gkmlpt/annualreport#2629">年度报告</a>'), ctype="text/html; charset=utf-8")
    s.put(f"{H}/gkmlpt/annualreport", page("政府信息公开年报", shell), ctype="text/html; charset=utf-8")
    s.put(f"{H}/gkmlpt/static/js/app.js", "var c=window._CONFIG;var cat=(location.hash||'#'+c.DEFAULT_CAT).slice(1);"
          "fetch('/gkmlpt/api/all/'+cat+'?page=1&sid='+c.SID).then(function(r){return r.json()}).then(function(d){"
          "document.getElementById('app').innerHTML=d.articles.map(function(a){return '<li><a href=\"'+a.url+'\">'+a.title+'</a></li>'}).join('')});")
    arts = []
    for r in REPORTS:
        url = f"{H}/gkmlpt/content/0/{r['post'] // 1000}/post_{r['post']}.html"
        attach, extra = "", None
        if r["pdf_only"]:
            pdf = f"{H}/attachment/0/{r['post'] // 1000}/{r['post']}/{r['post']}.pdf"
            text = re.sub(r"<[^>]+>", " ", report_body(r).replace("</tr>", "\n").replace("</p>", "\n"))
            lines = [r["title"]] + [" ".join(ln.replace("&nbsp;", " ").split()) for ln in text.split("\n")]
            r["listing_date"] = r["published"]  # a lone PDF carries no date: the listing gives it
            add_report(s, pdf, text_pdf([ln for ln in lines if ln]), r, {"listing_page": url})
            s.modified[url] = r["published"]
            s.appears[url] = r["published"]
            body = f'<p>{r["title"]}详见附件。</p><p>附件：<a href="{pdf}">{r["title"]}.pdf</a></p>'
            s.files[s.path_of(url)] = page(r["title"], f'<div class="article"><h1>{r["title"]}</h1>'
                                                      f'<div class="meta">发布日期：{r["published"]}</div>{body}</div>').encode()
        else:
            add_report(s, url, page(r["title"], f'<div class="article"><h1>{r["title"]}</h1><div class="meta">'
                                                f'发布日期：{r["published"]}</div><div class="article-content">{report_body(r)}</div>'
                                                f'{attach}</div>'), r, extra)
        arts.append({"id": r["post"], "title": r["title"], "url": url, "first_publish_time": _ts(r["published"]),
                     "publisher": r["agency"], "date": _ts(r["published"])})
    for post, date, title, kind in DISTRACTORS:
        url = f"{H}/gkmlpt/content/0/{post // 1000}/post_{post}.html"
        s.put(url, page(title, f'<h1>{title}</h1><div class="meta">发布日期：{date}</div><p>请各单位按要求落实。</p>'),
              date=date, appears=date)
        s.distractor(url, kind, title)
        arts.append({"id": post, "title": title, "url": url, "first_publish_time": _ts(date), "publisher": GOV,
                     "date": _ts(date)})
    arts.sort(key=lambda a: a["first_publish_time"], reverse=True)
    s.data = {"gkmlpt.json": {CAT: arts}}
    return s
