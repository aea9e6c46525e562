"""Reading the reference data files (CSV and GeoJSON) with errors that say where.

Each reader returns rows as ``Row`` values that remember their file and row number, so
that field parsing (``Row.text``, ``Row.integer``, ...) can name the exact cell at fault.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from addressreg.reference.errors import ReferenceDataError


@dataclass(frozen=True)
class Row:
    """One data row: its file, its 1-based row number and its cells by column."""

    file: str
    number: int
    cells: dict[str, Any]

    def fail(self, column: str | None, problem: str) -> ReferenceDataError:
        """An error pointing at this row (and ``column``)."""
        return ReferenceDataError(self.file, self.number, column, problem)

    def text(self, column: str, *, required: bool = True) -> str:
        """The cell as stripped text; empty is an error when ``required``."""
        value = self.cells.get(column)
        text = "" if value is None else str(value).strip()
        if required and not text:
            raise self.fail(column, "is empty")
        return text

    def integer(self, column: str) -> int | None:
        """The cell as an int, or None when empty."""
        text = self.text(column, required=False)
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise self.fail(column, f"{text!r} is not an integer") from None

    def number_or_none(self, column: str) -> float | None:
        """The cell as a float, or None when empty."""
        text = self.text(column, required=False)
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise self.fail(column, f"{text!r} is not a number") from None

    def items(self, column: str) -> tuple[str, ...]:
        """A ``;``-separated list cell as a tuple (empty cell → empty tuple)."""
        return tuple(part for part in self.text(column, required=False).split(";") if part)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReferenceDataError(str(path), None, None, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(str(path), None, None, f"cannot read as UTF-8 text: {exc}") from None


def read_csv_rows(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """All rows of a UTF-8 CSV with a header that holds at least ``columns``.

    Raises:
        ReferenceDataError: file missing or unreadable, a column missing, a row with
            too many or too few cells.
    """
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    header = next(reader, None)
    if header is None:
        raise ReferenceDataError(str(path), 1, None, "file is empty (no header row)")
    for column in columns:
        if column not in header:
            raise ReferenceDataError(str(path), 1, column, f"missing column (header has {', '.join(header)})")
    rows = []
    for number, cells in enumerate(reader, start=2):
        if len(cells) != len(header):
            raise ReferenceDataError(
                str(path), number, None, f"has {len(cells)} cells, header has {len(header)}"
            )
        rows.append(Row(str(path), number, dict(zip(header, cells, strict=True))))
    return rows


def read_geojson_features(path: Path, properties: tuple[str, ...]) -> list[tuple[Row, BaseGeometry]]:
    """Features of a GeoJSON FeatureCollection as (properties row, valid non-empty geometry).

    Raises:
        ReferenceDataError: file missing or not JSON, a property missing, a geometry
            missing, unparseable, empty or invalid (row = 1-based feature number).
    """
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(str(path), None, None, f"not valid JSON: {exc}") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise ReferenceDataError(str(path), None, "features", "not a GeoJSON FeatureCollection")
    out = []
    for number, raw in enumerate(features, start=1):
        props = raw.get("properties") if isinstance(raw, dict) else None
        row = Row(str(path), number, props if isinstance(props, dict) else {})
        for name in properties:
            if name not in row.cells:
                raise row.fail(name, "missing property")
        out.append((row, _geometry(row, raw.get("geometry") if isinstance(raw, dict) else None)))
    return out


def _geometry(row: Row, raw: Any) -> BaseGeometry:
    if not raw:
        raise row.fail("geometry", "missing")
    try:
        geometry: BaseGeometry = shape(raw)
    except (ValueError, TypeError, KeyError, AttributeError, shapely.errors.ShapelyError) as exc:
        raise row.fail("geometry", f"cannot parse: {exc}") from None
    if geometry.is_empty:
        raise row.fail("geometry", "is empty")
    if not geometry.is_valid:
        raise row.fail("geometry", f"is invalid: {shapely.is_valid_reason(geometry)}")
    return geometry
