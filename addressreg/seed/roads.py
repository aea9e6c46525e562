"""Roads of the registry and the door plates (门牌) numbered along them.

Each reference road becomes one :class:`Road` per district it was seen in (人民路 exists
in several districts). A road seen in no district's addresses is given one district at
random (stable per road name). Door numbers on a road grow from 1 in steps of 1 or 2 in
the order plates are issued (a real number from a source address is kept when free), so a
number is never issued twice on one road.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from shapely.geometry import Point

from addressreg.model import AdminUnit, DoorPlate, Road
from addressreg.reference import ReferenceRoad
from addressreg.seed.randomness import rng_for


def build_roads(reference_roads: Sequence[ReferenceRoad], districts: Sequence[AdminUnit]) -> tuple[Road, ...]:
    """The registry's roads, ids from 1, ordered by name then district code."""
    codes = [d.code for d in districts]
    pairs: list[tuple[str, str, tuple[str, ...]]] = []
    for road in reference_roads:
        seen = road.district_codes or (codes[int(rng_for("road-district", road.name).integers(len(codes)))],)
        pairs.extend((road.name, code, road.variants) for code in seen)
    pairs.sort(key=lambda p: (p[0], p[1]))
    return tuple(Road(i, name, variants, code) for i, (name, code, variants) in enumerate(pairs, start=1))


@dataclass
class DoorPlateIssuer:
    """Issues door plates: the next number on each road, ids from 1 in issue order."""

    roads: tuple[Road, ...]
    seed: int
    plates: list[DoorPlate] = field(default_factory=list)
    _last: dict[int, int] = field(default_factory=dict)
    _used: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    _by_district: dict[str, list[Road]] = field(default_factory=lambda: defaultdict(list))
    _by_name: dict[tuple[str, str], Road] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._rng = rng_for(self.seed, "door-steps")
        for road in self.roads:
            self._by_district[road.district_code].append(road)
            self._by_name[(road.name, road.district_code)] = road

    def roads_of(self, district_code: str) -> list[Road]:
        """The district's roads, or all roads if the district has none."""
        return self._by_district.get(district_code) or list(self.roads)

    def road_named(self, name: str, district_code: str) -> Road | None:
        """The road of that name in that district, if any."""
        return self._by_name.get((name, district_code))

    def issue(self, road: Road, point: Point, number: str | None = None) -> DoorPlate:
        """A new plate on ``road``: ``number`` if given and still free, else the road's next one."""
        used = self._used[road.road_id]
        number = str(int(number)) if number is not None and number.isdigit() else None
        if number is None or not number.isdigit() or int(number) in used or int(number) == 0:
            number = str(self._last.get(road.road_id, 0) + 1 + int(self._rng.integers(2)))
        used.add(int(number))
        self._last[road.road_id] = max(self._last.get(road.road_id, 0), int(number))
        plate = DoorPlate(len(self.plates) + 1, road.road_id, number, point)
        self.plates.append(plate)
        return plate
