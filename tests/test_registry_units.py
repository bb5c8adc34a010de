"""The registry's pure parts over bytes and rows: link boxes, names, footers and verdicts, renamed
divisions, and the merge rule (never overwritten by a worse guess) on SQLite and PostgreSQL.

Expected values are read off the fixtures here (and off division_aliases.csv for the renames)."""
from __future__ import annotations

import pytest

from govcrawl.db.models import RegistryEntry
from govcrawl.db.session import open_db
from govcrawl.extract.regions import codes_of, current_code, division, region_code
from govcrawl.registry import parse_portals
from govcrawl.registry.identity import judge, official_host, read_identity
from govcrawl.registry.linkboxes import box_links
from govcrawl.registry.names import Target, target_of
from govcrawl.registry.store import Row, merge
from govcrawl.registry.verify import check_portal

LUOYANG = division("410300")
MENGJIN = Target("410308", "孟津区人民政府", "county")

# A city portal as portals print it, GBK bytes: a titled box with 更多, a <select>, tabs, a 网站群 table.
CITY_PAGE = """<html><head><meta charset="gbk"><title>洛阳市人民政府门户网站</title></head><body>
<div class="nav"><a href="/xxgk/">政务公开</a><a href="/news/">新闻中心</a></div>
<div class="box"><div class="hd"><h3>县区政府网站</h3><a href="/more.html">更多</a></div>
<ul><li><a href="http://www.mengjin.gov.cn/">孟津区</a></li><li><a href="http://www.ys.gov.cn/">偃师区人民政府</a></li></ul></div>
<select onchange="window.open(this.value)"><option value="">部门网站</option>
<option value="http://jyj.ly.gov.cn/">洛阳市教育局</option><option value="www.lyczj.gov.cn">财政局</option></select>
<div class="tabbox"><ul><li><a href="javascript:;">市县政府网站</a></li><li><a href="javascript:;">新闻</a></li></ul>
<div class="pane"><a href="http://www.xinan.gov.cn/" title="新安县人民政府">新安县人…</a></div></div>
<table><tr><th>网站群</th></tr><tr><td><a href="http://www.songxian.gov.cn/">嵩县</a></td></tr></table>
<div class="footer">主办单位：洛阳市人民政府办公室 网站标识码：4103000001</div>
</body></html>""".encode("gbk")


def test_link_boxes_in_four_styles_from_gbk_bytes():
    links = {(b.name, b.url) for b in box_links(CITY_PAGE, "http://www.ly.gov.cn/")}
    assert links == {("孟津区", "http://www.mengjin.gov.cn/"), ("偃师区人民政府", "http://www.ys.gov.cn/"),
                     ("洛阳市教育局", "http://jyj.ly.gov.cn/"), ("财政局", "http://www.lyczj.gov.cn"),
                     ("新安县人民政府", "http://www.xinan.gov.cn/"), ("嵩县", "http://www.songxian.gov.cn/")}


def test_bare_heading_over_a_list_is_a_box():
    page = ("<div class='gl'><div class='t'>各县(市、区)</div><ul><li><a href='http://www.hcx.gov.cn/'>华州区</a></li>"
            "</ul></div><div class='gl'><span>市级部门</span><a href='http://sfj.weinan.gov.cn/'>市司法局</a></div>").encode()
    assert [(b.name, b.box) for b in box_links(page, "http://www.weinan.gov.cn/")] == [
        ("华州区", "各县(市、区)"), ("市司法局", "市级部门")]


def test_title_names_the_government_in_any_part():
    ident = read_identity("<title>首页 - 洛阳市人民政府</title><body>欢迎</body>", "http://www.ly.gov.cn/")
    v = judge(ident, Target("410300", "洛阳市人民政府", "city"), "http://www.ly.gov.cn/", allow_private=False)
    assert (v.status, v.how) == ("verified", "name")


def test_navigation_and_news_links_are_no_box():
    page = "<html><body><ul><li><a href='/a.html'>孟津区召开会议</a></li></ul><p>政府网站</p></body></html>".encode()
    assert box_links(page, "http://www.ly.gov.cn/") == []


@pytest.mark.parametrize("name,parent,expected", [
    ("孟津区", "410300", ("410308", "county", "孟津区人民政府")),
    ("孟津", "410300", ("410308", "county", "孟津区人民政府")),
    ("孟津县人民政府", "410300", ("410308", "county", "孟津区人民政府")),        # the old name, today's code
    ("洛阳市孟津区人民政府", "410000", ("410308", "county", "孟津区人民政府")),   # listed by the province
    ("嵩县", "410300", ("410325", "county", "嵩县人民政府")),
    ("教育局", "410308", ("410308", "department", "孟津区教育局")),
    ("孟津区城关镇人民政府", "410308", ("410308", "township", "孟津区城关镇人民政府")),
    ("洛阳市教育局", "410308", None),            # the city's bureau listed on a county's portal
    ("中国政府网", "410000", None),
    ("河南省人民政府", "410300", None),
    ("郑州市", "410300", None),                  # not under 洛阳市
])
def test_which_government_a_link_names(name, parent, expected):
    t = target_of(name, division(parent))
    assert (t and (t.code, t.level, t.name)) == expected


def _home(footer: str, title: str = "孟津区人民政府门户网站") -> str:
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{footer}</p></body></html>"


def test_renamed_county_keeps_its_old_code_in_the_footer_and_verifies():
    ident = read_identity(_home("主办单位：洛阳市孟津区人民政府 网站标识码：4103220001"), "http://www.mengjin.gov.cn/")
    assert (ident.site_code, ident.sponsor) == ("4103220001", "洛阳市孟津区人民政府")
    v = judge(ident, MENGJIN, "http://www.mengjin.gov.cn/", allow_private=False)
    assert (v.status, v.how) == ("verified", "footer code")


def test_copy_site_with_another_countys_footer_code_is_a_mismatch():
    ident = read_identity(_home("网站标识码：4103230001"), "http://www.mengjin.gov.cn/")   # 新安县's code
    v = judge(ident, MENGJIN, "http://www.mengjin.gov.cn/", allow_private=False)
    assert v.status == "mismatch" and "新安县 410323" in v.why


def test_spam_clone_and_off_gov_host_are_refused():
    clone = read_identity(_home("网站标识码：4103220001", "孟津区人民政府-澳门葡京娱乐城"), "http://www.mengjin.gov.cn/")
    assert judge(clone, MENGJIN, "http://www.mengjin.gov.cn/", allow_private=False).status == "clone"
    copy = read_identity(_home("网站标识码：4103220001"), "http://www.mengjin-gov.com/")
    v = judge(copy, MENGJIN, "http://www.mengjin-gov.com/", allow_private=False)
    assert v.status == "clone" and "off .gov.cn" in v.why
    assert official_host("http://www.mengjin.gov.cn/", False) and not official_host("http://127.0.0.1/", False)
    assert official_host("http://127.0.0.1/", True)       # the loopback test web, only with --allow-private


def test_no_code_no_name_is_unverified_and_a_notice_names_the_new_address():
    blank = read_identity("<html><title>欢迎访问</title><body>首页</body></html>", "http://www.mengjin.gov.cn/")
    assert judge(blank, MENGJIN, "http://www.mengjin.gov.cn/", allow_private=False).status == "unverified"
    page = "<html><body><p>本网站已迁移至新网址：<a href='http://www.new.gov.cn/'>http://www.new.gov.cn/</a></p></body></html>"
    notice = read_identity(page, "http://www.mengjin.gov.cn/")
    assert notice.moved_to == "http://www.new.gov.cn/"
    assert judge(notice, MENGJIN, "http://www.mengjin.gov.cn/", allow_private=False).status == "moved"


def test_department_site_needs_its_government_code_and_its_own_name():
    dept = Target("410308", "孟津区教育局", "department", "教育局")
    ok = read_identity(_home("网站标识码：4103220050", "孟津区教育局"), "http://jyj.mengjin.gov.cn/")
    assert judge(ok, dept, "http://jyj.mengjin.gov.cn/", allow_private=False).status == "verified"
    other = read_identity(_home("网站标识码：4103220051", "孟津区财政局"), "http://jyj.mengjin.gov.cn/")
    assert judge(other, dept, "http://jyj.mengjin.gov.cn/", allow_private=False).status == "unverified"


def test_renamed_divisions_resolve_to_todays_code():
    # division_aliases.csv: 孟津县 410322 and 吉利区 410306 -> 孟津区 410308 (2021), 偃师市 410381 -> 偃师区 410307
    assert current_code("410322") == "410308" and current_code("410306") == "410308"
    assert division("410308").name == "孟津区" and division("410307").name == "偃师区"
    assert codes_of("410308") == {"410308", "410322", "410306"}
    assert region_code("孟津县人民政府") == "410308" and region_code("洛阳市偃师区人民政府") == "410307"
    portals = parse_portals("code,name,url\n410322,孟津县人民政府,http://www.mengjin.gov.cn/\n".encode())
    assert portals[0].code == "410308"


@pytest.fixture()
def session(db_url):
    engine, Session = open_db(db_url)      # a SQLite file and a fresh PostgreSQL database
    with Session() as s:
        yield s
    engine.dispose()


def _row(url, status, found_by="discover:x", **evidence):
    return Row("410308", "孟津区人民政府", "county", "410300", url, [], "", status, found_by, evidence, checked=True)


def test_merge_never_takes_a_worse_guess(session):
    merge(session, _row("http://a.gov.cn/", "verified"))
    merge(session, _row("http://b.gov.cn/", "down", why="no answer"))           # worse: kept aside
    merge(session, _row("http://c.gov.cn/", "mismatch", why="copy"))
    session.commit()
    e = session.query(RegistryEntry).one()
    assert (e.url, e.status) == ("http://a.gov.cn/", "verified")
    assert [r["url"] for r in e.evidence["refused"]] == ["http://b.gov.cn/", "http://c.gov.cn/"]
    merge(session, _row("http://a.gov.cn/", "down", why="gone"))                # the same address re-checked: a fact
    merge(session, _row("http://d.gov.cn/", "verified"))                        # now better founded
    session.commit()
    assert (e.url, e.status, e.evidence["previous"]) == ("http://d.gov.cn/", "verified", "http://a.gov.cn/")


def test_merge_keeps_the_users_address_and_follows_only_its_move(session):
    merge(session, Row("410308", "洛阳市孟津区人民政府", "county", "410300", "http://u.gov.cn/", found_by="user:mine.csv"))
    merge(session, _row("http://d.gov.cn/", "verified"))                        # found elsewhere: the user's stays
    session.commit()
    e = session.query(RegistryEntry).one()
    assert (e.url, e.found_by, e.name) == ("http://u.gov.cn/", "user:mine.csv", "洛阳市孟津区人民政府")
    merge(session, _row("http://u.gov.cn/", "verified"))                        # the user's address verified
    merge(session, _row("http://new.gov.cn/", "verified", moved_from="http://u.gov.cn/"))
    session.commit()
    assert (e.url, e.status, e.found_by) == ("http://new.gov.cn/", "verified", "discover:x")


def test_guard_refuses_before_anything_is_sent():
    # Outside the environment's networks (the test settings: loopback only), even with --allow-private.
    c = check_portal("http://10.20.30.40/", None, allow_private=True, allowed_networks=["127.0.0.0/8"])
    assert c.status == "refused" and "outside" in c.why
    c = check_portal("http://127.0.0.9:9/", MENGJIN, allow_private=False)
    assert c.status == "refused" and "private" in c.why
