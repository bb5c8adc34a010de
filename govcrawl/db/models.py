"""The database schema. One module so a reader sees every table at once.

Runs unchanged on SQLite and PostgreSQL. Changes go through Alembic (govcrawl/migrations):
edit here, then add a migration; `open_db()` upgrades every database it opens.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import (
    JSON, BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, Numeric,
    String, Text, UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class Portal(Base):
    """A government web site from the portals file, and what govcrawl learned about it."""
    __tablename__ = "portals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(12), index=True)          # 6-digit division code
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    level: Mapped[str] = mapped_column(String(20), default="")
    family: Mapped[str] = mapped_column(String(40), default="")        # CMS family once recognised
    needs_browser: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked: Mapped[str] = mapped_column(String(200), default="")      # anti-bot challenge seen, if any
    entry_points: Mapped[list] = mapped_column(JSON, default=list)     # learned report listings
    last_crawled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Blob(Base):
    """Content-addressed raw bytes of every fetched document: extraction re-runs from here."""
    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Document(Base):
    """One fetch of one URL (a page or an attachment); the latest fetch per URL is kept current."""
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portal_id: Mapped[int | None] = mapped_column(ForeignKey("portals.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000), index=True)
    final_url: Mapped[str] = mapped_column(String(2000), default="")
    redirect_chain: Mapped[list] = mapped_column(JSON, default=list)   # [[status, url], ...] hops before final_url
    status: Mapped[int] = mapped_column(Integer, default=0)
    content_type: Mapped[str] = mapped_column(String(200), default="")
    encoding: Mapped[str] = mapped_column(String(40), default="")
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    etag: Mapped[str] = mapped_column(String(300), default="")
    last_modified: Mapped[str] = mapped_column(String(100), default="")
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    __table_args__ = (UniqueConstraint("url", "sha256", name="uq_documents_url_sha256"),)


class Report(Base):
    """One annual report of one body for one year, identified by the URL it was found at."""
    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portal_id: Mapped[int | None] = mapped_column(ForeignKey("portals.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    agency: Mapped[str] = mapped_column(String(300), default="")
    region_code: Mapped[str] = mapped_column(String(12), default="", index=True)
    level: Mapped[str] = mapped_column(String(20), default="")
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    format: Mapped[str] = mapped_column(String(10), default="")
    published: Mapped[date | None] = mapped_column(Date)
    full_text: Mapped[str] = mapped_column(Text, default="")
    sections: Mapped[dict] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)            # bumps when the content changes
    content_sha256: Mapped[str] = mapped_column(String(64), default="")  # of the source the figures came from
    checks_failed: Mapped[int] = mapped_column(Integer, default=0)
    unreadable: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sources: Mapped[list["ReportSource"]] = relationship(back_populates="report", cascade="all, delete-orphan")


class ReportSource(Base):
    """Which documents a report was read from (its page, its PDF copy, ...), and which one won."""
    __tablename__ = "report_sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    role: Mapped[str] = mapped_column(String(20), default="page")      # page | attachment
    best: Mapped[bool] = mapped_column(Boolean, default=False)
    report: Mapped[Report] = relationship(back_populates="sources")
    document: Mapped["Document"] = relationship()
    __table_args__ = (UniqueConstraint("report_id", "document_id", name="uq_report_sources"),)


class FigureRow(Base):
    """One canonical cell of one report version. Old versions stay (current=False), never overwritten."""
    __tablename__ = "figures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    key: Mapped[str] = mapped_column(String(120))
    value: Mapped[Decimal | None] = mapped_column(Numeric(24, 6))      # NULL when unreadable
    status: Mapped[str] = mapped_column(String(12), default="ok")       # ok | unreadable | ambiguous
    raw: Mapped[str] = mapped_column(Text, default="")
    table_no: Mapped[str] = mapped_column(String(8), default="")
    row_label: Mapped[str] = mapped_column(Text, default="")
    col_label: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    __table_args__ = (
        UniqueConstraint("report_id", "version", "key", name="uq_figures_report_version_key"),
        Index("ix_figures_key_current", "key", "current"),
    )


class CheckRow(Base):
    __tablename__ = "checks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    check: Mapped[str] = mapped_column(String(120))
    passed: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (UniqueConstraint("report_id", "version", "check", name="uq_checks_report_version_check"),)


class CrawlRun(Base):
    __tablename__ = "crawl_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="running")   # running | finished | failed | interrupted
    command: Mapped[str] = mapped_column(Text, default="")
    stats: Mapped[dict] = mapped_column(JSON, default=dict)
    pid: Mapped[int | None] = mapped_column(Integer)                   # the process that runs it
    host: Mapped[str] = mapped_column(String(200), default="")
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    portals: Mapped[list["CrawlRunPortal"]] = relationship(back_populates="run", cascade="all, delete-orphan")


class CrawlRunPortal(Base):
    """Per-portal counts of one run: the run history and the status view read these."""
    __tablename__ = "crawl_run_portals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id", ondelete="CASCADE"), index=True)
    portal_id: Mapped[int] = mapped_column(ForeignKey("portals.id"), index=True)
    status: Mapped[str] = mapped_column(String(40), default="")   # ok | down | blocked | errors | budget
    requests: Mapped[int] = mapped_column(Integer, default=0)
    bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    reports_new: Mapped[int] = mapped_column(Integer, default=0)
    reports_changed: Mapped[int] = mapped_column(Integer, default=0)
    reports_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    browser_pages: Mapped[int] = mapped_column(Integer, default=0)
    errors_by_kind: Mapped[dict] = mapped_column(JSON, default=dict)
    run: Mapped[CrawlRun] = relationship(back_populates="portals")


class CrawlError(Base):
    """Something that went wrong against a portal: kept so operators see it, never fatal to the crawl."""
    __tablename__ = "crawl_errors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="CASCADE"), index=True)
    portal_id: Mapped[int | None] = mapped_column(ForeignKey("portals.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000), default="")
    kind: Mapped[str] = mapped_column(String(40))     # http_404, dns, refused, timeout, blocked, not_html, unreadable, ...
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PageState(Base):
    """What the last crawl saw at a URL: validators for conditional GET and the content hash,
    so an unchanged listing or report costs a 304 and no re-extraction."""
    __tablename__ = "page_states"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portal_id: Mapped[int | None] = mapped_column(ForeignKey("portals.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="")        # listing | report | attachment | other
    etag: Mapped[str] = mapped_column(String(300), default="")
    last_modified: Mapped[str] = mapped_column(String(100), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    last_status: Mapped[int] = mapped_column(Integer, default=0)
    last_fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RegistryEntry(Base):
    """One government (city, county) or one of its units (department, township) and its portal:
    found by `govcrawl portals discover`, imported from a user's CSV, re-verified every year."""
    __tablename__ = "registry"
    __table_args__ = (UniqueConstraint("code", "level", "name", name="uq_registry_government"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(12), index=True)          # division code (a unit's: its government's)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))                    # province | city | county | department | township
    parent: Mapped[str] = mapped_column(String(12), default="")       # code of the government above
    url: Mapped[str] = mapped_column(String(2000), default="")        # home page; "" while none is known
    hosts: Mapped[list] = mapped_column(JSON, default=list)           # every host of the portal (old ones too)
    site_code: Mapped[str] = mapped_column(String(20), default="")    # 网站标识码 read from the footer
    status: Mapped[str] = mapped_column(String(20), default="unverified", index=True)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    found_by: Mapped[str] = mapped_column(String(300), default="")    # user:<file> | discover:<start url> | verify
    evidence: Mapped[dict] = mapped_column(JSON, default=dict)        # why: footer, title, 主办, moves, refused sites
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
