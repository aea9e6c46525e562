"""The Chinese map-provider coordinate systems GCJ-02 and BD-09, to and from WGS84.

GCJ-02 (Amap, Tencent, DataV) is WGS84 passed through a published, deliberately
non-linear offset; BD-09 (Baidu and the housing portals) is GCJ-02 passed through a
second offset. Both forward formulas are public; their inverses have no closed form,
so they are solved by fixed-point iteration until the forward image of the answer is
within ``TOLERANCE_DEG`` of the input (well under 1e-7 degrees, about 1 cm).

Every function works on scalars and on numpy arrays of the same shape (``*_array``
variants return float64 arrays). Points outside China's bounding box are not offset
by GCJ-02 (the providers leave them as WGS84), so they pass through ``wgs84_to_gcj02``
and ``gcj02_to_wgs84`` unchanged. WGS84 and CGCS2000 (EPSG:4490) differ by far less
than the accuracy of these formulas; treat their outputs as either.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
_Forward = Callable[[ArrayLike, ArrayLike], tuple[FloatArray, FloatArray]]

# Krasovsky 1940 ellipsoid, as the GCJ-02 formula uses it.
_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323
# BD-09's angular scale and its constant shift from GCJ-02.
_BD_X_PI = math.pi * 3000.0 / 180.0
_BD_SHIFT_LON = 0.0065
_BD_SHIFT_LAT = 0.006
# China's bounding box as the GCJ-02 implementations test it.
_CHINA_LON = (72.004, 137.8347)
_CHINA_LAT = (0.8293, 55.8271)

TOLERANCE_DEG = 1e-10
MAX_ITERATIONS = 30


def _as_arrays(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    x = np.asarray(lon, dtype=np.float64)
    y = np.asarray(lat, dtype=np.float64)
    return np.broadcast_arrays(x, y)  # type: ignore[return-value]


def in_china(lon: ArrayLike, lat: ArrayLike) -> NDArray[np.bool_]:
    """True where a point lies in the box in which GCJ-02 applies its offset."""
    x, y = _as_arrays(lon, lat)
    return (x >= _CHINA_LON[0]) & (x <= _CHINA_LON[1]) & (y >= _CHINA_LAT[0]) & (y <= _CHINA_LAT[1])


def _offset_lat(x: FloatArray, y: FloatArray) -> FloatArray:
    """The latitude term of the GCJ-02 offset, in metres-like units, at (x, y) from (105, 35)."""
    out = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    out += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    out += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    out += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return out


def _offset_lon(x: FloatArray, y: FloatArray) -> FloatArray:
    """The longitude term of the GCJ-02 offset at (x, y) from (105, 35)."""
    out = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    out += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    out += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    out += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return out


def _gcj_delta(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The GCJ-02 offset in degrees at WGS84 (lon, lat); zero outside China."""
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    rad = np.radians(lat)
    magic = 1.0 - _KRASOVSKY_EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_KRASOVSKY_A * (1.0 - _KRASOVSKY_EE)) / (magic * sqrt_magic) * np.pi)
    dlon = (dlon * 180.0) / (_KRASOVSKY_A / sqrt_magic * np.cos(rad) * np.pi)
    inside = in_china(lon, lat)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02_array(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """WGS84 → GCJ-02 (the published forward formula)."""
    x, y = _as_arrays(lon, lat)
    dlon, dlat = _gcj_delta(x, y)
    return x + dlon, y + dlat


def _invert(
    forward: _Forward, target_x: FloatArray, target_y: FloatArray, guess: tuple[FloatArray, FloatArray]
) -> tuple[FloatArray, FloatArray]:
    """Solve ``forward(x, y) == target`` by fixed-point steps ``p += target - forward(p)``.

    The offsets vary slowly (their derivatives are far below 1), so each step shrinks the
    error by orders of magnitude; a handful of steps reach ``TOLERANCE_DEG``.
    """
    x, y = guess
    for _ in range(MAX_ITERATIONS):
        fx, fy = forward(x, y)
        ex, ey = target_x - fx, target_y - fy
        x, y = x + ex, y + ey
        if (
            float(np.max(np.abs(ex), initial=0.0)) < TOLERANCE_DEG
            and float(np.max(np.abs(ey), initial=0.0)) < TOLERANCE_DEG
        ):
            break
    return x, y


def gcj02_to_wgs84_array(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """GCJ-02 → WGS84 by iterating the forward formula (error far below 1e-7°)."""
    x, y = _as_arrays(lon, lat)
    return _invert(wgs84_to_gcj02_array, x, y, (x.copy(), y.copy()))


def gcj02_to_bd09_array(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """GCJ-02 → BD-09 (the published forward formula)."""
    x, y = _as_arrays(lon, lat)
    z = np.hypot(x, y) + 0.00002 * np.sin(y * _BD_X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _BD_X_PI)
    return z * np.cos(theta) + _BD_SHIFT_LON, z * np.sin(theta) + _BD_SHIFT_LAT


def bd09_to_gcj02_array(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """BD-09 → GCJ-02: the usual approximate inverse, refined by iteration to exactness."""
    x, y = _as_arrays(lon, lat)
    bx, by = x - _BD_SHIFT_LON, y - _BD_SHIFT_LAT
    z = np.hypot(bx, by) - 0.00002 * np.sin(by * _BD_X_PI)
    theta = np.arctan2(by, bx) - 0.000003 * np.cos(bx * _BD_X_PI)
    guess = (z * np.cos(theta), z * np.sin(theta))
    return _invert(gcj02_to_bd09_array, x, y, guess)


def bd09_to_wgs84_array(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """BD-09 → WGS84 (through GCJ-02)."""
    return gcj02_to_wgs84_array(*bd09_to_gcj02_array(lon, lat))


def wgs84_to_bd09_array(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """WGS84 → BD-09 (through GCJ-02)."""
    return gcj02_to_bd09_array(*wgs84_to_gcj02_array(lon, lat))


def _scalar(convert: _Forward, lon: float, lat: float) -> tuple[float, float]:
    x, y = convert(lon, lat)
    return float(x), float(y)


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """WGS84 → GCJ-02 for one point; outside China the point is returned unchanged."""
    return _scalar(wgs84_to_gcj02_array, lon, lat)


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 → WGS84 for one point (iterative inverse, error < 1e-7°)."""
    return _scalar(gcj02_to_wgs84_array, lon, lat)


def gcj02_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 → BD-09 for one point."""
    return _scalar(gcj02_to_bd09_array, lon, lat)


def bd09_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """BD-09 → GCJ-02 for one point (exact inverse by iteration)."""
    return _scalar(bd09_to_gcj02_array, lon, lat)


def bd09_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """BD-09 → WGS84 for one point."""
    return _scalar(bd09_to_wgs84_array, lon, lat)


def wgs84_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    """WGS84 → BD-09 for one point."""
    return _scalar(wgs84_to_bd09_array, lon, lat)
