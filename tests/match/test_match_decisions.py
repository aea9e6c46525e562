"""The core's decisions, table-driven: one row per kind of noise the record generator makes."""

from __future__ import annotations

import pytest
from conftest import JINCHENG_1, PLATE_66, ROOMS, UNITLESS_ROOMS, XIANGSHAN_1, XIANGSHAN_2

from addressreg.match.engine import MatchingEngine
from addressreg.match.resolution import Category, Level
from addressreg.records import STEP_NAMES

ROOM_2_2_1203 = ROOMS[(XIANGSHAN_2, 2, "1203")]
ROOM_2_1_301 = ROOMS[(XIANGSHAN_2, 1, "301")]
ROOM_JINCHENG = ROOMS[(JINCHENG_1, 1, "2505")]
FULL = "深圳市南山区沙河街道高发社区泉园一路64号世界花园香山居2栋2单元1203"

# (noise step, input, accepted categories, expected code)
NOISE_TABLE = [
    ("drop_city", FULL.removeprefix("深圳市"), "A", ROOM_2_2_1203),
    ("add_province", "广东省" + FULL, "A", ROOM_2_2_1203),
    ("drop_district", "深圳市沙河街道高发社区泉园一路64号世界花园香山居2栋2单元1203", "A", ROOM_2_2_1203),
    ("old_district_name", "深圳市龙华新区民治街道民康社区松源路3号中海锦城1栋1单元2505", "A", ROOM_JINCHENG),
    ("drop_street", "深圳市南山区高发社区泉园一路64号世界花园香山居2栋2单元1203", "A", ROOM_2_2_1203),
    ("drop_community", "深圳市南山区沙河街道泉园一路64号世界花园香山居2栋2单元1203", "A", ROOM_2_2_1203),
    ("road_instead_of_complex", "深圳市南山区沙河街道高发社区泉园一路64号2栋2单元1203", "A", ROOM_2_2_1203),
    ("complex_instead_of_road", "南山区世界花园香山居2栋2单元1203", "A", ROOM_2_2_1203),
    ("colloquial_complex", "南山区香山居小区2栋2单元1203", "A", ROOM_2_2_1203),
    ("typo", "南山区世界花圆香山居2栋2单元1203", "B", ROOM_2_2_1203),
    ("typo", "深圳市南山区沙河街道高发社区泉圆一路66号201", "B", UNITLESS_ROOMS[(PLATE_66, "201")]),
    ("drop_room", "南山区世界花园香山居2栋", "A", XIANGSHAN_2),
    ("dash_shorthand", "南山区世界花园香山居2-2-1203", "A", ROOM_2_2_1203),
    ("chinese_numerals", "南山区世界花园香山居二栋二单元1203", "A", ROOM_2_2_1203),
    ("building_marker_variant", "南山区世界花园香山居2号楼2单元1203", "A", ROOM_2_2_1203),
    ("room_marker_variant", "南山区世界花园香山居2栋2单元1203室", "A", ROOM_2_2_1203),
    ("bracket_note", "南山区世界花园香山居（门口）2栋2单元1203", "A", ROOM_2_2_1203),
    ("phone_noise", "13812345678南山区世界花园香山居2栋2单元1203", "AB", ROOM_2_2_1203),
    ("phone_noise", "南山区世界花园香山居2栋2单元1203 电话:13812345678", "A", ROOM_2_2_1203),
    ("spaces_and_punctuation", "南山区、世界花园香山居、2栋2单元1203", "A", ROOM_2_2_1203),
    ("traditional_chars", "南山區世界花園香山居2棟2單元1203", "A", ROOM_2_2_1203),
    ("fullwidth_digits", "南山区世界花园香山居２栋２单元１２０３", "A", ROOM_2_2_1203),
]


def test_the_table_covers_every_noise_step() -> None:
    assert {row[0] for row in NOISE_TABLE} == set(STEP_NAMES)


@pytest.mark.parametrize(("step", "text", "categories", "code"), NOISE_TABLE, ids=[r[0] for r in NOISE_TABLE])
def test_noisy_input_resolves_to_its_code(
    small_engine: MatchingEngine, step: str, text: str, categories: str, code: str
) -> None:
    resolution = small_engine.resolve(text)
    assert resolution.category.value in categories, (step, resolution.explanation)
    assert resolution.code == code
    assert resolution.level is (Level.ROOM if len(code) == 25 else Level.BUILDING)


# (description, input, category, level, code or None)
NO_MATCH_TABLE = [
    (
        "unknown complex in a real community",
        "南山区沙河街道高发社区金泰大厦1栋1单元2403",
        "C",
        Level.COMMUNITY,
        "440305003001",
    ),
    (
        "door number beyond the road's plates",
        "南山区沙河街道泉园一路999号2栋",
        "C",
        Level.STREET,
        "440305003",
    ),
    ("building beyond the complex's buildings", "南山区世界花园香山居88栋1单元101", "C", Level.COMPLEX, None),
    ("room the building does not have", "南山区世界花园香山居2栋2单元4404", "C", Level.BUILDING, XIANGSHAN_2),
    ("nothing the registry knows", "火星基地7号", "U", Level.NONE, None),
    ("empty text", "", "U", Level.NONE, None),
]


@pytest.mark.parametrize(
    ("why", "text", "category", "level", "code"), NO_MATCH_TABLE, ids=[r[0] for r in NO_MATCH_TABLE]
)
def test_no_match_is_never_accepted(
    small_engine: MatchingEngine, why: str, text: str, category: str, level: Level, code: str | None
) -> None:
    resolution = small_engine.resolve(text)
    assert resolution.category.value == category, (why, resolution.explanation)
    assert resolution.level is level
    assert resolution.code == code


def test_room_without_unit_is_ambiguous_when_two_units_have_it(small_engine: MatchingEngine) -> None:
    resolution = small_engine.resolve("南山区世界花园香山居2栋301")
    assert resolution.category is Category.C
    assert {resolution.code, resolution.runner_up.code if resolution.runner_up else None} == {
        ROOM_2_1_301,
        ROOMS[(XIANGSHAN_2, 2, "301")],
    }


def test_community_only_input_resolves_to_the_community(small_engine: MatchingEngine) -> None:
    resolution = small_engine.resolve("深圳市南山区沙河街道高发社区")
    assert (resolution.category, resolution.level, resolution.code) == (
        Category.A,
        Level.COMMUNITY,
        "440305003001",
    )


def test_explanation_names_agreeing_missing_and_unused_parts(small_engine: MatchingEngine) -> None:
    resolution = small_engine.resolve("南山区世界花园香山居1栋502 电话")
    assert resolution.code == ROOMS[(XIANGSHAN_1, 1, "502")]
    assert {"district", "complex", "building", "room"} <= set(resolution.explanation.agreed)
    assert "road" in resolution.explanation.missing
    assert resolution.explanation.unused_text == ("电话",)
    assert resolution.standard_address and resolution.standard_address.endswith("世界花园香山居1栋502")


def test_a_conflicting_district_is_reported(small_engine: MatchingEngine) -> None:
    resolution = small_engine.resolve("龙华区世界花园香山居2栋2单元1203")
    assert resolution.category is not Category.A
    assert "district" in resolution.explanation.differed


def test_batch_resolves_each_text_in_order(small_engine: MatchingEngine) -> None:
    texts = [FULL, "火星基地", FULL]
    codes = [r.code for r in small_engine.resolve_batch(texts)]
    assert codes == [ROOM_2_2_1203, None, ROOM_2_2_1203]
