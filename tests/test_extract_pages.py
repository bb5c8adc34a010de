"""extract() on whole HTML pages, for what the corpus truth files cannot say: warnings, attachments,
and the rule that text read as a flattened table never fills a cell the HTML table left unreadable."""
from __future__ import annotations

from pathlib import Path

from govcrawl.reading import extract

CORPUS = Path(__file__).resolve().parent / "corpus"
DATA = Path(__file__).resolve().parent / "data"


def test_tables_only_as_images_leave_keys_absent_and_say_where_to_look():
    data = (CORPUS / "quirk-tables-as-images-2022" / "page.html").read_bytes()
    ex = extract(data, url="http://www.ruijin.gov.cn/zwgk/zfxxgknb/202301/t20230131_5517.html")
    assert ex.is_report and ex.facts.format == "2021"
    assert ex.figures == {} and ex.unreadable == [] and ex.checks == []
    assert len(ex.attachments) == 3 and all(a.endswith(".png") for a in ex.attachments)
    warning = next(w for w in ex.warnings if w.startswith("tables not in the page"))
    assert ex.attachments[0] in warning


def test_short_rows_warn_and_stay_unreadable():
    ex = extract((CORPUS / "quirk-short-rows-2021" / "page.html").read_bytes())
    assert "requests.granted.total" in ex.unreadable and "requests.granted.total" not in ex.figures
    assert any("予以公开" in w and "unreadable" in w for w in ex.warnings)
    # the checks that would need a missing cell are not produced, the others still are
    names = {c.check for c in ex.checks}
    assert "row_total.requests.granted" not in names and "outcomes.total" not in names
    assert "balance.total" in names and "group_total.review" in names


def test_text_never_fills_a_cell_the_table_left_unreadable():
    # table 二 as a grid whose 规范性文件 row printed no third cell, table 三 only as text (the seed as
    # pasted, which prints 规范性文件 15 15 216): the text completes table 三, never that cell.
    from govcrawl.reading import _read_figures

    text = (DATA / "seeds" / "000_cfe94a00ec36cc7a.txt").read_text(encoding="utf-8")
    grid = [["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章", "0", "0", "0"],
            ["规范性文件", "15", "15", None]]
    figures, unreadable, _ambiguous, fmt, warnings = _read_figures([grid], text, "html")
    assert fmt == "2019"
    assert figures["requests.new.total"].value == 76 and figures["requests.new.total"].source == "text"
    assert figures["active.normative_docs.new_made"].source == "html"
    assert "active.normative_docs.total_published" in unreadable
    assert "active.normative_docs.total_published" not in figures
    assert any("total_published" in w and "'216' not used" in w for w in warnings)
    # where table and text disagree, the table wins and the disagreement is recorded
    grid[2][1] = "14"
    figures, *_rest, warnings = _read_figures([grid], text, "html")
    assert figures["active.normative_docs.new_made"].value == 14
    assert any("new_made" in w and "the table wins" in w for w in warnings)
