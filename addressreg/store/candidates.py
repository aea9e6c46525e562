"""Reading the matching index's rows from PostGIS (a few big queries).

Rooms are packed per building inside PostgreSQL, in the format of
:mod:`addressreg.match.rooms`, so that millions of rooms cross the wire as one row per
building. Packing is the one slow query (2.2M rooms: ~2 s of one backend), so the rooms of
the second half of the buildings are packed on a second connection at the same time, in
the same snapshot (``pg_export_snapshot``, as ``pg_dump --jobs`` does): the rows are one
consistent view of the registry. Only active buildings, rooms and units are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from addressreg.match.index import RegistryIndex, build_index
from addressreg.match.rooms import ENTRY, NUMBER_END, UNIT_END, RoomBook
from addressreg.match.rows import BuildingRow, ComplexRow, PlateRow, RoadRow, UnitRow

UNITS = text("SELECT code, level, name, parent_code, aliases FROM admin_unit WHERE status = 'active'")
ROADS = text("SELECT road_id, name, district_code, aliases FROM road")
PLATES = text("SELECT door_plate_id, road_id, number, ST_X(geom), ST_Y(geom) FROM door_plate")
COMPLEXES = text("SELECT complex_id, name, community_code, ST_X(geom), ST_Y(geom), aliases FROM complex")
BUILDINGS = text(
    "SELECT code, grid_code, label, door_plate_id, complex_id, ST_X(point), ST_Y(point) "
    "FROM building WHERE status = 'active'"
)
BAD_ROOM_NUMBERS = text(
    "SELECT code, number FROM room WHERE status = 'active' "
    "AND (strpos(number, :entry) > 0 OR strpos(number, :unit_end) > 0 "
    "OR strpos(number, :number_end) > 0) LIMIT 5"
)
PACKED_ROOMS = (
    "SELECT building_code, string_agg(:entry || coalesce(unit::text, '') || :unit_end || number "
    "|| :number_end || substr(code, length(building_code) + 1), '' ORDER BY code) "
    "FROM room WHERE status = 'active' AND {part} GROUP BY building_code"
)
FIRST_PART = text(PACKED_ROOMS.format(part="building_code < :split"))
SECOND_PART = text(PACKED_ROOMS.format(part="building_code >= :split"))
MIDDLE_BUILDING = text(
    "SELECT code FROM building ORDER BY code OFFSET (SELECT count(*) / 2 FROM building) LIMIT 1"
)
READ_ONLY_SNAPSHOT = text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
SNAPSHOT_ID = re.compile(r"[0-9A-F]+(?:-[0-9A-F]+)+")
SEPARATORS = {"entry": ENTRY, "unit_end": UNIT_END, "number_end": NUMBER_END}


class RegistryDataError(ValueError):
    """A registry row cannot enter the index (the table, code and value are named)."""


@dataclass(frozen=True)
class IndexRows:
    """Every row the in-memory index is built from."""

    units: list[UnitRow]
    roads: list[RoadRow]
    plates: list[PlateRow]
    complexes: list[ComplexRow]
    buildings: list[BuildingRow]
    rooms: RoomBook


def read_units(conn: Connection) -> list[UnitRow]:
    """Active administrative units."""
    return [UnitRow(c, lv, n, p, tuple(a or ())) for c, lv, n, p, a in conn.execute(UNITS)]


def check_room_numbers(conn: Connection) -> None:
    """Raises RegistryDataError when an active room's number contains a separator of the
    packed format."""
    bad = conn.execute(BAD_ROOM_NUMBERS, SEPARATORS).all()
    if bad:
        listed = ", ".join(f"{code} ({number!r})" for code, number in bad)
        raise RegistryDataError(
            f"room: numbers contain a reserved character {sorted(SEPARATORS.values())}: {listed}"
        )


def _second_part(engine: Engine, snapshot: str, split: str) -> dict[str, str]:
    """The packed rooms of the buildings from ``split`` on, read in ``snapshot``."""
    if not SNAPSHOT_ID.fullmatch(snapshot):  # SET takes no bound parameters: the id is inlined
        raise RegistryDataError(f"unexpected snapshot id {snapshot!r} from pg_export_snapshot()")
    with engine.connect() as conn:
        conn.execute(READ_ONLY_SNAPSHOT)
        conn.execute(text(f"SET TRANSACTION SNAPSHOT '{snapshot}'"))
        return {code: packed for code, packed in conn.execute(SECOND_PART, {**SEPARATORS, "split": split})}


def read_index_rows(engine: Engine) -> IndexRows:
    """Read every row of the index as one consistent snapshot (see the module docstring).

    Raises:
        RegistryDataError: a room number contains a separator of the packed format.
    """
    with engine.connect() as conn, ThreadPoolExecutor(1, thread_name_prefix="index-rooms") as pool:
        conn.execute(READ_ONLY_SNAPSHOT)
        snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        split = conn.execute(MIDDLE_BUILDING).scalar_one_or_none() or ""
        second = pool.submit(_second_part, engine, snapshot, split)
        check_room_numbers(conn)
        first = {code: packed for code, packed in conn.execute(FIRST_PART, {**SEPARATORS, "split": split})}
        rows = IndexRows(
            units=read_units(conn),
            roads=[RoadRow(i, n, d, tuple(a or ())) for i, n, d, a in conn.execute(ROADS)],
            plates=[PlateRow(*row) for row in conn.execute(PLATES)],
            complexes=[
                ComplexRow(i, n, c, x, y, tuple(a or ())) for i, n, c, x, y, a in conn.execute(COMPLEXES)
            ],
            buildings=[BuildingRow(*row) for row in conn.execute(BUILDINGS)],
            rooms=RoomBook({**first, **second.result()}),
        )
    return rows


def load_index(
    engine: Engine, normalise: Callable[[str], str], suffixes: dict[str, str], ignorable: tuple[str, ...]
) -> RegistryIndex:
    """The in-memory index of the registry behind ``engine``."""
    rows = read_index_rows(engine)
    return build_index(
        rows.units,
        rows.roads,
        rows.plates,
        rows.complexes,
        rows.buildings,
        rows.rooms,
        normalise=normalise,
        suffixes=suffixes,
        ignorable_names=ignorable,
    )
