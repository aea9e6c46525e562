"""The seeded registry: units, roads, door plates, complexes, buildings and addresses.

Rooms are not stored: ``rooms(building)`` streams them (deterministic per seed and
building code), so a city-scale registry of 12.8 million rooms fits in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

from addressreg.model import Address, AddressFacts, AdminUnit, Building, Complex, DoorPlate, Road, Room
from addressreg.seed.rooms import iter_rooms
from addressreg.standard_address import AddressFormat, facts_text

NEW_AREA_SUFFIX = "新区"  # street aliases naming a functional area (大鹏新区) count as district aliases


@dataclass(frozen=True)
class _Index:
    units: Mapping[str, AdminUnit]
    plates: Mapping[int, DoorPlate]
    roads: Mapping[int, Road]
    complexes: Mapping[int, Complex]


@dataclass(frozen=True)
class SeedRegistry:
    """A deterministic registry built by :func:`addressreg.seed.build_seed`.

    ``units`` lists districts, streets, communities and grids, parents before children.
    ``address_format`` is the standard's address template used by :meth:`facts`.
    """

    scale: str
    seed: int
    units: tuple[AdminUnit, ...]
    roads: tuple[Road, ...]
    door_plates: tuple[DoorPlate, ...]
    complexes: tuple[Complex, ...]
    buildings: tuple[Building, ...]
    addresses: tuple[Address, ...]
    address_format: AddressFormat = field(repr=False, compare=False)

    @cached_property
    def _index(self) -> _Index:
        return _Index(
            units={u.code: u for u in self.units},
            plates={p.door_plate_id: p for p in self.door_plates},
            roads={r.road_id: r for r in self.roads},
            complexes={c.complex_id: c for c in self.complexes},
        )

    def unit(self, code: str) -> AdminUnit:
        """The unit with this code (KeyError if none)."""
        return self._index.units[code]

    def rooms(self, building: Building) -> Iterator[Room]:
        """The building's rooms, streamed (see :mod:`addressreg.seed.rooms`)."""
        return iter_rooms(building, self.seed)

    def facts(self, building: Building, room: Room | None) -> AddressFacts:
        """The address elements of a building (``room`` None) or of one of its rooms."""
        index = self._index
        grid = index.units[building.grid_code]
        community = index.units[grid.parent_code or ""]
        street = index.units[community.parent_code or ""]
        district = index.units[street.parent_code or ""]
        plate = index.plates.get(building.door_plate_id) if building.door_plate_id is not None else None
        complex_ = index.complexes.get(building.complex_id) if building.complex_id is not None else None
        area_names = tuple(a for a in street.aliases if a.endswith(NEW_AREA_SUFFIX))
        facts = AddressFacts(
            code=room.code if room else building.code,
            level="room" if room else "building",
            district=district.name,
            street=street.name,
            community=community.name,
            road=index.roads[plate.road_id].name if plate else None,
            door_number=plate.number if plate else None,
            complex_name=complex_.name if complex_ else None,
            building_label=building.label,
            unit=room.unit if room else None,
            floor=room.floor if room else None,
            room=room.number if room else None,
            district_aliases=(*district.aliases, *area_names),
            complex_aliases=complex_.aliases if complex_ else (),
        )
        return _with_text(facts, self.address_format)


def _with_text(facts: AddressFacts, fmt: AddressFormat) -> AddressFacts:
    return replace(facts, standard_text=facts_text(facts, fmt))
