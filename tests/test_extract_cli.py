"""`govcrawl extract FILE|URL` as interface.md writes it: JSON out, exit codes, nothing stored."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
ENV = dict(os.environ, GOVCRAWL_ENV="test")


def extract(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govcrawl", "extract", *args], capture_output=True, text=True,
                          errors="replace", env=ENV, timeout=300)


@pytest.mark.parametrize("case", ["nanyang-2019-trs", "real-huaian-city-2024", "shengsi-2017-legacy"])
def test_json_matches_the_written_truth(case, tmp_path):
    truth = json.loads((CORPUS / case / "truth.json").read_text(encoding="utf-8"))
    proc = extract(str(CORPUS / case / truth["source"]))
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert set(out) >= {"report", "metrics", "raw", "checks", "unreadable"}
    for fact in ("agency", "level", "region_code", "year", "format"):
        assert out["report"][fact] == truth["facts"][fact], fact
    wrong = {k: (out["metrics"].get(k), v) for k, v in truth["figures"].items()
             if out["metrics"].get(k) is None or Decimal(str(out["metrics"][k])) != Decimal(v)}
    assert not wrong, wrong
    assert set(out["raw"]) == set(out["metrics"])
    failed = {c["check"] for c in out["checks"] if not c["passed"]}
    assert failed == set(truth.get("checks_failed", []))
    assert out["report"]["checks_failed"] == len(failed)
    assert list(tmp_path.iterdir()) == []


def test_csv_is_the_metrics_export_shape():
    proc = extract(str(CORPUS / "ruijin-2022-trs" / "page.html"), "--format", "csv")
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert list(rows[0]) == ["report_id", "key", "value", "raw"]
    by_key = {r["key"]: r for r in rows}
    # 瑞金市 2022 (seed 002): 行政处罚 297159 printed with a leading space; fees 32064.23 万元.
    assert by_key["active.penalty.decisions"]["value"] == "297159"
    assert by_key["active.fees.amount"]["value"] == "32064.23"
    assert by_key["requests.new.total"]["value"] == "36"


def test_unreadable_input_exits_non_zero_with_the_reason(tmp_path):
    missing = extract(str(tmp_path / "nope.pdf"))
    assert missing.returncode != 0 and "cannot read" in missing.stderr and missing.stdout == ""
    broken = CORPUS / "doc-hostile-truncated-pdf"
    src = next(p for p in broken.iterdir() if p.name != "truth.json")
    proc = extract(str(src))
    assert proc.returncode != 0 and proc.stderr.strip() and proc.stdout == ""


def test_url_needs_allow_private_for_loopback():
    from tests.web.server import TestWeb
    with TestWeb() as web:
        report = next(r for r in web.truth() if r["url"].endswith(".html"))
        url = web.served(report["url"])
        before = len(web.requests)
        refused = extract(url)
        assert refused.returncode != 0 and "private" in refused.stderr
        assert len(web.requests) == before
        ok = extract(url, "--allow-private")
        assert ok.returncode == 0, ok.stderr[-2000:]
        assert json.loads(ok.stdout)["report"]["agency"] == report["agency"]
