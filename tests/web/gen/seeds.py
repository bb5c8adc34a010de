"""Figures transcribed by hand from the three seed reports in /work/shared/seeds (read, not parsed)."""
from .figures import zeros_for

# 000: 南阳市人民政府办公室 2019 (format 2019). Table 三 prints blanks for every legal-person column.
NANYANG_2019 = {
    "active.rules.new_made": 0, "active.rules.new_published": 0, "active.rules.total_published": 0,
    "active.normative_docs.new_made": 15, "active.normative_docs.new_published": 15,
    "active.normative_docs.total_published": 216,
    **{f"active.{i}.{k}": 0 for i in ("licensing", "other_services", "penalty", "enforcement")
       for k in ("items_prev_year", "items_change", "decisions")},
    "active.fees.items_prev_year": 0, "active.fees.items_change": 0,
    "active.procurement.projects": 5, "active.procurement.amount": "452",
}
NANYANG_2019.update(zeros_for("2019"))
for _row, _n in {"new": 76, "carried_over": 3, "granted": 6, "partial": 5, "denied.prohibited_by_law": 5,
                 "unavailable.not_held": 46, "unavailable.needs_creation": 5, "not_processed.duplicate": 1,
                 "other": 8, "total_handled": 76, "carried_forward": 3}.items():
    NANYANG_2019[f"requests.{_row}.natural_person"] = _n
    NANYANG_2019[f"requests.{_row}.total"] = _n
NANYANG_2019.update({"review.upheld": 1, "review.total": 1})

# 002: 瑞金市人民政府 2022 (format 2021); label drift 本年发件 / 现行有效件 / 行政执法案件.
RUIJIN_2022 = {
    "active.rules.issued": 0, "active.rules.repealed": 0, "active.rules.in_force": 0,
    "active.normative_docs.issued": 5, "active.normative_docs.repealed": 15, "active.normative_docs.in_force": 28,
    "active.licensing.decisions": 1185, "active.penalty.decisions": 297159, "active.enforcement.decisions": 7129,
    "active.fees.amount": "32064.23",
}
RUIJIN_2022.update(zeros_for("2021"))
for _row, _n in {"new": 36, "granted": 9, "denied.internal_affairs": 1, "unavailable.not_held": 24,
                 "other.no_correction": 2, "total_handled": 36}.items():
    RUIJIN_2022[f"requests.{_row}.natural_person"] = _n
    RUIJIN_2022[f"requests.{_row}.total"] = _n
RUIJIN_2022.update({"review.upheld": 1, "review.corrected": 1, "review.other": 3, "review.total": 5})

# 003: 中共嵊泗县委嵊泗县人民政府办公室 2017 (legacy 统计表), rows as printed with their keys.
SHENGSI_2017_ROWS = [
    ("（一）主动公开政府信息数 （不同渠道和方式公开相同信息计1条）", "条", "8295", "legacy.active.total"),
    ("其中：主动公开规范性文件数", "条", "17", "legacy.active.normative_docs"),
    ("制发规范性文件总数", "件", "17", "legacy.active.normative_docs_made"),
    ("1.政府公报公开政府信息数", "条", "0", "legacy.channel.gazette"),
    ("2.政府网站公开政府信息数", "条", "6563", "legacy.channel.website"),
    ("3.政务微博公开政府信息数", "条", "0", "legacy.channel.weibo"),
    ("4.政务微信公开政府信息数", "条", "390", "legacy.channel.wechat"),
    ("5.其他方式公开政府信息数", "条", "1325", "legacy.channel.other"),
    ("（一）回应公众关注热点或重大舆情数 （不同方式回应同一热点或舆情计1次）", "次", "195", "legacy.response.hot_topics"),
    ("1.参加或举办新闻发布会总次数", "次", "0", "legacy.response.press_conferences"),
    ("其中：主要负责同志参加新闻发布会次数", "次", "0", "legacy.response.press_conferences_leaders"),
    ("2.政府网站在线访谈次数", "次", "0", "legacy.response.interviews"),
    ("其中：主要负责同志参加政府网站在线访谈次数", "次", "0", "legacy.response.interviews_leaders"),
    ("3.政策解读稿件发布数", "篇", "90", "legacy.response.interpretations"),
    ("4.微博微信回应事件数", "次", "2", "legacy.response.weibo_wechat"),
    ("5.其他方式回应事件数", "次", "103", "legacy.response.other"),
    ("（一）收到申请数", "件", "2", "legacy.requests.received"),
    ("1.当面申请数", "件", "0", "legacy.requests.in_person"),
    ("2.传真申请数", "件", "0", "legacy.requests.fax"),
    ("3.网络申请数", "件", "2", "legacy.requests.online"),
    ("4.信函申请数", "件", "0", "legacy.requests.letter"),
    ("（二）申请办结数", "件", "2", "legacy.requests.closed"),
    ("1.按时办结数", "件", "2", "legacy.requests.closed_on_time"),
    ("2.延期办结数", "件", "0", "legacy.requests.closed_extended"),
    ("（三）申请答复数", "件", "2", "legacy.replies.total"),
    ("1.属于已主动公开范围数", "件", "0", "legacy.replies.already_public"),
    ("2.同意公开答复数", "件", "0", "legacy.replies.granted"),
    ("3.同意部分公开答复数", "件", "0", "legacy.replies.partial"),
    ("4.不同意公开答复数", "件", "2", "legacy.replies.denied"),
    ("其中：涉及国家秘密", "件", "0", "legacy.replies.denied.state_secret"),
    ("涉及商业秘密", "件", "2", "legacy.replies.denied.commercial_secret"),
    ("涉及个人隐私", "件", "0", "legacy.replies.denied.privacy"),
    ("危及国家安全、公共安全、经济安全和社会稳定", "件", "0", "legacy.replies.denied.security_stability"),
    ("不是《条例》所指政府信息", "件", "0", "legacy.replies.denied.not_gov_info"),
    ("法律法规规定的其他情形", "件", "0", "legacy.replies.denied.other_law"),
    ("5.不属于本行政机关公开数", "件", "0", "legacy.replies.not_this_agency"),
    ("6.申请信息不存在数", "件", "0", "legacy.replies.not_exist"),
    ("7.告知作出更改补充数", "件", "0", "legacy.replies.amend"),
    ("8.告知通过其他途径办理数", "件", "0", "legacy.replies.other_channel"),
    ("四、行政复议数量", "件", "0", "legacy.review.total"),
    ("（一）维持具体行政行为数", "件", "0", "legacy.review.upheld"),
    ("（二）被依法纠错数", "件", "0", "legacy.review.corrected"),
    ("（三）其他情形数", "件", "0", "legacy.review.other"),
    ("五、行政诉讼数量", "件", "0", "legacy.litigation.total"),
    ("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "0", "legacy.litigation.upheld"),
    ("（二）被依法纠错数", "件", "0", "legacy.litigation.corrected"),
    ("（三）其他情形数", "件", "0", "legacy.litigation.other"),
    ("六、举报投诉数量", "件", "0", "legacy.complaints"),
    ("七、依申请公开信息收取的费用", "万元", "0", "legacy.fees"),
    ("（一）政府信息公开工作专门机构数", "个", "1", "legacy.org.units"),
    ("（二）设置政府信息公开查阅点数", "个", "11", "legacy.org.reading_points"),
    ("（三）从事政府信息公开工作人员数", "人", "1", "legacy.org.staff"),
    ("1.专职人员数（不包括政府公报及政府网站工作人员数）", "人", "0", "legacy.org.staff_fulltime"),
    ("2.兼职人员数", "人", "1", "legacy.org.staff_parttime"),
    ("（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", "万元", "15",
     "legacy.org.budget"),
    ("（一）召开政府信息公开工作会议或专题会议数", "次", "2", "legacy.meetings"),
    ("（二）举办各类培训班数", "次", "1", "legacy.trainings"),
    ("（三）接受培训人员数", "人次", "230", "legacy.trainees"),
]
# Section rows (一、主动公开情况 …) print —— in both columns; they carry no key.
_SECTIONS = {0: "一、主动公开情况", 3: "（二）通过不同渠道和方式公开政府信息的情况", 8: "二、回应解读情况",
             9: "（二）通过不同渠道和方式回应解读的情况", 16: "三、依申请公开情况", 49: "八、机构建设和保障经费情况",
             55: "九、政府信息公开会议和培训情况"}


def shengsi_legacy():
    rows, figures = [], {}
    for i, (label, unit, value, key) in enumerate(SHENGSI_2017_ROWS):
        if i in _SECTIONS:
            rows.append((_SECTIONS[i], "——", "——"))
        rows.append((label, unit, value))
        figures[key] = value
    return rows, figures
