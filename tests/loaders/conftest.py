"""Fixtures of the loader tests: a tiny registry they may write to, its resolver and normaliser."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import Engine

from addressreg.config import Settings
from addressreg.match.resolution import Resolver
from addressreg.normalise import normalise, shipped_rules
from addressreg.store import engine as store_engine
from addressreg.store.resolver import load_resolver


def _root_conftest() -> ModuleType:
    """The tests' root conftest, loaded by path (``tests`` is no package), for its database helpers."""
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("loaders_root_conftest", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def loader_registry_url(settings: Settings) -> Iterator[str]:
    """A tiny registry (seed 7) the loader tests may write to, dropped afterwards."""
    base = settings.require_database_url()
    name = f"addressreg_loaders_{os.getpid()}"
    helpers = _root_conftest()
    url: str = helpers._create_database(base, name)
    store_engine.upgrade(url)
    env = {**os.environ, "ADDRESSREG_DATABASE_URL": url}
    seed = [sys.executable, "-m", "addressreg.cli", "seed", "--scale", "tiny", "--seed", "7"]
    result = subprocess.run(seed, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    yield url
    helpers._drop_database(base, name)


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
