"""A department's file, described as data: what :mod:`loaders.spec_loading` reads from YAML.

One :class:`DepartmentSpec` per department (``loaders/specs/<code>.yaml``). It says how the
department's file is stored (format, encoding, sheet or layer), which column holds the
record id, how the address text is composed (one column, or parts such as 区 / 街道 / 路 /
号 / 楼栋 / 房号 joined in order), which cleaning steps run on the text, where the
coordinates are and in which coordinate system, and how sample files of the department
are written (:class:`SampleStyle`). Adding a department means adding a spec file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class FileFormat(StrEnum):
    """The file formats departments deliver."""

    CSV = "csv"
    XLSX = "xlsx"
    GEOJSON = "geojson"
    SHAPEFILE = "shapefile"
    GEOPACKAGE = "gpkg"

    @property
    def spatial(self) -> bool:
        """True for formats whose records carry a geometry (read through pyogrio)."""
        return self in (FileFormat.GEOJSON, FileFormat.SHAPEFILE, FileFormat.GEOPACKAGE)


class SourceCrs(StrEnum):
    """The coordinate systems departments deliver; all are converted to EPSG:4490.

    WGS84 (EPSG:4326) is taken as CGCS2000 (EPSG:4490): the two differ by well under a
    metre, far below the registry's accuracy. EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger
    CM 114E, metres) is converted exactly by pyproj; GCJ-02 and BD-09 by the iterative
    inverses of :mod:`addressreg.geo` (error far below 0.5 m).
    """

    WGS84 = "wgs84"
    CGCS2000 = "cgcs2000"
    EPSG4547 = "epsg4547"
    GCJ02 = "gcj02"
    BD09 = "bd09"


class CleaningKind(StrEnum):
    """The department-specific cleaning steps a spec may list, run in order on the text."""

    REPLACE = "replace"  # literal text → replacement
    REMOVE_PATTERN = "remove_pattern"  # delete every match of a regular expression
    PREPEND_IF_MISSING = "prepend_if_missing"  # write a prefix (深圳市) unless the text starts with it


@dataclass(frozen=True, slots=True)
class CleaningStep:
    """One cleaning step: its kind, its pattern (literal, regex or prefix) and replacement."""

    kind: CleaningKind
    pattern: str
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class AddressPart:
    """One column of a split address: its column, the element it holds, the marker it omits.

    ``suffix`` (号, 栋, 单元, 室 …) is appended when the value does not already end with it;
    ``element`` names the standard element the column holds (the sample generator fills it).
    """

    column: str
    element: str
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class CoordinateSpec:
    """Where a record's point is and in which CRS.

    ``x`` and ``y`` are the columns of longitude/easting and latitude/northing; both are
    None for spatial formats, whose point is the feature's geometry. ``tolerance_m`` is how
    far from the footprint of the place the record resolved to a point may lie before the
    record is flagged.
    """

    crs: SourceCrs
    x: str | None
    y: str | None
    tolerance_m: float


@dataclass(frozen=True, slots=True)
class SampleStyle:
    """How sample files of the department are written (``generate department-files``).

    ``noise`` pairs noise steps of ``standards/<version>/noise.yaml`` with the chance each
    is tried; ``id_format`` formats the record number (``GA{n:08d}``); ``coordinate_share``
    is the share of records that carry a point, ``off_share`` the share of those whose
    point is deliberately moved ``off_distance_m`` away (marked in a truth column).
    ``substitutions`` are the characters the department's system writes instead of ones
    its encoding lacks (a GBK system stores ``•`` as ``·``), applied to address values.
    """

    noise: tuple[tuple[str, float], ...]
    id_format: str
    coordinate_share: float
    off_share: float
    off_distance_m: float
    substitutions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class DepartmentSpec:
    """Everything the loader needs to read one department's file.

    Exactly one of ``address_column`` and ``parts`` is given. ``encoding`` applies to CSV
    files and to Shapefile attribute tables; ``delimiter`` to CSV; ``sheet`` to xlsx (None:
    the first sheet); ``layer`` to GeoPackage (None: the first layer). ``source`` is the
    spec file, named in errors.
    """

    code: str
    name: str
    file_format: FileFormat
    encoding: str
    delimiter: str
    sheet: str | None
    layer: str | None
    record_id: str
    address_column: str | None
    parts: tuple[AddressPart, ...]
    separator: str
    cleaning: tuple[CleaningStep, ...]
    coordinates: CoordinateSpec | None
    sample: SampleStyle
    source: Path

    @property
    def columns(self) -> tuple[str, ...]:
        """The attribute columns the file must have (geometry not included), in spec order."""
        names = [self.record_id]
        names += [self.address_column] if self.address_column else [p.column for p in self.parts]
        if self.coordinates is not None and self.coordinates.x and self.coordinates.y:
            names += [self.coordinates.x, self.coordinates.y]
        return tuple(dict.fromkeys(names))


@dataclass(frozen=True, slots=True)
class Region:
    """Where the registry's points may lie, and how far apart departments may put one place.

    ``lon`` and ``lat`` bound every converted point (a point outside is a CRS or column
    mistake, and stops the load); ``conflict_distance_m`` is the distance beyond which two
    departments' points for the same building are reported by ``addressreg conflicts``.
    """

    lon: tuple[float, float]
    lat: tuple[float, float]
    conflict_distance_m: float
