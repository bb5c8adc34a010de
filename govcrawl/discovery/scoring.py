"""How likely a link leads to annual reports: anchor text and URL slug scores for best-first order."""
from __future__ import annotations

import re

from govcrawl.families.registry import ARTICLE_URL

REPORT_TITLE = re.compile(r"(政府)?信息公开.{0,8}(年度报告|年报)|(年度报告|年报).{0,4}$|信息公开工作报告")
YEAR = re.compile(r"(19|20)\d\d")
# 法定公开内容 / 主动公开 name the branch above the report column where a CMS's URLs say nothing
# (Hanweb /col/col123/, 集约化 /c123/list.shtml): the anchor alone must carry the crawl there.
COLUMN_WORDS = (("政府信息公开年报", 90), ("信息公开年报", 90), ("工作年度报告", 90), ("年度报告", 80), ("年报", 70),
                ("法定主动公开内容", 45), ("法定公开", 45), ("政府信息公开", 40), ("主动公开", 40), ("信息公开", 35),
                ("政务公开", 35),
                ("监督保障", 30), ("乡镇", 30), ("街道", 30), ("部门", 25), ("镇", 10), ("局", 8))
URL_SLUGS = (("zfxxgknb", 80), ("xxgknb", 80), ("ndbg", 80), ("annualreport", 80), ("gknb", 60),
             ("xxgk", 30), ("zwgk", 30), ("gkml", 25), ("bmxxgk", 25), ("xzxxgk", 25), ("jdxxgk", 25))
# A body's own name (its column holds its reports); 档案馆, 党史研究室, 供销合作社 and 司法所 are bodies too.
UNIT_NAME = re.compile(r"(局|委员会|委|办公室|中心|镇|乡|街道|街道办事处|办事处|馆|研究室|社|所)(人民政府)?$")
# Titles the classifier rejects whatever the page says (it judges by title first): not worth a request.
LOOKALIKE_TITLE = re.compile(r"关于.*(编制|发布|报送|做好).*(年度报告|年报).*(通知|函)|工作要点|解读|图解|一图读懂|图说|"
                             r"工作总结|述职")
NOISE_WORDS = ("新闻", "动态", "领导", "招聘", "图片", "视频", "访谈", "专题", "天气", "旅游", "搜索", "登录", "注册",
               "English", "无障碍", "长者", "关怀", "邮箱", "地图", "网站地图", "联系我们", "投诉", "留言")
NOISE_URL = ("?date=", "&date=", "calendar", "search", "login", "javascript")


# Lists cut long titles: "…工作年度报．．．", "…年度…", "...". The page's own title then decides.
TRUNCATED = re.compile(r"(…+|\.{3,}|．{2,}|。{3,})\s*$")


def looks_like_report_title(text: str) -> bool:
    if not text or not YEAR.search(text):
        return False
    if REPORT_TITLE.search(text):
        return True
    cut = TRUNCATED.search(text)
    return bool(cut) and "信息公开" in text[:cut.start()]


def is_report_link(text: str) -> bool:
    """Anchor text of a report (not of a look-alike the classifier would reject by its title)."""
    return looks_like_report_title(text) and not LOOKALIKE_TITLE.search(text)


PAGER_TEXTS = ("下一页", "下页", ">", ">>", "尾页", "末页", "后页")


def is_pagination(kind: str, text: str) -> bool:
    """A link to another page of the same listing."""
    return kind == "pagination" or text in PAGER_TEXTS or bool(re.fullmatch(r"\[?\d{1,3}\]?", text or ""))


def link_score(text: str, url: str, kind: str = "a") -> float:
    """0 or less: do not follow. Higher: earlier."""
    score = 0.0
    if looks_like_report_title(text):
        return -100.0 if LOOKALIKE_TITLE.search(text) else 100.0
    if ARTICLE_URL.search(url.split("#", 1)[0]) and len(text) > 8:
        return -50.0
    for word, weight in COLUMN_WORDS:
        if word in text:
            score = max(score, weight)
    unit = bool(UNIT_NAME.search(text or "")) and len(text) <= 16
    if unit:
        score = max(score, 30)      # a department's or township's own pages: where its reports live
    low = url.lower()
    for slug, weight in URL_SLUGS:
        if slug in low:
            score = max(score, weight) + 5
    if kind in ("record", "frame") or is_pagination(kind, text):
        score = max(score, 50.0)
    # Noise words name sections (新闻动态, 旅游景点), but also bodies: 文化和广电旅游体育局, 新闻出版局 are
    # units whose reports must be found. A 中心 stays suspect (新闻中心 is a news section).
    if any(w in text for w in NOISE_WORDS) and not (unit and not text.endswith("中心")):
        score -= 60
    if any(n in low for n in NOISE_URL):
        score -= 80
    return score
