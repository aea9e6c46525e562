"""What the building page shows: addresses by kind and department, rooms by unit and floor.

Pure functions over the store's views (:mod:`addressreg.store.lookup`); the page
template only lays them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from addressreg.standard import CodeLayout
from addressreg.store.lookup import AddressView
from api.web.labels import KIND_TITLES


@dataclass(frozen=True)
class AddressGroup:
    """The addresses of one kind (and, for department addresses, one department)."""

    title: str
    kind: str
    department: str | None
    addresses: tuple[AddressView, ...]


@dataclass(frozen=True)
class FloorRooms:
    """The rooms of one floor of a unit, by room number."""

    floor: int
    rooms: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class UnitRooms:
    """The rooms of one unit (单元), top floor first."""

    title: str
    room_count: int
    floors: tuple[FloorRooms, ...]


@dataclass(frozen=True)
class CodeSegment:
    """One segment of a code as shown: its level's name (from the standard) and digits."""

    level: str
    digits: str


def address_groups(
    addresses: Iterable[AddressView], department_names: Mapping[str, str]
) -> list[AddressGroup]:
    """Group addresses by kind (standard, department, colloquial, historic), departments apart."""

    def key(address: AddressView) -> tuple[int, str]:
        return (_kind_rank(address.kind), address.department or "")

    groups = []
    for (_, department), members in groupby(sorted(addresses, key=key), key=key):
        found = tuple(members)
        kind = found[0].kind
        title = KIND_TITLES.get(kind, kind)
        if department:
            title = f"{title} · {department_names.get(department, department)}"
        groups.append(AddressGroup(title, kind, department or None, found))
    return groups


def rooms_by_unit(rooms: Iterable[Mapping[str, Any]]) -> list[UnitRooms]:
    """Rooms grouped by unit (in order), then by floor (top first), then by number."""

    def unit_of(room: Mapping[str, Any]) -> int:
        return int(room["unit"] or 0)

    units = []
    for unit, members in groupby(sorted(rooms, key=unit_of), key=unit_of):
        in_unit = sorted(members, key=lambda r: (-int(r["floor"]), str(r["number"])))
        floors = tuple(
            FloorRooms(floor, tuple(dict(r) for r in on_floor))
            for floor, on_floor in groupby(in_unit, key=lambda r: int(r["floor"]))
        )
        title = f"{unit} 单元" if unit else "未分单元"
        units.append(UnitRooms(title, len(in_unit), floors))
    return units


def code_segments(layout: CodeLayout, code: str) -> list[CodeSegment]:
    """The code split into the standard's segments, each with its level's Chinese name."""
    parts = layout.split(code)
    return [CodeSegment(s.level, parts[s.name]) for s in layout.segments if s.name in parts]


def _kind_rank(kind: str) -> int:
    kinds = list(KIND_TITLES)
    return kinds.index(kind) if kind in kinds else len(kinds)
