"""Department coordinates to EPSG:4490, and back (for writing sample files).

WGS84 and CGCS2000 pass through unchanged (they differ by well under a metre, see
:class:`~loaders.spec.SourceCrs`); EPSG:4547 goes through pyproj exactly; GCJ-02 and
BD-09 through the iterative inverses of :mod:`addressreg.geo` (error far below 0.5 m).
Arrays in, arrays out; NaN stays NaN.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import NDArray
from pyproj import Transformer

from addressreg.geo import (
    bd09_to_wgs84_array,
    gcj02_to_wgs84_array,
    wgs84_to_bd09_array,
    wgs84_to_gcj02_array,
)
from loaders.spec import SourceCrs

Floats = NDArray[np.float64]
PROJECTED_EPSG = 4547  # CGCS2000 / 3-degree Gauss-Kruger CM 114E, metres


@cache
def _transformer(source: int, target: int) -> Transformer:
    return Transformer.from_crs(f"EPSG:{source}", f"EPSG:{target}", always_xy=True)


def _project(source: int, target: int, x: Floats, y: Floats) -> tuple[Floats, Floats]:
    """Transform the known points (pyproj would turn NaN into infinity); NaN stays NaN."""
    known = ~(np.isnan(x) | np.isnan(y))
    tx, ty = np.full_like(x, np.nan), np.full_like(y, np.nan)
    if known.any():
        tx[known], ty[known] = _transformer(source, target).transform(x[known], y[known])
    return tx, ty


def to_cgcs2000(crs: SourceCrs, x: Floats, y: Floats) -> tuple[Floats, Floats]:
    """Longitude/latitude in EPSG:4490 of points given in ``crs`` (NaN stays NaN)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if crs in (SourceCrs.WGS84, SourceCrs.CGCS2000):
        return x.copy(), y.copy()
    if crs is SourceCrs.EPSG4547:
        return _project(PROJECTED_EPSG, 4490, x, y)
    convert = gcj02_to_wgs84_array if crs is SourceCrs.GCJ02 else bd09_to_wgs84_array
    known = ~(np.isnan(x) | np.isnan(y))
    lon, lat = np.full_like(x, np.nan), np.full_like(y, np.nan)
    lon[known], lat[known] = convert(x[known], y[known])
    return lon, lat


def from_cgcs2000(crs: SourceCrs, lon: Floats, lat: Floats) -> tuple[Floats, Floats]:
    """Points in ``crs`` of EPSG:4490 longitude/latitude (the inverse of :func:`to_cgcs2000`)."""
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    if crs in (SourceCrs.WGS84, SourceCrs.CGCS2000):
        return lon.copy(), lat.copy()
    if crs is SourceCrs.EPSG4547:
        return _project(4490, PROJECTED_EPSG, lon, lat)
    convert = wgs84_to_gcj02_array if crs is SourceCrs.GCJ02 else wgs84_to_bd09_array
    return convert(lon, lat)


def to_metres(lon: Floats, lat: Floats) -> tuple[Floats, Floats]:
    """EPSG:4490 longitude/latitude → EPSG:4547 metres, for distances."""
    return _project(4490, PROJECTED_EPSG, np.asarray(lon, np.float64), np.asarray(lat, np.float64))


def from_metres(x: Floats, y: Floats) -> tuple[Floats, Floats]:
    """EPSG:4547 metres → EPSG:4490 longitude/latitude."""
    return _project(PROJECTED_EPSG, 4490, np.asarray(x, np.float64), np.asarray(y, np.float64))
