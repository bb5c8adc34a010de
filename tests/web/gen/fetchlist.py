"""永宁县 (640121): the report column page is empty HTML; its list is filled by fetch() of JSON
(/xxgk/ndbg/list.json?page=N). Report pages are plain static HTML; one township's report is only a .docx;
the 2022 report is only a scan: an image-only PDF (…（图片版）) attached to its page."""
from .figures import make_figures
from .docx import from_html
from .pages import Site, report_body, add_report
from . import scan

H = "http://www.nxyn.gov.cn"
CODE = "640121"
GOV = "永宁县人民政府"


def page(title, body):
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta name="SiteIDCode" content="6401210002"></head><body><div class="top"><a href="/">永宁县人民政府</a></div>
{body}<div class="footer">网站标识码：6401210002 宁ICP备05001234号 <a href="http://www.yn-cp888.com/">永宁彩票</a></div></body></html>"""


def _r(agency, level, year, fmt, published, n, style=None, docx_only=False, scan_only=False):
    return {"agency": agency, "level": level, "code": CODE, "year": year, "format": fmt, "published": published,
            "n": n, "figures": make_figures(fmt, 640 + n, scale=25), "style": style or {}, "docx_only": docx_only,
            "scan_only": scan_only, "title": f"{agency}{year}年政府信息公开工作年度报告" + ("（图片版）" if scan_only else "")}


REPORTS = [_r(GOV, "county", 2023, "2021", "2024-03-30", 31, {"dash_zero": True}),
           _r("永宁县望远镇人民政府", "township", 2023, "2021", "2024-02-05", 29, docx_only=True),
           _r(GOV, "county", 2022, "2021", "2023-03-31", 23, scan_only=True),
           _r(GOV, "county", 2021, "2021", "2022-03-31", 17, {"nbsp": True, "fullwidth": True})]


def _scan_pdf(r) -> bytes:
    """The report printed, scanned, published as images only: blocks of its HTML body drawn on A4 pages."""
    from lxml import html as lhtml
    blocks = []
    for el in lhtml.fragments_fromstring(report_body(r)):
        if el.tag == "table":
            blocks.append(("table", lhtml.tostring(el, encoding="unicode")))
        else:
            blocks.append(("p", el.text_content()))
    return scan.image_pdf(scan.scanned(scan.pages(r["title"].replace("（图片版）", ""), blocks), seed=r["n"]))


def build() -> Site:
    s = Site("yongning", ["www.nxyn.gov.cn"], "fetchlist", CODE, GOV, "county", missing="404")
    s.put(f"{H}/", page("永宁县人民政府", '<a href="/xxgk/ndbg/index.html">政府信息公开年报</a>'))
    s.put(f"{H}/xxgk/ndbg/index.html", page("政府信息公开年报", """<ul id="list"></ul><div id="pager"></div>
<script>
function load(p){fetch('/xxgk/ndbg/list.json?page='+p).then(function(r){return r.json()}).then(function(d){
 document.getElementById('list').innerHTML=d.data.map(function(x){return '<li><a href="'+x.link+'">'+x.title+'</a><span>'+x.pubDate+'</span></li>'}).join('');
 document.getElementById('pager').innerHTML=p<d.pages?'<a href="javascript:load('+(p+1)+')">下一页</a>':'';});}
load(1);
</script>"""))
    rows = []
    for r in REPORTS:
        y, m, d = r["published"].split("-")
        url = f"{H}/xxgk/ndbg/{y}/{m}{d}/c{r['n']}.html"
        if r["scan_only"]:  # the page only links the scanned PDF: the report is the PDF
            pdf = f"{H}/xxgk/ndbg/{y}/{m}{d}/P0{y}{m}{d}{r['n']}.pdf"
            r["listing_date"], r["scan"] = r["published"], True
            add_report(s, pdf, _scan_pdf(r), r, {"listing_page": url, "scan": True})
            s.put(url, page(r["title"], f'<h1>{r["title"]}</h1><p class="date">发布时间：{r["published"]}</p>'
                                        f'<p>附件：<a href="P0{y}{m}{d}{r["n"]}.pdf">{r["title"]}.pdf</a></p>'),
                  date=r["published"], appears=r["published"])
        elif r["docx_only"]:  # the page only links a Word file: the report is the .docx
            doc = f"{H}/xxgk/ndbg/{y}/{m}{d}/W0{y}{m}{d}{r['n']}.docx"
            r["listing_date"] = r["published"]
            add_report(s, doc, from_html(r["title"], report_body(r)), r, {"listing_page": url})
            s.put(url, page(r["title"], f'<h1>{r["title"]}</h1><p class="date">发布时间：{r["published"]}</p>'
                                        f'<p>附件：<a href="W0{y}{m}{d}{r["n"]}.docx">{r["title"]}.docx</a></p>'),
                  date=r["published"], appears=r["published"])
        else:
            add_report(s, url, page(r["title"], f'<h1>{r["title"]}</h1><p class="date">发布时间：{r["published"]}</p>'
                                                f'<div class="content">{report_body(r)}</div>'), r)
        rows.append({"title": r["title"], "link": url, "pubDate": r["published"]})
    for title, date, kind, n in [("关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", "2024-01-10", "notice", 30),
                                 ("永宁县2023年度政务公开工作总结", "2024-01-15", "summary", 28)]:
        y, m, d = date.split("-")
        url = f"{H}/xxgk/ndbg/{y}/{m}{d}/c{n}.html"
        s.put(url, page(title, f"<h1>{title}</h1><p>发布时间：{date}</p><p>工作有序推进。</p>"), date=date, appears=date)
        s.distractor(url, kind, title)
        rows.append({"title": title, "link": url, "pubDate": date})
    rows.sort(key=lambda x: x["pubDate"], reverse=True)
    s.data = {"list.json": rows}
    return s
