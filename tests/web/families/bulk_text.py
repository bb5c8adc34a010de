"""Titles and bodies of the bulk pages (families/bulk.py): ordinary portal prose from seeded choices.

Nothing here is a report: no title says 年度报告 and no body carries the report's tables. The
`near_miss` items are the pages a naive classifier confuses with reports: 政府信息公开指南,
依申请公开目录, 政务公开工作推进会, a 政务公开 summary quoting numbers in prose.
"""
TOWNS = ["城关镇", "河头镇", "南岭镇", "青山镇", "龙泉街道", "东湖街道", "白沙镇", "石桥镇", "新华街道", "柳林镇"]
DEPTS = ["发展和改革局", "教育局", "公安局", "民政局", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局",
         "住房和城乡建设局", "交通运输局", "农业农村局", "水利局", "商务局", "文化和旅游局", "卫生健康委员会",
         "应急管理局", "市场监督管理局", "医疗保障局", "统计局", "行政审批服务局"]
TOPICS = ["安全生产", "森林防火", "乡村振兴", "营商环境", "文明城市创建", "防汛抗旱", "秸秆禁烧", "疫情防控", "招商引资",
          "河长制", "人居环境整治", "食品安全", "消防安全", "重点项目建设", "民生实事", "信访稳定", "耕地保护", "春季植树"]
ACTS = ["召开{t}工作会议", "部署{t}工作", "开展{t}专项检查", "调研{t}工作", "推进{t}工作", "举办{t}培训班",
        "召开{t}推进会", "开展{t}督导", "组织{t}应急演练", "扎实做好{t}工作"]
POLICY = ["关于印发《{s}{t}工作实施方案》的通知", "关于进一步加强{t}工作的意见", "关于做好{y}年{t}工作的通知",
          "{s}{t}管理办法", "关于印发《{s}{t}三年行动计划（{y}—{y2}年）》的通知", "关于调整{s}{t}工作领导小组成员的通知"]
NORM = ["{s}{t}管理暂行办法", "{s}城乡居民{t}补助实施细则", "关于规范{t}有关事项的通知", "{s}{t}资金管理办法"]
NEAR = ["{s}政府信息公开指南（{y}年修订）", "{s}依申请公开政府信息目录", "{s}召开{y}年政务公开工作推进会",
        "{y}年第{q}季度政务公开工作动态", "关于印发《{s}{y}年政务公开工作要点》的通知", "{s}政府信息主动公开基本目录",
        "{s}政务公开工作领导小组成员调整的通知", "{s}{y}年政务公开工作总结", "{s}政府信息公开申请流程图",
        "{s}举办政务公开业务培训会", "政务公开专区：{y}年政务公开工作动态（第{q}期）"]
SERVICES = ["城乡居民基本养老保险参保登记", "最低生活保障申请", "残疾人两项补贴申领", "个体工商户设立登记",
            "建设工程规划许可证核发", "不动产登记", "失业保险金申领", "医疗费用报销", "农村宅基地审批", "出生医学证明办理",
            "高龄津贴发放", "食品经营许可", "道路运输经营许可", "临时救助申请", "公租房申请", "医师执业注册"]
ASKS = ["关于{t}的咨询", "关于{town}道路维修的建议", "反映{town}噪音扰民问题", "关于孩子入学的咨询", "咨询{t}政策",
        "关于小区供暖问题的投诉", "关于社保转移的咨询", "反映{town}路灯不亮", "关于公积金提取的咨询"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林"
GIVEN = ["建国", "志强", "海涛", "红梅", "立新", "晓东", "文华", "振宇", "秀英", "国栋", "丽娟", "明亮"]
POSTS = ["市长", "常务副市长", "副市长", "副市长", "副市长", "副市长", "秘书长"]


def item_title(rng, kind, seq, date):
    """(title, kind of page) of one item; about one news item in 25 is a near miss."""
    y = date.year
    t, town, dept = rng.choice(TOPICS), rng.choice(TOWNS), rng.choice(DEPTS)
    if kind == "open" or (kind == "news" and rng.random() < 0.04):
        return rng.choice(NEAR).format(s="我市" if kind == "news" else "", y=y, q=rng.randint(1, 4)).lstrip(), "near_miss"
    if kind == "news":
        return "我市" + rng.choice(ACTS).format(t=t), "news"
    if kind == "dept":
        return "市" + dept + rng.choice(ACTS).format(t=t), "news"
    if kind == "town":
        return town + rng.choice(ACTS).format(t=t), "news"
    if kind == "policy":
        return rng.choice(POLICY).format(s="", t=t, y=y, y2=y + 2), "policy"
    if kind == "norm":
        return rng.choice(NORM).format(s="", t=t), "policy"
    if kind == "leader":
        return f"{POSTS[(seq - 1) % len(POSTS)]} {rng.choice(SURNAMES)}{rng.choice(GIVEN)}", "leader"
    if kind == "service":
        return rng.choice(SERVICES) + "办事指南", "service"
    return rng.choice(ASKS).format(t=t, town=town), "letter"


def _paras(rng, n, title):
    lines = ["会议强调，要提高政治站位，压实工作责任，确保各项任务落到实处。",
             "与会人员围绕工作开展情况进行了交流发言，并就下一步工作提出意见建议。",
             "下一步，将持续加大工作力度，完善长效机制，推动工作取得新成效。",
             "活动现场，工作人员向群众发放宣传资料，耐心解答群众关心的问题。",
             "检查组深入一线，采取查阅资料、实地查看等方式，对发现的问题当场反馈并督促整改。",
             "此次活动进一步增强了干部群众的责任意识，营造了良好的社会氛围。"]
    return "".join(f"<p>{p}</p>" for p in [f"近日，{title}。"] + rng.sample(lines, n))


def article_body(rng, kind, title, date, conf):
    """{'html', 'source'} of one bulk article."""
    s = conf["short"]
    if kind == "near_miss":
        n1, n2 = rng.randint(800, 9000), rng.randint(10, 300)
        return {"source": f"{s}政府办公室", "html":
                f"<p>为进一步做好政务公开工作，现将有关情况公布如下。</p>"
                f"<p>一、{s}按照政府信息公开条例要求，梳理公开事项{rng.randint(20, 90)}项，编制公开目录并动态更新。</p>"
                f"<p>二、截至{date.year}年{date.month}月，全{s[-1]}累计主动公开政府信息{n1}条，受理依申请公开{n2}件，均按期答复。</p>"
                f"<p>三、申请人可通过当面、信函、网络等方式提出政府信息公开申请，联系电话：0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}。</p>"}
    if kind == "policy":
        no = f"{s[:2]}政发〔{date.year}〕{rng.randint(1, 60)}号"
        arts = "".join(f"<p>第{c}条 {p}</p>" for c, p in zip("一二三四五", [
            "为规范相关工作，根据有关法律法规，结合本地实际，制定本办法。", "本办法适用于本行政区域内的相关活动。",
            "各有关部门应当按照职责分工，做好相关工作。", "违反本办法规定的，依法依规予以处理。",
            f"本办法自印发之日起施行，有效期{rng.choice(['三', '五'])}年。"]))
        return {"source": f"{s}人民政府", "html": f"<p class=\"wh\">{no}</p><p>各镇人民政府、街道办事处，市政府各部门：</p>{arts}"
                                                 f"<p style=\"text-align:right\">{s}人民政府<br>{date.year}年{date.month}月{date.day}日</p>"}
    if kind == "leader":
        return {"source": f"{s}人民政府", "html": f"<p>{title}</p><p>男，汉族，{rng.randint(1965, 1980)}年{rng.randint(1, 12)}月生，"
                f"大学学历，中共党员。</p><p>工作分工：负责{rng.choice(TOPICS)}、{rng.choice(TOPICS)}等方面工作。</p>"
                f"<p>分管部门：{rng.choice(DEPTS)}、{rng.choice(DEPTS)}。</p>"}
    if kind == "service":
        mats = "".join(f"<tr><td>{i}</td><td>{m}</td><td>原件{rng.randint(1, 2)}份</td></tr>" for i, m in enumerate(
            rng.sample(["居民身份证", "户口簿", "申请表", "营业执照", "委托书", "证明材料", "照片"], 4), 1))
        return {"source": f"{s}行政审批服务局", "html": f"<p>一、办理条件：符合相关规定的申请人。</p>"
                f"<p>二、申请材料：</p><table border=\"1\"><tr><th>序号</th><th>材料名称</th><th>材料要求</th></tr>{mats}</table>"
                f"<p>三、办理时限：{rng.randint(1, 20)}个工作日。</p><p>四、收费标准：不收费。</p>"
                f"<p>五、办理地点：{s}政务服务中心{rng.randint(1, 3)}楼{rng.randint(1, 30)}号窗口。</p>"}
    if kind == "letter":
        return {"source": f"{s}人民政府办公室", "html": f"<p><b>来信人：</b>{rng.choice(SURNAMES)}**</p>"
                f"<p><b>来信内容：</b>{title}，希望有关部门给予答复。</p>"
                f"<p><b>答复单位：</b>{s}{rng.choice(DEPTS)}</p><p><b>答复时间：</b>{date}</p>"
                f"<p><b>答复内容：</b>您好！您反映的问题已收悉，经核实，我局已安排专人跟进处理。感谢您对我们工作的关心和支持。</p>"}
    return {"source": f"{s}融媒体中心", "html": _paras(rng, rng.randint(2, 4), title)}
