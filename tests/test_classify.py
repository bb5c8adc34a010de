from pathlib import Path

import pytest

from govcrawl.extract.classify import classify

SEEDS = Path(__file__).parent / "data" / "seeds"   # copies of ../shared/seeds
NARRATIVE = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。" * 20


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def test_seed_reports_are_reports():
    assert classify("南阳市人民政府办公室2019年政府信息公开工作年度报告", seed("000_cfe94a00ec36cc7a.txt"), True)[0]
    assert classify("瑞金市人民政府2022年政府信息公开工作年度报告", seed("002_4a271a9a9156ab49.txt"), True)[0]
    assert classify("中共嵊泗县委嵊泗县人民政府办公室2017年度政府信息公开工作年度报告",
                    seed("003_bc870c0a05b91354.txt"), False)[0]


@pytest.mark.parametrize("title,reason", [
    ("关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", "notice"),
    ("2023年政务公开工作要点", "要点"),
    ("图解：瑞金市人民政府2022年政府信息公开工作年度报告", "解读"),
    ("《南阳市人民政府办公室2019年政府信息公开工作年度报告》解读", "解读"),
    ("瑞金市人民政府办公室2022年政务公开工作总结", "总结"),
])
def test_look_alikes(title, reason):
    ok, why = classify(title, "一、总体情况\n" + NARRATIVE + "\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况",
                       False)
    assert not ok and reason in why


def test_soft_404_and_empty():
    assert classify("页面不存在", "抱歉，您访问的页面不存在或已被删除！返回首页", False) == (False, "soft 404 (页面不存在)")
    assert classify("南阳市人民政府办公室2019年政府信息公开工作年度报告", "", False) == (False, "empty page")


def test_statistics_table_link_page_is_not_a_report():
    ok, why = classify("嵊泗县2017年政府信息公开情况统计表", "附件：嵊泗县2017年政府信息公开情况统计表.xls（点击下载查看）发布单位：嵊泗县人民政府办公室", False)
    assert not ok and "统计表" in why
    ok, _ = classify("嵊泗县2017年政府信息公开情况统计表", "统计指标 单位 统计数\n主动公开政府信息数 条 8295", True)
    assert ok


def test_report_title_in_text_when_title_is_site_name():
    text = "莱西市2020年政府信息公开工作年度报告\n" + NARRATIVE
    assert classify("莱西市人民政府", text, True)[0]
    assert not classify("莱西市人民政府", NARRATIVE, True)[0]


SHORT_LEGACY = ("一、概述本年度我镇成立了领导小组。二、主动公开政府信息情况我镇公开信息10条。"
                "三、依申请公开办理情况未收到申请。四、依申请信息公开收费情况没有收费。五、复议、诉讼和申诉情况未发生。")


def test_a_short_legacy_report_is_told_by_its_numbered_headings_even_run_into_the_text():
    title = "唐村镇2010年政府信息公开工作年度报告"
    assert classify(title, SHORT_LEGACY, False)[0]                               # headings inline
    assert classify(title, SHORT_LEGACY.replace("。", "。\n"), False)[0]          # headings on their own lines
    # the same words without the numbered headings (a link page that names the sections) stay a stub
    assert not classify(title, "本报告包括主动公开、依申请公开、收费、复议诉讼情况。附件下载", False)[0]
    # two headings are not three
    assert not classify(title, "一、概述本年度成立了领导小组。二、主动公开情况公开10条。", False)[0]
