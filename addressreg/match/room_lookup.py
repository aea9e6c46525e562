"""Inside a place found by a query: which buildings and rooms match the query's local part.

Used by :class:`~addressreg.match.index.RegistryIndex`; pure look-ups over its tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from addressreg.match.query import Candidate, CandidateQuery
from addressreg.match.resolution import Level

if TYPE_CHECKING:
    from addressreg.match.index import RegistryIndex


def _wanted_buildings(labels: dict[str, list[str]], wanted: str | None) -> list[str]:
    """Buildings of a place that the input's building label names.

    Without a label: the place's unlabelled buildings, or its only building.
    """
    if wanted is not None:
        return labels.get(wanted, [])
    if "" in labels:
        return labels[""]
    codes = [code for group in labels.values() for code in group]
    return codes if len(codes) == 1 else []


def building_candidates(
    index: RegistryIndex,
    labels: dict[str, list[str]],
    query: CandidateQuery,
    similarity: float,
    complex_id: int | None,
    plate_id: int | None,
) -> list[Candidate]:
    """Room or building candidates of one place; the place itself when no building matches."""
    codes = _wanted_buildings(labels, query.local.building)
    if not codes:
        return [place_candidate(index, complex_id, plate_id, query, similarity)]
    found: list[Candidate] = []
    for code in codes:
        room_codes: tuple[str, ...] = ()
        if query.local.room is not None:
            room_codes = index.rooms.find(code, query.local.unit, query.local.room)
        if room_codes:
            found.extend(_candidate(index, code, room, query, similarity, True) for room in room_codes)
        else:
            found_room = None if query.local.room is None else False
            found.append(_candidate(index, code, None, query, similarity, found_room))
    return found


BuildingFacts = tuple[
    str | None,
    int | None,
    str | None,
    int | None,
    str | None,
    str | None,
    int | None,
    str | None,
    tuple[str, ...],
    tuple[str, ...],
    float | None,
    float | None,
]
"""The fields of :class:`Candidate` from ``building_label`` to ``lat``, in order."""


def building_facts(index: RegistryIndex, building_code: str) -> BuildingFacts:
    """What a candidate at ``building_code`` says about its building (computed once per building)."""
    known = index.facts.get(building_code)
    if known is not None:
        return known
    building = index.buildings[building_code]
    plate = index.plates.get(building.door_plate_id) if building.door_plate_id is not None else None
    road = index.roads.get(plate.road_id) if plate is not None else None
    complex_row = index.complexes.get(building.complex_id) if building.complex_id is not None else None
    community = index.community_of(building)
    codes, names = index.chain(community)
    facts: BuildingFacts = (
        building.label,
        building.complex_id,
        complex_row.name if complex_row else None,
        road.road_id if road else None,
        road.name if road else None,
        plate.number if plate else None,
        building.door_plate_id,
        community,
        codes,
        names,
        building.lon,
        building.lat,
    )
    index.facts[building_code] = facts
    return facts


def _candidate(
    index: RegistryIndex,
    building_code: str,
    room_code: str | None,
    query: CandidateQuery,
    similarity: float,
    room_found: bool | None,
) -> Candidate:
    head = (
        (Level.ROOM, room_code, None, building_code)
        if room_code
        else (Level.BUILDING, building_code, None, building_code)
    )
    fields = head + building_facts(index, building_code) + (query.kind, query.text, similarity, room_found)
    return tuple.__new__(Candidate, fields)  # as Candidate._make, without its interpreted frame


def place_candidate(
    index: RegistryIndex,
    complex_id: int | None,
    plate_id: int | None,
    query: CandidateQuery,
    similarity: float,
) -> Candidate:
    """A complex or door plate itself as a candidate."""
    complex_row = index.complexes.get(complex_id) if complex_id is not None else None
    plate = index.plates.get(plate_id) if plate_id is not None else None
    road = index.roads.get(plate.road_id) if plate is not None else None
    community = complex_row.community_code if complex_row else None
    codes, names = index.chain(community)
    if complex_row is None and road is not None:
        codes, names = index.chain(road.district_code)
    point = complex_row or plate
    return Candidate(
        level=Level.COMPLEX if complex_row else Level.DOOR_PLATE,
        code=None,
        place=f"complex:{complex_id}" if complex_row else f"door_plate:{plate_id}",
        building_code=None,
        building_label=None,
        complex_id=complex_id,
        complex_name=complex_row.name if complex_row else None,
        road_id=road.road_id if road else None,
        road_name=road.name if road else None,
        door_number=plate.number if plate else None,
        door_plate_id=plate_id,
        community_code=community,
        admin_codes=codes,
        admin_names=names,
        lon=point.lon if point else None,
        lat=point.lat if point else None,
        matched_by=query.kind,
        written=query.text,
        name_similarity=similarity,
        room_found=None,
    )
