"""The documents queue (govcrawl/scale/docqueue.py, docworker.py) with a real Redis and a real
`govcrawl worker --documents`: a document read through it reads as its truth says, a broken one comes
back unreadable with the reason, and the answer came from the documents worker, not from this process."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from govcrawl.documents import pool
from govcrawl.extract import ExtractionError
from govcrawl.scale import docqueue, registry
from tests.test_corpus import compare
from tests.test_scale import REDIS, redis_client  # noqa: F401  (the fixture)
CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def documents_worker(redis_client):
    r = redis_client
    proc = subprocess.Popen([sys.executable, "-m", "govcrawl", "worker", "--documents", "--redis", REDIS,
                             "--processes", "1"], env=dict(os.environ, GOVCRAWL_ENV="test"))
    deadline = time.monotonic() + 60
    while not any(w["pid"] == proc.pid for w in registry.workers(r)):
        assert time.monotonic() < deadline and proc.poll() is None, "the documents worker did not start"
        time.sleep(0.2)
    yield r, proc
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)


def answered(r, pid: int) -> int:
    entry = next(w for w in registry.workers(r) if w["pid"] == pid)
    return int(entry["portals"][0].split()[0])          # "N jobs answered"


def test_a_pdf_read_through_the_queue_reads_as_its_truth(documents_worker, monkeypatch):
    r, proc = documents_worker
    monkeypatch.setenv(docqueue.ENV, REDIS)
    assert isinstance(pool.document_pool(), docqueue.QueuePool)
    case = CORPUS / "doc-pdf-text"
    truth = json.loads((case / "truth.json").read_text(encoding="utf-8"))
    ex = pool.extract_isolated((case / "report.pdf").read_bytes(), filename="report.pdf")
    assert not compare(truth, ex)
    assert all(ex.figures[k].value == Decimal(v) for k, v in truth["figures"].items())
    time.sleep(6)           # the worker's next heartbeat carries its count
    assert answered(r, proc.pid) >= 1, "the document was not read by the documents worker"


def test_a_broken_pdf_comes_back_unreadable_with_its_reason(documents_worker, monkeypatch):
    monkeypatch.setenv(docqueue.ENV, REDIS)
    data = (CORPUS / "doc-hostile-truncated-pdf" / "report.pdf").read_bytes()
    with pytest.raises(ExtractionError) as queued:
        pool.extract_isolated(data, filename="report.pdf")
    monkeypatch.delenv(docqueue.ENV)
    with pytest.raises(ExtractionError) as local:
        pool.extract_isolated(data, filename="report.pdf")
    assert queued.value.reason == local.value.reason       # read the same way, wherever it was read


def test_without_the_queue_documents_stay_in_the_process_pool(monkeypatch):
    monkeypatch.delenv(docqueue.ENV, raising=False)
    assert pool.document_pool() is pool.get_pool()
