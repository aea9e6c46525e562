"""Writing a table of text columns (and points) in a department's own file format.

The inverse of :mod:`loaders.tables`, for sample files: CSV in the spec's encoding, xlsx,
GeoJSON, Shapefile (attribute table in the spec's encoding) and GeoPackage. Points are
given in the department's CRS; spatial files declare EPSG:4547 for metres, EPSG:4490 for
CGCS2000, and EPSG:4326 for WGS84 — and, as the providers' data conventionally do, for
GCJ-02 and BD-09.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from loaders.spec import DepartmentSpec, FileFormat, SourceCrs

EXTENSIONS = {
    FileFormat.CSV: "csv",
    FileFormat.XLSX: "xlsx",
    FileFormat.GEOJSON: "geojson",
    FileFormat.SHAPEFILE: "shp",
    FileFormat.GEOPACKAGE: "gpkg",
}
DECLARED_CRS = {
    SourceCrs.EPSG4547: "EPSG:4547",
    SourceCrs.CGCS2000: "EPSG:4490",
    SourceCrs.WGS84: "EPSG:4326",
    SourceCrs.GCJ02: "EPSG:4326",
    SourceCrs.BD09: "EPSG:4326",
}


class UnwritableSample(ValueError):
    """A sample value cannot be written in the department's encoding (names row and column)."""


def file_name(spec: DepartmentSpec) -> str:
    """The sample file's name: ``<code>.<extension>``."""
    return f"{spec.code}.{EXTENSIONS[spec.file_format]}"


def _coordinate_text(values: NDArray[np.float64], crs: SourceCrs) -> list[str]:
    digits = 2 if crs is SourceCrs.EPSG4547 else 7
    return ["" if np.isnan(v) else f"{v:.{digits}f}" for v in values.tolist()]


def write_table(
    spec: DepartmentSpec,
    columns: dict[str, list[str]],
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    directory: Path,
) -> Path:
    """Write ``columns`` (and the points ``x``/``y`` in the spec's CRS, NaN: none) as the spec's file.

    Coordinate columns of tabular specs are filled from ``x``/``y``; spatial formats carry
    the points as geometry.

    Raises:
        UnwritableSample: a value cannot be encoded in the spec's encoding.
    """
    path = directory / file_name(spec)
    table = dict(columns)
    if spec.coordinates is not None and spec.coordinates.x and spec.coordinates.y:
        table[spec.coordinates.x] = _coordinate_text(x, spec.coordinates.crs)
        table[spec.coordinates.y] = _coordinate_text(y, spec.coordinates.crs)
    if spec.file_format is FileFormat.CSV:
        _write_csv(spec, table, path)
    elif spec.file_format is FileFormat.XLSX:
        _write_xlsx(table, path)
    else:
        _write_spatial(spec, table, x, y, path)
    return path


def _check_encodable(spec: DepartmentSpec, table: dict[str, list[str]]) -> None:
    for column, values in table.items():
        for row, value in enumerate(values, start=2):
            try:
                value.encode(spec.encoding)
            except UnicodeEncodeError as exc:
                raise UnwritableSample(
                    f"{spec.code}: row {row}, column {column}: {value!r} has {exc.object[exc.start]!r}, "
                    f"which {spec.encoding} cannot encode"
                ) from None


def _write_csv(spec: DepartmentSpec, table: dict[str, list[str]], path: Path) -> None:
    _check_encodable(spec, table)
    with open(path, "w", encoding=spec.encoding, newline="") as stream:
        writer = csv.writer(stream, delimiter=spec.delimiter, lineterminator="\r\n")
        writer.writerow(table)
        writer.writerows(zip(*table.values(), strict=True))


def _write_xlsx(table: dict[str, list[str]], path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    sheet.append(list(table))
    for row in zip(*table.values(), strict=True):
        sheet.append(list(row))
    book.save(path)


def _write_spatial(
    spec: DepartmentSpec,
    table: dict[str, list[str]],
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    path: Path,
) -> None:
    import geopandas
    import shapely

    assert spec.coordinates is not None  # spatial specs always name their CRS
    if spec.file_format is FileFormat.SHAPEFILE:
        _check_encodable(spec, table)
    known = ~(np.isnan(x) | np.isnan(y))
    points = np.full(len(x), None, dtype=object)
    points[known] = shapely.points(x[known], y[known])
    frame = geopandas.GeoDataFrame(table, geometry=list(points), crs=DECLARED_CRS[spec.coordinates.crs])
    options = {"encoding": spec.encoding} if spec.file_format is FileFormat.SHAPEFILE else {}
    drivers = {FileFormat.GEOJSON: "GeoJSON", FileFormat.SHAPEFILE: "ESRI Shapefile"}
    driver = drivers.get(spec.file_format, "GPKG")
    frame.to_file(path, driver=driver, engine="pyogrio", **options)
