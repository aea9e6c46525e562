"""Recall rules of the engine on a registry written for them (no database).

Names with brackets or punctuation, names ending in Latin letters, short names with a
typo, a name read as a place's short form, an unknown phase, repeated normal forms, and
the name scan itself.
"""

from __future__ import annotations

import pickle
from functools import partial

import pytest

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.match.engine import MatchingEngine, engine_for_index
from addressreg.match.index import build_index, name_forms
from addressreg.match.names import NameTable
from addressreg.match.resolution import Category
from addressreg.match.rows import BuildingRow, ComplexRow, RoomRow, UnitRow
from addressreg.match.rules import MatchingRules
from addressreg.normalise.pipeline import normalise
from addressreg.standard import AddressStandard
from addressreg.standard_address import load_address_format

NANSHAN, XILI, NANTOU = "440305", "440305009", "440305001"
FUTIAN, FUTIAN_STREET, XIANGMI = "440304", "440304004", "440304008"
DAWANG_STREET, DAWANG = "440303007", "440303007002"
COMMUNITIES = {
    "440305009012": ("留仙社区", XILI),
    "440305001003": ("南头社区", NANTOU),
    "440304004001": ("福田社区", FUTIAN_STREET),
    "440304008001": ("香蜜社区", XIANGMI),
    DAWANG: ("大望社区", DAWANG_STREET),
}
# complex id → (name, community); each complex has building 2栋 with room 2单元1203
COMPLEXES = {
    1: ("华昌大厦", "440305001003"),
    2: ("华昌大厦(西丽)", "440305009012"),
    3: ("星河智荟·铂寓", "440305001003"),
    4: ("新天CBC", "440304008001"),
    5: ("听泉居", "440304008001"),
    6: ("大望村", DAWANG),
    7: ("香蜜新村", "440304008001"),
}


def _units() -> list[UnitRow]:
    rows = [
        UnitRow(NANSHAN, "district", "南山区", None),
        UnitRow(FUTIAN, "district", "福田区", None),
        UnitRow("440303", "district", "罗湖区", None),
        UnitRow(XILI, "street", "西丽街道", NANSHAN),
        UnitRow(NANTOU, "street", "南头街道", NANSHAN),
        UnitRow(FUTIAN_STREET, "street", "福田街道", FUTIAN),
        UnitRow(XIANGMI, "street", "香蜜湖街道", FUTIAN),
        UnitRow(DAWANG_STREET, "street", "东湖街道", "440303"),
    ]
    for code, (name, parent) in COMMUNITIES.items():
        rows.append(UnitRow(code, "community", name, parent))
        rows.append(UnitRow(code + "01", "grid", name + "第一网格", code))
    return rows


def _building(complex_id: int) -> str:
    return COMPLEXES[complex_id][1] + "01" + f"{complex_id:05d}"


@pytest.fixture(scope="module")
def engine(standard: AddressStandard, matching_rules: MatchingRules) -> MatchingEngine:
    complexes = [ComplexRow(i, name, c, 114.0, 22.5) for i, (name, c) in COMPLEXES.items()]
    buildings = [
        BuildingRow(_building(i), c + "01", "2栋", None, i, 114.0, 22.5) for i, (_, c) in COMPLEXES.items()
    ]
    rooms = [RoomRow(_building(i) + "001203", _building(i), 2, "1203") for i in COMPLEXES]
    index = build_index(
        _units(),
        [],
        [],
        complexes,
        buildings,
        rooms,
        normalise=partial(normalise, rules=standard.normalisation),
        suffixes={rule.level: rule.canonical for rule in standard.normalisation.suffixes},
        ignorable_names=matching_rules.ignorable_names,
    )
    return engine_for_index(index, standard, matching_rules, load_address_format(DEFAULT_STANDARD_DIR))


def _room(complex_id: int) -> str:
    return _building(complex_id) + "001203"


def test_a_name_is_known_with_and_without_its_punctuation(standard: AddressStandard) -> None:
    forms = name_forms("华昌大厦(西丽)", partial(normalise, rules=standard.normalisation))
    assert forms == ("华昌大厦", "华昌大厦西丽")
    assert name_forms("星河智荟·铂寓", partial(normalise, rules=standard.normalisation)) == ("星河智荟铂寓",)


@pytest.mark.parametrize(
    ("text", "complex_id"),
    [
        ("南山区星河智荟·铂寓2栋2单元1203", 3),
        ("南山区星河智荟铂寓2栋2单元1203", 3),
        ("南山区华昌大厦(西丽)2栋2单元1203", 2),
        ("南山区华昌大厦西丽2栋2单元1203", 2),
    ],
)
def test_bracketed_and_punctuated_names_resolve(engine: MatchingEngine, text: str, complex_id: int) -> None:
    resolution = engine.resolve(text)
    assert resolution.category in (Category.A, Category.B), resolution.explanation
    assert resolution.code == _room(complex_id)


def test_a_bracket_note_still_goes(engine: MatchingEngine) -> None:
    resolution = engine.resolve("南山区南头街道华昌大厦(近地铁站)2栋2单元1203")
    assert resolution.category is Category.A
    assert resolution.code == _room(1)


def test_the_plain_name_of_two_complexes_stays_ambiguous(engine: MatchingEngine) -> None:
    resolution = engine.resolve("南山区华昌大厦2栋2单元1203")
    assert resolution.category is Category.C
    assert resolution.runner_up is not None


def test_a_name_ending_in_latin_letters_is_followed_by_its_building(engine: MatchingEngine) -> None:
    for text in ("福田区新天CBC2栋2单元1203", "福田区新天CBC2-2-1203"):
        resolution = engine.resolve(text)
        assert resolution.code == _room(4), text
        assert resolution.category is Category.A, (text, resolution.explanation)


def test_a_three_character_name_with_one_typo_is_found(engine: MatchingEngine) -> None:
    resolution = engine.resolve("福田区听全居2栋2单元1203")
    assert resolution.code == _room(5)
    assert resolution.category is Category.B


def test_a_typo_after_a_short_form_is_read_with_it(engine: MatchingEngine) -> None:
    resolution = engine.resolve("罗湖区大望材2栋2单元1203")  # 大望 is also the community's short form
    assert resolution.code == _room(6)
    assert resolution.category is Category.B


def test_a_short_form_of_several_places_does_not_conflict(engine: MatchingEngine) -> None:
    resolution = engine.resolve("福田香蜜新村2栋2单元1203")  # 福田: district, street and community
    assert resolution.code == _room(7)
    assert resolution.category is Category.A
    assert "street" not in resolution.explanation.differed


def test_an_unknown_phase_is_unused_text_not_unread_numbers(engine: MatchingEngine) -> None:
    resolution = engine.resolve("福田区香蜜新村(二期)2栋2单元1203")
    assert resolution.code == _room(7)
    assert resolution.category is Category.B
    assert resolution.explanation.unused_text == ("2期",)


def test_texts_of_one_normal_form_resolve_alike(engine: MatchingEngine) -> None:
    first = engine.resolve("福田区香蜜新村2栋2单元1203 电话13812345678")
    second = engine.resolve("福田區香蜜新村２栋２单元１２０３")
    assert second.text == "福田區香蜜新村２栋２单元１２０３"
    assert (second.code, second.category, second.score) == (first.code, first.category, first.score)


@pytest.mark.parametrize(
    "texts",
    [
        (
            "福田区香蜜新村2栋2单元1203 电话13812345678",
            "福田區香蜜新村２栋２单元１２０３",
            "福田区，香蜜新村2栋2单元1203",
        ),
        (
            "南山区华昌大厦(西丽)2栋2单元1203",
            "南山区南头街道华昌大厦(近地铁站)2栋2单元1203",
            "南山区华昌大厦()2栋",
        ),
    ],
)
def test_a_resolution_carries_the_normal_form_of_its_own_text(
    engine: MatchingEngine, standard: AddressStandard, texts: tuple[str, ...]
) -> None:
    for text in texts:  # the later texts of a row share a normal form (or a cache entry) with others
        resolution = engine.resolve(text)
        assert resolution.text == text
        assert resolution.normalised == normalise(text, standard.normalisation)


def test_the_scan_takes_the_longest_name_leftmost_and_survives_pickling() -> None:
    table = NameTable()
    for key, form in enumerate(("深南", "深南大道", "南大", "宝安区")):
        table.add(form, "road", key, "exact")
    hits = table.scan("深圳市宝安区深南大道10号")
    assert [(h.start, h.end, h.form) for h in hits] == [(3, 6, "宝安区"), (6, 10, "深南大道")]
    copy = pickle.loads(pickle.dumps(table))
    assert [h.form for h in copy.scan("南大深南")] == ["南大", "深南"]
    table.add("深圳市", "ignorable", "深圳市", "exact")
    assert [h.form for h in table.scan("深圳市宝安区")] == ["深圳市", "宝安区"]
