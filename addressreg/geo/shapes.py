"""Moving shapely geometries between coordinate systems.

``transform_geometry`` applies any vectorised (lon, lat) conversion of
:mod:`addressreg.geo.chinese_crs` to every vertex of a geometry; ``wgs84_to_cgcs2000``
does the datum step through pyproj (EPSG:4326 → EPSG:4490). Results are rounded to
``decimals`` places when asked, so derived files stay byte-stable.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

PointConversion = Callable[[ArrayLike, ArrayLike], tuple[NDArray[np.float64], NDArray[np.float64]]]


def transform_geometry(
    geometry: BaseGeometry, convert: PointConversion, decimals: int | None = None
) -> BaseGeometry:
    """Apply ``convert`` to every vertex of ``geometry`` (structure kept, holes too)."""

    def move(coords: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = convert(coords[:, 0], coords[:, 1])
        out = np.column_stack([x, y])
        return np.round(out, decimals) if decimals is not None else out

    result: BaseGeometry = shapely.transform(geometry, move)
    return result


def _wgs84_to_cgcs2000_array(
    lon: ArrayLike, lat: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    transformer = Transformer.from_crs("EPSG:4326", "EPSG:4490", always_xy=True)
    x, y = transformer.transform(np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64))
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def wgs84_to_cgcs2000(geometry: BaseGeometry, decimals: int | None = None) -> BaseGeometry:
    """WGS84 (EPSG:4326) → CGCS2000 (EPSG:4490) through pyproj.

    pyproj has no published transformation between the two datums and applies the
    ballpark (null) one: coordinates are unchanged to well under a metre, which is the
    accepted practice for registry data.
    """
    return transform_geometry(geometry, _wgs84_to_cgcs2000_array, decimals)
