"""Portals that cannot be crawled: one whose host refuses connections, one behind a 瑞数 412 challenge."""
from .pages import Site


def build_down() -> Site:
    # "down": the server assigns the host an address but never listens on it
    return Site("xiajin", ["www.xiajin.gov.cn"], "static", "371424", "夏津县人民政府", "county", down=True)


def build_blocked() -> Site:
    s = Site("blocked", ["www.wugang.gov.cn"], "ruishu", "430581", "武冈市人民政府", "county")
    s.put("http://www.wugang.gov.cn/index.html", "<html><body>武冈市人民政府（challenge answers before this）</body></html>")
    return s
