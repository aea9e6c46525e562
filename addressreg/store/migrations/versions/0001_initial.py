"""Initial schema: units, roads, door plates, complexes, buildings, rooms, addresses,
departments and their records, the change log and the audit log.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 02:07:40.859358
"""

from __future__ import annotations

import geoalchemy2
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from addressreg.store import changelog

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "admin_unit",
        sa.Column("code", sa.String(length=14), nullable=False),
        sa.Column("level", sa.String(length=12), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("parent_code", sa.String(length=14), nullable=True),
        sa.Column("stats_code", sa.String(length=12), nullable=True),
        sa.Column("aliases", postgresql.ARRAY(sa.Text()), server_default="{}", nullable=False),
        sa.Column(
            "geom",
            geoalchemy2.types.Geometry(
                geometry_type="MULTIPOLYGON",
                srid=4490,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
            ),
            nullable=True,
        ),
        sa.Column("polygon_derived", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("status", sa.String(length=10), server_default="active", nullable=False),
        sa.CheckConstraint("level IN ('district','street','community','grid')", name="admin_unit_level"),
        sa.ForeignKeyConstraint(
            ["parent_code"],
            ["admin_unit.code"],
        ),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_index("admin_unit_geom_gist", "admin_unit", ["geom"], unique=False, postgresql_using="gist")
    op.create_index(
        "admin_unit_name_trgm",
        "admin_unit",
        ["name"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
    )
    op.create_index("admin_unit_parent", "admin_unit", ["parent_code"], unique=False)
    op.create_table(
        "audit_log",
        sa.Column("audit_id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("entity", sa.Text(), nullable=True),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("detail", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.PrimaryKeyConstraint("audit_id"),
    )
    op.create_table(
        "change_counter",
        sa.Column("id", sa.SmallInteger(), nullable=False),
        sa.Column("last_txid", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name="change_counter_single_row"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "change_transaction",
        sa.Column("txid", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("txid"),
    )
    op.create_table(
        "department",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "registry_meta",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "address",
        sa.Column("address_id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=25), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("normalised", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("department_code", sa.String(length=32), nullable=True),
        sa.Column("valid_from", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("valid_to", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('standard','department','colloquial','historic')", name="address_kind"),
        sa.CheckConstraint("length(code) IN (19, 25)", name="address_code_length"),
        sa.ForeignKeyConstraint(
            ["department_code"],
            ["department.code"],
        ),
        sa.PrimaryKeyConstraint("address_id"),
    )
    op.create_index("address_code", "address", ["code"], unique=False)
    op.create_index(
        "address_normalised_trgm",
        "address",
        ["normalised"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"normalised": "gin_trgm_ops"},
    )
    op.create_table(
        "change_event",
        sa.Column("event_id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=False),
        sa.Column("action", sa.String(length=6), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.CheckConstraint("action IN ('insert','update','delete')", name="change_event_action"),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("change_event_txid", "change_event", ["txid"], unique=False)
    op.create_table(
        "complex",
        sa.Column("complex_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", postgresql.ARRAY(sa.Text()), server_default="{}", nullable=False),
        sa.Column("community_code", sa.String(length=14), nullable=False),
        sa.Column(
            "geom",
            geoalchemy2.types.Geometry(
                geometry_type="POINT",
                srid=4490,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
                nullable=False,
            ),
            nullable=False,
        ),
        sa.Column(
            "outline",
            geoalchemy2.types.Geometry(
                geometry_type="POLYGON",
                srid=4490,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
            ),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["community_code"],
            ["admin_unit.code"],
        ),
        sa.PrimaryKeyConstraint("complex_id"),
    )
    op.create_index("complex_community", "complex", ["community_code"], unique=False)
    op.create_index("complex_geom_gist", "complex", ["geom"], unique=False, postgresql_using="gist")
    op.create_index(
        "complex_name_trgm",
        "complex",
        ["name"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
    )
    op.create_table(
        "department_record",
        sa.Column("department_code", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=25), nullable=True),
        sa.Column("category", sa.String(length=1), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column(
            "explanation", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False
        ),
        sa.Column("status", sa.String(length=10), server_default="active", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("category IN ('A','B','C','U')", name="department_record_category"),
        sa.ForeignKeyConstraint(
            ["department_code"],
            ["department.code"],
        ),
        sa.PrimaryKeyConstraint("department_code", "record_id"),
    )
    op.create_index("department_record_code", "department_record", ["code"], unique=False)
    op.create_table(
        "road",
        sa.Column("road_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", postgresql.ARRAY(sa.Text()), server_default="{}", nullable=False),
        sa.Column("district_code", sa.String(length=14), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_code"],
            ["admin_unit.code"],
        ),
        sa.PrimaryKeyConstraint("road_id"),
        sa.UniqueConstraint("district_code", "name", name="road_district_name"),
    )
    op.create_index(
        "road_name_trgm",
        "road",
        ["name"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
    )
    op.create_table(
        "door_plate",
        sa.Column("door_plate_id", sa.Integer(), nullable=False),
        sa.Column("road_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column(
            "geom",
            geoalchemy2.types.Geometry(
                geometry_type="POINT",
                srid=4490,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
                nullable=False,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["road_id"],
            ["road.road_id"],
        ),
        sa.PrimaryKeyConstraint("door_plate_id"),
        sa.UniqueConstraint("road_id", "number", name="door_plate_road_number"),
    )
    op.create_index("door_plate_geom_gist", "door_plate", ["geom"], unique=False, postgresql_using="gist")
    op.create_table(
        "building",
        sa.Column("code", sa.String(length=19), nullable=False),
        sa.Column("grid_code", sa.String(length=14), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("door_plate_id", sa.Integer(), nullable=True),
        sa.Column("complex_id", sa.Integer(), nullable=True),
        sa.Column(
            "footprint",
            geoalchemy2.types.Geometry(
                geometry_type="POLYGON",
                srid=4490,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
                nullable=False,
            ),
            nullable=False,
        ),
        sa.Column(
            "point",
            geoalchemy2.types.Geometry(
                geometry_type="POINT",
                srid=4490,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
                nullable=False,
            ),
            nullable=False,
        ),
        sa.Column("floors", sa.Integer(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("rooms_per_floor", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), server_default="active", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("code ~ '^[0-9]{19}$'", name="building_code_digits"),
        sa.CheckConstraint("status IN ('planned','active','retired')", name="building_status"),
        sa.CheckConstraint("left(code, 14) = grid_code", name="building_code_in_grid"),
        sa.ForeignKeyConstraint(
            ["complex_id"],
            ["complex.complex_id"],
        ),
        sa.ForeignKeyConstraint(
            ["door_plate_id"],
            ["door_plate.door_plate_id"],
        ),
        sa.ForeignKeyConstraint(
            ["grid_code"],
            ["admin_unit.code"],
        ),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_index("building_complex", "building", ["complex_id"], unique=False)
    op.create_index("building_door_plate", "building", ["door_plate_id"], unique=False)
    op.create_index(
        "building_footprint_gist", "building", ["footprint"], unique=False, postgresql_using="gist"
    )
    op.create_index("building_point_gist", "building", ["point"], unique=False, postgresql_using="gist")
    op.create_table(
        "room",
        sa.Column("code", sa.String(length=25), nullable=False),
        sa.Column("building_code", sa.String(length=19), nullable=False),
        sa.Column("unit", sa.Integer(), nullable=True),
        sa.Column("floor", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), server_default="active", nullable=False),
        sa.CheckConstraint("code ~ '^[0-9]{25}$'", name="room_code_digits"),
        sa.CheckConstraint("left(code, 19) = building_code", name="room_code_in_building"),
        sa.ForeignKeyConstraint(
            ["building_code"],
            ["building.code"],
        ),
        sa.PrimaryKeyConstraint("code"),
    )
    _create_change_log()


def downgrade() -> None:
    _drop_change_log()
    op.drop_table("room")
    op.drop_index("building_point_gist", table_name="building", postgresql_using="gist")
    op.drop_index("building_footprint_gist", table_name="building", postgresql_using="gist")
    op.drop_index("building_door_plate", table_name="building")
    op.drop_index("building_complex", table_name="building")
    op.drop_table("building")
    op.drop_index("door_plate_geom_gist", table_name="door_plate", postgresql_using="gist")
    op.drop_table("door_plate")
    op.drop_index(
        "road_name_trgm", table_name="road", postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"}
    )
    op.drop_table("road")
    op.drop_index("department_record_code", table_name="department_record")
    op.drop_table("department_record")
    op.drop_index(
        "complex_name_trgm",
        table_name="complex",
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
    )
    op.drop_index("complex_geom_gist", table_name="complex", postgresql_using="gist")
    op.drop_index("complex_community", table_name="complex")
    op.drop_table("complex")
    op.drop_index("change_event_txid", table_name="change_event")
    op.drop_table("change_event")
    op.drop_index(
        "address_normalised_trgm",
        table_name="address",
        postgresql_using="gin",
        postgresql_ops={"normalised": "gin_trgm_ops"},
    )
    op.drop_index("address_code", table_name="address")
    op.drop_table("address")
    op.drop_table("registry_meta")
    op.drop_table("department")
    op.drop_table("change_transaction")
    op.drop_table("change_counter")
    op.drop_table("audit_log")
    op.drop_index("admin_unit_parent", table_name="admin_unit")
    op.drop_index(
        "admin_unit_name_trgm",
        table_name="admin_unit",
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
    )
    op.drop_index("admin_unit_geom_gist", table_name="admin_unit", postgresql_using="gist")
    op.drop_table("admin_unit")


def _create_change_log() -> None:
    """The txid counter, the change-log and never-delete triggers (see store/changelog.py)."""
    op.execute("INSERT INTO change_counter (id, last_txid) VALUES (1, 0)")
    op.execute(changelog.TXID_FUNCTION)
    op.execute(changelog.LOG_FUNCTION)
    op.execute(changelog.NO_DELETE_FUNCTION)
    for table, key in changelog.LOGGED_TABLES.items():
        for statement in changelog.trigger_statements(table, key):
            op.execute(statement)
    for table in changelog.NEVER_DELETED:
        op.execute(changelog.no_delete_statement(table))


def _drop_change_log() -> None:
    for table in changelog.NEVER_DELETED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_never_deleted ON {table}")
    for table in changelog.LOGGED_TABLES:
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_log_{action} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS registry_log_changes()")
    op.execute("DROP FUNCTION IF EXISTS registry_refuse_delete()")
    op.execute("DROP FUNCTION IF EXISTS registry_txid()")
