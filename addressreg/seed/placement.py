"""Where buildings stand inside a grid: free cells of a square lattice that fit in the grid.

A grid that must hold k buildings is covered by a lattice whose spacing gives it room for
about 2.5 k buildings; the cells whose (largest) footprint lies wholly inside the grid are
the candidates. Buildings of a complex take the cells nearest the complex's point (they
cluster); other buildings take random free cells. Footprints never overlap, because a
footprint is at most 70 % of a cell's side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

METRES_PER_DEG_LAT = 110_574.0
METRES_PER_DEG_LON_EQUATOR = 111_320.0
MAX_SPACING_M = 90.0
MIN_SPACING_M = 2.0
FILL = 0.7  # a footprint's side is at most this share of the cell's side
ROOM_FACTOR = 2.5  # lattice cells per building wanted


@dataclass(frozen=True)
class Lattice:
    """Candidate cell centres (lon, lat arrays) of one grid and the cell size in degrees."""

    x: np.ndarray
    y: np.ndarray
    spacing_m: float
    deg_lon_per_m: float
    deg_lat_per_m: float

    @property
    def max_side_m(self) -> float:
        """The largest footprint side that fits in a cell."""
        return self.spacing_m * FILL


def _metres_per_deg_lon(lat: float) -> float:
    return METRES_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat))


def lattice(grid: BaseGeometry, k: int) -> Lattice:
    """A lattice over ``grid`` with at least ``k`` cells that fit inside it, when possible.

    The spacing shrinks until there are ``k`` cells or it reaches ``MIN_SPACING_M``; in
    the latter case the lattice may hold fewer than ``k`` cells.
    """
    lat0 = grid.centroid.y
    per_lon = 1.0 / _metres_per_deg_lon(lat0)
    per_lat = 1.0 / METRES_PER_DEG_LAT
    area_m2 = grid.area / (per_lon * per_lat)
    spacing = min(MAX_SPACING_M, math.sqrt(area_m2 / max(k * ROOM_FACTOR, 1)))
    shapely.prepare(grid)
    while True:
        found = _fitting_cells(grid, spacing, per_lon, per_lat)
        if len(found[0]) >= k or spacing <= MIN_SPACING_M:
            return Lattice(found[0], found[1], spacing, per_lon, per_lat)
        spacing = max(MIN_SPACING_M, spacing * 0.7)


def _fitting_cells(
    grid: BaseGeometry, spacing: float, per_lon: float, per_lat: float
) -> tuple[np.ndarray, ...]:
    minx, miny, maxx, maxy = grid.bounds
    dx, dy = spacing * per_lon, spacing * per_lat
    xs = np.arange(minx + dx / 2, maxx, dx)
    ys = np.arange(miny + dy / 2, maxy, dy)
    gx, gy = (a.ravel() for a in np.meshgrid(xs, ys))
    if gx.size == 0:
        return np.empty(0), np.empty(0)
    inside = shapely.contains_xy(grid, gx, gy)
    gx, gy = gx[inside], gy[inside]
    half_x, half_y = dx * FILL / 2 * 1.02, dy * FILL / 2 * 1.02
    boxes = shapely.box(gx - half_x, gy - half_y, gx + half_x, gy + half_y)
    fits = shapely.contains(grid, boxes)
    return gx[fits], gy[fits]


def nearest_free(lat: Lattice, free: np.ndarray, x: float, y: float, m: int) -> np.ndarray:
    """Indexes of the ``m`` free cells nearest (x, y); marks them taken in ``free``."""
    candidates = np.flatnonzero(free)
    dist = ((lat.x[candidates] - x) / lat.deg_lon_per_m) ** 2 + (
        (lat.y[candidates] - y) / lat.deg_lat_per_m
    ) ** 2
    chosen = candidates[np.argsort(dist, kind="stable")[:m]]
    free[chosen] = False
    return chosen


def random_free(free: np.ndarray, m: int, rng: np.random.Generator) -> np.ndarray:
    """Indexes of ``m`` random free cells (fewer if fewer are free); marks them taken."""
    candidates = np.flatnonzero(free)
    chosen = rng.choice(candidates, size=min(m, candidates.size), replace=False)
    free[chosen] = False
    return np.asarray(chosen, dtype=np.int64)


def footprints(lat: Lattice, cells: np.ndarray, sides_m: np.ndarray) -> np.ndarray:
    """Square footprints (shapely array) centred on ``cells``, sides capped to fit a cell."""
    side = np.minimum(sides_m, lat.max_side_m)
    hx, hy = side / 2 * lat.deg_lon_per_m, side / 2 * lat.deg_lat_per_m
    x, y = lat.x[cells], lat.y[cells]
    result: np.ndarray = shapely.box(x - hx, y - hy, x + hx, y + hy)
    return result
