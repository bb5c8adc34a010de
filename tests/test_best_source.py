"""A report with a page and a document copy: both kept as sources, figures from the best, and any
disagreement between them recorded (pipelines.extract.read_candidate, no Scrapy needed)."""
import json
from decimal import Decimal
from pathlib import Path

from govcrawl.db.store import Fetched
from govcrawl.items import ReportCandidate
from pipelines.extract import read_candidate

CORPUS = Path(__file__).parent / "corpus"


def fetched(url: str, body: bytes, ctype: str, role: str) -> Fetched:
    return Fetched(url=url, final_url=url, status=200, content_type=ctype, body=body, role=role)


def test_page_and_copy_that_disagree():
    page = (CORPUS / "ruijin-2022-trs" / "page.html").read_bytes()
    # The copy prints 行政许可 1186 where the page prints 1185 (seed 002's figure).
    copy = page.replace(b">1185<", b">1186<")
    assert copy != page
    item = ReportCandidate(portal_url="http://www.ruijin.gov.cn/", region_hint="360781",
                           url="http://www.ruijin.gov.cn/a.html",
                           page=fetched("http://www.ruijin.gov.cn/a.html", page, "text/html", "page"),
                           attachments=[fetched("http://www.ruijin.gov.cn/a-copy.html", copy, "text/html", "attachment")])
    read_candidate(item)
    ex = item.extraction
    assert item.best_source == -1 and item.url == "http://www.ruijin.gov.cn/a.html"
    assert int(ex.figures["active.licensing.decisions"].value) == 1185
    assert any("a-copy.html" in w and "active.licensing.decisions" in w for w in ex.warnings), ex.warnings


def test_page_that_only_links_its_pdf_is_reported_as_the_pdf():
    pdf = (CORPUS / "real-huaian-city-2024" / "report.pdf").read_bytes()
    wrapper = ("<html><head><title>淮安市2024年政府信息公开工作年度报告</title></head><body>"
               "<h1>淮安市2024年政府信息公开工作年度报告</h1><p>详见附件：<a href='r.pdf'>年度报告.pdf</a></p>"
               "</body></html>").encode("utf-8")
    item = ReportCandidate(portal_url="http://www.huaian.gov.cn/", region_hint="320800",
                           url="http://www.huaian.gov.cn/w.html",
                           page=fetched("http://www.huaian.gov.cn/w.html", wrapper, "text/html", "page"),
                           attachments=[fetched("http://www.huaian.gov.cn/r.pdf", pdf, "application/pdf", "attachment")])
    read_candidate(item)
    assert item.url == "http://www.huaian.gov.cn/r.pdf" and item.best_source == 0
    assert item.extraction.is_report
    truth = json.loads((CORPUS / "real-huaian-city-2024" / "truth.json").read_text(encoding="utf-8"))
    assert item.extraction.figures["requests.new.total"].value == Decimal(truth["figures"]["requests.new.total"])
