"""The gazetteer: short forms, suffix rules, district aliases, repeated community names."""

from __future__ import annotations

from addressreg.parse.gazetteer import Gazetteer, PlaceName
from addressreg.standard import AddressStandard


def small(standard: AddressStandard) -> Gazetteer:
    return Gazetteer.from_names(
        standard,
        districts=[PlaceName("宝安区"), PlaceName("龙华区"), PlaceName("龙岗区")],
        streets=[PlaceName("新安街道办事处", parent="宝安区"), PlaceName("西乡街道", parent="宝安区")],
        communities=[
            PlaceName("上川社区居委会", parent="新安街道"),
            PlaceName("凤凰社区居民委员会", parent="新安街道"),
            PlaceName("凤凰社区居委会", parent="西乡街道"),
        ],
        roads=[PlaceName("创业二路")],
        complexes=[PlaceName("上合花园", aliases=("上合",))],
    )


def test_canonical_names_follow_the_standard_suffixes(standard: AddressStandard) -> None:
    gazetteer = small(standard)
    assert [p.name for p in gazetteer.lookup("新安街道办事处", "street")] == ["新安街道"]
    assert [p.name for p in gazetteer.lookup("上川社区居委会", "community")] == ["上川社区"]


def test_short_forms_drop_the_level_suffix(standard: AddressStandard) -> None:
    gazetteer = small(standard)
    assert [p.name for p in gazetteer.lookup("宝安", "district")] == ["宝安区"]
    assert [p.name for p in gazetteer.lookup("新安", "street")] == ["新安街道"]
    assert [p.name for p in gazetteer.lookup("上川", "community")] == ["上川社区"]


def test_district_aliases_come_from_the_standard(standard: AddressStandard) -> None:
    gazetteer = small(standard)
    assert [p.name for p in gazetteer.lookup("龙华新区", "district")] == ["龙华区"]
    assert [p.name for p in gazetteer.lookup("大鹏新区", "district")] == ["龙岗区"]
    assert gazetteer.lookup("大鹏新", "district") == ()


def test_repeated_community_names_keep_their_streets(standard: AddressStandard) -> None:
    places = small(standard).lookup("凤凰社区", "community")
    assert sorted(p.parent or "" for p in places) == ["新安街道", "西乡街道"]


def test_find_reports_every_name_with_offsets(standard: AddressStandard) -> None:
    text = "宝安区新安街道上川社区上合花园5栋"
    hits = {(h.kind, text[h.start : h.end]) for h in small(standard).find(text)}
    assert {
        ("district", "宝安区"),
        ("street", "新安街道"),
        ("community", "上川社区"),
        ("complex", "上合花园"),
    } <= hits
    assert ("complex", "上合") in hits
    assert {(k, text[s:e]) for k, s, e in small(standard).spans(text)} == hits


def test_reference_gazetteer_knows_shenzhen(gazetteer: Gazetteer) -> None:
    assert [p.name for p in gazetteer.lookup("宝安", "district")] == ["宝安区"]
    assert len(gazetteer.lookup("凤凰社区", "community")) > 1
    assert gazetteer.lookup("深南大道", "road")
