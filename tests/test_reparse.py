"""`govcrawl reparse` rebuilds figures from the stored raw bytes and sends no request."""
from __future__ import annotations

from decimal import Decimal

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


def versions(db: str) -> dict:
    engine = create_engine(db)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT id, version FROM reports")).all())
    engine.dispose()
    return rows


def test_reparse_keeps_the_old_reading_and_writes_a_new_version_only_when_it_differs(tmp_path, web, db_url):
    db = db_url                                         # SQLite and PostgreSQL
    portals = tmp_path / "portals.csv"
    web.write_portals_csv(portals, sites=["laixi"])
    govcrawl("crawl", "--portals", str(portals), "--db", db, "--allow-private", "--quiet")
    crawled, before = versions(db), figures(db)
    assert crawled and set(crawled.values()) == {1}
    # Reparse reads as the crawl reads (all sources, validation): an untouched database stays as it is.
    govcrawl("reparse", "--db", db)
    assert versions(db) == crawled and figures(db) == before

    engine = create_engine(db)
    with engine.begin() as conn:
        rid, key, value, raw = conn.execute(text(
            "SELECT report_id, key, value, raw FROM figures WHERE current AND key = 'requests.new.total' "
            "AND value > 0 ORDER BY report_id LIMIT 1")).one()
        conn.execute(text("UPDATE figures SET value = value + 1000 WHERE report_id = :r AND key = :k"),
                     {"r": rid, "k": key})
    govcrawl("reparse", "--db", db)
    after = versions(db)
    assert after[rid] == 2, "a changed reading must be a new version"
    assert {r: v for r, v in after.items() if r != rid} == {r: v for r, v in crawled.items() if r != rid}
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT version, current, value FROM figures WHERE report_id = :r AND key = :k "
                                 "ORDER BY version"), {"r": rid, "k": key}).all()
        old_checks = conn.execute(text("SELECT count(*) FROM checks WHERE report_id = :r AND version = 1 "
                                       "AND NOT current"), {"r": rid}).scalar()
        old_figures = conn.execute(text("SELECT count(*) FROM figures WHERE report_id = :r AND version = 1"),
                                   {"r": rid}).scalar()
    assert [(v, bool(c)) for v, c, _ in rows] == [(1, False), (2, True)]
    assert Decimal(str(rows[0][2])) == Decimal(str(value)) + 1000      # the corrupted reading, kept
    assert Decimal(str(rows[1][2])) == Decimal(str(value))             # the right value, current
    assert old_checks > 0 and old_figures == len([k for (r, k) in before if r == rid])
    assert figures(db) == before
    rows_total = _count(engine)
    # Twice: the same reading again writes nothing.
    govcrawl("reparse", "--db", db)
    assert versions(db) == after and _count(engine) == rows_total
    engine.dispose()


def _count(engine) -> tuple:
    with engine.connect() as conn:
        return (conn.execute(text("SELECT count(*) FROM figures")).scalar(),
                conn.execute(text("SELECT count(*) FROM checks")).scalar())
