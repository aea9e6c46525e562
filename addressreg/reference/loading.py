"""Loading the shipped reference data (``addressreg/reference/data/``) into a :class:`Reference`.

The files are written by ``scripts/derive_reference.py`` and described in the data
folder's ``README.md``. Every problem raises :class:`ReferenceDataError` naming the file,
row and column; nothing is skipped or replaced silently.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from addressreg.model import AdminUnit, UnitLevel
from addressreg.reference.errors import ReferenceDataError
from addressreg.reference.tables import Row, read_csv_rows, read_geojson_features
from addressreg.reference.types import Reference, ReferenceComplex, ReferenceRoad, SourceListing

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"
ADMIN_FILE = "admin_units.csv"
STREET_POLYGON_FILE = "street_polygons.geojson"
DISTRICT_POLYGON_FILE = "district_polygons.geojson"
COMPLEX_FILE = "complexes.csv"
LISTING_FILE = "complex_listings.csv"
ROAD_FILE = "roads.csv"

_ADMIN_COLUMNS = ("code", "level", "name", "short_name", "parent_code", "former_names", "other_names")
_COMPLEX_COLUMNS = (
    "complex_id", "name", "lon", "lat", "placement", "district_code", "year_built",
    "building_count", "household_count", "property_type",
)  # fmt: skip
_LISTING_COLUMNS = ("complex_id", "source", "source_row", "name", "address")
_ROAD_COLUMNS = ("road_name", "variants", "occurrences", "district_codes")
_LEVEL_WIDTH = {UnitLevel.DISTRICT: 6, UnitLevel.STREET: 9, UnitLevel.COMMUNITY: 12}
# Shenzhen's bounding box with a margin; a point outside it is a broken row.
_LON_RANGE = (113.6, 114.8)
_LAT_RANGE = (22.3, 22.95)


def load_reference(data_dir: Path | None = None) -> Reference:
    """Load the reference data from ``data_dir`` (default: the shipped folder).

    Raises:
        ReferenceDataError: a file is missing or unreadable, a column is missing, or a
            row is malformed (bad code, unknown parent, bad number, bad geometry).
    """
    folder = DEFAULT_DATA_DIR if data_dir is None else data_dir
    polygons = _polygons(folder / STREET_POLYGON_FILE) | _polygons(folder / DISTRICT_POLYGON_FILE)
    units, short_names, former_names = _admin_units(folder / ADMIN_FILE, polygons)
    by_level: dict[UnitLevel, list[AdminUnit]] = defaultdict(list)
    for unit in units:
        by_level[unit.level].append(unit)
    districts = {u.code for u in by_level[UnitLevel.DISTRICT]}
    return Reference(
        data_dir=folder,
        districts=tuple(by_level[UnitLevel.DISTRICT]),
        streets=tuple(by_level[UnitLevel.STREET]),
        communities=tuple(by_level[UnitLevel.COMMUNITY]),
        short_names=short_names,
        former_names=former_names,
        roads=_roads(folder / ROAD_FILE, districts),
        complexes=_complexes(folder / COMPLEX_FILE, folder / LISTING_FILE, districts),
    )


def _polygons(path: Path) -> dict[str, tuple[BaseGeometry, bool]]:
    out = {}
    for row, geometry in read_geojson_features(path, ("code", "derived")):
        if geometry.geom_type not in ("Polygon", "MultiPolygon"):
            raise row.fail("geometry", f"must be a (Multi)Polygon, got {geometry.geom_type}")
        out[row.text("code")] = (geometry, bool(row.cells["derived"]))
    return out


def _admin_units(
    path: Path, polygons: dict[str, tuple[BaseGeometry, bool]]
) -> tuple[list[AdminUnit], dict[str, str], dict[str, tuple[str, ...]]]:
    units: list[AdminUnit] = []
    short_names: dict[str, str] = {}
    former_names: dict[str, tuple[str, ...]] = {}
    known: set[str] = set()
    for row in read_csv_rows(path, _ADMIN_COLUMNS):
        level, code = _level(row), row.text("code")
        parent = row.text("parent_code")
        if not code.isdigit() or len(code) != _LEVEL_WIDTH[level]:
            raise row.fail("code", f"{code!r} is not a {_LEVEL_WIDTH[level]}-digit {level.value} code")
        if level is not UnitLevel.DISTRICT and parent not in known:
            raise row.fail("parent_code", f"{parent!r} is not a unit listed above this row")
        short_names[code] = row.text("short_name")
        former_names[code] = row.items("former_names")
        aliases = (*former_names[code], *row.items("other_names"), short_names[code])
        geometry, derived = polygons.get(code, (None, False))
        units.append(AdminUnit(level, code, row.text("name"), None if level is UnitLevel.DISTRICT else parent,
                               code, tuple(dict.fromkeys(a for a in aliases if a != row.text("name"))),
                               geometry, derived))  # fmt: skip
        known.add(code)
    return units, short_names, former_names


def _level(row: Row) -> UnitLevel:
    text = row.text("level")
    try:
        level = UnitLevel(text)
    except ValueError:
        raise row.fail("level", f"{text!r} is not one of district, street, community") from None
    if level is UnitLevel.GRID:
        raise row.fail("level", "grids are not reference data (the seed derives them)")
    return level


def _roads(path: Path, districts: set[str]) -> tuple[ReferenceRoad, ...]:
    roads = []
    for row in read_csv_rows(path, _ROAD_COLUMNS):
        codes = row.items("district_codes")
        for code in codes:
            if code not in districts:
                raise row.fail("district_codes", f"{code!r} is not a district code")
        roads.append(ReferenceRoad(row.text("road_name"), row.items("variants"),
                                   row.integer("occurrences") or 0, codes))  # fmt: skip
    return tuple(roads)


def _complexes(path: Path, listing_path: Path, districts: set[str]) -> tuple[ReferenceComplex, ...]:
    listings = _listings(listing_path)
    out = []
    for row in read_csv_rows(path, _COMPLEX_COLUMNS):
        complex_id = _required_int(row, "complex_id")
        district = row.text("district_code", required=False) or None
        if district is not None and district not in districts:
            raise row.fail("district_code", f"{district!r} is not a district code")
        if complex_id not in listings:
            raise row.fail("complex_id", f"has no rows in {listing_path}")
        out.append(ReferenceComplex(
            complex_id, row.text("name"), _point(row), district, row.integer("year_built"),
            row.integer("building_count"), row.integer("household_count"),
            row.text("property_type", required=False), tuple(listings.pop(complex_id))))  # fmt: skip
    if listings:
        first = min(listings)
        raise ReferenceDataError(str(listing_path), None, "complex_id", f"{first} is not in {path}")
    return tuple(out)


def _listings(path: Path) -> dict[int, list[SourceListing]]:
    out: dict[int, list[SourceListing]] = defaultdict(list)
    for row in read_csv_rows(path, _LISTING_COLUMNS):
        out[_required_int(row, "complex_id")].append(SourceListing(
            row.text("source"), _required_int(row, "source_row"), row.text("name"),
            row.text("address", required=False)))  # fmt: skip
    return out


def _required_int(row: Row, column: str) -> int:
    value = row.integer(column)
    if value is None:
        raise row.fail(column, "is empty")
    return value


def _point(row: Row) -> Point | None:
    lon, lat = row.number_or_none("lon"), row.number_or_none("lat")
    if lon is None and lat is None:
        return None
    if lon is None or lat is None:
        raise row.fail("lon" if lon is None else "lat", "is empty while the other coordinate is set")
    if not (_LON_RANGE[0] <= lon <= _LON_RANGE[1] and _LAT_RANGE[0] <= lat <= _LAT_RANGE[1]):
        raise row.fail("lon", f"({lon}, {lat}) is outside Shenzhen")
    return Point(lon, lat)


def default_data_dir() -> Path:
    """The folder of the reference data shipped inside the package."""
    return DEFAULT_DATA_DIR
