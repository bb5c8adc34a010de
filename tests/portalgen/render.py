"""Page templates of generated portals: chrome, listings, articles, fragments, distractors.

The markup of each part comes from the portal's look (look.py); links are paths on the portal's own
address, or absolute URLs on its own loopback aliases.
"""
import html as htmlmod

from . import content
from .look import fmt_date
from .plan import Column, Item, Portal

# Body wrappers as each CMS family's editors write them (the crawler may know some, not all).
BODY_CLASS = {"trs": ['class="TRS_Editor"', 'class="view TRS_UEDITOR trs_paper_default trs_web"', 'class="trs_editor_view"'],
              "iframe": ['class="TRS_Editor"', 'class="TRS_UEDITOR"'],
              "hanweb": ['id="zoom"', 'class="bt_content" id="zoom"', 'id="barrierfree_container"'],
              "plain": ['class="v_news_content"', 'id="vsb_content"', 'class="article-content"', 'class="content"'],
              "jspager": ['class="v_news_content"', 'class="news_content"'],
              "jiyue": ['class="con"', 'class="article_con"', 'id="zoom" class="main-txt"'],
              "gkmlpt": ['class="article-content"', 'class="content"']}
FRAGMENT_TITLE = ['<p style="text-align:center"><strong>{t}</strong></p>', '<p align="center"><b>{t}</b></p>',
                  '<div style="text-align: center;"><span style="font-size:22px;font-family:方正小标宋简体">{t}</span></div>',
                  '<p class="MsoNormal" align="center" style="text-align:center"><span style="font-size:18.0pt">{t}</span></p>']


def _meta(p: Portal) -> str:
    cs = "gb2312" if p.encoding == "gbk" else "utf-8"
    return f'<meta http-equiv="Content-Type" content="text/html; charset={cs}">'


def chrome(p: Portal, f, title: str, body: str, crumbs=()) -> str:
    """A whole page in the portal's look; `crumbs`: (text, path) after 首页."""
    lk, site = p.t["look"], p.name
    nav = [("首页", f.home()), (p.t["hub"], f.hub()), (p.t["news"], f.column(p.columns[-1]))]
    crumb = lk["crumb_lead"] + lk["crumb_sep"].join(
        [f'<a href="{f.home()}">首页</a>'] + [f'<a href="{u}">{t}</a>' for t, u in crumbs])
    foot = (f"主办：{site}办公室 &nbsp; 网站标识码：{p.t['sitecode']} &nbsp; "
            f"ICP备{p.code}{p.idx:03d}号")
    head = (f"<!DOCTYPE html>\n<html><head>{_meta(p)}<title>{lk['title'].format(t=title, s=site)}</title>"
            f'<meta name="SiteName" content="{site}"><meta name="SiteIDCode" content="{p.t["sitecode"]}">'
            f'<link rel="stylesheet" href="{p.prefix}/css/style.css"></head>\n<body>\n')
    side = ""
    if lk["sidebar"]:
        side = (f'<div class="side"><h3>{p.t["hub"]}</h3>'
                + link_list([(p.t["depts"], f.units("dept")), (p.t["towns"], f.units("town"))]) + "</div>")
    if lk["frame"] == "table":   # an old table layout
        navs = " | ".join(f'<a href="{u}">{t}</a>' for t, u in nav)
        return (head + f'<table width="1000" align="center" class="{lk["header"]}"><tr><td>{navs}</td></tr></table>\n'
                f'<table width="1000" align="center"><tr><td class="position">{crumb}</td></tr>'
                f'<tr><td>{side}{body}</td></tr></table>\n<table width="1000" align="center" class="{lk["footer"]}">'
                f"<tr><td>{foot}</td></tr></table>\n</body></html>")
    navs = "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in nav)
    if lk["frame"] == "section":
        return (head + f'<header class="{lk["header"]}"><div class="logo">{site}</div><nav class="{lk["nav"]}"><ul>'
                f'{navs}</ul></nav></header>\n<main class="{lk["main"]}"><div class="crumb">{crumb}</div>\n{side}{body}\n'
                f'</main>\n<footer class="{lk["footer"]}"><p>{foot}</p></footer>\n</body></html>')
    return (head + f'<div class="{lk["header"]}"><div class="logo">{site}</div><ul class="{lk["nav"]}">{navs}</ul></div>\n'
            f'<div class="{lk["main"]}"><div class="crumb">{crumb}</div>\n{side}{body}\n</div>\n'
            f'<div class="{lk["footer"]}"><p>{foot}</p></div>\n</body></html>')


def link_list(links) -> str:
    return '<ul class="links">' + "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in links) + "</ul>"


def list_entries(p: Portal, f, col: Column, items) -> list[tuple[str, str, str]]:
    """(href, title, published) of a listing page: items, and a report's copy linked on its own when it is."""
    out = []
    for it in items:
        out.append((f.article(col, it), it.title, it.published))
        if it.kind == "report" and "copy_listed" in it.tags:
            ext = _exts(it.copy)[0]
            out.append((f.attachment(col, it, ext), f"{it.title}（{ext.upper()}版）", it.published))
    return out


def list_items(p: Portal, f, col: Column, items) -> str:
    lk = p.t["look"]
    ul, li, dt = lk["list_class"], lk["item_class"], lk["date_class"]
    li_attr = f' class="{li}"' if li else ""
    rows = []
    for href, title, published in list_entries(p, f, col, items):
        date = fmt_date(published, lk["listdate"])
        shown = title
        if lk["truncate"] and len(title) > lk["truncate"]:
            shown = title[:lk["truncate"]] + lk["ellipsis"]
        a = f'<a href="{href}" target="_blank" title="{htmlmod.escape(title)}">{shown}</a>'
        dot = "·" if lk["dot"] else ""
        kind = lk["list"]
        if kind == "table":
            rows.append(f'<tr{li_attr}><td>{dot}{a}</td><td class="{dt}">{date}</td></tr>')
        elif kind == "dl":
            rows.append(f'<dd{li_attr}>{dot}{a}<span class="{dt}">{date}</span></dd>')
        elif kind == "div_date_first":
            rows.append(f'<div{li_attr}><span class="{dt}">{date}</span>{dot}{a}</div>')
        elif kind == "ul_em":
            rows.append(f'<li{li_attr}><em class="{dt}">{date}</em>{dot}{a}</li>')
        else:
            rows.append(f'<li{li_attr}>{dot}{a}<span class="{dt}">{date}</span></li>')
    tag = {"table": "table", "dl": "dl", "div_date_first": "div"}.get(lk["list"], "ul")
    return f'<{tag} class="{ul}">' + "\n".join(rows) + f"</{tag}>"


def _title_el(lk: dict, title: str) -> str:
    kind = lk["art_title"]
    if "." in kind:
        tag, cls = kind.split(".")
        return f'<{tag} class="{cls}">{title}</{tag}>'
    return f"<{kind}>{title}</{kind}>"


def _furniture(lk: dict) -> str:
    kind = lk["furniture"]
    if kind == "print":
        return ('<div class="tools"><a href="javascript:window.print()">【打印本页】</a> '
                '<a href="javascript:window.close()">【关闭窗口】</a></div>')
    if kind == "share":
        return '<div class="bdsharebuttonbox">分享到：<a href="#" class="bds_weixin"></a><a href="#" class="bds_tsina"></a></div>'
    if kind == "font":
        return ('<div class="font">字号：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> '
                '<a href="javascript:doZoom(12)">小</a></div>')
    return ""


def article(p: Portal, f, col: Column, it: Item, crumbs) -> str:
    """A report or distractor page; a fragment report has no <title> and no page chrome."""
    lk = p.t["look"]
    source = it.agency or p.name
    lead = lk["meta"].format(src=source)
    date = "" if it.page_date == "none" else f"{lead}{fmt_date(it.published, it.page_date)} &nbsp; "
    info = f'<div class="info">{date}来源：{source} &nbsp; 浏览次数：<span id="hits"></span></div>'
    if lk["info_table"]:
        gen = "" if it.page_date == "none" else fmt_date(it.published, "iso")
        info = (f'<table class="xxgk_info"><tr><td>索引号：{p.code}-{it.iid % 100000:05d}/{it.published[:4]}-{it.iid % 97:05d}'
                f'</td><td>发布机构：{source}</td></tr><tr><td>生成日期：{gen}</td><td>公开方式：主动公开</td></tr></table>')
    if it.kind == "report":
        attach = ""
        for ext in _exts(it.copy):
            attach += f'<p>附件：<a href="{f.attachment(col, it, ext)}">{it.title}.{ext}</a></p>'
        if it.copy.endswith("_only"):
            text = f"<p>{it.title}全文详见附件。</p>{attach}"
        else:
            text = content.body_html(it) + attach
        if it.body == "fragment" and not it.copy.endswith("_only"):
            head = FRAGMENT_TITLE[it.iid % len(FRAGMENT_TITLE)].format(t=it.title)
            return (f'{_meta(p)}\n<div class="article-content">{head}'
                    f'<p style="text-align:right">{fmt_date(it.published, "cn")}</p>\n{text}</div>')
    else:
        text = distractor_text(p, f, col, it)
    wrapper = BODY_CLASS[p.family][it.iid % len(BODY_CLASS[p.family])]
    if lk["info_table"]:
        body = f'<div class="article">{info}{_title_el(lk, it.title)}\n<div {wrapper}>\n{text}\n</div>{_furniture(lk)}</div>'
    else:
        body = (f'<div class="article">{_title_el(lk, it.title)}{info}\n'
                f'<div {wrapper}>\n{text}\n</div>{_furniture(lk)}</div>')
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
    if it.kind == "guide":
        return (f"<p>为保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。</p>"
                f"<p>一、主动公开。二、依申请公开。三、收费标准：不收取费用。</p><p>{it.agency}</p>")
    if it.kind == "stats_link":
        rep = next((r for r in col.items if r.kind == "report" and r.year == y), None)
        link = f'<a href="{f.article(col, rep)}">{rep.title}</a>' if rep else "年度报告"
        return f"<p>统计表详见：{link}</p>"
    return f"<p>{it.title}。会议要求，要进一步提高认识，扎实推进各项工作。</p>"
