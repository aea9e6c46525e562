"""Per-element comparison of the input with one candidate, as labelled levels.

Outcomes (see :class:`~addressreg.match.resolution.ElementComparison`): ``exact``,
``normalised`` (an alias, short form or old name of the same place), ``fuzzy`` (a similar
name above the standard's threshold), ``missing`` (the input does not give it), ``absent``
(the candidate has no such element), ``conflicting``.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from addressreg.match.names import Place
from addressreg.match.query import Candidate
from addressreg.match.reading import AddressReading
from addressreg.match.resolution import ElementComparison

ADMIN_KINDS = ("district", "street", "community")
SIMILARITY = {"exact": 1.0, "normalised": 1.0, "missing": 0.0, "absent": 0.0, "conflicting": 0.0}
Named = dict[str, dict[str | int, str]]
"""kind → {key: how} of the places the input names, as counted against one candidate."""


def comparison(
    element: str, outcome: str, input_value: str | None, candidate_value: str | None, similarity: float
) -> ElementComparison:
    """The :class:`ElementComparison` of these values (made afresh each time: building one
    costs less than looking up a shared instance by its five values)."""
    return ElementComparison(element, outcome, input_value, candidate_value, similarity)


def _candidate_places(candidate: Candidate) -> dict[str, str | int | None]:
    """kind → the candidate's own place of that kind (None where it has none)."""
    places: dict[str, str | int | None] = dict(zip(ADMIN_KINDS, candidate.admin_codes, strict=False))
    places["road"] = candidate.road_id
    places["complex"] = candidate.complex_id
    return places


def named_places(reading: AddressReading, candidate: Candidate) -> tuple[Named, dict[str, str]]:
    """The places the input names, counted against ``candidate``, and the text naming each kind.

    A name can stand for places of several kinds (福田: the district, the street and the
    community); when one of them is the candidate's, that is what the name meant and the
    others are not counted. A name inside the text of a similar-name query (德兴 of
    德兴大夏) was read as part of that name, not as a place of its own.
    """
    own = _candidate_places(candidate)
    similar = candidate.written if candidate.matched_by.startswith("similar") else ""
    named: Named = {}
    written: dict[str, str] = {}
    forms = reading.written
    for i, hit in enumerate(reading.hits):
        places = _meant(hit.places, own)
        if places is None:
            if similar and hit.form in similar:
                continue
            places = hit.places
        partial = f"partial:{forms[i]}" if forms and forms[i] != hit.form else None
        for kind, key, how in places:
            keys = named.get(kind)
            if keys is None:
                named[kind] = {key: partial or how}
                written[kind] = hit.form
            elif key not in keys:
                keys[key] = partial or how
    return named, written


def _meant(places: tuple[Place, ...], own: dict[str, str | int | None]) -> tuple[Place, ...] | None:
    """The places of a name that are the candidate's own, or None if none is (a place's key
    is never None, so a kind the candidate lacks never counts)."""
    if len(places) == 1:
        kind, key, _ = places[0]
        return places if own.get(kind) == key else None
    mine = tuple(p for p in places if own.get(p[0]) == p[1])
    return mine or None


def _place(
    element: str,
    named: dict[str | int, str] | None,
    written: str | None,
    key: str | int | None,
    value: str | None,
) -> ElementComparison:
    if not named:
        return comparison(element, "missing", None, value, 0.0)
    if key is None:
        return comparison(element, "absent", written, None, 0.0)
    how = named.get(key)
    if how is None:
        return comparison(element, "conflicting", written, value, 0.0)
    if how.startswith("partial:"):
        text = how.removeprefix("partial:")
        return comparison(element, "fuzzy", text, value, fuzz.ratio(text, value or "") / 100.0)
    return comparison(element, how, written, value, 1.0)


def _fuzzy(element: str, text: str, value: str | None, similarity: float) -> ElementComparison:
    return comparison(element, "fuzzy", text, value, similarity)


def compare_admin(candidate: Candidate, named: Named, written: dict[str, str]) -> list[ElementComparison]:
    """District, street and community of the input against the candidate's."""
    codes, names = candidate.admin_codes, candidate.admin_names
    out = []
    for i, kind in enumerate(ADMIN_KINDS):
        code, name = (codes[i], names[i]) if i < len(codes) else (None, None)
        out.append(_place(kind, named.get(kind), written.get(kind), code, name))
    return out


def compare_places(
    reading: AddressReading, candidate: Candidate, named: Named, written: dict[str, str]
) -> list[ElementComparison]:
    """Road, door number and complex of the input against the candidate's."""
    out = []
    if candidate.matched_by == "similar_road":
        out.append(_fuzzy("road", candidate.written, candidate.road_name, candidate.name_similarity))
    else:
        out.append(
            _place("road", named.get("road"), written.get("road"), candidate.road_id, candidate.road_name)
        )
    door = reading.door[1] if reading.door is not None else None
    if candidate.matched_by == "similar_road":
        door = door or candidate.door_number
    spelt = reading.gap_door(candidate.door_number) if door is None and candidate.road_name else None
    if spelt is not None:
        similarity = fuzz.ratio(spelt, candidate.road_name or "") / 100.0
        out[-1] = _fuzzy("road", spelt, candidate.road_name, similarity)
        door = candidate.door_number
    out.append(_door(door, candidate.door_number))
    if candidate.matched_by == "similar_complex":
        out.append(_fuzzy("complex", candidate.written, candidate.complex_name, candidate.name_similarity))
    else:
        out.append(
            _place(
                "complex",
                named.get("complex"),
                written.get("complex"),
                candidate.complex_id,
                candidate.complex_name,
            )
        )
    return out


def _door(door: str | None, value: str | None) -> ElementComparison:
    if door is None:
        return comparison("door_number", "missing", None, value, 0.0)
    if value is None:
        return comparison("door_number", "absent", door, None, 0.0)
    outcome = "exact" if door == value else "conflicting"
    return comparison("door_number", outcome, door, value, SIMILARITY[outcome])


def compare_local(reading: AddressReading, candidate: Candidate) -> list[ElementComparison]:
    """Building, unit and room of the input against the candidate's."""
    local = reading.local
    out = []
    if local.building is None:
        out.append(comparison("building", "missing", None, candidate.building_label, 0.0))
    elif candidate.building_code is None:
        out.append(comparison("building", "absent", local.building, None, 0.0))
    else:
        out.append(comparison("building", "normalised", local.building, candidate.building_label, 1.0))
    if local.room is None:
        return out
    outcome = (
        "exact" if candidate.room_found else ("absent" if candidate.building_code is None else "conflicting")
    )
    if local.unit is not None:
        out.append(
            comparison(
                "unit", outcome, local.unit, local.unit if candidate.room_found else None, SIMILARITY[outcome]
            )
        )
    out.append(
        comparison(
            "room", outcome, local.room, local.room if candidate.room_found else None, SIMILARITY[outcome]
        )
    )
    return out


def compare(reading: AddressReading, candidate: Candidate) -> tuple[ElementComparison, ...]:
    """Every weighted element of the input against ``candidate``, coarse to fine."""
    named, written = named_places(reading, candidate)
    return (
        *compare_admin(candidate, named, written),
        *compare_places(reading, candidate, named, written),
        *compare_local(reading, candidate),
    )
