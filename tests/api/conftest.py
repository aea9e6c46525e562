"""Fixtures of the API tests: a writable tiny registry of their own, the app on it, and keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from api_support import Keys
from apiflask import APIFlask
from flask.testing import FlaskClient
from sqlalchemy import Engine, create_engine

from addressreg.config import Settings
from addressreg.store.keys import create_key
from addressreg.store.resolver import load_resolver
from api.app import create_app
from api.services import BatchResolver


@pytest.fixture(scope="session")
def api_registry_url(tiny_registry_factory: Callable[[str], str]) -> str:
    """A tiny registry (seed 7) the API tests may write to, dropped afterwards."""
    return tiny_registry_factory("api")


@pytest.fixture(scope="session")
def api_engine(api_registry_url: str) -> Iterator[Engine]:
    engine = create_engine(api_registry_url, pool_size=12)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def api_settings(api_registry_url: str, settings: Settings) -> Settings:
    return Settings(database_url=api_registry_url, standard_dir=settings.standard_dir)


@pytest.fixture(scope="session")
def resolver(api_engine: Engine, api_settings: Settings) -> BatchResolver:
    return load_resolver(api_engine, api_settings.standard_dir)


@pytest.fixture(scope="session")
def app(api_settings: Settings, resolver: BatchResolver) -> APIFlask:
    return create_app(api_settings, resolver=resolver, config={"RATE_LIMIT": "1000000 per minute"})


@pytest.fixture()
def client(app: APIFlask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def keys(api_engine: Engine) -> Keys:
    scopes = ["read", "resolve", "sync-write"]
    return Keys(
        admin=create_key(api_engine, None, ["admin"], label="test admin").token,
        police=create_key(api_engine, "police", scopes, department_name="公安").token,
        planning=create_key(api_engine, "planning", scopes, department_name="规划和自然资源").token,
        reader=create_key(api_engine, "police", ["read"]).token,
    )
