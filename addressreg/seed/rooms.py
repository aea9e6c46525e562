"""The rooms (房) of a building, streamed: never all 12.8 million in memory at once.

Room code = building code + 6 digits ``UUFFRR``: unit (单元, 01 when the building has no
units), floor (01–99) and room on the floor (01–99). The floor is at least 1, so the room
segment is never ``000000`` (which stands for the whole building). The room number as
written is floor and room, ``1203`` for room 3 of floor 12. A tower (10+ floors) has a
lobby without rooms on floor 1 with probability 0.6, decided per (seed, building code).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from addressreg.model import Building, Room

LOBBY_MIN_FLOORS = 10
LOBBY_SHARE = 0.6


def first_floor_with_rooms(building: Building, seed: int) -> int:
    """1, or 2 when the building's ground floor is a lobby (stable per seed and code)."""
    if building.floors < LOBBY_MIN_FLOORS:
        return 1
    # random.Random seeds a str through SHA-512: stable across runs, unlike hash().
    return 2 if random.Random(f"{seed}:lobby:{building.code}").random() < LOBBY_SHARE else 1


def iter_rooms(building: Building, seed: int) -> Iterator[Room]:
    """The building's rooms, unit by unit, floor by floor, room by room."""
    start = first_floor_with_rooms(building, seed)
    for unit in range(1, building.units + 1):
        written_unit = unit if building.units > 1 else None
        for floor in range(start, building.floors + 1):
            for number in range(1, building.rooms_per_floor + 1):
                yield Room(
                    code=f"{building.code}{unit:02d}{floor:02d}{number:02d}",
                    building_code=building.code,
                    unit=written_unit,
                    floor=floor,
                    number=f"{floor}{number:02d}",
                )


def room_count(building: Building, seed: int) -> int:
    """How many rooms ``iter_rooms`` yields, without making them."""
    floors = building.floors - first_floor_with_rooms(building, seed) + 1
    return building.units * floors * building.rooms_per_floor
