"""Writing a seeded registry into an empty database, all or nothing, and reading its status."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, Engine, text

from addressreg.seed import SeedRegistry
from addressreg.store.bulk import LoadCounts, Normaliser, load_registry

BULK_TABLES = ("room", "building", "address", "door_plate", "complex")
COUNTED_TABLES = (
    "admin_unit",
    "road",
    "door_plate",
    "complex",
    "building",
    "room",
    "address",
    "department_record",
    "change_transaction",
    "change_event",
)


class RegistryNotEmpty(Exception):
    """The database already holds a registry; seeding would mix two."""

    def __init__(self, seeded_as: dict[str, Any] | None) -> None:
        super().__init__(f"the registry is not empty (seeded as {seeded_as})")
        self.seeded_as = seeded_as


def seeded_as(conn: Connection) -> dict[str, Any] | None:
    """How the registry was seeded (scale, seed, standard), or None if never."""
    row = conn.execute(text("SELECT value FROM registry_meta WHERE key = 'seed'")).first()
    return None if row is None else dict(row[0])


def is_empty(conn: Connection) -> bool:
    """True when no unit, building or room exists yet."""
    found = conn.execute(
        text("SELECT EXISTS (SELECT 1 FROM admin_unit) OR EXISTS (SELECT 1 FROM building)")
    ).scalar_one()
    return not found


def seed_database(
    engine: Engine, registry: SeedRegistry, normalise: Normaliser, meta: dict[str, Any]
) -> LoadCounts:
    """Load ``registry`` into an empty database in one transaction.

    Raises:
        RegistryNotEmpty: the database already holds units or buildings (nothing is written).
    """
    with engine.begin() as conn:
        if not is_empty(conn):
            raise RegistryNotEmpty(seeded_as(conn))
        conn.execute(text("SET LOCAL addressreg.actor = 'seed'"))
        raw = conn.connection.driver_connection
        with foreign_keys_checked_afterwards(conn, BULK_TABLES):
            counts = load_registry(raw, registry, normalise)  # type: ignore[arg-type]
        record = {**meta, "counts": asdict(counts)}
        conn.execute(
            text("INSERT INTO registry_meta (key, value) VALUES ('seed', CAST(:v AS jsonb))"),
            {"v": json.dumps(record, ensure_ascii=False)},
        )
        conn.execute(
            text(
                "INSERT INTO audit_log (txid, actor, action, entity, detail) "
                "VALUES (registry_txid(), 'seed', 'seed', 'registry', CAST(:d AS jsonb))"
            ),
            {"d": json.dumps(record, ensure_ascii=False)},
        )
    return counts


@contextmanager
def foreign_keys_checked_afterwards(conn: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Drop the foreign keys of ``tables`` for a bulk load and add them back after it.

    Adding a foreign key back validates every row in one set-based pass, which is far
    cheaper than a per-row check during COPY (PostgreSQL's "Populating a Database"
    advice). Inside the caller's transaction, so a violation rolls the whole load back.
    """
    found = conn.execute(
        text(
            "SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid::regclass::text = ANY(:tables) ORDER BY t, conname"
        ),
        {"tables": list(tables)},
    ).all()
    for table, name, _ in found:
        conn.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
    yield
    for table, name, definition in found:
        conn.execute(text(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'))


def table_counts(engine: Engine) -> dict[str, int]:
    """Row counts of the registry's main tables (exact)."""
    with engine.connect() as conn:
        return {t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in COUNTED_TABLES}


def database_size(engine: Engine) -> int:
    """Size in bytes of the current database."""
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
