"""Portals that cannot be crawled: one whose host refuses connections, one behind a 瑞数 412 challenge."""
from .pages import Site


def build_down() -> Site:
    # "down": the server assigns the host an address but never listens on it
    return Site("xiajin", ["www.xiajin.gov.cn"], "static", "371424", "夏津县人民政府", "county", down=True)


def build_blocked() -> Site:
    s = Site("blocked", ["www.wugang.gov.cn"], "ruishu", "430581", "武冈市人民政府", "county")
    s.put("http://www.wugang.gov.cn/index.html", "<html><body>武冈市人民政府（challenge answers before this）</body></html>")
    return s



def build_wzws() -> Site:
    s = Site("blocked_wzws", ["www.shuangfeng.gov.cn"], "wzws", "431321", "双峰县人民政府", "county")
    s.put("http://www.shuangfeng.gov.cn/index.html", "<html><body>双峰县人民政府（challenge answers before this）</body></html>")
    return s


def build_jsl() -> Site:
    return Site("blocked_jsl", ["www.xiangxiang.gov.cn"], "jsl", "430381", "湘乡市人民政府", "county")


SPAM = "http://www.gov-laixi-bet365.com"


def build_spam(laixi: Site) -> Site:
    """A gambling domain that copies a 莱西 report wholesale. It is served on loopback (its links are
    rewritten like a portal's) so that a crawler leaving the portal's hosts meets a report-looking page it
    must not store; the 莱西 footer links to it. It is no portal: the portals file never lists it."""
    s = Site("spam", ["www.gov-laixi-bet365.com"], "static", "000000", "spam", "county", portals=[])
    src = "http://www.laixi.gov.cn/zwgk/zfxxgknb/202303/t20230328_5980.html"
    page = laixi.files[laixi.path_of(src)].replace(b"//www.laixi.gov.cn", b"//www.gov-laixi-bet365.com")
    copy = f"{SPAM}/news/2023/0328/5980.html"
    s.put(copy, page)
    s.put(f"{SPAM}/", '<html><head><meta charset="utf-8"><title>莱西政务</title></head><body>'
                      f'<a href="{copy}">莱西市人民政府2022年政府信息公开工作年度报告</a> <a href="/casino/">娱乐城</a></body></html>')
    s.distractor(copy, "spam_copy", "莱西市人民政府2022年政府信息公开工作年度报告")
    return s
