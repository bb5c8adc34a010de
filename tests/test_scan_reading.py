"""Scans nobody here typed (tests/docgen: 200-300 dpi, turned, blurred, speckled, JPEG): never a wrong
number, most figures exact. CPU a page is a benchmark's (bench/documents.py --scans N, many more seeds),
never a timed assertion here."""
from __future__ import annotations

import pytest

from govcrawl.documents import Limits, read_document
from tests.docgen import scan_case
from tests.test_documents_generated import score

# seed: share of figures that must read exact (1003: 300 dpi, specks; 1004: 200 dpi, blur 0.7, 0.5 degrees)
SEEDS = {1003: 0.95, 1004: 0.85}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_scan_reads_never_wrong(seed: int) -> None:
    data, truth = scan_case(seed)
    content = read_document(data, filename="scan.pdf", limits=Limits(timeout_s=900, isolate=False))
    exact, wrong = score(truth, content)
    assert content.ocr
    assert not wrong, f"seed {seed}: " + "; ".join(wrong)
    assert exact >= SEEDS[seed] * len(truth["figures"]), f"seed {seed}: only {exact}/{len(truth['figures'])} exact"
