"""Review queue: category C results of loads and cleans, and staff error reports.

Revision ID: 0004
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_item",
        sa.Column("item_id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("origin", sa.String(length=8), nullable=False),
        sa.Column("origin_key", sa.Text(), nullable=False),
        sa.Column("department_code", sa.String(length=32), nullable=True),
        sa.Column("record_id", sa.Text(), nullable=True),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=25), nullable=True),
        sa.Column("candidates", postgresql.JSONB(astext_type=sa.Text()), server_default="[]", nullable=False),
        sa.Column("detail", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("status", sa.String(length=10), server_default="open", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("decided_code", sa.String(length=25), nullable=True),
        sa.CheckConstraint("origin IN ('load','clean','report')", name="review_item_origin"),
        sa.CheckConstraint("status IN ('open','accepted','rejected')", name="review_item_status"),
        sa.CheckConstraint(
            "(status = 'open') = (decided_at IS NULL AND decided_by IS NULL)", name="review_item_decided"
        ),
        sa.ForeignKeyConstraint(["department_code"], ["department.code"]),
        sa.PrimaryKeyConstraint("item_id"),
        sa.UniqueConstraint("origin_key"),
    )
    op.create_index("review_item_status_id", "review_item", ["status", "item_id"], unique=False)


def downgrade() -> None:
    op.drop_index("review_item_status_id", table_name="review_item")
    op.drop_table("review_item")
