"""Shared fixtures: a throwaway PostGIS database per test session, on the real server.

The server is the one ``make test`` ensured (``ADDRESSREG_DATABASE_URL`` or the local
cluster recorded in ``var/database_url``). Each session creates its own database,
``addressreg_test_<pid>``, with PostGIS and pg_trgm, and drops it at the end.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from addressreg.config import Settings, settings_from_env

# The project's shared reference and labelled data: ../shared/data beside the checkout,
# or wherever ADDRESSREG_SHARED_DATA says (`make test SHARED=...` sets it).
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to run on stale compiled modules: an extension shadows its edited source."""
    path = Path(__file__).resolve().parents[1] / "scripts" / "compile_native.py"
    spec = importlib.util.spec_from_file_location("compile_native", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stale = module.stale_sources()
    if stale:
        names = ", ".join(str(p.relative_to(path.parents[1])) for p in stale)
        raise pytest.UsageError(f"compiled modules older than their source ({names}): run `make native`")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared data folder; fails naming where it looked when it is not there."""
    folder = Path(os.environ.get("ADDRESSREG_SHARED_DATA") or SHARED_DATA)
    if not (folder / "eval").is_dir():
        pytest.fail(
            f"shared data not found at {folder}: "
            "put ../shared beside the checkout or set ADDRESSREG_SHARED_DATA"
        )
    return folder


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings as the CLI would read them."""
    return settings_from_env()


def _admin_engine(url: str) -> Engine:
    return create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1)


def _create_database(base_url: str, name: str) -> str:
    """Create database ``name`` (PostGIS + pg_trgm) next to ``base_url``; return its URL."""
    base = make_url(base_url)
    admin = _admin_engine(base.render_as_string(hide_password=False))
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = base.set(database=name).render_as_string(hide_password=False)
    ext = _admin_engine(url)
    with ext.connect() as conn:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    ext.dispose()
    return url


def _drop_database(base_url: str, name: str) -> None:
    admin = _admin_engine(make_url(base_url).render_as_string(hide_password=False))
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def database_url(settings: Settings) -> Iterator[str]:
    """URL of a fresh, empty scratch database on the real server, dropped afterwards."""
    base = settings.require_database_url()
    name = f"addressreg_test_{os.getpid()}"
    yield _create_database(base, name)
    _drop_database(base, name)


def _seed_tiny(url: str) -> None:
    """Migrate ``url`` to head and seed it at tiny scale (seed 7) through the real CLI."""
    from addressreg.store import engine as store_engine

    store_engine.upgrade(url)
    env = {**os.environ, "ADDRESSREG_DATABASE_URL": url}
    result = subprocess.run(
        [sys.executable, "-m", "addressreg.cli", "seed", "--scale", "tiny", "--seed", "7"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def tiny_registry_factory(settings: Settings) -> Iterator[Callable[[str], str]]:
    """Make a tiny registry (seed 7) of one's own, by purpose, so tests that write do not share.

    ``tiny_registry_factory("api")`` creates ``addressreg_api_<pid>`` once per session and
    returns its URL; every database made is dropped at the end of the session.
    """
    base = settings.require_database_url()
    made: dict[str, str] = {}

    def make(purpose: str) -> str:
        if purpose not in made:
            url = _create_database(base, f"addressreg_{purpose}_{os.getpid()}")
            _seed_tiny(url)
            made[purpose] = url
        return made[purpose]

    yield make
    for purpose in made:
        _drop_database(base, f"addressreg_{purpose}_{os.getpid()}")


@pytest.fixture(scope="session")
def tiny_registry_url(tiny_registry_factory: Callable[[str], str]) -> str:
    """URL of a tiny registry shared read-only by the tests that do not write."""
    return tiny_registry_factory("tiny")


@pytest.fixture()
def migrated_url(database_url: str) -> Iterator[str]:
    """The session database, migrated to head for one test and emptied after it."""
    from addressreg.store import engine as store_engine

    store_engine.upgrade(database_url)
    yield database_url
    store_engine.downgrade(database_url, "base")
