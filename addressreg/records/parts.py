"""The parts of one address as a department will write it, and how they become text.

:class:`AddressParts` is the stage between the registry's :class:`AddressFacts` and the
record's text: every element is a string ready to be written (``""`` = not written), so
the noise steps change parts with :meth:`AddressParts.changed` and :func:`render_parts`
only joins them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from addressreg.model import AddressFacts
from addressreg.records.vocabulary import NoiseVocabulary


@dataclass(frozen=True)
class AddressParts:
    """The written elements of one address, in the order they are written.

    ``door_number`` is written followed by ``door_marker`` (12 + 号); the local part is
    ``building_number`` + ``building_marker`` + ``unit`` + ``unit_marker`` + ``room`` +
    ``room_marker`` (5栋2单元1203), or with ``shorthand`` the numbers joined by ``-``
    (5-2-1203). ``note`` (with its brackets) follows the complex, else the road, else the
    local part. ``lead`` and ``tail`` are free text before and after the address (a phone
    number). ``separator`` is written between elements. The alias tuples are what the
    colloquial steps may use; they are never written as such. Every field defaults to
    "not written".
    """

    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    community: str = ""
    road: str = ""
    door_number: str = ""
    door_marker: str = ""
    complex_name: str = ""
    building_number: str = ""
    building_marker: str = ""
    unit: str = ""
    unit_marker: str = ""
    room: str = ""
    room_marker: str = ""
    shorthand: bool = False
    note: str = ""
    lead: str = ""
    tail: str = ""
    separator: str = ""
    district_aliases: tuple[str, ...] = ()
    complex_aliases: tuple[str, ...] = ()

    def changed(self, **changes: str | bool | tuple[str, ...]) -> AddressParts:
        """A copy with ``changes`` applied, like ``dataclasses.replace``.

        ``replace`` re-runs the frozen ``__init__`` over all 22 fields (about 6 µs on
        CPython 3.11, measured) and the generator calls it a few times per record; this
        copies the instance dictionary instead (under 1 µs).

        Raises:
            TypeError: a name in ``changes`` is not a field.
        """
        unknown = changes.keys() - _FIELD_NAMES
        if unknown:
            raise TypeError(f"AddressParts has no field {', '.join(sorted(unknown))}")
        copy = object.__new__(AddressParts)
        object.__setattr__(copy, "__dict__", {**self.__dict__, **changes})
        return copy


_FIELD_NAMES = frozenset(field.name for field in fields(AddressParts))
_BLANK = AddressParts()


def parts_from_facts(facts: AddressFacts, vocabulary: NoiseVocabulary) -> AddressParts:
    """Write the registry's full standard form of ``facts`` as parts.

    The form carries every element the facts have: city, district, street, community,
    road + door number, complex, building, and for a room-level address unit and room.
    Road and door number are written together or not at all; a door number written with its
    marker (``12号``) loses the marker (it is re-added).
    """
    number, marker = vocabulary.split_building_label(facts.building_label)
    is_room = facts.level == "room"
    road, door = _road_and_door(facts, vocabulary.door_marker)
    # Changing a blank template is about 3x faster than the frozen __init__ of 22 fields,
    # and this runs once per generated record.
    return _BLANK.changed(
        city=vocabulary.city,
        district=facts.district,
        street=facts.street,
        community=facts.community,
        road=road,
        door_number=door,
        door_marker=vocabulary.door_marker,
        complex_name=facts.complex_name or "",
        building_number=number,
        building_marker=marker,
        unit=str(facts.unit) if is_room and facts.unit is not None else "",
        unit_marker=vocabulary.unit_marker,
        room=(facts.room or "") if is_room else "",
        district_aliases=facts.district_aliases,
        complex_aliases=facts.complex_aliases,
    )


def _road_and_door(facts: AddressFacts, door_marker: str) -> tuple[str, str]:
    """The road and door number to write: both, or neither when one is missing."""
    door = facts.door_number or ""
    if door.endswith(door_marker):
        door = door[: -len(door_marker)]
    if not facts.road or not door:
        return "", ""
    return facts.road, door


def render_parts(parts: AddressParts) -> str:
    """Join the written parts into the record's text, ``separator`` between elements."""
    place = _place_segments(parts)
    local = _local_text(parts)
    if parts.note and not place:
        local += parts.note
    segments = (
        parts.lead,
        parts.province,
        parts.city,
        parts.district,
        parts.street,
        parts.community,
        *place,
        local,
        parts.tail,
    )
    return parts.separator.join([segment for segment in segments if segment])


def _place_segments(parts: AddressParts) -> list[str]:
    """Road + door number and the complex, with the note after the last one written."""
    place = []
    if parts.road:
        place.append(parts.road + parts.door_number + parts.door_marker)
    if parts.complex_name:
        place.append(parts.complex_name)
    if parts.note and place:
        place[-1] += parts.note
    return place


def _local_text(parts: AddressParts) -> str:
    """Building, unit and room, written out or as dash shorthand."""
    if parts.shorthand:
        numbers = [parts.building_number, parts.unit, parts.room]
        return "-".join([number for number in numbers if number]) + (parts.room_marker if parts.room else "")
    text = parts.building_number + parts.building_marker
    if parts.unit:
        text += parts.unit + parts.unit_marker
    if parts.room:
        text += parts.room + parts.room_marker
    return text
