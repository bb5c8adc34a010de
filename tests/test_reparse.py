"""`govcrawl reparse` rebuilds figures from the stored raw bytes and sends no request."""
from __future__ import annotations

from sqlalchemy import create_engine, text

from tests.test_end_to_end import govcrawl
from tests.web.server import TestWeb


def figures(db: str) -> dict:
    engine = create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT report_id, key, value, raw FROM figures WHERE current")).all()
    engine.dispose()
    return {(r, k): (str(v), raw) for r, k, v, raw in rows}


def test_reparse_rebuilds_from_stored_documents_without_requests(tmp_path):
    db = f"sqlite:///{tmp_path / 'g.db'}"
    with TestWeb() as web:
        portals = tmp_path / "portals.csv"
        web.write_portals_csv(portals, sites=["laixi"])
        govcrawl("crawl", "--portals", str(portals), "--db", db, "--allow-private", "--quiet")
        before = figures(db)
        assert len(before) > 100, "the crawl stored too few figures to test reparse"
        # A parser bug of yesterday: wrong numbers and lost rows in the database.
        engine = create_engine(db)
        with engine.begin() as conn:
            conn.execute(text("UPDATE figures SET value = value + 7 WHERE key LIKE 'requests.new.%'"))
            conn.execute(text("DELETE FROM figures WHERE key LIKE 'review.%'"))
        engine.dispose()
        assert figures(db) != before
        requests_before = len(web.requests)
        govcrawl("reparse", "--db", db)
        assert len(web.requests) == requests_before, "reparse sent requests"
    assert figures(db) == before
