"""report_panel view: one row per report, the core table 三/四 figures as columns

Revision ID: 0003
Revises: 0001 (no 0002 was ever needed; the id was reserved while another change was open)

Plain SQL that SQLite and PostgreSQL both run: MAX(CASE ...) pivots, dates compared as
'YYYY-MM-DD' text, `f.current` used as a truth value. The key list is frozen here (a migration
must not change when the code does); docs/data-dictionary.md describes the columns.
"""
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")
ROWS = ("new", "carried_over", "granted", "partial", "total_handled", "carried_forward")
GROUPS = ("review", "litigation_direct", "litigation_after_review")
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")
KEYS = ([f"requests.{r}.{c}" for r in ROWS for c in APPLICANTS] + ["requests.other.total"]
        + [f"{g}.{o}" for g in GROUPS for o in OUTCOMES]
        + [f"active.{a}.decisions" for a in ("licensing", "penalty", "enforcement")])


def view_sql() -> str:
    due = ("CASE WHEN r.year >= 2019 AND r.level IN ('department', 'township') "
           "THEN CAST(r.year + 1 AS VARCHAR(8)) || '-01-31' "
           "ELSE CAST(r.year + 1 AS VARCHAR(8)) || '-03-31' END")
    pivots = ",\n  ".join(
        f"MAX(CASE WHEN f.key = '{k}' AND f.status = 'ok' THEN f.value END) AS {k.replace('.', '_')}" for k in KEYS)
    return f"""CREATE VIEW report_panel AS
SELECT
  r.id AS report_id, r.region_code, r.agency, r.level, r.year, r.format,
  CAST(r.published AS VARCHAR(10)) AS published,
  CASE WHEN r.year IS NULL THEN NULL ELSE {due} END AS deadline,
  CASE WHEN r.published IS NULL OR r.year IS NULL THEN NULL
       WHEN CAST(r.published AS VARCHAR(10)) <= {due} THEN 1 ELSE 0 END AS on_time,
  r.checks_failed, r.unreadable, r.url,
  {pivots}
FROM reports r
LEFT JOIN figures f ON f.report_id = r.id AND f.current
GROUP BY r.id, r.region_code, r.agency, r.level, r.year, r.format, r.published,
         r.checks_failed, r.unreadable, r.url"""


def upgrade() -> None:
    op.execute(view_sql())


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS report_panel")
