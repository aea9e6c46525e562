"""fabricate_no_match: each method makes an address the facts do not have, or says it cannot."""

from __future__ import annotations

from random import Random

import pytest
from records_facts import standard_room_fact

from addressreg.model import AddressFacts
from addressreg.records import NO_MATCH_METHODS
from addressreg.records.fabricate import fabricate_no_match, index_facts
from addressreg.records.parts import parts_from_facts
from addressreg.records.vocabulary import NoiseVocabulary


def test_index_holds_names_aliases_and_highest_numbers(
    vocabulary: NoiseVocabulary, registry_facts: list[AddressFacts]
) -> None:
    index = index_facts(registry_facts, vocabulary)
    assert index.complex_names == {"翠景花园", "翠景", "星河丹堤"}
    assert index.highest_door == {"民治大道": 111, "上川路": 8}
    assert index.highest_building == {"翠景花园": 12, "星河丹堤": 6}


@pytest.mark.parametrize("seed", range(30))
def test_each_method_makes_an_absent_address(
    vocabulary: NoiseVocabulary, registry_facts: list[AddressFacts], seed: int
) -> None:
    index = index_facts(registry_facts, vocabulary)
    parts = parts_from_facts(registry_facts[0], vocabulary)
    rng = Random(seed)
    unknown = fabricate_no_match(parts, "unknown_complex", index, vocabulary, rng)
    assert unknown is not None and unknown.complex_name not in index.complex_names
    assert (unknown.road, unknown.complex_aliases, unknown.community) == ("", (), parts.community)
    door = fabricate_no_match(parts, "door_beyond_range", index, vocabulary, rng)
    assert door is not None and door.road == "民治大道" and not door.complex_name
    assert int(door.door_number) > 111
    building = fabricate_no_match(parts, "building_beyond_range", index, vocabulary, rng)
    assert building is not None and building.complex_name == "翠景花园" and not building.road
    assert int(building.building_number) >= 12 + 30


def test_methods_that_cannot_apply_return_none(vocabulary: NoiseVocabulary) -> None:
    fact = standard_room_fact(road=None, door_number=None, building_label="A座")
    index = index_facts([fact], vocabulary)
    parts = parts_from_facts(fact, vocabulary)
    assert fabricate_no_match(parts, "door_beyond_range", index, vocabulary, Random(0)) is None
    assert fabricate_no_match(parts, "building_beyond_range", index, vocabulary, Random(0)) is None


def test_unknown_complex_gives_up_when_every_name_exists(vocabulary: NoiseVocabulary) -> None:
    tiny = NoiseVocabulary(**{**_fields(vocabulary), "complex_heads": ("金",), "complex_suffixes": ("苑",)})
    fact = standard_room_fact(complex_name="金金苑")
    index = index_facts([fact], tiny)
    assert fabricate_no_match(parts_from_facts(fact, tiny), "unknown_complex", index, tiny, Random(0)) is None


def test_unknown_method_is_refused(vocabulary: NoiseVocabulary) -> None:
    parts = parts_from_facts(standard_room_fact(), vocabulary)
    index = index_facts([standard_room_fact()], vocabulary)
    assert "teleport" not in NO_MATCH_METHODS
    with pytest.raises(KeyError, match="teleport"):
        fabricate_no_match(parts, "teleport", index, vocabulary, Random(0))


def _fields(vocabulary: NoiseVocabulary) -> dict[str, object]:
    return {name: getattr(vocabulary, name) for name in vocabulary.__slots__}
