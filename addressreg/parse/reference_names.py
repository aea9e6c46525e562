"""Place names from the reference CSVs in ``shared/data`` (for tests, training and benchmarks).

The registry builds its gazetteer from the database; this reader covers the files
described in ``shared/data/SOURCES.md``: admin divisions, derived road names, complexes.
"""

from __future__ import annotations

import csv
from pathlib import Path

from addressreg.parse.gazetteer import Gazetteer, PlaceName
from addressreg.standard.rules import AddressStandard

ADMIN_FILE = "shenzhen_admin_divisions.csv"
ROAD_FILE = "shenzhen_road_names_derived.csv"
COMPLEX_FILE = "shenzhen_residential_complexes.csv"


class ReferenceDataError(ValueError):
    """A reference CSV is missing a column or a row is malformed (file and row named)."""


def _rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """All rows of a CSV, checking the header has ``columns`` and no cell is empty."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(columns) - set(reader.fieldnames or ())
        if missing:
            raise ReferenceDataError(f"{path}: missing columns {sorted(missing)}")
        rows = list(reader)
    for number, row in enumerate(rows, start=2):
        for column in columns:
            if not (row.get(column) or "").strip():
                raise ReferenceDataError(f"{path}: row {number}: column {column} is empty")
    return rows


def admin_names(path: Path) -> dict[str, list[PlaceName]]:
    """Districts, streets and communities by level, each with its parent's name."""
    rows = _rows(path, ("code", "name", "level", "parent_code"))
    name_of = {row["code"]: row["name"] for row in rows}
    levels: dict[str, list[PlaceName]] = {"district": [], "street": [], "community": []}
    for row in rows:
        if row["level"] in levels:
            parent = name_of.get(row["parent_code"])
            levels[row["level"]].append(PlaceName(row["name"], (), parent))
    return levels


def reference_gazetteer(data_dir: Path, standard: AddressStandard) -> Gazetteer:
    """A gazetteer of Shenzhen names from the reference CSVs of ``data_dir``."""
    admin = admin_names(data_dir / ADMIN_FILE)
    roads = {row["road_name"] for row in _rows(data_dir / ROAD_FILE, ("road_name",))}
    complexes = {row["name"].strip() for row in _rows(data_dir / COMPLEX_FILE, ("name",))}
    return Gazetteer.from_names(
        standard,
        districts=admin["district"],
        streets=admin["street"],
        communities=admin["community"],
        roads=[PlaceName(name) for name in sorted(roads)],
        complexes=[PlaceName(name) for name in sorted(complexes)],
    )
