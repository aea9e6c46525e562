"""The reference data as loaded: admin units, roads, complexes and polygons (all immutable)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from addressreg.model import AdminUnit


@dataclass(frozen=True, slots=True)
class SourceListing:
    """One source's row for a complex: its name and address text as the site wrote them."""

    source: str
    source_row: int
    name: str
    address: str


@dataclass(frozen=True, slots=True)
class ReferenceComplex:
    """A residential complex merged across sources.

    ``point`` is EPSG:4490 (converted from BD-09), or None when no source gave a usable
    coordinate (see the data README); ``district_code`` is from the sources' district hints.
    """

    complex_id: int
    name: str
    point: Point | None
    district_code: str | None
    year_built: int | None
    building_count: int | None
    household_count: int | None
    property_type: str
    listings: tuple[SourceListing, ...]

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names the sources use, in listing order, without the main name."""
        seen: list[str] = []
        for listing in self.listings:
            if listing.name != self.name and listing.name not in seen:
                seen.append(listing.name)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class ReferenceRoad:
    """A road name, its merged prefixed spellings and the districts it was seen in (most first)."""

    name: str
    variants: tuple[str, ...]
    occurrences: int
    district_codes: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    """Everything the seed generator and the normaliser take from the shipped data.

    Districts and streets carry their polygon (EPSG:4490) in ``geometry`` where one exists;
    communities have none (the seed partitions streets into them). ``short_names`` maps a
    unit code to its name without suffix (宝安, 新安, 上川); ``former_names`` to its old
    names (龙华新区), used for historic addresses.
    """

    data_dir: Path
    districts: tuple[AdminUnit, ...]
    streets: tuple[AdminUnit, ...]
    communities: tuple[AdminUnit, ...]
    short_names: Mapping[str, str]
    former_names: Mapping[str, tuple[str, ...]]
    roads: tuple[ReferenceRoad, ...]
    complexes: tuple[ReferenceComplex, ...]

    @property
    def street_polygons(self) -> Mapping[str, BaseGeometry]:
        """Street code → polygon, for the streets and special units that have one."""
        return {u.code: u.geometry for u in self.streets if u.geometry is not None}

    @property
    def district_polygons(self) -> Mapping[str, BaseGeometry]:
        """District code → polygon (the union of its street polygons)."""
        return {u.code: u.geometry for u in self.districts if u.geometry is not None}
