"""Is this page or document an annual 政府信息公开工作年度报告, or something that looks like one?

Look-alikes share the words: the notice asking units to compile their reports, 工作要点, a 解读 or
图解 of a report, a 工作总结, a 统计表 page that only links to the report, soft 404s and empty pages.
"""
from __future__ import annotations

import re

from .clean import sections

# "This page does not exist", as portals word it on a 200 page (the one list: discovery.pages uses it too).
# Not "信息不存在": reports print it as a reply category (申请公开的信息不存在).
SOFT_404 = re.compile(
    r"页面不存在|页面未找到|页面找不到|找不到(该|此|您要访问的|您所访问的|您访问的|相关)?(页面|网页)|"
    r"404\s*(Not\s*Found|错误|error)|error\s*404|错误\s*404|\bNot\s*Found\b|"
    r"(文章|内容|页面|栏目|稿件|资源)(已(被)?删除|已撤(销|稿)|已下线|已失效|不存在)|该信息已(被)?删除|信息已被删除|"
    r"访问的页面已失效|网页走丢|页面走丢|页面丢失|无法(找到|访问)(该|此|您要访问的)?(页面|网页)", re.I)
SOFT_404_TITLE = re.compile(r"^\D*\b404\b\D*$")      # a title that is just "404 ..." (no other figures)
_LOOK_ALIKES = (
    (re.compile(r"关于.*(编制|发布|报送|做好).*(年度报告|年报).*(通知|函)|(年度报告|年报).*工作的通知"),
     "notice about compiling the annual reports"),
    (re.compile(r"(政务公开|政府信息公开)?工作要点"), "work plan (工作要点)"),
    (re.compile(r"解读|图解|一图读懂|图说|一图看懂|问答"), "interpretation of a report (解读/图解)"),
    (re.compile(r"工作总结|述职"), "work summary (工作总结)"),
    (re.compile(r"^关于.*的(通知|意见|批复|函)$"), "a notice, not a report"),
)
_YEAR = r"((19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年"
_REPORT_TITLE = re.compile(_YEAR + r".*(政府信息公开|政务公开|信息公开).*(年度报告|年报|工作报告|情况报告|统计表)")
_LEGACY_TABLE = re.compile(r"统\s*计\s*指\s*标.*单\s*位.*统\s*计\s*数", re.S)
# Section headings of a 2008-2018 report (概述 / 主动公开 / 依申请公开 / 复议诉讼 / 收费 / 问题和改进):
# its own sections, which the 2019/2021 headings of clean.sections do not name.
_LEGACY_WORDS = r"(概述|主动公开|依申请公开|复议|诉讼|申诉|收费|咨询|问题|改进|工作人员|机构建设|其他需要报告)"
_LEGACY_HEADING = re.compile(r"^([一二三四五六七八九十])、.{0,8}?" + _LEGACY_WORDS)
# The same headings run into their paragraphs (a page whose text lost its line breaks): a numbered
# heading anywhere, its words within the next few characters.
_LEGACY_HEADING_INLINE = re.compile(r"([一二三四五六七八九十])、.{0,8}?" + _LEGACY_WORDS)


def _compact(s: str) -> str:
    return "".join(s.split()) if s else ""


def classify(title: str, text: str, has_tables: bool, format: str = "",
             found_sections: dict | None = None) -> tuple[bool, str]:
    """found_sections: sections(text) when the caller already has it."""
    t = _compact(title)
    body = text or ""
    n = len(_compact(body))
    if (SOFT_404.search(t) or SOFT_404_TITLE.match(t) or SOFT_404.search(body[:2000])) and n < 1500:
        return False, "soft 404 (页面不存在)"
    if n < 30 and not has_tables:
        return False, "empty page"
    # The title decides; when it is only a site name, the text's first lines may carry the report title.
    head = t if _REPORT_TITLE.search(t) else ""
    if not head:
        for line in body.split("\n")[:6]:
            if _REPORT_TITLE.search(_compact(line)):
                head = _compact(line)
                break
    probe = t or head
    for pattern, reason in _LOOK_ALIKES:
        if pattern.search(probe) or (probe is not head and head and pattern.search(head)):
            return False, reason
    if not head:
        return False, "no report title (year + 政府信息公开 + 年度报告/年报/统计表)"
    found = sections(body) if found_sections is None else found_sections
    legacy_table = bool(_LEGACY_TABLE.search(body[:20000]))
    if "统计表" in head and not (has_tables or legacy_table) and n < 800:
        return False, "统计表 title without the table (a link page)"
    if len(found) >= 3:
        return True, f"report title and sections {''.join(found)}"
    headings = [m for ln in body.split("\n") if len(ln) <= 40 for m in [_LEGACY_HEADING.match(_compact(ln))] if m]
    if len(headings) < 3:
        headings = list(_LEGACY_HEADING_INLINE.finditer(_compact(body)[:20000]))
    legacy_sections = {m.group(2) for m in headings}
    if len(legacy_sections) >= 3 and len({m.group(1) for m in headings}) >= 3:
        return True, f"report title and legacy sections {'/'.join(sorted(legacy_sections))}"
    if has_tables or legacy_table:
        return True, "report title and tables"
    if n >= 800:
        return True, "report title and report-length text"
    return False, "report title but no report content (link or stub page)"
