"""Report pages and their truth for the fault web, rendered by the test web's own generator.

Figures come from tests/web/gen/figures.make_figures (seeded, checked to balance), the body from
gen/pages.report_body (the same 二/三/四 tables the test web serves), the truth from gen/pages.truth_case.
Only the page frame is ours: a plain one with no link off loopback, so a fault page can never send
the crawler elsewhere by accident.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tests.web.gen.figures import make_figures
from tests.web.gen.pages import report_body, truth_case


def frame(title: str, body: str, site_name: str, site_code: str, charset: str = "utf-8", meta: str = "") -> str:
    """A portal page: charset meta, title, a link home, the footer with the 网站标识码 (no dead links:
    every crawl_errors row of a fault portal comes from its fault)."""
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">{meta}
<title>{title}_{site_name}</title><meta name="SiteName" content="{site_name}"><meta name="SiteIDCode" content="{site_code}">
</head><body>
<div class="nav"><a href="/">首页</a></div>
{body}
<div class="footer"><p>主办：{site_name}办公室</p><p>政府网站标识码：{site_code}</p></div>
</body></html>"""


@dataclass
class Report:
    """One generated report: where it is served, its page text and its corpus-format truth."""
    path: str                       # served path on its host, e.g. /ndbg/202301/t20230120_101.html
    title: str
    published: str
    html: str = ""
    case: dict = field(default_factory=dict)
    host: str = ""                  # "ip:port" it is finally served from (set by the web)

    @property
    def url(self) -> str:
        return f"http://{self.host}{self.path}"


def make_report(agency: str, code: str, site_name: str, year: int, seed: int, fmt: str | None = None,
                charset: str = "utf-8", docid: int = 100) -> Report:
    """A county government's report for `year`: 2021-format tables from 2021 on, 2019-format before."""
    fmt = fmt or ("2021" if year >= 2021 else "2019")
    published = f"{year + 1}-01-{10 + seed % 18:02d}"
    title = f"{agency}{year}年政府信息公开工作年度报告"
    d = published.replace("-", "")
    path = f"/ndbg/{d[:6]}/t{d}_{docid}.html"
    r = {"figures": make_figures(fmt, seed), "format": fmt, "year": year, "agency": agency, "level": "county",
         "code": code, "published": published, "title": title}
    body = (f'<div class="article"><h1 class="title">{title}</h1>'
            f'<div class="info">发布时间：{published} 10:30 &nbsp; 来源：{agency}办公室</div>'
            f'<div class="TRS_Editor">\n{report_body(r)}\n</div></div>')
    rep = Report(path=path, title=title, published=published)
    rep.html = frame(title, body, site_name, code + "0001", charset)
    rep.case = truth_case(r, path, path.rsplit("/", 1)[1])
    return rep


def listing(title: str, entries: list[tuple[str, str, str]], site_name: str, site_code: str,
            charset: str = "utf-8") -> str:
    """A report column: one <li> per (href, anchor text, date)."""
    lis = "".join(f'<li><a href="{href}" title="{text}">{text}</a><span>{date}</span></li>\n'
                  for href, text, date in entries)
    return frame(title, f'<div class="list"><h2>{title}</h2><ul>\n{lis}</ul></div>', site_name, site_code, charset)


def home(site_name: str, site_code: str, links: list[tuple[str, str]], charset: str = "utf-8") -> str:
    """A home page whose only way on is its column links (href, text)."""
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return frame("首页", f'<div class="columns"><ul>{items}</ul></div>', site_name, site_code, charset)
