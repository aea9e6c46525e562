"""The shipped noise rules the matcher relies on: phone labels, glued mobiles, name brackets."""

from __future__ import annotations

import pytest

from addressreg.normalise.pipeline import normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联系电话:17795158852新天CBC", "新天CBC"),
        ("tel 15822235573嘉保田花园", "嘉保田花园"),
        ("手机：１３１８５２１６７５７丰湖花园", "丰湖花园"),
        ("益田花园1-1-301联系电话：0755-83001234", "益田花园1-1-301"),
    ],
)
def test_a_phone_number_goes_with_its_label(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("港铁天颂1栋40214403221374", "港铁天颂1栋402"),
        ("中信红树湾2-100318081663557", "中信红树湾2-1003"),
        ("阳光四季2栋190317359951506", "阳光四季2栋1903"),
    ],
)
def test_a_mobile_glued_to_a_room_number_goes_and_the_room_stays(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_a_long_number_that_is_no_mobile_stays() -> None:
    assert normalise("编码440305003001010000201") == "编码440305003001010000201"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("万科红(三期)1栋", "万科红3期1栋"),
        ("中信红树湾[北区]", "中信红树湾北区"),
        ("TT国际公寓(缔梦园三期)", "TT国际公寓缔梦园3期"),
        ("世界花园（门口）2栋", "世界花园2栋"),
        ("龙腾花园【一楼商铺】", "龙腾花园"),
        ("景园大厦(近地铁站)", "景园大厦"),
    ],
)
def test_brackets_of_a_phase_or_zone_go_and_notes_go_whole(text: str, expected: str) -> None:
    assert normalise(text) == expected
