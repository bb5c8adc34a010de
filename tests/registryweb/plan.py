"""The tree of a registry web, from a seed: a real province, some of its cities, some of their
counties, each county's departments and townships, every portal on its own 127.0.21.x address.

The truth is this plan: which government has which portal, and what `govcrawl portals discover`
must conclude about each address (verified, down; the copy site and the clone refused). Names and
codes come from the data files as they are (divisions.csv, division_aliases.csv), read here
without the crawler's code, so a bug in govcrawl.extract.regions cannot agree with itself.
"""
from __future__ import annotations

import csv
import os
import random
from dataclasses import dataclass, field

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "govcrawl", "data")
PROVINCES = ("410000", "350000")          # both have divisions renamed in 2021 (孟津县 -> 孟津区, 沙县 -> 沙县区)
DEPARTMENTS = ("教育局", "财政局", "民政局", "卫生健康局", "自然资源局")
BOX_STYLES = ("list", "dl", "select", "tabs", "table")
NAME_STYLES = ("short", "gov", "full", "stem")


def _rows(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def divisions():
    """(code -> (name, level)) of today's provinces, cities and counties; old code -> today's; towns by county."""
    aliases = _rows("division_aliases.csv")
    renamed = {a["old_code"]: a["new_code"] for a in aliases if a["old_code"]}
    today = {a["new_code"]: (a["new_name"], "county") for a in aliases}
    towns: dict[str, list[str]] = {}
    for r in _rows("divisions.csv"):
        code = renamed.get(r["code"], r["code"])
        if r["level"] == "town":
            towns.setdefault(code, []).append(r["name"])
        elif r["code"] not in renamed:
            today.setdefault(code, (r["name"], r["level"]))
    return today, renamed, towns


@dataclass
class Site:
    key: str                 # what the truth calls it
    code: str
    name: str                # the government or unit: 孟津区人民政府, 孟津区教育局
    level: str               # province | city | county | department | township
    parent: str
    host: str                # 127.0.21.x, where its home page answers
    footer_code: str = ""    # 网站标识码 printed ("" : only a 主办 line)
    unit: str = ""           # 教育局 / 城关镇
    place: str = ""          # 孟津区: the division's name
    encoding: str = "utf-8"
    old_host: str = ""       # a moved portal: the address the parent links
    moved_by: str = ""       # redirect | notice
    box_style: str = "list"
    name_style: str = "short"
    children: list = field(default_factory=list)
    expect: str = "verified"  # verified | down | blocked | unlisted (under a dead portal)
    report_seed: int = 0      # counties serve one annual report (the e2e crawl)


@dataclass
class Plan:
    seed: int
    province: Site
    sites: list                 # every government and unit, the province first
    copy_host: str              # copy site: a county's title over another county's footer code
    copy_of: Site = None        # whose name the copy is listed under
    copy_code_of: Site = None   # whose footer code it carries
    clone_host: str = ""        # spam clone of a county's page
    clone_of: Site = None
    dead: Site = None
    total_under: int = 0        # cities and counties of the province (the coverage denominator)

    def site(self, key: str) -> Site:
        return next(s for s in self.sites if s.key == key)

    def hosts(self) -> list[str]:
        hs = [s.host for s in self.sites if s.expect != "down"] + [s.old_host for s in self.sites if s.old_host]
        return hs + [self.copy_host, self.clone_host]


def build_plan(seed: int = 3, cities: int = 2, counties: int = 3) -> Plan:
    rnd = random.Random(seed)
    today, renamed, towns = divisions()
    pcode = PROVINCES[seed % len(PROVINCES)]
    addr = iter(f"127.0.21.{n}" for n in range(2, 250))
    prov = Site("p", pcode, today[pcode][0] + "人民政府", "province", "", next(addr), pcode + "0001",
                place=today[pcode][0])
    sites = [prov]
    city_codes = sorted(c for c, (_, lv) in today.items() if lv == "city" and c[:2] == pcode[:2])
    renamed_cities = sorted({new[:4] + "00" for old, new in renamed.items() if new[:2] == pcode[:2]})
    picked = renamed_cities[:1] + rnd.sample([c for c in city_codes if c not in renamed_cities], cities - 1)
    for ci, ccode in enumerate(picked):
        cname = today[ccode][0]
        city = Site(f"c{ci}", ccode, cname + "人民政府", "city", pcode, next(addr), ccode + "0001", place=cname,
                    box_style=BOX_STYLES[(seed + ci) % len(BOX_STYLES)], name_style=rnd.choice(NAME_STYLES))
        prov.children.append(city)
        sites.append(city)
        under = sorted(c for c, (_, lv) in today.items() if lv == "county" and c[:4] == ccode[:4]
                       and any(t.endswith(("镇", "乡", "街道")) for t in towns.get(c, ())))
        renamed_here = [c for c in under if c in renamed.values()]
        chosen = renamed_here[:1] + rnd.sample([c for c in under if c not in renamed_here], counties - len(renamed_here[:1]))
        for ki, kcode in enumerate(chosen):
            kname = today[kcode][0]
            olds = sorted(o for o, n in renamed.items() if n == kcode)
            footer = (olds[0] if olds else kcode) + f"{ki + 1:04d}"     # a renamed county's site keeps its old code
            county = Site(f"c{ci}k{ki}", kcode, kname + "人民政府", "county", ccode, next(addr), footer, place=kname,
                          box_style=BOX_STYLES[(seed + ci + ki + 1) % len(BOX_STYLES)],
                          name_style=NAME_STYLES[(ci + ki) % len(NAME_STYLES)], report_seed=seed * 100 + ci * 10 + ki)
            city.children.append(county)
            sites.append(county)
            for di, dept in enumerate(rnd.sample(DEPARTMENTS, 2)):
                d = Site(f"{county.key}d{di}", kcode, kname + dept, "department", kcode, next(addr),
                         footer[:6] + f"{50 + di:04d}", unit=dept, place=kname)
                county.children.append(d)
                sites.append(d)
            town = rnd.choice(sorted(t for t in towns[kcode] if t.endswith(("镇", "乡", "街道"))))
            office = "人民政府" if town.endswith(("镇", "乡")) else ("" if town.endswith("办事处") else "办事处")
            t = Site(f"{county.key}t0", kcode, kname + town + office, "township", kcode, next(addr),
                     footer[:6] + "0090", unit=town, place=kname)
            county.children.append(t)
            sites.append(t)
    counties_ = [s for s in sites if s.level == "county"]
    # The special cases, each on its own county (seeded): moved by 301, moved by a notice page, a footer
    # with only a 主办 line, a GBK page, a dead portal (an address nobody answers on).
    special = rnd.sample(counties_, 5)
    special[0].old_host, special[0].moved_by = next(addr), "redirect"
    special[1].old_host, special[1].moved_by = next(addr), "notice"
    special[2].footer_code = ""
    special[3].encoding = "gbk"
    special[4].expect = "down"
    for child in special[4].children:
        child.expect = "unlisted"       # nobody can reach the units of a dead portal
    # One department behind an anti-bot wall (瑞数: HTTP 412 and a $_ts script): blocked, not down.
    rnd.choice([s for s in sites if s.level == "department" and s.expect == "verified"]).expect = "blocked"
    alive = [c for c in counties_ if c.expect == "verified"]
    copy_of, clone_of = rnd.sample(alive, 2)
    copy_code_of = next(c for c in counties_ if c is not copy_of and c.footer_code)
    total = {c for c, (_, lv) in today.items() if lv in ("city", "county") and c[:2] == pcode[:2] and c != pcode}
    return Plan(seed, prov, sites, next(addr), copy_of, copy_code_of, next(addr), clone_of, special[4],
                total_under=len(total))
