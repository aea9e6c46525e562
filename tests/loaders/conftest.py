"""Fixtures of the loader tests: a tiny registry they may write to, its resolver and normaliser."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

import pytest
from sqlalchemy import Engine

from addressreg.config import Settings
from addressreg.match.resolution import Resolver
from addressreg.normalise import normalise, shipped_rules
from addressreg.store import engine as store_engine
from addressreg.store.resolver import load_resolver


@pytest.fixture(scope="session")
def loader_registry_url(tiny_registry_factory: Callable[[str], str]) -> str:
    """A tiny registry (seed 7) the loader tests may write to, dropped afterwards."""
    return tiny_registry_factory("loaders")


@pytest.fixture(scope="session")
def loader_engine(loader_registry_url: str) -> Iterator[Engine]:
    engine = store_engine.make_engine(loader_registry_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def resolver(loader_engine: Engine, settings: Settings) -> Resolver:
    return load_resolver(loader_engine, settings.standard_dir)


@pytest.fixture(scope="session")
def normaliser(settings: Settings) -> Callable[[str], str]:
    return partial(normalise, rules=shipped_rules(settings.standard_dir))
