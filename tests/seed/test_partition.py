"""Partitioning a polygon: cells cover it exactly, never overlap, and do not depend on call order."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import Polygon

from addressreg.seed.partition import partition
from addressreg.seed.randomness import rng_for

# An L-shaped (non-convex) polygon with a hole, about 1 km across in Shenzhen.
L_SHAPE = Polygon(
    [(114.0, 22.5), (114.01, 22.5), (114.01, 22.505), (114.005, 22.505), (114.005, 22.51), (114.0, 22.51)],
    [[(114.001, 22.501), (114.002, 22.501), (114.002, 22.502), (114.001, 22.502)]],
)


@pytest.mark.parametrize("n", [1, 2, 7, 39])
def test_cells_cover_the_polygon_without_overlap(n: int) -> None:
    cells = partition(L_SHAPE, n, rng_for("test", n))
    assert len(cells) == n and all(c.area > 0 for c in cells)
    assert shapely.union_all(cells).symmetric_difference(L_SHAPE).area < 1e-12
    assert sum(c.area for c in cells) == pytest.approx(L_SHAPE.area, rel=1e-9)


def test_the_same_stream_gives_the_same_cells() -> None:
    first = partition(L_SHAPE, 12, rng_for("same"))
    again = partition(L_SHAPE, 12, rng_for("same"))
    assert all(a.equals_exact(b, 0.0) for a, b in zip(first, again, strict=True))


def test_cells_are_numbered_north_first() -> None:
    cells = partition(L_SHAPE, 9, rng_for("order"))
    assert cells[0].centroid.y > cells[-1].centroid.y


def test_zero_cells_is_refused() -> None:
    with pytest.raises(ValueError, match="0 cells"):
        partition(L_SHAPE, 0, rng_for("zero"))
