"""Fixtures for the record generator: the shipped noise mix and hand-built facts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from records_facts import small_registry, standard_room_fact

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.model import AddressFacts
from addressreg.records import NoiseMix, load_noise_mix
from addressreg.records.vocabulary import NoiseVocabulary


@pytest.fixture(scope="session")
def noise_mix() -> NoiseMix:
    """The mix shipped in ``standards/shenzhen-2017/noise.yaml``."""
    return load_noise_mix(DEFAULT_STANDARD_DIR)


@pytest.fixture(scope="session")
def vocabulary(noise_mix: NoiseMix) -> NoiseVocabulary:
    """The shipped vocabulary."""
    return noise_mix.vocabulary


@pytest.fixture
def make_fact() -> Callable[..., AddressFacts]:
    """Build a room fact of 翠景花园 with some fields overridden."""
    return standard_room_fact


@pytest.fixture(scope="session")
def registry_facts() -> list[AddressFacts]:
    """The small hand-built registry of ``records_facts.small_registry``."""
    return small_registry()
