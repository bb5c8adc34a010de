"""The report's own facts from its title, text, URL and dates: agency, year, published, level, region.

Agency is the body as the title prints it, with a title's 政府 short for 人民政府 written out
(2020年莱西市政府信息公开… -> 莱西市人民政府). Year is the year reported on, not the one published.
"""
from __future__ import annotations

import re
from datetime import date

from .generation import decide as decide_generation
from .model import Facts
from .regions import region_code, region_in_text, region_level

_CN_DIGIT = {"〇": "0", "○": "0", "零": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4",
             "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_YEAR = re.compile(r"((?:19|20)\d{2}|[〇○零Ｏ一二三四五六七八九]{4})\s*年(度)?")
_REPORT_TAIL = re.compile(
    r"(关于)?(的)?(政府)?(信息公开|政务公开|政府信息与政务公开)(工作)?(的)?"
    r"(年度报告|年报|情况统计表|统计表|工作报告|情况报告|报告)$")
_PLACE_END = re.compile(r"(市|县|区|旗|自治州|州|盟|特区|林区)$")
# Zones run by a 管委会, not a 人民政府: the title's name is the body's whole name (平潭综合实验区).
_ZONE = re.compile(r"(综合实验区|实验区|试验区|开发区|高新区|示范区|合作区|保税区)(管委会|管理委员会)?$")
_TOWNSHIP = re.compile(r"(乡|镇|街道|苏木|民族乡)(人民政府|办事处|政府)?$")
_DEPARTMENT = re.compile(r"(局|委|委员会|办|办公室|中心|厅|院|所|队|站|会|处|部|署|馆|社|公司|集团|大队|支队|分局)$")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_URL_DATES = (
    re.compile(r"/t((?:19|20)\d{2})(\d{2})(\d{2})_"),                 # TRS: /202101/t20210129_5517.html
    re.compile(r"/art/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/"),         # Hanweb: /art/2021/1/29/art_…
    re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})/"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/"),                   # /20210129/…
)


def cn_year(s: str) -> int | None:
    digits = "".join(_CN_DIGIT.get(ch, ch) for ch in s)
    return int(digits) if digits.isdigit() else None


def parse_date(s: str | date | None) -> date | None:
    """A date printed as 2020-01-22, 2020/1/22, 2020.01.22 or 2020年1月22日 (time of day ignored)."""
    if s is None or isinstance(s, date):
        return s
    m = _DATE.search(s)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def url_date(url: str | None) -> date | None:
    """A day-exact date in a CMS article URL; month-only paths (/202101/) give none."""
    if not url:
        return None
    for pat in _URL_DATES:
        m = pat.search(url)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def _norm_title(title: str) -> str:
    t = re.sub(r"\s+", "", title or "")
    t = re.sub(r"[（(【\[][^）)】\]]*(版|稿|件|全文|修订|更正)[）)】\]]$", "", t)  # （图片版） etc.
    return t.strip("《》“”\"'·:：")


def report_year(title: str, text: str = "") -> int | None:
    """Year reported on: the title's, else the text's 统计期限 or first year mentioned."""
    for source in (_norm_title(title), ):
        m = _YEAR.search(source)
        if m:
            return cn_year(m.group(1))
    m = re.search(r"统计期限为\s*((?:19|20)\d{2})\s*年", text or "")
    if m:
        return int(m.group(1))
    m = _YEAR.search((text or "")[:600])
    return cn_year(m.group(1)) if m else None


def agency_from_title(title: str) -> str:
    t = _norm_title(title)
    t = re.sub(r"^关于(印发)?", "", t)
    m = _YEAR.search(t)
    if m:
        before, after = t[: m.start()], t[m.end():]
        if after.startswith("报") and not after.startswith(("报告", "报表")):
            # 2020年报: the year's 年 is 年报's; what comes before it may end in 信息公开, what comes after is
            # the name a file or a flipbook put behind a separator (2020年报_审计局)
            before = re.sub(r"(关于)?(的)?(政府)?(信息公开|政务公开|政府信息与政务公开)(工作)?(的)?$", "", before)
            after = after[1:].strip("_-—－·: ：")
            t = before + after
        else:
            t = before + after
    t = _REPORT_TAIL.sub("", t)
    t = re.sub(r"(关于|的)$", "", t)
    if not t:
        return ""
    if t.endswith("人民"):
        t += "政府"        # 南阳市人民政府信息公开…: the title merged 政府 into the phrase
    elif _PLACE_END.search(t) and not _TOWNSHIP.search(t) and not _ZONE.search(t):
        t += "人民政府"    # 2020年莱西市政府信息公开…: 政府 belonged to the agency
    # 莱西市政府办公室 -> 莱西市人民政府办公室 (but never 人民人民政府)
    t = re.sub(r"(?<!人民)(?<=[市县区旗州])政府", "人民政府", t)
    return t


# A gloss in brackets after the body's name (桐梓县人民政府（县人民政府办公室）, 某局（县某某局）: the body
# and the one it shares its office or its report with) says nothing of the level: the name before it does.
_GLOSS = re.compile(r"[（(][^（()）]*[）)]$")


def agency_level(agency: str, code: str = "") -> str:
    agency = _GLOSS.sub("", agency or "")
    agency = re.sub(r"人民政府机关$", "人民政府", agency)   # 城口县人民政府机关: the government itself
    if not agency:
        return ""
    if _TOWNSHIP.search(agency):
        return "township"
    if re.search(r"人民政府$", agency):
        lvl = region_level(code) if code else ""
        if lvl:
            return lvl
        return "county" if re.search(r"(县|区|旗)人民政府$", agency) else ("city" if "市" in agency else "")
    if _ZONE.search(agency):
        # a zone (or its 管委会) reports as the government of its territory: county-level unless its
        # code says more
        return (region_level(code) if code else "") or "county"
    if _DEPARTMENT.search(agency):
        return "department"
    return ""


_DATE_LINE = re.compile(r"^(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?$")


def heading_date(text: str, title: str) -> date | None:
    """A date printed alone on the line under the title (a page published as a fragment, with no
    发布时间 of its own): the day the report was issued. Only the first lines are looked at."""
    lines = [re.sub(r"\s+", "", ln) for ln in (text or "").split("\n")[:6] if ln.strip()]
    t = _norm_title(title)
    for i, ln in enumerate(lines[:-1]):
        if t and t in ln and _DATE_LINE.match(lines[i + 1]):
            return parse_date(lines[i + 1])
    return None


def read_facts(title: str, text: str, url: str | None = None, page_date=None, listing_date=None,
               format: str = "", region_hint: str | None = None) -> Facts:
    """format: the generation the tables' figures showed ("" when they gave none)."""
    agency = agency_from_title(title)
    if not agency:
        # A title without the agency (…年度报告 alone): the text's first line often names it.
        first = (text or "").split("\n", 1)[0]
        if _YEAR.search(first) and _REPORT_TAIL.search(_norm_title(first)):
            agency = agency_from_title(first)
    year = report_year(title, text)
    published = parse_date(page_date)
    if published is None:
        m = re.search(r"(发布时间|发布日期|公开日期)\s*[:：]?\s*(\S{8,20})", text or "")
        published = parse_date(m.group(2)) if m else None
    published = published or url_date(url) or parse_date(listing_date) or heading_date(text, title)
    code = region_code(agency, region_hint) if agency else (region_hint or "")
    if not code and agency and not region_hint:
        code = region_in_text(agency, text)
    return Facts(title=_norm_title(title), agency=agency, level=agency_level(agency, code), region_code=code,
                 year=year, published=published, format=decide_generation(format, year, text or "")[0])
