"""What the API tests share besides fixtures: the keys they hold, auth headers, database set-up."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType


@dataclass(frozen=True)
class Keys:
    """Tokens of the test keys."""

    admin: str
    police: str  # read, resolve, sync-write for department "police"
    planning: str  # same scopes for department "planning"
    reader: str  # read only, department "police"


def auth(token: str) -> dict[str, str]:
    """Request headers carrying ``token``."""
    return {"X-API-Key": token}


def root_conftest() -> ModuleType:
    """The tests' root conftest (its database helpers), loaded by path: ``tests`` is no package."""
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("addressreg_root_conftest", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
