"""HTTP API: API keys, the autocomplete prefix index, the change-feed paging index.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_key",
        sa.Column("key_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("department_code", sa.String(length=32), nullable=True),
        sa.Column("scopes", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("label", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "scopes <@ ARRAY['read','resolve','sync-write','admin']::text[] AND cardinality(scopes) > 0",
            name="api_key_scopes",
        ),
        sa.ForeignKeyConstraint(["department_code"], ["department.code"]),
        sa.PrimaryKeyConstraint("key_id"),
        sa.UniqueConstraint("prefix"),
    )
    op.create_index("address_normalised_prefix", "address", ["normalised"], unique=False)
    op.create_index("change_event_txid_event", "change_event", ["txid", "event_id"], unique=False)


def downgrade() -> None:
    op.drop_index("change_event_txid_event", table_name="change_event")
    op.drop_index("address_normalised_prefix", table_name="address")
    op.drop_table("api_key")
