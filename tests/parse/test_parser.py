"""parse(): elements with offsets into the input, values in normal form, the CCKS crosswalk."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from addressreg.parse.gazetteer import Gazetteer
from addressreg.parse.parsed import ParsedAddress, to_ccks
from addressreg.parse.parser import parse
from addressreg.standard import AddressStandard

ISSUE_EXAMPLES = [
    "深圳市宝安区新安街道上川社区上合花园5栋1203",
    "宝安新安上合花园五栋1203室",
    "寶安區上合花園5-1203",
]


def check_offsets(parsed: ParsedAddress) -> None:
    cursor = 0
    for element in parsed.elements:
        assert parsed.text[element.start : element.end] == element.text
        assert cursor <= element.start < element.end
        cursor = element.end


@pytest.mark.parametrize("text", ISSUE_EXAMPLES)
def test_issue_examples_point_into_the_input(
    text: str, gazetteer: Gazetteer, standard: AddressStandard
) -> None:
    parsed = parse(text, gazetteer, standard)
    check_offsets(parsed)
    assert parsed.text == text
    assert parsed.first("district") is not None


def test_full_standard_address(gazetteer: Gazetteer, standard: AddressStandard) -> None:
    parsed = parse(ISSUE_EXAMPLES[0], gazetteer, standard)
    values = parsed.values()
    assert values["city"] == "深圳市"
    assert values["district"] == "宝安区"
    assert values["street"] == "新安街道"
    assert values["community"] == "上川社区"


def test_short_and_traditional_names_get_canonical_values(
    gazetteer: Gazetteer, standard: AddressStandard
) -> None:
    short = parse(ISSUE_EXAMPLES[1], gazetteer, standard)
    assert short.values()["district"] == "宝安区"
    assert short.normalised == "宝安新安上合花园5栋1203室"
    traditional = parse(ISSUE_EXAMPLES[2], gazetteer, standard)
    district = traditional.first("district")
    assert district is not None and district.text == "寶安區" and district.value == "宝安区"


def test_chinese_numerals_become_digits_in_values(gazetteer: Gazetteer, standard: AddressStandard) -> None:
    parsed = parse("宝安区上合花园十二栋三单元二十三楼", gazetteer, standard)
    check_offsets(parsed)
    by_label = {e.label: e.value for e in parsed.elements}
    assert by_label.get("building") == "12栋"


def test_district_alias_value(gazetteer: Gazetteer, standard: AddressStandard) -> None:
    parsed = parse("深圳市龙华新区民治街道", gazetteer, standard)
    values = [e.value for e in parsed.elements]
    assert "龙华区" in values


def test_ccks_labels_come_from_the_crosswalk(gazetteer: Gazetteer, standard: AddressStandard) -> None:
    parsed = parse(ISSUE_EXAMPLES[0], gazetteer, standard)
    ccks = to_ccks(parsed, standard)
    crosswalk = standard.to_ccks()
    assert [e["label"] for e in ccks] == [crosswalk[e.label] for e in parsed.elements]
    assert [(e["start"], e["end"]) for e in ccks] == [(e.start, e.end) for e in parsed.elements]


def test_empty_gazetteer_still_parses(standard: AddressStandard) -> None:
    parsed = parse(ISSUE_EXAMPLES[0], Gazetteer.from_names(standard), standard)
    check_offsets(parsed)
    assert parsed.elements


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=60))
def test_never_raises_and_offsets_hold(text: str, gazetteer: Gazetteer, standard: AddressStandard) -> None:
    check_offsets(parse(text, gazetteer, standard))
