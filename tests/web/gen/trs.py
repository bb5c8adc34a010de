"""TRS WCM family: 莱西市 county portal (UTF-8) with departments, townships, traps and distractors."""
from .pages import item, report_body, add_report

H = "http://www.laixi.gov.cn"
JYJ = "http://jyj.laixi.gov.cn"
CODE = "370285"
SITE_CODE = "3702850001"

_PAGER_JS = """<script>
function createPageHTML(nPageCount, nCurrIndex, sPageName, sPageExt){
 if(nPageCount<=1){return;}
 for(var i=0;i<nPageCount;i++){
  var href = (i==0) ? sPageName+"."+sPageExt : sPageName+"_"+i+"."+sPageExt;
  if(i==nCurrIndex){document.write("<span class='cur'>"+(i+1)+"</span>");}
  else{document.write("<a href='"+href+"'>"+(i+1)+"</a>");}
 }
}
</script>"""


def chrome(title: str, crumbs: list[tuple[str, str]], body: str, host: str = H, site_name="莱西市人民政府") -> str:
    crumb = " &gt; ".join(f'<a href="{u}">{t}</a>' if u else t for t, u in crumbs)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}_{site_name}</title>
<meta name="SiteName" content="{site_name}"><meta name="SiteDomain" content="{host[7:]}"><meta name="SiteIDCode" content="{SITE_CODE}">
<link rel="stylesheet" href="/images/style.css">{_PAGER_JS}
</head><body>
<div class="top"><a href="{H}/">莱西市人民政府门户网站</a> | <a href="javascript:void(0)" id="wza">无障碍</a> | <a href="{H}/zhb/index.html">长者版</a> | <a href="http://192.168.10.5/oa/login.jsp">内网办公</a> | <a href="{H}/search/calendar.html?date=2024-01-01">日程</a></div>
<div class="nav"><a href="{H}/">首页</a><a href="{H}/zwgk/index.html">政务公开</a><a href="{H}/xwzx/index.html">新闻中心</a><a href="{H}/hdjl/index.html">互动交流</a></div>
<div class="crumb">您当前的位置：{crumb}</div>
{body}
<div class="footer"><p>主办：莱西市人民政府办公室 &nbsp; 地址：山东省莱西市烟台路1号</p>
<p>政府网站标识码：{SITE_CODE} &nbsp; 鲁ICP备05002563号 &nbsp; <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=37028502000123">鲁公网安备 37028502000123号</a></p>
<p><a href="http://www.gov-laixi-bet365.com/">莱西政务网</a> <a href="http://bszn.laixi-bet365.com/">友情链接</a> <a href="http://www.baidu.com/">百度</a></p></div>
</body></html>"""


def article(title, date, source, body, crumbs, attach="", host=H, site_name="莱西市人民政府"):
    return chrome(title, crumbs, f"""<div class="article"><h1 class="title">{title}</h1>
<div class="info">发布时间：{date} 10:30 &nbsp; 来源：{source} &nbsp; 浏览次数：<span id="count"></span></div>
<div class="TRS_Editor"><style>.TRS_Editor P{{margin-top:0;}}</style>
{body}
</div>{attach}
<div class="share">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>""", host, site_name)


def listing(site, base, title, crumbs, entries, per_page=4, host=H, site_name="莱西市人民政府"):
    """TRS list: index.html, index_1.html … with pager links only inside createPageHTML()."""
    pages = [entries[i:i + per_page] for i in range(0, len(entries), per_page)] or [[]]
    for n, chunk in enumerate(pages):
        lis = "".join(item(u, f'<li><a href="{rel}" target="_blank" title="{t}">{t}</a><span>{d}</span></li>')
                      for u, rel, t, d in chunk)
        body = f"""<div class="list"><h2>{title}</h2><ul>
{lis}</ul>
<div class="page"><script>createPageHTML({len(pages)}, {n}, "index", "html");</script></div></div>"""
        name = "index.html" if n == 0 else f"index_{n}.html"
        site.put(f"{base}{name}", chrome(title, crumbs, body, host, site_name))


def _rel(base: str, url: str) -> str:
    return "./" + url[len(base):] if url.startswith(base) else url


def report_page(site, base, r, crumbs, host=H, site_name="莱西市人民政府", attach=""):
    d = r["published"].replace("-", "")
    url = f"{base}{d[:6]}/t{d}_{r['docid']}.html"
    r["url"] = url
    page = article(r["title"], r["published"], r["agency"], report_body(r), crumbs, attach, host, site_name)
    add_report(site, url, page, r, {k: r[k] for k in ("attachment", "note") if r.get(k)})
    return (url, _rel(base, url), r["title"], r["published"])


def distractor_page(site, base, docid, title, date, kind, body, crumbs, host=H, site_name="莱西市人民政府"):
    d = date.replace("-", "")
    url = f"{base}{d[:6]}/t{d}_{docid}.html"
    site.put(url, article(title, date, site_name, body, crumbs, host=host, site_name=site_name),
             date=date, appears=date)
    site.distractor(url, kind, title)
    return (url, _rel(base, url), title, date)
