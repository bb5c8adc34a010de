"""The plan of a generated web: portals, their columns, reports and distractors, all from (seed, index).

Nothing here is page bytes: render.py/site.py turn the plan into pages on request, truth.py into
the truth. Every random choice comes from random.Random(f"{seed}/{index}/…"), so portal k of seed s
is the same whatever --portals says.
"""
import random
from dataclasses import dataclass, field

from . import look, names

# Families the crawler knows (govcrawl/discovery) and variants it does not know yet.
# Drawn as a seeded shuffle of this cycle (a 集约化 draw opens a host shared by 2-3 portals), so any 20
# consecutive portals hold every family.
FAMILY_CYCLE = (["trs"] * 5 + ["plain"] * 4 + ["hanweb"] * 3 + ["jiyue"] + ["gkmlpt"] * 2 + ["epoint"]
                + ["jspager"] * 2 + ["iframe"] * 2)
KNOWN_FAMILIES = ("trs", "plain", "hanweb", "jiyue", "gkmlpt", "epoint")
# Families whose article URL (TRS, Hanweb) or list API (gkmlpt) carries the whole date: a page may print none.
URL_DATED = ("trs", "iframe", "hanweb", "gkmlpt")


@dataclass
class Item:
    """One entry of a column: a report or a distractor."""
    iid: int
    title: str
    published: str                 # YYYY-MM-DD
    kind: str = "report"           # report | notice | plan | interpretation | graphic | summary | stats_link | news
    agency: str = ""
    level: str = ""
    year: int = 0
    fmt: str = ""                  # 2021 | 2019 | legacy
    body: str = "html"             # html | fragment | word | split | flatten
    copy: str = "none"             # none | pdf | docx | both | pdf_only | docx_only
    style: dict = field(default_factory=dict)
    fees: str = "wan"              # wan | yuan_cell | yuan_header
    legacy: str = ""               # national | zhe | su | lu (legacy.py: the 统计表 form)
    tamper: bool = False
    fig_seed: int = 0
    page_date: str = "iso"         # how the article prints its date: look.PAGE_DATES
    tags: list = field(default_factory=list)


@dataclass
class Column:
    key: str                       # gov | dept:<slug> | town:<n> | news
    title: str
    unit_name: str                 # what links to the unit page (the department's name) or ""
    cid: int                       # numeric column id (Hanweb, 集约化, plain CMS)
    slug: str
    host: str                      # address the column lives on
    per_page: int
    items: list = field(default_factory=list)


@dataclass
class Portal:
    idx: int
    pid: str
    family: str
    code: str
    name: str                      # the government: 莱西市人民政府
    place: str                     # 莱西市
    level: str
    host: str                      # 127.x.y.z
    prefix: str = ""               # /<site> on a shared 集约化 host
    encoding: str = "utf-8"
    extra_hosts: list = field(default_factory=list)
    t: dict = field(default_factory=dict)          # template choices
    columns: list = field(default_factory=list)
    tags: list = field(default_factory=list)


def _addr(n: int) -> str:
    """n-th address of 127.1.0.0/16 .. 127.3.255.0/16, skipping .0 and .255."""
    x, rest = divmod(n, 256 * 254)
    y, z = divmod(rest, 254)
    if x > 2:
        raise ValueError("more than 195,000 addresses")
    return f"127.{1 + x}.{y}.{z + 1}"


def _pick(rnd, weights):
    return rnd.choices([k for k, _ in weights], [w for _, w in weights])[0]


def _date(rnd, year, month_lo, month_hi, day_hi=28):
    return f"{year:04d}-{rnd.randint(month_lo, month_hi):02d}-{rnd.randint(1, day_hi):02d}"


def build_plan(seed: int, n: int) -> list[Portal]:
    places = names.counties()
    cities = {c[0]: c[1] for c in places if c[2] == "city"}
    portals, next_addr, group = [], 0, None      # group: (host, siblings left) of an open 集约化 host
    used, cycle = set(), []
    for i in range(n):
        rnd = random.Random(f"{seed}/{i}/portal")
        if not cycle:
            cycle = list(FAMILY_CYCLE)
            random.Random(f"{seed}/{i}/cycle").shuffle(cycle)
        fam = "jiyue" if group else cycle.pop()
        while True:
            code, place, level, towns = places[rnd.randrange(len(places))]
            if code not in used:
                break
        used.add(code)
        if level == "county" and place.endswith("区") and code[:4] + "00" in cities:
            place = cities[code[:4] + "00"] + place        # districts print their city: 佛山市南海区
        if fam == "jiyue":
            if group is None:
                group = [_addr(next_addr), rnd.randint(1, 2)]
                next_addr += 1
                host = group[0]
            else:
                host = group[0]
                group[1] -= 1
                if group[1] == 0:
                    group = None
        else:
            host = _addr(next_addr)
            next_addr += 1
        p = Portal(idx=i, pid=f"p{i:04d}", family=fam, code=code, name=f"{place}人民政府", place=place,
                   level=level, host=host, prefix=f"/s{i:04d}" if fam == "jiyue" else "")
        p.encoding = "gbk" if fam == "plain" and rnd.random() < 0.5 else "utf-8"
        p.t = {"look": look.draw(rnd), "hub": rnd.choice(names.HUB_WORDS),
               "mid": rnd.choice(names.MID_WORDS) if rnd.random() < 0.4 else "",
               "col": rnd.choice(names.COLUMN_WORDS), "unitcol": rnd.choice(names.UNIT_COLUMN_WORDS),
               "depts": rnd.choice(names.DEPT_INDEX_WORDS), "towns": rnd.choice(names.TOWN_INDEX_WORDS),
               "news": rnd.choice(names.NEWS_WORDS),
               "home": rnd.choice(["none", "none", "302", "meta", "js", "chain"]) if not p.prefix else "none",
               "colredirect": fam in ("trs", "iframe", "plain", "jiyue", "epoint") and rnd.random() < 0.3,
               "pager": rnd.choice(["jsp", "index_n", "query", "list_n", "pagenum"]),
               "pagerlook": rnd.choice(["words", "words", "numbers", "select"]),
               "xxgk": fam == "hanweb" and rnd.random() < 0.5,
               "sitecode": code + f"{rnd.randint(1, 40):04d}"}
        p.tags = [f"family:{fam}", f"home:{p.t['home']}"] + look.tags(p.t["look"])
        if fam == "plain":
            p.tags += [f"pager:{p.t['pager']}", f"pagerlook:{p.t['pagerlook']}"]
        if p.t["xxgk"]:
            p.tags.append("hanweb_xxgk")
        if p.encoding == "gbk":
            p.tags.append("gbk")
        if p.t["colredirect"]:
            p.tags.append("col_redirect")
        if fam == "trs" and rnd.random() < 0.3:
            p.extra_hosts.append(_addr(next_addr))      # one department on its own host name
            next_addr += 1
        _columns(p, rnd, seed, towns)
        portals.append(p)
    return portals


def _columns(p: Portal, rnd, seed, towns):
    cid = 1000 + rnd.randrange(900) * 10
    ids = iter(range(rnd.randint(1000, 9000) * 10, 10 ** 9))
    per = rnd.choice([4, 5, 6, 8, 10])
    gov = Column("gov", p.t["col"], "", cid, "ndbg", p.host, per)
    years = [y for y in range(2019, 2024) if rnd.random() < 0.9]
    legacy = rnd.random() < 0.3
    if legacy:
        years += rnd.sample(range(2014, 2019), 2)
        if rnd.random() < 0.5:
            years.append(rnd.randrange(2009, 2014))
    for y in sorted(years, reverse=True):
        gov.items.append(_report(p, rnd, seed, next(ids), p.name, p.level, y, gov=True))
    p.columns.append(gov)
    for slug, dname in rnd.sample(names.DEPARTMENTS, rnd.randint(2, 3)):
        cid += 10
        host = p.extra_hosts[0] if p.extra_hosts and len(p.columns) == 1 else p.host
        col = Column(f"dept:{slug}", p.t["unitcol"], dname, cid, slug, host, per)
        for y in sorted(rnd.sample(range(2021, 2024), rnd.randint(1, 3)), reverse=True):
            r = _report(p, rnd, seed, next(ids), p.place + dname, "department", y)
            if any(w in dname for w in names.NOISY_DEPT):
                r.tags.append("dept_noisy_name")
            if host != p.host:
                r.tags.append("dept_subhost")
            col.items.append(r)
        p.columns.append(col)
    for k, town in enumerate(rnd.sample(towns, min(len(towns), rnd.randint(1, 2)))):
        cid += 10
        col = Column(f"town:{k}", p.t["unitcol"], town, cid, f"xz{k}", p.host, per)
        for y in sorted(rnd.sample(range(2021, 2024), rnd.randint(1, 2)), reverse=True):
            col.items.append(_report(p, rnd, seed, next(ids), names.town_agency(p.place, town), "township", y))
        p.columns.append(col)
    for col in p.columns:
        _distractors(p, rnd, col, ids)
        col.items.sort(key=lambda it: (it.published, it.iid), reverse=True)
        for n, it in enumerate(col.items):
            if it.kind == "report" and n >= col.per_page:
                it.tags.append("list_page2+")
    cid += 10
    news = Column("news", p.t["news"], "", cid, "xwdt", p.host, 10)
    for k in range(rnd.randint(6, 14)):
        title = rnd.choice(["{p}召开政务公开工作推进会", "{p}开展政府信息公开专题培训", "{p}部署{y}年政务公开重点工作",
                            "{p}政务服务中心优化办事流程", "{p}举办文化旅游节", "{p}新闻发布会通报经济运行情况"])
        news.items.append(Item(next(ids), title.format(p=p.place, y=2024 - k % 4), _date(rnd, 2024 - k % 4, 1, 12),
                               kind="news"))
    news.items.sort(key=lambda it: it.published, reverse=True)
    p.columns.append(news)


_TITLES = ["{a}{y}年政府信息公开工作年度报告", "{a}{y}年度政府信息公开工作年度报告", "{y}年{a}政府信息公开工作年度报告",
           "{a}{y}年政府信息公开年度报告", "{a}关于{y}年度政府信息公开工作的年度报告", "{a}{y}年度政府信息公开工作报告",
           "{y}年度{a}政府信息公开工作年度报告"]
# 统计表 forms of the legacy years: provincial forms (legacy.py) before 2014, the national one after.
PROVINCIAL_FORMS = ("zhe", "su", "lu")


def _report(p, rnd, seed, iid, agency, level, year, gov=False) -> Item:
    fmt = "2021" if year >= 2021 else "2019" if year >= 2019 else "legacy"
    if gov:
        published = _date(rnd, year + 1, 3, 3, 31) if rnd.random() < 0.85 else _date(rnd, year + 1, 4, 5)
    else:
        published = _date(rnd, year + 1, 1, 1, 31) if rnd.random() < 0.8 else _date(rnd, year + 1, 2, 3)
    tv = rnd.randrange(len(_TITLES)) if fmt != "legacy" else rnd.choice([0, 1])
    page_date = rnd.choice(look.PAGE_DATES)
    if page_date == "none" and not (look.has_year(p.t["look"]["listdate"]) or p.family in URL_DATED):
        page_date = "iso"          # a date nothing prints is no fact: some page or URL must tell it
    it = Item(iid, _TITLES[tv].format(a=agency, y=year), published, agency=agency, level=level, year=year, fmt=fmt,
              fig_seed=rnd.randrange(10 ** 9), page_date=page_date)
    if fmt == "legacy":
        it.legacy = rnd.choice(PROVINCIAL_FORMS) if year <= 2013 else "national"
        it.body = rnd.choice(["html", "html", "word"])
    else:
        it.body = _pick(rnd, [("html", 60), ("fragment", 9), ("word", 14), ("split", 10), ("flatten", 4)])
        if it.body == "fragment" and p.family == "epoint":
            it.body = "html"       # an Epoint body is always injected into the same shell
        st = {k: True for k in ("blank_zero", "dash_zero", "fullwidth", "units", "nbsp", "drift", "br_labels")
              if rnd.random() < 0.15}
        if fmt == "2019" and rnd.random() < 0.25:
            st["split_header"] = True
        if fmt == "2021" and rnd.random() < 0.06:
            st["other_single_row"] = True
        it.style = st
        it.fees = _pick(rnd, [("wan", 90), ("yuan_cell", 6), ("yuan_header", 4)]) if fmt == "2021" else "wan"
        it.tamper = rnd.random() < 0.07
    it.copy = _pick(rnd, [("none", 58), ("pdf", 12), ("docx", 8), ("both", 7), ("pdf_only", 10), ("docx_only", 5)])
    legacy_tag = "" if fmt != "legacy" else "_national" if it.legacy == "national" else "_provincial"
    it.tags = [f"unit:{'gov' if gov else level}", f"fmt:{fmt}{legacy_tag}",
               f"body:{it.body}", f"copy:{it.copy}", f"title:{tv}", f"pagedate:{it.page_date}"]
    if legacy_tag == "_provincial":
        it.tags.append(f"legacy_form:{it.legacy}")
    if it.copy in ("docx", "both", "docx_only") and fmt != "legacy" and rnd.random() < 0.4:
        it.style["doc_blank"] = True           # the Word copy leaves its zero cells blank
    if it.copy in ("pdf", "docx", "both") and rnd.random() < 0.35:
        it.tags.append("copy_listed")          # the listing also links the copy itself
    it.tags += [f"style:{k}" for k in sorted(it.style)]
    if it.fees != "wan":
        it.tags.append(f"fees:{it.fees}")
    if it.tamper:
        it.tags.append("checks_fail")
    return it


def _distractors(p, rnd, col, ids):
    reports = [it for it in col.items if it.kind == "report"]
    if not reports:
        return
    newest = reports[0]
    a, y = newest.agency, newest.year
    pool = [("notice", f"关于做好{y}年度政府信息公开工作年度报告编制发布工作的通知", _date(rnd, y + 1, 1, 1, 10)),
            ("plan", f"{p.place}{y + 1}年政务公开工作要点", _date(rnd, y + 1, 4, 5)),
            ("interpretation", f"解读：{a}{y}年政府信息公开工作年度报告", _date(rnd, y + 1, 4, 4)),
            ("graphic", f"图解：{a}{y}年政府信息公开工作年度报告", _date(rnd, y + 1, 4, 4)),
            ("summary", f"{a}{y}年政务公开工作总结", _date(rnd, y + 1, 1, 1, 20)),
            ("stats_link", f"{a}{y}年政府信息公开工作年度报告统计表", _date(rnd, y + 1, 4, 4)),
            ("guide", f"{a}政府信息公开指南", _date(rnd, y + 1, 2, 6))]
    k = rnd.randint(2, 4) if col.key == "gov" else rnd.randint(0, 1)
    for kind, title, date in rnd.sample(pool, k):
        col.items.append(Item(next(ids), title, date, kind=kind, agency=a, year=y))


def reports(portals: list[Portal]):
    """(portal, column, item) of every report."""
    for p in portals:
        for col in p.columns:
            for it in col.items:
                if it.kind == "report":
                    yield p, col, it
