"""Does a department's point agree with the place its record resolved to?

A point agrees when it lies inside the place's geometry (a building's footprint, a unit's
polygon) — ``inside`` — or within the spec's tolerance of it — ``near``; otherwise it
disagrees — ``far`` — and the record is flagged, its address not learned. Distances are
measured in EPSG:4547 metres. A record without a point, or whose code names no place with
a geometry (door plate or complex level, category U), is not checked (status None).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from loaders.coordinates import to_metres

INSIDE, NEAR, FAR = "inside", "near", "far"
BUILDING_CODE_LENGTH = 19  # a room code's first 19 digits are its building's code
UNIT_CODE_LENGTHS = (6, 9, 12, 14)


@dataclass(frozen=True)
class CoordinateChecks:
    """Per record: the status (None: not checked) and the distance in metres (NaN: none)."""

    statuses: list[str | None]
    distances: NDArray[np.float64]


def place_code(code: str | None) -> str | None:
    """The code whose geometry a record's point is checked against, if any."""
    if code is None:
        return None
    if len(code) >= BUILDING_CODE_LENGTH:
        return code[:BUILDING_CODE_LENGTH]
    return code if len(code) in UNIT_CODE_LENGTHS else None


def _to_metres(coords: NDArray[np.float64]) -> NDArray[np.float64]:
    x, y = to_metres(coords[:, 0], coords[:, 1])
    return np.column_stack([x, y])


def places_in_metres(places: Mapping[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """``places`` (EPSG:4490) in EPSG:4547 metres, all coordinates transformed in one call."""
    keys = list(places)
    if not keys:
        return {}
    moved = shapely.transform(np.array([places[k] for k in keys], dtype=object), _to_metres)
    return dict(zip(keys, moved.tolist(), strict=True))


def check_points(
    lon: NDArray[np.float64],
    lat: NDArray[np.float64],
    codes: Sequence[str | None],
    places: Mapping[str, BaseGeometry],
    tolerance_m: float,
) -> CoordinateChecks:
    """Check each record's point (EPSG:4490) against the place of its code.

    Args:
        lon, lat: the records' points; NaN where a record has none.
        codes: the codes the records resolved to (None: unresolved).
        places: geometry (EPSG:4490) by place code, see :func:`place_code`.
        tolerance_m: how far outside the place a point may lie and still agree.
    """
    keys = {place_code(code) for code, x in zip(codes, lon.tolist(), strict=True) if not math.isnan(x)}
    wanted = {key: places[key] for key in keys if key is not None and key in places}
    return check_points_in_metres(lon, lat, codes, places_in_metres(wanted), tolerance_m)


def check_points_in_metres(
    lon: NDArray[np.float64],
    lat: NDArray[np.float64],
    codes: Sequence[str | None],
    places: Mapping[str, BaseGeometry],
    tolerance_m: float,
) -> CoordinateChecks:
    """:func:`check_points` with ``places`` already in EPSG:4547 (:func:`places_in_metres`)."""
    n = len(codes)
    known = ~np.isnan(lon)
    keys = [place_code(code) if ok else None for code, ok in zip(codes, known.tolist(), strict=True)]
    geometries = np.array([places.get(k) if k is not None else None for k in keys], dtype=object)
    checked = known & ~shapely.is_missing(geometries)
    distances = np.full(n, np.nan)
    if checked.any():
        x, y = to_metres(lon[checked], lat[checked])
        distances[checked] = shapely.distance(shapely.points(x, y), geometries[checked])
    statuses: list[str | None] = [None] * n
    for i in np.flatnonzero(checked).tolist():
        d = distances[i]
        statuses[i] = INSIDE if d == 0 else NEAR if d <= tolerance_m else FAR
    return CoordinateChecks(statuses, distances)
