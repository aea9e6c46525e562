"""AddressParts: the standard form of facts, and how parts are joined into text."""

from __future__ import annotations

from typing import Any

import pytest
from records_facts import standard_room_fact

from addressreg.records.parts import AddressParts, parts_from_facts, render_parts
from addressreg.records.vocabulary import NoiseVocabulary

# (overrides of the standard room fact, expected standard form)
FORM_CASES: list[tuple[dict[str, Any], str]] = [
    ({}, "深圳市龙华区民治街道上芬社区民治大道12号翠景花园5栋2单元1203"),
    ({"door_number": "12号"}, "深圳市龙华区民治街道上芬社区民治大道12号翠景花园5栋2单元1203"),
    ({"door_number": None}, "深圳市龙华区民治街道上芬社区翠景花园5栋2单元1203"),
    (
        {"road": None, "complex_name": None, "building_label": "12号楼"},
        "深圳市龙华区民治街道上芬社区12号楼2单元1203",
    ),
    ({"unit": None}, "深圳市龙华区民治街道上芬社区民治大道12号翠景花园5栋1203"),
    ({"complex_name": None, "building_label": ""}, "深圳市龙华区民治街道上芬社区民治大道12号2单元1203"),
    (
        {"level": "building", "code": "4403090030020400005", "room": None},
        "深圳市龙华区民治街道上芬社区民治大道12号翠景花园5栋",
    ),
]


@pytest.mark.parametrize(("overrides", "expected"), FORM_CASES)
def test_standard_form(vocabulary: NoiseVocabulary, overrides: dict[str, Any], expected: str) -> None:
    assert render_parts(parts_from_facts(standard_room_fact(**overrides), vocabulary)) == expected


@pytest.mark.parametrize(
    ("label", "split"),
    [
        ("5栋", ("5", "栋")),
        ("12号楼", ("12", "号楼")),
        ("A座", ("A", "座")),
        ("B3", ("B3", "")),
        ("栋", ("栋", "")),
    ],
)
def test_building_label_split_takes_the_longest_marker(
    vocabulary: NoiseVocabulary, label: str, split: tuple[str, str]
) -> None:
    assert vocabulary.split_building_label(label) == split


# (parts, expected text): where notes, phone numbers and separators go
RENDER_CASES = [
    (
        AddressParts(district="宝安区", complex_name="翠景花园", building_number="5", note="（门口）"),
        "宝安区翠景花园（门口）5",
    ),
    (AddressParts(road="上川路", door_number="3", door_marker="号", note="(后门)"), "上川路3号(后门)"),
    (AddressParts(building_number="5", building_marker="栋", note="[对面]"), "5栋[对面]"),
    (
        AddressParts(building_number="5", unit="2", room="1203", shorthand=True, room_marker="室"),
        "5-2-1203室",
    ),
    (AddressParts(building_number="5", room="1203", shorthand=True), "5-1203"),
    (
        AddressParts(city="深圳市", district="宝安区", separator="，", tail="电话13800000000"),
        "深圳市，宝安区，电话13800000000",
    ),
    (
        AddressParts(lead="13800000000", district="宝安区", building_number="5", building_marker="栋"),
        "13800000000宝安区5栋",
    ),
]


@pytest.mark.parametrize(("parts", "expected"), RENDER_CASES)
def test_render(parts: AddressParts, expected: str) -> None:
    assert render_parts(parts) == expected


def test_changed_copies_and_refuses_unknown_fields() -> None:
    parts = AddressParts(district="宝安区", street="新安街道")
    changed = parts.changed(street="")
    assert (parts.street, changed.street, changed.district) == ("新安街道", "", "宝安区")
    assert changed == AddressParts(district="宝安区")
    with pytest.raises(TypeError, match="no field town"):
        parts.changed(town="新安")
