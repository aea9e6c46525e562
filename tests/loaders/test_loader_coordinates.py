"""Department CRSs to EPSG:4490 and back: exact for EPSG:4547, within 0.5 m for GCJ-02 / BD-09."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.coordinate_check import FAR, INSIDE, NEAR, check_points, place_code
from loaders.coordinates import from_cgcs2000, to_cgcs2000, to_metres
from loaders.spec import SourceCrs

LON = st.floats(113.76, 114.61)
LAT = st.floats(22.40, 22.86)


def _metres_apart(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    x1, y1 = to_metres(lon1, lat1)
    x2, y2 = to_metres(lon2, lat2)
    return np.hypot(x1 - x2, y1 - y2)


@settings(max_examples=60, deadline=None)
@given(lon=LON, lat=LAT, crs=st.sampled_from(list(SourceCrs)))
def test_every_crs_round_trips_within_half_a_metre(lon: float, lat: float, crs: SourceCrs) -> None:
    x, y = from_cgcs2000(crs, np.array([lon]), np.array([lat]))
    back_lon, back_lat = to_cgcs2000(crs, x, y)
    assert _metres_apart(np.array([lon]), np.array([lat]), back_lon, back_lat)[0] < 0.5


def test_gcj02_and_bd09_are_the_providers_offsets_not_the_identity() -> None:
    lon, lat = np.array([114.0579]), np.array([22.5431])
    for crs, least in ((SourceCrs.GCJ02, 300), (SourceCrs.BD09, 800)):
        x, y = from_cgcs2000(crs, lon, lat)
        assert _metres_apart(lon, lat, x, y)[0] > least


def test_epsg4547_is_metres_on_the_114_meridian() -> None:
    x, y = from_cgcs2000(SourceCrs.EPSG4547, np.array([114.0]), np.array([22.5]))
    assert x[0] == pytest.approx(500_000.0, abs=1e-6)
    assert 2_400_000 < y[0] < 2_600_000


def test_missing_points_stay_missing() -> None:
    for crs in SourceCrs:
        lon, lat = to_cgcs2000(
            crs,
            np.array([np.nan, 500_000.0 if crs is SourceCrs.EPSG4547 else 114.0]),
            np.array([np.nan, 2_490_000.0 if crs is SourceCrs.EPSG4547 else 22.5]),
        )
        assert np.isnan(lon[0]) and np.isnan(lat[0]) and np.isfinite(lon[1])


def test_points_are_inside_near_or_far_from_the_place_they_resolved_to() -> None:
    x, y = to_metres(np.array([114.05]), np.array([22.55]))
    square = shapely.box(x[0] - 10, y[0] - 10, x[0] + 10, y[0] + 10)
    from loaders.coordinates import from_metres

    def lonlat(dx: float) -> tuple[float, float]:
        lon, lat = from_metres(np.array([x[0] + dx]), np.array([y[0]]))
        return float(lon[0]), float(lat[0])

    footprint = shapely.transform(square, lambda c: np.column_stack(from_metres(c[:, 0], c[:, 1])))
    points = [lonlat(0), lonlat(30), lonlat(300), lonlat(0), (np.nan, np.nan)]
    codes = [
        "4403040010010100001",
        "4403040010010100001010101",
        "4403040010010100001",
        None,
        "4403040010010100001",
    ]
    checks = check_points(
        np.array([p[0] for p in points]),
        np.array([p[1] for p in points]),
        codes,
        {"4403040010010100001": footprint},
        tolerance_m=50,
    )
    assert checks.statuses == [INSIDE, NEAR, FAR, None, None]
    assert checks.distances[1] == pytest.approx(20, abs=0.5) and checks.distances[2] == pytest.approx(
        290, abs=0.5
    )


def test_the_place_of_a_code_is_its_building_or_its_unit() -> None:
    assert place_code("4403040010010100001010101") == "4403040010010100001"
    assert place_code("440304001001") == "440304001001"
    assert place_code(None) is None and place_code("12345") is None
