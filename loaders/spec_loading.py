"""Reading department specs (``loaders/specs/<code>.yaml``) and the region file, checked.

Every error is an :class:`~loaders.errors.InvalidSpec` naming the spec file and the key.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import yaml

from addressreg.records import STEP_NAMES
from loaders.errors import InvalidSpec
from loaders.spec import (
    AddressPart,
    CleaningKind,
    CleaningStep,
    CoordinateSpec,
    DepartmentSpec,
    FileFormat,
    Region,
    SampleStyle,
    SourceCrs,
)

SPECS_DIR = Path(__file__).resolve().parent / "specs"
REGION_FILE = Path(__file__).resolve().parent / "region.yaml"
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
#: The standard elements a split address column may hold (the sample generator fills them).
PART_ELEMENTS = (
    "district",
    "street",
    "community",
    "road",
    "door_number",
    "complex",
    "building",
    "unit",
    "room",
)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidSpec(str(path), "(file)", "file not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InvalidSpec(str(path), "(file)", f"cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidSpec(str(path), "(file)", "top level must be a mapping")
    return data


def _get(
    data: dict[str, Any], key: str, kind: type | tuple[type, ...], path: Path, where: str, default: Any = ...
) -> Any:
    """``data[key]`` checked against ``kind``; ``where`` is the dotted key named in errors."""
    if key not in data or data[key] is None:
        if default is ...:
            raise InvalidSpec(str(path), where, "missing")
        return default
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float, (int, float))):
        raise InvalidSpec(str(path), where, f"has the wrong type ({type(value).__name__})")
    return value


def _choice(value: str, enum: type[FileFormat] | type[SourceCrs], path: Path, where: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        known = ", ".join(member.value for member in enum)
        raise InvalidSpec(str(path), where, f"{value!r} is not one of: {known}") from None


def _fraction(data: dict[str, Any], key: str, path: Path, where: str, default: float) -> float:
    value = float(_get(data, key, (int, float), path, where, default))
    if not 0.0 <= value <= 1.0:
        raise InvalidSpec(str(path), where, f"must lie between 0 and 1, got {value}")
    return value


def load_spec(path: Path) -> DepartmentSpec:
    """Read and check one department spec.

    Raises:
        InvalidSpec: naming the file and the key that is missing or wrong.
    """
    data = _read(path)
    code = _get(data, "code", str, path, "code")
    if not CODE_PATTERN.match(code) or code != path.stem:
        raise InvalidSpec(str(path), "code", f"{code!r} must be lower-case ASCII and equal the file name")
    file = _get(data, "file", dict, path, "file")
    file_format = _choice(_get(file, "format", str, path, "file.format"), FileFormat, path, "file.format")
    encoding = _get(file, "encoding", str, path, "file.encoding", "utf-8")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InvalidSpec(str(path), "file.encoding", f"unknown encoding {encoding!r}") from None
    address = _get(data, "address", dict, path, "address")
    column, parts = _address(address, path)
    return DepartmentSpec(
        code=code,
        name=_get(data, "name", str, path, "name"),
        file_format=file_format,
        encoding=encoding,
        delimiter=_get(file, "delimiter", str, path, "file.delimiter", ","),
        sheet=_get(file, "sheet", str, path, "file.sheet", None),
        layer=_get(file, "layer", str, path, "file.layer", None),
        record_id=_get(data, "record_id", str, path, "record_id"),
        address_column=column,
        parts=parts,
        separator=_get(address, "separator", str, path, "address.separator", ""),
        cleaning=_cleaning(_get(data, "cleaning", list, path, "cleaning", []), path),
        coordinates=_coordinates(data.get("coordinates"), file_format, path),
        sample=_sample(_get(data, "sample", dict, path, "sample"), path),
        source=path,
    )


def _address(address: dict[str, Any], path: Path) -> tuple[str | None, tuple[AddressPart, ...]]:
    column = _get(address, "column", str, path, "address.column", None)
    raw_parts = _get(address, "parts", list, path, "address.parts", [])
    if (column is None) == (not raw_parts):
        raise InvalidSpec(str(path), "address", "give exactly one of `column` and `parts`")
    parts = []
    for i, raw in enumerate(raw_parts):
        where = f"address.parts[{i}]"
        if not isinstance(raw, dict):
            raise InvalidSpec(str(path), where, "must be a mapping")
        element = _get(raw, "element", str, path, f"{where}.element")
        if element not in PART_ELEMENTS:
            raise InvalidSpec(str(path), f"{where}.element", f"{element!r} is not one of {PART_ELEMENTS}")
        parts.append(
            AddressPart(
                _get(raw, "column", str, path, f"{where}.column"),
                element,
                _get(raw, "suffix", str, path, f"{where}.suffix", ""),
            )
        )
    return column, tuple(parts)


def _cleaning(raw: list[Any], path: Path) -> tuple[CleaningStep, ...]:
    steps = []
    for i, entry in enumerate(raw):
        where = f"cleaning[{i}]"
        kinds = [k for k in CleaningKind if isinstance(entry, dict) and k.value in entry]
        if len(kinds) != 1:
            known = ", ".join(k.value for k in CleaningKind)
            raise InvalidSpec(str(path), where, f"must be a mapping with exactly one of: {known}")
        kind = kinds[0]
        pattern = _get(entry, kind.value, str, path, f"{where}.{kind.value}")
        replacement = _get(entry, "with", str, path, f"{where}.with", "")
        if kind is CleaningKind.REMOVE_PATTERN:
            try:
                re.compile(pattern)
            except re.error as exc:
                problem = f"bad regular expression: {exc}"
                raise InvalidSpec(str(path), f"{where}.{kind.value}", problem) from None
        steps.append(CleaningStep(kind, pattern, replacement))
    return tuple(steps)


def _coordinates(raw: Any, file_format: FileFormat, path: Path) -> CoordinateSpec | None:
    if raw is None:
        if file_format.spatial:
            raise InvalidSpec(str(path), "coordinates", "a spatial file needs its CRS under `coordinates`")
        return None
    if not isinstance(raw, dict):
        raise InvalidSpec(str(path), "coordinates", "must be a mapping")
    crs = _choice(_get(raw, "crs", str, path, "coordinates.crs"), SourceCrs, path, "coordinates.crs")
    x = _get(raw, "x", str, path, "coordinates.x", None)
    y = _get(raw, "y", str, path, "coordinates.y", None)
    if file_format.spatial and (x or y):
        raise InvalidSpec(str(path), "coordinates", "a spatial file's point is its geometry: omit x and y")
    if not file_format.spatial and not (x and y):
        raise InvalidSpec(str(path), "coordinates", "name both coordinate columns, x and y")
    tolerance = float(_get(raw, "tolerance_m", (int, float), path, "coordinates.tolerance_m"))
    if tolerance < 0:
        raise InvalidSpec(str(path), "coordinates.tolerance_m", "must not be negative")
    return CoordinateSpec(crs, x, y, tolerance)


def _sample(raw: dict[str, Any], path: Path) -> SampleStyle:
    noise = _get(raw, "noise", dict, path, "sample.noise", {})
    for step in noise:
        if step not in STEP_NAMES:
            raise InvalidSpec(str(path), f"sample.noise.{step}", f"unknown noise step; known: {STEP_NAMES}")
    id_format = _get(raw, "id_format", str, path, "sample.id_format")
    try:
        id_format.format(n=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise InvalidSpec(str(path), "sample.id_format", f"must format {{n}}: {exc}") from None
    substitutions = _get(raw, "substitutions", dict, path, "sample.substitutions", {})
    for old, new in substitutions.items():
        if not isinstance(old, str) or not isinstance(new, str) or not old:
            raise InvalidSpec(str(path), f"sample.substitutions.{old}", "must map text to text")
    return SampleStyle(
        substitutions=tuple(substitutions.items()),
        noise=tuple((step, _fraction(noise, step, path, f"sample.noise.{step}", 0.0)) for step in noise),
        id_format=id_format,
        coordinate_share=_fraction(raw, "coordinate_share", path, "sample.coordinate_share", 0.0),
        off_share=_fraction(raw, "off_share", path, "sample.off_share", 0.0),
        off_distance_m=float(_get(raw, "off_distance_m", (int, float), path, "sample.off_distance_m", 500)),
    )


def load_specs(directory: Path = SPECS_DIR) -> dict[str, DepartmentSpec]:
    """Every spec of ``directory`` (``*.yaml``), by department code, in file-name order."""
    specs = {}
    for path in sorted(directory.glob("*.yaml")):
        spec = load_spec(path)
        specs[spec.code] = spec
    return specs


def spec_for(code: str, directory: Path = SPECS_DIR) -> DepartmentSpec:
    """The spec of department ``code``, or InvalidSpec listing the known codes."""
    path = directory / f"{code}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in directory.glob("*.yaml")))
        raise InvalidSpec(str(path), "(file)", f"no spec for department {code!r}; known: {known}")
    return load_spec(path)


def load_region(path: Path = REGION_FILE) -> Region:
    """Read the region file: the point bounds and the conflict distance."""
    data = _read(path)
    bounds = []
    for key in ("lon", "lat"):
        pair = _get(data, key, list, path, key)
        if len(pair) != 2 or not all(isinstance(v, int | float) for v in pair) or pair[0] >= pair[1]:
            raise InvalidSpec(str(path), key, "must be [low, high] numbers with low < high")
        bounds.append((float(pair[0]), float(pair[1])))
    distance = float(_get(data, "conflict_distance_m", (int, float), path, "conflict_distance_m"))
    return Region(bounds[0], bounds[1], distance)
