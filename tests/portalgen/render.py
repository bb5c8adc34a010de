"""Page templates of generated portals: chrome (4 layouts), listings, articles, fragments, distractors.

Links are paths on the portal's own address, or absolute URLs on its own loopback aliases.
"""
from . import content
from .plan import Column, Item, Portal

_BODY_CLASS = {"trs": 'class="TRS_Editor"', "iframe": 'class="TRS_Editor"', "hanweb": 'id="zoom"',
               "plain": 'class="v_news_content"', "jspager": 'class="v_news_content"', "jiyue": 'class="con"'}


def fmt_date(date: str, style: str) -> str:
    y, m, d = date.split("-")
    if style == "cn":
        return f"{y}年{m}月{d}日"
    if style == "slash":
        return f"{y}/{int(m)}/{int(d)}"
    if style == "bracket":
        return f"[{m}-{d}]"
    return date


def _meta(p: Portal) -> str:
    cs = "gb2312" if p.encoding == "gbk" else "utf-8"
    return f'<meta http-equiv="Content-Type" content="text/html; charset={cs}">'


def chrome(p: Portal, f, title: str, body: str, crumbs=()) -> str:
    """A whole page in one of the portal's layouts; `crumbs`: (text, path) after 首页."""
    lay, site = p.t["layout"], p.name
    nav = [("首页", f.home()), (p.t["hub"], f.hub()), (p.t["news"], f.column(p.columns[-1]))]
    crumb = " &gt; ".join([f'<a href="{f.home()}">首页</a>'] + [f'<a href="{u}">{t}</a>' for t, u in crumbs])
    foot = (f"主办：{site}办公室 &nbsp; 网站标识码：{p.t['sitecode']} &nbsp; "
            f"ICP备{p.code}{p.idx:03d}号")
    head = (f"<!DOCTYPE html>\n<html><head>{_meta(p)}<title>{title}{'_' if lay % 2 else '-'}{site}</title>"
            f'<meta name="SiteName" content="{site}"><meta name="SiteIDCode" content="{p.t["sitecode"]}">'
            f'<link rel="stylesheet" href="{p.prefix}/css/style.css"></head>\n<body>\n')
    if lay == 1:   # an old table layout
        navs = " | ".join(f'<a href="{u}">{t}</a>' for t, u in nav)
        return (head + f'<table width="1000" align="center" class="top"><tr><td>{navs}</td></tr></table>\n'
                f'<table width="1000" align="center"><tr><td class="position">当前位置：{crumb}</td></tr>'
                f'<tr><td>{body}</td></tr></table>\n<table width="1000" align="center" class="bottom"><tr><td>{foot}'
                f"</td></tr></table>\n</body></html>")
    navs = "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in nav)
    cls = ("header", "nav", "main", "footer") if lay in (0, 3) else ("head", "menu", "content", "foot")
    return (head + f'<div class="{cls[0]}"><div class="logo">{site}</div><ul class="{cls[1]}">{navs}</ul></div>\n'
            f'<div class="{cls[2]}"><div class="crumb">您现在的位置：{crumb}</div>\n{body}\n</div>\n'
            f'<div class="{cls[3]}"><p>{foot}</p></div>\n</body></html>')


def link_list(links) -> str:
    return '<ul class="links">' + "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in links) + "</ul>"


def list_items(p: Portal, f, col: Column, items) -> str:
    ul, li, dt = p.t["cls"]
    rows = []
    for it in items:
        date = fmt_date(it.published, p.t["listdate"])
        href = f.article(col, it)
        if p.t["layout"] == 1:
            rows.append(f'<tr><td><a href="{href}" target="_blank" title="{it.title}">{it.title}</a></td>'
                        f'<td class="{dt}">{date}</td></tr>')
        else:
            rows.append(f'<li class="{li}"><a href="{href}" target="_blank" title="{it.title}">{it.title}</a>'
                        f'<span class="{dt}">{date}</span></li>')
    if p.t["layout"] == 1:
        return f'<table class="{ul}">' + "".join(rows) + "</table>"
    return f'<ul class="{ul}">' + "\n".join(rows) + "</ul>"


def article(p: Portal, f, col: Column, it: Item, crumbs) -> str:
    """A report or distractor page; a fragment report has no <title> and no page chrome."""
    date = "" if it.page_date == "none" else f"发布时间：{fmt_date(it.published, it.page_date)} &nbsp; "
    info = f'<div class="info">{date}来源：{it.agency or p.name} &nbsp; 浏览次数：<span id="hits"></span></div>'
    if it.kind == "report":
        attach = ""
        for ext in _exts(it.copy):
            attach += f'<p>附件：<a href="{f.attachment(col, it, ext)}">{it.title}.{ext}</a></p>'
        if it.copy.endswith("_only"):
            text = f"<p>{it.title}全文详见附件。</p>{attach}"
        else:
            text = content.body_html(it) + attach
        if it.body == "fragment" and not it.copy.endswith("_only"):
            return (f'{_meta(p)}\n<div class="article-content"><p style="text-align:center"><strong>{it.title}</strong></p>'
                    f'<p style="text-align:right">{fmt_date(it.published, "cn")}</p>\n{text}</div>')
    else:
        text = distractor_text(p, f, col, it)
    body = (f'<div class="article"><h1 class="title">{it.title}</h1>{info}\n'
            f'<div {_BODY_CLASS[p.family]}>\n{text}\n</div></div>')
    return chrome(p, f, it.title, body, crumbs)


def _exts(copy: str) -> list[str]:
    return {"pdf": ["pdf"], "docx": ["docx"], "both": ["pdf", "docx"], "pdf_only": ["pdf"],
            "docx_only": ["docx"]}.get(copy, [])


def distractor_text(p: Portal, f, col: Column, it: Item) -> str:
    y = it.year
    if it.kind == "notice":
        return (f"<p>各乡镇人民政府、街道办事处，{p.place}政府各部门：</p><p>根据《中华人民共和国政府信息公开条例》规定，"
                f"请各单位于{y + 1}年1月31日前完成{y}年度政府信息公开工作年度报告的编制和发布工作。</p>")
    if it.kind == "plan":
        return f"<p>一、加强政策解读。二、推进重点领域信息公开。三、规范依申请公开办理。</p><p>{p.name}办公室</p>"
    if it.kind == "interpretation":
        return (f"<p>近日，{it.agency}发布了{y}年政府信息公开工作年度报告。现就报告主要内容解读如下：</p>"
                f"<p>一是主动公开力度加大；二是依申请公开办理规范。</p>")
    if it.kind == "graphic":
        return f'<p style="text-align:center"><img src="{p.prefix}/images/tujie{it.iid}.jpg" alt="{it.title}"></p>'
    if it.kind == "summary":
        return f"<p>{y}年，在上级部门的指导下，{it.agency}政务公开工作取得新进展。</p>"
    if it.kind == "stats_link":
        rep = next((r for r in col.items if r.kind == "report" and r.year == y), None)
        link = f'<a href="{f.article(col, rep)}">{rep.title}</a>' if rep else "年度报告"
        return f"<p>统计表详见：{link}</p>"
    return f"<p>{it.title}。会议要求，要进一步提高认识，扎实推进各项工作。</p>"
