"""The test web itself: alias rewriting, raw GBK bytes, conditional GET, dynamic families, traps, truth."""
import csv
import json
import os
import re
import socket
import urllib.error
import urllib.request

import pytest

from tests.web.server import TestWeb


@pytest.fixture(scope="module")
def web():
    with TestWeb(slow_seconds=0.2) as w:
        yield w


def fetch(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def test_alias_hosts_are_rewritten_to_loopback(web):
    status, _, body = fetch(web.served("http://www.laixi.gov.cn/zwgk/zfxxgknb/index.html"))
    assert status == 200
    text = body.decode("utf-8")
    assert "//www.laixi.gov.cn" not in text and "//jyj.laixi.gov.cn" not in text
    assert f"//{web.addr['www.laixi.gov.cn']}:{web.port}/zwgk/index.html" in text
    # foreign hosts stay as written (a correct crawler never requests them)
    assert "http://192.168.10.5/oa/login.jsp" in text and "http://www.baidu.com/" in text
    assert 'createPageHTML(3, 0, "index", "html")' in text
    assert "gc-item" not in text


def test_served_and_alias_are_inverse(web):
    a = "http://jyj.laixi.gov.cn/xxgk/ndbg/index.html"
    s = web.served(a)
    assert s.startswith("http://127.0.0.") and s != a
    assert web.alias(s) == a


def test_gbk_bytes_untouched_except_hosts(web):
    url = "http://www.shengsi.gov.cn/xxgk/ndbg/list.jsp?page=2"
    status, headers, body = fetch(web.served(url))
    assert status == 200
    assert headers["Content-Type"] == "text/html;charset=ISO-8859-1"  # the header lies; the meta says gb2312
    path = os.path.join(web.sites_dir, "shengsi", "www.shengsi.gov.cn", "xxgk", "ndbg", "list.jsp@page=2")
    raw = open(path, "rb").read()
    # the only changes: publication markers around list items dropped, alias hosts rewritten
    expected = re.sub(rb'<!--gc-item href="[^"]+"-->(.*?)<!--/gc-item-->\n', rb"\1", raw, flags=re.S)
    expected = expected.replace(b"//www.shengsi.gov.cn", f"//{web.addr['www.shengsi.gov.cn']}:{web.port}".encode())
    assert body == expected
    assert b"charset=gb2312" in body
    assert "下一页".encode("gbk") in body and "上一页".encode("gbk") in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    body.decode("gbk")


def test_gbk_article_identical_bytes(web):
    url = "http://www.shengsi.gov.cn/info/1005/1918.htm"
    status, headers, body = fetch(web.served(url))
    raw = open(os.path.join(web.sites_dir, "shengsi", "www.shengsi.gov.cn", "info", "1005", "1918.htm"), "rb").read()
    assert status == 200 and headers["Content-Type"] == "text/html"
    assert body == raw.replace(b"//www.shengsi.gov.cn", f"//{web.addr['www.shengsi.gov.cn']}:{web.port}".encode())


def test_conditional_get(web):
    url = web.served("http://www.laixi.gov.cn/zwgk/zfxxgknb/202101/t20210129_5517.html")
    status, h, body = fetch(url)
    assert status == 200 and h.get("ETag") and h.get("Last-Modified")
    assert fetch(url, headers={"If-None-Match": h["ETag"]})[0] == 304
    assert fetch(url, headers={"If-Modified-Since": h["Last-Modified"]})[0] == 304
    assert fetch(url, headers={"If-None-Match": '"other"'})[0] == 200
    assert fetch(url, headers={"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"})[0] == 200


def test_dead_link_and_soft_404(web):
    assert fetch(web.served("http://www.laixi.gov.cn/zwgk/zfxxgknb/201901/t20190130_4001.html"))[0] == 404
    status, _, body = fetch(web.served("http://www.shengsi.gov.cn/info/1005/1501.htm"))
    assert status == 200 and "您访问的页面不存在".encode("gbk") in body


def test_truth_files_are_not_served(web):
    assert fetch(web.served("http://www.laixi.gov.cn/zwgk/zfxxgknb/202101/t20210129_5517.html.truth.json"))[0] == 404


def test_redirect_loop_and_calendar(web):
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as e:
        opener.open(web.served("http://www.laixi.gov.cn/loop/a.html"), timeout=5)
    assert e.value.code == 302 and e.value.headers["Location"].endswith("/loop/b.html")
    status, _, body = fetch(web.served("http://www.laixi.gov.cn/search/calendar.html?date=2031-05-06"))
    assert status == 200 and b"?date=2031-05-07" in body


def test_non_html_behind_html_link(web):
    status, h, body = fetch(web.served("http://www.laixi.gov.cn/xwzx/sp/t20230310_1.html"))
    assert status == 200 and h["Content-Type"] == "video/mp4"


def test_down_and_blocked_portals(web):
    rows = {r["site"]: r for r in web.portals()}
    down = rows["xiajin"]["url"]
    host, port = down.split("//")[1].split("/")[0].split(":")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, int(port)), timeout=3)
    status, h, body = fetch(rows["blocked"]["url"])
    assert status == 412 and b"$_ts" in body and "80S=" in h["Set-Cookie"]
    status, h, body = fetch(rows["blocked_jsl"]["url"])
    assert status == 521 and b"document.cookie" in body and "__jsluid_h=" in h["Set-Cookie"]


def test_portals_csv(web, tmp_path):
    path = tmp_path / "portals.csv"
    web.write_portals_csv(path)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    assert list(rows[0])[:4] == ["code", "name", "url", "level"]
    laixi = [r for r in rows if r["code"] == "370285"][0]
    assert laixi["name"] == "莱西市人民政府" and laixi["url"].startswith("http://127.0.0.")


def test_publishing_clock_and_replace():
    report = "http://jyj.laixi.gov.cn/xxgk/ndbg/202402/t20240210_881.html"
    with TestWeb(now="2024-02-01") as w:
        listing = w.served("http://jyj.laixi.gov.cn/xxgk/ndbg/index.html")
        assert fetch(w.served(report))[0] == 404
        w.publish_at(report, "2024-01-20")  # moved earlier: visible now
        assert fetch(w.served(report))[0] == 200
        w.publish_at(report, "2024-02-10")
        _, lh, lbody = fetch(listing)
        assert b"t20240210_881" not in lbody
        assert fetch(listing, headers={"If-Modified-Since": lh["Last-Modified"]})[0] == 304
        assert report not in [r["url"] for r in w.truth()]
        assert report in [r["url"] for r in w.truth(include_unpublished=True)]
        w.set_now("2024-02-10")
        assert fetch(w.served(report))[0] == 200
        # the list changed: neither validator may answer 304 any more
        assert fetch(listing, headers={"If-Modified-Since": lh["Last-Modified"]})[0] == 200
        assert fetch(listing, headers={"If-None-Match": lh["ETag"]})[0] == 200
        assert b"t20240210_881" in fetch(listing)[2]
        assert report in [r["url"] for r in w.truth()]
        _, h1, _ = fetch(w.served(report))
        w.set_now("2024-03-01")
        w.replace(report, "<html><body>更正后的报告</body></html>".encode("utf-8"))
        status, h2, body = fetch(w.served(report), headers={"If-None-Match": h1["ETag"]})
        assert status == 200 and "更正后".encode() in body and h2["ETag"] != h1["ETag"]


def test_every_truth_url_answers_200(web):
    truth = web.truth()
    assert len(truth) >= 15
    for r in truth:
        status, _, body = fetch(web.served(r["url"]))
        assert status == 200, r["url"]
        case = web.case(r)
        assert case["url"] == r["url"] and case["is_report"] is True
        assert case["facts"]["year"] == r["year"]
    for d in web.distractors():
        if d["kind"] not in ("dead_link", "soft404"):
            assert fetch(web.served(d["url"]))[0] == 200, d["url"]


def test_requests_are_logged(web):
    before = len(web.requests)
    fetch(web.served("http://www.laixi.gov.cn/"))
    assert len(web.requests) == before + 1
    method, url, status = list(web.requests)[-1]
    assert method == "GET" and status == 200 and url.startswith("http://127.0.0.")


def test_hanweb_inline_records_and_dataproxy_post(web):
    col = fetch(web.served("http://www.nanyang.gov.cn/col/col4152/index.html"))[2].decode()
    assert '<script type="text/xml">' in col and col.count("<record>") == 4
    assert "art_4152_501.html" not in col  # the seed report is only reachable through the proxy
    proxy = web.served("http://www.nanyang.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=5&endrecord=8&perpage=4")
    assert fetch(proxy)[0] == 405
    status, h, body = fetch(proxy, data=b"col=1&webid=1&path=/&columnid=4152&unitid=15562&permissiontype=0")
    assert status == 200 and h["Content-Type"].startswith("text/xml")
    text = body.decode()
    assert text.count("<record>") == 4 and "/art/2020/1/22/art_4152_501.html" in text


def test_gkmlpt_json_needs_sid(web):
    shell = fetch(web.served("http://www.nanhai.gov.cn/gkmlpt/annualreport"))[2].decode()
    assert "SID: '757005'" in shell and "post_" not in shell
    assert fetch(web.served("http://www.nanhai.gov.cn/gkmlpt/api/all/2629?page=1"))[0] == 403
    status, _, body = fetch(web.served("http://www.nanhai.gov.cn/gkmlpt/api/all/2629?page=1&sid=757005"))
    d = json.loads(body)
    assert status == 200 and d["total"] == 8 and len(d["articles"]) == 3
    a = d["articles"][0]
    assert a["url"].startswith(f"http://{web.addr['www.nanhai.gov.cn']}:{web.port}/gkmlpt/content/")
    assert isinstance(a["first_publish_time"], int)


def test_epoint_body_only_through_post(web):
    r = [t for t in web.truth() if t["site"] == "suyu"][0]
    shell = fetch(web.served(r["url"]))[2].decode()
    assert "getInfoDetail" in shell and "二、主动公开政府信息情况" not in shell
    guid = r["url"].split("infoGuid=")[1].split("&")[0]
    api = web.served("http://www.suyu.gov.cn/EpointWebBuilder/rest/frontAppNotNeedLoginAction/getInfoDetail")
    status, _, body = fetch(api, data=json.dumps({"params": {"infoGuid": guid}}).encode(),
                            headers={"Content-Type": "application/json"})
    d = json.loads(body)
    assert status == 200 and "本年新收政府信息公开申请数量" in d["custom"]["content"]
    assert d["custom"]["infodate"] == r["published"]


def test_fetch_json_list(web):
    page = fetch(web.served("http://www.nxyn.gov.cn/xxgk/ndbg/index.html"))[2].decode()
    assert "list.json" in page and "c31.html" not in page
    d = json.loads(fetch(web.served("http://www.nxyn.gov.cn/xxgk/ndbg/list.json?page=2"))[2])
    assert d["total"] == 6 and d["pages"] == 2 and len(d["data"]) == 3   # 4 report rows (a .docx and a scan among them), 2 others


def test_shared_host_portals(web):
    rows = [r for r in web.portals() if r["site"] == "ganzhou"]
    assert {r["code"] for r in rows} == {"360700", "360781", "360722"}
    assert len({r["url"].split("/")[2] for r in rows}) == 1
    rj = [t for t in web.truth() if t["region_code"] == "360781"]
    assert all("/rjs/" in t["url"] for t in rj) and len(rj) == 3


def test_bench_clones_rename_hosts_everywhere(tmp_path):
    from tests.web.bench import clone_web
    sites = clone_web(str(tmp_path / "bench"), copies=2)
    with TestWeb(sites_dir=sites) as w:
        truth = w.truth()
        assert len(truth) == 2 * len(TestWeb().truth())
        r = [t for t in truth if t["url"].startswith("http://www.shengsi-c2.gov.cn/")][0]
        status, _, body = fetch(w.served(r["url"]))
        assert status == 200 and w.case(r)["url"] == r["url"]
        body.decode("gbk")
        listing = fetch(w.served("http://www.laixi-c2.gov.cn/zwgk/zfxxgknb/index.html"))[2].decode()
        assert f"//{w.addr['www.laixi-c2.gov.cn']}:{w.port}/" in listing and "laixi.gov.cn" not in listing


def test_spam_mirror_is_served_but_never_a_portal(web):
    assert "spam" not in {r["site"] for r in web.portals()}
    home = fetch(web.served("http://www.laixi.gov.cn/"))[2].decode()
    spam = web.served("http://www.gov-laixi-bet365.com/")
    assert spam.rstrip("/") in home  # the portal links to it, rewritten to loopback
    copy = [d for d in web.distractors() if d["kind"] == "spam_copy"][0]
    body = fetch(web.served(copy["url"]))[2].decode()
    assert "本年新收政府信息公开申请数量" in body and copy["url"] not in {r["url"] for r in web.truth()}


def test_hanweb_xxgk_directory_search(web):
    api = web.served("http://www.nanyang.gov.cn/module/xxgk/search.jsp")
    status, _, body = fetch(api, data="infotypeId=NY0107&jdid=1&currpage=1".encode())
    text = body.decode()
    assert status == 200 and text.count("<a href=") == 3  # two rows + 下一页
    assert "第1/2页" in text and "xxgkSearch('NY0107', 2)" in text
    text2 = fetch(api, data=b"infotypeId=NY0107&jdid=1&currpage=2")[2].decode()
    urls = [r["url"] for r in web.truth() if "art_4201_" in r["url"]]
    assert len(urls) == 2 and all(web.served(u) in text + text2 for u in urls)


# ---- bulk pages, scan, WZWS, BOM ---------------------------------------------------------------------

def _links(body: bytes, enc="utf-8") -> list[str]:
    return re.findall(r'href="([^"#]+)"', body.decode(enc))


def test_bulk_news_archive_is_linked_paginated_and_deterministic(web):
    home = fetch(web.served("http://www.laixi.gov.cn/"))[2]
    assert "/xwzx/ywdt/index.html" in _links(home)
    status, _, first = fetch(web.served("http://www.laixi.gov.cn/xwzx/ywdt/index.html"))
    assert status == 200
    items = re.findall(r'<li><a href="(/xwzx/ywdt/\d{6}/t\d{8}_\d+\.html)"', first.decode())
    assert len(items) == 20
    assert 'href="/xwzx/ywdt/index_1.html">下一页</a>' in first.decode()
    last = int(re.search(r"第1/(\d+)页", first.decode()).group(1))
    assert 10 <= last <= 30
    assert fetch(web.served(f"http://www.laixi.gov.cn/xwzx/ywdt/index_{last - 1}.html"))[0] == 200
    assert fetch(web.served(f"http://www.laixi.gov.cn/xwzx/ywdt/index_{last}.html"))[0] == 404
    status, h, art = fetch(web.served("http://www.laixi.gov.cn" + items[0]))
    assert status == 200 and "Last-Modified" in h
    text = art.decode()
    assert "政府网站标识码：3702850001" in text and 'href="/zwgk/index.html"' in text   # chrome
    assert fetch(web.served("http://www.laixi.gov.cn" + items[0]))[2] == art             # same bytes again
    # an id the column does not hold is missing, not invented
    assert fetch(web.served("http://www.laixi.gov.cn/xwzx/ywdt/201901/t20190101_99999.html"))[0] == 404


def test_bulk_never_looks_like_a_report_but_has_near_misses(web):
    near = [d for d in web.distractors() if d["kind"] == "near_miss"]
    assert len({d["site"] for d in near}) >= 7
    titles = " ".join(d["title"] for d in near)
    assert "信息公开指南" in titles and "依申请公开" in titles and "政务公开" in titles
    from tests.web.families import bulk
    for site in web.sites.values():
        for conf in site.get("bulk", ()):
            for key, *_ in bulk.COLUMNS:
                assert not [t for _, _, t, _ in bulk.column(conf["seed"], key) if "年度报告" in t or "年报" in t]
    d = near[0]
    status, _, body = fetch(web.served(d["url"]))
    assert status == 200 and d["title"] in body.decode(web.sites[d["site"]]["encoding"])


def test_bulk_follows_each_family_and_encoding(web):
    status, h, body = fetch(web.served("http://www.shengsi.gov.cn/xwzx/ywdt/list.jsp?page=2"))
    assert status == 200 and h["Content-Type"] == "text/html"      # GBK portal: no charset in the header
    text = body.decode("gbk")
    assert "charset=gb2312" in text and "要闻动态" in text and "下一页" in text
    art = re.findall(r'href="(/info/2000/\d+\.htm)"', text)[0]
    status, _, body = fetch(web.served("http://www.shengsi.gov.cn" + art))
    assert status == 200 and "网站标识码：3309220004" in body.decode("gbk")
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    hanweb = fetch(web.served("http://www.nanyang.gov.cn/col/col5100/index.html?uid=c5100&pageNum=2"))[2].decode()
    assert re.search(r'href="/art/\d+/\d+/\d+/art_5100_\d+\.html"', hanweb)
    # 集约化: each of the three portals on the shared host has its own archive under its own path
    for sub in ("gzszf", "rjs", "xfx"):
        page = fetch(web.served(f"http://www.ganzhou.gov.cn/{sub}/c200100/list_2.shtml"))[2].decode()
        arts = re.findall(r'href="(/[a-z]+/c200100/\d{6}/[0-9a-f]{32}\.shtml)"', page)
        assert arts and all(a.startswith(f"/{sub}/") for a in arts)
        assert fetch(web.served("http://www.ganzhou.gov.cn" + arts[0]))[0] == 200
    # stored pages always win over bulk paths
    assert b"moreinfo" not in fetch(web.served("http://www.laixi.gov.cn/zwgk/index.html"))[2]


def test_bulk_volume_per_portal(web):
    from tests.web.families import bulk
    for site in web.sites.values():
        if site.get("down") or site["family"] in ("ruishu", "jsl", "wzws") or not site.get("portals", [1]):
            continue
        assert len(site["bulk"]) == len(site.get("portals") or [1]), site["id"]
        for conf in site["bulk"]:
            assert 600 <= bulk.count_pages(conf) <= 2000, (site["id"], bulk.count_pages(conf))


def test_bulk_items_follow_the_clock():
    with TestWeb(now="2019-03-01") as w:
        body = fetch(w.served("http://www.laixi.gov.cn/xwzx/ywdt/index.html"))[2].decode()
        dates = re.findall(r'<span class="date">(\d{4}-\d\d-\d\d)</span>', body)
        assert dates and max(dates) <= "2019-03-01"
        assert "第1/1页" in body or "第1/2页" in body
        w.set_now("2024-01-01")
        body = fetch(w.served("http://www.laixi.gov.cn/xwzx/ywdt/index.html"))[2].decode()
        assert max(re.findall(r'<span class="date">(\d{4}-\d\d-\d\d)</span>', body)) > "2023-06-01"


def test_scanned_report_is_an_image_only_pdf(web):
    scans = [r for r in web.truth() if r.get("scan")]
    assert [r["site"] for r in scans] == ["yongning"]
    r = scans[0]
    case = web.case(r)
    assert case["scan"] is True and case["unreadable"] == [] and len(case["figures"]) > 150
    status, h, pdf = fetch(web.served(r["url"]))
    assert status == 200 and h["Content-Type"] == "application/pdf" and pdf.startswith(b"%PDF")
    assert b"/Font" not in pdf and pdf.count(b"/Subtype /Image") >= 2     # no text layer: images only
    listing = fetch(web.served(r["listing_page"]))[2].decode()
    assert "（图片版）" in listing and os.path.basename(r["url"]) in listing
    rows = [x for p in (1, 2, 3) for x in json.loads(fetch(web.served(
        f"http://www.nxyn.gov.cn/xxgk/ndbg/list.json?page={p}"))[2])["data"]]
    assert r["listing_page"] in {web.alias(x["link"]) for x in rows}


def test_wzws_challenge_redirects_with_a_cookie_and_never_serves_content(web):
    url = {r["site"]: r["url"] for r in web.portals()}["blocked_wzws"]
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(url, timeout=10)
        raise AssertionError("no redirect")
    except urllib.error.HTTPError as e:
        assert e.code == 302 and "wzws_cid=" in e.headers["Set-Cookie"]
        loc = e.headers["Location"]
    assert "/WZWSREL" in loc and "wzwschallenge=" in loc and loc.startswith("http://127.0.0.")
    status, h, body = fetch(loc)
    assert status == 200 and b"wzwschallengex" in body and b"wzwsquestion" in body and "wzws_cid=" in h["Set-Cookie"]
    import http.cookiejar
    with_cookies = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    for _ in range(2):   # following redirects with the cookie lands on the challenge again
        assert b"wzwschallengex" in with_cookies.open(url, timeout=10).read()


def test_bom_beats_a_gb2312_meta(web):
    r = [r for r in web.truth() if r["url"] == "http://www.shengsi.gov.cn/info/1005/1912.htm"][0]
    status, h, body = fetch(web.served(r["url"]))
    assert status == 200 and h["Content-Type"] == "text/html"
    assert body.startswith(b"\xef\xbb\xbf") and b"charset=gb2312" in body[:300]
    assert "嵊泗县财政局2023年政府信息公开工作年度报告" in body[3:].decode("utf-8")
    assert web.case(r)["facts"]["agency"] == "嵊泗县财政局"
