"""Extraction accuracy and speed on the HTML corpus: govcrawl.extract vs a naive baseline.

The baseline is what one writes in an afternoon: pandas.read_html on the page decoded as UTF-8, then
for every key of metrics.csv the cell whose row holds exactly the key's row label and whose column
header is exactly its column label. Both run over the same cases in one run.

Speed is CPU time of this process (time.process_time), so a loaded machine slows the wall clock but
not the figures; each side gets one untimed warm-up pass (imports, divisions.csv, caches), then
--repeat timed passes over every HTML case (reports and look-alikes alike). The ratio of the two
pages/s figures is the number to compare across machines.

    .venv/bin/python bench/extraction.py [--repeat N]
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import time
import warnings
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govcrawl.reading import extract  # noqa: E402
from govcrawl.extract.metrics import METRICS  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def cases() -> list[tuple[str, dict, bytes]]:
    out = []
    for truth_path in sorted(CORPUS.glob("*/truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if truth["source"] != "page.html":
            continue
        out.append((truth_path.parent.name, truth, (truth_path.parent / "page.html").read_bytes()))
    return out


def _number(text) -> Decimal | None:
    try:
        return Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        return None


def baseline(data: bytes) -> dict[str, Decimal]:
    import pandas as pd

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frames = pd.read_html(io.StringIO(data.decode("utf-8", "replace")), header=None, flavor="lxml")
    except ValueError:  # no <table>
        return {}
    figures: dict[str, Decimal] = {}
    for df in frames:
        rows = [["" if pd.isna(c) else str(c).strip() for c in row] for row in df.itertuples(index=False)]
        for m in METRICS:
            if m.key in figures:
                continue
            row_label, col_label = m.row_label.split(" ")[-1], m.col_label.split(" ")[-1]
            row = next((r for r in rows if row_label in r), None)
            if row is None:
                continue
            col = next((j for r in rows[:4] for j, c in enumerate(r) if c == col_label), None)
            if col is None or col >= len(row):
                continue
            value = _number(row[col]) if row[col] != "" else Decimal(0)
            if value is not None:
                figures[m.key] = value
    return figures


def ours(data: bytes, truth: dict) -> dict[str, Decimal]:
    ex = extract(data, url=truth.get("url"), filename="page.html", listing_date=truth.get("listing_date"))
    return {k: f.value for k, f in ex.figures.items()} if ex.is_report else {}


def accuracy(results: list[dict], corpus) -> dict:
    exact = wrong = missing = 0
    for (_, truth, _), got in zip(corpus, results):
        want = {k: Decimal(v) for k, v in truth.get("figures", {}).items()}
        for key, value in want.items():
            if key not in got:
                missing += 1
            elif got[key] == value:
                exact += 1
            else:
                wrong += 1
        wrong += sum(1 for key in got if key not in want)   # a figure the report does not print
    return {"fields exact": exact, "fields wrong": wrong, "fields missing": missing}


def one_pass(run, corpus) -> float:
    start = time.process_time()
    for _, truth, data in corpus:
        run(data, truth)
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="timed passes over the corpus (default 5)")
    args = ap.parse_args()
    corpus = cases()
    total = sum(len(t.get("figures", {})) for _, t, _ in corpus)
    print(f"{len(corpus)} HTML cases, {total} truth fields, timed {args.repeat}x after one warm-up pass "
          f"(CPU time, one core; the two sides' passes alternate so load on the machine hits both alike)")
    sides = [("govcrawl.extract", ours), ("naive pandas.read_html", lambda d, t: baseline(d))]
    # warm-up pass, which is also the scored one: imports, divisions.csv, caches
    scores = [accuracy([run(data, truth) for _, truth, data in corpus], corpus) for _, run in sides]
    times: list[list[float]] = [[], []]
    for _ in range(args.repeat):
        for i, (_, run) in enumerate(sides):
            times[i].append(one_pass(run, corpus))
    print(f"{'':24}{'exact':>8}{'wrong':>8}{'missing':>9}{'pages/s':>10}{'ms/page':>9}{'best pass':>11}")
    rates = []
    for (name, _), sc, ts in zip(sides, scores, times):
        rate = len(corpus) * len(ts) / sum(ts) if sum(ts) else float("inf")
        best = len(corpus) / min(ts) if min(ts) else float("inf")
        rates.append(rate)
        print(f"{name:24}{sc['fields exact']:>8}{sc['fields wrong']:>8}{sc['fields missing']:>9}"
              f"{rate:>10.1f}{1000 / rate:>9.2f}{best:>11.1f}")
    print(f"speed ratio govcrawl / naive: {rates[0] / rates[1]:.2f}  "
          f"(goal: >= 200 pages/s for govcrawl on one core)")


if __name__ == "__main__":
    main()
