"""Hand-built facts for the record generator tests (imported by tests/records/*)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from addressreg.model import AddressFacts

# 44 03 | 09 district | 003 street | 002 community | 04 grid
GRID_PREFIX = "44030900300204"


def room_code(building: int, room: int) -> str:
    """A 25-digit room code in the test grid."""
    return f"{GRID_PREFIX}{building:05d}{room:06d}"


def standard_room_fact(**overrides: Any) -> AddressFacts:
    """One room of 翠景花园 5栋 on 民治大道 12号, in 龙华区 (alias 龙华新区)."""
    fact = AddressFacts(
        code=room_code(5, 1203),
        level="room",
        district="龙华区",
        street="民治街道",
        community="上芬社区",
        road="民治大道",
        door_number="12",
        complex_name="翠景花园",
        building_label="5栋",
        unit=2,
        floor=12,
        room="1203",
        district_aliases=("龙华新区",),
        complex_aliases=("翠景",),
        standard_text="深圳市龙华区民治街道上芬社区民治大道12号翠景花园5栋2单元1203",
    )
    return replace(fact, **overrides)


def small_registry() -> list[AddressFacts]:
    """A small registry: rooms of two complexes and buildings on a road without a complex.

    翠景花园 (alias 翠景) has buildings 1–12 on 民治大道 100–111, rooms 101/1203 in units
    1–2; 星河丹堤 has buildings 1–6 with no road; 上川路 1–8 are buildings without a complex.
    """
    facts = []
    for building in range(1, 13):
        for unit in (1, 2):
            for room in ("101", "1203"):
                facts.append(
                    standard_room_fact(
                        code=room_code(building, unit * 10000 + int(room)),
                        door_number=str(99 + building),
                        building_label=f"{building}栋",
                        unit=unit,
                        room=room,
                        floor=int(room[:-2]),
                    )
                )
    for building in range(1, 7):
        facts.append(
            standard_room_fact(
                code=room_code(100 + building, 801),
                road=None,
                door_number=None,
                complex_name="星河丹堤",
                complex_aliases=(),
                building_label=f"{building}座",
                unit=None,
                room="801",
            )
        )
    for building in range(1, 9):
        facts.append(
            standard_room_fact(
                code=room_code(200 + building, 0)[:19],
                level="building",
                district="宝安区",
                street="新安街道",
                community="上川社区",
                road="上川路",
                door_number=f"{building}号",
                complex_name=None,
                complex_aliases=(),
                district_aliases=(),
                building_label=f"{building}号楼",
                unit=None,
                floor=None,
                room=None,
            )
        )
    return facts
