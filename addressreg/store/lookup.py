"""Read-only look-ups the API serves: buildings, rooms, units, reverse geocoding, autocomplete.

Every function takes an open connection and returns frozen views (GeoJSON geometries as
dicts, coordinates in EPSG:4490) or None when nothing has that code. Codes are checked
against the standard's layout by the caller; here they are only looked up.

Autocomplete uses the trigram GIN index on ``address.normalised`` (substring match) for
queries of three characters or more and the B-tree ``address_normalised_prefix`` (prefix
range) for shorter ones; at most :data:`SUGGESTION_POOL` matches are ranked in process:
by the text from the match on, in natural order (2 before 22), standard addresses first.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

SUGGESTION_POOL = 400
_KIND_RANK = {"standard": 0, "department": 1, "colloquial": 2, "historic": 3}
_NUMBER_RUN = re.compile(r"(\d+)")
_MAX_CHAR = chr(0x10FFFF)


@dataclass(frozen=True)
class UnitRef:
    """An administrative unit named by code, level and name."""

    code: str
    level: str
    name: str


@dataclass(frozen=True)
class AddressView:
    """One of a code's addresses: its text, kind and (for department addresses) source."""

    text: str
    kind: str
    department: str | None
    valid_from: str
    valid_to: str | None


@dataclass(frozen=True)
class BuildingSummary:
    """A building in a list: code, label, status, standard address and point."""

    code: str
    label: str
    status: str
    standard_address: str | None
    lon: float
    lat: float


@dataclass(frozen=True)
class BuildingView:
    """A building with everything the registry knows of it."""

    summary: BuildingSummary
    floors: int
    units: int
    rooms_per_floor: int
    version: int
    door_plate: dict[str, Any] | None
    complex: dict[str, Any] | None
    admin_units: tuple[UnitRef, ...]
    addresses: tuple[AddressView, ...]
    rooms: tuple[dict[str, Any], ...]
    footprint: dict[str, Any]


@dataclass(frozen=True)
class RoomView:
    """A room, its addresses and the building it is in."""

    code: str
    unit: int | None
    floor: int
    number: str
    status: str
    addresses: tuple[AddressView, ...]
    building: BuildingSummary


@dataclass(frozen=True)
class UnitView:
    """An administrative unit with its polygon, parent and children."""

    unit: UnitRef
    parent_code: str | None
    aliases: tuple[str, ...]
    status: str
    polygon_derived: bool
    children: tuple[UnitRef, ...]
    polygon: dict[str, Any] | None


@dataclass(frozen=True)
class ReverseHit:
    """The building at (or nearest to) a point, how far it is, and its units."""

    building: BuildingSummary
    distance_m: float
    contains: bool
    admin_units: tuple[UnitRef, ...]


@dataclass(frozen=True)
class Suggestion:
    """An address text to offer while the user types, and the code it names."""

    text: str
    code: str
    kind: str


_SUMMARY = (
    "b.code, b.label, b.status, ST_X(b.point) AS lon, ST_Y(b.point) AS lat, "
    "(SELECT a.text FROM address a WHERE a.code = b.code AND a.kind = 'standard' AND a.valid_to IS NULL "
    "ORDER BY a.address_id LIMIT 1) AS standard_address"
)


def _summary(row: Any) -> BuildingSummary:
    return BuildingSummary(row.code, row.label, row.status, row.standard_address, row.lon, row.lat)


def building_summary(conn: Connection, code: str) -> BuildingSummary | None:
    """The summary of building ``code``, or None."""
    row = conn.execute(text(f"SELECT {_SUMMARY} FROM building b WHERE b.code = :c"), {"c": code}).first()
    return _summary(row) if row else None


def unit_chain(conn: Connection, code: str) -> tuple[UnitRef, ...]:
    """Unit ``code`` and its ancestors, finest first (grid, community, street, district)."""
    rows = conn.execute(
        text(
            "WITH RECURSIVE chain AS (SELECT code, level, name, parent_code, 0 AS depth FROM admin_unit "
            "WHERE code = :c UNION ALL SELECT u.code, u.level, u.name, u.parent_code, chain.depth + 1 "
            "FROM admin_unit u JOIN chain ON u.code = chain.parent_code) "
            "SELECT code, level, name FROM chain ORDER BY depth"
        ),
        {"c": code},
    ).all()
    return tuple(UnitRef(r.code, r.level, r.name) for r in rows)


def addresses_of(conn: Connection, code: str) -> tuple[AddressView, ...]:
    """Every address of a building or room code, standard first."""
    rows = conn.execute(
        text(
            "SELECT text, kind, department_code, valid_from, valid_to FROM address WHERE code = :c "
            "ORDER BY CASE kind WHEN 'standard' THEN 0 WHEN 'department' THEN 1 WHEN 'colloquial' THEN 2 "
            "ELSE 3 END, address_id"
        ),
        {"c": code},
    ).all()
    return tuple(
        AddressView(
            r.text, r.kind, r.department_code, r.valid_from.isoformat(), r.valid_to and r.valid_to.isoformat()
        )
        for r in rows
    )


_CHAIN = (
    "(WITH RECURSIVE chain AS (SELECT u.code, u.level, u.name, u.parent_code, 0 AS depth FROM admin_unit u "
    "WHERE u.code = {grid} UNION ALL SELECT p.code, p.level, p.name, p.parent_code, chain.depth + 1 "
    "FROM admin_unit p JOIN chain ON p.code = chain.parent_code) "
    "SELECT json_agg(json_build_object('code', code, 'level', level, 'name', name) ORDER BY depth) "
    "FROM chain)"
)
_ADDRESSES = (
    "(SELECT coalesce(json_agg(json_build_object('text', a.text, 'kind', a.kind, 'department', "
    "a.department_code, 'valid_from', a.valid_from, 'valid_to', a.valid_to) ORDER BY CASE a.kind "
    "WHEN 'standard' THEN 0 WHEN 'department' THEN 1 WHEN 'colloquial' THEN 2 ELSE 3 END, a.address_id), "
    "'[]') FROM address a WHERE a.code = b.code)"
)
# Rooms by a range on the primary key: room codes start with their building's code.
_ROOMS = (
    "(SELECT coalesce(json_agg(json_build_object('code', r.code, 'unit', r.unit, 'floor', r.floor, "
    "'number', r.number, 'status', r.status) ORDER BY r.code), '[]') FROM room r "
    "WHERE r.code > b.code AND r.code < b.code || ':')"
)


def building_detail(conn: Connection, code: str) -> BuildingView | None:
    """Building ``code`` with addresses, rooms, door plate, complex, units and footprint (one query)."""
    row = conn.execute(
        text(
            f"SELECT {_SUMMARY}, b.floors, b.units, b.rooms_per_floor, b.version, "
            f"{_CHAIN.format(grid='b.grid_code')} AS chain, {_ADDRESSES} AS addresses, {_ROOMS} AS rooms, "
            "ST_AsGeoJSON(b.footprint, 7)::json AS footprint, dp.door_plate_id, dp.number, r.name AS road, "
            "ST_X(dp.geom) AS dp_lon, ST_Y(dp.geom) AS dp_lat, c.complex_id, c.name AS complex_name "
            "FROM building b LEFT JOIN door_plate dp ON dp.door_plate_id = b.door_plate_id "
            "LEFT JOIN road r ON r.road_id = dp.road_id LEFT JOIN complex c ON c.complex_id = b.complex_id "
            "WHERE b.code = :c"
        ),
        {"c": code},
    ).first()
    if row is None:
        return None
    door_plate = (
        {
            "id": row.door_plate_id,
            "road": row.road,
            "number": row.number,
            "lon": row.dp_lon,
            "lat": row.dp_lat,
        }
        if row.door_plate_id is not None
        else None
    )
    complex_ = {"id": row.complex_id, "name": row.complex_name} if row.complex_id is not None else None
    return BuildingView(
        summary=_summary(row),
        floors=row.floors,
        units=row.units,
        rooms_per_floor=row.rooms_per_floor,
        version=row.version,
        door_plate=door_plate,
        complex=complex_,
        admin_units=tuple(UnitRef(**u) for u in row.chain or ()),
        addresses=tuple(AddressView(**a) for a in row.addresses),
        rooms=tuple(row.rooms),
        footprint=row.footprint,
    )


def room_detail(conn: Connection, code: str) -> RoomView | None:
    """Room ``code`` with its addresses and building, or None."""
    row = conn.execute(
        text("SELECT code, building_code, unit, floor, number, status FROM room WHERE code = :c"), {"c": code}
    ).first()
    if row is None:
        return None
    building = building_summary(conn, row.building_code)
    assert building is not None  # the foreign key guarantees it
    return RoomView(row.code, row.unit, row.floor, row.number, row.status, addresses_of(conn, code), building)


def unit_tree_rows(conn: Connection, levels: Sequence[str]) -> list[tuple[UnitRef, str | None]]:
    """Every unit of ``levels`` with its parent code, ordered by code (parents first)."""
    rows = conn.execute(
        text("SELECT code, level, name, parent_code FROM admin_unit WHERE level = ANY(:l) ORDER BY code"),
        {"l": list(levels)},
    ).all()
    return [(UnitRef(r.code, r.level, r.name), r.parent_code) for r in rows]


def unit_detail(conn: Connection, code: str) -> UnitView | None:
    """Unit ``code`` with polygon, parent and children, or None."""
    row = conn.execute(
        text(
            "SELECT code, level, name, parent_code, aliases, status, polygon_derived, "
            "ST_AsGeoJSON(geom, 7)::json AS polygon FROM admin_unit WHERE code = :c"
        ),
        {"c": code},
    ).first()
    if row is None:
        return None
    children = conn.execute(
        text("SELECT code, level, name FROM admin_unit WHERE parent_code = :c ORDER BY code"), {"c": code}
    ).all()
    return UnitView(
        unit=UnitRef(row.code, row.level, row.name),
        parent_code=row.parent_code,
        aliases=tuple(row.aliases),
        status=row.status,
        polygon_derived=row.polygon_derived,
        children=tuple(UnitRef(c.code, c.level, c.name) for c in children),
        polygon=row.polygon,
    )


def buildings_in_bbox(
    conn: Connection, bbox: tuple[float, float, float, float], after: str, limit: int
) -> list[BuildingSummary]:
    """Buildings whose footprint meets the box (min lon, min lat, max lon, max lat), by code."""
    rows = conn.execute(
        text(
            f"SELECT {_SUMMARY} FROM building b WHERE b.footprint && "
            "ST_MakeEnvelope(:x1, :y1, :x2, :y2, 4490) AND b.code > :after ORDER BY b.code LIMIT :n"
        ),
        {"x1": bbox[0], "y1": bbox[1], "x2": bbox[2], "y2": bbox[3], "after": after, "n": limit},
    ).all()
    return [_summary(r) for r in rows]


def buildings_in_unit(conn: Connection, unit_code: str, after: str, limit: int) -> list[BuildingSummary]:
    """Buildings of a unit (their codes start with the unit's), by code."""
    rows = conn.execute(
        text(
            f"SELECT {_SUMMARY} FROM building b WHERE b.code > greatest(:after, :u) AND b.code < :u || ':' "
            "ORDER BY b.code LIMIT :n"
        ),
        {"u": unit_code, "after": after, "n": limit},
    ).all()
    return [_summary(r) for r in rows]


def reverse(conn: Connection, lon: float, lat: float, radius_m: float) -> ReverseHit | None:
    """The building containing (lon, lat) in EPSG:4490, else the nearest within ``radius_m`` (one query)."""
    row = conn.execute(
        text(
            "WITH p AS (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4490) AS g), "
            "near AS (SELECT b.code, ST_Intersects(b.footprint, p.g) AS inside, "
            "ST_Distance(b.footprint::geography, p.g::geography) AS d FROM building b, p "
            "WHERE b.status <> 'retired' ORDER BY b.footprint <-> p.g LIMIT 8), "
            "hit AS (SELECT code, inside, d FROM near WHERE inside OR d <= :r "
            "ORDER BY inside DESC, d LIMIT 1) "
            f"SELECT {_SUMMARY}, hit.inside, hit.d, {_CHAIN.format(grid='b.grid_code')} AS chain "
            "FROM hit JOIN building b ON b.code = hit.code"
        ),
        {"lon": lon, "lat": lat, "r": radius_m},
    ).first()
    if row is None:
        return None
    distance = 0.0 if row.inside else round(float(row.d), 2)
    chain = tuple(UnitRef(**u) for u in row.chain or ())
    return ReverseHit(_summary(row), distance, bool(row.inside), chain)


def natural_key(value: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders digit runs by number: 宝安路2号 before 宝安路22号."""
    key: list[tuple[int, int | str]] = []
    for position, part in enumerate(_NUMBER_RUN.split(value)):  # text, digits, text, digits, …
        if position % 2:
            key.append((0, int(part)))
        elif part:
            key.append((1, part))
    return tuple(key)


def suggest(conn: Connection, normalised_query: str, limit: int) -> list[Suggestion]:
    """Current addresses (standard and aliases) containing the query, ranked for a typing user.

    Each text is offered once, under its best kind; the best ``limit`` of them by the text
    from the match on, in natural order, then kind (standard first), then text.
    """
    best: dict[str, _PoolRow] = {}
    for row in _suggestion_pool(conn, normalised_query):
        kept = best.get(row[0])
        if kept is None or _KIND_RANK.get(row[3], 9) < _KIND_RANK.get(kept[3], 9):
            best[row[0]] = row

    def rank(row: _PoolRow) -> tuple[Any, ...]:
        start = row[1].find(normalised_query)
        return (natural_key(row[1][max(start, 0) :]), _KIND_RANK.get(row[3], 9), row[0])

    return [
        Suggestion(text_, code, kind) for text_, _, code, kind in heapq.nsmallest(limit, best.values(), rank)
    ]


# text, normalised, code, kind
_PoolRow = tuple[str, str, str, str]
_POOL_COLUMNS = "SELECT text, normalised, code, kind FROM address WHERE valid_to IS NULL AND "
_POOL_SUBSTRING = f"{_POOL_COLUMNS}normalised LIKE %(p)s LIMIT {SUGGESTION_POOL}"
_POOL_PREFIX = f"{_POOL_COLUMNS}normalised >= %(q)s AND normalised < %(q_end)s LIMIT {SUGGESTION_POOL}"


def _suggestion_pool(conn: Connection, query: str) -> Sequence[_PoolRow]:
    """Up to :data:`SUGGESTION_POOL` current addresses matching ``query``, as plain tuples.

    Straight through the DB-API cursor: one round trip (psycopg prepares the two fixed
    statements on the server after a few runs) and no SQLAlchemy row objects.
    """
    if len(query) >= 3:
        escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql, params = _POOL_SUBSTRING, {"p": f"%{escaped}%"}
    else:
        sql, params = _POOL_PREFIX, {"q": query, "q_end": query + _MAX_CHAR}
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, params)
        rows: Sequence[_PoolRow] = cursor.fetchall()
    finally:
        cursor.close()
    return rows
