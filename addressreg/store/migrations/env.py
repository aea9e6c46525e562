"""Alembic environment: runs the registry's migrations on the connection it is given.

The URL comes from the Alembic config's ``sqlalchemy.url`` (set by
``addressreg.store.migrate``) — never from a file in the repository.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from addressreg.store import api_schema, changelog, review_schema
from addressreg.store.migrations_check import include_object
from addressreg.store.schema import Base

assert changelog.ChangeEvent.metadata is Base.metadata  # the change-log models share the metadata
assert api_schema.ApiKey.metadata is Base.metadata  # so do the API's (migration 0002)
assert review_schema.ReviewItem.metadata is Base.metadata  # and the review queue's (migration 0004)
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Run migrations on a connection passed in ``config.attributes`` or made from the URL."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "", poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
