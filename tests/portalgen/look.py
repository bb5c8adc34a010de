"""The look of one generated portal: page chrome, list and article markup drawn part by part.

Each part (frame, class names, breadcrumb, title pattern, list markup, list date style, article
header, body wrapper, page furniture) is drawn on its own from the portal's seeded Random, so
portals combine parts in ways nobody wrote case by case; `tags(look)` names the draws that a
crawler may trip on, for the per-class table of bench/portalgen.py.
"""
import random

FRAMES = ["div", "div", "table", "section"]
HEADER = ["header", "head", "top", "g-header", "hd", "topbar", "site-head"]
NAV = ["nav", "menu", "navbar", "mainnav", "dh", "lanmu", "nav-list"]
MAIN = ["main", "content", "container", "wrap", "middle", "zw-main", "w1200"]
FOOTER = ["footer", "foot", "bottom", "ft", "copyright", "g-footer"]
CRUMB_LEAD = ["当前位置：", "您现在的位置：", "位置：", "您当前所在位置：", "当前位置:", ""]
CRUMB_SEP = [" &gt; ", " » ", " / ", " &gt;&gt; ", " - ", "→"]
TITLE_PATTERNS = ["{t}-{s}", "{t}_{s}", "{s}-{t}", "{t}|{s}", "{t} - {s}", "{t}"]
LISTS = ["ul", "ul", "table", "dl", "div_date_first", "ul_em"]
LIST_CLASS = ["list", "news_list", "gl-list", "ul-list", "xxgk-list", "list-con", "lb", "zwgk_list", "infolist",
              "list_news", "clearfix"]
ITEM_CLASS = ["item", "li_item", "row", "cell", "tr", "", "clearfix", "list-item"]
DATE_CLASS = ["date", "time", "rq", "pubdate", "fbsj", "right", "fr", "sj"]
# Dates as listings print them (bracket and short have no year: the page or URL must tell it).
LIST_DATES = ["iso", "iso", "iso", "cn", "slash", "bracket", "dot", "paren", "short_iso", "nozero"]
TRUNCATE = [0, 0, 0, 16, 20, 24]
ELLIPSIS = ["…", "...", "．．．"]
META_LEAD = ["发布时间：", "发布日期：", "日期：", "时间：", "发布时间:", "发文日期：", "信息来源：{src} 发布时间："]
PAGE_DATES = ["iso", "iso", "cn", "slash", "dot", "iso_time", "none"]
ARTICLE_TITLE = ["h1", "h2", "div.title", "p.tit", "td.title", "h3"]
FURNITURE = ["print", "share", "font", "none", "none"]


def draw(rnd: random.Random) -> dict:
    c = rnd.choice
    return {"frame": c(FRAMES), "header": c(HEADER), "nav": c(NAV), "main": c(MAIN), "footer": c(FOOTER),
            "crumb_lead": c(CRUMB_LEAD), "crumb_sep": c(CRUMB_SEP), "title": c(TITLE_PATTERNS),
            "list": c(LISTS), "list_class": c(LIST_CLASS), "item_class": c(ITEM_CLASS), "date_class": c(DATE_CLASS),
            "listdate": c(LIST_DATES), "truncate": c(TRUNCATE), "ellipsis": c(ELLIPSIS), "meta": c(META_LEAD),
            "art_title": c(ARTICLE_TITLE), "furniture": c(FURNITURE), "info_table": rnd.random() < 0.3,
            "sidebar": rnd.random() < 0.4, "dot": rnd.random() < 0.3}


def tags(look: dict) -> list[str]:
    out = [f"frame:{look['frame']}", f"list:{look['list']}", f"listdate:{look['listdate']}"]
    if not has_year(look["listdate"]):
        out.append("listdate:no_year")
    if look["truncate"]:
        out.append("list_truncated")
    if look["info_table"]:
        out.append("info_table")
    return out


def fmt_date(date: str, style: str) -> str:
    """YYYY-MM-DD as a page prints it."""
    y, m, d = date.split("-")
    return {"cn": f"{y}年{m}月{d}日", "slash": f"{y}/{int(m)}/{int(d)}", "bracket": f"[{m}-{d}]",
            "dot": f"{y}.{m}.{d}", "paren": f"({date})", "short_iso": f"{m}-{d}", "nozero": f"{y}-{int(m)}-{int(d)}",
            "iso_time": f"{date} {int(d) % 12 + 8:02d}:{int(m) * 4 % 60:02d}:{int(d) * 7 % 60:02d}",
            "cn_short": f"{y}年{int(m)}月{int(d)}日"}.get(style, date)


def has_year(style: str) -> bool:
    return style not in ("bracket", "short_iso", "none")
