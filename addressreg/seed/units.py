"""The registry's admin units: the real districts, streets and communities, plus derived grids.

Shenzhen codes of districts, streets and communities are their NBS codes (the code
layout's district/street/community segments). Community polygons are the street
polygon partitioned into its communities; grid polygons are each community partitioned
into its grids (codes ``<community>01`` …). Both are marked ``polygon_derived``.
Geography depends on the unit codes and the scale only, never on the seed, so every
registry of one scale shares the same map. Units without a polygon (the airport and
福田保税区, see the data README) get no polygon, their communities none, and no grids.
"""

from __future__ import annotations

from dataclasses import replace

from addressreg.model import AdminUnit, UnitLevel
from addressreg.reference import Reference
from addressreg.seed.partition import partition
from addressreg.seed.profiles import ScaleProfile
from addressreg.seed.randomness import rng_for
from addressreg.standard import CodeLayout

VIRTUAL_COMMUNITY = "498"  # NBS village segment of the special units' virtual communities
GRID_LLOYD_STEPS = 1  # grids are many; one relaxation evens them out enough


def is_virtual(community_code: str) -> bool:
    """True for the virtual community of a special unit (福田保税区虚拟社区 …)."""
    return community_code.endswith(VIRTUAL_COMMUNITY)


def build_units(reference: Reference, layout: CodeLayout, profile: ScaleProfile) -> tuple[AdminUnit, ...]:
    """Districts, streets, communities, grids — parents before children, codes validated."""
    communities = _communities(reference)
    grids = [g for c in communities for g in _grids(c, layout, profile)]
    units = (*reference.districts, *reference.streets, *communities, *grids)
    for unit in units:
        layout.validate(unit.code)
    return units


def _communities(reference: Reference) -> list[AdminUnit]:
    polygons = reference.street_polygons
    out = []
    for street in reference.streets:
        members = [c for c in reference.communities if c.parent_code == street.code]
        if street.code not in polygons:
            out.extend(members)
            continue
        cells = partition(polygons[street.code], len(members), rng_for("community-cells", street.code))
        out.extend(
            replace(c, geometry=cell, polygon_derived=True) for c, cell in zip(members, cells, strict=True)
        )
    return out


def grid_count(community: AdminUnit, profile: ScaleProfile) -> int:
    """How many grids a community has at this scale (stable per community code)."""
    if community.geometry is None:
        return 0
    if is_virtual(community.code):
        return profile.virtual_grids
    low, high = profile.grids_per_community
    return int(rng_for("grid-count", profile.name, community.code).integers(low, high + 1))


def _grids(community: AdminUnit, layout: CodeLayout, profile: ScaleProfile) -> list[AdminUnit]:
    n = grid_count(community, profile)
    if n == 0 or community.geometry is None:
        return []
    rng = rng_for("grid-cells", profile.name, community.code)
    cells = partition(community.geometry, n, rng, steps=GRID_LLOYD_STEPS)
    width = layout.end_of("grid") - layout.end_of("community")
    return [
        AdminUnit(
            level=UnitLevel.GRID,
            code=f"{community.code}{i:0{width}d}",
            name=f"{community.name}第{i}网格",
            parent_code=community.code,
            stats_code=None,
            aliases=(),
            geometry=cell,
            polygon_derived=True,
        )
        for i, cell in enumerate(cells, start=1)
    ]
