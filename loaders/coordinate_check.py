"""Does a department's point agree with the place its record resolved to?

A point agrees when it lies inside the place's geometry (a building's footprint, a unit's
polygon) — ``inside`` — or within the spec's tolerance of it — ``near``; otherwise it
disagrees — ``far`` — and the record is flagged, its address not learned. Distances are
measured in EPSG:4547 metres. A record without a point, or whose code names no place with
a geometry (door plate or complex level, category U), is not checked (status None).
"""

from __future__ import annotations

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


def _metres(geometry: BaseGeometry) -> BaseGeometry:
    def move(coords: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = to_metres(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    moved: BaseGeometry = shapely.transform(geometry, move)
    return moved


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
    keys = [place_code(code) for code in codes]
    known = sorted({k for k in keys if k is not None and k in places})
    slot = {key: i for i, key in enumerate(known)}
    geometries = np.array([_metres(places[key]) for key in known] + [None], dtype=object)
    index = np.array([slot.get(k, len(known)) if k is not None else len(known) for k in keys], dtype=np.int64)
    x, y = to_metres(lon, lat)
    checked = (index < len(known)) & ~np.isnan(x)
    distances = np.full(len(keys), np.nan)
    if checked.any():
        points = shapely.points(x[checked], y[checked])
        distances[checked] = shapely.distance(points, geometries[index[checked]])
    statuses: list[str | None] = [None] * len(keys)
    for i in np.flatnonzero(checked).tolist():
        d = distances[i]
        statuses[i] = INSIDE if d == 0 else NEAR if d <= tolerance_m else FAR
    return CoordinateChecks(statuses, distances)
