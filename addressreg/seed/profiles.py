"""How big each seed scale is, and the kinds of buildings it is made of.

These are the generator's tuning knobs, not rules of the address standard. Figures:
Bao'an's grid system (1 district, 10 streets, 124 communities, 4,833 grids) gives about
39 grids per community; Shenzhen has about 790,000 buildings and 12.8 million rooms
(about 16 rooms per building on average).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Scale = Literal["tiny", "demo", "city"]


@dataclass(frozen=True)
class ScaleProfile:
    """Sizes of one scale.

    ``grids_per_community`` is the (low, high) range of grids of an ordinary community
    (virtual communities of special units get ``virtual_grids``); ``buildings`` the target
    building count; ``complexes`` how many reference complexes are seeded (None: all);
    ``max_complex_buildings`` caps a complex's buildings.
    """

    name: Scale
    grids_per_community: tuple[int, int]
    virtual_grids: int
    buildings: int
    complexes: int | None
    max_complex_buildings: int


PROFILES: dict[str, ScaleProfile] = {
    "tiny": ScaleProfile("tiny", (1, 3), 1, 1_500, 150, 4),
    "demo": ScaleProfile("demo", (25, 53), 2, 20_000, None, 2),
    "city": ScaleProfile("city", (25, 53), 2, 790_000, None, 60),
}


@dataclass(frozen=True)
class BuildingKind:
    """A kind of building: ranges (inclusive) of floors, units (单元) and rooms per floor."""

    name: str
    floors: tuple[int, int]
    units: tuple[int, int]
    rooms_per_floor: tuple[int, int]
    footprint_m: float  # side of the square footprint, before fitting into its lattice cell


TOWER = BuildingKind("tower", (18, 45), (1, 2), (4, 5), 32.0)
SLAB = BuildingKind("slab", (7, 33), (2, 4), (2, 2), 40.0)
MID_RISE = BuildingKind("mid_rise", (6, 9), (1, 3), (2, 4), 28.0)
VILLA = BuildingKind("villa", (2, 4), (1, 1), (1, 1), 16.0)
HANDSHAKE = BuildingKind("handshake", (4, 8), (1, 1), (1, 2), 12.0)  # 握手楼 of urban villages
LOW_RISE = BuildingKind("low_rise", (1, 3), (1, 1), (1, 2), 24.0)  # shops, workshops, old houses
ALL_KINDS = (TOWER, SLAB, MID_RISE, VILLA, HANDSHAKE, LOW_RISE)

# Buildings on door plates (outside complexes): kind and weight.
PLAIN_MIX: tuple[tuple[BuildingKind, float], ...] = (
    (HANDSHAKE, 0.35),
    (LOW_RISE, 0.56),
    (MID_RISE, 0.02),
    (VILLA, 0.07),
)
# Buildings of complexes: kind chosen from the complex's property type (房产类型) words.
COMPLEX_KIND_WORDS: tuple[tuple[str, BuildingKind], ...] = (
    ("别墅", VILLA),
    ("塔", TOWER),
    ("板", SLAB),
)
COMPLEX_DEFAULT_MIX: tuple[tuple[BuildingKind, float], ...] = ((TOWER, 0.45), (SLAB, 0.25), (MID_RISE, 0.3))
