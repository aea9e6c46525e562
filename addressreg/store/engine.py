"""Connections to the registry's PostGIS database, and its migrations.

The URL is passed in (from :mod:`addressreg.config`); nothing here reads the environment.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    """An engine for ``url`` (``postgresql+psycopg://…``) with pre-ping on checkout."""
    return create_engine(url, pool_size=pool_size, pool_pre_ping=True, future=True)


def alembic_config(url: str) -> Config:
    """An Alembic config that runs this package's migrations against ``url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` (default: the newest)."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    """Revert migrations down to ``revision`` (``base`` removes every table)."""
    command.downgrade(alembic_config(url), revision)
