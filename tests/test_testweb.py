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
    assert d["total"] == 5 and d["pages"] == 2 and len(d["data"]) == 2


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
