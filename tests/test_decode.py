import codecs

import pytest

from govcrawl.extract.decode import declared_charsets, decode_html, normalize

PAGE = '<html><head><meta http-equiv="Content-Type" content="text/html; charset={cs}"></head><body>瑞金市人民政府 王喆镕</body></html>'


def test_gb2312_meta_over_gbk_bytes_is_read_as_gb18030():
    # 喆 and 镕 are GBK, not GB2312: a strict gb2312 decoder would fail on them.
    data = PAGE.format(cs="gb2312").encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")
    text, enc = decode_html(data)
    assert enc == "gb18030"
    assert "王喆镕" in text


def test_header_says_utf8_but_page_is_gbk():
    data = PAGE.format(cs="gbk").encode("gbk")
    text, enc = decode_html(data, "text/html; charset=UTF-8")
    assert enc == "gb18030" and "瑞金市人民政府" in text


def test_header_says_gbk_but_page_is_utf8():
    data = PAGE.format(cs="utf-8").encode("utf-8")
    text, enc = decode_html(data, "text/html;charset=GBK")
    assert enc == "utf-8" and "王喆镕" in text


def test_bom_wins_and_is_dropped():
    data = codecs.BOM_UTF8 + PAGE.format(cs="gb2312").encode("utf-8")
    text, enc = decode_html(data)
    assert enc == "utf-8" and text.startswith("<html>")


def test_undeclared_gb18030_page():
    data = "<html><body>南阳市人民政府办公室</body></html>".encode("gb18030")
    text, enc = decode_html(data)
    assert enc == "gb18030" and "南阳市人民政府办公室" in text


def test_broken_byte_still_gives_text():
    data = PAGE.format(cs="gbk").encode("gbk") + b"\xff"
    text, _ = decode_html(data)
    assert "瑞金市人民政府" in text


def test_declarations_and_names():
    said = declared_charsets(PAGE.format(cs="gb2312").encode("gbk"), 'text/html; charset="utf-8"')
    assert said == {"bom": None, "header": "utf-8", "meta": "gb2312"}
    assert normalize("GB2312") == normalize("x-gbk") == "gb18030"
    assert normalize("no-such-charset") is None


def test_a_stored_page_records_the_encoding_it_is_read_with_not_the_header_s_claim():
    # documents.encoding is "the encoding the page was decoded with" (data dictionary): a GBK page
    # whose header says UTF-8 is stored as gb18030, as decode_html reads it (Scrapy's guess says utf-8).
    from scrapy.http import HtmlResponse, Request, Response
    from govcrawl.runtime.responses import fetched_from
    body = "<html><body>瑞金市人民政府 2023年政府信息公开工作年度报告</body></html>".encode("gbk")
    page = HtmlResponse(url="http://127.0.0.1/a.html", body=body, request=Request("http://127.0.0.1/a.html"), headers={"Content-Type": "text/html; charset=utf-8"})
    assert fetched_from(page).encoding == "gb18030"
    plain = HtmlResponse(url="http://127.0.0.1/b.html", body="<p>年度报告</p>".encode(), request=Request("http://127.0.0.1/b.html"), headers={"Content-Type": "text/html"})
    assert fetched_from(plain).encoding == "utf-8"
    pdf = Response(url="http://127.0.0.1/c.pdf", body=b"%PDF-1.4", request=Request("http://127.0.0.1/c.pdf"), headers={"Content-Type": "application/pdf"})
    assert fetched_from(pdf).encoding == ""
