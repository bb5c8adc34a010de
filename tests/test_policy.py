"""Each crawl decision on one saved raw page: what the policy wants next, records, and yields.

Pages are the test web's files as served (tests/web/sites) and the family fixtures (tests/families/);
the expected links are read off the pages themselves.
"""
from __future__ import annotations

import os
from urllib.parse import parse_qs, urlsplit

from scrapy.http import Headers

from govcrawl.crawl import frontier, policy
from govcrawl.crawl.frontier import CrawlOptions, Want
from govcrawl.crawl.state import PortalCrawl
from govcrawl.families.base import FamilyRequest
from govcrawl.registry import PortalEntry

HERE = os.path.dirname(__file__)
SITES = os.path.join(HERE, "web", "sites")
OPTS = CrawlOptions()


def raw(*parts: str) -> bytes:
    with open(os.path.join(*parts), "rb") as fh:
        return fh.read()


def site(name: str, host: str, path: str) -> bytes:
    return raw(SITES, name, host, path.lstrip("/"))


def portal(url: str, *hosts: str, budget: int = 400) -> PortalCrawl:
    entry = PortalEntry(code="370285", name="x", url=url, extra_hosts=tuple(hosts))
    return PortalCrawl(entry=entry, portal_id=1, hosts=PortalCrawl.hosts_for(entry), budget=budget)


def html_fetch(url: str, body: bytes, **kw) -> policy.Fetch:
    return policy.Fetch(url=url, status=kw.pop("status", 200), body=body, headers=Headers(kw.pop("headers", {})),
                        content_type=kw.pop("content_type", "text/html; charset=utf-8"), **kw)


def wanted(d: policy.Decision) -> dict[str, Want]:
    return {w.url: w for w in d.wants}


# -- listings -------------------------------------------------------------------------------------------
def test_trs_listing_wants_its_reports_and_its_script_written_pages():
    url = "http://www.laixi.gov.cn/zwgk/zfxxgknb/index.html"
    d = policy.decide(html_fetch(url, site("laixi", "www.laixi.gov.cn", "/zwgk/zfxxgknb/index.html"), depth=2),
                      portal("http://www.laixi.gov.cn/"), OPTS)
    w = wanted(d)
    # createPageHTML(3, 0, "index", "html") on the page: two more pages
    assert w["http://www.laixi.gov.cn/zwgk/zfxxgknb/index_1.html"].role == "link"
    assert "http://www.laixi.gov.cn/zwgk/zfxxgknb/index_2.html" in w
    report = w["http://www.laixi.gov.cn/zwgk/zfxxgknb/202403/t20240329_6120.html"]    # 莱西市人民政府2023年…年度报告
    assert report.candidate and report.role == "candidate" and report.listing_url == url
    # look-alikes the classifier would reject by title are not worth a request: the 通知, the 图解, the 工作要点
    for lookalike in ("202401/t20240105_6002.html", "202403/t20240330_6131.html", "202304/t20230420_5990.html"):
        assert "http://www.laixi.gov.cn/zwgk/zfxxgknb/" + lookalike not in w
    assert not any("calendar" in u for u in w), "calendar links score below the threshold"
    assert d.family == "trs" and d.errors == [] and d.remember == "listing"
    origin, reports = d.listing
    assert origin == url and reports == ["http://www.laixi.gov.cn/zwgk/zfxxgknb/202403/t20240329_6120.html"]


def test_hanweb_column_wants_the_proxy_post_for_the_records_after_the_embedded_ones():
    url = "http://www.nanyang.gov.cn/col/col4152/index.html"
    d = policy.decide(html_fetch(url, site("nanyang", "www.nanyang.gov.cn", "/col/col4152/index.html")),
                      portal("http://www.nanyang.gov.cn/"), OPTS)
    [post] = [w for w in d.wants if w.family is not None]
    assert post.family.method == "POST" and urlsplit(post.url).path == "/module/web/jpage/dataproxy.jsp"
    assert post.family_origin == url        # the records it brings belong to the column page
    # four embedded <record>s: the report, and a 通知, a 工作要点 and a 图解 the classifier would reject
    assert [w.url for w in d.wants if w.candidate] == ["http://www.nanyang.gov.cn/art/2024/3/26/art_4152_711.html"]
    assert "http://www.nanyang.gov.cn/art/2023/4/3/art_4152_695.html" not in wanted(d)
    assert d.family == "hanweb"


def test_gkmlpt_page_wants_its_api_and_the_api_answer_is_a_listing():
    url = "http://www.nanhai.gov.cn/gkmlpt/annualreport"
    d = policy.decide(html_fetch(url, site("nanhai", "www.nanhai.gov.cn", "/gkmlpt/annualreport"), fragment="2629"),
                      portal("http://www.nanhai.gov.cn/"), OPTS)
    [api] = [w for w in d.wants if w.family is not None]
    assert api.url == "http://www.nanhai.gov.cn/gkmlpt/api/all/2629?page=1&sid=757005"
    answer = (b'{"articles": [{"title": "\xe4\xbd\x9b\xe5\xb1\xb1\xe5\xb8\x82\xe5\x8d\x97\xe6\xb5\xb7\xe5\x8c\xba'
              b'2023\xe5\xb9\xb4\xe6\x94\xbf\xe5\xba\x9c\xe4\xbf\xa1\xe6\x81\xaf\xe5\x85\xac\xe5\xbc\x80\xe5\xb7\xa5'
              b'\xe4\xbd\x9c\xe5\xb9\xb4\xe5\xba\xa6\xe6\x8a\xa5\xe5\x91\x8a", "url": "/gkmlpt/content/0/963/post_963149.html",'
              b' "date": 1711589400}], "total": 1}')
    d2 = policy.decide(policy.Fetch(url=api.url, status=200, body=answer, content_type="application/json",
                                    family=api.family, depth=1), portal("http://www.nanhai.gov.cn/"), OPTS)
    [report] = d2.wants
    assert report.url == "http://www.nanhai.gov.cn/gkmlpt/content/0/963/post_963149.html" and report.candidate
    assert report.listing_date == "2024-03-28" and d2.remember == "listing"


# -- report pages ---------------------------------------------------------------------------------------------
def test_report_page_with_a_pdf_copy_is_one_candidate_whose_copy_is_an_attachment_not_a_report():
    url = "http://jyj.laixi.gov.cn/xxgk/ndbg/202301/t20230130_802.html"
    page = site("laixi", "jyj.laixi.gov.cn", "/xxgk/ndbg/202301/t20230130_802.html")
    d = policy.decide(html_fetch(url, page, anchor="莱西市教育体育局2022年政府信息公开工作年度报告"),
                      portal("http://www.laixi.gov.cn/", "jyj.laixi.gov.cn"), OPTS)
    assert d.candidate
    assert d.attachments == ["http://jyj.laixi.gov.cn/xxgk/ndbg/202301/P020230130802.pdf"]
    assert "http://jyj.laixi.gov.cn/xxgk/ndbg/202301/P020230130802.pdf" not in wanted(d)


def test_attachment_wrapper_makes_the_document_the_candidate():
    page = ('<html><head><title>某县2023年政府信息公开工作年度报告</title></head><body>'
            '<p>某县2023年政府信息公开工作年度报告详见附件。</p><p>发布日期：2024-01-20</p>'
            '<a href="/upload/2024/report.pdf">附件：年度报告.pdf</a></body></html>').encode()
    d = policy.decide(html_fetch("http://www.x.gov.cn/ndbg/1.html", page, listing_url="http://www.x.gov.cn/ndbg/"),
                      portal("http://www.x.gov.cn/"), OPTS)
    assert not d.candidate
    [doc] = [w for w in d.wants if w.url.endswith(".pdf")]
    assert doc.candidate and doc.listing_date == "2024-01-20" and doc.listing_url == "http://www.x.gov.cn/ndbg/"
    assert d.report_via == ("http://www.x.gov.cn/upload/2024/report.pdf", "http://www.x.gov.cn/ndbg/")


# -- what a page says of itself --------------------------------------------------------------------------------
def test_soft_404_is_recorded_and_nothing_followed():
    body = ('<html><head><title>页面不存在</title></head><body><a href="/">返回首页</a>'
            '<a href="/zwgk/ndbg/">年度报告</a></body></html>').encode()
    d = policy.decide(html_fetch("http://www.x.gov.cn/gone.html", body), portal("http://www.x.gov.cn/"), OPTS)
    assert [e[1] for e in d.errors] == ["soft_404"] and d.wants == [] and not d.remember


def test_304_of_a_known_report_counts_it_unchanged():
    st = portal("http://www.x.gov.cn/")
    st.known_reports.add("http://www.x.gov.cn/r.html")
    d = policy.decide(policy.Fetch(url="http://www.x.gov.cn/r.html", status=304, body=b"", role="report"), st, OPTS)
    assert d.unchanged_report and d.remember == "report" and d.wants == []


def test_anti_bot_wall_blocks_the_portal_and_a_dead_home_page_marks_it_down():
    wall = policy.Fetch(url="http://www.x.gov.cn/", status=412, body=b"<script>var $_ts=window['$_ts'];</script>",
                        headers=Headers({}), role="seed")
    d = policy.decide(wall, portal("http://www.x.gov.cn/"), OPTS)
    assert d.status == "blocked" and d.errors[0][1] == "blocked"
    dead = policy.Fetch(url="http://www.x.gov.cn/", status=404, body=b"", headers=Headers({}), role="seed", depth=0)
    d = policy.decide(dead, portal("http://www.x.gov.cn/"), OPTS)
    assert d.status == "down" and d.errors == [("http://www.x.gov.cn/", "http_404", "")]
    deep = policy.Fetch(url="http://www.x.gov.cn/a.html", status=404, body=b"", headers=Headers({}), role="link", depth=2)
    assert policy.decide(deep, portal("http://www.x.gov.cn/"), OPTS).status == ""


def test_html_served_as_pdf_is_mistyped_and_read_as_html():
    body = b"<html><head><title>x</title></head><body><a href='/ndbg/'>\xe5\xb9\xb4\xe5\xba\xa6\xe6\x8a\xa5\xe5\x91\x8a</a></body></html>"
    d = policy.decide(html_fetch("http://www.x.gov.cn/r.pdf", body, content_type="application/pdf"),
                      portal("http://www.x.gov.cn/"), OPTS)
    assert d.errors[0][1] == "mistyped" and "http://www.x.gov.cn/ndbg/" in wanted(d)


def test_a_document_that_nobody_called_a_report_is_not_html_and_one_that_was_is_a_candidate():
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    d = policy.decide(policy.Fetch(url="http://www.x.gov.cn/a.pdf", status=200, body=pdf,
                                   content_type="application/pdf"), portal("http://www.x.gov.cn/"), OPTS)
    assert d.errors == [("http://www.x.gov.cn/a.pdf", "not_html", "pdf")] and not d.candidate
    d = policy.decide(policy.Fetch(url="http://www.x.gov.cn/a.pdf", status=200, body=pdf, content_type="application/pdf",
                                   anchor="某县2023年政府信息公开工作年度报告"), portal("http://www.x.gov.cn/"), OPTS)
    assert d.candidate and d.errors == []


def test_recrawl_of_a_learned_listing_wants_only_the_new_report_and_no_further_page():
    url = "http://www.laixi.gov.cn/zwgk/zfxxgknb/index.html"
    body = site("laixi", "www.laixi.gov.cn", "/zwgk/zfxxgknb/index.html")
    st = portal("http://www.laixi.gov.cn/")
    first = policy.decide(html_fetch(url, body), st, OPTS)
    reports = first.listing[1]
    st.incremental, st.newest_known = True, "2024-12-31"
    d = policy.decide(html_fetch(url, body), st, OPTS)
    assert [w.url for w in d.wants] == reports               # the report not known yet; no index_1.html
    st.known_reports |= set(reports)
    assert policy.decide(html_fetch(url, body), st, OPTS).wants == []     # nothing new: nothing asked


# -- the new family: Anhui 政务公开 (fixtures written from the platform's published page shape) ----------------
AH = os.path.join(HERE, "families", "ahzwgk")
AH_COLUMN = "https://www.feixi.gov.cn/public/column/6596071?type=4&action=list&nav=3&catId=7163111"


def test_ahzwgk_column_wants_its_label_call_and_the_answers_walk_the_pages():
    st = portal("https://www.feixi.gov.cn/")
    d = policy.decide(html_fetch(AH_COLUMN, raw(AH, "column.html")), st, OPTS)
    assert d.family == "ahzwgk" and d.errors == []
    [label] = [w for w in d.wants if w.family is not None]
    q = parse_qs(urlsplit(label.url).query)
    assert urlsplit(label.url).path == "/site/label/8888"
    assert (q["catId"], q["organId"], q["siteId"], q["pageIndex"]) == (["7163111"], ["6596071"], ["6789941"], ["1"])
    page1 = policy.decide(policy.Fetch(url=label.url, status=200, body=raw(AH, "label-page1.html"),
                                       content_type="text/html;charset=UTF-8", family=label.family, depth=1), st, OPTS)
    reports = [w for w in page1.wants if w.candidate]
    assert [w.url for w in reports] == ["https://www.feixi.gov.cn/public/6596071/1119035821.html",
                                        "https://www.feixi.gov.cn/public/6596071/1115980242.html"]
    assert reports[0].anchor == "肥西县人民政府2023年政府信息公开工作年度报告"      # the whole title attribute
    assert reports[0].listing_date == "2024-01-19"
    [nxt] = [w for w in page1.wants if w.family is not None]
    assert parse_qs(urlsplit(nxt.url).query)["pageIndex"] == ["2"]
    page2 = policy.decide(policy.Fetch(url=nxt.url, status=200, body=raw(AH, "label-page2.html"),
                                       family=nxt.family, depth=2), st, OPTS)
    assert [w.url for w in page2.wants] == ["https://www.feixi.gov.cn/public/6596071/1112841167.html"]


def test_ahzwgk_column_whose_label_call_cannot_be_read_is_a_family_miss_not_silence():
    d = policy.decide(html_fetch(AH_COLUMN, raw(AH, "broken-column.html")), portal("https://www.feixi.gov.cn/"), OPTS)
    assert [e[1] for e in d.errors] == ["family_miss"] and "publicInfoList" in d.errors[0][2]


# -- the frontier ------------------------------------------------------------------------------------------------
def test_frontier_admits_once_within_budget_on_the_portals_hosts():
    st = portal("http://www.x.gov.cn/", budget=2)
    a = frontier.admit(st, Want(url="http://www.x.gov.cn/a.html#top", depth=1, score=50, role="link"), OPTS)
    assert a.url == "http://www.x.gov.cn/a.html" and a.fragment == "top"
    assert frontier.admit(st, Want(url="http://www.x.gov.cn/a.html", depth=1, score=50, role="link"), OPTS) is None
    assert frontier.admit(st, Want(url="http://evil.example.com/", depth=1, score=50, role="link"), OPTS) is None
    assert frontier.admit(st, Want(url="http://www.x.gov.cn/b.html", depth=1, score=50, role="link"), OPTS) is not None
    assert frontier.admit(st, Want(url="http://www.x.gov.cn/c.html", depth=1, score=50, role="link"), OPTS) is None
    assert (st.scheduled, st.over_budget) == (2, 1)


def test_frontier_posts_family_requests_by_their_body_and_asks_conditionally_for_known_pages():
    st = portal("http://www.x.gov.cn/")
    st.validators["http://www.x.gov.cn/ndbg/"] = ('"abc"', "Mon, 01 Jan 2024 00:00:00 GMT")
    a = frontier.admit(st, Want(url="http://www.x.gov.cn/ndbg/", depth=1, score=80, role="listing"), OPTS)
    assert a.headers == {"If-None-Match": '"abc"', "If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}
    full = CrawlOptions(full=True)
    st2 = portal("http://www.x.gov.cn/")
    st2.validators.update(st.validators)
    assert frontier.admit(st2, Want(url="http://www.x.gov.cn/ndbg/", depth=1, score=80, role="listing"), full).headers == {}
    post = lambda page: FamilyRequest(url="http://www.x.gov.cn/p.jsp", family="hanweb", method="POST",
                                      body=f"page={page}".encode())
    assert frontier.admit(st, Want(url="http://www.x.gov.cn/p.jsp", depth=1, score=60, role="listing",
                                   family=post(1)), OPTS).method == "POST"
    assert frontier.admit(st, Want(url="http://www.x.gov.cn/p.jsp", depth=1, score=60, role="listing",
                                   family=post(2)), OPTS) is not None
    assert frontier.admit(st, Want(url="http://www.x.gov.cn/p.jsp", depth=1, score=60, role="listing",
                                   family=post(1)), OPTS) is None


def test_frontier_caps_query_variants_of_one_path():
    st = portal("http://www.x.gov.cn/")
    admitted = [frontier.admit(st, Want(url=f"http://www.x.gov.cn/cal.html?date={i}", depth=1, score=30, role="link"),
                               OPTS) for i in range(40)]
    assert sum(a is not None for a in admitted) == 25


def test_seeds_are_the_home_page_or_the_learned_listings_plus_those_the_portals_file_names():
    from govcrawl.registry import read_portals
    csv_bytes = ("code,name,url,level,listings\n370285,莱西市人民政府,http://www.laixi.gov.cn/,county,"
                 "http://www.laixi.gov.cn/zwgk/zfxxgknb/index.html  ftp://nope/\n").encode()
    [entry] = read_portals(csv_bytes)[0]
    assert entry.listings == ("http://www.laixi.gov.cn/zwgk/zfxxgknb/index.html",)
    st = PortalCrawl(entry=entry, portal_id=1, hosts=PortalCrawl.hosts_for(entry), budget=10)
    assert [w.url for w in policy.seeds(st, recheck=False)] == ["http://www.laixi.gov.cn/",
                                                               "http://www.laixi.gov.cn/zwgk/zfxxgknb/index.html"]
    st.incremental, st.old_entry_points = True, ["http://www.laixi.gov.cn/zwgk/zfxxgknb/index.html"]
    st.known_reports = {"http://www.laixi.gov.cn/zwgk/zfxxgknb/202403/t20240329_6120.html"}
    assert [(w.url, w.role) for w in policy.seeds(st, recheck=True)] == [
        ("http://www.laixi.gov.cn/zwgk/zfxxgknb/index.html", "seed"),
        ("http://www.laixi.gov.cn/zwgk/zfxxgknb/202403/t20240329_6120.html", "report")]


# -- generic page shapes nobody's CMS module owns ---------------------------------------------------------------
def test_a_column_that_shows_its_list_in_a_frame_wants_the_frame():
    body = ('<html><head><title>政府信息公开年报</title></head><body><h2>政府信息公开年报</h2>'
            '<iframe src="list_frame.html" width="100%" height="600"></iframe>'
            '<iframe src="javascript:false"></iframe></body></html>').encode()
    url = "http://www.x.gov.cn/xxgk/ndbg/index.html"
    d = policy.decide(html_fetch(url, body, depth=6), portal("http://www.x.gov.cn/"), OPTS)
    [frame] = d.wants              # past the depth limit too: the frame is the column's own list
    assert frame.url == "http://www.x.gov.cn/xxgk/ndbg/list_frame.html" and frame.role == "link"


def test_script_pager_pages_are_wanted():
    body = ('<html><head><title>年度报告</title></head><body><ul><li><a href="/a/1.html">某县2023年政府信息公开工作年度报告'
            '</a></li></ul><script>function goPage(n){var u = n == 1 ? "list.html" : "list_" + n + ".html"; '
            'window.location.href = u;}</script><div class="pagination"><b>1</b> '
            '<a href="javascript:void(0);" onclick="goPage(2)">2</a> <a href="javascript:void(0);" onclick="goPage(3)">3</a>'
            ' <a href="javascript:void(0);" onclick="goPage(2)">下一页</a></div></body></html>').encode()
    d = policy.decide(html_fetch("http://www.x.gov.cn/ndbg/list.html", body), portal("http://www.x.gov.cn/"), OPTS)
    w = wanted(d)
    assert "http://www.x.gov.cn/ndbg/list_2.html" in w and "http://www.x.gov.cn/ndbg/list_3.html" in w
    assert w["http://www.x.gov.cn/ndbg/list_2.html"].score >= 50
    trs_style = ('<script>function toPage(p){ location.href = "index_" + (p - 1) + ".html"; }</script>'
                 '<a onclick="toPage(2)" href="#">下一页</a><a onclick="toPage(4)" href="#">尾页</a>').encode()
    d = policy.decide(html_fetch("http://www.x.gov.cn/ndbg/index.html", trs_style), portal("http://www.x.gov.cn/"), OPTS)
    assert {"http://www.x.gov.cn/ndbg/index_1.html", "http://www.x.gov.cn/ndbg/index_3.html"} <= set(wanted(d))


def test_report_titles_without_the_word_annual_report_are_candidates():
    from govcrawl.discovery.scoring import is_report_link
    assert is_report_link("某县人民政府2019年度政府信息公开工作报告")
    assert not is_report_link("关于做好2023年度政府信息公开工作年度报告编制发布工作的通知")


def test_a_listing_cut_title_is_followed_and_a_cut_lookalike_is_not():
    from govcrawl.discovery.scoring import is_report_link
    assert is_report_link("2022年度鹤峰县人民政府政府信息公开工作年度报．．．")
    assert is_report_link("鹤峰县人民政府2015年度政府信息公开工作…")
    assert not is_report_link("解读：鹤峰县人民政府2023年政府信息公开工作年．．．")
    assert not is_report_link("鹤峰县人民政府2023年政务公开工作要点...")
    assert not is_report_link("2023年信息公开工作")                       # not cut, not a report's title


def test_a_yearless_list_date_takes_the_year_its_links_url_gives_for_that_month():
    from govcrawl.discovery.links import anchor_links
    html = ('<ul><li><a href="/ndbg/202303/P020230328551.pdf">某县2022年政府信息公开工作年度报告</a><span>[03-28]</span></li>'
            '<li><a href="/ndbg/202303/t20230301_5.html">某县2022年政府信息公开工作年度报告（图解）</a><span>04-01</span></li>'
            '<li><a href="/ndbg/list_2.html">下一页</a><span>03-28</span></li></ul>')
    by_url = {l.url.rsplit("/", 1)[-1]: l.date for l in anchor_links(html, "http://www.x.gov.cn/ndbg/")}
    assert by_url["P020230328551.pdf"] == "2023-03-28"
    assert by_url["t20230301_5.html"] == ""        # the URL's month (03) is not the printed one (04): no date
    assert by_url["list_2.html"] == ""             # no year in the URL: no date


# -- generated portals' pages (tests/portalgen, saved as served): report columns and dates found from them ------
FAM = os.path.join(HERE, "families")


def test_a_hub_whose_branch_is_named_only_by_its_anchor_wants_it():
    """集约化 / Hanweb URLs say nothing (/s0018/c5674/list.shtml): 法定公开内容 must carry the crawl to the column."""
    url = "http://www.x.gov.cn/s0018/c5673/list.shtml"
    d = policy.decide(html_fetch(url, raw(FAM, "jiyue", "hub.html"), depth=1), portal("http://www.x.gov.cn/s0018/"), OPTS)
    w = wanted(d)
    assert w["http://www.x.gov.cn/s0018/c5674/list.shtml"].anchor == "法定公开内容"
    assert "http://www.x.gov.cn/s0018/c5720/list.shtml" not in w       # 通知公告: no report column
    from govcrawl.discovery.scoring import link_score
    assert link_score("主动公开", "http://www.x.gov.cn/c1/list.shtml") >= 20 > link_score("通知公告", "http://x/c2/")


def test_a_bureau_named_as_a_hall_or_an_office_is_a_unit_whose_column_is_followed():
    url = "http://www.x.gov.cn/col/col4935/index.html"
    d = policy.decide(html_fetch(url, raw(FAM, "hanweb", "departments.html"), depth=2), portal("http://www.x.gov.cn/"), OPTS)
    w = wanted(d)
    assert "http://www.x.gov.cn/col/col4951/index.html" in w             # 档案馆
    assert "http://www.x.gov.cn/col/col4961/index.html" in w             # 交通运输局


def test_a_yearless_date_before_a_title_that_starts_with_a_year_is_read_apart_from_it():
    """<em>03-07</em><a>2022年度…</a>: the item's text is 03-072022年…, the date is 03-07 of the URL's 2023."""
    url = "http://www.x.gov.cn/s0019/c6260/list.shtml"
    d = policy.decide(html_fetch(url, raw(FAM, "jiyue", "column-short-dates.html"), depth=3),
                      portal("http://www.x.gov.cn/s0019/"), OPTS)
    dates = {w.url.rsplit("/", 1)[-1]: w.listing_date for w in d.wants if w.candidate}
    assert dates == {"6533316e2e13620845c54a8cfa3516e0.shtml": "2023-04-12",
                     "f90ba73042f56366c4f3f77c2d8b80d9.shtml": "2023-03-07",
                     "9987cd5e31aec698e51fb2dfbda7885d.shtml": "2022-01-09"}
    from govcrawl.discovery.links import anchor_links
    div_list = ('<div class="list"><div><span>03-07</span><a href="/c/202303/a.shtml">2022年某县政府信息公开工作年度报告</a></div>'
                '<div><span>03-28</span><a href="/c/202303/b.shtml">2021年某县政府信息公开工作年度报告</a></div></div>')
    # each item its own date, not the list's first one
    assert [l.date for l in anchor_links(div_list, "http://www.x.gov.cn/c/")] == ["2023-03-07", "2023-03-28"]


def test_a_copy_only_report_listed_without_a_year_takes_the_date_of_the_page_linking_it():
    """Listed as [03-08]: the wrapper's 时间：2024-03-08 (or its URL /art/2024/3/8/) dates the DOCX it wraps."""
    url = "http://www.x.gov.cn/art/2024/3/8/art_3770_58080.html"
    d = policy.decide(html_fetch(url, raw(FAM, "hanweb", "wrapper-time-label.html"), depth=3, listing_date="",
                                 anchor="2023年度永登县人民政府政府信息公开工作年度报告"), portal("http://www.x.gov.cn/"), OPTS)
    [doc] = [w for w in d.wants if w.candidate]
    assert doc.url == "http://www.x.gov.cn/module/download/downfile/3770/58080.docx" and doc.listing_date == "2024-03-08"
    body = raw(FAM, "hanweb", "wrapper-time-label.html").replace("时间：2024-03-08".encode(), b"")
    d = policy.decide(html_fetch(url, body, depth=3), portal("http://www.x.gov.cn/"), OPTS)
    assert [w.listing_date for w in d.wants if w.candidate] == ["2024-03-08"]       # from the URL
    # a wrapper laid out in tables is the candidate itself, its copy an attachment: the date travels with it
    url = "http://www.x.gov.cn/info/9760/43760.htm"
    d = policy.decide(html_fetch(url, raw(FAM, "generic", "wrapper-in-table.html"), depth=3), portal("http://www.x.gov.cn/"), OPTS)
    assert d.candidate and d.attachments == ["http://www.x.gov.cn/system/_content/download/9760/43760.docx"]
    assert d.listing_date == "2024-03-25"
    from govcrawl.discovery.pages import page_date
    assert page_date("<p>统计时间：2023-01-01至2023-12-31</p>") == ""     # a report's period is no publishing date


def test_a_shared_hosts_site_gets_the_hosts_upload_folder_and_nothing_else_outside_its_path():
    """集约化: /s0005/ on a host shared with /s0004/; lone PDFs sit in the host's /uploadfiles/, outside both."""
    home = "http://www.x.gov.cn/s0005/index.shtml"
    opts = CrawlOptions(prefixes={home: "/s0005/"})
    st = portal(home)
    wrapper = ('<html><head><title>某县2023年政府信息公开工作年度报告</title></head><body><p>全文详见附件。</p>'
               '<p>附件：<a href="/uploadfiles/202401/6fc3.pdf">某县2023年政府信息公开工作年度报告.pdf</a></p></body></html>')
    d = policy.decide(html_fetch("http://www.x.gov.cn/s0005/c3530/202401/ab.shtml", wrapper.encode(), depth=3), st, opts)
    [doc] = [w for w in d.wants if w.candidate]
    assert frontier.admit(st, doc, opts).url == "http://www.x.gov.cn/uploadfiles/202401/6fc3.pdf"
    assert frontier.admit(st, Want(url="http://www.x.gov.cn/s0004/c1/list.shtml", depth=1, score=80, role="link"), opts) is None
    assert frontier.admit(st, Want(url="http://www.y.gov.cn/uploadfiles/202401/1.pdf", depth=1, score=95, role="candidate",
                                   candidate=True), opts) is None      # never another host's
