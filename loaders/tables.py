"""Reading a department file into a :class:`SourceTable`: its columns as text, and its points.

One reader per format: CSV (any encoding, strict decoding), xlsx (openpyxl, read-only),
and the spatial formats GeoJSON, Shapefile and GeoPackage (pyogrio). Only the columns the
spec names are kept. Every problem raises :class:`~loaders.errors.BadDepartmentFile`
naming the file, and the row and column where there is one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from addressreg.clean.tables import allow_large_cells
from loaders.errors import BadDepartmentFile
from loaders.spec import DepartmentSpec, FileFormat, SourceCrs

#: EPSG codes a spatial file may declare for each spec CRS (GCJ-02 and BD-09 data are
#: conventionally labelled WGS84, which they are not; the spec says what they are).
DECLARED_EPSG = {
    SourceCrs.WGS84: {4326, 4490},
    SourceCrs.CGCS2000: {4326, 4490},
    SourceCrs.GCJ02: {4326, 4490},
    SourceCrs.BD09: {4326, 4490},
    SourceCrs.EPSG4547: {4547},
}


@dataclass(frozen=True)
class SourceTable:
    """The spec's columns of one file, every value as text (``""`` when empty).

    ``first_row`` is the row number of the first record as the file shows it (2 under a
    header row, 1 for a spatial file's first feature). ``geometry_x``/``geometry_y`` hold
    each spatial feature's point in the file's CRS (NaN where it has no geometry); None
    for tabular files.
    """

    file: str
    columns: dict[str, list[str]]
    first_row: int
    geometry_x: NDArray[np.float64] | None = None
    geometry_y: NDArray[np.float64] | None = None

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), []))


def read_table(spec: DepartmentSpec, path: Path) -> SourceTable:
    """Read ``path`` as ``spec`` describes it.

    Raises:
        BadDepartmentFile: unreadable file, wrong encoding (naming the row), missing
            columns, a row with the wrong number of fields, a CRS that is not the spec's.
    """
    if not path.is_file():
        raise BadDepartmentFile(str(path), "file not found")
    if spec.file_format is FileFormat.CSV:
        return _read_csv(spec, path)
    if spec.file_format is FileFormat.XLSX:
        return _read_xlsx(spec, path)
    return _read_spatial(spec, path)


def _decode(spec: DepartmentSpec, path: Path) -> str:
    data = path.read_bytes()
    if not _is_utf8(spec.encoding) and not data.isascii() and _decodes(data, "utf-8"):
        raise BadDepartmentFile(str(path), f"is UTF-8 text, but the spec says {spec.encoding}", row=1)
    try:
        text = data.decode(spec.encoding)
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        raise BadDepartmentFile(
            str(path), f"not valid {spec.encoding} (byte {exc.start}): wrong encoding?", row=row
        ) from None
    return text.removeprefix("\ufeff")


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig")


def _decodes(data: bytes, encoding: str) -> bool:
    """Whether ``data`` is valid ``encoding`` (Chinese text in GBK practically never is
    valid UTF-8, so a file that is must be UTF-8)."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _column_indexes(header: Sequence[str], spec: DepartmentSpec, file: str) -> dict[str, int]:
    """Where each spec column sits in the header; missing ones stop the load."""
    names = [str(name).strip() if name is not None else "" for name in header]
    missing = [column for column in spec.columns if column not in names]
    if missing:
        raise BadDepartmentFile(
            file, f"missing column(s) {', '.join(missing)}; the file has: {', '.join(names)}", row=1
        )
    return {column: names.index(column) for column in spec.columns}


def _collect(
    rows: Iterable[Sequence[Any]], indexes: dict[str, int], width: int, file: str
) -> dict[str, list[str]]:
    """The spec's columns of ``rows`` (numbered from 2), every value as stripped text.

    Every row must have the header's ``width`` fields: one more or less means a stray
    separator, which would shift the columns.
    """
    columns: dict[str, list[str]] = {name: [] for name in indexes}
    pairs = [(columns[name], index) for name, index in indexes.items()]
    for number, row in enumerate(rows, start=2):
        if len(row) != width:
            if not any(_text(v) for v in row):
                raise BadDepartmentFile(file, "empty row inside the data", row=number)
            raise BadDepartmentFile(file, f"has {len(row)} fields, the header has {width}", row=number)
        for values, index in pairs:
            values.append(_text(row[index]))
    return columns


def _text(value: Any) -> str:
    """A cell as text: None is empty, a whole float (Excel's ids) loses its ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_records(spec: DepartmentSpec, path: Path) -> list[list[str]]:
    """The file's records, header first; a broken CSV stops at the line where it broke."""
    allow_large_cells()
    reader = csv.reader(io.StringIO(_decode(spec, path), newline=""), delimiter=spec.delimiter)
    try:
        return list(reader)
    except csv.Error as exc:
        raise BadDepartmentFile(str(path), f"broken CSV: {exc}", row=reader.line_num) from None


def _read_csv(spec: DepartmentSpec, path: Path) -> SourceTable:
    records = _csv_records(spec, path)
    if not records:
        raise BadDepartmentFile(str(path), "the file is empty (no header row)")
    header = records[0]
    indexes = _column_indexes(header, spec, str(path))
    rows = _without_trailing_blank(records[1:])
    width, key = len(header), indexes[spec.record_id]
    if any(len(row) != width or not row[key].strip() for row in rows):  # name the first bad row
        _collect(([""] if _blank(row) else row for row in rows), indexes, width, str(path))
    columns = {name: [row[index].strip() for row in rows] for name, index in indexes.items()}
    return SourceTable(str(path), columns, 2)


def _blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


def _without_trailing_blank(rows: list[list[str]]) -> list[list[str]]:
    """``rows`` less the blank lines at the very end of the file (as editors write them).

    Blank lines inside the data stay, to be reported.
    """
    end = len(rows)
    while end and _blank(rows[end - 1]):
        end -= 1
    del rows[end:]
    return rows


def _read_xlsx(spec: DepartmentSpec, path: Path) -> SourceTable:
    from openpyxl import load_workbook  # imported here: only xlsx loads need it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and its own errors for bad files
        raise BadDepartmentFile(str(path), f"cannot read as xlsx: {exc}") from None
    try:
        if spec.sheet is not None and spec.sheet not in book.sheetnames:
            sheets = ", ".join(book.sheetnames)
            raise BadDepartmentFile(str(path), f"no sheet {spec.sheet!r}; sheets: {sheets}")
        sheet = book[spec.sheet] if spec.sheet is not None else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise BadDepartmentFile(str(path), "the sheet is empty (no header row)")
        indexes = _column_indexes(header, spec, str(path))
        body = (row for row in rows if any(cell is not None for cell in row))
        return SourceTable(str(path), _collect(body, indexes, len(header), str(path)), 2)
    finally:
        book.close()


def _read_spatial(spec: DepartmentSpec, path: Path) -> SourceTable:
    import pyogrio  # imported here: only spatial loads need GDAL

    encoding = spec.encoding if spec.file_format is FileFormat.SHAPEFILE else None
    try:
        frame = pyogrio.read_dataframe(path, layer=spec.layer, encoding=encoding)
    except Exception as exc:  # pyogrio raises GDAL's errors for unreadable files
        raise BadDepartmentFile(str(path), f"cannot read as {spec.file_format.value}: {exc}") from None
    _check_declared_crs(frame.crs, spec, str(path))
    indexes = _column_indexes(list(frame.columns), spec, str(path))
    columns = {
        name: [_text(v) for v in frame[name].astype(object).where(frame[name].notna(), None)]
        for name in indexes
    }
    x, y = _points(frame.geometry.values)
    return SourceTable(str(path), columns, 1, x, y)


def _check_declared_crs(crs: Any, spec: DepartmentSpec, file: str) -> None:
    assert spec.coordinates is not None  # spatial specs always name their CRS
    epsg = crs.to_epsg() if crs is not None else None
    if epsg is not None and epsg not in DECLARED_EPSG[spec.coordinates.crs]:
        raise BadDepartmentFile(file, f"the file declares EPSG:{epsg}, the spec says {spec.coordinates.crs}")


def _points(geometries: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Each feature's point: the point itself, else a point inside the shape; NaN if none."""
    import shapely

    geometries = np.asarray(geometries, dtype=object)
    missing = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    kinds = shapely.get_type_id(geometries)
    points = np.where((kinds == 0) | missing, geometries, shapely.point_on_surface(geometries))
    x = np.where(missing, np.nan, shapely.get_x(np.where(missing, shapely.Point(0, 0), points)))
    y = np.where(missing, np.nan, shapely.get_y(np.where(missing, shapely.Point(0, 0), points)))
    return x.astype(np.float64), y.astype(np.float64)
