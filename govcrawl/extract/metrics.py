"""The canonical keys (govcrawl/data/metrics.csv), loaded once at import."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

_CSV = Path(__file__).resolve().parent.parent / "data" / "metrics.csv"


@dataclass(frozen=True)
class MetricDef:
    format: str      # "2019" | "2021" | "legacy"
    table: str       # "2", "3", "4" or "0" (legacy)
    key: str
    row_label: str
    col_label: str
    unit: str


def _load() -> list[MetricDef]:
    with _CSV.open(encoding="utf-8", newline="") as fh:
        return [MetricDef(r["format"], r["table"], r["key"], r["row_label"], r["col_label"], r["unit"])
                for r in csv.DictReader(fh)]


METRICS: list[MetricDef] = _load()
_BY_FORMAT: dict[str, list[str]] = {}
for _m in METRICS:
    _BY_FORMAT.setdefault(_m.format, []).append(_m.key)
ALL_KEYS: frozenset[str] = frozenset(m.key for m in METRICS)
# A key's unit is the same in every format that has it.
UNIT: dict[str, str] = {m.key: m.unit for m in METRICS}


def keys_for(format: str) -> list[str]:
    """Keys of one generation ("2019", "2021", "legacy") in metrics.csv order; [] if unknown."""
    return list(_BY_FORMAT.get(format, ()))
