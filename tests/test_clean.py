from pathlib import Path

from govcrawl.extract.clean import block_text, clean_html, parse, sections

CORPUS = Path(__file__).resolve().parent / "corpus"


def page(case: str, enc: str = "utf-8") -> str:
    return (CORPUS / case / "page.html").read_bytes().decode(enc)


def test_trs_page_body_without_chrome():
    c = clean_html(page("nanyang-2019-trs"), "http://www.nanyang.gov.cn/zwgk/zfxxgknb/202001/t20200122_5517.html")
    assert "TRS_Editor" in c.body.get("class")
    for chrome in ("无障碍", "长者版", "关怀版", "扫一扫", "您当前所在位置", "分享到", "打印本页", "网站标识码",
                   "关于做好2023年度"):
        assert chrome not in c.text, chrome
    assert c.text.startswith("一、总体情况")
    assert c.title == "南阳市人民政府办公室2019年政府信息公开工作年度报告"
    assert c.meta["published"].startswith("2020-01-22")


def test_hanweb_layout_tables_body_is_zoom():
    c = clean_html(page("ruijin-2022-hanweb"))
    assert c.body.get("id") == "zoom"
    assert "瑞金市人民政府2022年政府信息公开工作年度报告" == c.title
    assert len(c.body.findall(".//table")) == 3


def test_largest_block_without_known_container():
    html = ("<html><body><div id='menu'><a href='/'>首页</a><a href='/a'>政务公开</a></div>"
            "<div id='x'><p>一、总体情况</p><p>" + "本机关依法公开政府信息。" * 20 + "</p>"
            "<table><tr><td>规章</td><td>0</td></tr></table></div>"
            "<div class='foot'>网站标识码 4113000001</div></body></html>")
    c = clean_html(html)
    assert c.body.get("id") == "x"
    assert "网站标识码" not in c.text and "首页" not in c.text


def test_attachments_are_absolute_and_only_documents():
    html = ("<html><head><title>莱西市2020年政府信息公开工作年度报告_莱西市人民政府</title></head><body>"
            "<div class='TRS_Editor'><p>" + "正文内容" * 20 + "</p>"
            "<a href='./P020210129_1.pdf'>报告.pdf</a> <a href='/u/2.docx?x=1'>docx</a> <a href='other.html'>x</a>"
            "<img src='scan1.jpg'><a href='javascript:void(0)'>js</a></div></body></html>")
    c = clean_html(html, "http://www.laixi.gov.cn/zwgk/ndbg/202101/t20210129_1.html")
    assert c.attachments == ["http://www.laixi.gov.cn/zwgk/ndbg/202101/P020210129_1.pdf",
                             "http://www.laixi.gov.cn/u/2.docx?x=1",
                             "http://www.laixi.gov.cn/zwgk/ndbg/202101/scan1.jpg"]
    assert c.title == "莱西市2020年政府信息公开工作年度报告"


def test_block_text_keeps_blank_cells_and_br():
    root = parse("<div><table><tr><td>本年新<br>制作数量</td><td></td><td>&nbsp;</td><td>76</td></tr></table></div>")
    lines = block_text(root).split("\n")
    assert lines == ["本年新", "制作数量", "", "", "", "76"]


def test_sections_skip_table_rows():
    text = "\n".join(["一、总体情况", "概述", "二、主动公开政府信息情况", "表二", "三、收到和处理政府信息公开申请情况",
                      "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理",
                      "四、政府信息公开行政复议、行政诉讼情况", "表四", "五、存在的主要问题及改进情况", "问题",
                      "六、其他需要报告的事项", "无"])
    s = sections(text)
    assert list(s) == ["一", "二", "三", "四", "五", "六"]
    assert "上年结转" in s["三"] and s["四"] == "表四" and s["六"] == "无"
