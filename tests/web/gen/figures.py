"""Figures of generated reports: keys of metrics.csv, built so the 勾稽关系 hold unless told otherwise.

Truth is the declared figures; the page is rendered from them, never the other way round.
"""
import random

COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"]
ALL_COLS = COLS + ["total"]

_DENIED = ["state_secret", "prohibited_by_law", "security_stability", "third_party_rights",
           "internal_affairs", "process_info", "enforcement_file", "query_matter"]
_UNAVAILABLE = ["not_held", "needs_creation", "unclear"]
_NOT_PROCESSED = ["petition", "duplicate", "publication", "excessive", "confirm_existing"]


def outcome_rows(fmt: str, other_single_row: bool = False) -> list[str]:
    """Row keys (without column) of the outcome rows, in printed order."""
    rows = ["granted", "partial"] + [f"denied.{d}" for d in _DENIED]
    rows += [f"unavailable.{u}" for u in _UNAVAILABLE] + [f"not_processed.{n}" for n in _NOT_PROCESSED]
    if fmt == "2021" and not other_single_row:
        rows += ["other.no_correction", "other.no_fee_paid", "other.other"]
    else:
        rows += ["other"]
    return rows


def request_rows(fmt: str, other_single_row: bool = False) -> list[str]:
    return ["new", "carried_over"] + outcome_rows(fmt, other_single_row) + ["total_handled", "carried_forward"]


GROUPS = ["review", "litigation_direct", "litigation_after_review"]
RESULTS = ["upheld", "corrected", "other", "pending", "total"]


def make_figures(fmt: str, seed: int, scale: int = 40, other_single_row: bool = False) -> dict[str, int | str]:
    """Consistent random figures for a 2019/2021 report. Values are ints, amounts are decimal strings."""
    rnd = random.Random(seed)
    f: dict[str, int | str] = {}
    # table 二
    if fmt == "2021":
        f.update({"active.rules.issued": 0, "active.rules.repealed": 0, "active.rules.in_force": rnd.randint(0, 3),
                  "active.normative_docs.issued": rnd.randint(0, 12), "active.normative_docs.repealed": rnd.randint(0, 6),
                  "active.normative_docs.in_force": rnd.randint(10, 80),
                  "active.licensing.decisions": rnd.randint(0, 3000), "active.penalty.decisions": rnd.randint(0, 900),
                  "active.enforcement.decisions": rnd.randint(0, 60),
                  "active.fees.amount": f"{rnd.randint(0, 9000)}.{rnd.randint(10, 99)}"})
    else:
        made = rnd.randint(0, 20)
        f.update({"active.rules.new_made": 0, "active.rules.new_published": 0, "active.rules.total_published": 0,
                  "active.normative_docs.new_made": made, "active.normative_docs.new_published": made,
                  "active.normative_docs.total_published": made + rnd.randint(10, 200)})
        for item in ["licensing", "other_services", "penalty", "enforcement"]:
            f[f"active.{item}.items_prev_year"] = rnd.randint(0, 300)
            f[f"active.{item}.items_change"] = rnd.randint(-5, 12)
            f[f"active.{item}.decisions"] = rnd.randint(0, 2000)
        f["active.fees.items_prev_year"] = rnd.randint(0, 20)
        f["active.fees.items_change"] = rnd.randint(-2, 2)
        f["active.procurement.projects"] = rnd.randint(0, 30)
        f["active.procurement.amount"] = str(rnd.randint(0, 5000))
    # table 三: per column, new + carried_over = handled + carried_forward, handled spread over outcomes
    outcomes = outcome_rows(fmt, other_single_row)
    weights = {"granted": 6, "partial": 2, "unavailable.not_held": 4, "unavailable.needs_creation": 1,
               "denied.internal_affairs": 1, "denied.process_info": 1, "not_processed.duplicate": 1}
    for c in COLS:
        big = c == "natural_person"
        new = rnd.randint(scale // 2, scale) if big else rnd.choice([0, 0, 0, 1, 2, 5])
        co = rnd.randint(0, 4) if big else rnd.choice([0, 0, 1])
        cf = rnd.randint(0, min(3, new + co))
        handled = new + co - cf
        counts = {r: 0 for r in outcomes}
        for _ in range(handled):
            r = rnd.choices(outcomes, [weights.get(r, 0.3) for r in outcomes])[0]
            counts[r] += 1
        f[f"requests.new.{c}"], f[f"requests.carried_over.{c}"] = new, co
        f[f"requests.total_handled.{c}"], f[f"requests.carried_forward.{c}"] = handled, cf
        for r, n in counts.items():
            f[f"requests.{r}.{c}"] = n
    for r in request_rows(fmt, other_single_row):
        f[f"requests.{r}.total"] = sum(f[f"requests.{r}.{c}"] for c in COLS)
    # table 四
    for g in GROUPS:
        parts = [rnd.choice([0, 0, 0, 1, 2]) for _ in range(4)]
        for res, n in zip(RESULTS[:4], parts):
            f[f"{g}.{res}"] = n
        f[f"{g}.total"] = sum(parts)
    return f


def failed_checks(fmt: str, f: dict, other_single_row: bool = False) -> list[str]:
    """The checks of team-brief.md that these figures fail (only checks whose figures exist)."""
    def n(k):
        return int(f[k]) if k in f else None
    failed = []
    outcomes = outcome_rows(fmt, other_single_row)
    for c in ALL_COLS:
        vals = [n(f"requests.{r}.{c}") for r in ("new", "carried_over", "total_handled", "carried_forward")]
        if None not in vals and vals[0] + vals[1] != vals[2] + vals[3]:
            failed.append(f"balance.{c}")
        parts = [n(f"requests.{r}.{c}") for r in outcomes]
        if n(f"requests.total_handled.{c}") is not None and None not in parts \
                and sum(parts) != n(f"requests.total_handled.{c}"):
            failed.append(f"outcomes.{c}")
    for r in request_rows(fmt, other_single_row):
        parts = [n(f"requests.{r}.{c}") for c in COLS]
        if None not in parts and n(f"requests.{r}.total") is not None and sum(parts) != n(f"requests.{r}.total"):
            failed.append(f"row_total.requests.{r}")
    for g in GROUPS:
        parts = [n(f"{g}.{res}") for res in RESULTS[:4]]
        if None not in parts and n(f"{g}.total") is not None and sum(parts) != n(f"{g}.total"):
            failed.append(f"group_total.{g}")
    return sorted(failed)


def zeros_for(fmt: str, other_single_row: bool = False) -> dict[str, int]:
    """All table 三/四 keys at 0: the base a transcribed report fills in."""
    f = {f"requests.{r}.{c}": 0 for r in request_rows(fmt, other_single_row) for c in ALL_COLS}
    f.update({f"{g}.{res}": 0 for g in GROUPS for res in RESULTS})
    return f
