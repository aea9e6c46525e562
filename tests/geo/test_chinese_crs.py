"""GCJ-02 / BD-09 conversions: published reference pairs, round trips, outside-China points."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod
from shapely.geometry import Polygon

from addressreg.geo import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    bd09_to_wgs84_array,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    gcj02_to_wgs84_array,
    transform_geometry,
    wgs84_to_bd09,
    wgs84_to_bd09_array,
    wgs84_to_gcj02,
    wgs84_to_gcj02_array,
)

GEOD = Geod(ellps="WGS84")
LON = st.floats(min_value=73.5, max_value=135.0)
LAT = st.floats(min_value=18.0, max_value=53.5)


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(GEOD.inv(a[0], a[1], b[0], b[1])[2])


# Published pairs: docs.rs coord-transform (wgs2gcj example) and npm wgs2mars@2.0.0 (test/test.js).
@pytest.mark.parametrize(
    ("wgs", "gcj"),
    [
        ((118.0, 32.0), (118.00543101383846, 31.997964381055795)),
        ((119.3122312, 26.0240049), (119.31705425869873, 26.02096344048847)),
    ],
)
def test_wgs84_to_gcj02_matches_published_pairs(wgs: tuple[float, float], gcj: tuple[float, float]) -> None:
    assert wgs84_to_gcj02(*wgs) == pytest.approx(gcj, abs=1e-12)


def test_wgs84_to_bd09_matches_a_published_baidu_reading() -> None:
    # rdrr.io BruceZhaoR/pjutils test: Baidu map reading of a WGS84 point (within 1e-5 degrees).
    assert wgs84_to_bd09(121.42958967, 31.16014354) == pytest.approx(
        (121.4406138425, 31.1646093426), abs=1e-5
    )


@settings(max_examples=200, deadline=None)
@given(LON, LAT)
def test_gcj02_round_trip_within_half_a_metre(lon: float, lat: float) -> None:
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert metres((lon, lat), back) < 0.5
    assert abs(back[0] - lon) < 1e-7 and abs(back[1] - lat) < 1e-7


@settings(max_examples=200, deadline=None)
@given(LON, LAT)
def test_bd09_round_trips_are_exact(lon: float, lat: float) -> None:
    assert metres((lon, lat), bd09_to_gcj02(*gcj02_to_bd09(lon, lat))) < 0.01
    assert metres((lon, lat), bd09_to_wgs84(*wgs84_to_bd09(lon, lat))) < 0.5


def test_offsets_in_shenzhen_have_the_expected_size() -> None:
    gcj = wgs84_to_gcj02(114.05, 22.54)
    assert 300 < metres((114.05, 22.54), gcj) < 700
    assert 500 < metres(gcj, gcj02_to_bd09(*gcj)) < 1500


def test_outside_china_passes_unchanged() -> None:
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)
    assert gcj02_to_wgs84(-74.0, 40.7) == (-74.0, 40.7)


def test_array_versions_agree_with_scalars() -> None:
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(113.7, 114.7, 50), rng.uniform(22.3, 22.9, 50)
    gx, gy = wgs84_to_gcj02_array(lon, lat)
    assert (gx[3], gy[3]) == pytest.approx(wgs84_to_gcj02(lon[3], lat[3]), abs=1e-12)
    wx, wy = gcj02_to_wgs84_array(gx, gy)
    assert np.max(np.abs(wx - lon)) < 1e-7 and np.max(np.abs(wy - lat)) < 1e-7
    bx, by = wgs84_to_bd09_array(lon, lat)
    rx, ry = bd09_to_wgs84_array(bx, by)
    assert np.max(np.abs(rx - lon)) < 1e-7 and np.max(np.abs(ry - lat)) < 1e-7


def test_transform_geometry_moves_every_vertex_and_keeps_holes() -> None:
    shell = [(114.0, 22.5), (114.1, 22.5), (114.1, 22.6), (114.0, 22.6)]
    hole = [(114.04, 22.54), (114.06, 22.54), (114.06, 22.56)]
    polygon = Polygon(shell, [hole])
    moved = transform_geometry(polygon, wgs84_to_gcj02_array, decimals=7)
    assert len(moved.interiors) == 1
    first = moved.exterior.coords[0]
    assert first == pytest.approx(tuple(round(v, 7) for v in wgs84_to_gcj02(114.0, 22.5)), abs=1e-12)
    back = transform_geometry(moved, gcj02_to_wgs84_array)
    assert back.symmetric_difference(polygon).area < 1e-7 * polygon.length  # 7-decimal rounding
