"""Discovery's pure parts on real bytes: the test web's pages as served, and small hand-written pages.

Expected values are read off the pages themselves (the record counts, parameters and links they print).
"""
from __future__ import annotations

import json
import os
from urllib.parse import parse_qs, urlsplit

from govcrawl.crawl import policy
from govcrawl.discovery import pages, scope
from govcrawl.discovery.entrypoints import EntryPoints
from govcrawl.extract.decode import decode_page
from govcrawl.discovery.scoring import is_pagination, is_report_link, link_score
from govcrawl.families import gkmlpt, hanweb, registry
from govcrawl.families.base import FamilyRequest, Page
from govcrawl.families.registry import page_links as extract_links
from govcrawl.families.trs import script_pagination

SITES = os.path.join(os.path.dirname(__file__), "web", "sites")


def follow_ups(html: str, url: str, fragment: str = "") -> list[FamilyRequest]:
    """The family requests the crawl policy would follow from this page."""
    page = Page(url=url, html=html, fragment=fragment, links=tuple(registry.page_links(html, url)))
    return [r for r in registry.follow_ups(page) if policy.worth_following(r)]


def read_api(family: str, url: str, body: bytes, state=None):
    return registry.read_answer(FamilyRequest(url=url, family=family, state=state), url, body)


def site_bytes(site: str, host: str, path: str) -> bytes:
    with open(os.path.join(SITES, site, host, path.lstrip("/")), "rb") as fh:
        return fh.read()


def site_text(site: str, host: str, path: str) -> str:
    return site_bytes(site, host, path).decode("utf-8")


# -- listings and pagination ---------------------------------------------------------------------------
def test_trs_create_page_html_gives_the_other_pages():
    html = site_text("laixi", "www.laixi.gov.cn", "/zwgk/zfxxgknb/index.html")    # createPageHTML(3, 0, "index", "html")
    urls = [l.url for l in script_pagination(html, "http://www.laixi.gov.cn/zwgk/zfxxgknb/index.html")]
    assert urls == ["http://www.laixi.gov.cn/zwgk/zfxxgknb/index_1.html",
                    "http://www.laixi.gov.cn/zwgk/zfxxgknb/index_2.html"]


def test_plain_cms_next_page_and_numbers_are_pagination():
    assert is_pagination("a", "下一页") and is_pagination("a", "3") and is_pagination("a", "尾页")
    assert not is_pagination("a", "政务公开") and not is_pagination("a", "2023")


def test_listing_date_from_the_table_row():
    html = ('<table><tr><td><a href="/art/2024/1/30/art_4201_730.html">南阳市发展和改革委员会2023年政府信息公开工作年度报告'
            '</a></td><td>2024-01-30</td></tr></table>')
    [link] = extract_links(html, "http://www.nanyang.gov.cn/module/xxgk/search.jsp")
    assert link.date == "2024-01-30"
    assert link.url == "http://www.nanyang.gov.cn/art/2024/1/30/art_4201_730.html"


def test_a_date_without_zeros_beside_a_title_that_starts_with_a_year():
    # Seen on a generated portal (tests/portalgen seed 23, listdate:nozero): run together the item reads
    # 2024-1-12023年…, which is no 12 January and, for 2022-1-9 + 2021年…, no date at all.
    html = ('<div class="list"><div class="cell"><span class="sj">2024-1-1</span><a href="/info/8890/81439.htm">'
            '2023年剑河县南寨镇人民政府政府信息公开工作年度报告</a></div>'
            '<div class="cell"><span class="sj">2022-1-9</span><a href="/info/6200/32038.htm">'
            '2021年川王镇人民政府政府信息公开工作年度报告</a></div>'
            '<div class="cell"><span>2023-12-30</span><a href="/info/1/3.htm">年度报告</a></div></div>')
    assert [link.date for link in extract_links(html, "http://h/xxgk/index.htm")] == [
        "2024-01-01", "2022-01-09", "2023-12-30"]


def test_listing_first_page():
    assert pages.listing_first_page("http://h/zwgk/zfxxgknb/index_2.html") == "http://h/zwgk/zfxxgknb/index.html"
    assert pages.listing_first_page("http://h/xxgk/ndbg/list.jsp?page=3") == "http://h/xxgk/ndbg/list.jsp"
    assert pages.listing_first_page("http://h/gkmlpt/api/all/2629?page=2&sid=757005") == \
        "http://h/gkmlpt/api/all/2629?sid=757005"


# -- Hanweb ------------------------------------------------------------------------------------------------
def test_hanweb_column_page_gives_the_proxy_post_for_the_records_after_the_embedded_ones():
    html = site_text("nanyang", "www.nanyang.gov.cn", "/col/col4152/index.html")
    jp = hanweb.jpage_of(html)
    assert jp is not None
    assert (jp.total, jp.per_page, jp.shown) == (8, 4, 4)          # totalRecord: 8, perPage: 4, four <record>s
    assert jp.params["columnid"] == "4152" and jp.params["unitid"] == "15562" and jp.params["webid"] == "1"
    url, body = hanweb.next_post("http://www.nanyang.gov.cn/col/col4152/index.html", jp)
    parts = urlsplit(url)
    assert parts.path == "/module/web/jpage/dataproxy.jsp"
    assert parse_qs(parts.query) == {"startrecord": ["5"], "endrecord": ["8"], "perpage": ["4"]}
    form = parse_qs(body.decode())
    assert form["columnid"] == ["4152"] and form["unitid"] == ["15562"] and form["webname"] == ["南阳"]


def test_hanweb_proxy_answer_records_are_links_and_an_empty_answer_ends_the_list():
    jp = hanweb.Jpage(params={"columnid": "4152"}, total=0, per_page=4, shown=4)
    xml = ('<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>6</totalrecord><recordset>'
           '<record><![CDATA[<li><a href="/art/2023/3/31/art_4152_690.html">南阳市人民政府2022年政府信息公开工作年度报告</a>'
           '<span>2023-03-31</span></li>]]></record>\n'
           '<record><![CDATA[<li><a href="/art/2022/3/30/art_4152_640.html">南阳市人民政府2021年政府信息公开工作年度报告</a>'
           '<span>2022-03-30</span></li>]]></record></recordset></datastore>')
    answer = read_api("hanweb", "http://www.nanyang.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=5",
                               xml.encode(), jp)
    urls = {l.url for l in answer.links}
    assert urls == {"http://www.nanyang.gov.cn/art/2023/3/31/art_4152_690.html",
                    "http://www.nanyang.gov.cn/art/2022/3/30/art_4152_640.html"}
    assert {l.date for l in answer.links} == {"2023-03-31", "2022-03-30"}
    assert answer.more == []                                     # 4 + 2 = totalrecord 6: nothing left
    empty = b'<?xml version="1.0"?><datastore><totalrecord>0</totalrecord><recordset></recordset></datastore>'
    assert hanweb.after_response(jp, empty.decode()) is None


def test_hanweb_xxgk_directory_posts_only_the_annual_report_category():
    html = site_text("nanyang", "www.nanyang.gov.cn", "/col/col4200/index.html")
    reqs = follow_ups(html, "http://www.nanyang.gov.cn/col/col4200/index.html")
    assert len(reqs) == 1                                        # 政府信息公开年度报告, not 机构职能
    [req] = reqs
    assert req.method == "POST" and req.url == "http://www.nanyang.gov.cn/module/xxgk/search.jsp"
    form = parse_qs(req.body.decode(), keep_blank_values=True)
    assert form["infotypeId"] == ["NY0107"] and form["currpage"] == ["1"] and form["divid"] == ["xxgk_list"]
    answer = ('<table class="xxgk_table"><tr><td><a href="/art/2024/1/30/art_4201_730.html">x</a></td></tr></table>'
              '<div class="page">共3条 第1/2页 <a href="javascript:void(0)" onclick="xxgkSearch(\'NY0107\', 2)">下一页</a></div>')
    nxt = read_api("hanweb_xxgk", req.url, answer.encode(), req.state)
    assert [parse_qs(r.body.decode())["currpage"] for r in nxt.more] == [["2"]]
    last = read_api("hanweb_xxgk", req.url, b"<table></table><div>1/1</div>", nxt.more[0].state)
    assert last.more == []


# -- gkmlpt ------------------------------------------------------------------------------------------------
def test_gkmlpt_page_gives_the_api_request_with_its_sid_and_category():
    html = site_text("nanhai", "www.nanhai.gov.cn", "/gkmlpt/annualreport")
    reqs = follow_ups(html, "http://www.nanhai.gov.cn/gkmlpt/annualreport", fragment="2629")
    assert [r.url for r in reqs] == ["http://www.nanhai.gov.cn/gkmlpt/api/all/2629?page=1&sid=757005"]
    # reached without its #fragment (a learned entry point, a link without it): the page's own category
    reqs = follow_ups(html, "http://www.nanhai.gov.cn/gkmlpt/annualreport")
    assert [r.url for r in reqs] == ["http://www.nanhai.gov.cn/gkmlpt/api/all/2629?page=1&sid=757005"]


def test_gkmlpt_api_articles_dates_and_next_page():
    body = json.dumps({"articles": [
        {"title": "佛山市南海区人民政府2023年政府信息公开工作年度报告",
         "url": "http://www.nanhai.gov.cn/gkmlpt/content/0/963/post_963149.html", "date": 1711589400},
        {"title": "b", "url": "/gkmlpt/content/0/963/post_963001.html", "first_publish_time": "2024-01-30 09:00:00"}],
        "total": 5, "page": 1, "page_size": 2}, ensure_ascii=False).encode()
    url = "http://www.nanhai.gov.cn/gkmlpt/api/all/2629?page=1&sid=757005"
    links, nxt = gkmlpt.parse_api(url, body)
    assert [l.date for l in links] == ["2024-03-28", "2024-01-30"]      # 1711589400 is 2024-03-28 09:30 in China
    assert links[1].url == "http://www.nanhai.gov.cn/gkmlpt/content/0/963/post_963001.html"
    assert nxt == "http://www.nanhai.gov.cn/gkmlpt/api/all/2629?page=2&sid=757005"
    last = json.dumps({"articles": [{"title": "c", "url": "/x.html"}], "total": 5, "page": 3, "page_size": 2}).encode()
    assert gkmlpt.parse_api("http://www.nanhai.gov.cn/gkmlpt/api/all/2629?page=3&sid=757005", last)[1] is None


# -- scope, scoring, pages ---------------------------------------------------------------------------------
def test_sites_sharing_a_host_are_confined_to_their_own_path():
    urls = ["http://www.ganzhou.gov.cn/gzszf/index.shtml", "http://www.ganzhou.gov.cn/rjs/index.shtml",
            "http://www.laixi.gov.cn/"]
    prefixes = scope.prefixes_for(urls)
    assert prefixes == {urls[0]: "/gzszf/", urls[1]: "/rjs/", urls[2]: ""}
    assert scope.in_scope("http://www.ganzhou.gov.cn/rjs/c100171/list.shtml", urls[1], "/rjs/")
    assert not scope.in_scope("http://www.ganzhou.gov.cn/xfx/c100366/list.shtml", urls[1], "/rjs/")
    assert scope.in_scope("http://www.ganzhou.gov.cn/uploadfiles/202401/a.pdf", urls[1], "/rjs/")


def test_scores_put_reports_first_and_skip_look_alikes_traps_and_leaf_articles():
    assert link_score("莱西市人民政府2023年政府信息公开工作年度报告", "http://h/zwgk/zfxxgknb/202403/t20240329_6120.html") == 100
    for lookalike in ("关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", "解读：莱西市教育体育局2023年政府信息公开工作年度报告",
                      "图解：莱西市人民政府2023年政府信息公开工作年度报告"):
        assert link_score(lookalike, "http://h/a/t20240105_6002.html") < 0 and not is_report_link(lookalike)
    assert link_score("2023年莱西市政务公开工作要点", "http://h/zwgk/zfxxgknb/202304/t20230420_5990.html") < 20
    assert link_score("政府信息公开年报", "http://h/zwgk/zfxxgknb/index.html") >= 80
    assert link_score("市教育体育局", "http://jyj.h/") >= 20                  # a department's own site
    assert link_score("2024-01-02 领导活动安排", "http://h/search/calendar.html?date=2024-01-02") < 0
    assert link_score("视频新闻", "http://h/xwzx/sp/index.html") < 20


def test_decode_reads_gbk_behind_a_lying_iso_8859_1_header():
    body = site_bytes("shengsi", "www.shengsi.gov.cn", "/xxgk/ndbg/list.jsp")
    text = decode_page(body, "text/html;charset=ISO-8859-1")
    assert "政府信息公开工作年度报告" in text


def test_a_page_that_only_wraps_its_document_is_told_from_a_report_page():
    wrapper = site_text("nanhai", "www.nanhai.gov.cn", "/gkmlpt/content/0/962/post_962950.html")
    assert pages.attachment_wrapper(wrapper)
    assert pages.page_date(wrapper) == "2024-01-25"
    bare = site_text("yongning", "www.nxyn.gov.cn", "/xxgk/ndbg/2024/0205/c29.html")    # "附件：<a …docx>"
    assert pages.attachment_wrapper(bare)
    report = site_text("laixi", "www.laixi.gov.cn", "/zwgk/zfxxgknb/202403/t20240329_6120.html")
    assert not pages.attachment_wrapper(report)


def test_entry_points_are_the_listings_not_the_home_page_or_a_page_pointing_back():
    ep = EntryPoints()
    home = "http://h/"
    listing = ["http://h/zwgk/zfxxgknb/index.html", "http://h/zwgk/zfxxgknb/index_1.html"]
    ep.saw_listing(home, ["http://h/r/2023.html"])                                   # the home page's "latest" box
    ep.saw_listing(listing[0], ["http://h/r/2023.html", "http://h/r/2022.html"])
    ep.saw_listing(listing[1], ["http://h/r/2021.html", "http://h/r/2020.html"])
    ep.saw_listing("http://h/r/stats.html", ["http://h/r/2022.html"])                  # a 统计表 page linking back
    ep.saw_listing(home, ["http://h/town/2023.html"])                                  # only the home page links it
    stored = {"http://h/r/2023.html", "http://h/r/2022.html", "http://h/r/2021.html", "http://h/town/2023.html"}
    assert ep.best(stored, home) == {listing[0], "http://h/"}
    assert ep.best({"http://h/r/2021.html"}, home) == {listing[0]}                   # index_1 -> index


def test_noise_words_are_judged_in_context():
    """旅游/新闻 in a section name is noise; in a unit's own name (a bureau whose reports we need) it is not."""
    from govcrawl.config import CRAWL_FOLLOW_SCORE as FOLLOW_THRESHOLD
    for unit in ("文化和广电旅游体育局", "新闻出版局", "县文化广电新闻出版局", "旅游发展委员会"):
        assert link_score(unit, "http://127.0.0.5/bm/whlyj/") >= FOLLOW_THRESHOLD, unit
    for section in ("新闻动态", "旅游景点", "新闻中心", "领导活动"):
        assert link_score(section, "http://127.0.0.5/xwzx/") < FOLLOW_THRESHOLD, section


def test_a_links_context_reads_only_the_text_it_keeps_and_is_the_same_text():
    # _head stops reading a container's text once the collapsed prefix is long enough; seeded random
    # trees of words, blanks and CJK runs: the same string as collapsing all of it and cutting.
    import random
    import lxml.html
    from govcrawl.discovery.links import _head
    rnd = random.Random(5)
    pieces = ["政府信息公开", "2023-03-28", " ", "\n\t", "  年度报告 ", "[03-28]", "a", "通知公告" * 20, ""]
    for _ in range(300):
        def tree(depth):
            kids = "".join(f"<span>{rnd.choice(pieces)}{tree(depth - 1) if depth else ''}</span>{rnd.choice(pieces)}"
                           for _ in range(rnd.randint(0, 4)))
            return rnd.choice(pieces) + kids
        node = lxml.html.fromstring(f"<div>{tree(3)}</div>")
        for sep in ("", " "):
            for limit in (5, 200):
                assert _head(node, sep, limit) == " ".join(sep.join(node.itertext()).split())[:limit]
