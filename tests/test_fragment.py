"""Reports published as content fragments: no <html>/<title> (a CMS injects them into the page by
script), the title in the first centred paragraph, often the issue date alone under it. They must
read as reports with their facts; a fragment of a look-alike (a notice) must not.

Figures of the generated fragments come from the generator (tests/portalgen/content.py)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from govcrawl.reading import extract
from tests.portalgen import content
from tests.portalgen.plan import Item


def _fragment(title: str, date_line: str, body: str, charset: str = "utf-8") -> bytes:
    html = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
            f'<div class="article-content"><p style="text-align:center"><strong>{title}</strong></p>'
            f'{date_line}\n{body}</div>')
    return html.encode("gbk" if charset == "gbk" else "utf-8")


@pytest.mark.parametrize("fmt, year, charset", [("2021", 2022, "utf-8"), ("2019", 2020, "gbk")])
def test_a_generated_fragment_is_a_report_with_its_facts_and_figures(fmt: str, year: int, charset: str) -> None:
    it = Item(1, f"莱西市{year}年政府信息公开工作年度报告", f"{year + 1}-01-20", agency="莱西市人民政府",
              level="county", year=year, fmt=fmt, fig_seed=11, body="fragment")
    data = _fragment(it.title, f'<p style="text-align:right">{year + 1}年1月20日</p>', content.body_html(it), charset)
    ex = extract(data, url="http://www.laixi.gov.cn/zwgk/content.jsp?id=77")
    assert ex.is_report, ex.not_report_reason
    f = ex.facts
    assert (f.title, f.agency, f.level, f.region_code, f.year, f.format) == (
        it.title, "莱西市人民政府", "county", "370285", year, fmt)
    assert f.published.isoformat() == f"{year + 1}-01-20"          # the date line under the title
    want = {k: Decimal(v) for k, v in content.figures(it).items()}
    assert {k: fig.value for k, fig in ex.figures.items()} == want


def test_a_listing_or_url_date_wins_over_the_heading_date() -> None:
    it = Item(1, "莱西市2022年政府信息公开工作年度报告", "2023-01-20", agency="莱西市人民政府", level="county",
              year=2022, fmt="2021", fig_seed=3, body="fragment")
    data = _fragment(it.title, '<p style="text-align:right">2023年1月5日</p>', content.body_html(it))
    ex = extract(data, url="http://www.laixi.gov.cn/zwgk/202301/t20230120_9.html")
    assert ex.facts.published.isoformat() == "2023-01-20"


def test_a_fragment_of_a_look_alike_is_not_a_report() -> None:
    notice = "关于做好2022年度政府信息公开工作年度报告编制发布工作的通知"
    body = "<p>各乡镇人民政府、街道办事处：</p><p>请各单位于2023年1月31日前完成2022年度政府信息公开工作年度报告的编制和发布工作。</p>"
    ex = extract(_fragment(notice, "", body))
    assert not ex.is_report and "notice" in ex.not_report_reason


def test_a_fragment_without_a_report_title_gets_none() -> None:
    body = "<p>近日，我市召开政务公开工作推进会。</p>" * 5
    ex = extract(_fragment("莱西市召开政务公开工作推进会", "", body))
    assert not ex.is_report and ex.facts.title == ""
