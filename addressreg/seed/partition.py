"""Partitioning a polygon into n derived cells (communities of a street, grids of a community).

Cells are the Voronoi regions of n seed points inside the polygon, relaxed a few times
toward their centroids (Lloyd) so that they come out of similar size, then clipped to
the polygon. The cells cover the polygon exactly and do not overlap. They are numbered
north-west to south-east by their seed point, which makes the numbering readable on a
map and independent of sampling order.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPoint, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

LLOYD_STEPS = 3
_SAMPLE_ROUNDS = 50


def sample_points(polygon: BaseGeometry, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` uniformly random points strictly inside ``polygon``, as an (n, 2) array."""
    minx, miny, maxx, maxy = polygon.bounds
    shapely.prepare(polygon)
    found: list[np.ndarray] = []
    total = 0
    fill = max(polygon.area / max((maxx - minx) * (maxy - miny), 1e-18), 0.01)
    for _ in range(_SAMPLE_ROUNDS):
        k = int(n / fill * 1.5) + 8
        xs, ys = rng.uniform(minx, maxx, k), rng.uniform(miny, maxy, k)
        inside = shapely.contains_xy(polygon, xs, ys)
        found.append(np.column_stack([xs[inside], ys[inside]]))
        total += int(inside.sum())
        if total >= n:
            return np.concatenate(found)[:n]
    raise ValueError(f"could not sample {n} points inside a polygon of area {polygon.area}")


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Only the polygon parts of ``geometry`` (clipping may leave lines or points)."""
    if isinstance(geometry, Polygon | MultiPolygon):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon | MultiPolygon)]
    return shapely.union_all(parts)


def _cells(polygon: BaseGeometry, seeds: np.ndarray) -> list[BaseGeometry]:
    frame = polygon.envelope.buffer(max(polygon.envelope.length, 1e-6))
    regions = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=frame, ordered=True)
    clipped = shapely.intersection(np.asarray(regions.geoms, dtype=object), polygon)
    return [_polygonal(g) for g in clipped]


def _relaxed(polygon: BaseGeometry, seeds: np.ndarray, cells: list[BaseGeometry]) -> np.ndarray:
    moved = seeds.copy()
    for i, cell in enumerate(cells):
        if cell.is_empty:
            continue
        centre = cell.centroid
        if not polygon.contains(centre):
            centre = cell.point_on_surface()
        moved[i] = (centre.x, centre.y)
    return moved


def partition(
    polygon: BaseGeometry, n: int, rng: np.random.Generator, steps: int = LLOYD_STEPS
) -> list[BaseGeometry]:
    """Split ``polygon`` into ``n`` non-empty polygonal cells, numbered north-west first.

    ``steps`` Lloyd relaxations even out the cell sizes (each costs one Voronoi diagram).

    Raises:
        ValueError: ``n`` < 1, or the polygon is too small to hold ``n`` seed points.
    """
    if n < 1:
        raise ValueError(f"cannot partition into {n} cells")
    if n == 1:
        return [polygon]
    seeds = sample_points(polygon, n, rng)
    cells = _cells(polygon, seeds)
    for _ in range(steps):
        candidate = _relaxed(polygon, seeds, cells)
        if len(np.unique(np.round(candidate, 9), axis=0)) < n:
            break
        seeds, cells = candidate, _cells(polygon, candidate)
    if any(c.is_empty for c in cells):
        raise ValueError("partition produced an empty cell")
    order = sorted(range(n), key=lambda i: (-round(seeds[i][1], 3), seeds[i][0]))
    return [cells[i] for i in order]
