"""run_checks on the seeds (pass/fail worked out by hand below) and on deliberately broken tables."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from govcrawl.extract.checks import run_checks
from govcrawl.extract.model import Figure
from govcrawl.extract.text_tables import figures_from_text

DATA = Path(__file__).parent / "data"
TRUTH = json.loads((DATA / "seed_truth.json").read_text(encoding="utf-8"))
COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"]


def figures(seed: str, **changes: str) -> dict[str, Figure]:
    """The seed's hand-read truth as figures, with some cells changed."""
    values = {**TRUTH[seed]["figures"], **{k.replace("__", "."): v for k, v in changes.items()}}
    return {k: Figure(k, Decimal(v), v) for k, v in values.items()}


def by_name(results):
    return {c.check: c for c in results}


def test_seed_000_checks_by_hand():
    # 2019 report. balance.total: 76 new + 3 carried over = 76 handled + 3 carried forward.
    # outcomes.total: 6 granted + 5 partial + 5 prohibited + 46 not held + 5 needs creation
    #   + 1 duplicate + 8 other = 76. Table 四: review 1 = 1 upheld. Every column but natural
    #   person is blank (0), natural person equals the total everywhere.
    text = (DATA / "seeds" / "000_cfe94a00ec36cc7a.txt").read_text(encoding="utf-8")
    reading = figures_from_text(text)
    results = by_name(run_checks(reading.figures, reading.format))
    assert len(results) == 7 + 7 + 23 + 3        # balance, outcomes, 23 rows of table 三, 3 groups
    assert all(c.passed for c in results.values()), [c for c in results.values() if not c.passed]
    assert results["balance.total"].detail == "76+3 == 76+3"
    assert results["outcomes.total"].detail.startswith("76 == 6+5+")
    assert sum(int(x) for x in results["outcomes.total"].detail.split("== ")[1].split("+")) == 76
    assert "row_total.requests.other" in results          # 2019: (六) is one row
    assert "row_total.requests.other.other" not in results


def test_seed_002_checks_by_hand():
    # 2021 report. balance.total: 36 + 0 = 36 + 0. outcomes.total: 9 granted + 1 internal affairs
    # + 24 not held + 2 no correction = 36. review: 1 upheld + 1 corrected + 3 other + 0 pending = 5.
    text = (DATA / "seeds" / "002_4a271a9a9156ab49.txt").read_text(encoding="utf-8")
    reading = figures_from_text(text)
    results = by_name(run_checks(reading.figures, reading.format))
    assert len(results) == 7 + 7 + 25 + 3
    assert all(c.passed for c in results.values())
    assert results["group_total.review"].detail == "5 == 1+1+3+0"
    assert results["balance.total"].detail == "36+0 == 36+0"
    assert "row_total.requests.other.no_correction" in results


def test_broken_table_fails_exactly_the_affected_checks():
    figs = figures("002_4a271a9a9156ab49",
                   requests__granted__total="10",                 # row sum 9, outcome sum +1
                   requests__carried_forward__natural_person="1",  # balance and row
                   review__total="4")                             # 1+1+3+0 = 5
    results = run_checks(figs, "2021")
    failed = {c.check for c in results if not c.passed}
    assert failed == {"row_total.requests.granted", "outcomes.total", "balance.natural_person",
                      "row_total.requests.carried_forward", "group_total.review"}
    details = by_name(results)
    assert details["balance.natural_person"].detail == "36+0 != 36+1"
    assert details["group_total.review"].detail == "4 != 1+1+3+0"
    assert details["row_total.requests.granted"].detail == "10 != 9+0+0+0+0+0"


def test_2021_report_with_one_other_row_sums_that_row():
    figs = figures("002_4a271a9a9156ab49")
    for c in COLS:
        for sub in ("no_correction", "no_fee_paid", "other"):
            del figs[f"requests.other.{sub}.{c}"]
        v = "2" if c in ("natural_person", "total") else "0"
        figs[f"requests.other.{c}"] = Figure(f"requests.other.{c}", Decimal(v), v)
    results = by_name(run_checks(figs, "2021"))
    assert results["outcomes.total"].passed
    assert results["outcomes.total"].detail.endswith("+2")


def test_checks_only_when_inputs_exist():
    figs = figures("002_4a271a9a9156ab49")
    del figs["requests.carried_over.research"]
    del figs["review.pending"]
    names = {c.check for c in run_checks(figs, "2021")}
    assert "balance.research" not in names and "balance.total" in names
    assert "row_total.requests.carried_over" not in names
    assert "group_total.review" not in names and "group_total.litigation_direct" in names
    assert run_checks(figures("003_bc870c0a05b91354"), "legacy") == []
    assert run_checks({}, "2019") == []


def test_a_scan_whose_sums_fail_makes_the_misread_cell_unreadable_not_wrong():
    """Two agreeing OCR reads of 106 as 105: the row's and the column's sums both fail; only the cell in
    both is doubted, the rest stays read."""
    from govcrawl.extract.checks import _OTHER_SUBROWS, _OUTCOME_ROWS_2019, run_checks
    from govcrawl.extract.model import Extraction, Facts, Figure
    from govcrawl.reading import _doubt_ocr_sums
    cols = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org")
    printed = {row: [0] * 6 for row in (*_OUTCOME_ROWS_2019, *_OTHER_SUBROWS)}
    printed["granted"], printed["partial"] = [50, 6, 0, 0, 0, 0], [40, 10, 0, 0, 0, 0]
    printed["total_handled"] = [sum(printed[r][i] for r in list(printed)) for i in range(6)]
    figures = {}
    for row, values in printed.items():
        for c, v in zip(cols, values):
            figures[f"requests.{row}.{c}"] = Figure(f"requests.{row}.{c}", Decimal(v), str(v), "3")
        figures[f"requests.{row}.total"] = Figure(f"requests.{row}.total", Decimal(sum(values)), str(sum(values)), "3")
    figures["requests.total_handled.total"] = Figure("requests.total_handled.total", Decimal(105), "105", "3")  # 106
    ex = Extraction(facts=Facts(format="2021"), figures=figures)
    ex.checks = run_checks(figures, "2021")
    assert sum(not c.passed for c in ex.checks) == 2          # its row's total and table 三's column of totals
    ex.checks = _doubt_ocr_sums(ex)
    assert ex.unreadable == ["requests.total_handled.total"]
    assert ex.checks and all(c.passed for c in ex.checks) and "requests.granted.total" in ex.figures
