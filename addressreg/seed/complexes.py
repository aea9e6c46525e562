"""Which reference complexes a scale seeds, which grid each stands in, and how many buildings it has.

A complex with a point stands in the grid that contains its point; a point that falls in
no grid (on the coast, in a unit without polygon) goes to the nearest grid. A complex
without a point (no source gave a usable coordinate) is put in a random grid of its
district (or of the city when no district is known) — its place is synthetic, its names
and listings are real. ``tiny`` seeds a random sample of complexes; other scales all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry import Point

from addressreg.model import AdminUnit
from addressreg.reference import ReferenceComplex
from addressreg.seed.profiles import COMPLEX_DEFAULT_MIX, COMPLEX_KIND_WORDS, BuildingKind, ScaleProfile
from addressreg.seed.randomness import rng_for
from addressreg.seed.units import is_virtual

TINY_UNLOCATED_SHARE = 0.1
_DOOR = re.compile(r"([\u4e00-\u9fff0-9]{2,12}?(?:大道|公路|路|街|巷))(\d{1,5})号")


@dataclass(frozen=True)
class PlacedComplex:
    """A reference complex with its grid (index into the grid list) and building plan."""

    source: ReferenceComplex
    grid_index: int
    point: Point | None  # the source point if it lies inside the grid, else None
    buildings: int
    kind: BuildingKind


def select_complexes(
    complexes: Sequence[ReferenceComplex], profile: ScaleProfile, seed: int
) -> list[ReferenceComplex]:
    """The complexes this scale seeds, in complex_id order."""
    if profile.complexes is None or profile.complexes >= len(complexes):
        return list(complexes)
    rng = rng_for(seed, "complex-sample")
    located = [c for c in complexes if c.point is not None]
    unlocated = [c for c in complexes if c.point is None]
    n_unlocated = min(len(unlocated), int(profile.complexes * TINY_UNLOCATED_SHARE))
    picks = [located[i] for i in rng.choice(len(located), profile.complexes - n_unlocated, replace=False)]
    picks += [unlocated[i] for i in rng.choice(len(unlocated), n_unlocated, replace=False)]
    return sorted(picks, key=lambda c: c.complex_id)


def place_complexes(
    chosen: list[ReferenceComplex], grids: Sequence[AdminUnit], profile: ScaleProfile, seed: int
) -> list[PlacedComplex]:
    """Grid, point and building plan of each chosen complex."""
    tree = STRtree([g.geometry for g in grids])
    ordinary = [i for i, g in enumerate(grids) if not is_virtual(g.code[:12])]
    pools: dict[str, list[int]] = {}
    for i in ordinary:
        pools.setdefault(grids[i].code[:6], []).append(i)
    known_counts = np.array([c.building_count for c in chosen if c.building_count], dtype=np.int64)
    out = []
    for c in chosen:
        rng = rng_for(seed, "complex", c.complex_id)
        pool = pools.get(c.district_code or "", ordinary)
        grid, point = _grid_of(c, tree, pool, rng)
        count = c.building_count or (int(rng.choice(known_counts)) if known_counts.size else 1)
        out.append(
            PlacedComplex(c, grid, point, max(1, min(count, profile.max_complex_buildings)), _kind(c, rng))
        )
    return out


def _grid_of(
    c: ReferenceComplex, tree: STRtree, pool: list[int], rng: np.random.Generator
) -> tuple[int, Point | None]:
    """Index of the grid the complex stands in, and its point if that grid contains it."""
    if c.point is not None:
        hits = tree.query(c.point, predicate="within")
        if hits.size:
            return int(hits.min()), c.point
        return int(tree.nearest(c.point)), None
    return pool[int(rng.integers(len(pool)))], None


def _kind(c: ReferenceComplex, rng: np.random.Generator) -> BuildingKind:
    for word, kind in COMPLEX_KIND_WORDS:
        if word in c.property_type:
            return kind
    weights = np.array([w for _, w in COMPLEX_DEFAULT_MIX])
    return COMPLEX_DEFAULT_MIX[int(rng.choice(len(weights), p=weights / weights.sum()))][0]


def door_from_listings(c: ReferenceComplex, road_names: set[str]) -> tuple[str, str] | None:
    """(road, number) from the first source address that names a known road and a door number."""
    for listing in c.listings:
        for road, number in _DOOR.findall(listing.address):
            for start in range(len(road) - 1):
                if road[start:] in road_names:
                    return road[start:], number
    return None


def inside(point: Point | None, grid: AdminUnit) -> bool:
    """True when ``point`` lies strictly inside the grid polygon."""
    return point is not None and grid.geometry is not None and bool(shapely.contains(grid.geometry, point))
