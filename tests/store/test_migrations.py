"""Migrations go up and down on the real PostGIS, and match the ORM models exactly."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from addressreg.store import (
    api_schema,  # noqa: F401  (registers the API tables on Base)
    review_schema,  # noqa: F401  (registers the review queue on Base)
)
from addressreg.store import engine as store_engine
from addressreg.store.migrations_check import include_object
from addressreg.store.schema import Base

pytestmark = pytest.mark.postgis

TABLES = {
    "admin_unit",
    "road",
    "door_plate",
    "complex",
    "building",
    "room",
    "address",
    "department",
    "department_record",
    "change_counter",
    "change_transaction",
    "change_event",
    "audit_log",
    "registry_meta",
    "api_key",
    "review_item",
}


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"spatial_ref_sys", "alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_creates_every_table_and_downgrade_removes_them(migrated_url: str) -> None:
    assert _tables(migrated_url) == TABLES
    store_engine.downgrade(migrated_url, "base")
    assert _tables(migrated_url) == set()
    store_engine.upgrade(migrated_url)
    assert _tables(migrated_url) == TABLES


def test_migrations_match_the_models(migrated_url: str) -> None:
    engine = create_engine(migrated_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_geometry_is_stored_in_cgcs2000(migrated_url: str) -> None:
    engine = create_engine(migrated_url)
    with engine.connect() as conn:
        srids = dict(
            conn.execute(
                text("SELECT f_table_name || '.' || f_geometry_column, srid FROM geometry_columns")
            ).all()
        )
    engine.dispose()
    assert srids and set(srids.values()) == {4490}
    assert {"building.footprint", "building.point", "admin_unit.geom"} <= set(srids)
