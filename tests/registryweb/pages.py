"""The pages of a registry web: home pages with link boxes in several styles, footers, a moved
notice, a copy site, a spam clone, and one annual report per county (tests/web/gen tables)."""
from __future__ import annotations

import html as H

from tests.web.gen.figures import make_figures
from tests.web.gen.pages import report_body

from .plan import Plan, Site

REPORT_YEAR = 2023
NEWS = "<ul class='news'><li><a href='/xwzx/1.html'>县政府召开常务会议</a></li><li><a href='/xwzx/2.html'>户口迁移政策解读</a></li></ul>"


def url(host: str, port: int, path: str = "/") -> str:
    return f"http://{host}:{port}{path}"


def link_text(child: Site, parent: Site, style: str) -> str:
    """How the parent's box prints the child's name: 孟津区 / 孟津区人民政府 / 洛阳市孟津区人民政府 / 孟津."""
    if child.level in ("department", "township"):
        return child.unit if style in ("short", "stem") else child.name
    if style == "gov":
        return child.name
    if style == "full":
        return parent.place + child.name if parent.level == "city" else child.name
    if style == "stem" and len(child.place) >= 3 and child.place[-1] in "县区市" and not child.place.endswith("自治县"):
        return child.place[:-1]
    return child.place


def box(title: str, links: list[tuple[str, str]], style: str) -> str:
    items = [(H.escape(t), H.escape(u)) for t, u in links]
    if style == "dl":
        return f"<dl class='links'><dt>{title}</dt>" + "".join(f"<dd><a href='{u}' target='_blank'>{t}</a></dd>" for t, u in items) + "</dl>"
    if style == "select":
        return (f"<div class='sel'><select onchange=\"window.open(this.value)\"><option value=''>{title}</option>"
                + "".join(f"<option value='{u}'>{t}</option>" for t, u in items) + "</select></div>")
    if style == "tabs":
        return (f"<div class='tabbox'><ul class='tabs'><li class='on'><a href='javascript:;'>{title}</a></li>"
                "<li><a href='javascript:;'>新闻中心</a></li></ul>"
                "<div class='pane'><ul>" + "".join(f"<li><a href='{u}' title='{t}'>{t[:6]}</a></li>" for t, u in items)
                + "</ul></div><div class='pane' style='display:none'>暂无</div></div>")
    if style == "table":
        cells = "".join(f"<td><a href='{u}'>{t}</a></td>" for t, u in items)
        return f"<table class='wzq'><tr><th colspan='9'>{title}</th></tr><tr>{cells}</tr></table>"
    return (f"<div class='box'><div class='hd'><h3>{title}</h3><a class='more' href='/more.html'>更多</a></div>"
            "<ul>" + "".join(f"<li><a href='{u}'>{t}</a></li>" for t, u in items) + "</ul></div>")


def footer(site: Site) -> str:
    code = f"网站标识码：{site.footer_code}　" if site.footer_code else ""
    return (f"<div class='footer'><p>主办单位：{site.name}　承办：{site.place}大数据中心</p>"
            f"<p>{code}ICP备案号：豫ICP备05000001号</p></div>")


def page(title: str, body: str, encoding: str = "utf-8") -> bytes:
    charset = "gbk" if encoding == "gbk" else "utf-8"
    doc = (f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>{title}</title>"
           f"<meta name='keywords' content='{title},政务公开'></head><body>{body}</body></html>")
    return doc.encode(encoding, "xmlcharrefreplace")


def home(site: Site, plan: Plan, port: int) -> bytes:
    boxes = []
    govs = [c for c in site.children if c.level in ("city", "county")]
    units = [c for c in site.children if c.level in ("department", "township")]

    def addr(c: Site) -> str:
        return url(c.old_host or c.host, port)

    if govs:
        title = "市县政府网站" if site.level == "province" else "县区政府网站"
        boxes.append(box(title, [(link_text(c, site, site.name_style), addr(c)) for c in govs], site.box_style))
    if site.level == "province":
        # A second box: a dropdown of the same cities and, as the spam sites get in, a clone and a copy.
        extra = [(plan.clone_of.name, url(plan.clone_host, port)), (plan.copy_of.place, url(plan.copy_host, port))]
        boxes.append(box("友情链接", [("中国政府网", "http://127.0.21.251/")] + extra, "select"))
    if units:
        depts = [(link_text(u, site, "short"), addr(u)) for u in units if u.level == "department"]
        towns = [(link_text(u, site, "gov"), addr(u)) for u in units if u.level == "township"]
        boxes.append(box("部门网站", depts, "list"))
        boxes.append(box("乡镇（街道）网站", towns, "dl"))
    report_link = "<p><a href='/xxgk/ndbg/index.html'>政府信息公开年报</a></p>" if site.level == "county" else ""
    body = f"<div class='top'><h1>{site.name}</h1></div>{NEWS}{report_link}{''.join(boxes)}{footer(site)}"
    return page(f"{site.name}门户网站", body, site.encoding)


def notice(site: Site, port: int) -> bytes:
    new = url(site.host, port)
    return page(f"{site.name}", f"<p>本网站已迁移至新网址，请访问：<a href='{new}'>{new}</a></p>")


def copy_site(plan: Plan, port: int) -> bytes:
    """A copy: plan.copy_of's title and 主办 line over plan.copy_code_of's footer code."""
    s = plan.copy_of
    fake = Site(s.key, s.code, s.name, s.level, s.parent, plan.copy_host, plan.copy_code_of.footer_code, place=s.place)
    return page(f"{s.name}门户网站", f"<h1>{s.name}</h1>{NEWS}{footer(fake)}")


def clone_site(plan: Plan, port: int) -> bytes:
    s = plan.clone_of
    return page(f"{s.name}门户网站-澳门葡京娱乐城", f"<h1>{s.name}</h1><a href='/bet.html'>百家乐</a>{NEWS}{footer(s)}")


def report_figures(site: Site) -> dict:
    return make_figures("2021", site.report_seed, scale=40)


def listing(site: Site) -> bytes:
    title = f"{site.name}{REPORT_YEAR}年政府信息公开工作年度报告"
    body = (f"<h2>政府信息公开年报</h2><ul class='list'><li><a href='/xxgk/ndbg/202401/t20240125_{site.report_seed}.html'>"
            f"{title}</a><span>{REPORT_YEAR + 1}-01-25</span></li></ul>{footer(site)}")
    return page(f"政府信息公开年报_{site.name}", body, site.encoding)


def report(site: Site) -> bytes:
    spec = {"figures": report_figures(site), "style": {}, "format": "2021", "year": REPORT_YEAR, "agency": site.name}
    title = f"{site.name}{REPORT_YEAR}年政府信息公开工作年度报告"
    body = (f"<h1>{title}</h1><p>发布日期：{REPORT_YEAR + 1}-01-25</p><div class='TRS_Editor'>{report_body(spec)}</div>"
            f"{footer(site)}")
    return page(title, body, site.encoding)


def unit_home(site: Site) -> bytes:
    return page(f"{site.name}", f"<h1>{site.name}</h1>{NEWS}{footer(site)}", site.encoding)
