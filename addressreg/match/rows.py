"""Plain rows of the registry, as the matching index is built from them.

The store reads these from PostGIS (``addressreg.store.candidates``); tests write them by
hand. Points are (lon, lat) in EPSG:4490.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UnitRow:
    """An administrative unit: district, street, community or grid."""

    code: str
    level: str
    name: str
    parent_code: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RoadRow:
    """A road of a district."""

    road_id: int
    name: str
    district_code: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlateRow:
    """A door plate: a number on a road."""

    door_plate_id: int
    road_id: int
    number: str
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class ComplexRow:
    """A complex (小区 / 大厦 / 园区) of a community."""

    complex_id: int
    name: str
    community_code: str
    lon: float
    lat: float
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BuildingRow:
    """A building: its code, grid, label (``5栋``, may be empty), door plate and complex."""

    code: str
    grid_code: str
    label: str
    door_plate_id: int | None
    complex_id: int | None
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class RoomRow:
    """A room: its code, building, unit (None where the building has no 单元) and number."""

    code: str
    building_code: str
    unit: int | None
    number: str
