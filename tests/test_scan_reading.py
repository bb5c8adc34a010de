"""Scans nobody here typed (tests/docgen: 200-300 dpi, turned, blurred, speckled, JPEG): read at a
few CPU seconds a page, never a wrong number. The reading before scan_read.py spent 8-15 s a page.
bench/documents.py --scans N runs many more seeds."""
from __future__ import annotations

import resource

import pytest

from govcrawl.documents import Limits, read_document
from tests.docgen import scan_case
from tests.test_documents_generated import score

# seed: share of figures that must read exact (1003: 300 dpi, specks; 1004: 200 dpi, blur 0.7, 0.5 degrees)
SEEDS = {1003: 0.95, 1004: 0.85}
CPU_PER_PAGE = 7.0          # process CPU seconds; measured 2.5-4.4 on a loaded 2-core machine


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_scan_reads_fast_and_never_wrong(seed: int) -> None:
    data, truth = scan_case(seed)
    from govcrawl.documents.scan_read import _ocr
    _ocr()                                   # loading the models is not reading a page
    started = _cpu()
    content = read_document(data, filename="scan.pdf", limits=Limits(timeout_s=900, isolate=False))
    spent = (_cpu() - started) / content.pages
    exact, wrong = score(truth, content)
    assert content.ocr
    assert not wrong, f"seed {seed}: " + "; ".join(wrong)
    assert exact >= SEEDS[seed] * len(truth["figures"]), f"seed {seed}: only {exact}/{len(truth['figures'])} exact"
    assert spent <= CPU_PER_PAGE, f"seed {seed}: {spent:.1f} s CPU a page"
