"""A server's ISO-8859-1 default must not beat the page's own gb2312 meta (seen on 嵊泗's portal)."""
from govcrawl.extract.decode import decode_html


def test_latin1_header_loses_to_gbk_meta():
    page = '<html><head><meta charset="gb2312"></head><body>嵊泗县政府信息公开年报</body></html>'.encode("gbk")
    text, enc = decode_html(page, "text/html; charset=ISO-8859-1")
    assert "嵊泗县政府信息公开年报" in text and enc == "gb18030"


def test_latin1_page_that_is_really_latin1_still_reads():
    text, _ = decode_html("<p>café</p>".encode("latin-1"), "text/html; charset=ISO-8859-1")
    assert text == "<p>café</p>"
