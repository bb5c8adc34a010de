"""The 勾稽关系 of a 2019/2021 report. A check exists only when every figure it needs exists."""
from __future__ import annotations

from decimal import Decimal

from .labels import T3_COL_ORDER, T4_GROUPS
from .model import CheckResult, Figure

_APPLICANTS = T3_COL_ORDER[:-1]
_OUTCOME_ROWS_2019 = (
    "granted", "partial",
    *(f"denied.{s}" for s in ("state_secret", "prohibited_by_law", "security_stability", "third_party_rights",
                              "internal_affairs", "process_info", "enforcement_file", "query_matter")),
    *(f"unavailable.{s}" for s in ("not_held", "needs_creation", "unclear")),
    *(f"not_processed.{s}" for s in ("petition", "duplicate", "publication", "excessive", "confirm_existing")),
)
_OTHER_SUBROWS = ("other.no_correction", "other.no_fee_paid", "other.other")


def _fmt(values: list[Decimal]) -> str:
    return "+".join(str(v) for v in values)


def _sum_check(name: str, left: list[Decimal], right: list[Decimal], keys: tuple[str, ...]) -> CheckResult:
    ok = sum(left, Decimal(0)) == sum(right, Decimal(0))
    return CheckResult(name, ok, f"{_fmt(left)} {'==' if ok else '!='} {_fmt(right)}", keys)


def _outcome_rows(figures: dict[str, Figure], format: str) -> tuple[str, ...]:
    # (六)其他处理: whatever the report printed, one row or three sub-rows
    single = any(k.startswith("requests.other.") and k.count(".") == 2 for k in figures)
    if single or (format == "2019" and not any(k.startswith("requests.other.other.") for k in figures)):
        return (*_OUTCOME_ROWS_2019, "other")
    return (*_OUTCOME_ROWS_2019, *_OTHER_SUBROWS)


def run_checks(figures: dict[str, Figure], format: str) -> list[CheckResult]:
    if format not in ("2019", "2021"):
        return []
    out: list[CheckResult] = []

    def check(name: str, left: list[str], right: list[str]) -> None:
        """left == right as sums, when every figure of both sides was read."""
        if all(k in figures for k in (*left, *right)):
            out.append(_sum_check(name, [figures[k].value for k in left], [figures[k].value for k in right],
                                  (*left, *right)))

    for col in T3_COL_ORDER:
        check(f"balance.{col}", [f"requests.new.{col}", f"requests.carried_over.{col}"],
              [f"requests.total_handled.{col}", f"requests.carried_forward.{col}"])
    rows = _outcome_rows(figures, format)
    for col in T3_COL_ORDER:
        check(f"outcomes.{col}", [f"requests.total_handled.{col}"], [f"requests.{r}.{col}" for r in rows])
    row_ids = sorted({k[len("requests."):].rsplit(".", 1)[0] for k in figures if k.startswith("requests.")})
    for row in row_ids:
        check(f"row_total.requests.{row}", [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in _APPLICANTS])
    for group in T4_GROUPS:
        check(f"group_total.{group}", [f"{group}.total"],
              [f"{group}.{o}" for o in ("upheld", "corrected", "other", "pending")])
    return out
