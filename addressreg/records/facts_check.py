"""Check that facts can be written as records before any record is made."""

from __future__ import annotations

from collections.abc import Sequence

from addressreg.model import AddressFacts

FACT_LEVELS = ("room", "building")


class InvalidFacts(ValueError):
    """A fact cannot be written as a record; the message names its index, code and field."""


def check_facts(facts: Sequence[AddressFacts], building_code_length: int, room_code_length: int) -> None:
    """Check every fact's level, code and the elements its level needs.

    A ``building`` fact has a code of ``building_code_length`` digits; a ``room`` fact one
    of ``room_code_length`` digits, and a room. Every fact has a district, and a building
    label unless its road and door number alone name the building (one building per plate).

    Raises:
        InvalidFacts: naming the first fact that is wrong (``facts[i]``), its code and field.
    """
    for i, fact in enumerate(facts):
        problem = _problem(fact, {"building": building_code_length, "room": room_code_length})
        if problem is not None:
            field, what = problem
            raise InvalidFacts(f"facts[{i}] (code {fact.code!r}): {field}: {what}")


def _problem(fact: AddressFacts, code_lengths: dict[str, int]) -> tuple[str, str] | None:
    """The (field, problem) that makes ``fact`` unwritable, or None."""
    if fact.level not in FACT_LEVELS:
        return "level", f"must be one of {', '.join(FACT_LEVELS)}, got {fact.level!r}"
    if not (fact.code.isascii() and fact.code.isdigit()):
        return "code", "must be ASCII digits"
    if len(fact.code) != code_lengths[fact.level]:
        return "code", f"a {fact.level} code has {code_lengths[fact.level]} digits, got {len(fact.code)}"
    if fact.level == "room" and not fact.room:
        return "room", "a room-level fact needs its room"
    if not fact.building_label and not (fact.road and fact.door_number):
        return "building_label", "must not be empty when no road and door number name the building"
    if not fact.district:
        return "district", "must not be empty"
    return None
