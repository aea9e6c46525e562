"""Fixtures of the parser tests: the shipped standard and the shipped reference gazetteer."""

from __future__ import annotations

import pytest

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.parse.gazetteer import Gazetteer
from addressreg.parse.reference_names import shipped_gazetteer
from addressreg.standard import AddressStandard, load_standard


@pytest.fixture(scope="session")
def standard() -> AddressStandard:
    return load_standard(DEFAULT_STANDARD_DIR)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return shipped_gazetteer(DEFAULT_STANDARD_DIR)
