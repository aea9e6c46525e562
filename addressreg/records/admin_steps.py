"""Noise steps on the administrative prefix (省, 市, 区, 街道, 社区).

Every step takes the parts and a random generator and returns new parts, or None when it
cannot apply (the element is already missing, no alias is known). Steps that need words
from the vocabulary are made by a ``create_<name>(vocabulary)`` factory.
"""

from __future__ import annotations

from random import Random

from addressreg.records.parts import AddressParts
from addressreg.records.step_types import PartsStep
from addressreg.records.vocabulary import NoiseVocabulary


def create_add_province(vocabulary: NoiseVocabulary) -> PartsStep:
    """Make the step that writes the province (广东省) before the city."""

    def add_province(parts: AddressParts, rng: Random) -> AddressParts | None:
        if parts.province or not parts.city:
            return None
        return parts.changed(province=vocabulary.province)

    return add_province


def drop_city(parts: AddressParts, rng: Random) -> AddressParts | None:
    """Omit the city (深圳市), and the province if one is written."""
    if not parts.city:
        return None
    return parts.changed(province="", city="")


def drop_district(parts: AddressParts, rng: Random) -> AddressParts | None:
    """Omit the district (区)."""
    if not parts.district:
        return None
    return parts.changed(district="")


def old_district_name(parts: AddressParts, rng: Random) -> AddressParts | None:
    """Write the district under an old name from its aliases (龙华区 → 龙华新区)."""
    choices = [alias for alias in parts.district_aliases if alias != parts.district]
    if not parts.district or not choices:
        return None
    return parts.changed(district=rng.choice(choices))


def drop_street(parts: AddressParts, rng: Random) -> AddressParts | None:
    """Omit the street (街道)."""
    if not parts.street:
        return None
    return parts.changed(street="")


def drop_community(parts: AddressParts, rng: Random) -> AddressParts | None:
    """Omit the community (社区)."""
    if not parts.community:
        return None
    return parts.changed(community="")
