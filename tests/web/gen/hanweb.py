"""南阳市 (411300), Hanweb JCMS: records inside <script type="text/xml">, more via POST dataproxy.jsp.

The inline datastore holds the first INLINE records; the rest come only from
POST /module/web/jpage/dataproxy.jsp?startrecord=&endrecord=&perpage= with columnid/unitid/webid form fields.
"""
import json

from .figures import make_figures
from .pages import Site, item, report_body, add_report
from .seeds import NANYANG_2019

H = "http://www.nanyang.gov.cn"
CODE = "411300"
GOV = "南阳市人民政府"
INLINE = 4
COLUMNS = {"4152": ("政府信息公开年报", 15562), "4153": ("部门信息公开年报", 15563)}


def page(title, body):
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title}</title><meta name="SiteName" content="南阳市人民政府"><meta name="SiteIDCode" content="4113000001">
<script type="text/javascript" src="/module/jslib/jquery/jquery.js"></script></head><body>
<div class="top"><a href="/">首页</a> <a href="/col/col4150/index.html">政务公开</a> <a href="http://www.nanyang.gov.cn.bet-365.net/">南阳资讯</a></div>
{body}
<div class="foot">南阳市人民政府办公室主办 网站标识码：4113000001 豫ICP备05013588号 <a href="http://10.1.1.8/oa/">内部办公</a></div>
</body></html>"""


def _rec(url, title, date):
    return f'<li><a href="{url[len(H):]}" target="_blank" title="{title}">{title}</a><span class="bt-data-time">{date}</span></li>'


def _r(agency, level, year, fmt, published, art, figures=None, style=None, title=None, provenance=None):
    return {"agency": agency, "level": level, "code": CODE, "year": year, "format": fmt, "published": published,
            "art": art, "figures": figures or make_figures(fmt, year * 13 + art, scale=60), "style": style or {},
            "title": title or f"{agency}{year}年政府信息公开工作年度报告", "provenance": provenance}


def reports():
    return {"4152": [_r(GOV, "city", 2023, "2021", "2024-03-26", 711, style={"br_labels": True}),
                     _r(GOV, "city", 2022, "2021", "2023-03-31", 690),
                     _r(GOV, "city", 2021, "2021", "2022-03-30", 640, style={"drift": True}),
                     _r(GOV, "city", 2020, "2019", "2021-03-29", 560, style={"split_header": True}),
                     _r("南阳市人民政府办公室", "department", 2019, "2019", "2020-01-22", 501, NANYANG_2019,
                        {"blank_zero": True, "units": True, "br_labels": True, "nbsp": True},
                        provenance="figures of seed 000_cfe94a00ec36cc7a")],
            "4153": [_r("南阳市财政局", "department", 2023, "2021", "2024-01-29", 712),
                     _r("南阳市教育局", "department", 2023, "2021", "2024-01-31", 713, style={"fullwidth": True}),
                     _r("南阳市财政局", "department", 2022, "2021", "2023-01-18", 691)]}


def build() -> Site:
    s = Site("nanyang", ["www.nanyang.gov.cn"], "hanweb", CODE, GOV, "city", missing="soft404",
             hanweb={"webid": "1", "inline": INLINE})
    s.put(f"{H}/", page("南阳市人民政府", """<ul><li><a href="/col/col4150/index.html">政务公开</a></li>
<li><a href="/col/col4152/index.html">政府信息公开年报</a></li></ul>"""))
    s.put(f"{H}/col/col4150/index.html", page("政务公开", """<ul><li><a href="/col/col4152/index.html">政府信息公开年报</a></li>
<li><a href="/col/col4153/index.html">部门信息公开年报</a></li><li><a href="/col/col4200/index.html">信息公开目录</a></li><li><a href="/col/col4160/index.html">政策解读</a></li></ul>"""))
    data = {}
    for col, rs in reports().items():
        name, unitid = COLUMNS[col]
        recs = []
        if col == "4152":
            for art, date, title, kind in [(720, "2024-01-04", "关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", "notice"),
                                           (700, "2023-04-06", "南阳市2023年政务公开工作要点", "plan"),
                                           (695, "2023-04-03", "图解：南阳市人民政府2022年政府信息公开工作年度报告", "graphic")]:
                y, m, d = (int(x) for x in date.split("-"))
                url = f"{H}/art/{y}/{m}/{d}/art_{col}_{art}.html"
                s.put(url, page(title, f'<div class="main"><h1>{title}</h1><p>发布日期：{date}</p><div id="zoom"><p>详见附件。</p></div></div>'),
                      date=date, appears=date)
                s.distractor(url, kind, title)
                recs.append((url, title, date))
        for r in rs:
            y, m, d = (int(x) for x in r["published"].split("-"))
            url = f"{H}/art/{y}/{m}/{d}/art_{col}_{r['art']}.html"
            body = f"""<div class="main"><div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/col/col{col}/index.html">{name}</a></div>
<h1 class="title">{r['title']}</h1><div class="info">发布日期：{r['published']} 信息来源：{r['agency']} 浏览次数：<script src="/module/visit/visitcount.jsp?artid={r['art']}"></script></div>
<div id="zoom">{report_body(r)}</div></div>"""
            add_report(s, url, page(r["title"], body), r)
            recs.append((url, r["title"], r["published"]))
        recs.sort(key=lambda x: x[2], reverse=True)
        data[col] = [{"url": u, "html": _rec(u, t, d)} for u, t, d in recs]
        inline = "".join(item(u, f"<record><![CDATA[{_rec(u, t, d)}]]></record>\n") for u, t, d in recs[:INLINE])
        params = {"col": "1", "appid": "1", "webid": "1", "path": "/", "columnid": col, "sourceContentType": "1",
                  "unitid": str(unitid), "webname": GOV, "permissiontype": "0"}
        s.put(f"{H}/col/col{col}/index.html", page(name, f"""<div class="crumb">当前位置：<a href="/">首页</a> &gt; {name}</div>
<div id="{unitid}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/&columnid={col}&unitid={unitid}&webname=%E5%8D%97%E9%98%B3&permissiontype=0"></a>]]></nextgroup>
<recordset>
{inline}</recordset></datastore></script></div>
<script language="javascript" src="/module/jslib/jquery/jpage/dataproxy.js" charset="utf-8"></script>
<script>$(function(){{ $('#{unitid}').jpage({{dataStore: dataStore, perPage: {INLINE}, totalRecord: {len(recs)}, proxyUrl: '/module/web/jpage/dataproxy.jsp', groupSize: 1, barPosition: 'bottom', ajaxParam: {json.dumps(params, ensure_ascii=False)}, showMode: 'full'}}); }});</script>"""))
    s.data = {"columns.json": data, "xxgk.json": _xxgk(s)}
    return s


XXGK = [_r("南阳市发展和改革委员会", "department", 2023, "2021", "2024-01-30", 730, style={"split_header": True}),
        _r("南阳市民政局", "department", 2022, "2021", "2023-01-31", 692, style={"blank_zero": True})]


def _xxgk(s: Site) -> dict:
    """信息公开目录: the department reports here are listed only by POST /module/xxgk/search.jsp."""
    rows = []
    for r in XXGK:
        y, m, d = (int(x) for x in r["published"].split("-"))
        url = f"{H}/art/{y}/{m}/{d}/art_4201_{r['art']}.html"
        body = (f'<div class="main"><table class="xxgk_info"><tr><td>索引号：11411300MB1{r["art"]:05d}/{y}-00{r["art"] % 97}</td>'
                f'<td>发布机构：{r["agency"]}</td></tr><tr><td>生成日期：{r["published"]}</td><td>公开方式：主动公开</td></tr></table>'
                f'<h1>{r["title"]}</h1><div id="zoom">{report_body(r)}</div></div>')
        add_report(s, url, page(r["title"], body), r, {"listed_by": "POST /module/xxgk/search.jsp infotypeId=NY0107"})
        rows.append({"url": url, "title": r["title"], "date": r["published"]})
    url = f"{H}/art/2023/2/14/art_4201_693.html"
    s.put(url, page("南阳市民政局政府信息公开指南", "<h1>南阳市民政局政府信息公开指南</h1><p>生成日期：2023-02-14</p>"),
          date="2023-02-14", appears="2023-02-14")
    s.distractor(url, "guide", "南阳市民政局政府信息公开指南")
    rows.append({"url": url, "title": "南阳市民政局政府信息公开指南", "date": "2023-02-14"})
    rows.sort(key=lambda x: x["date"], reverse=True)
    s.put(f"{H}/col/col4200/index.html", page("信息公开目录", """<div class="tree"><ul>
<li><a href="javascript:void(0)" onclick="xxgkSearch('NY0101', 1)">机构职能</a></li>
<li><a href="javascript:void(0)" onclick="xxgkSearch('NY0107', 1)">政府信息公开年度报告</a></li></ul></div>
<div id="xxgk_list"></div>
<script>function xxgkSearch(t, p){ $.post('/module/xxgk/search.jsp', {infotypeId: t, jdid: '1', area: '', divid: 'xxgk_list',
 vc_title: '', currpage: p, sortfield: 'compaltedate:0'}, function(h){ $('#xxgk_list').html(h); }); }
xxgkSearch('NY0101', 1);</script>"""))
    return {"NY0107": rows, "NY0101": []}
