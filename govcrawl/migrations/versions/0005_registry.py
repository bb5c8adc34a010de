"""registry: every government's portal, found, imported and verified

Revision ID: 0005
Revises: 0004

One row per government (city, county) or unit (department, township): its division code, the
government above it, the portal's address and hosts, the 网站标识码 read from its footer, the
verification status with its evidence, and how the row was found (`govcrawl portals`).
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "registry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("parent", sa.String(length=12), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("hosts", sa.JSON(), nullable=False),
        sa.Column("site_code", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("found_by", sa.String(length=300), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("code", "level", "name", name="uq_registry_government"),
    )
    op.create_index("ix_registry_code", "registry", ["code"])
    op.create_index("ix_registry_status", "registry", ["status"])


def downgrade() -> None:
    op.drop_index("ix_registry_status", table_name="registry")
    op.drop_index("ix_registry_code", table_name="registry")
    op.drop_table("registry")
