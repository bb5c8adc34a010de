"""Label normalization and matching by meaning (all tables precomputed at import).

Every matcher takes labels already passed through `norm` and returns a canonical id or None.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Whitespace, zero-width characters and every kind of quote vanish; odd brackets become ASCII.
_DROP = " \t\r\n\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff\"'“”‘’「」『』〝〞＂＇`"
_TRANS = str.maketrans({**{c: None for c in _DROP}, "〔": "(", "〕": ")", "【": "(", "】": ")",
                        "［": "(", "］": ")", "[": "(", "]": ")", "﹙": "(", "﹚": ")", "．": ".",
                        "，": ",", "：": ":", "；": ";", "／": "/"})


# Every matcher is a pure function of a short label: cached, as the same labels come back on every page.
@lru_cache(maxsize=8192)
def norm(text: str | None) -> str:
    """Label text for matching: NFKC (full-width -> half-width), no spaces/line breaks/quotes."""
    if not text:
        return ""
    return unicodedata.normalize("NFKC", text).translate(_TRANS)


_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、])+")


@lru_cache(maxsize=4096)
def strip_numbering(label: str) -> str:
    return _NUMBERING.sub("", label)


# ---- table 三 (requests) ----------------------------------------------------------------------
# Sub-rows, matched on the innermost label cell; keywords survive truncation (2.其他法律行政止公开).
_T3_SUBROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("denied.state_secret", ("国家秘密",)),
    ("denied.prohibited_by_law", ("其他法律", "禁止公开", "法规禁止")),
    ("denied.security_stability", ("三安全", "一稳定")),
    ("denied.third_party_rights", ("第三方",)),
    ("denied.internal_affairs", ("内部事务",)),
    ("denied.process_info", ("过程性",)),
    ("denied.enforcement_file", ("执法案卷", "执法案件", "行政执法")),   # OCR reads 案 as 象
    ("denied.query_matter", ("查询事项",)),
    ("unavailable.not_held", ("不掌握",)),
    ("unavailable.needs_creation", ("另行制作", "没有现成")),
    ("unavailable.unclear", ("不明确",)),
    ("not_processed.petition", ("信访", "举报投诉")),
    ("not_processed.duplicate", ("重复申请",)),
    ("not_processed.publication", ("出版物",)),
    ("not_processed.excessive", ("大量反复",)),
    ("not_processed.confirm_existing", ("重新出具", "确认或")),
    ("other.no_correction", ("不补正",)),
    ("other.no_fee_paid", ("缴纳费用", "收费通知")),
)
_T3_TOP: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("new", ("本年新收",)),
    ("carried_over", ("上年结转",)),
    ("carried_forward", ("结转下年",)),
    ("granted", ("予以公开",)),
    ("partial", ("部分公开",)),
    ("other", ("其他处理",)),
    ("total_handled", ("总计",)),
)
T3_GROUPS = ("不予公开", "无法提供", "不予处理", "本年度办理结果")


def t3_row(labels: list[str], parent: str = "") -> str | None:
    """Row id of table 三 from its label cells (outer -> inner); parent: the enclosing group label."""
    if not labels:
        return None
    inner = labels[-1]
    for row, words in _T3_SUBROWS:
        if any(w in inner for w in words):
            return row
    bare = strip_numbering(inner)
    if bare == "其他" and any("其他处理" in x for x in (*labels, parent)):
        return "other.other"
    for row, words in _T3_TOP:
        if any(w in inner for w in words):
            return row
    return None


_T3_COLS = (("natural_person", "自然人"), ("commercial", "商业"), ("research", "科研"),
            ("social_welfare", "公益"), ("legal_services", "法律服务"), ("total", "总计"))
T3_COL_ORDER = ("natural_person", "commercial", "research", "social_welfare", "legal_services",
                "other_org", "total")


@lru_cache(maxsize=4096)
def t3_col(header: str) -> str | None:
    """Column of table 三 from its combined header (e.g. 申请人情况 法人或其他组织 其他)."""
    for col, word in _T3_COLS:
        if word in header:
            return col
    for parent in ("申请人情况", "法人或其他组织", "法人或者其他组织"):
        header = header.replace(parent, "")
    if header in ("其他", "其他组织"):
        return "other_org"
    return None


@lru_cache(maxsize=4096)
def is_t3_header(text: str) -> bool:
    return "自然人" in text or "申请人情况" in text or "法人或其他组织" in text or "商业企业" in text


# ---- table 二 (active disclosure) -------------------------------------------------------------
_T2_ROWS = (("normative_docs", "规范性文件"), ("rules", "规章"), ("licensing", "行政许可"),
            ("other_services", "对外管理服务"), ("penalty", "行政处罚"), ("enforcement", "行政强制"),
            ("fees", "收费"), ("procurement", "集中采购"))
# (column id, keywords, generation it proves or "")
_T2_COLS = (
    ("issued", ("本年制发", "本年发件"), "2021"),
    ("repealed", ("废止",), "2021"),
    ("in_force", ("现行有效",), "2021"),
    ("amount", ("收费金额",), "2021"),
    ("amount", ("采购总金额", "总金额"), "2019"),
    ("projects", ("采购项目",), "2019"),
    ("new_made", ("新制作",), "2019"),
    ("new_published", ("新公开",), "2019"),
    ("total_published", ("公开总数",), "2019"),
    ("items_prev_year", ("上一年项目",), "2019"),
    ("items_change", ("增/减", "增减", "增(减)"), "2019"),
    ("decisions", ("本年处理决定",), "2021"),
    ("decisions", ("处理决定",), ""),
)


@lru_cache(maxsize=4096)
def t2_row(label: str) -> str | None:
    label = strip_numbering(label)
    for row, word in _T2_ROWS:
        if word in label:
            return row
    return None


@lru_cache(maxsize=4096)
def t2_col(header: str) -> tuple[str, str] | None:
    """(column id, generation hint) of a table 二 column header."""
    for col, words, gen in _T2_COLS:
        if any(w in header for w in words):
            return col, gen
    return None


@lru_cache(maxsize=4096)
def is_t2_header(text: str) -> bool:
    return "信息内容" in text or t2_col(text) is not None


# ---- table 四 (review / litigation) -----------------------------------------------------------
_T4_OUTCOMES = (("upheld", "维持"), ("corrected", "纠正"), ("pending", "未审结"), ("pending", "尚未"),
                ("other", "其他"), ("total", "总计"), ("total", "合计"))
T4_GROUPS = ("review", "litigation_direct", "litigation_after_review")


@lru_cache(maxsize=4096)
def t4_group(header: str) -> str | None:
    if "复议后起诉" in header:
        return "litigation_after_review"
    if "直接起诉" in header or "未经复议" in header:
        return "litigation_direct"
    if "行政复议" in header:
        return "review"
    return None


@lru_cache(maxsize=4096)
def t4_outcome(header: str) -> str | None:
    for col, word in _T4_OUTCOMES:
        if word in header:
            return col
    return None


@lru_cache(maxsize=4096)
def is_t4_header(text: str) -> bool:
    return "行政复议" in text or "行政诉讼" in text or "结果维持" in text or "复议后起诉" in text
