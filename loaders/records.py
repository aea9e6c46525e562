"""From a read table to the department's source records: id, address text, point, hash.

The address text is composed as the spec says (one column, or parts joined with their
markers), then cleaned by the spec's steps in order. Points are converted to EPSG:4490 and
must fall inside the region. Each record gets a content hash of what is stored about it,
so that a reload can tell unchanged records from changed ones without resolving them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from hashlib import blake2b

import numpy as np
from numpy.typing import NDArray

from loaders.coordinates import to_cgcs2000
from loaders.errors import BadDepartmentFile
from loaders.spec import CleaningKind, CleaningStep, DepartmentSpec, Region
from loaders.tables import SourceTable

Cleaner = Callable[[str], str]
Floats = NDArray[np.float64]


@dataclass(frozen=True)
class SourceRecords:
    """A department file's records, column by column (one entry per record, file order).

    ``lon``/``lat`` are EPSG:4490 (NaN: the record has no point); ``rows`` are the rows as
    the file shows them; ``hashes`` fingerprint (text, point) of each record.
    """

    department: str
    file: str
    record_ids: list[str]
    texts: list[str]
    lon: NDArray[np.float64]
    lat: NDArray[np.float64]
    rows: list[int]
    hashes: list[str]

    def __len__(self) -> int:
        return len(self.record_ids)


def _step(step: CleaningStep) -> Cleaner:
    """One cleaning step as a function of the text."""
    if step.kind is CleaningKind.REPLACE:
        return lambda text: text.replace(step.pattern, step.replacement)
    if step.kind is CleaningKind.REMOVE_PATTERN:
        pattern = re.compile(step.pattern)
        return lambda text: pattern.sub("", text)
    return lambda text: text if text.startswith(step.pattern) else step.pattern + text


def cleaner(steps: Sequence[CleaningStep]) -> Cleaner:
    """One function running ``steps`` in order on trimmed text, then trimming the result."""
    compiled = [_step(step) for step in steps]

    def clean(text: str) -> str:
        text = text.strip()
        for run in compiled:
            text = run(text) if text else text
        return text.strip()

    return clean


def compose_texts(spec: DepartmentSpec, table: SourceTable) -> list[str]:
    """The address text of every record: its column, or its parts with their markers."""
    clean = cleaner(spec.cleaning)
    if spec.address_column is not None:
        return [clean(value) for value in table.columns[spec.address_column]]
    parts = [(table.columns[p.column], p.suffix) for p in spec.parts]
    texts = []
    for i in range(len(table)):
        written = []
        for values, suffix in parts:
            value = values[i]
            if value:
                written.append(value if value.endswith(suffix) else value + suffix)
        texts.append(clean(spec.separator.join(written)))
    return texts


def record_ids(spec: DepartmentSpec, table: SourceTable) -> list[str]:
    """The record ids, checked: none empty, none repeated (naming both rows)."""
    ids = table.columns[spec.record_id]
    first_seen: dict[str, int] = {}
    for i, record_id in enumerate(ids):
        row = table.first_row + i
        if not record_id:
            raise BadDepartmentFile(table.file, "empty record id", row=row, column=spec.record_id)
        if (earlier := first_seen.setdefault(record_id, row)) != row:
            raise BadDepartmentFile(
                table.file,
                f"record id {record_id!r} repeats the one of row {earlier}",
                row=row,
                column=spec.record_id,
            )
    return ids


def _number(value: str, table: SourceTable, row: int, column: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise BadDepartmentFile(table.file, f"unreadable coordinate {value!r}", row=row, column=column)
    return number


def _parsed(values: list[str]) -> Floats | None:
    """``values`` as floats in one pass (empty: NaN); None when one cannot be parsed so."""
    try:
        return np.array([v or "nan" for v in values], dtype=np.float64)
    except ValueError:
        return None


def source_points(spec: DepartmentSpec, table: SourceTable) -> tuple[Floats, Floats]:
    """Each record's point in the spec's CRS (NaN when the record has none).

    Parsed column-wise; when a value is missing or unreadable, the rows are gone through
    one by one to name the first bad one.
    """
    if spec.coordinates is None:
        return np.full(len(table), np.nan), np.full(len(table), np.nan)
    if table.geometry_x is not None and table.geometry_y is not None:
        return table.geometry_x, table.geometry_y
    xc, yc = spec.coordinates.x, spec.coordinates.y
    assert xc is not None and yc is not None  # checked when the spec was loaded
    x, y = _parsed(table.columns[xc]), _parsed(table.columns[yc])
    if x is not None and y is not None:
        given_x = np.array([bool(v) for v in table.columns[xc]], dtype=bool)
        given_y = np.array([bool(v) for v in table.columns[yc]], dtype=bool)
        if not ((given_x != given_y) | (given_x & ~np.isfinite(x)) | (given_y & ~np.isfinite(y))).any():
            return x, y
    return _points_row_by_row(table, xc, yc)


def _points_row_by_row(table: SourceTable, xc: str, yc: str) -> tuple[Floats, Floats]:
    xs, ys = np.full(len(table), np.nan), np.full(len(table), np.nan)
    for i, (x, y) in enumerate(zip(table.columns[xc], table.columns[yc], strict=True)):
        if not x and not y:
            continue
        row = table.first_row + i
        if not x or not y:
            raise BadDepartmentFile(
                table.file, "only one of the two coordinates is given", row=row, column=xc if not x else yc
            )
        xs[i], ys[i] = _number(x, table, row, xc), _number(y, table, row, yc)
    return xs, ys


def check_region(
    spec: DepartmentSpec,
    table: SourceTable,
    lon: NDArray[np.float64],
    lat: NDArray[np.float64],
    region: Region,
) -> None:
    """Stop at the first converted point outside the region (a wrong CRS or swapped columns)."""
    with np.errstate(invalid="ignore"):
        outside = ~np.isnan(lon) & ~(
            (lon >= region.lon[0]) & (lon <= region.lon[1]) & (lat >= region.lat[0]) & (lat <= region.lat[1])
        )
    if outside.any():
        i = int(np.argmax(outside))
        assert spec.coordinates is not None
        columns = f"{spec.coordinates.x},{spec.coordinates.y}" if spec.coordinates.x else "geometry"
        raise BadDepartmentFile(
            table.file,
            f"point ({lon[i]:.6f}, {lat[i]:.6f}) in EPSG:4490 lies outside the region "
            f"(lon {region.lon}, lat {region.lat}): is the file really {spec.coordinates.crs}?",
            row=table.first_row + i,
            column=columns,
        )


def _hash(text: str, lon: float, lat: float) -> str:
    point = "" if math.isnan(lon) else f"{lon:.7f},{lat:.7f}"
    return blake2b(f"{text}\x1f{point}".encode(), digest_size=8).hexdigest()


def source_records(
    spec: DepartmentSpec, table: SourceTable, region: Region, mark: Callable[[str], None] | None = None
) -> SourceRecords:
    """Every record of ``table``, checked and converted.

    ``mark``, when given, is called with ``compose`` once the ids and texts are done and
    with ``convert`` once the points and hashes are (for timing the phases).

    Raises:
        BadDepartmentFile: an empty or repeated record id, an unreadable coordinate, a
            point outside the region; naming the row and column.
    """
    ids = record_ids(spec, table)
    texts = compose_texts(spec, table)
    if mark is not None:
        mark("compose")
    x, y = source_points(spec, table)
    lon, lat = to_cgcs2000(spec.coordinates.crs, x, y) if spec.coordinates else (x, y)
    if spec.coordinates is not None:
        check_region(spec, table, lon, lat, region)
    hashes = [_hash(t, a, b) for t, a, b in zip(texts, lon.tolist(), lat.tolist(), strict=True)]
    rows = list(range(table.first_row, table.first_row + len(table)))
    if mark is not None:
        mark("convert")
    return SourceRecords(spec.code, table.file, ids, texts, lon, lat, rows, hashes)
