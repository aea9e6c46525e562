"""Noise steps on the place: road + door number and the complex (小区 / 楼宇).

The registry's full form writes both the road with its door number and the complex; a
department often writes only one of them, or the complex under its colloquial name, or
with a slip of the pen. Typos touch only these local names, never the administrative
prefix or the numbers, so the record still names one address.
"""

from __future__ import annotations

from random import Random

from addressreg.records.parts import AddressParts
from addressreg.records.step_types import PartsStep
from addressreg.records.vocabulary import NoiseVocabulary


def road_instead_of_complex(parts: AddressParts, rng: Random) -> AddressParts | None:
    """Write the road and door number and omit the complex."""
    if not parts.road or not parts.complex_name:
        return None
    return parts.changed(complex_name="")


def complex_instead_of_road(parts: AddressParts, rng: Random) -> AddressParts | None:
    """Write the complex and omit the road and door number.

    Not when the building has no label: then only its door plate names it.
    """
    if not parts.road or not parts.complex_name or not parts.building_number:
        return None
    return parts.changed(road="", door_number="")


def colloquial_complex(parts: AddressParts, rng: Random) -> AddressParts | None:
    """Write the complex under one of its short or colloquial names."""
    choices = [alias for alias in parts.complex_aliases if alias != parts.complex_name]
    if not parts.complex_name or not choices:
        return None
    return parts.changed(complex_name=rng.choice(choices))


def create_typo(vocabulary: NoiseVocabulary) -> PartsStep:
    """Make the step that swaps one character of the road or complex name for a slip.

    The slip comes from the vocabulary's table of homophones and similar shapes; a name
    without a character in the table cannot take a typo.
    """
    table = vocabulary.typos

    def typo(parts: AddressParts, rng: Random) -> AddressParts | None:
        spots = [
            (field, i)
            for field, name in (("road", parts.road), ("complex_name", parts.complex_name))
            for i, char in enumerate(name)
            if char in table
        ]
        if not spots:
            return None
        field, i = rng.choice(spots)
        name = getattr(parts, field)
        slipped = name[:i] + rng.choice(table[name[i]]) + name[i + 1 :]
        return parts.changed(**{field: slipped})

    return typo
