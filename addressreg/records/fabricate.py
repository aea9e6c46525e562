"""Records with no true match: addresses fabricated so that no fact (no registry address) has them.

The generator indexes what exists (:class:`FactsIndex`): by default from the facts it is
given, or, when those are a sample of the registry, from an index of the whole registry
passed in (:func:`index_registry` over plain rows). It then starts a no-match record from
the parts of a real fact (a real district, street and community) and changes the one
element that makes it unreal:

``unknown_complex``
    the complex becomes a name built from the vocabulary's heads and suffixes (金翠花园)
    that is neither the name nor an alias of any complex in the facts; the road and door
    number are not written, so nothing else locates a building.
``door_beyond_range``
    the door number on the fact's road becomes higher than the leading number of every door
    number any fact has on a road of that name (in any district); the complex is not written.
``building_beyond_range``
    the building number in the fact's complex becomes 30–99 above the highest numeric
    building number any fact has in a complex of that name; the road is not written.

The generator never tries the name-changing steps (:data:`NAME_CHANGING_STEPS`) on these
records: a typo or an alias could turn a fabricated name into a real one. Absence is exact:
a fabricated complex name could still resemble a real one, and a fuzzy matcher that links
them is wrong by construction. The truth of such records is empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from random import Random

from addressreg.model import AddressFacts
from addressreg.records.parts import AddressParts
from addressreg.records.vocabulary import NoiseVocabulary

NO_MATCH_METHODS = ("unknown_complex", "door_beyond_range", "building_beyond_range")
"""Stable names of the fabrication methods; a record lists ``no_match_<method>`` in its noise."""

NAME_CHANGING_STEPS = frozenset({"typo", "colloquial_complex"})
"""Steps never tried on no-match records, since they could rename the place into a real one."""

_LEADING_NUMBER = re.compile(r"[0-9]+")
_NAME_ATTEMPTS = 64


@dataclass(frozen=True)
class FactsIndex:
    """What exists in the facts, as the fabrication methods need it.

    ``complex_names`` holds every complex name and alias; ``highest_door`` maps a road name
    to the highest leading number of its door numbers; ``highest_building`` maps a complex
    name to its highest all-digit building number.
    """

    complex_names: frozenset[str]
    highest_door: Mapping[str, int]
    highest_building: Mapping[str, int]


def index_facts(facts: Iterable[AddressFacts], vocabulary: NoiseVocabulary) -> FactsIndex:
    """Index the complex names, door numbers and building numbers of all facts."""
    facts = list(facts)
    return index_registry(
        complex_names=_complex_names(facts),
        door_plates=((f.road, f.door_number) for f in facts if f.road and f.door_number),
        complex_buildings=((f.complex_name, f.building_label) for f in facts if f.complex_name),
        vocabulary=vocabulary,
    )


def _complex_names(facts: list[AddressFacts]) -> Iterator[str]:
    """Every complex name and alias of the facts."""
    for fact in facts:
        if fact.complex_name:
            yield fact.complex_name
            yield from fact.complex_aliases


def index_registry(
    complex_names: Iterable[str],
    door_plates: Iterable[tuple[str, str]],
    complex_buildings: Iterable[tuple[str, str]],
    vocabulary: NoiseVocabulary,
) -> FactsIndex:
    """Index what exists from plain rows, e.g. queried from the whole registry.

    Args:
        complex_names: every complex name and alias.
        door_plates: (road name, door number as written) of every door plate.
        complex_buildings: (complex name, building label) of every building in a complex.
        vocabulary: splits building labels into number and marker.
    """
    doors: dict[str, int] = {}
    for road, number in door_plates:
        leading = _LEADING_NUMBER.match(number)
        if leading:
            doors[road] = max(doors.get(road, 0), int(leading.group()))
    buildings: dict[str, int] = {}
    for name, label in complex_buildings:
        building, _ = vocabulary.split_building_label(label)
        if building.isascii() and building.isdigit():
            buildings[name] = max(buildings.get(name, 0), int(building))
    return FactsIndex(frozenset(complex_names), doors, buildings)


def fabricate_no_match(
    parts: AddressParts, method: str, index: FactsIndex, vocabulary: NoiseVocabulary, rng: Random
) -> AddressParts | None:
    """Turn the parts of a real fact into an address absent from the facts by ``method``.

    Returns None when the method cannot apply to these parts (no road, a complex without
    numeric buildings, every name tried already exists).

    Raises:
        KeyError: ``method`` is not one of :data:`NO_MATCH_METHODS`.
    """
    if method == "unknown_complex":
        return _unknown_complex(parts, index, vocabulary, rng)
    if method == "door_beyond_range":
        return _door_beyond_range(parts, index, rng)
    if method == "building_beyond_range":
        return _building_beyond_range(parts, index, vocabulary, rng)
    raise KeyError(f"unknown no-match method {method!r}; known: {', '.join(NO_MATCH_METHODS)}")


def _unknown_complex(
    parts: AddressParts, index: FactsIndex, vocabulary: NoiseVocabulary, rng: Random
) -> AddressParts | None:
    """A real community with a complex name no fact carries."""
    heads, suffixes = vocabulary.complex_heads, vocabulary.complex_suffixes
    for _ in range(_NAME_ATTEMPTS):
        name = rng.choice(heads) + rng.choice(heads) + rng.choice(suffixes)
        if name not in index.complex_names:
            return parts.changed(road="", door_number="", complex_name=name, complex_aliases=())
    return None


def _door_beyond_range(parts: AddressParts, index: FactsIndex, rng: Random) -> AddressParts | None:
    """A real road with a door number above every door number of that road."""
    highest = index.highest_door.get(parts.road)
    if not parts.road or highest is None:
        return None
    door = str(highest + rng.randint(10, 300))
    return parts.changed(door_number=door, complex_name="", complex_aliases=())


def _building_beyond_range(
    parts: AddressParts, index: FactsIndex, vocabulary: NoiseVocabulary, rng: Random
) -> AddressParts | None:
    """A real complex with a building number far above its highest building."""
    highest = index.highest_building.get(parts.complex_name)
    if not parts.complex_name or highest is None:
        return None
    marker = parts.building_marker or vocabulary.building_markers[0]
    number = str(highest + rng.randint(30, 99))
    return parts.changed(
        road="", door_number="", building_number=number, building_marker=marker, complex_aliases=()
    )
