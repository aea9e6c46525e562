"""The standard address text comes from the standard's template; bad format files fail by key."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.model import AddressFacts
from addressreg.standard import InvalidStandard
from addressreg.standard_address import FORMAT_FILE, facts_text, load_address_format, standard_text

PARTS: dict[str, str | int | None] = {
    "district": "宝安区", "street": "新安街道", "community": "上川社区", "road": "上川路",
    "door": "12", "complex": "华丰花园", "building": "5栋", "unit": 2, "room": "1203",
}  # fmt: skip


def test_building_and_room_texts_follow_the_template() -> None:
    fmt = load_address_format(DEFAULT_STANDARD_DIR)
    building = standard_text(PARTS, "building", fmt)
    assert building == "深圳市宝安区新安街道上川社区上川路12号华丰花园5栋"
    assert standard_text(PARTS, "room", fmt) == building + "2单元1203"


def test_missing_elements_drop_out_with_their_decoration() -> None:
    fmt = load_address_format(DEFAULT_STANDARD_DIR)
    parts = {**PARTS, "complex": None, "building": "", "unit": None}
    assert standard_text(parts, "room", fmt) == "深圳市宝安区新安街道上川社区上川路12号1203"


@pytest.mark.parametrize("decoration", ["{}号", "第{}单元", "{{{}}}", "{}", "{{}}{}"])
@pytest.mark.parametrize("value", [2, "A3", "1203"])
def test_a_decoration_writes_what_format_writes(decoration: str, value: str | int) -> None:
    fmt = replace(load_address_format(DEFAULT_STANDARD_DIR), decorations={"unit": decoration})
    text = standard_text({"unit": value}, "room", fmt)
    assert text == fmt.city + decoration.format(value)


def test_facts_text_uses_the_facts_level() -> None:
    fmt = load_address_format(DEFAULT_STANDARD_DIR)
    facts = AddressFacts(
        code="4403060170010100001", level="building", district="宝安区", street="新安街道",
        community="上川社区", road=None, door_number=None, complex_name="华丰花园",
        building_label="5栋", unit=None, floor=None, room=None,
    )  # fmt: skip
    assert facts_text(facts, fmt) == "深圳市宝安区新安街道上川社区华丰花园5栋"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('{complex}{building}"\n  room', '{complex}{building}{floor}"\n  room', "templates.building"),
        ('{door}{complex}{building}"\n  room', '{door}号{complex}{building}"\n  room', "templates.building"),
        ('  unit: "{}单元"', '  unit: "单元"', "decorations.unit"),
        ("templates:", "template:", "templates"),
    ],
)
def test_a_malformed_format_names_the_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    shutil.copy(DEFAULT_STANDARD_DIR / FORMAT_FILE, tmp_path / FORMAT_FILE)
    text = (tmp_path / FORMAT_FILE).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / FORMAT_FILE).write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(InvalidStandard) as info:
        load_address_format(tmp_path)
    assert info.value.key == key and FORMAT_FILE in info.value.file


def test_a_missing_format_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidStandard, match=r"address_format\.yaml.*file not found"):
        load_address_format(tmp_path)
