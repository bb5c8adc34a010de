"""Declare the serve-time bulk pages (families/bulk.py) of every live portal and link them from its home page."""
from ..families import bulk

# site id -> [(host, prefix, name, home path, 政务公开 entry, 网站标识码, style)]
PORTALS = {
    "laixi": [("www.laixi.gov.cn", "", "莱西市人民政府", "/", "/zwgk/index.html", "3702850001", "trs")],
    "shengsi": [("www.shengsi.gov.cn", "", "嵊泗县人民政府", "/", "/xxgk/index.htm", "3309220004", "jsp")],
    "nanyang": [("www.nanyang.gov.cn", "", "南阳市人民政府", "/", "/col/col4150/index.html", "4113000001", "hanweb")],
    "nanhai": [("www.nanhai.gov.cn", "", "佛山市南海区人民政府", "/", "/gkmlpt/index", "4406050003", "trs")],
    "ganzhou": [("www.ganzhou.gov.cn", f"/{sub}", name, f"/{sub}/index.shtml", f"/{sub}/c100022/list.shtml", code, "jiyue")
                for sub, name, code in [("gzszf", "赣州市人民政府", "3607000002"), ("rjs", "瑞金市人民政府", "3607810001"),
                                        ("xfx", "信丰县人民政府", "3607220004")]],
    "suyu": [("www.suyu.gov.cn", "", "宿迁市宿豫区人民政府", "/", "/xxgk/ndbg/moreinfo.html", "3213110003", "trs")],
    "yongning": [("www.nxyn.gov.cn", "", "永宁县人民政府", "/", "/xxgk/ndbg/index.html", "6401210002", "trs")],
}


def attach(site):
    """Put the bulk declaration in site.json and the bulk columns' links on each portal's home page."""
    confs = []
    for host, prefix, name, home, zwgk, idcode, style in PORTALS.get(site.id, []):
        short = name.replace("人民政府", "").replace("佛山市", "").replace("宿迁市", "")
        conf = {"host": host, "prefix": prefix, "name": name, "short": short, "home": home, "zwgk": zwgk,
                "idcode": idcode, "style": style, "seed": f"{site.id}{prefix}"}
        confs.append(conf)
        key = site.path_of(f"http://{host}{home}")
        page = site.files[key]
        block = bulk.home_links(conf).encode(site.encoding)
        assert page.count(b"</body>") == 1, key
        at = next((m for m in (b'<div class="footer"', b'<div class="foot"', b'<div class="bottom"') if m in page), b"</body>")
        site.files[key] = page.replace(at, block + at, 1)   # above the footer, where portals put their columns
    if confs:
        site.meta["bulk"] = confs
