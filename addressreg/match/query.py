"""What the core asks a candidate source for, and what a source answers.

A :class:`CandidateQuery` describes one search (a complex and building, a road and door
number, a name to look up fuzzily); a source (the in-memory index, or PostGIS) answers with
:class:`Candidate` values that carry every fact the comparison needs, so the core never
asks the source again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple, Protocol

from addressreg.match.resolution import Level


@dataclass(init=False, unsafe_hash=True, slots=True)
class LocalPart:
    """The part of an address inside a place: building label (``5栋``), unit, floor, room."""

    building: Final[str | None]
    unit: Final[str | None]
    floor: Final[str | None]
    room: Final[str | None]

    def __init__(
        self,
        building: str | None = None,
        unit: str | None = None,
        floor: str | None = None,
        room: str | None = None,
    ) -> None:
        self.building = building
        self.unit = unit
        self.floor = floor
        self.room = room


class CandidateQuery(NamedTuple):
    """One search, strict (exact names) or loose (similar names).

    ``kind`` is ``complex`` (``keys`` are complex ids), ``door_plate`` (``keys`` are road
    ids, with ``door_number``), ``similar_complex`` or ``similar_road`` (``text`` is the
    written name; ``door_number`` goes with a road). ``local`` says which building and room
    to look for inside the place found.
    """

    kind: str
    keys: tuple[int, ...]
    text: str
    door_number: str | None
    local: LocalPart


class Candidate(NamedTuple):
    """A registry place that might be the address, with the facts to compare it on.

    A named tuple, not a dataclass: the engine makes one per building or room found, and
    a tuple is built several times faster than a frozen dataclass of twenty fields.

    ``level`` is the finest level the source could reach for the query (room, building,
    door plate or complex); ``code`` the room or building code at those levels.
    ``written`` is the query's text (for fuzzy queries);
    ``name_similarity`` is 1.0 for exact names and the fuzzy similarity otherwise;
    ``room_found`` says whether the query's room exists (None: the query gave no room).
    """

    level: Level
    code: str | None
    place: str | None
    building_code: str | None
    building_label: str | None
    complex_id: int | None
    complex_name: str | None
    road_id: int | None
    road_name: str | None
    door_number: str | None
    door_plate_id: int | None
    community_code: str | None
    admin_codes: tuple[str, ...]
    admin_names: tuple[str, ...]
    lon: float | None
    lat: float | None
    matched_by: str
    written: str
    name_similarity: float
    room_found: bool | None


class CandidateSource(Protocol):
    """Anything that answers candidate queries (the in-memory index, a PostGIS source)."""

    def find(self, queries: Sequence[CandidateQuery]) -> list[Candidate]:
        """Candidates for the queries, in query order; the same place may appear more than once."""
        ...
