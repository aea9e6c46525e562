"""Buildings, their door plates and their complexes, grid by grid.

In each grid the complexes' buildings come first (nearest the complex's point, labelled
``1栋``, ``2栋`` … and sharing the complex's door plate), then the other buildings on
door plates of one to three roads of the district (numbered along the grid from west to
east; a plate holds one building, labelled ``""`` so that the plate names it, or two or
three labelled ``1栋`` …). Building codes are the grid code plus a 5-digit sequence
from 00001 in that order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import Point

from addressreg.model import AdminUnit, Building, Complex
from addressreg.seed.complexes import PlacedComplex, door_from_listings, inside
from addressreg.seed.placement import Lattice, footprints, lattice, nearest_free, random_free
from addressreg.seed.profiles import PLAIN_MIX, BuildingKind
from addressreg.seed.randomness import rng_for
from addressreg.seed.roads import DoorPlateIssuer

PLATE_SIZES = (1, 2, 3)
PLATE_SIZE_WEIGHTS = (0.8, 0.14, 0.06)
BUILDING_DIGITS = 5


@dataclass
class GridOutput:
    """What the grids produced so far (appended in grid order)."""

    buildings: list[Building] = field(default_factory=list)
    complexes: list[Complex] = field(default_factory=list)


@dataclass(frozen=True)
class GridContext:
    """One grid being filled: the unit, its lattice, free cells and random stream."""

    grid: AdminUnit
    lattice: Lattice
    free: np.ndarray
    rng: np.random.Generator
    issuer: DoorPlateIssuer
    road_names: set[str]


def fill_grid(
    ctx: GridContext, complexes: Sequence[PlacedComplex], plain: int, out: GridOutput, seq_start: int = 1
) -> None:
    """Place the grid's complexes' buildings, then ``plain`` buildings on door plates."""
    seq = seq_start
    for placed in complexes:
        seq = _place_complex(ctx, placed, out, seq)
    if plain > 0:
        _place_plain(ctx, plain, out, seq)


def _code(ctx: GridContext, seq: int) -> str:
    return f"{ctx.grid.code}{seq:0{BUILDING_DIGITS}d}"


def _sizes(ctx: GridContext, kinds: list[BuildingKind]) -> tuple[np.ndarray, ...]:
    """(side_m, floors, units, rooms_per_floor) arrays for buildings of ``kinds``."""
    lo = np.array([[k.floors[0], k.units[0], k.rooms_per_floor[0]] for k in kinds], dtype=np.int64)
    hi = np.array([[k.floors[1], k.units[1], k.rooms_per_floor[1]] for k in kinds], dtype=np.int64)
    values = ctx.rng.integers(lo, hi + 1)
    sides = np.array([k.footprint_m for k in kinds]) * ctx.rng.uniform(0.7, 1.0, len(kinds))
    return sides, values[:, 0], values[:, 1], values[:, 2]


def _emit(
    ctx: GridContext, cells: np.ndarray, kinds: list[BuildingKind], labels: list[str],
    plates: list[int | None], complex_id: int | None, out: GridOutput, seq: int,
) -> int:  # fmt: skip
    sides, floors, units, rooms = _sizes(ctx, kinds)
    shapes = footprints(ctx.lattice, cells, sides)
    points = shapely.points(ctx.lattice.x[cells], ctx.lattice.y[cells])
    for i in range(cells.size):
        out.buildings.append(Building(
            code=_code(ctx, seq), grid_code=ctx.grid.code, label=labels[i], footprint=shapes[i],
            point=points[i], door_plate_id=plates[i], complex_id=complex_id, floors=int(floors[i]),
            units=int(units[i]), rooms_per_floor=int(rooms[i])))  # fmt: skip
        seq += 1
    return seq


def _place_complex(ctx: GridContext, placed: PlacedComplex, out: GridOutput, seq: int) -> int:
    source = placed.source
    if inside(placed.point, ctx.grid) and placed.point is not None:
        anchor = placed.point
    else:
        spare = random_free(ctx.free.copy(), 1, ctx.rng)
        anchor = Point(ctx.lattice.x[spare[0]], ctx.lattice.y[spare[0]]) if spare.size else None
    cells = (
        nearest_free(ctx.lattice, ctx.free, anchor.x, anchor.y, placed.buildings)
        if anchor
        else np.empty(0, int)
    )
    if anchor is None or not inside(anchor, ctx.grid):
        anchor = Point(ctx.lattice.x[cells[0]], ctx.lattice.y[cells[0]]) if cells.size else _surface(ctx.grid)
    plate = _complex_plate(ctx, placed, anchor)
    out.complexes.append(Complex(
        complex_id=source.complex_id, name=source.name, aliases=source.aliases,
        community_code=ctx.grid.parent_code or "", point=anchor, outline=None,
        source_addresses=tuple((x.source, x.address) for x in source.listings if x.address)))  # fmt: skip
    labels = [f"{i}栋" for i in range(1, cells.size + 1)]
    kinds = [placed.kind] * cells.size
    return _emit(ctx, cells, kinds, labels, [plate] * cells.size, source.complex_id, out, seq)


def _surface(grid: AdminUnit) -> Point:
    assert grid.geometry is not None
    point: Point = grid.geometry.point_on_surface()
    return point


def _complex_plate(ctx: GridContext, placed: PlacedComplex, point: Point) -> int:
    district = ctx.grid.code[:6]
    found = door_from_listings(placed.source, ctx.road_names)
    road = ctx.issuer.road_named(found[0], district) if found else None
    if road is None:
        roads = ctx.issuer.roads_of(district)
        road = roads[int(ctx.rng.integers(len(roads)))]
        return ctx.issuer.issue(road, point).door_plate_id
    return ctx.issuer.issue(road, point, found[1] if found else None).door_plate_id


def _place_plain(ctx: GridContext, count: int, out: GridOutput, seq: int) -> None:
    cells = random_free(ctx.free, count, ctx.rng)
    cells = cells[np.argsort(ctx.lattice.x[cells], kind="stable")]
    roads = ctx.issuer.roads_of(ctx.grid.code[:6])
    picked = ctx.rng.choice(len(roads), size=min(len(roads), int(ctx.rng.integers(1, 4))), replace=False)
    labels: list[str] = []
    plates: list[int | None] = []
    while len(labels) < cells.size:
        size = min(int(ctx.rng.choice(PLATE_SIZES, p=PLATE_SIZE_WEIGHTS)), cells.size - len(labels))
        first = cells[len(labels)]
        road = roads[int(picked[len(plates) % len(picked)])]
        plate = ctx.issuer.issue(road, Point(ctx.lattice.x[first], ctx.lattice.y[first])).door_plate_id
        labels.extend([""] if size == 1 else [f"{i}栋" for i in range(1, size + 1)])
        plates.extend([plate] * size)
    kinds_list, weights = zip(*PLAIN_MIX, strict=True)
    p = np.array(weights) / sum(weights)
    kinds = [kinds_list[i] for i in ctx.rng.choice(len(kinds_list), size=cells.size, p=p)]
    _emit(ctx, cells, kinds, labels, plates, None, out, seq)


def new_context(
    grid: AdminUnit, need: int, issuer: DoorPlateIssuer, road_names: set[str], seed: int
) -> GridContext:
    """A fresh context for ``grid`` with a lattice for ``need`` buildings."""
    assert grid.geometry is not None
    lat = lattice(grid.geometry, need)
    return GridContext(
        grid, lat, np.ones(lat.x.size, dtype=bool), rng_for(seed, "grid", grid.code), issuer, road_names
    )
