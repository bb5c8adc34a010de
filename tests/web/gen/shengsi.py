"""嵊泗县 (330922): plain CMS, GBK bytes, meta charset gb2312; articles' HTTP header has no charset,
list pages' header says ISO-8859-1 (a JSP default);
list.jsp?page=N with 下一页 links, articles /info/1005/NNNN.htm, soft 404 for every missing page.
One department's report was pasted from a UTF-8 editor: UTF-8 bytes with a BOM under the template's
gb2312 meta (the BOM wins, as in browsers)."""
import codecs

from .figures import make_figures
from .pages import Site, item, report_body, add_report
from .seeds import shengsi_legacy

H = "http://www.shengsi.gov.cn"
CODE = "330922"
GOV = "嵊泗县人民政府"
LIST_CTYPE = "text/html;charset=ISO-8859-1"


def page(title, body):
    return f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}-嵊泗县人民政府网</title></head>
<body><table width="1000" align="center"><tr><td><a href="/">首页</a> | <a href="/xxgk/index.htm">政府信息公开</a> | <a href="http://192.168.1.20:8080/oa/">OA系统</a></td></tr></table>
{body}
<div class="bottom">嵊泗县人民政府办公室主办 &nbsp; 网站标识码：3309220004 &nbsp; 浙ICP备05010361号<br>
<a href="http://www.ssbet888.com/">嵊泗信息港</a></div></body></html>"""


def _r(year, fmt, published, info, seed, style=None, title=None):
    return {"agency": GOV, "level": "county", "code": CODE, "year": year, "format": fmt, "published": published,
            "info": info, "title": title or f"{GOV}{year}年政府信息公开工作年度报告",
            "figures": make_figures(fmt, seed, scale=30), "style": style or {}}


def reports():
    rows, figs = shengsi_legacy()
    legacy = {"agency": "中共嵊泗县委嵊泗县人民政府办公室", "level": "department", "code": CODE, "year": 2017,
              "format": "legacy", "published": "2018-03-22", "info": 1203, "legacy_rows": rows, "figures": figs,
              "title": "中共嵊泗县委嵊泗县人民政府办公室2017年度政府信息公开工作年度报告",
              "legacy_text": "2017年，共主动公开政府信息8295条，其中通过政府网站公开政府信息6563条。",
              "provenance": "figures of seed 003_bc870c0a05b91354"}
    bom = dict(_r(2023, "2021", "2024-02-02", 1912, 3309, {"bom": True}), agency="嵊泗县财政局", level="department",
               title="嵊泗县财政局2023年政府信息公开工作年度报告")
    return [_r(2023, "2021", "2024-03-15", 1918, 3301, {"br_labels": True}), bom,
            _r(2022, "2021", "2023-03-30", 1877, 3302, {"drift": True}),
            _r(2021, "2021", "2022-03-25", 1802, 3303),
            _r(2020, "2019", "2021-03-19", 1699, 3304, {"flatten": True}),
            _r(2019, "2019", "2020-03-31", 1610, 3305, {"blank_zero": True, "units": True}),
            legacy]


def build() -> Site:
    s = Site("shengsi", ["www.shengsi.gov.cn"], "plain", CODE, GOV, "county", encoding="gbk",
             missing="soft404", header_charset=None)
    s.put(f"{H}/", page("首页", """<ul><li><a href="/xxgk/index.htm">政府信息公开</a></li>
<li><a href="/xxgk/ndbg/list.jsp">政府信息公开年度报告</a></li><li><a href="/info/1001/1500.htm">嵊泗新闻</a></li></ul>"""))
    s.put(f"{H}/info/1001/1500.htm", page("嵊泗新闻", "<p>嵊泗县召开政务公开工作会议。</p>"))
    s.put(f"{H}/xxgk/index.htm", page("政府信息公开", """<ul><li><a href="/xxgk/ndbg/list.jsp">政府信息公开年度报告</a></li>
<li><a href="/xxgk/zn/index.htm">政府信息公开指南</a></li></ul>"""))
    ents = []
    notices = [(1920, "2024-01-08", "关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", "notice"),
               (1880, "2023-04-11", "2023年嵊泗县政务公开工作要点", "plan"),
               (1870, "2023-01-12", "嵊泗县2022年政务公开工作总结", "summary")]
    for info, date, title, kind in notices:
        url = f"{H}/info/1005/{info}.htm"
        s.put(url, page(title, f"<h1>{title}</h1><p>发布日期：{date}</p><p>请各单位认真做好相关工作。</p>"),
              date=date, appears=date)
        s.distractor(url, kind, title)
        ents.append((url, title, date))
    for r in reports():
        url = f"{H}/info/1005/{r['info']}.htm"
        body = f"""<h1 align="center">{r['title']}</h1>
<div class="info">发布日期：{r['published']} &nbsp; 信息来源：县政府办公室 &nbsp; 点击数：<script>_showDynClicks("wbnews", 1, {r['info']})</script></div>
<div id="vsb_content"><div class="v_news_content">{report_body(r)}</div></div>"""
        html = page(r["title"], body)
        add_report(s, url, codecs.BOM_UTF8 + html.encode("utf-8") if r.get("style", {}).get("bom") else html, r,
                   {"note": "UTF-8 with BOM under a gb2312 meta"} if r.get("style", {}).get("bom") else None)
        ents.append((url, r["title"], r["published"]))
    ents.append((f"{H}/info/1005/1501.htm", "嵊泗县人民政府2018年政府信息公开工作年度报告", "2019-03-28"))
    s.distractor(ents[-1][0], "soft404", ents[-1][1])  # missing: the site answers 200 您访问的页面不存在
    ents.sort(key=lambda e: e[2], reverse=True)
    per = 4
    chunks = [ents[i:i + per] for i in range(0, len(ents), per)]
    for n, chunk in enumerate(chunks, 1):
        lis = "".join(item(u, f'<tr><td><a href="{u[len(H):]}" target="_blank">{t}</a></td><td>{d}</td></tr>')
                      for u, t, d in chunk)
        nav = f'共{len(ents)}条 &nbsp; 第{n}/{len(chunks)}页 '
        if n > 1:
            nav += f'<a href="list.jsp?page={n - 1}">上一页</a> '
        if n < len(chunks):
            nav += f'<a href="list.jsp?page={n + 1}">下一页</a> <a href="list.jsp?page={len(chunks)}">尾页</a>'
        html = page("政府信息公开年度报告", f'<table class="list">{lis}</table><div class="pages">{nav}</div>')
        # the JSP container adds its default charset to the header: it disagrees with the meta (gb2312)
        s.put(f"{H}/xxgk/ndbg/list.jsp?page={n}", html, ctype=LIST_CTYPE)
        if n == 1:
            s.put(f"{H}/xxgk/ndbg/list.jsp", html, ctype=LIST_CTYPE)
    return s
