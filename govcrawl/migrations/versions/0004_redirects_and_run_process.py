"""documents.redirect_chain; crawl_runs.pid, host, heartbeat_at

Revision ID: 0004
Revises: 0003

A document keeps the redirect hops that led to it (its `final_url` was always the requested URL
before). A run keeps the process that owns it, so a run whose process is gone shows as
interrupted instead of running forever.
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as t:
        t.add_column(sa.Column("redirect_chain", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("crawl_runs") as t:
        t.add_column(sa.Column("pid", sa.Integer(), nullable=True))
        t.add_column(sa.Column("host", sa.String(length=200), nullable=False, server_default=""))
        t.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs") as t:
        t.drop_column("heartbeat_at")
        t.drop_column("host")
        t.drop_column("pid")
    with op.batch_alter_table("documents") as t:
        t.drop_column("redirect_chain")
