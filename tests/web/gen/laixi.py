"""莱西市 (370285), TRS WCM, UTF-8: the government's, two departments' and two townships' reports."""
import re

from .figures import make_figures
from .pages import Site
from .pdf import text_pdf
from .trs import H, JYJ, CODE, chrome, listing, report_page, distractor_page

GOV = "莱西市人民政府"


def _r(agency, level, year, fmt, published, docid, title=None, seed=0, style=None, tamper=None, expect_failed=()):
    single = (style or {}).get("other_single_row", False)
    f = make_figures(fmt, seed or year * 7 + docid, other_single_row=single)
    for k, d in (tamper or {}).items():  # deliberate inconsistency, declared here
        f[k] += d
    return {"agency": agency, "level": level, "code": CODE, "year": year, "format": fmt, "published": published,
            "docid": docid, "title": title or f"{agency}{year}年政府信息公开工作年度报告", "figures": f,
            "style": style or {}, "expect_failed": list(expect_failed)}


GOV_REPORTS = [
    _r(GOV, "county", 2023, "2021", "2024-03-29", 6120, tamper={"requests.granted.total": 1},
       expect_failed=["outcomes.total", "row_total.requests.granted"]),
    _r(GOV, "county", 2022, "2021", "2023-03-28", 5980, style={"fullwidth": True, "nbsp": True}),
    _r(GOV, "county", 2021, "2021", "2022-04-12", 5731, style={"drift": True, "br_labels": True}),

    _r(GOV, "county", 2020, "2019", "2021-01-29", 5517, title="2020年莱西市政府信息公开工作年度报告",
       style={"blank_zero": True, "units": True}),
    _r(GOV, "county", 2019, "2019", "2020-03-20", 5102, style={"split_header": True, "br_labels": True}),
]
# the 2021 report's narrative quotes a request count that disagrees with its table (the table wins)
GOV_REPORTS[2]["narrative_requests"] = GOV_REPORTS[2]["figures"]["requests.new.total"] + 3
GOV_REPORTS[2]["note"] = "narrative request count disagrees with table 三"
JYJ_REPORTS = [
    _r("莱西市教育体育局", "department", 2023, "2021", "2024-02-10", 881, style={"blank_zero": True}),
    _r("莱西市教育体育局", "department", 2022, "2021", "2023-01-30", 802),
    _r("莱西市教育体育局", "department", 2021, "2021", "2022-01-25", 761, title="莱西市教育体育局2021年度政府信息公开工作年度报告"),
]
CZJ_REPORTS = [
    _r("莱西市财政局", "department", 2023, "2021", "2024-01-26", 6033, style={"other_single_row": True}),
    _r("莱西市财政局", "department", 2022, "2021", "2023-01-19", 5902, style={"dash_zero": True}),
]
TOWNS = {
    "ysz": ("院上镇", [_r("莱西市院上镇人民政府", "township", 2023, "2021", "2024-01-31", 6051),
                     _r("莱西市院上镇人民政府", "township", 2022, "2021", "2023-02-03", 5911, style={"units": True})]),
    "jsz": ("姜山镇", [_r("莱西市姜山镇人民政府", "township", 2023, "2021", "2024-01-30", 6047,
                        tamper={"requests.carried_forward.natural_person": 1, "requests.carried_forward.total": 1},
                        expect_failed=["balance.natural_person", "balance.total"])]),
}


def _pdf_of(r):
    text = re.sub(r"<br>", "", re.sub(r"</t[dr]>", " ", r["body_html"]))
    lines = [r["title"]] + [re.sub(r"<[^>]+>", "", ln).strip() for ln in text.split("\n")]
    return text_pdf([ln.replace("&nbsp;", " ") for ln in lines if ln])


def build() -> Site:
    s = Site("laixi", ["www.laixi.gov.cn", "jyj.laixi.gov.cn"], "trs", CODE, GOV, "county",
             missing="404", traps={"/search/calendar.html": "calendar", "/loop/a.html": "loop",
                                   "/loop/b.html": "loop", "/xwzx/slow.html": "slow"})
    home = [("首页", f"{H}/")]
    zwgk = home + [("政务公开", f"{H}/zwgk/index.html")]
    s.put(f"{H}/index.html", chrome("首页", [("首页", "")], f"""<div class="news"><h2>莱西要闻</h2><ul>
<li><a href="{H}/xwzx/202403/t20240320_6101.html">莱西市召开全市政务公开工作推进会</a></li>
<li><a href="{H}/xwzx/slow.html">视频：春季植树活动</a></li>
<li><a href="{H}/xwzx/sp/t20230310_1.html">政务公开宣传片</a></li>
<li><a href="{H}/loop/a.html">旧版网站入口</a></li>
</ul></div>
<div class="col"><a href="{H}/zwgk/index.html">政务公开</a> <a href="{H}/zwgk/zfxxgknb/index.html">政府信息公开年报</a></div>"""))
    s.put(f"{H}/xwzx/202403/t20240320_6101.html", chrome("莱西市召开全市政务公开工作推进会", home, "<p>会议部署了年度报告编制工作。</p>"))
    s.put(f"{H}/xwzx/sp/t20230310_1.html", b"\x00\x00\x00\x18ftypmp42" + bytes(2048), ctype="video/mp4")  # a video behind a .html link
    s.put(f"{H}/zwgk/index.html", chrome("政务公开", zwgk, f"""<div class="zwgk"><ul>
<li><a href="./zfxxgknb/index.html">政府信息公开年报</a></li>
<li><a href="./zfxxgkzn/index.html">政府信息公开指南</a></li>
<li><a href="./xzjd/index.html">乡镇街道</a></li>
<li><a href="./bm/czj/ndbg/index.html">市财政局信息公开年报</a></li>
<li><a href="{JYJ}/">市教育体育局</a></li>
<li><a href="{H}/zwgk/zcwj/t20190101_old.html">政策文件（旧）</a></li>
</ul></div>"""))
    # 年报 column: reports and distractors, newest first
    base = f"{H}/zwgk/zfxxgknb/"
    crumbs = zwgk + [("政府信息公开年报", base + "index.html")]
    ents = [distractor_page(s, base, 6002, "关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", "2024-01-05", "notice",
                            "<p>各镇街、各部门：请于2024年1月31日前完成年度报告编制发布工作。</p>", crumbs)]
    ents.append(report_page(s, base, GOV_REPORTS[0], crumbs))
    ents.append(distractor_page(s, base, 6131, "图解：莱西市人民政府2023年政府信息公开工作年度报告", "2024-03-30",
                                "graphic", f'<p><img src="/images/tujie2023.jpg" alt="图解"></p><p><a href="{GOV_REPORTS[0]["url"]}">查看报告全文</a></p>'
                                if "url" in GOV_REPORTS[0] else '<p><img src="/images/tujie2023.jpg" alt="图解"></p>', crumbs))
    ents.append(distractor_page(s, base, 5990, "2023年莱西市政务公开工作要点", "2023-04-20", "plan",
                                "<p>一、加强政策解读……二、做好年度报告发布……</p>", crumbs))
    pdf_r = GOV_REPORTS[1]
    ents.append(report_page(s, base, pdf_r, crumbs, attach=""))
    ents.append(distractor_page(s, base, 5981, "莱西市2022年政府信息公开工作年度报告统计表", "2023-03-28", "stats_link",
                                f'<p>统计表详见：<a href="{ents[-1][0]}">莱西市人民政府2022年政府信息公开工作年度报告</a></p>', crumbs))
    ents.append(distractor_page(s, base, 5960, "莱西市2022年政务公开工作总结", "2023-01-10", "summary",
                                "<p>2022年全市共主动公开政府信息12345条，办理依申请公开86件。</p>", crumbs))
    for r in GOV_REPORTS[2:]:
        ents.append(report_page(s, base, r, crumbs))
    ents.append((f"{H}/zwgk/zfxxgknb/201901/t20190130_4001.html", "./201901/t20190130_4001.html",
                 "莱西市人民政府2018年政府信息公开工作年度报告", "2019-01-30"))  # dead link: page removed
    s.distractor(ents[-1][0], "dead_link", ents[-1][2])
    listing(s, base, "政府信息公开年报", crumbs, ents)
    # 财政局 under the portal
    cbase = f"{H}/zwgk/bm/czj/ndbg/"
    ccr = zwgk + [("市财政局", ""), ("信息公开年报", cbase + "index.html")]
    listing(s, cbase, "信息公开年报", ccr, [report_page(s, cbase, r, ccr) for r in CZJ_REPORTS])
    # townships: 政务公开 -> 乡镇街道 -> 院上镇 -> 信息公开年报 -> report
    xz = zwgk + [("乡镇街道", f"{H}/zwgk/xzjd/index.html")]
    s.put(f"{H}/zwgk/xzjd/index.html", chrome("乡镇街道", xz, "<ul>" + "".join(
        f'<li><a href="./{k}/index.html">{n}</a></li>' for k, (n, _) in TOWNS.items()) + "</ul>"))
    for key, (name, reports) in TOWNS.items():
        tb = f"{H}/zwgk/xzjd/{key}/"
        tcr = xz + [(name, tb + "index.html")]
        s.put(tb + "index.html", chrome(name, tcr, """<ul><li><a href="./xxgkzn/index.html">信息公开指南</a></li>
<li><a href="./xxgknb/index.html">信息公开年报</a></li><li><a href="./tzgg/index.html">通知公告</a></li></ul>"""))
        nb = tb + "xxgknb/"
        ncr = tcr + [("信息公开年报", nb + "index.html")]
        listing(s, nb, "信息公开年报", ncr, [report_page(s, nb, r, ncr) for r in reports])
    _jyj(s)
    s.put(f"{H}/robots.txt", b"User-agent: *\nDisallow: /oa/\n", ctype="text/plain")
    return s


def _jyj(s: Site):
    name = "莱西市教育体育局"
    s.put(f"{JYJ}/index.html", chrome("首页", [("首页", "")], f"""<ul><li><a href="{JYJ}/xxgk/ndbg/index.html">政府信息公开年报</a></li>
<li><a href="{H}/">莱西市人民政府</a></li><li><a href="{JYJ}/xxgk/404page.html">招生信息</a></li></ul>""", JYJ, name))
    base = f"{JYJ}/xxgk/ndbg/"
    cr = [("首页", f"{JYJ}/"), ("信息公开", ""), ("政府信息公开年报", base + "index.html")]
    ents = []
    for r in JYJ_REPORTS:
        attach = ""
        if r["year"] == 2022:  # the PDF copy beside the HTML page
            from .pages import report_body
            d = r["published"].replace("-", "")
            pdf_url = f"{base}{d[:6]}/P0{d}{r['docid']}.pdf"
            r["body_html"] = report_body(r)
            s.put(pdf_url, _pdf_of(r), date=r["published"], appears=r["published"])
            attach = f'<div class="fj">附件：<a href="./P0{d}{r["docid"]}.pdf">{r["title"]}.pdf</a></div>'
            r["attachment"] = pdf_url
        ents.append(report_page(s, base, r, cr, JYJ, name, attach))
    ents.insert(1, distractor_page(s, base, 870, "解读：莱西市教育体育局2023年政府信息公开工作年度报告", "2024-02-11",
                                   "interpretation", "<p>一图读懂年度报告。</p>", cr, JYJ, name))
    listing(s, base, "政府信息公开年报", cr, ents, host=JYJ, site_name=name)
