"""Blocking: from a reading of the input to candidate queries, strict first, then loose.

Strict queries name registry places exactly (complex ids; road ids with a door number).
Loose queries carry written text that named no registry place (a typo, a variant) for a
fuzzy, character-n-gram search. The engine runs the loose tier only when the strict tier
finds no building.
"""

from __future__ import annotations

import re

from addressreg.match.query import CandidateQuery
from addressreg.match.reading import AddressReading, LocalGrammar

DIGIT = re.compile(r"[0-9]")


def _query(
    kind: str, keys: tuple[int, ...], text: str, door: str | None, reading: AddressReading
) -> CandidateQuery:
    """A query of ``kind`` for the reading's local part (a named tuple made from a plain one:
    a NamedTuple's own ``__new__`` is interpreted Python even in compiled code)."""
    return tuple.__new__(CandidateQuery, (kind, keys, text, door, reading.local))


def _keys(reading: AddressReading, kind: str) -> tuple[int, ...]:
    return tuple(sorted({int(key) for key, _ in reading.places(kind)}))


def strict_queries(reading: AddressReading) -> tuple[CandidateQuery, ...]:
    """Complex ids named in the input (and, where unknown text runs into a complex name, the
    whole written name to look up fuzzily); road ids with the door number that follows them."""
    queries = []
    complexes = _keys(reading, "complex")
    if complexes:
        queries.append(_query("complex", complexes, "", None, reading))
    for i, hit in enumerate(reading.hits):
        if reading.written and reading.written[i] != hit.form:
            queries.append(_query("similar_complex", (), reading.written[i], None, reading))
    if reading.door is not None:
        hit_index, number = reading.door
        roads = tuple(sorted({int(k) for kind, k, _ in reading.hits[hit_index].places if kind == "road"}))
        queries.append(_query("door_plate", roads, "", number, reading))
    return tuple(queries)


def _trailing_door(text: str, grammar: LocalGrammar) -> tuple[str, str] | None:
    """(name, door number) when ``text`` ends in a door number after a name."""
    for match in grammar.door.finditer(text):
        if match.end() == len(text) and match.start() > 0:
            return text[: match.start()], match.group(1)
    return None


def _written_names(reading: AddressReading) -> list[str]:
    """Unknown text to look up: each gap, and each gap with the name found right before it
    (大望 + 材: a typo can leave a name's first characters reading as another place)."""
    ends = {hit.end: hit.form for hit in reading.hits}
    texts = []
    for gap in reading.gaps:
        texts.append(gap.text)
        before = ends.get(gap.start)
        if before is not None and not DIGIT.match(gap.text):
            texts.append(before + gap.text)
    return texts


def loose_queries(
    reading: AddressReading, min_length: int, grammar: LocalGrammar
) -> tuple[CandidateQuery, ...]:
    """Unknown text long enough to look up (see :func:`_written_names`): as a road + door
    number when it ends in one, else as a complex name."""
    queries = []
    for text in _written_names(reading):
        door = _trailing_door(text, grammar)
        if door is not None and len(door[0]) >= min_length:
            queries.append(_query("similar_road", (), door[0], door[1], reading))
        elif door is None and len(text) >= min_length:
            queries.append(_query("similar_complex", (), text, None, reading))
    return tuple(queries)
