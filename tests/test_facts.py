from datetime import date

import pytest

from govcrawl.extract.facts import agency_from_title, parse_date, read_facts, report_year, url_date
from govcrawl.extract.regions import region_code, region_in_text


@pytest.mark.parametrize("title,agency,level,code", [
    ("南阳市人民政府办公室2019年政府信息公开工作年度报告", "南阳市人民政府办公室", "department", "411300"),
    ("2020年莱西市政府信息公开工作年度报告", "莱西市人民政府", "county", "370285"),
    ("瑞金市人民政府2022年政府信息公开工作年度报告", "瑞金市人民政府", "county", "360781"),
    ("中共嵊泗县委嵊泗县人民政府办公室2017年度政府信息公开情况统计表", "中共嵊泗县委嵊泗县人民政府办公室", "department", "330922"),
    ("曲靖市麒麟区珠街街道2021年政府信息公开工作年度报告", "曲靖市麒麟区珠街街道", "township", "530302"),
    ("淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府", "city", "320800"),
    ("淮安市洪泽区2020年政府信息公开工作年度报告", "淮安市洪泽区人民政府", "county", "320813"),
    ("莱西市政府办公室二〇一九年政府信息公开工作年度报告（图片版）", "莱西市人民政府办公室", "department", "370285"),
    ("南阳市人民政府信息公开工作2019年度报告", "南阳市人民政府", "city", "411300"),
    ("莱西市教育体育局2020年度政府信息公开工作年度报告", "莱西市教育体育局", "department", "370285"),
    # a gloss in brackets after the name (real titles: 桐梓县 2019, Guizhou): the level is the name's
    ("桐梓县人民政府（县人民政府办公室）2019年政府信息公开工作年度报告", "桐梓县人民政府（县人民政府办公室）",
     "county", "520322"),
    ("桐梓县发展和改革局（县粮食和物资储备局）2020年政府信息公开工作年度报告",
     "桐梓县发展和改革局（县粮食和物资储备局）", "department", "520322"),
    # 县人民政府机关: the government and its office reporting as one (real title: 城口县 2020, Chongqing)
    ("城口县人民政府机关2020年政府信息公开工作年度报告", "城口县人民政府机关", "county", "500229"),
])
def test_agency_level_region(title, agency, level, code):
    f = read_facts(title, "")
    assert (f.agency, f.level, f.region_code) == (agency, level, code)


def test_year_is_reported_year_not_published():
    assert report_year("南阳市人民政府办公室2019年政府信息公开工作年度报告", "发布时间:2020-01-22") == 2019
    assert report_year("莱西市二〇一九年政府信息公开工作年度报告") == 2019
    assert report_year("政府信息公开工作年度报告", "本报告中使用数据统计期限为2022年1月1日至12月31日。") == 2022


def test_published_sources_in_order():
    title = "瑞金市人民政府2022年政府信息公开工作年度报告"
    trs = "http://www.ruijin.gov.cn/zwgk/202301/t20230131_5517.html"
    assert read_facts(title, "", url=trs, page_date="2023-02-01 09:47").published == date(2023, 2, 1)
    assert read_facts(title, "发布时间：2023年2月3日", url=trs).published == date(2023, 2, 3)
    assert read_facts(title, "", url=trs).published == date(2023, 1, 31)
    assert read_facts(title, "", url="http://x.gov.cn/art/2021/1/29/art_4152_501.html").published == date(2021, 1, 29)
    # a month-only path gives no day: the listing date is used, never an invented day
    assert read_facts(title, "", url="http://x.gov.cn/c123/202101/abc.shtml", listing_date="2021-01-28").published \
        == date(2021, 1, 28)
    assert read_facts(title, "", url="http://x.gov.cn/c123/202101/abc.shtml").published is None


def test_dates():
    assert parse_date("2020年1月22日") == date(2020, 1, 22)
    assert parse_date("2020/01/22 10:00:00") == date(2020, 1, 22)
    assert parse_date("2020-02-30") is None
    assert url_date("http://a.gov.cn/202101/t20210229_1.html") is None


def test_region_ambiguity_needs_prefix_or_hint():
    assert region_code("朝阳区人民政府") == ""                 # Beijing and Changchun both have one
    assert region_code("朝阳区人民政府", hint="110000") == "110105"
    assert region_code("吉林省长春市朝阳区人民政府") == "220104"
    assert region_code("珠街街道办事处", hint="530302") == "530302"
    assert region_code("教育局", hint="370285") == "370285"     # no place name: the portal's government
    assert region_code("洪泽县人民政府", hint="320800") == "320813"  # renamed 县 -> 区 in 2016


@pytest.mark.parametrize("agency, text, want", [
    # the page spells the same name out longer: its 来源 line, its signature
    ("区集体经济发展服务署", "来源：深圳市福田区集体经济发展服务署\n一、总体情况", "440304"),
    ("建新镇", "……没有收费。\n遂溪县建新镇人民政府\n2018年12月31日", "440823"),
    # one candidate town's county is named in the text (大路镇: five counties have one)
    ("大路镇人民政府", "按照《琼海市人民政府办公室关于印发…的通知》要求", "469002"),
    # two answers, or none: left unknown, never guessed
    ("建新镇", "遂溪县建新镇人民政府 与 仓山区建新镇 交流", ""),
    ("大路镇人民政府", "琼海市、集安市两地来访", ""),
    ("大路镇人民政府", "我镇严格按照上级要求", ""),
    ("教育局", "来源：本站", ""),
])
def test_region_from_the_page_when_the_name_settles_nothing(agency, text, want):
    assert region_in_text(agency, text) == want


def test_the_portal_hint_wins_over_the_page():
    facts = read_facts("2018年建新镇政府信息公开工作年度报告", "仓山区建新镇人民政府", region_hint="440823")
    assert facts.region_code == "440823"
    facts = read_facts("2018年建新镇政府信息公开工作年度报告", "正文\n遂溪县建新镇人民政府\n2019年1月18日")
    assert facts.region_code == "440823" and facts.level == "township"


def test_format_from_labels_or_year():
    assert read_facts("X市2022年政府信息公开工作年度报告", "本年制发件数").format == "2021"
    assert read_facts("X市2019年政府信息公开工作年度报告", "本年新制作数量").format == "2019"
    assert read_facts("X市2017年政府信息公开工作年度报告", "").format == "legacy"
    assert agency_from_title("政府信息公开工作年度报告") == ""


def test_agency_of_a_title_worded_关于_年度_工作的年度报告():
    from govcrawl.extract.facts import agency_from_title
    assert agency_from_title("无锡市新吴区人民政府关于2022年度政府信息公开工作的年度报告") == "无锡市新吴区人民政府"
    assert agency_from_title("布拖县农业农村局关于2022年度政府信息公开工作的年度报告") == "布拖县农业农村局"
    assert agency_from_title("麻阳苗族自治县兰村乡人民政府关于2023年度政府信息公开工作的年度报告") == \
        "麻阳苗族自治县兰村乡人民政府"


def test_agency_of_a_title_worded_年报_after_the_year():
    """年报 written after the year (2020年报): the 报 is not part of the name. Real title: a flipbook of a
    2020 report, `2020年报_审计局` (the agency after the file name's underscore)."""
    assert agency_from_title("2020年报_审计局") == "审计局"
    assert agency_from_title("德化县2020年报") == "德化县人民政府"
    assert agency_from_title("南阳市人民政府信息公开2019年报") == "南阳市人民政府"
    assert agency_from_title("莱西市人民政府2019年报告") != "莱西市人民政府告"          # 年报告: not 年报
    f = read_facts("2020年报_审计局", "")
    assert (f.agency, f.level, f.year) == ("审计局", "department", 2020)
