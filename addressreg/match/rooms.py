"""A compact room look-up: (building, unit, room number) → room codes, from the registry's data.

Room codes are whatever the registry issued: nothing here derives a code from a unit or
floor. Each building's rooms are packed into one string of entries
``|<unit>,<number>=<code suffix>`` (the suffix is the room code after the building code),
so millions of rooms cost a few tens of bytes each and no per-room Python object.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from addressreg.match.rows import RoomRow

ENTRY = "|"
UNIT_END = ","
NUMBER_END = "="


def pack_rooms(building_code: str, rooms: Iterable[RoomRow]) -> str:
    """The packed entries of one building's rooms.

    Raises:
        ValueError: a room's code does not start with its building's code, or its number
            contains a separator character (``|``, ``,``, ``=``).
    """
    parts = []
    for room in rooms:
        if not room.code.startswith(building_code):
            raise ValueError(f"room {room.code}: code does not start with building code {building_code}")
        if any(sep in room.number for sep in (ENTRY, UNIT_END, NUMBER_END)):
            raise ValueError(f"room {room.code}: number {room.number!r} contains a separator")
        unit = "" if room.unit is None else str(room.unit)
        parts.append(f"{ENTRY}{unit}{UNIT_END}{room.number}{NUMBER_END}{room.code[len(building_code) :]}")
    return "".join(parts)


@dataclass
class RoomBook:
    """Rooms by building, packed (see the module docstring); ``packed`` is not changed once
    looked up."""

    packed: dict[str, str] = field(default_factory=dict)
    _last: tuple[tuple[str, str | None, str], tuple[str, ...]] | None = field(
        default=None, repr=False, compare=False
    )
    """The last look-up and its answer: an address's complex and its door plate often lead
    to the same building, and so to the same look-up twice in a row."""

    @classmethod
    def from_rows(cls, rows: Iterable[RoomRow]) -> RoomBook:
        """Build from room rows; rows of one building should come together (any order works)."""
        book = cls()
        for building_code, group in groupby(rows, key=lambda r: r.building_code):
            book.packed[building_code] = book.packed.get(building_code, "") + pack_rooms(building_code, group)
        return book

    def __len__(self) -> int:
        return sum(text.count(ENTRY) for text in self.packed.values())

    def has_rooms(self, building_code: str) -> bool:
        """Whether the building has any room."""
        return bool(self.packed.get(building_code))

    def find(self, building_code: str, unit: str | None, number: str) -> tuple[str, ...]:
        """Codes of the rooms numbered ``number`` (in ``unit`` if given) of a building.

        Without a unit, every unit's room of that number is returned (several codes mean
        the input is ambiguous). A unit-less room also answers a query for unit 1.
        """
        key = (building_code, unit, number)
        last = self._last
        if last is not None and last[0] == key:
            return last[1]
        found = self._find(building_code, unit, number)
        self._last = (key, found)
        return found

    def _find(self, building_code: str, unit: str | None, number: str) -> tuple[str, ...]:
        packed = self.packed.get(building_code)
        if not packed or not number:
            return ()
        if unit is not None:
            found = _codes(building_code, packed, f"{ENTRY}{unit}{UNIT_END}{number}{NUMBER_END}")
            if not found and unit == "1":
                found = _codes(building_code, packed, f"{ENTRY}{UNIT_END}{number}{NUMBER_END}")
            return found
        return _codes(building_code, packed, f"{UNIT_END}{number}{NUMBER_END}")


def _codes(building_code: str, packed: str, key: str) -> tuple[str, ...]:
    """The room codes of the entries of ``packed`` that contain ``key`` (before the suffix)."""
    at = packed.find(key)
    if at < 0:
        return ()
    codes = []
    while at >= 0:
        start = at + len(key)
        end = packed.find(ENTRY, start)
        codes.append(building_code + (packed[start:] if end < 0 else packed[start:end]))
        at = packed.find(key, start)
    return tuple(codes)
