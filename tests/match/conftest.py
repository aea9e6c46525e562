"""A small registry written by hand, and an engine over it (no database)."""

from __future__ import annotations

from functools import partial

import pytest

from addressreg.config import DEFAULT_STANDARD_DIR
from addressreg.match.engine import MatchingEngine, engine_for_index
from addressreg.match.index import RegistryIndex, build_index
from addressreg.match.rows import BuildingRow, ComplexRow, PlateRow, RoadRow, RoomRow, UnitRow
from addressreg.match.rules import MatchingRules, load_matching_rules
from addressreg.normalise.pipeline import normalise
from addressreg.standard import AddressStandard, load_standard
from addressreg.standard_address import load_address_format

NANSHAN, SHAHE, GAOFA = "440305", "440305003", "440305003001"
LONGHUA, MINZHI, MINKANG = "440309", "440309002", "440309002005"
GRID_GAOFA, GRID_MINKANG = "44030500300101", "44030900200501"
XIANGSHAN_1 = GRID_GAOFA + "00001"
XIANGSHAN_2 = GRID_GAOFA + "00002"
PLATE_66 = GRID_GAOFA + "00003"
JINCHENG_1 = GRID_MINKANG + "00001"
# Room codes are the registry's, not derived from unit / floor / number: suffixes are arbitrary.
ROOMS = {
    (XIANGSHAN_2, 1, "301"): XIANGSHAN_2 + "900001",
    (XIANGSHAN_2, 2, "301"): XIANGSHAN_2 + "900002",
    (XIANGSHAN_2, 2, "1203"): XIANGSHAN_2 + "900003",
    (XIANGSHAN_1, 1, "502"): XIANGSHAN_1 + "700001",
    (JINCHENG_1, 1, "2505"): JINCHENG_1 + "400001",
}
UNITLESS_ROOMS = {(PLATE_66, "201"): PLATE_66 + "100001"}


def units() -> list[UnitRow]:
    return [
        UnitRow(NANSHAN, "district", "南山区", None),
        UnitRow(SHAHE, "street", "沙河街道", NANSHAN),
        UnitRow(GAOFA, "community", "高发社区", SHAHE),
        UnitRow(GRID_GAOFA, "grid", "高发社区第一网格", GAOFA),
        UnitRow(LONGHUA, "district", "龙华区", None, ("龙华新区",)),
        UnitRow(MINZHI, "street", "民治街道", LONGHUA),
        UnitRow(MINKANG, "community", "民康社区", MINZHI),
        UnitRow(GRID_MINKANG, "grid", "民康社区第一网格", MINKANG),
    ]


def registry_index(standard: AddressStandard, rules: MatchingRules) -> RegistryIndex:
    """The hand-written registry as an index."""
    rooms = [RoomRow(code, b, u, n) for (b, u, n), code in ROOMS.items()]
    rooms += [RoomRow(code, b, None, n) for (b, n), code in UNITLESS_ROOMS.items()]
    return build_index(
        units(),
        [RoadRow(1, "泉园一路", NANSHAN), RoadRow(2, "松源路", LONGHUA)],
        [
            PlateRow(10, 1, "64", 113.97, 22.54),
            PlateRow(11, 1, "66", 113.97, 22.54),
            PlateRow(20, 2, "3", 114.02, 22.61),
        ],
        [
            ComplexRow(100, "世界花园香山居", GAOFA, 113.97, 22.54, ("香山居小区",)),
            ComplexRow(101, "华清园", GAOFA, 113.97, 22.54),
            ComplexRow(200, "中海锦城", MINKANG, 114.02, 22.61),
        ],
        [
            BuildingRow(XIANGSHAN_1, GRID_GAOFA, "1栋", 10, 100, 113.97, 22.54),
            BuildingRow(XIANGSHAN_2, GRID_GAOFA, "2栋", 10, 100, 113.97, 22.54),
            BuildingRow(PLATE_66, GRID_GAOFA, "", 11, None, 113.97, 22.54),
            BuildingRow(JINCHENG_1, GRID_MINKANG, "1栋", 20, 200, 114.02, 22.61),
        ],
        sorted(rooms, key=lambda r: r.building_code),
        normalise=partial(normalise, rules=standard.normalisation),
        suffixes={rule.level: rule.canonical for rule in standard.normalisation.suffixes},
        ignorable_names=rules.ignorable_names,
    )


@pytest.fixture(scope="session")
def standard() -> AddressStandard:
    return load_standard(DEFAULT_STANDARD_DIR)


@pytest.fixture(scope="session")
def matching_rules() -> MatchingRules:
    return load_matching_rules(DEFAULT_STANDARD_DIR)


@pytest.fixture(scope="session")
def small_engine(standard: AddressStandard, matching_rules: MatchingRules) -> MatchingEngine:
    index = registry_index(standard, matching_rules)
    return engine_for_index(index, standard, matching_rules, load_address_format(DEFAULT_STANDARD_DIR))
