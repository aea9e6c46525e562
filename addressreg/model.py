"""The registry's domain types: immutable values that every stage passes along.

These types carry no database or web concerns. Geometry is shapely, in EPSG:4490
(CGCS2000 longitude/latitude). Codes are strings of digits laid out by the standard's
code layout (``standards/<version>/code.yaml``): district 6 digits, street 9,
community 12, grid 14, building 19, room 25.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry


class UnitLevel(StrEnum):
    """Administrative unit levels, coarse to fine."""

    DISTRICT = "district"
    STREET = "street"
    COMMUNITY = "community"
    GRID = "grid"


class AddressKind(StrEnum):
    """How an address of a code came to be (一码多址)."""

    STANDARD = "standard"  # the standard address under the address standard
    DEPARTMENT = "department"  # how one department writes it
    COLLOQUIAL = "colloquial"  # 俗称 / 简称, e.g. a complex's short name or a site's listing
    HISTORIC = "historic"  # an old name, e.g. under 龙华新区 before 2017


class BuildingStatus(StrEnum):
    """Lifecycle of a building record."""

    PLANNED = "planned"
    ACTIVE = "active"
    RETIRED = "retired"


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """A district, street, community or grid.

    ``code`` is the Shenzhen unified code prefix of the unit; ``stats_code`` the national
    statistics (NBS) code where one exists (grids have none). ``aliases`` are other names
    the unit is known by (龙华新区 for 龙华区). ``polygon_derived`` says the polygon was
    computed (partitioned) rather than taken from a source.
    """

    level: UnitLevel
    code: str
    name: str
    parent_code: str | None
    stats_code: str | None
    aliases: tuple[str, ...]
    geometry: BaseGeometry | None
    polygon_derived: bool = False


@dataclass(frozen=True, slots=True)
class Road:
    """A road, street or lane (路街巷) in a district."""

    road_id: int
    name: str
    aliases: tuple[str, ...]
    district_code: str


@dataclass(frozen=True, slots=True)
class DoorPlate:
    """A door plate (门牌): a number on a road, with its point."""

    door_plate_id: int
    road_id: int
    number: str  # as written on the plate without 号, e.g. "12", "12-1"
    point: Point


@dataclass(frozen=True, slots=True)
class Complex:
    """A residential complex, tower or park (小区 / 大厦 / 园区).

    ``aliases`` are other names (short names, each housing site's listing name);
    ``source_addresses`` are (source, address text) pairs as the sources wrote them.
    """

    complex_id: int
    name: str
    aliases: tuple[str, ...]
    community_code: str
    point: Point
    outline: BaseGeometry | None
    source_addresses: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Building:
    """A building (楼栋): a 19-digit code, its footprint and where it stands.

    ``label`` is the building's number inside its complex or on its door plate as the
    standard address writes it (``5栋``); ``floors`` and ``units`` size its rooms.
    """

    code: str
    grid_code: str
    label: str
    footprint: BaseGeometry
    point: Point
    door_plate_id: int | None
    complex_id: int | None
    floors: int
    units: int
    rooms_per_floor: int
    status: BuildingStatus = BuildingStatus.ACTIVE
    version: int = 1


@dataclass(frozen=True, slots=True)
class Room:
    """A room (房): a 25-digit code, its unit (单元), floor (楼层) and room number (房号)."""

    code: str
    building_code: str
    unit: int | None
    floor: int
    number: str  # as the standard address writes it, e.g. "1203"


@dataclass(frozen=True, slots=True)
class Address:
    """One of the many addresses of a code (building or room)."""

    code: str
    text: str
    kind: AddressKind
    department: str | None = None


@dataclass(frozen=True, slots=True)
class AddressFacts:
    """The elements of one registry address, as the record generator needs them.

    Names are the standard's (full names such as 宝安区, 新安街道, 上川社区). ``level`` is
    the finest level the code names (``room`` or ``building``); ``code`` is that code.
    ``district_aliases`` and ``complex_aliases`` hold old and colloquial names.
    """

    code: str
    level: str
    district: str
    street: str
    community: str
    road: str | None
    door_number: str | None
    complex_name: str | None
    building_label: str
    unit: int | None
    floor: int | None
    room: str | None
    district_aliases: tuple[str, ...] = ()
    complex_aliases: tuple[str, ...] = ()
    standard_text: str = ""
