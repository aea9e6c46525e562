"""The in-memory candidate index: the registry's places, names and rooms, built from plain rows.

:func:`build_index` turns rows (read from PostGIS by the store, or written by hand in tests)
into look-up tables; :class:`RegistryIndex` answers :class:`CandidateQuery` values as a
:class:`~addressreg.match.query.CandidateSource`. Pure: no I/O; picklable, so a process
can build it once and fork workers that share it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from addressreg.match.names import NameTable
from addressreg.match.query import Candidate, CandidateQuery
from addressreg.match.reading import SEPARATORS
from addressreg.match.room_lookup import BuildingFacts, building_candidates
from addressreg.match.rooms import RoomBook
from addressreg.match.rows import BuildingRow, ComplexRow, PlateRow, RoadRow, RoomRow, UnitRow

ADMIN_LEVELS = ("district", "street", "community")
Normaliser = Callable[[str], str]


@dataclass
class RegistryIndex:
    """Look-up tables of the registry (see the module docstring)."""

    units: dict[str, UnitRow] = field(default_factory=dict)
    grid_parent: dict[str, str] = field(default_factory=dict)
    roads: dict[int, RoadRow] = field(default_factory=dict)
    plates: dict[int, PlateRow] = field(default_factory=dict)
    plate_at: dict[tuple[int, str], int] = field(default_factory=dict)
    complexes: dict[int, ComplexRow] = field(default_factory=dict)
    buildings: dict[str, BuildingRow] = field(default_factory=dict)
    in_complex: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    on_plate: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    rooms: RoomBook = field(default_factory=RoomBook)
    names: NameTable = field(default_factory=NameTable)
    fuzzy_threshold: float = 0.75
    fuzzy_limit: int = 8
    short_name_length: int = 0
    short_fuzzy_threshold: float = 0.75
    chains: dict[str | None, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    facts: dict[str, BuildingFacts] = field(default_factory=dict)

    def chain(self, community_code: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(codes, names) of the district, street and community above ``community_code``."""
        found = self.chains.get(community_code)
        if found is None:
            found = self.chains[community_code] = self._chain(community_code)
        return found

    def _chain(self, community_code: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        codes: list[str] = []
        code = community_code
        while code is not None and code in self.units:
            codes.append(code)
            code = self.units[code].parent_code
        codes.reverse()
        return tuple(codes), tuple(self.units[c].name for c in codes)

    def community_of(self, building: BuildingRow) -> str | None:
        """The community code of a building (its grid's parent)."""
        return self.grid_parent.get(building.grid_code)

    def find(self, queries: Sequence[CandidateQuery]) -> list[Candidate]:
        """Candidates for each query in turn (see :class:`CandidateQuery`)."""
        found: list[Candidate] = []
        for query in queries:
            found.extend(self._find_one(query))
        return found

    def _find_one(self, query: CandidateQuery) -> list[Candidate]:
        if query.kind == "complex":
            return self._in_complexes(query.keys, query, 1.0)
        if query.kind == "door_plate":
            return self._on_plates(query.keys, query, 1.0)
        kind = "complex" if query.kind == "similar_complex" else "road"
        if kind == "road" and query.door_number is None:
            return []
        short = len(query.text) <= self.short_name_length
        threshold = self.short_fuzzy_threshold if short else self.fuzzy_threshold
        hits = self.names.similar(query.text, (kind,), threshold, self.fuzzy_limit)
        found: list[Candidate] = []
        for hit in hits:
            if kind == "complex":
                found.extend(self._in_complexes((int(hit.key),), query, hit.similarity))
            else:
                found.extend(self._on_plates((int(hit.key),), query, hit.similarity))
        return found

    def _in_complexes(self, ids: Iterable[int], query: CandidateQuery, similarity: float) -> list[Candidate]:
        found: list[Candidate] = []
        for complex_id in ids:
            labels = self.in_complex.get(complex_id, {})
            found.extend(building_candidates(self, labels, query, similarity, complex_id, None))
        return found

    def _on_plates(
        self, road_ids: Iterable[int], query: CandidateQuery, similarity: float
    ) -> list[Candidate]:
        found: list[Candidate] = []
        for road_id in road_ids:
            plate_id = self.plate_at.get((road_id, query.door_number or ""))
            if plate_id is None:
                continue
            labels = self.on_plate.get(plate_id, {})
            found.extend(building_candidates(self, labels, query, similarity, None, plate_id))
        return found


def name_forms(name: str, normalise: Normaliser) -> tuple[str, ...]:
    """The forms under which input text names ``name``: its normal form, and the normal
    form of the name with its punctuation and brackets dropped but their text kept
    (华昌大厦(西丽) → 华昌大厦 and 华昌大厦西丽), both without separators, as the reading
    drops them."""
    first = SEPARATORS.sub("", normalise(name))
    second = SEPARATORS.sub("", normalise(SEPARATORS.sub("", name)))
    return (first,) if second == first else (first, second)


def _add_names(
    index: RegistryIndex, kind: str, key: str | int, name: str, aliases: Iterable[str], normalise: Normaliser
) -> None:
    """Register a place's own name (exact) and its aliases (normalised)."""
    for form in name_forms(name, normalise):
        index.names.add(form, kind, key, "exact")
    for alias in aliases:
        for form in name_forms(alias, normalise):
            index.names.add(form, kind, key, "normalised")


def _add_unit_names(
    index: RegistryIndex, unit: UnitRow, normalise: Normaliser, suffixes: dict[str, str]
) -> None:
    names = index.names
    _add_names(index, unit.level, unit.code, unit.name, unit.aliases, normalise)
    canonical = suffixes.get(unit.level)
    short = name_forms(unit.name, normalise)[0]
    if canonical and short.endswith(canonical) and len(short) - len(canonical) >= 2:
        names.add(short[: -len(canonical)], unit.level, unit.code, "normalised")


def build_index(
    units: Iterable[UnitRow],
    roads: Iterable[RoadRow],
    plates: Iterable[PlateRow],
    complexes: Iterable[ComplexRow],
    buildings: Iterable[BuildingRow],
    rooms: Iterable[RoomRow] | RoomBook,
    *,
    normalise: Normaliser,
    suffixes: dict[str, str],
    ignorable_names: Iterable[str] = (),
) -> RegistryIndex:
    """Build the index; ``normalise`` is the standard's normaliser (names are stored in the
    form input text takes), ``suffixes`` the canonical suffix per admin level (区, 街道, 社区)
    whose removal gives a short form (宝安区 → 宝安)."""
    normalise = _remembering(normalise)
    index = RegistryIndex()
    for unit in units:
        if unit.level == "grid":
            if unit.parent_code is not None:
                index.grid_parent[unit.code] = unit.parent_code
            continue
        index.units[unit.code] = unit
        _add_unit_names(index, unit, normalise, suffixes)
    for road in roads:
        index.roads[road.road_id] = road
        _add_names(index, "road", road.road_id, road.name, road.aliases, normalise)
    for plate in plates:
        index.plates[plate.door_plate_id] = plate
        index.plate_at[(plate.road_id, normalise(plate.number + "号").removesuffix("号"))] = (
            plate.door_plate_id
        )
    _add_complexes(index, complexes, normalise)
    _add_buildings(index, buildings, normalise)
    index.rooms = rooms if isinstance(rooms, RoomBook) else RoomBook.from_rows(rooms)
    for name in ignorable_names:
        index.names.add(normalise(name), "ignorable", name, "exact")
    return index


def _remembering(normalise: Normaliser) -> Normaliser:
    """``normalise``, remembering its answers for the build: tens of thousands of buildings
    and door plates share a few hundred labels and numbers (1栋, 2号...)."""
    known: dict[str, str] = {}

    def remembered(text: str) -> str:
        found = known.get(text)
        if found is None:
            found = known[text] = normalise(text)
        return found

    return remembered


def _add_complexes(index: RegistryIndex, complexes: Iterable[ComplexRow], normalise: Normaliser) -> None:
    for row in complexes:
        index.complexes[row.complex_id] = row
        _add_names(index, "complex", row.complex_id, row.name, row.aliases, normalise)


def _add_buildings(index: RegistryIndex, buildings: Iterable[BuildingRow], normalise: Normaliser) -> None:
    for row in buildings:
        index.buildings[row.code] = row
        label = normalise(row.label) if row.label else ""
        if row.complex_id is not None:
            index.in_complex.setdefault(row.complex_id, {}).setdefault(label, []).append(row.code)
        if row.door_plate_id is not None:
            index.on_plate.setdefault(row.door_plate_id, {}).setdefault(label, []).append(row.code)
