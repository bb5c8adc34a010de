"""A seeded report as a county office fills it in: mostly zeros, printed as blanks or as 0, and the
tables of build_documents (same labels and merges) around them. The truth is what was printed,
a blank counted as 0 (formats.md)."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from tests.corpus.build_documents import COLS, ROWS_3, TABLE_2, checks_failed, table_2, table_3, table_4

T4_COLS = ["upheld", "corrected", "other", "pending", "total"]


@dataclass
class Report:
    seed: int
    tables: list[tuple[str, list[list[str]], list[tuple[int, int, int, int]]]]   # heading, rows, merges
    figures: dict[str, str] = field(default_factory=dict)
    checks_failed: list[str] = field(default_factory=list)
    style: dict = field(default_factory=dict)


def _small(rnd: random.Random, zero_share: float) -> int:
    return 0 if rnd.random() < zero_share else rnd.choice([1, 1, 2, 3, 4, 7, 12, 25, 103])


def make_report(seed: int, zero_share: float | None = None, blank_share: float | None = None) -> Report:
    """zero_share: how many table-三/四 cells are 0; blank_share: how many zeros are printed blank."""
    rnd = random.Random(seed)
    zero_share = rnd.choice([0.7, 0.85, 0.95]) if zero_share is None else zero_share
    blank_share = rnd.choice([0.5, 0.9, 1.0]) if blank_share is None else blank_share
    shown = lambda v: "" if v == 0 and rnd.random() < blank_share else str(v)  # noqa: E731

    t2 = {}
    for key, _default in TABLE_2.items():
        if key == "active.fees.amount":
            v = rnd.choice(["0", "0", "12.5", "452.36"])
        else:
            v = str(_small(rnd, zero_share))
        t2[key] = v
    rows_3, figures = [], {k: ("0" if v in ("", "0") else v) for k, v in t2.items()}
    for key, l0, l1, l2, _values in ROWS_3:
        values = [_small(rnd, zero_share if c else zero_share * 0.8) for c, _ in enumerate(COLS)]
        printed = [shown(v) for v in values]
        total = str(sum(values))
        rows_3.append((key, l0, l1, l2, printed))
        for col, v in zip(COLS, values):
            figures[f"requests.{key}.{col}"] = str(v)
        figures[f"requests.{key}.total"] = total
        rows_3[-1] = (key, l0, l1, l2, printed + ["" if total == "0" and rnd.random() < blank_share else total])
    t4, printed_4 = {}, {}
    for group in ("review", "litigation_direct", "litigation_after_review"):
        values = [_small(rnd, zero_share) for _ in range(4)]
        values.append(sum(values))
        t4[group] = values
        printed_4[group] = [shown(v) for v in values]
        for col, v in zip(T4_COLS, values):
            figures[f"{group}.{col}"] = str(v)
    shown_t2 = {k: shown(int(v)) if v.isdigit() else v for k, v in t2.items()}
    rows3, merges3 = table_3([r[:4] + (r[4][:6],) for r in rows_3], total=lambda values: "")
    for i, r in enumerate(rows_3):                   # the printed 总计, blank or not
        rows3[3 + i][-1] = r[4][6]
    tables = [("二、主动公开政府信息情况", *table_2(shown_t2)),
              ("三、收到和处理政府信息公开申请情况", rows3, merges3),
              ("四、政府信息公开行政复议、行政诉讼情况", *table_4(printed_4))]
    report = Report(seed, tables, figures, style={"zero_share": zero_share, "blank_share": blank_share})
    report.checks_failed = checks_failed(figures)
    return report
