"""Real names for generated portals: divisions (govcrawl/data/divisions.csv), departments, wording.

Counties and their towns come from the MCA/NBS division list the crawler itself reads, so a
generated agency is a real one (莱西市院上镇人民政府) and its region code is the real code.
"""
import csv
import os
from functools import lru_cache

DIVISIONS = os.path.join(os.path.dirname(__file__), "..", "..", "govcrawl", "data", "divisions.csv")

# Department names as county portals print them (with 旅游/新闻/文化/广电 ones a keyword filter trips on).
DEPARTMENTS = [("jyj", "教育局"), ("czj", "财政局"), ("mzj", "民政局"), ("sfj", "司法局"), ("tjj", "统计局"),
               ("sjj", "审计局"), ("wgly", "文化和广电旅游体育局"), ("wlj", "文化和旅游局"), ("xwcb", "新闻出版局"),
               ("wgxc", "文化广电新闻出版局"), ("wjw", "卫生健康局"), ("zrzy", "自然资源局"), ("zjj", "住房和城乡建设局"),
               ("nyj", "农业农村局"), ("scj", "市场监督管理局"), ("rsj", "人力资源和社会保障局"), ("jtj", "交通运输局"),
               ("slj", "水利局"), ("yjj", "应急管理局"), ("tyjr", "退役军人事务局"), ("ybj", "医疗保障局"),
               ("swj", "商务局"), ("fgj", "发展和改革局"), ("kjj", "科学技术局"), ("lyj", "林业局"),
               ("xfj", "信访局"), ("gxj", "工业和信息化局"), ("mzzj", "民族宗教事务局"),
               ("wtgl", "文化体育广电和旅游局"), ("wglt", "文化广电体育和旅游局"), ("wgl", "文化广电和旅游局"),
               ("xwb", "人民政府新闻办公室"), ("rmt", "融媒体中心"), ("lyfz", "旅游发展委员会"), ("tyj", "体育局"),
               ("sthj", "生态环境局"), ("gaj", "公安局"), ("rfb", "人民防空办公室"), ("zwfw", "政务服务管理局"),
               ("xzsp", "行政审批局"), ("cgj", "城市管理局"), ("xczx", "乡村振兴局"), ("dag", "档案馆"),
               ("gzw", "国有资产监督管理局"), ("fzb", "人民政府办公室"), ("jrb", "地方金融监督管理局")]
NOISY_DEPT = ("旅游", "新闻", "文化", "广电", "体育", "融媒体")

# Wording of the navigation and columns (portals.md): hub, intermediate level, report column.
HUB_WORDS = ["政务公开", "信息公开", "政府信息公开", "政府信息公开专栏", "政务公开专栏", "政府信息公开目录",
             "信息公开目录", "政务信息公开"]
MID_WORDS = ["法定主动公开内容", "监督保障", "政府信息公开", "重点领域信息公开", "政府信息公开制度", "公开年报",
             "法定公开内容"]
COLUMN_WORDS = ["政府信息公开年报", "政府信息公开工作年度报告", "年度报告", "政府信息公开年度报告", "年报",
                "信息公开年报", "政府信息公开年度报告专栏", "政务公开年报"]
UNIT_COLUMN_WORDS = ["政府信息公开年报", "年度报告", "信息公开年报", "政府信息公开工作年度报告", "年报",
                     "政府信息公开年度报告"]
DEPT_INDEX_WORDS = ["部门信息公开", "部门信息公开目录", "政府部门", "部门公开", "部门政府信息公开", "县直部门",
                    "部门信息公开平台", "政府组成部门"]
TOWN_INDEX_WORDS = ["乡镇（街道）信息公开", "镇街信息公开", "乡镇信息公开", "街道信息公开", "乡镇政府信息公开",
                    "镇（街道）政务公开", "乡镇街道"]
NEWS_WORDS = ["新闻中心", "今日要闻", "政务动态", "通知公告", "工作动态", "新闻动态", "要闻动态"]

@lru_cache(maxsize=1)
def counties() -> list[tuple[str, str, str, list[str]]]:
    """(code, name, level, towns) of county-level divisions with at least three towns, and of cities."""
    rows, towns = [], {}
    with open(DIVISIONS, encoding="utf-8") as fh:
        for r in csv.DictReader(line for line in fh if not line.startswith("#")):
            if r["level"] == "town":
                towns.setdefault(r["parent"] or r["code"], []).append(r["name"])
            elif r["level"] in ("county", "city"):
                rows.append((r["code"], r["name"], r["level"]))
    out = []
    for code, name, level in rows:
        t = [x for x in towns.get(code, []) if x.endswith(("镇", "乡", "街道"))]
        if level == "county" and len(t) >= 3 and not name.endswith(("市辖区", "开发区")):
            out.append((code, name, "county", t))
        elif level == "city" and name.endswith("市") and code.endswith("00") and not code.endswith("0000"):
            out.append((code, name, "city", []))
    return out


def town_agency(county: str, town: str) -> str:
    return f"{county}{town}办事处" if town.endswith("街道") else f"{county}{town}人民政府"
