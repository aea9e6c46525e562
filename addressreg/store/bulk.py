"""Bulk loading of a seeded registry through PostgreSQL COPY, in one transaction.

The whole registry goes in or nothing does: the caller passes a connection inside a
transaction, and any error rolls every table back. Geometry travels as EWKB hex in
EPSG:4490; rooms are streamed from the seed, never held in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from psycopg import Connection

from addressreg.model import Address, AdminUnit, Building, Complex, DoorPlate, Road, Room
from addressreg.seed import SeedRegistry
from addressreg.store.schema import SRID

Normaliser = Callable[[str], str]


@dataclass(frozen=True)
class LoadCounts:
    """How many rows of each table a bulk load wrote."""

    units: int
    roads: int
    door_plates: int
    complexes: int
    buildings: int
    rooms: int
    addresses: int


def ewkb(geometries: Sequence[Any]) -> list[str | None]:
    """EWKB hex strings (SRID 4490) of shapely geometries; None stays None."""
    array = shapely.set_srid(list(geometries), SRID)
    return list(shapely.to_wkb(array, hex=True, include_srid=True))


def _copy(conn: Connection[Any], table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _multipolygon(geometry: Any) -> Any:
    if geometry is None or geometry.geom_type == "MultiPolygon":
        return geometry
    return shapely.MultiPolygon([geometry])


def _unit_rows(units: Sequence[AdminUnit]) -> Iterator[tuple[Any, ...]]:
    geoms = ewkb([_multipolygon(u.geometry) for u in units])
    for unit, geom in zip(units, geoms, strict=True):
        yield (
            unit.code,
            unit.level.value,
            unit.name,
            unit.parent_code,
            unit.stats_code,
            list(unit.aliases),
            geom,
            unit.polygon_derived,
        )


def _road_rows(roads: Sequence[Road]) -> Iterator[tuple[Any, ...]]:
    for road in roads:
        yield road.road_id, road.name, list(road.aliases), road.district_code


def _door_plate_rows(plates: Sequence[DoorPlate]) -> Iterator[tuple[Any, ...]]:
    geoms = ewkb([p.point for p in plates])
    for plate, geom in zip(plates, geoms, strict=True):
        yield plate.door_plate_id, plate.road_id, plate.number, geom


def _complex_rows(complexes: Sequence[Complex]) -> Iterator[tuple[Any, ...]]:
    points = ewkb([c.point for c in complexes])
    outlines = ewkb([c.outline for c in complexes])
    for item, point, outline in zip(complexes, points, outlines, strict=True):
        yield item.complex_id, item.name, list(item.aliases), item.community_code, point, outline


def _building_rows(buildings: Sequence[Building], chunk: int = 50_000) -> Iterator[tuple[Any, ...]]:
    for start in range(0, len(buildings), chunk):
        part = buildings[start : start + chunk]
        footprints = ewkb([b.footprint for b in part])
        points = ewkb([b.point for b in part])
        for b, footprint, point in zip(part, footprints, points, strict=True):
            yield (
                b.code,
                b.grid_code,
                b.label,
                b.door_plate_id,
                b.complex_id,
                footprint,
                point,
                b.floors,
                b.units,
                b.rooms_per_floor,
                b.status.value,
                b.version,
            )


def _room_rows(registry: SeedRegistry) -> Iterator[tuple[Any, ...]]:
    for building in registry.buildings:
        room: Room
        for room in registry.rooms(building):
            yield room.code, room.building_code, room.unit, room.floor, room.number


def _address_rows(addresses: Sequence[Address], normalise: Normaliser) -> Iterator[tuple[Any, ...]]:
    for a in addresses:
        yield a.code, a.text, normalise(a.text), a.kind.value, a.department


def load_registry(conn: Connection[Any], registry: SeedRegistry, normalise: Normaliser) -> LoadCounts:
    """COPY every table of ``registry`` through ``conn`` (the caller owns the transaction)."""
    return LoadCounts(
        units=_copy(
            conn,
            "admin_unit",
            ("code", "level", "name", "parent_code", "stats_code", "aliases", "geom", "polygon_derived"),
            _unit_rows(registry.units),
        ),
        roads=_copy(
            conn, "road", ("road_id", "name", "aliases", "district_code"), _road_rows(registry.roads)
        ),
        door_plates=_copy(
            conn,
            "door_plate",
            ("door_plate_id", "road_id", "number", "geom"),
            _door_plate_rows(registry.door_plates),
        ),
        complexes=_copy(
            conn,
            "complex",
            ("complex_id", "name", "aliases", "community_code", "geom", "outline"),
            _complex_rows(registry.complexes),
        ),
        buildings=_copy(
            conn,
            "building",
            (
                "code",
                "grid_code",
                "label",
                "door_plate_id",
                "complex_id",
                "footprint",
                "point",
                "floors",
                "units",
                "rooms_per_floor",
                "status",
                "version",
            ),
            _building_rows(registry.buildings),
        ),
        rooms=_copy(conn, "room", ("code", "building_code", "unit", "floor", "number"), _room_rows(registry)),
        addresses=_copy(
            conn,
            "address",
            ("code", "text", "normalised", "kind", "department_code"),
            _address_rows(registry.addresses, normalise),
        ),
    )
