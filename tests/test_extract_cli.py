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


def _zip_of_text() -> bytes:
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("notes.txt", "政府信息公开工作年度报告 " * 200)
    return buf.getvalue()


@pytest.mark.parametrize("name,data,reason", [
    ("empty.html", b"", "empty"),
    ("random.bin", bytes((i * 7919 + 13) % 251 for i in range(20000)), "binary data"),
    ("tool", Path(sys.executable).resolve().read_bytes()[:200000], "ELF executable"),
    ("bundle.zip", _zip_of_text(), "zip archive"),
])
def test_bytes_that_are_no_page_exit_1_with_the_reason(tmp_path, name, data, reason):
    src = tmp_path / name
    src.write_bytes(data)
    proc = extract(str(src))
    assert proc.returncode == 1, (proc.returncode, proc.stdout[:300], proc.stderr[-500:])
    assert proc.stdout == ""
    last = proc.stderr.strip().splitlines()[-1]
    assert "cannot read" in last and reason in last and str(src) in last


def test_a_page_that_is_not_a_report_still_exits_0():
    truth = json.loads((CORPUS / "not-notice-2023" / "truth.json").read_text(encoding="utf-8"))
    assert truth["is_report"] is False
    proc = extract(str(CORPUS / "not-notice-2023" / truth["source"]))
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["report"]["is_report"] is False and out["metrics"] == {}


def test_url_follows_redirects_only_through_the_guard():
    from tests.test_netguard import _Site
    a, b = _Site("127.0.0.2"), _Site("127.0.0.3")
    try:
        start = f"{a.url}/to?u={b.url}/chain/1"
        refused = extract(start)                        # private without --allow-private: nothing sent
        assert refused.returncode == 2 and "private" in refused.stderr and a.paths == [] and b.paths == []
        ok = extract(start, "--allow-private")          # 127.0.0.2 -> 127.0.0.3/chain/1 -> /chain/0 -> /page
        assert ok.returncode == 0, ok.stderr[-2000:]
        assert json.loads(ok.stdout)["report"]["url"] == f"{b.url}/page"
        assert b.paths == ["/chain/1", "/chain/0", "/page"]
    finally:
        a.close()
        b.close()
