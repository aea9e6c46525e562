"""``build_seed``: a deterministic registry of real units and synthetic buildings.

Steps: units (real districts/streets/communities, derived community and grid polygons)
→ roads → complexes placed in their grids → buildings per grid (complex buildings, then
buildings on door plates) → addresses. Same inputs give an equal registry: every random
choice comes from a stream named by seed and purpose (:mod:`addressreg.seed.randomness`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.model import AdminUnit, UnitLevel
from addressreg.reference import Reference
from addressreg.seed.addresses import building_addresses
from addressreg.seed.buildings import GridOutput, fill_grid, new_context
from addressreg.seed.complexes import PlacedComplex, place_complexes, select_complexes
from addressreg.seed.profiles import PROFILES, Scale, ScaleProfile
from addressreg.seed.randomness import rng_for
from addressreg.seed.registry import SeedRegistry
from addressreg.seed.roads import DoorPlateIssuer, build_roads
from addressreg.seed.units import build_units, is_virtual
from addressreg.standard import CodeLayout
from addressreg.standard_address import AddressFormat, load_address_format

VIRTUAL_WEIGHT = 0.03  # building density of a special unit's virtual community vs. an ordinary one
GRID_WEIGHT_SIGMA = 0.6  # spread (lognormal) of building density between grids


def build_seed(
    reference: Reference,
    layout: CodeLayout,
    scale: Scale,
    seed: int,
    address_format: AddressFormat | None = None,
    standard_dir: Path = DEFAULT_STANDARD_DIR,
) -> SeedRegistry:
    """Build the registry of ``scale`` from ``reference``, deterministically for ``seed``.

    ``address_format`` defaults to the one of ``standard_dir``.

    Raises:
        KeyError: unknown scale.
        InvalidStandard: the address format cannot be loaded.
    """
    profile = PROFILES[scale]
    fmt = address_format or load_address_format(standard_dir)
    units = build_units(reference, layout, profile)
    grids = [u for u in units if u.level is UnitLevel.GRID]
    roads = build_roads(reference.roads, reference.districts)
    placed = place_complexes(select_complexes(reference.complexes, profile, seed), grids, profile, seed)
    issuer = DoorPlateIssuer(roads, seed)
    out = _fill_grids(grids, placed, _plain_counts(grids, placed, profile, seed), issuer, seed)
    registry = SeedRegistry(
        scale=scale, seed=seed, units=units, roads=roads, door_plates=tuple(issuer.plates),
        complexes=tuple(sorted(out.complexes, key=lambda c: c.complex_id)), buildings=tuple(out.buildings),
        addresses=(), address_format=fmt,
    )  # fmt: skip
    return replace(registry, addresses=building_addresses(registry, reference.former_names))


def _plain_counts(
    grids: list[AdminUnit], placed: list[PlacedComplex], profile: ScaleProfile, seed: int
) -> np.ndarray:
    """Buildings outside complexes per grid: the rest of the target, spread by random grid weights."""
    total = max(0, profile.buildings - sum(p.buildings for p in placed))
    rng = rng_for(seed, "grid-weights", profile.name)
    weights = rng.lognormal(0.0, GRID_WEIGHT_SIGMA, len(grids))
    weights *= np.array([VIRTUAL_WEIGHT if is_virtual(g.code[:12]) else 1.0 for g in grids])
    counts: np.ndarray = rng.multinomial(total, weights / weights.sum())
    return counts


def _fill_grids(
    grids: list[AdminUnit], placed: list[PlacedComplex], plain: np.ndarray, issuer: DoorPlateIssuer, seed: int
) -> GridOutput:
    by_grid: dict[int, list[PlacedComplex]] = defaultdict(list)
    for p in placed:
        by_grid[p.grid_index].append(p)
    road_names = {r.name for r in issuer.roads}
    out = GridOutput()
    for i, grid in enumerate(grids):
        complexes = by_grid.get(i, [])
        need = sum(p.buildings for p in complexes) + int(plain[i])
        if need == 0 and not complexes:
            continue
        fill_grid(new_context(grid, max(need, 1), issuer, road_names, seed), complexes, int(plain[i]), out)
    return out
