"""Fixtures of the parser tests: the shipped standard and a gazetteer from shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.parse.gazetteer import Gazetteer
from addressreg.parse.reference_names import reference_gazetteer
from addressreg.standard import AddressStandard, load_standard

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.fixture(scope="session")
def standard() -> AddressStandard:
    return load_standard(DEFAULT_STANDARD_DIR)


@pytest.fixture(scope="session")
def gazetteer(standard: AddressStandard) -> Gazetteer:
    return reference_gazetteer(SHARED_DATA, standard)
